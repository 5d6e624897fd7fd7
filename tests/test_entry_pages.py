"""Entry pages (``vlmcatalog_entry_pages``) and the reader's page data, without a browser.

Root ``test-basic`` with entry pages switched on: stubs are written and git-ignored, each page
holds fields, BibTeX, related entries and "mentioned in" links, ``{vlm}`` links land there in
HTML, LaTeX never links into them, and an unchanged rebuild reads nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sphinx_vlmcatalog.entry_pages.stubs import MARKER
from sphinx_vlmcatalog.tables.filterbox import script_json
from util import build_once, html, make_app_copy, status, warnings

PAGES = {"vlmcatalog_entry_pages": "entries"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_once("test-basic", tmp_path_factory.mktemp("pages") / "src", confoverrides=PAGES)


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
    fields = page.select_one(".vlmcat-entry dl.field-list").get_text(" ")
    assert "2021" in fields
    assert "Checked against : \n https://arxiv.org/abs/2103.00020  (2026-12-04)" in fields
    checked = page.select_one(".vlmcat-entry dl.field-list a[href$='/abs/2103.00020']")
    assert checked is not None
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
