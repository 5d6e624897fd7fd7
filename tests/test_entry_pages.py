"""Entry pages (``vlmcatalog_entry_pages``) and the reader's page data, without a browser.

Root ``test-basic`` with entry pages switched on: stubs are written and git-ignored, each page
holds fields, BibTeX, related entries and "mentioned in" links, ``{vlm}`` links land there in
HTML, LaTeX never links into them, and an unchanged rebuild reads nothing.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from sphinx_vlmcatalog.entry_pages.stubs import MARKER
from sphinx_vlmcatalog.tables.filterbox import script_json
from util import build_once, html, make_app_copy, status, warnings

PAGES = {"vlmcatalog_entry_pages": "entries"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = tmp_path_factory.mktemp("pages") / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", src)
    # curators' notes on CLIP (with markup that must stay text), for the order of the page
    models = src / "catalog" / "models.yaml"
    text = models.read_text(encoding="utf-8")
    notes = "    notes: 'Sources disagree on <b>400M</b>; & so on.'\n"
    models.write_text(text.replace("    relations:\n", notes + "    relations:\n", 1))
    # a category title with markup: the breadcrumbs show it as text
    taxonomy = src / "catalog" / "taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    taxonomy.write_text(text.replace("title: Datasets", "title: 'Data <i>sets</i> & co'", 1))
    return build_once("test-basic", src, confoverrides=PAGES)


def test_build_is_clean(built) -> None:
    assert warnings(built) == ""


def test_stubs_are_generated_and_ignored(built) -> None:
    folder = Path(built.srcdir) / "entries"
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (folder / "clip.rst").read_text().endswith(".. vlm-entry-page:: clip\n")
    index = (folder / "index.rst").read_text()
    # the marker first, then the metadata: the index is outside the root toctree
    assert index.startswith(MARKER + "\n\n:orphan:\n")
    assert "   clip\n" in index


def test_entry_page_content(built) -> None:
    page = html(built, "entries/clip")
    assert page.find("h1").get_text().startswith("CLIP")
    assert page.find(id="vlm-clip") is not None  # the home anchor
    fields = page.select_one(".vlmcat-entry dl.vlmcat-long").get_text(" ")
    assert "Checked against : \n https://arxiv.org/abs/2103.00020  (2026-12-04)" in fields
    checked = page.select_one(".vlmcat-entry dl.field-list a[href$='/abs/2103.00020']")
    assert checked is not None
    assert "2021" in page.select_one(".vlmcat-entry dl.vlmcat-short").get_text(" ")
    bib = page.select_one(".vlmcat-bibtex pre").get_text()
    assert bib.startswith("@") and "clip," in bib
    mentions = page.select(".vlmcat-mentions a")
    assert {a["href"].split("#")[0] for a in mentions} >= {"../tables.html", "../prose.html"}
    assert html(built, "entries/coop").select(".vlmcat-related a")  # other transfer papers


def test_references_land_on_entry_pages(built) -> None:
    page = html(built, "prose")
    hrefs = [a["href"] for a in page.select("a.reference.internal")]
    assert "entries/clip.html#vlm-clip" in hrefs
    # a vlm-entry block in a chapter is no longer a home, and does not warn
    assert "entries/llava.html#vlm-llava" in hrefs


def test_index_page_lists_every_entry_by_kind(built) -> None:
    page = html(built, "entries/index")
    items = page.select("ul.vlmcat-index-list > li")
    assert len(items) == len(list((Path(built.srcdir) / "entries").glob("*.rst"))) - 1
    assert "Models" in page.get_text()


def test_table_data_for_the_filter_box(built) -> None:
    text = (Path(built.outdir) / "tables.html").read_text(encoding="utf-8")
    assert "vlmcatalog-tables.js" in text
    assert "vlmcatalog-bibtex.js" not in text
    start = text.index('<script type="application/json" id="vlmcat-data">')
    body = text[start:].split(">", 1)[1].split("</script>", 1)[0]
    assert "<" not in body
    data = json.loads(body)
    table = data["tables"]["tbl-transfer"]
    assert table["columns"] == ["label", "title", "venue", "year", "links"]
    assert table["rows"][0][1][3] == 2022  # the year cell's numeric sort key
    assert data["entries"]["coop"]["year"] == 2022
    assert data["entries"]["hostile"]["title"].startswith("Hostile <script>")  # escaped, intact
    # pages without tables or BibTeX get no script; entry pages get the copy button only
    prose = (Path(built.outdir) / "prose.html").read_text(encoding="utf-8")
    assert "vlmcatalog-tables.js" not in prose and "vlmcatalog-bibtex.js" not in prose
    entry = (Path(built.outdir) / "entries" / "clip.html").read_text(encoding="utf-8")
    assert "vlmcatalog-bibtex.js" in entry and "vlmcatalog-tables.js" not in entry
    assert (Path(built.outdir) / "_static" / "vlmcatalog-bibtex.js").is_file()


def test_script_json_cannot_close_its_element() -> None:
    text = script_json({"t": "</script><!-- & >"})
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == {"t": "</script><!-- & >"}


def test_unchanged_rebuild_and_one_changed_entry(tmp_path) -> None:
    src = tmp_path / "src"
    app = make_app_copy("test-basic", src, confoverrides=PAGES)
    app.build()
    app.cleanup()
    stub = src / "entries" / "clip.rst"
    mtime = stub.stat().st_mtime_ns
    app = make_app_copy("test-basic", src, confoverrides=PAGES)
    app.build()
    assert "0 added, 0 changed, 0 removed" in status(app)
    assert stub.stat().st_mtime_ns == mtime  # stubs are not rewritten
    app.cleanup()
    # a new entry gets a page; the index is re-read
    extras = src / "catalog" / "extras.yaml"
    extras.write_text(
        extras.read_text()
        + "  - id: newcomer\n    kind: paper\n    title: A new paper\n    year: 2024\n"
    )
    os.utime(extras)
    app = make_app_copy("test-basic", src, confoverrides=PAGES)
    app.build()
    assert (src / "entries" / "newcomer.rst").exists()
    assert (Path(app.outdir) / "entries" / "newcomer.html").exists()
    assert "1 added" in status(app)
    app.cleanup()


def test_latex_does_not_link_into_entry_pages(tmp_path) -> None:
    app = make_app_copy("test-basic", tmp_path / "src", "latex", confoverrides=PAGES)
    app.build()
    tex = (Path(app.outdir) / "basic.tex").read_text(encoding="utf-8")
    assert "entries/" not in tex
    assert warnings(app) == ""
    app.cleanup()


def test_summary_then_facts_then_notes(built) -> None:
    """Breadcrumbs, title, summary, the facts panel, ..., BibTeX, and the curators' notes last;
    the short fields apart from the long ones, summary and notes out of the panel."""
    page = html(built, "entries/clip")
    section = page.select_one("section.vlmcat-entry-page")
    order = [
        # before the section: a section's first child is its title, for Sphinx as for themes
        section.find_previous_sibling("nav", class_="vlmcat-breadcrumbs"),
        section.find("h1"),
        section.select_one("p.vlmcat-lead"),
        section.select_one(".vlmcat-facts"),
        section.select_one(".vlmcat-mentions"),
        section.select_one(".vlmcat-bibtex"),
        section.select_one("p.vlmcat-notes"),
    ]
    assert None not in order
    assert order[0]["aria-label"] == "Breadcrumb"
    assert built.env.titles["entries/clip"].astext().startswith("CLIP: ")
    everything = list(page.descendants)
    positions = [everything.index(node) for node in order]
    assert positions == sorted(positions)
    assert order[2].get_text() == "Contrastive pre-training on 400M image-text pairs."
    assert order[-1].get_text() == "Sources disagree on <b>400M</b>; & so on."  # as text
    assert order[-1].find_previous_sibling("p", class_="rubric").get_text() == "Curators' notes"
    facts = order[3]
    labels = [dt.get_text(strip=True) for dt in facts.select("dt")]
    assert "Summary:" not in labels and "Notes:" not in labels
    short = [dt.get_text(strip=True) for dt in facts.select("dl.vlmcat-short > dt")]
    assert short[:3] == ["Kind:", "Short name:", "Authors:"]  # fields keep their order
    long = [dt.get_text(strip=True) for dt in facts.select("dl.vlmcat-long > dt")]
    assert "Checked against:" in long and "Listed in:" in long
    # chapters' vlm-entry blocks are as they were: one list, summary and notes inside
    block = html(built, "entries").select_one(".vlmcat-entry")
    assert len(block.select("dl.field-list")) == 1
    assert "Summary:" in [dt.get_text(strip=True) for dt in block.select("dt")]


def anchors_of(app, docname: str) -> set[str]:
    return {tag["id"] for tag in html(app, docname).select("[id]")}


def test_breadcrumbs_link_to_the_index_and_the_explorer(built) -> None:
    page = html(built, "entries/clip")
    links = page.select("nav.vlmcat-breadcrumbs ol > li a")
    texts = [a.get_text() for a in links]
    assert texts == ["Catalog entries", "Models", "Pre-training methods", "Contrastive objectives"]
    hrefs = [a["href"] for a in links]
    assert hrefs[:2] == ["index.html", "index.html#vlmcat-index-model"]
    assert "vlmcat-index-model" in anchors_of(built, "entries/index")
    assert hrefs[2:] == [
        "../explore.html?q=category:pretraining",
        "../explore.html?q=category:pretraining.contrastive",
    ]
    assert (Path(built.outdir) / "explore.html").is_file()
    # catalog text stays text in the trail too
    trail = html(built, "entries/hostile").select_one("nav.vlmcat-breadcrumbs")
    assert trail.find("i") is None
    assert trail.select("a")[-1].get_text() == "Data <i>sets</i> & co"
    assert trail.select("a")[-1]["href"] == "../explore.html?q=category:datasets"


def test_breadcrumbs_without_an_explorer_lead_to_the_index(tmp_path) -> None:
    conf = {**PAGES, "vlmcatalog_explorer": ""}
    app = build_once("test-basic", tmp_path / "src", confoverrides=conf)
    hrefs = [a["href"] for a in html(app, "entries/clip").select("nav.vlmcat-breadcrumbs a")]
    assert hrefs == ["index.html"] + ["index.html#vlmcat-index-model"] * 3


def test_mentions_link_to_the_exact_places_in_reading_order(built) -> None:
    """Each link goes to an id that exists on its page: the row, card or list item showing
    the entry, or the paragraph citing it; pages follow the root toctree."""
    page = html(built, "entries/clip")
    items = page.select(".vlmcat-mentions > ul > li")
    pages = [li.find("a")["href"].split("#")[0] for li in items]
    # index.rst: tables, cards, lists, entries, prose; the root page would come after them
    toctree = [
        "../tables.html",
        "../cards.html",
        "../lists.html",
        "../entries.html",
        "../prose.html",
    ]
    assert pages == [p for p in toctree if p in pages]
    assert len(pages) == len(set(pages)) >= 4
    for link in page.select(".vlmcat-mentions a"):
        docname, _, anchor = link["href"].partition("#")
        assert anchor, f"{link} leads to the top of its page"
        assert anchor in anchors_of(built, docname.removeprefix("../").removesuffix(".html")), link
    prose = next(li for li in items if li.find("a")["href"].startswith("../prose.html"))
    anchor = prose.find("a")["href"].partition("#")[2]
    paragraph = html(built, "prose").find(id=anchor)
    assert paragraph.name == "p" and "the CLIP paper" in paragraph.get_text()
    assert prose.find("a").get_text() == "Prose"


def test_an_entry_block_in_a_chapter_is_a_place_of_its_relations(built) -> None:
    # the CLIP block in entries.rst links to webimagetext (trained on): a place of the latter
    page = html(built, "entries/webimagetext")
    links = [a["href"] for a in page.select(".vlmcat-mentions a")]
    entries = [h for h in links if h.startswith("../entries.html#")]
    assert entries, links
    target = html(built, "entries").find(id=entries[0].partition("#")[2])
    assert target is not None
