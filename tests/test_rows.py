"""Table bodies held as data (``sphinx_vlmcatalog.tables.rows``) write exactly what node rows would.

HTML and LaTeX translators expand the rows themselves, after every post-transform; other formats
get them expanded by a post-transform, before the entry links are resolved. Forcing the second
path for HTML and LaTeX too must not change a byte of the output: that is what proves the first
path right.
"""

from __future__ import annotations

import re

import pytest
from docutils import nodes

from sphinx_vlmcatalog.tables import rows
from util import make_app_copy, warnings


def build(tmp_path, builder: str, name: str):
    app = make_app_copy(
        "test-basic",
        tmp_path / name / "src",
        builder,
        confoverrides={"vlmcatalog_longtable_rows": 5},
    )
    app.build()
    return app


#: the reader script's page data, built from the rows as data (absent when expanded early)
PAGE_DATA = re.compile(r'<script type="application/json" id="vlmcat-data">.*?</script>', re.DOTALL)


def outputs(app, builder: str) -> dict[str, str]:
    pattern = "*.html" if builder == "html" else "*.tex"
    return {
        str(p.relative_to(app.outdir)): PAGE_DATA.sub("", p.read_text(encoding="utf-8"))
        for p in sorted(app.outdir.rglob(pattern))
    }


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_expanding_early_writes_the_same_output(tmp_path, monkeypatch, builder) -> None:
    fast = build(tmp_path, builder, "fast")
    try:
        fast_out, fast_warnings = outputs(fast, builder), warnings(fast)
    finally:
        fast.cleanup()
    monkeypatch.setattr(rows, "WRITER_FORMATS", ())  # every format expands in the post-transform
    slow = build(tmp_path, builder, "slow")
    try:
        slow_out, slow_warnings = outputs(slow, builder), warnings(slow)
    finally:
        slow.cleanup()
    assert fast_out.keys() == slow_out.keys()
    assert "tables.html" in fast_out or "basic.tex" in fast_out
    for name, text in fast_out.items():
        assert text == slow_out[name], name
    assert fast_warnings == slow_warnings == ""
    # the comparison is not vacuous: the tables have rows with links
    text = "".join(fast_out.values())
    assert text.count("vlmcat-id-") > 20 if builder == "html" else r"\sphinxhref" in text


def test_doctree_holds_rows_as_data(tmp_path) -> None:
    app = build(tmp_path, "html", "data")
    try:
        doctree = app.env.get_doctree("tables")
        bodies = list(doctree.findall(rows.catalog_rows))
        assert bodies
        # no row nodes are stored for catalog tables: their bodies are data
        for table in doctree.findall(nodes.table):
            if "vlmcat-table" in table["classes"]:
                assert not list(table.findall(nodes.row))[1:]  # only the header row
        first = bodies[0]["rows"][0]
        key, cells, sorts = first
        assert isinstance(key, str)
        assert len(cells) == len(sorts) == bodies[0]["cols"]
        # the rows' text is searchable
        assert isinstance(bodies[0][0], nodes.Text)
        assert any(isinstance(c, str) and c and c in bodies[0][0] for c in cells)
    finally:
        app.cleanup()
