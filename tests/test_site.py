"""The real survey site: it builds without warnings, and every catalog entry is shown.

Every entry must appear in at least one table row, card or list item of the survey chapters;
renderings carry the class ``vlmcat-id-<id>``, so the built HTML proves coverage.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinx_vlmcatalog.catalog.loader import load_catalog

REPO = Path(__file__).parent.parent


@pytest.fixture
def site(survey_site):
    return survey_site


def test_site_builds_without_warnings(site):
    _, warnings = site
    assert warnings == ""


def test_every_entry_is_shown_in_the_survey(site):
    html, _ = site
    shown: dict[str, set[str]] = {}
    for page in sorted((html / "survey").glob("*.html")):
        for key in re.findall(r'class="[^"]*\bvlmcat-id-([a-z0-9._-]+)', page.read_text()):
            shown.setdefault(key, set()).add(page.stem)
    catalog = load_catalog([REPO / "catalog"]).catalog
    missing = [e.id for e in catalog if e.id not in shown]
    print(f"{len(catalog) - len(missing)} of {len(catalog)} entries shown in the survey")
    assert not missing
    assert set(shown) <= set(catalog.entries)


def test_chapters_are_in_order(site):
    html, _ = site
    index = (html / "index.html").read_text()
    chapters = [
        "introduction",
        "foundations",
        "datasets",
        "pretraining",
        "transfer",
        "distillation",
        "large-vlms",
        "applications",
        "benchmarks",
        "challenges",
        "resources",
    ]
    positions = [index.find(f'href="survey/{name}.html"') for name in chapters]
    assert all(p > 0 for p in positions)
    assert positions == sorted(positions)


def test_download_links_on_the_landing_page_work(site):
    html, _ = site
    index = (html / "index.html").read_text()
    hrefs = re.findall(r'class="[^"]*vlmcat-download[^"]*" href="([^"]+)"', index)
    hrefs += re.findall(r'href="([^"]+)" class="[^"]*vlmcat-download', index)
    assert {Path(h).name for h in hrefs} >= {"catalog.json", "catalog.bib", "catalog.md"}
    for href in hrefs:
        assert (html / href).is_file(), href


def test_figures_and_tables_are_numbered_by_chapter(site):
    html, _ = site

    def numbers(name: str) -> list[str]:
        text = (html / "survey" / f"{name}.html").read_text(encoding="utf-8")
        return re.findall(r'<span class="caption-number">([^<]*?)\s*</span>', text)

    assert numbers("introduction") == ["Figure 1.1"]
    datasets = numbers("datasets")
    assert datasets[0] == "Table 3.1" and "Figure 3.1" in datasets
    assert numbers("large-vlms")[:2] == ["Table 7.1", "Table 7.2"]
