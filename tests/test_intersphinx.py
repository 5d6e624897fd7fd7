"""A second project links to entries of the first through its objects.inv."""

from __future__ import annotations

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
