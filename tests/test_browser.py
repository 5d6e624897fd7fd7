"""The reader features in a real browser: sorting, filtering, URL state, entry pages, BibTeX.

Drives Debian's chromium through Playwright (never ``playwright install``); skipped when either
is missing. The real survey is built to HTML once with its own theme (furo), served from
127.0.0.1, and every test saves a screenshot under ``tests/_artifacts/`` for a human to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "_artifacts"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def page(browser, survey_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=survey_url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == []


def shot(page, name: str, locator=None) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    target = locator if locator is not None else page
    target.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def column_values(table, index: int) -> list[str]:
    return table.evaluate(
        f"""t => Array.from(t.tBodies[0].rows)
            .filter(r => !r.hidden && !r.classList.contains('vlmcat-group'))
            .map(r => r.cells[{index}].textContent.trim())"""
    )


def datasets_table(page, survey_url):
    page.goto(f"{survey_url}/survey/datasets.html")
    # furo (the site's theme) moves the table's classes onto a wrapper div
    table = page.locator("table.vlmcat-interactive, .vlmcat-interactive > table").first
    table.wait_for()
    return table


def test_sort_numeric_and_toggle(page, survey_url):
    table = datasets_table(page, survey_url)
    headers = table.locator("thead th")
    names = [h.strip() for h in headers.all_inner_texts()]
    year = next(i for i, n in enumerate(names) if n.startswith("Year"))
    button = headers.nth(year).get_by_role("button")
    button.click()
    assert headers.nth(year).get_attribute("aria-sort") == "ascending"
    years = [int(v) for v in column_values(table, year) if v]
    assert years == sorted(years)
    button.click()
    assert headers.nth(year).get_attribute("aria-sort") == "descending"
    years = [int(v) for v in column_values(table, year) if v]
    assert years == sorted(years, reverse=True)
    assert "sort-" in page.url
    assert page.url.endswith("-year")
    button.focus()
    page.keyboard.press("Enter")  # headers are buttons: the keyboard sorts too
    assert headers.nth(year).get_attribute("aria-sort") == "ascending"
    shot(page, "chapter-table-sorted", table)


def test_filter_query_and_text_with_url_state(page, survey_url):
    table = datasets_table(page, survey_url)
    table_id = table.get_attribute("id")
    count = page.locator(f"#{table_id}-count")
    total = int(count.inner_text().split(" of ")[1])
    box = page.get_by_label("Filter").first
    box.fill("year:>=2021")
    page.wait_for_function(f"document.location.search.includes('filter-{table_id}')")
    shown, of = (int(x) for x in count.inner_text().split(" of "))
    assert of == total
    assert 0 < shown < total
    names = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    year = next(i for i, n in enumerate(names) if n.startswith("Year"))
    assert all(int(v) >= 2021 for v in column_values(table, year) if v)
    shot(page, "chapter-table-filtered")
    # a reload restores the filter from the URL
    page.reload()
    table.wait_for()
    assert page.get_by_label("Filter").first.input_value() == "year:>=2021"
    assert count.inner_text() == f"{shown} of {total}"
    # free text
    box = page.get_by_label("Filter").first
    box.fill("coco")
    page.wait_for_function("document.location.search.includes('coco')")
    text_shown = int(count.inner_text().split(" of ")[0])
    assert 0 < text_shown < total
    rows = table.locator("tbody tr:not([hidden])")
    assert rows.count() == text_shown
    # a query error is shown, nothing is hidden
    box.fill("nosuchfield:x")
    page.wait_for_function(
        f"document.getElementById('{table_id}-count').textContent.includes('error')"
    )
    assert "unknown field" in count.inner_text()


def test_query_language_port(page, survey_url):
    datasets_table(page, survey_url)
    result = page.evaluate(
        """() => {
        const q = window.vlmcatQuery, meta = JSON.parse(
            document.getElementById('vlmcat-data').textContent).meta;
        const e = {id: 'x', title: 'Big Data', year: 2022, venue: 'CVPR', parameters: '7B',
                   categories: ['transfer.prompt.text'], links: ['code'], label: 'BD',
                   relations: {trained_on: ['laion']}};
        const m = (text) => q.matches(meta, q.parse(meta, text), e);
        return [m('year:>=2022'), m('year:2020..2021'), m('-venue:cvpr'), m('venue:cvpr,iccv'),
                m('category:transfer'), m('has:code'), m('has:video'), m('big'),
                m('parameters:>5B'), m('uses:laion'), m('"big data"'), q.quantity('~400M'),
                m('year:2022,2023')];
    }"""
    )
    assert result == [
        True, False, False, True, True, True, False, True, True, True, True, 4e8, True
    ]  # fmt: skip
    # the same errors as the Python parser
    message = page.evaluate(
        """() => {
        const q = window.vlmcatQuery, meta = JSON.parse(
            document.getElementById('vlmcat-data').textContent).meta;
        try { q.parse(meta, 'year:abc'); return 'no error'; } catch (e) { return e.message; }
    }"""
    )
    assert "'abc' is not a year" in message


def test_entry_link_and_bibtex_copy(page, survey_url):
    page.goto(f"{survey_url}/survey/introduction.html")
    link = page.locator("a.vlmcat-ref", has_text="CLIP").first
    link.click()
    page.wait_for_url("**/entries/clip.html*")
    assert page.locator("h1").first.inner_text().startswith("CLIP")
    mentions = page.locator(".vlmcat-mentions a")
    assert mentions.count() >= 2
    assert page.locator(".vlmcat-related a").count() > 0
    button = page.get_by_role("button", name="Copy BibTeX")
    button.click()
    page.get_by_role("status").filter(has_text="Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@")
    assert "clip," in copied.splitlines()[0]
    shot(page, "entry-page", None)


def test_a_row_shows_its_permalink_on_hover(page, survey_url):
    table = datasets_table(page, survey_url)
    row = table.locator("tbody tr[id]").first
    row_id = row.get_attribute("id")
    assert row_id and row_id.startswith("vlmcat-")
    assert row.locator(".vlmcat-permalink").count() == 0  # made only when needed
    row.hover()
    link = row.locator("td").first.locator("a.vlmcat-permalink")
    assert link.get_attribute("href") == f"#{row_id}"
    assert link.get_attribute("aria-label") == "Link to this row"


def test_the_count_is_of_entries_not_rows(page, survey_url):
    # grouped by category, a table can show one entry in several groups: it counts once
    counted = []
    for chapter in ("datasets", "applications", "large-vlms"):
        page.goto(f"{survey_url}/survey/{chapter}.html")
        page.locator(".vlmcat-shown").first.wait_for()
        for table_id, text, ids in page.evaluate(
            """() => Array.from(document.querySelectorAll('.vlmcat-shown')).map(out => {
                const id = out.id.replace(/-count$/, '');
                const t = document.getElementById(id);
                const table = t.tagName === 'TABLE' ? t : t.querySelector('table');
                const ids = Array.from(table.tBodies[0].rows)
                    .map(r => (r.className.match(/vlmcat-id-\\S+/) || [null])[0])
                    .filter(Boolean);
                return [id, out.textContent, ids];
            })"""
        ):
            shown, total = (int(x) for x in text.split(" of "))
            assert shown == total == len(set(ids)), (chapter, table_id, text, len(ids))
            counted.append(len(ids) - len(set(ids)))
    assert any(counted), "no table shows an entry twice: the test checks nothing"


def facts_geometry(page) -> dict:
    """Where the labels and values of the entry page's short facts are: rounded boxes."""
    return page.evaluate(
        """() => { const box = el => { const r = el.getBoundingClientRect();
            return {left: Math.round(r.left), top: Math.round(r.top),
                    right: Math.round(r.right)}; };
        const dl = document.querySelector('.vlmcat-facts dl.vlmcat-short');
        return {dts: Array.from(dl.querySelectorAll(':scope > dt'), box),
                dds: Array.from(dl.querySelectorAll(':scope > dd'), box)}; }"""
    )


@pytest.mark.parametrize(("width", "columns"), [(1280, 2), (390, 1)])
def test_entry_page_facts_panel(page, survey_url, width: int, columns: int):
    """One line per field (label and value side by side); two fields a row on a desktop, one
    on a phone."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{survey_url}/entries/clip.html")
    found = facts_geometry(page)
    assert len(found["dts"]) >= 6
    for dt, dd in zip(found["dts"], found["dds"], strict=True):
        assert dt["top"] == dd["top"] and dd["left"] >= dt["right"], (dt, dd)
    assert len({dt["left"] for dt in found["dts"]}) == columns
    if columns == 2:
        first, second = found["dts"][:2]
        assert first["top"] == second["top"] and second["left"] > first["left"]
    shot(page, f"entry-page-facts-{width}")


def test_bibtex_copy_button_on_a_phone(page, survey_url):
    """At 390 px the button does not cover the record's first line (the whole width of the
    line box, however short its text); "Copied" is announced and turns back into the
    button's label after two seconds."""
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{survey_url}/entries/qwen2-vl.html")
    button = page.get_by_role("button", name="Copy BibTeX")
    button.scroll_into_view_if_needed()
    boxes = page.evaluate(
        """() => { const pre = document.querySelector('.vlmcat-bibtex pre');
        const range = document.createRange(); range.selectNodeContents(pre);
        const line = range.getClientRects()[0], box = pre.getBoundingClientRect();
        const b = document.querySelector('.vlmcat-bibtex button').getBoundingClientRect();
        return {line: [box.left, line.top, box.right, line.bottom],
                button: [b.left, b.top, b.right, b.bottom]}; }"""
    )
    (l1, t1, r1, b1), (l2, t2, r2, b2) = boxes["line"], boxes["button"]
    assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1, boxes  # no overlap
    status = page.locator(".vlmcat-bibtex [role=status]")
    assert status.get_attribute("aria-live") == "polite"
    button.click()
    # (the clipboard answers asynchronously)
    page.get_by_role("button", name="Copied").wait_for()
    status.filter(has_text="copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()").startswith("@")
    shot(page, "entry-page-copied-390")
    page.wait_for_function(
        "() => document.querySelector('.vlmcat-bibtex button').textContent === 'Copy BibTeX'",
        timeout=4000,
    )
    assert status.inner_text() == ""
