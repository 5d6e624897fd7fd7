"""A second project links to entries of the first through its objects.inv."""

from __future__ import annotations

import posixpath

from util import html, make_app_copy, warnings


def test_intersphinx_links(tmp_path) -> None:
    first = make_app_copy("test-basic", tmp_path / "first")
    try:
        first.build()
    finally:
        first.cleanup()
    inventory = str(first.outdir / "objects.inv")
    second = make_app_copy(
        "test-intersphinx",
        tmp_path / "second",
        confoverrides={"intersphinx_mapping": {"basic": ("https://example.org/basic/", inventory)}},
    )
    try:
        second.build()
        page = html(second, "index")
        hrefs = {a.get_text(): a.get("href") for a in page.find_all("a")}
        assert hrefs["CLIP"] == "https://example.org/basic/entries.html#vlm-clip"
        assert hrefs["CoOp"] == "https://example.org/basic/lists.html#vlmcat-coop"
        assert hrefs["the model"] == "https://example.org/basic/cards.html#vlmcat-llava"
        assert hrefs["Local"] == "#vlm-local"
        assert "nowhere" not in hrefs  # plain text
        out = warnings(second)
        assert "index.rst:4: WARNING: unknown catalog entry 'nowhere'" in out
        assert out.count("nowhere") == 1  # reported once, not also as a missing reference
    finally:
        second.cleanup()


TABLE_ONLY = """\
Models
======

See :vlm:`clip` in the table below.

.. vlm-table:: Everything
   :columns: label, title, year, links
"""


def table_only_project(src) -> object:
    """A project whose catalog appears in one table only: no entry pages, cards or lists."""
    import shutil
    from pathlib import Path

    src.mkdir(parents=True)
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic" / "catalog", src / "catalog")
    (src / "conf.py").write_text(
        'extensions = ["sphinx_vlmcatalog"]\nproject = "tables"\n', encoding="utf-8"
    )
    (src / "index.rst").write_text(TABLE_ONLY, encoding="utf-8")
    app = make_app_copy("unused", src)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings(app) == ""
    return app


def test_a_table_only_project_links_to_its_rows_and_lists_them(tmp_path) -> None:
    from sphinx.util.inventory import InventoryFile

    first = table_only_project(tmp_path / "first")
    page = html(first, "index")
    row = page.select_one("tr.vlmcat-id-clip")
    assert row["id"] == "vlmcat-clip"  # the row is a link target
    # the prose links to the row; the row's own label does not link to itself
    assert page.find("a", string="CLIP")["href"] == "#vlmcat-clip"
    assert row.select_one("a.vlmcat-ref")["href"] == "https://arxiv.org/abs/2103.00020"
    with (first.outdir / "objects.inv").open("rb") as f:
        inv = InventoryFile.load(f, "https://example.org/tables/", posixpath.join)
    inv = getattr(inv, "data", inv)
    clip = inv["vlm:model"]["clip"]
    uri = clip.uri if hasattr(clip, "uri") else clip[2]
    assert uri == "https://example.org/tables/index.html#vlmcat-clip"
    assert "coop" in inv["vlm:paper"]


def test_a_project_without_a_catalog_links_through_intersphinx(tmp_path) -> None:
    first = table_only_project(tmp_path / "first")
    src = tmp_path / "second"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx.ext.intersphinx", "sphinx_vlmcatalog"]\n'
        'project = "second"\n'
        "vlmcatalog_path = []  # the vlm domain and roles only\n",
        encoding="utf-8",
    )
    (src / "index.rst").write_text(
        "Second\n======\n\n:vlm:`clip`, :vlm:model:`clip` and :external:vlm:paper:`coop`.\n",
        encoding="utf-8",
    )
    inventory = str(first.outdir / "objects.inv")
    mapping = {"tables": ("https://example.org/tables/", inventory)}
    second = make_app_copy("unused", src, confoverrides={"intersphinx_mapping": mapping})
    try:
        second.build()
    finally:
        second.cleanup()
    assert warnings(second) == ""  # no catalog, and nothing missing
    assert not (second.outdir / "downloads").exists()
    hrefs = [a["href"] for a in html(second, "index").find_all("a") if "reference" in a["class"]]
    assert hrefs == [
        "https://example.org/tables/index.html#vlmcat-clip",
        "https://example.org/tables/index.html#vlmcat-clip",
        "https://example.org/tables/index.html#vlmcat-coop",
    ]
