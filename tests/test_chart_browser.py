"""Charts in a real browser: labels readable on a phone, bars that open the explorer on exactly
the entries they count. Drives Debian's chromium through Playwright, as test_browser.py does,
over the real survey; screenshots go to ``tests/_artifacts/``."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "_artifacts"
#: the survey's charts: works per year (introduction) and pre-training corpus sizes (datasets)
CHART_PAGES = ["survey/introduction", "survey/datasets"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api")

#: each text of each chart: its height and its right edge, in CSS px, and the page's width
TEXT_BOXES = """() => Array.from(document.querySelectorAll('svg.vlmcat-chart-svg text')).map(t => {
    const box = t.getBoundingClientRect();
    return {text: t.textContent, height: box.height, right: box.right,
            width: document.documentElement.clientWidth};
})"""


def new_page(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    return context, context.new_page()


@pytest.mark.parametrize("docname", CHART_PAGES)
def test_labels_are_readable_on_a_phone(browser, survey_url, docname) -> None:
    context, page = new_page(browser, 390)
    try:
        page.goto(f"{survey_url}/{docname}.html")
        figure = page.locator("figure.vlmcat-chart").first
        figure.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        figure.screenshot(path=str(ARTIFACTS / f"chart-390-{docname.split('/')[-1]}.png"))
        boxes = page.evaluate(TEXT_BOXES)
        assert len(boxes) >= 10
        for box in boxes:
            assert box["height"] >= 11, box  # (the matplotlib picture had about 5 px)
            assert box["right"] <= box["width"], box  # nothing runs off the screen
    finally:
        context.close()


def bar_count(link) -> int:
    """The count a bar's tooltip states: '2023, Large VLMs: 41' -> 41."""
    return int(link.locator("title").text_content().rsplit(": ", 1)[1].replace(",", ""))


@pytest.mark.parametrize("docname", CHART_PAGES)
def test_clicking_a_bar_opens_the_explorer_on_its_entries(browser, survey_url, docname) -> None:
    context, page = new_page(browser, 1280)
    try:
        page.goto(f"{survey_url}/{docname}.html")
        links = page.locator("svg.vlmcat-chart-svg a")
        if docname == "survey/introduction":  # the biggest segment of works per year
            counts = [bar_count(links.nth(i)) for i in range(links.count())]
            link = links.nth(counts.index(max(counts)))
            expected = max(counts)
            assert expected > 10
        else:  # a corpus: one entry
            link, expected = links.last, 1
        link.locator("rect").click()
        page.wait_for_url("**/explore.html?q=*")
        page.locator("#vlmcat-explorer.vlmcat-x-ready").wait_for()
        assert page.locator("#vlmcat-x-results [data-vlm-id]").count() == expected
    finally:
        context.close()
