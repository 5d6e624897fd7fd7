"""Downloads written by every HTML build, linked from ``vlm-downloads`` pages; none in LaTeX."""

from __future__ import annotations

import json
import posixpath

import bibtexparser
import jsonschema
import pytest

from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.downloads import RENDERED_DIR, download_texts
from util import build_once, html, make_app_copy, warnings


def test_downloads_can_be_turned_off(tmp_path) -> None:
    app = make_app_copy(
        "test-downloads", tmp_path / "src", confoverrides={"vlmcatalog_downloads": False}
    )
    app.build()
    try:
        assert not (app.outdir / "downloads").exists()
        page = html(app, "downloads")
        assert not page.select("a.vlmcat-download")
        assert "catalog.bib" in page.get_text()
        assert warnings(app) == ""
    finally:
        app.cleanup()


def test_latex_gets_names_not_links(tmp_path) -> None:
    app = make_app_copy("test-downloads", tmp_path / "src", "latex")
    app.build()
    try:
        tex = (app.outdir / "downloads.tex").read_text(encoding="utf-8")
        assert r"\sphinxcode{\sphinxupquote{catalog.bib}}" in tex
        assert not (app.outdir / "downloads").exists()
        assert warnings(app) == ""
    finally:
        app.cleanup()


def test_unwritable_downloads_warn_and_the_build_goes_on(tmp_path) -> None:
    app = make_app_copy("test-downloads", tmp_path / "src")
    app.outdir.mkdir(parents=True, exist_ok=True)
    (app.outdir / "downloads").write_text("a file where the directory should be", encoding="utf-8")
    app.build()
    try:
        lines = warnings(app).splitlines()
        assert len(lines) == 1
        assert "cannot write the catalog downloads: " in lines[0]
        assert lines[0].endswith("[vlmcatalog.download]")
        assert "Traceback" not in warnings(app)
        assert html(app, "downloads").select("a.vlmcat-download")  # the pages were written
    finally:
        app.cleanup()


@pytest.mark.parametrize("store", ["kept", "other version", "corrupt", "wrong shape"])
def test_a_rebuild_renders_only_changed_entries_again(tmp_path, store):
    src = tmp_path / "src"
    app = make_app_copy("test-downloads", src)
    app.build()
    app.cleanup()
    rendered = app.doctreedir / RENDERED_DIR / "entry_json.json"  # one file per format
    data = json.loads(rendered.read_text(encoding="utf-8"))
    # mark the JSON line stored for the unchanged cifar-10: where it is reused, the mark shows
    cifar = app.env.get_domain("vlm").data["digests"]["cifar-10"]
    texts = data["texts"]
    texts[cifar] = texts[cifar].replace("CIFAR", "REUSED")
    if store == "corrupt":
        rendered.write_bytes(b"not JSON")
    elif store == "wrong shape":
        rendered.write_text(json.dumps({"stamp": data["stamp"], "texts": [1, 2]}), "utf-8")
    else:
        stamp = data["stamp"] if store == "kept" else "older"
        rendered.write_text(json.dumps({"stamp": stamp, "texts": texts}), "utf-8")
    models = src / "catalog" / "models.yaml"
    text = models.read_text(encoding="utf-8")
    models.write_text(text.replace("Contrastive pre-training", "Edited pre-training"), "utf-8")

    again = make_app_copy("test-downloads", src)
    again.build()
    again.cleanup()
    written = {p.name: p.read_text("utf-8") for p in (again.outdir / "downloads").iterdir()}
    fresh = download_texts(load_catalog([src / "catalog"], base=src).catalog)
    assert "Edited pre-training" in written["catalog.json"]  # the edited entry, rendered again
    if store == "kept":
        assert "REUSED" in written["catalog.json"]
        written["catalog.json"] = written["catalog.json"].replace("REUSED", "CIFAR")
    assert written == fresh  # the texts are what a full render gives
    assert warnings(again) == ""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_once("test-downloads", tmp_path_factory.mktemp("downloads") / "src")


def test_clean(site) -> None:
    assert warnings(site) == ""


@pytest.mark.parametrize("docname", ["downloads", "sub/deep"])
def test_links_point_at_files_that_exist(site, docname) -> None:
    links = html(site, docname).select("ul.vlmcat-downloads a.vlmcat-download")
    targets = [a["href"] for a in links]
    assert [posixpath.basename(t) for t in targets] == [
        "catalog.json",
        "catalog.schema.json",
        "catalog.bib",
        "catalog.md",
    ]
    page_dir = (site.outdir / f"{docname}.html").parent
    for href in targets:
        assert (page_dir / href).resolve().is_file(), href


def test_inline_role_links_relative_to_the_page(site) -> None:
    links = html(site, "sub/deep").select("a.vlmcat-download")
    inline = [a["href"] for a in links if a.find_parent("li") is None]
    assert inline == ["../downloads/catalog.bib"]


def test_json_matches_its_schema(site) -> None:
    doc = json.loads((site.outdir / "downloads/catalog.json").read_text(encoding="utf-8"))
    schema = json.loads((site.outdir / "downloads/catalog.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert any(e["id"] == "hostile" for e in doc["entries"])


def test_bibtex_and_markdown(site) -> None:
    lib = bibtexparser.parse_string((site.outdir / "downloads/catalog.bib").read_text("utf-8"))
    assert not lib.failed_blocks
    keys = [e.key for e in lib.entries]
    assert "hostile" in keys and "bare" not in keys  # topics are not citable
    md = (site.outdir / "downloads/catalog.md").read_text(encoding="utf-8")
    assert md.startswith("# Awesome Vision-Language Models")


def test_unchanged_downloads_are_not_rewritten(site) -> None:
    path = site.outdir / "downloads/catalog.bib"
    before = path.stat().st_mtime_ns
    again = make_app_copy("test-downloads", site.srcdir)
    try:
        again.build()
    finally:
        again.cleanup()
    assert path.stat().st_mtime_ns == before
