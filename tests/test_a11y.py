"""Accessibility: axe-core in headless Chromium, on a table chapter, a card page and an entry page.

The pages are ``tests/roots/test-basic`` built with furo (the docs theme), and chapters of the
survey itself (``docs/``), checked in the light and the dark colour scheme; serious and critical
violations fail. axe-core comes from the npm
registry (``npm ci --prefix tests/a11y``), Chromium from Debian; the tests skip without them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from util import make_app_copy

AXE = Path(__file__).parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAGES = ["tables", "cards", "entries"]
#: survey chapters: tables (large-vlms, datasets), cards (challenges, applications); and the
#: catalog explorer with the whole catalog (its sidebar link is the site's own template); entry
#: pages (breadcrumbs, the facts panel, the copy button, the lineage graph)
SURVEY_PAGES = [
    "survey/introduction",  # the works-per-year chart (datasets has the sizes chart)
    "survey/large-vlms",
    "survey/datasets",
    "survey/challenges",
    "survey/applications",
    "explore",
    "entries/clip",
    "entries/qwen2-vl",
    "entries/llava",  # an entry page with a lineage graph
]

SEVERE = ("serious", "critical")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed"),
    pytest.mark.skipif(not AXE.exists(), reason="run: npm ci --prefix tests/a11y"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("furo")
    app = make_app_copy(
        "test-basic", tmp_path_factory.mktemp("a11y") / "src", confoverrides={"html_theme": "furo"}
    )
    try:
        app.build()
    finally:
        app.cleanup()  # before other apps (the shared survey build) start in this process
    return Path(app.outdir)


@pytest.fixture(scope="module")
def survey(survey_site: tuple[Path, str]) -> Path:
    return survey_site[0]


def axe(browser: Any, url: str, scheme: str, hover: str = "") -> list[dict[str, Any]]:
    """axe-core's violations on ``url`` in colour scheme ``scheme`` (with the element
    ``hover`` names hovered first, and the entry preview that opens waited for)."""
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(url)
        if hover:
            page.locator(hover).first.hover()
            page.wait_for_selector("#vlmcat-preview", state="visible")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document)")
    finally:
        context.close()
    return result["violations"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", PAGES)
def test_no_serious_violations(site: Path, browser: Any, page: str, scheme: str) -> None:
    violations = axe(browser, (site / f"{page}.html").as_uri(), scheme)
    bad = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in violations
        if v["impact"] in SEVERE
    ]
    assert not bad, json.dumps(bad, indent=1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", SURVEY_PAGES)
def test_survey_no_serious_violations(survey: Path, browser: Any, page: str, scheme: str) -> None:
    violations = axe(browser, (survey / f"{page}.html").as_uri(), scheme)
    bad = [(v["id"], v["impact"], v["help"]) for v in violations if v["impact"] in SEVERE]
    assert not bad, bad


#: pages with an entry preview open: a {vlm} mention, a table title, a card title
PREVIEWS = [
    ("prose", "p a.vlmcat-mention-clip"),
    ("tables", "td a.vlmcat-mention-clip"),
    ("cards", ".vlmcat-card-title a.vlmcat-mention-clip"),
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("page", "hover"), PREVIEWS)
def test_open_previews_have_no_serious_violations(
    site: Path, browser: Any, page: str, hover: str, scheme: str
) -> None:
    violations = axe(browser, (site / f"{page}.html").as_uri(), scheme, hover)
    bad = [(v["id"], v["impact"], v["help"]) for v in violations if v["impact"] in SEVERE]
    assert not bad, bad


def test_table_headers_and_captions(site: Path) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / "tables.html").read_text(encoding="utf-8"), "html.parser")
    tables = soup.select("table.vlmcat-table")
    assert tables
    for table in tables:
        heads = table.select("thead th")
        assert heads
        assert all(th.get("scope") == "col" for th in heads), heads
    assert any(t.find("caption") for t in tables)


def test_cards_have_accessible_names(site: Path, browser: Any) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((site / "cards.html").as_uri())
        cards = page.locator("div.vlmcat-card")
        assert cards.count() > 0
        for i in range(cards.count()):
            card = cards.nth(i)
            # each card is a labelled group, named by its title
            assert card.get_attribute("role") == "group"
            name = card.get_attribute("aria-label") or ""
            assert name.strip()
            assert name.strip() in card.inner_text()
    finally:
        context.close()
