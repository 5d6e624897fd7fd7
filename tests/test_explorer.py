"""The explorer page (``explore.html``): what the build writes, and the page in a real browser.

The build checks run everywhere. The browser checks drive Debian's chromium through Playwright
(never ``playwright install``) over ``tests/roots/test-basic`` built with furo and served from
127.0.0.1, and compare what the page shows with what the Python query layer selects from the
same catalog: the script that filters is ``vlmcatalog-query.js``, the twin of
``catalog/query.py``, so the two must agree entry for entry. Screenshots go to
``tests/_artifacts/``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.catalog.query import select
from sphinx_vlmcatalog.catalog.query_data import entry_data
from sphinx_vlmcatalog.catalog.selection import run_selection
from util import build_once, make_app_copy, served, warnings

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).parent / "_artifacts"
CATALOG = Path(__file__).parent / "roots" / "test-basic" / "catalog"

browser_test = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")

#: Queries whose selection the page must show exactly as Python selects it.
QUERIES = [
    "",
    "kind:model",
    "kind:paper,model year:>=2022",
    "has:code",
    "-has:code",
    "category:pretraining",
    "category:transfer.prompt",
    "year:2020..2022",
    "year:..2010",
    "venue:CVPR",
    'venue:"A&B #1"',
    "clip",
    "-kind:dataset -kind:model",
    "uses:webimagetext",
    "has:model",
    "title:prompt*",
]


def script_data(path: Path) -> Any:
    """The value a ``window.x = {...};`` script assigns (``path``: a glob pattern may name it)."""
    if "*" in path.name:
        (path,) = path.parent.glob(path.name)
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("=") + 1 :].strip().rstrip(";"))


@pytest.fixture(scope="module")
def catalog() -> Any:
    return load_catalog([CATALOG]).catalog


# ---------------------------------------------------------------------- the build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_once("test-basic", tmp_path_factory.mktemp("explorer-build") / "src")


def test_page_and_data_are_written(built: Any, catalog: Any) -> None:
    out = Path(built.outdir)
    page = (out / "explore.html").read_text(encoding="utf-8")
    assert 'id="vlmcat-x-query"' in page
    assert re.search(r"_static/vlmcatalog-explorer-data-[0-9a-f]{12}\.js", page)
    assert "vlmcatalog-query.js" in page
    assert page.index("vlmcatalog-query.js") < page.index("vlmcatalog-explorer.js")
    data = script_data(out / "_static" / "vlmcatalog-explorer-data-*.js")
    assert data["ids"] == [e.id for e in catalog]
    assert data["entries"] == {e.id: entry_data(e, catalog.schema) for e in catalog}
    assert data["known"]["kind"] == sorted(
        ["paper", "model", "dataset", "benchmark", "resource", "topic"]
    )
    records = script_data(out / "_static" / "vlmcatalog-explorer-records.js")
    assert set(records) == set(data["ids"])
    assert records["bare"][0] == ""  # a topic has no BibTeX record, as in catalog.bib
    assert records["clip"][0].startswith("@") and json.loads(records["clip"][1])["id"] == "clip"
    assert warnings(built) == ""


def test_each_entry_links_to_its_home(built: Any, catalog: Any) -> None:
    out = Path(built.outdir)
    hrefs = script_data(out / "_static" / "vlmcatalog-explorer-data-*.js")["hrefs"]
    assert hrefs["bare"]  # a topic without links still has its table row or card
    for key, href in hrefs.items():
        if href.startswith("https://"):
            assert href in catalog.entries[key].links.values()
            continue
        page, anchor = href.split("#")
        assert f'id="{anchor}"' in (out / page).read_text(encoding="utf-8"), href


def test_entry_pages_are_the_links_when_there_are_some(tmp_path: Path) -> None:
    app = build_once(
        "test-basic", tmp_path / "src", confoverrides={"vlmcatalog_entry_pages": "entries"}
    )
    hrefs = script_data(Path(app.outdir) / "_static" / "vlmcatalog-explorer-data-*.js")["hrefs"]
    assert all(h.startswith(f"entries/{k}.html#") for k, h in hrefs.items()), hrefs


@pytest.mark.parametrize(
    ("value", "page"), [("", None), ("catalog-explorer", "catalog-explorer.html")]
)
def test_the_page_can_be_renamed_or_switched_off(tmp_path: Path, value: str, page: str) -> None:
    app = build_once("test-basic", tmp_path / "src", confoverrides={"vlmcatalog_explorer": value})
    out = Path(app.outdir)
    assert not (out / "explore.html").exists()
    assert (page is None) == (not list((out / "_static").glob("vlmcatalog-explorer-data-*.js")))
    if page:
        assert (out / page).exists()


def test_no_page_where_a_document_has_its_name(tmp_path: Path) -> None:
    src = tmp_path / "src"
    app = make_app_copy("test-basic", src)
    (src / "explore.rst").write_text(":orphan:\n\nMine\n====\n", encoding="utf-8")
    try:
        app.build()
    finally:
        app.cleanup()
    assert "a document 'explore' exists" in warnings(app)
    assert "Mine" in (Path(app.outdir) / "explore.html").read_text(encoding="utf-8")


ROLE_PAGE = """:orphan:

Links
=====

See :vlm-explore:`the explorer` and :vlm-explore:`the models <kind:model year:>=2021>`.
"""


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_the_role_links_to_the_explorer(tmp_path: Path, builder: str) -> None:
    src = tmp_path / "src"
    app = make_app_copy("test-basic", src, builder)
    (src / "links.rst").write_text(ROLE_PAGE, encoding="utf-8")
    (src / "bad.rst").write_text(":orphan:\n\n:vlm-explore:`x <yaer:1>`\n", encoding="utf-8")
    try:
        app.build()
    finally:
        app.cleanup()
    assert "vlm-explore: unknown field 'yaer' (did you mean 'year'?)" in warnings(app)
    if builder == "html":
        html = (Path(app.outdir) / "links.html").read_text(encoding="utf-8")
        assert 'href="explore.html"' in html
        assert 'href="explore.html?q=kind:model%20year:%3E%3D2021"' in html
    else:
        tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
        assert "explore.html" not in tex


# ---------------------------------------------------------------------- in a browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    pytest.importorskip("furo")
    app = build_once(
        "test-basic",
        tmp_path_factory.mktemp("explorer-site") / "src",
        confoverrides={"html_theme": "furo"},
    )
    with served(Path(app.outdir)) as url:
        yield url, Path(app.outdir)


@pytest.fixture
def page(browser: Any, site: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == []


def open_explorer(page: Any, site: Any, search: str = "") -> None:
    page.goto(f"{site[0]}/explore.html{search}")
    page.locator("#vlmcat-explorer.vlmcat-x-ready").wait_for()


def run_query(page: Any, text: str) -> None:
    """Type a query and press Enter (which applies it at once)."""
    box = page.get_by_label("Query", exact=True)
    box.fill(text)
    box.press("Enter")


def shown_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#vlmcat-x-results [data-vlm-id]", "els => els.map(e => e.dataset.vlmId)"
    )


def facet_counts(page: Any) -> dict[str, int]:
    return dict(
        page.eval_on_selector_all(
            "[data-term]",
            "bs => bs.map(b => [b.dataset.term, +b.lastChild.textContent.replace(/,/g, '')])",
        )
    )


def alternatives_of(field: str, token: str) -> bool:
    """Whether ``token`` lists values of ``field``'s facet (as ``kind:a,b``; not a range)."""
    prefix = f"{field}:"
    value = token.removeprefix(prefix)
    return field != "has" and token.startswith(prefix) and not re.match(r"[<>]|.*\.\.", value)


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning")]


@pytest.mark.slow
@browser_test
def test_queries_show_what_python_selects(page: Any, site: Any, catalog: Any) -> None:
    open_explorer(page, site)
    assert shown_ids(page) == [e.id for e in catalog]
    for text in QUERIES:
        run_query(page, text)
        expected = [e.id for e in select(catalog, text)]
        assert shown_ids(page) == expected, text
        total = len(catalog)
        assert page.locator("#vlmcat-x-status").inner_text() == (
            f"{len(expected)} of {total} entries match."
        )
    # typing, without Enter, filters too once the keys pause
    page.get_by_label("Query", exact=True).fill("kind:dataset")
    page.wait_for_function("document.location.search.includes('kind%3Adataset')")
    assert shown_ids(page) == [e.id for e in select(catalog, "kind:dataset")]


@pytest.mark.slow
@browser_test
def test_facet_counts_are_python_counts(page: Any, site: Any, catalog: Any) -> None:
    open_explorer(page, site)
    queries = ["", "has:code", "year:>=2022", "category:transfer", "kind:model,dataset has:code"]
    for text in queries:
        run_query(page, text)
        counts = facet_counts(page)
        assert {"kind:model", "has:code", "category:pretraining", "year:2022"} <= set(counts)
        assert 'venue:"A&B #1"' in counts
        for term, count in counts.items():
            # a value of a facet the query already chooses from counts without that choice
            field = term.split(":")[0]
            rest = " ".join(t for t in text.split() if not alternatives_of(field, t))
            assert count == len(select(catalog, f"{rest} {term}")), (text, term)


@pytest.mark.slow
@browser_test
def test_a_facet_edits_the_query_and_the_url(page: Any, site: Any, catalog: Any) -> None:
    open_explorer(page, site)
    box = page.get_by_label("Query", exact=True)
    page.locator('[data-term="kind:paper"]').click()
    assert box.input_value() == "kind:paper"
    assert "q=kind%3Apaper" in page.url
    assert page.locator('[data-term="kind:paper"]').get_attribute("aria-pressed") == "true"
    assert shown_ids(page) == [e.id for e in select(catalog, "kind:paper")]
    # values of one facet are alternatives, in one term; link toggles are separate terms
    page.locator('[data-term="kind:model"]').click()
    assert box.input_value() == "kind:paper,model"
    assert shown_ids(page) == [e.id for e in select(catalog, "kind:paper,model")]
    assert page.locator('[data-term="kind:paper"]').get_attribute("aria-pressed") == "true"
    page.locator('[data-term="kind:paper"]').click()
    assert box.input_value() == "kind:model"
    page.locator('[data-term="has:code"]').click()
    assert box.input_value() == "kind:model has:code"
    page.locator('[data-term="kind:model"]').click()
    page.locator('[data-term="has:code"]').click()
    assert box.input_value() == ""
    run_query(page, "kind:paper")
    # subcategories appear once their parent is in the query, and choosing one narrows to it
    child = page.locator('[data-term="category:transfer.prompt"]')
    assert child.is_hidden()
    page.locator('[data-term="category:transfer"]').click()
    assert box.input_value() == "kind:paper category:transfer"
    assert child.is_visible()
    child.click()
    assert box.input_value() == "kind:paper category:transfer.prompt"
    run_query(page, "category:transfer")
    # a second click takes the term out again
    page.locator('[data-term="category:transfer"]').click()
    assert box.input_value() == ""
    assert "q=" not in page.url
    # the year range
    page.get_by_label("From").fill("2022")
    page.get_by_label("From").press("Enter")
    page.get_by_label("From").blur()
    assert box.input_value() == "year:2022.."
    assert shown_ids(page) == [e.id for e in select(catalog, "year:2022..")]
    shot(page, "explorer-facets")


@pytest.mark.slow
@browser_test
def test_back_and_forward_restore_the_state(page: Any, site: Any, catalog: Any) -> None:
    open_explorer(page, site)
    box = page.get_by_label("Query", exact=True)
    run_query(page, "kind:paper")
    page.get_by_role("button", name="Cards").click()
    page.get_by_label("Sort by").select_option("year")
    assert "sort=year" in page.url and "layout=cards" in page.url
    page.go_back()
    page.wait_for_function("!location.search.includes('sort=')")
    assert page.get_by_label("Sort by").input_value() == ""
    assert page.locator(".vlmcat-x-cards [data-vlm-id]").count() == 4
    page.go_back()
    page.wait_for_function("!location.search.includes('layout=')")
    assert page.locator("table.vlmcat-x-table").count() == 1
    assert box.input_value() == "kind:paper"
    page.go_back()
    page.wait_for_function("location.search === ''")
    assert box.input_value() == ""
    assert len(shown_ids(page)) == len(catalog)
    page.go_forward()
    page.wait_for_function("location.search.includes('kind%3Apaper')")
    assert box.input_value() == "kind:paper"
    assert shown_ids(page) == [e.id for e in select(catalog, "kind:paper")]
    # a shared link opens in its state
    open_explorer(page, site, "?q=has%3Acode&sort=-year&layout=cards")
    assert box.input_value() == "has:code"
    assert shown_ids(page) == [e.id for e in run_selection(catalog, "has:code", "-year", None)]


@pytest.mark.slow
@browser_test
def test_sorting_orders_as_python_does(page: Any, site: Any, catalog: Any) -> None:
    open_explorer(page, site)
    for sort in ["year", "-year", "kind", "-venue"]:
        page.get_by_label("Sort by").select_option(sort.lstrip("-"))
        descending = page.locator("#vlmcat-x-order")
        if (descending.get_attribute("aria-pressed") == "true") != sort.startswith("-"):
            descending.click()
        expected = [e.id for e in run_selection(catalog, "", sort, None)]
        assert shown_ids(page) == expected, sort
        assert page.url.endswith(f"sort={sort}")
    # the list's column headers sort too, and say how
    header = page.locator("table.vlmcat-x-table thead th", has_text="Year")
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert shown_ids(page) == [e.id for e in run_selection(catalog, "", "-year", None)]


@pytest.mark.slow
@browser_test
def test_layouts_show_the_same_entries(page: Any, site: Any, catalog: Any) -> None:
    open_explorer(page, site, "?q=-kind%3Adataset")
    in_list = shown_ids(page)
    page.get_by_role("button", name="Cards").click()
    assert page.locator("ul.vlmcat-x-cards > li[data-vlm-id]").count() == len(in_list)
    assert shown_ids(page) == in_list
    assert page.get_by_role("button", name="Cards").get_attribute("aria-pressed") == "true"
    # the entry's home: here its vlm-entry block (there are no entry pages)
    link = page.locator('[data-vlm-id="clip"] a').first
    assert link.get_attribute("href") == "entries.html#vlm-clip"
    shot(page, "explorer-cards")


@pytest.mark.slow
@browser_test
def test_the_help_opens_and_closes_with_the_keyboard(page: Any, site: Any) -> None:
    open_explorer(page, site)
    button = page.get_by_role("button", name="Syntax help")
    panel = page.locator("#vlmcat-x-help")
    assert button.get_attribute("aria-expanded") == "false" and panel.is_hidden()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true" and panel.is_visible()
    assert "category:transfer" in panel.inner_text()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and panel.is_hidden()
    assert page.evaluate("document.activeElement.id") == "vlmcat-x-help-button"
    page.keyboard.press("Space")
    assert panel.is_visible()
    page.locator("h1").click()  # a click elsewhere closes it too
    assert panel.is_hidden()


@pytest.mark.slow
@browser_test
@pytest.mark.parametrize(
    ("typed", "hint", "fixed"),
    [
        ("yaer:2021", "unknown field 'yaer' (did you mean 'year'?)", "year:2021"),
        ("kind:modle", "kind:modle matches nothing: no such value (did you mean 'model'?)",
         "kind:model"),
        ("has:code category:pretrainng", "(did you mean 'pretraining'?)",
         "has:code category:pretraining"),
    ],
)  # fmt: skip
def test_did_you_mean(
    page: Any, site: Any, catalog: Any, typed: str, hint: str, fixed: str
) -> None:
    open_explorer(page, site)
    run_query(page, typed)
    hints = page.locator("#vlmcat-x-hints")
    assert hint in hints.inner_text()
    hints.get_by_role("button", name=f"Search for {fixed}").click()
    assert page.get_by_label("Query", exact=True).input_value() == fixed
    assert shown_ids(page) == [e.id for e in select(catalog, fixed)]
    assert hints.inner_text() == ""


@pytest.mark.slow
@browser_test
@pytest.mark.parametrize("query", ["has:code", "-kind:dataset"])
def test_downloads_hold_the_selection(page: Any, site: Any, catalog: Any, query: str) -> None:
    bibtexparser = pytest.importorskip("bibtexparser")
    open_explorer(page, site, "?sort=-year")
    run_query(page, query)
    expected = [e.id for e in run_selection(catalog, query, "-year", None)]

    def download(label: str) -> str:
        with page.expect_download() as info:
            page.get_by_role("group", name="Download selection").get_by_role(
                "button", name=label
            ).click()
        return Path(info.value.path()).read_bytes().decode("utf-8")

    data = json.loads(download("JSON"))
    assert data["query"] == query
    assert [e["id"] for e in data["entries"]] == expected
    raw = download("CSV")
    # RFC 4180: CRLF after every record, the header included
    assert raw.endswith("\r\n") and raw.count("\r\n") >= len(expected) + 1
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert [r["id"] for r in rows] == expected
    by_id = {r["id"]: r for r in rows}
    for key in expected:
        entry = catalog.entries[key]
        assert by_id[key]["title"] == entry.title
        assert by_id[key]["paper"] == (entry.links.get("paper") or "")
    library = bibtexparser.parse_string(download("BibTeX"))
    assert not library.failed_blocks
    citable = [k for k in expected if catalog.entries[k].kind != "topic"]
    assert [e.key for e in library.entries] == citable


HOSTILE_CSV = {
    "id": "x",
    "kind": "paper",
    "title": 'Say "hi", then\nbreak\r\nlines',
    "authors": ["A, B", "C"],
    "summary": ',leading comma and trailing quote"',
    "venue": '=HYPERLINK("https://evil.example","x")',
    "short": "@SUM(1+1)",
    "links": {"paper": "https://example.org/?a=1,2"},
}


@pytest.mark.slow
@browser_test
def test_csv_is_rfc_4180(page: Any, site: Any) -> None:
    open_explorer(page, site)
    raw = page.evaluate(
        "r => vlmcatExplorerExport.text('csv', ['x'], {x: ['', JSON.stringify(r)]}, '')",
        HOSTILE_CSV,
    )
    # each record ends in CRLF (the third is the title's own, kept inside its quotes)
    assert raw.endswith("\r\n") and raw.count("\r\n") == 3
    rows = list(csv.reader(io.StringIO(raw, newline=""), strict=True))
    header, row = rows
    got = dict(zip(header, row, strict=True))
    assert got["title"] == HOSTILE_CSV["title"]
    assert got["authors"] == "A, B; C"
    assert got["summary"] == HOSTILE_CSV["summary"]
    # text that a spreadsheet would run as a formula is kept as text
    assert got["venue"] == "'" + HOSTILE_CSV["venue"]
    assert got["short"] == "'@SUM(1+1)"
    assert got["year"] == ""
    assert got["paper"] == "https://example.org/?a=1,2"
    assert got["code"] == ""


@pytest.mark.slow
@browser_test
@pytest.mark.skipif(not AXE.exists(), reason="run: npm ci --prefix tests/a11y")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser: Any, site: Any, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        open_explorer(page, site, "?q=year%3A..2030&layout=cards")
        page.get_by_role("button", name="Syntax help").click()
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document)")
    finally:
        context.close()
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, bad


@pytest.mark.slow
@browser_test
def test_the_survey_links_its_numbers_to_the_explorer(
    browser: Any, survey_site: tuple[Path, str]
) -> None:
    html, _warnings = survey_site
    index = (html / "index.html").read_text(encoding="utf-8")
    assert 'href="explore.html?q=kind:model"' in index
    catalog = load_catalog([Path(__file__).parent.parent / "catalog"]).catalog
    with served(html) as url:
        page = browser.new_page()
        page.goto(f"{url}/index.html")
        page.locator('a[href="explore.html?q=kind:model"]').first.click()
        page.locator("#vlmcat-explorer.vlmcat-x-ready").wait_for()
        models = len(select(catalog, "kind:model"))
        assert page.locator("#vlmcat-x-status").inner_text().startswith(f"{models} of ")
        assert page.locator("#vlmcat-x-results [data-vlm-id]").count() == min(models, 100)
        page.close()
