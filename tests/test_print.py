"""Printing from the browser: what paper shows of tables, cards, lists and entry pages.

The small project of ``tests/roots/test-themes`` is built with furo and with alabaster and served
from 127.0.0.1. Debian's Chromium (driven by Playwright, never ``playwright install``) opens its
pages at 794 px (A4 at 96 dpi) in print emulation, and the tests measure: the filter box, the
sort arrows, row permalinks and the BibTeX copy button are gone, the header titles stay, every
column of every table lies on the page (also when the narrow-screen stacked layout was on), no
element is wider than the page, and external links in catalog content print their target. A real
PDF (``page.pdf``) read with ``pdftotext`` must hold the last column's title and the printed
URLs, and no filter label. Screenshots and PDFs go to ``tests/_artifacts/print/``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from util import make_app_copy, served, warnings

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "_artifacts" / "print"
#: A4 at 96 dpi
PAGE_WIDTH = 794
#: margins of the PDFs: a little wider than a browser's default, so the tables' room is tight
MARGIN = "1.5cm"
#: the catalog content whose external links print their target
CONTENT = "table.vlmcat-table, .vlmcat-card, ul.vlmcat-list, .vlmcat-entry, .vlmcat-entry-page"
#: the content column of each theme, and the theme's own elements that reach into its margin
#: by design (furo's headings, by half a rem, for the background of a linked heading)
COLUMNS = {
    "furo": ("article[role=main]", "h1, h2, h3, h4, h5, h6"),
    "alabaster": ("div.body[role=main]", ":not(*)"),
}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api")


@dataclass(frozen=True)
class Site:
    name: str
    url: str


@pytest.fixture(scope="module", params=list(COLUMNS))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The project built with one theme and served over HTTP."""
    name = request.param
    if importlib.util.find_spec(name) is None:
        pytest.skip(f"theme {name} is not installed")
    app = make_app_copy(
        "test-themes",
        tmp_path_factory.mktemp(f"print-{name}") / "src",
        confoverrides={"html_theme": name},
    )
    try:
        app.build()
    finally:
        app.cleanup()  # other apps of this process must not meet its registrations
    assert warnings(app) == ""
    with served(Path(app.outdir)) as url:
        yield Site(name, url)


def settle(page: Any) -> None:
    """Wait two frames (the table script fits tables to their boxes in the next one)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


@contextlib.contextmanager
def printed(browser: Any, site: Site, name: str, width: int = PAGE_WIDTH, query: str = "") -> Any:
    """A page opened on screen at ``width`` (with the URL ``query``), then switched to print
    media at the page width; fails on script errors."""
    context = browser.new_context(viewport={"width": width, "height": 1123})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{site.url}/{name}.html{query}", wait_until="load")
        page.evaluate("async () => { await document.fonts.ready; }")
        settle(page)
        page.set_viewport_size({"width": PAGE_WIDTH, "height": 1123})
        page.emulate_media(media="print")
        settle(page)
        yield page
    finally:
        context.close()
    assert errors == []


def shot(page: Any, site: Site, stem: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{site.name}-{stem}.png"), full_page=True)


def pdf_text(page: Any, site: Site, stem: str) -> str:
    """The page printed to an A4 PDF, as ``pdftotext`` reads it, each run of white space (a
    line break, say) one space."""
    if shutil.which("pdftotext") is None:
        pytest.skip("needs pdftotext (poppler-utils)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{site.name}-{stem}.pdf"
    margins = dict.fromkeys(("top", "right", "bottom", "left"), MARGIN)
    page.pdf(path=str(path), format="A4", margin=margins)
    done = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return " ".join(done.stdout.split())


# ---------------------------------------------------------------------------- measurements

#: Elements of ours that must not print, by selector: those present and laid out
SHOWN = """(sel) => Array.from(document.querySelectorAll(sel))
    .filter(el => el.getClientRects().length).map(el => el.outerHTML.slice(0, 80))"""

#: The page: the theme's content column, which must not be wider than the document (what the
#: browser fits to the paper; alabaster's print layout is 940 px wide and is scaled down)
PAGE = """(column) => { const c = document.querySelector(column).getBoundingClientRect();
    const doc = document.documentElement.scrollWidth;
    return {left: c.left, right: c.right, doc,
            problems: c.left < -0.5 || c.right > doc + 0.5 ? [`column ${c.right} of ${doc}`] : []};
    }"""

#: Header and body cells of every table, outside the column or without a size
OFF_PAGE = """(page) => Array.from(document.querySelectorAll('table.vlmcat-table')).flatMap(t =>
    Array.from(t.querySelectorAll('thead th, tbody tr:not([hidden]) > td'), c => {
        const r = c.getBoundingClientRect();
        return r.width > 0 && r.left >= page.left - 0.5 && r.right <= page.right + 0.5 ? null
            : `${t.id} ${c.tagName} ${c.textContent.trim().slice(0, 20)}: `
              + `${Math.round(r.left)}..${Math.round(r.right)} of ${page.right}`;
    }).filter(Boolean))"""

#: Elements in the content column reaching past it
TOO_WIDE = """([column, bleeds, page]) => Array.from(document.querySelectorAll(column + ' *'))
    .filter(el => {
    if (el.matches(bleeds)) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.right > page.right + 0.5 || r.left < page.left - 0.5);
    }).map(el => el.tagName + '.' + el.className + ': ' + el.textContent.trim().slice(0, 30))"""

#: The ``::after`` content of each external link in catalog content, with its target
LINK_AFTER = """(content) => Array.from(document.querySelectorAll(
    `:is(${content}) a.reference.external[href^="http"]`),
    a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])"""


def wide_or_off(page: Any, site: Site) -> list[str]:
    """Table cells and other elements outside the page's content column."""
    column, bleeds = COLUMNS[site.name]
    box = page.evaluate(PAGE, column)
    too_wide = page.evaluate(TOO_WIDE, [column, bleeds, box])
    return box["problems"] + page.evaluate(OFF_PAGE, box) + too_wide


# ---------------------------------------------------------------------------- tests


def test_controls_do_not_print(site: Site, browser: Any):
    with printed(browser, site, "tables") as page:
        page.hover("table#tbl-grouped tbody tr:nth-child(2) td")  # makes a row permalink
        assert page.locator(".vlmcat-controls").count() == 3
        for selector in (".vlmcat-controls", ".vlmcat-arrow", "a.vlmcat-permalink"):
            assert page.evaluate(SHOWN, selector) == [], selector
        # the titles stay, as text: no arrow after them, no button look around them
        heads = page.evaluate(
            """() => Array.from(document.querySelectorAll('table.vlmcat-table thead th'), th => {
            const b = th.querySelector('button.vlmcat-sort'), s = getComputedStyle(b);
            return [th.innerText.trim(), s.borderStyle, s.backgroundColor,
                    getComputedStyle(th).position]; })"""
        )
        assert len(heads) == 9 + 6 + 4
        for text, border, background, position in heads:
            assert text and "\u2195" not in text, text
            assert (border, background) == ("none", "rgba(0, 0, 0, 0)"), text
            assert position == "static", text
        shot(page, site, "tables")


def test_bibtex_copy_button_does_not_print(site: Site, browser: Any):
    with printed(browser, site, "entries/clip") as page:
        assert page.locator("button.vlmcat-copy").count() == 1
        assert page.evaluate(SHOWN, "button.vlmcat-copy, .vlmcat-copied") == []
        shot(page, site, "entry")


@pytest.mark.parametrize("name", ["tables", "cards", "lists", "entries/clip"])
def test_everything_on_the_page(site: Site, browser: Any, name: str):
    with printed(browser, site, name) as page:
        assert wide_or_off(page, site) == []


def test_stacked_rows_print_as_a_table(site: Site, browser: Any):
    """Printed from a phone, whose screen stacked the wide table's rows: paper shows the table."""
    with printed(browser, site, "tables", width=390) as page:
        # the class as the phone's screen left it (the script may drop it on the new width)
        page.evaluate(
            "() => document.querySelectorAll('.vlmcat-table-box')"
            ".forEach(b => b.classList.add('vlmcat-stacked'))"
        )
        settle(page)
        displays = page.evaluate(
            """() => Array.from(document.querySelectorAll('table#tbl-wide tr, table#tbl-wide td'),
            el => getComputedStyle(el).display)"""
        )
        assert set(displays) == {"table-row", "table-cell"}
        assert wide_or_off(page, site) == []
        shot(page, site, "tables-stacked")


@pytest.mark.parametrize("name", ["tables", "cards", "lists", "entries/clip"])
def test_external_links_print_their_target(site: Site, browser: Any, name: str):
    with printed(browser, site, name) as page:
        links = page.evaluate(LINK_AFTER, CONTENT)
        assert links, "no external links in catalog content"
        for href, after in links:
            assert after == f'" <{href}>"', href
        # links within the site print as they are
        internal = page.evaluate(
            "() => Array.from(document.querySelectorAll('a.vlmcat-ref'),"
            " a => getComputedStyle(a, '::after').content)"
        )
        assert set(internal) <= {"none", "normal"}


def test_pdf_of_a_table_page(site: Site, browser: Any):
    with printed(browser, site, "tables") as page:
        text = pdf_text(page, site, "tables")
    assert "Filter" not in text
    assert "\u2195" not in text  # the sort arrows
    for title in ("Links", "Task", "Venue"):  # each table's last column
        assert title in text
    assert "<https://" in text


def test_pdf_of_an_entry_page(site: Site, browser: Any):
    with printed(browser, site, "entries/clip") as page:
        text = pdf_text(page, site, "entry")
    assert "Paper <https://arxiv.org/abs/2103.00020>" in text
    assert "Code <https://github.com/openai/CLIP>" in text
    assert "Copy BibTeX" not in text


def test_a_filtered_table_prints_its_rows_and_its_filter(site: Site, browser: Any):
    """Paper shows what the screen shows, and says which filter left rows out."""
    with printed(browser, site, "tables", query="?filter-tbl-grouped=year:%3E%3D2024") as page:
        text = pdf_text(page, site, "tables-filtered")
    assert "Filtered: year:>=2024 \u2014 3 of 12" in text
    assert "CoOp" not in text  # 2022, in the grouped table only
    assert text.count("Filter") == 1  # the unfiltered tables say nothing
