"""Every other builder produces readable output: text, epub, singlehtml, man, texinfo."""

from __future__ import annotations

import pytest

from util import make_app_copy, warnings


@pytest.mark.parametrize("builder", ["text", "epub", "singlehtml", "man", "texinfo"])
def test_builder(builder, tmp_path) -> None:
    app = make_app_copy(
        "test-basic",
        tmp_path / "src",
        builder,
        confoverrides={"copyright": "2025, tests", "version": "1"},
    )
    try:
        app.build()
        check_output(app, builder)
    finally:
        app.cleanup()


def check_output(app, builder: str) -> None:
    """Assert on the built files of ``builder``."""
    assert warnings(app) == ""
    out = app.outdir
    if builder == "text":
        tables = (out / "tables.txt").read_text(encoding="utf-8")
        assert "CoCoOp: Conditional Prompt Learning" in tables
        assert "| CoCoOp         | CoCoOp: Conditional Prompt Learning for  |" in tables
        assert "| **Benchmarks** |" in tables  # group rows are not letter-spaced
        cards = (out / "cards.txt").read_text(encoding="utf-8")
        assert "model · ICML · 2021" in cards
        assert "Paper · Code" in cards
        prose = (out / "prose.txt").read_text(encoding="utf-8")
        assert "The catalog lists 3 datasets" in prose
    elif builder == "singlehtml":
        page = (out / "index.html").read_text(encoding="utf-8")
        assert 'href="#vlm-clip"' in page
        assert "sd-card" in page
    elif builder == "epub":
        assert (out / "tables.xhtml").exists()
        assert "vlmcatalog.css" in (out / "tables.xhtml").read_text(encoding="utf-8")
    elif builder == "man":
        page = next(out.rglob("*.1")).read_text(encoding="utf-8")
        assert "CoCoOp" in page
    else:
        page = next(out.glob("*.texi")).read_text(encoding="utf-8")
        assert "Contrastive pre-training" in page
