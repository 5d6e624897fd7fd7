"""Cards, tables, the filter box, lists, entry pages and charts in every popular theme.

One small project (``tests/roots/test-themes``: a card grid, a single card, a plain sphinx-design
grid, a wide table, a table with ``:widths:``, a grouped table, a list, a chart and entry pages)
is built once per theme and served from 127.0.0.1. Debian's Chromium, driven by Playwright
(never ``playwright install``), looks at it at 1280 and 390 px, in the light and the dark colour
scheme (for themes with a switch, also the theme's own dark mode), and the tests measure what a
reader would see: card bodies have padding, the cards of a row are equally wide with a gap
between them, no text leaves its card, nothing is wider than the text column unless it sits in a
box that scrolls sideways and shows it, the header row of a scrolled table stays in view,
``:widths:`` hold, narrow screens stack a table's rows, the filter box and sort buttons work,
and text keeps a contrast of 4.5:1. Screenshots of the cards and tables pages go to
``tests/_artifacts/themes/``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from util import make_app_copy, served, warnings

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "_artifacts" / "themes"
#: axe-core, if installed (``npm ci --prefix tests/a11y``): then our parts of each page are
#: checked for serious and critical violations too (the themes' own are theirs)
AXE = Path(__file__).parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
PROBES = (Path(__file__).parent / "themes_geometry.js").read_text(encoding="utf-8")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api")


@dataclass(frozen=True)
class Theme:
    """What the tests need to know of a theme."""

    #: the content column: the element whose content box the text fills
    column: str
    #: the theme's own dark mode: (element, attribute) it sets, and the localStorage settings
    #: that choose it, as the theme documents them; None for themes without a dark mode
    dark: tuple[str, str, dict[str, str]] | None = None
    #: the theme's own elements that reach into the column's margin by design
    bleeds: str = ""


THEMES = {
    "alabaster": Theme("div.body[role=main]"),
    # furo: body[data-theme], chosen by localStorage "theme" (auto, light, dark)
    # (its headings reach half a rem into the margin, for the background of a linked heading)
    "furo": Theme(
        "article[role=main]", ("body", "data-theme", {"theme": "dark"}), "h1, h2, h3, h4, h5, h6"
    ),
    # pydata and book: html[data-theme], chosen by localStorage "mode" (auto, light, dark)
    "pydata_sphinx_theme": Theme("article.bd-article", ("html", "data-theme", {"mode": "dark"})),
    "sphinx_book_theme": Theme("article.bd-article", ("html", "data-theme", {"mode": "dark"})),
    "sphinx_rtd_theme": Theme("div[itemprop=articleBody]"),
}
WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")
PAGES = ("cards", "tables", "lists", "chart", "entries/clip", "entries/index")
#: sphinx-design's rows bleed into the column's margin by half a gutter, by design (their
#: columns' padding brings the cards back inside): not an overflow
BLEEDS = ".sd-row"
#: WCAG AA for body text
MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class Site:
    name: str
    theme: Theme
    url: str


@pytest.fixture(scope="module", params=list(THEMES))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The project built with one theme (once per theme) and served over HTTP."""
    name = request.param
    if importlib.util.find_spec(name) is None:
        pytest.skip(f"theme {name} is not installed")
    app = make_app_copy(
        "test-themes",
        tmp_path_factory.mktemp(f"theme-{name}") / "src",
        confoverrides={"html_theme": name},
    )
    try:
        app.build()
    finally:
        # cleaned up at once: other apps of this process must not meet its registrations
        app.cleanup()
    assert warnings(app) == ""
    with served(Path(app.outdir)) as url:
        yield Site(name, THEMES[name], url)


@contextlib.contextmanager
def opened(
    browser: Any, site: Site, name: str, width: int, scheme: str = "light", *, shot: bool = False
) -> Any:
    """A page at ``width`` in ``scheme`` (and the theme's own dark mode), laid out and idle,
    with the probes of ``themes_geometry.js`` as ``window.probe``; fails on script errors."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, reduced_motion="reduce"
    )
    if scheme == "dark" and site.theme.dark is not None:
        settings = site.theme.dark[2]
        context.add_init_script(
            "".join(f"localStorage.setItem({k!r}, {v!r});" for k, v in settings.items())
        )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{site.url}/{name}.html", wait_until="load")
        page.evaluate("async () => { await document.fonts.ready; }")
        settle(page)
        page.evaluate(f"window.probe = {PROBES}")
        yield page
        if shot:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            stem = f"{site.name}-{name.replace('/', '-')}-{width}-{scheme}"
            page.screenshot(path=str(ARTIFACTS / f"{stem}.png"))
    finally:
        context.close()
    assert errors == []


def settle(page: Any) -> None:
    """Wait two frames (the table script fits tables to their boxes in the next one)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


# ---------------------------------------------------------------------------- what a page shows


def column_problems(page: Any, site: Site) -> list[str]:
    """Elements wider than the content column, outside a scroll box with a visible cue."""
    skip = ", ".join(s for s in (BLEEDS, site.theme.bleeds) if s)
    found = page.evaluate("([c, s]) => probe.overflowing(c, s)", [site.theme.column, skip])
    return [f"wider than the column: {f}" for f in found]


def card_problems(page: Any, width: int) -> list[str]:
    """Card bodies without padding, text outside its card, ``container`` classes; cards of a
    row unequal or touching."""
    problems = []
    for selector in ("div.vlmcat-card", "div.sd-card:not(.vlmcat-card)"):
        cards = page.evaluate(f"probe.cards({selector!r})")
        if len(cards) < 3:
            problems.append(f"{len(cards)} cards for {selector}")
        for card in cards:
            if not all(p > 0 for p in card["padding"]):
                problems.append(f"card body without padding: {card}")
            if card["scrolls"] or card["outside"]:
                problems.append(f"text outside its card: {card}")
            if card["containers"]:
                problems.append(f"a 'container' class around a card: {card}")
    grid = page.evaluate("probe.cards('#model-cards div.vlmcat-card')")
    rows: dict[int, list[dict[str, Any]]] = {}
    for card in grid:
        rows.setdefault(round(card["top"]), []).append(card)
    if len(grid) != 5:
        problems.append(f"{len(grid)} cards in the grid")
    if width >= 1280 and max(len(r) for r in rows.values()) < 2:
        problems.append("one card per row on a desktop")
    for row in rows.values():
        row.sort(key=lambda c: c["left"])
        widths = [round(c["width"], 1) for c in row]
        if max(widths) - min(widths) > 1:
            problems.append(f"cards of one row of unequal widths: {widths}")
        for left, right in itertools.pairwise(row):
            if right["left"] - left["right"] <= 1:
                problems.append(f"no gap between {left['title']} and {right['title']}")
    tops = sorted(rows)
    for upper, lower in itertools.pairwise(tops):
        if lower - max(c["bottom"] for c in rows[upper]) <= 1:
            problems.append(f"no gap between rows at {upper} and {lower}")
    return problems


def table_problems(page: Any, width: int) -> list[str]:
    """At desktop width: the wide table scrolls in its box with a cue and a tab stop, a table
    that fits has neither, headers wrap, ``:widths:`` hold. At phone width: the wide table's
    rows are stacked cards whose cells name their column."""
    problems = []
    split = page.evaluate("() => probe.splitWords('table.vlmcat-table td, table.vlmcat-table th')")
    if split:
        problems.append(f"words split over two lines: {split}")
    wide = page.evaluate("() => probe.box('tbl-wide')")
    fits = page.evaluate("() => probe.box('tbl-grouped')")
    if width >= 1280:
        if not (wide["overflows"] and wide["scrollsX"]):
            problems.append(f"nine columns fit, or do not scroll: {wide}")
        if not {"vlmcat-overflows", "vlmcat-more-right"} <= set(wide["classes"]):
            problems.append(f"no cue on the right edge: {wide}")
        if "vlmcat-more-left" in wide["classes"]:
            problems.append(f"a cue on the left edge before scrolling: {wide}")
        if wide["tabindex"] != "0" or not wide["hint"] or wide["maxHeight"] == "none":
            problems.append(f"scroll box without tab stop, hint or height limit: {wide}")
        if "vlmcat-overflows" in fits["classes"] or fits["tabindex"] is not None or fits["hint"]:
            problems.append(f"a table that fits is marked as scrolling: {fits}")
        white = page.evaluate(
            """() => Array.from(document.querySelectorAll('th button.vlmcat-sort'),
            b => getComputedStyle(b).whiteSpace)"""
        )
        if not white or "nowrap" in white:
            problems.append(f"header titles do not wrap: {set(white)}")
        problems += widths_problems(page)
    else:
        if "vlmcat-stacked" not in wide["classes"]:
            problems.append(f"the wide table is not stacked: {wide}")
        cells = page.evaluate(
            """() => Array.from(document.querySelectorAll('table#tbl-wide tbody td'))
            .filter(td => td.textContent.trim() && !td.querySelector('a.vlmcat-ref'))
            .map(td => [td.dataset.label, getComputedStyle(td, '::before').content,
                        getComputedStyle(td).display])"""
        )
        for label, before, display in cells or [[None, None, None]]:
            if not label or before != f'"{label}"' or display == "table-cell":
                problems.append(f"a stacked cell without its column's name: {label, before}")
                break
        rows = page.evaluate(
            """() => Array.from(document.querySelectorAll('table#tbl-wide tbody tr'),
            tr => getComputedStyle(tr).display)"""
        )
        if set(rows) != {"block"}:
            problems.append(f"stacked rows displayed as {set(rows)}")
    return problems


#: ``:widths:`` of table ``tbl-widths`` in ``tests/roots/test-themes/tables.rst``
GIVEN_WIDTHS = (30, 10, 12, 14, 12, 22)


def widths_problems(page: Any) -> list[str]:
    """``:widths:`` hold exactly when the box has room for each column's longest word at its
    share, and as the browser's proportions otherwise; no number is ever split."""
    problems = []
    found = page.evaluate(
        """() => { const t = document.querySelector('table#tbl-widths');
        const heads = Array.from(t.tHead.rows[0].cells);
        const width = t.getBoundingClientRect().width;
        const shares = heads.map(c => c.getBoundingClientRect().width / width);
        const exact = t.classList.contains('vlmcat-widths-exact');
        const box = t.closest('.vlmcat-scroll').clientWidth;
        // lines of text in each cell of the number columns (Year ... Test size)
        const lines = Array.from(t.tBodies[0].rows, r => Array.from(r.cells).slice(1, 5).map(c => {
            const range = document.createRange(); range.selectNodeContents(c);
            return new Set(Array.from(range.getClientRects(), q => Math.round(q.top))).size; }));
        // each column at its narrowest (the table squeezed): what exact widths need
        t.style.tableLayout = 'auto'; t.style.width = '1px';
        const narrowest = heads.map(c => c.getBoundingClientRect().width);
        t.style.tableLayout = t.style.width = '';
        return {shares, exact, box, lines, narrowest}; }"""
    )
    need = max(n / (g / 100) for n, g in zip(found["narrowest"], GIVEN_WIDTHS, strict=True))
    shares = [round(100 * s, 1) for s in found["shares"]]
    if found["exact"] != (found["box"] >= need * 1.02):
        problems.append(f"exact widths {found['exact']} with a box of {found['box']} for {need}")
    tolerance = 1 if found["exact"] else 3  # percentage points
    if any(abs(s - g) > tolerance for s, g in zip(shares, GIVEN_WIDTHS, strict=True)):
        problems.append(f":widths: {GIVEN_WIDTHS} not held (exact: {found['exact']}): {shares}")
    if any(n != 1 for row in found["lines"] for n in row):
        problems.append(f"a number split over lines: {found['lines']}")
    return problems


#: What must read at 4.5:1 on each page. Links keep the theme's colour (rtd's blue is 4.2:1 on
#: white, its own choice) and are not checked.
CONTRAST_SELECTORS = {
    "tables": "table.vlmcat-table td, table.vlmcat-table th button, .vlmcat-controls input,"
    " .vlmcat-controls label, .vlmcat-controls output, .vlmcat-scroll-hint",
    "cards": ".vlmcat-card .sd-card-text, .vlmcat-badge",
    "lists": "ul.vlmcat-list li",
    "entries/clip": ".vlmcat-entry dt, .vlmcat-entry dd",
}


def contrast_problems(page: Any, page_name: str) -> list[str]:
    """Text of ours below a contrast of 4.5:1 with what is behind it."""
    selector = CONTRAST_SELECTORS.get(page_name)
    if selector is None:
        return []
    found = page.evaluate(
        """(sel) => Array.from(document.querySelectorAll(sel))
        .filter(el => el.textContent.trim() && el.getClientRects().length)
        .map(el => [el.tagName + '.' + el.className, el.textContent.trim().slice(0, 30),
                    probe.contrast(el)])""",
        selector,
    )
    if not found:
        return [f"nothing matched {selector}"]
    return [f"contrast {c:.2f}: {tag} {text!r}" for tag, text, c in found if c < MIN_CONTRAST]


def axe_problems(page: Any) -> list[str]:
    """Serious and critical axe-core violations in our cards, tables and their controls."""
    if not AXE.exists():
        return []
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document)).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .flatMap(v => v.nodes.map(n => [v.id, n.target.join(' '), n.html.slice(0, 80)]))
        .filter(([id, target]) => { const el = document.querySelector(target);
            return el && el.closest('.vlmcat-table-box, .vlmcat-controls, .vlmcat-card'); })"""
    )
    return [f"axe: {rule} at {target}: {html}" for rule, target, html in found]


def entry_page_problems(page: Any, width: int) -> list[str]:
    """The facts panel: label and value of a field on one line, two fields a row at desktop
    width and one on a phone; breadcrumbs on one line at desktop width; summary, facts, notes in
    that order down the page."""
    found = page.evaluate(
        """() => { const top = el => el.getBoundingClientRect().top;
        const dl = document.querySelector('.vlmcat-facts dl.vlmcat-short');
        const pairs = Array.from(dl.querySelectorAll(':scope > dt'), dt => {
            const a = dt.getBoundingClientRect();
            const b = dt.nextElementSibling.getBoundingClientRect();
            return [Math.round(a.left), Math.round(a.top), Math.round(b.top),
                    a.right <= b.left]; });
        const crumbs = Array.from(document.querySelectorAll('nav.vlmcat-breadcrumbs li'),
            li => Math.round(top(li)));
        const order = ['p.vlmcat-lead', '.vlmcat-facts', 'p.vlmcat-notes'].map(
            s => top(document.querySelector(s)));
        return {pairs, crumbs, order}; }"""
    )
    problems = []
    for _left, label_top, value_top, beside in found["pairs"]:
        if abs(label_top - value_top) > 1 or not beside:
            problems.append(f"a field's label and value on two lines: {found['pairs']}")
            break
    columns = len({left for left, *_ in found["pairs"]})
    if columns != (2 if width >= 1280 else 1):
        problems.append(f"{columns} columns of facts at {width} px")
    if width >= 1280 and len(set(found["crumbs"])) != 1:
        problems.append(f"breadcrumbs on several lines: {found['crumbs']}")
    if found["order"] != sorted(found["order"]):
        problems.append(f"summary, facts and notes out of order: {found['order']}")
    return problems


def dark_problems(page: Any, site: Site) -> list[str]:
    """In a theme with a dark mode: it is on, and the page under our content is dark."""
    if site.theme.dark is None:
        return []
    element, attribute, _settings = site.theme.dark
    value = page.locator(element).get_attribute(attribute)
    bg = page.evaluate("() => probe.background(document.querySelector('[role=main] p'))")
    if value != "dark" or sum(bg[:3]) / 3 > 80:
        return [f"not in the theme's dark mode: {attribute}={value!r}, background {bg}"]
    return []


VIEWS = [
    pytest.param(page, width, scheme, id=f"{page}-{width}-{scheme}")
    for page in PAGES
    for width in WIDTHS
    for scheme in SCHEMES
]


@pytest.mark.parametrize(("page_name", "width", "scheme"), VIEWS)
def test_page_looks_right(site: Site, browser: Any, page_name: str, width: int, scheme: str):
    shot = page_name in ("cards", "tables", "entries/clip")
    with opened(browser, site, page_name, width, scheme, shot=shot) as page:
        problems = column_problems(page, site) + contrast_problems(page, page_name)
        if page_name == "cards":
            problems += card_problems(page, width)
        if page_name == "tables":
            problems += table_problems(page, width)
        if page_name == "entries/clip":
            problems += entry_page_problems(page, width)
        if page_name in ("cards", "tables"):
            problems += axe_problems(page)
        if scheme == "dark":
            problems += dark_problems(page, site)
    assert problems == [], "\n".join(problems)


# ---------------------------------------------------------------------------- using tables


def test_scroll_cue_follows_and_header_row_sticks(site: Site, browser: Any):
    with opened(browser, site, "tables", 1280) as page:
        box = page.locator(".vlmcat-table-box:has(table#tbl-wide)")
        scroller = box.locator(".vlmcat-scroll")
        # scrolled to the end: the cue moves to the other edge
        scroller.evaluate("s => { s.scrollLeft = s.scrollWidth; }")
        page.wait_for_function(
            "b => b.classList.contains('vlmcat-more-left')"
            " && !b.classList.contains('vlmcat-more-right')",
            arg=box.element_handle(),
        )
        # the header row stays at the top of its box while the rows scroll under it (a lower
        # height limit than the stylesheet's, so that five rows are too many)
        top, scrolled = scroller.evaluate(
            """s => { s.style.maxHeight = '180px'; s.scrollTop = 120;
            const th = s.querySelector('thead th');
            return [th.getBoundingClientRect().top - s.getBoundingClientRect().top,
                    s.scrollTop]; }"""
        )
        assert scrolled > 0, "the box scrolls down"
        assert abs(top) <= 1


@pytest.mark.parametrize("width", WIDTHS)
def test_filter_box_and_sort_headers_work(site: Site, browser: Any, width: int):
    with opened(browser, site, "tables", width) as page:
        table = page.locator("table#tbl-grouped")
        count = page.locator("#tbl-grouped-count")
        total = int(count.inner_text().split(" of ")[1])
        box = page.locator("#tbl-grouped-filter")
        box.fill("year:>=2024")
        page.wait_for_function(
            "n => !document.getElementById('tbl-grouped-count').textContent.startsWith(n + ' ')",
            arg=total,
        )
        shown = int(count.inner_text().split(" of ")[0])
        assert 0 < shown < total
        assert table.locator("tbody tr:not([hidden]):not(.vlmcat-group)").count() == shown
        wide = page.locator("table#tbl-wide")
        heads = [h.strip() for h in wide.locator("thead th").all_inner_texts()]
        year = next(i for i, h in enumerate(heads) if h.startswith("Year"))
        wide.locator("thead th").nth(year).get_by_role("button").click()
        assert wide.locator("thead th").nth(year).get_attribute("aria-sort") == "ascending"
        years = wide.evaluate(
            f"t => Array.from(t.tBodies[0].rows, r => r.cells[{year}].textContent.trim())"
        )
        assert years == sorted(years)


def test_a_table_id_is_written_once(site: Site, browser: Any):
    # furo wraps every table in a container that copies its attributes, ids too
    with opened(browser, site, "tables", 1280) as page:
        repeated = page.evaluate(
            """() => Array.from(document.querySelectorAll('table.vlmcat-table[id]'), t => t.id)
                 .filter(id => document.querySelectorAll('[id="' + id + '"]').length !== 1)"""
        )
        named = page.locator("table#tbl-grouped").count()
    assert named == 1
    assert repeated == []
