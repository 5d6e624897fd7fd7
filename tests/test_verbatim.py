"""Catalog text is shown exactly as written everywhere: SmartQuotes educates prose only."""

from __future__ import annotations

from pathlib import Path

from util import html, make_app_copy, warnings

#: Text SmartQuotes would rewrite: dashes, straight quotes, an apostrophe and a backslash pair.
AS_WRITTEN = "Use --flag -- \"quoted\" and 'single', it's a \\\\ pair..."


def test_catalog_text_is_shown_exactly_as_written(tmp_path) -> None:
    import shutil

    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", src)
    title = AS_WRITTEN.replace("'", "''")
    with (src / "catalog" / "extras.yaml").open("a", encoding="utf-8") as f:
        f.write(
            f"  - id: verbatim\n    kind: paper\n    title: '{title}'\n    short: '--v \"x\"'\n"
            f"    summary: '{title}'\n    notes: '{title}'\n    year: 2021\n"
            "    categories: [transfer]\n"
        )
    with (src / "prose.rst").open("a", encoding="utf-8") as f:
        f.write('\nProse "quotes" -- curled. See :vlm:`verbatim`.\n\n.. vlm-card:: verbatim\n')
    app = make_app_copy("test-basic", src, confoverrides={"vlmcatalog_entry_pages": "entries"})
    try:
        app.build()
        assert warnings(app) == ""
        prose = html(app, "prose")
        assert '--v "x"' in [a.get_text() for a in prose.select("a.reference, span.xref")]
        card = prose.select_one(".vlmcat-card")
        assert AS_WRITTEN in card.get_text()
        assert "\u201cquotes\u201d \u2013 curled" in prose.get_text()  # prose is still educated
        assert AS_WRITTEN in html(app, "lists").select_one("ul.vlmcat-list").get_text()
        assert AS_WRITTEN in html(app, "tables").get_text()
        page = html(app, "entries/verbatim")
        assert page.select_one("h1").get_text().startswith('--v "x": ' + AS_WRITTEN)
        # the summary leads the entry page and the curators' notes end it, as written
        assert page.select_one("p.vlmcat-lead").get_text() == AS_WRITTEN
        assert page.select_one("p.vlmcat-notes").get_text() == AS_WRITTEN
    finally:
        app.cleanup()
