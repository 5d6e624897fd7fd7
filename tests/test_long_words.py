"""A word too long for any column still lets the PDF compile."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from util import latexmk, make_app_copy, warnings


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("latexmk") is None, reason="latexmk is not installed")
def test_a_very_long_word_in_a_table_cell_compiles(tmp_path) -> None:
    # an unbreakable 3,000-character word stopped the PDF ("Extra \fi" in varwidth cells,
    # "Dimension too large" in tabulary); cells now carry LaTeX break points in long words
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", src)
    word = "Supercalifragilistic" * 150
    with (src / "catalog" / "extras.yaml").open("a", encoding="utf-8") as f:
        f.write(
            f"  - id: longword\n    kind: paper\n    title: {word}\n    venue: {word[:60]}\n"
            "    year: 2021\n    categories: [transfer]\n"
        )
    app = make_app_copy("test-basic", src, "latex")
    try:
        app.build()
        assert warnings(app) == ""
        # TikZ, which crashes xelatex on such a word in a link, is loaded only for a lineage
        # figure (there is none here)
        tex = (Path(app.outdir) / "basic.tex").read_text(encoding="utf-8")
        assert "tikz" not in tex
        # the break points sit inside the word: a line end around one would print as a space
        assert "Supercalifragilistic\\allowbreak{}Supercalifragilistic" in tex
        assert "\n\\allowbreak{}" not in tex and "\\allowbreak{}\n" not in tex
    finally:
        app.cleanup()
    assert r"\allowbreak{}" in (app.outdir / "basic.tex").read_text(encoding="utf-8")
    result = latexmk(app.outdir, "basic.tex")
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("latexmk") is None, reason="latexmk is not installed")
def test_a_blank_line_in_a_one_line_field_compiles(tmp_path) -> None:
    # a blank line inside a title, short name or venue was a paragraph break inside a LaTeX
    # command's argument ("Paragraph ended before ..."); catalog text is shown on one line
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", src)
    with (src / "catalog" / "extras.yaml").open("a", encoding="utf-8") as f:
        for kind in ("paper", "model"):
            f.write(
                f'  - id: blank-{kind}\n    kind: {kind}\n    title: "Two\\n\\nparagraphs"\n'
                f'    short: "S\\n\\n{kind}"\n    venue: "V\\n\\n1"\n    year: 2021\n'
                f'    summary: "One\\n\\ntwo"\n    categories: [transfer]\n'
            )
    with (src / "prose.rst").open("a", encoding="utf-8") as f:
        f.write("\nSee :vlm:`blank-model`.\n\n.. vlm-entry:: blank-paper\n")
    app = make_app_copy("test-basic", src, "latex")
    try:
        app.build()
        assert warnings(app) == ""
    finally:
        app.cleanup()
    tex = (app.outdir / "basic.tex").read_text(encoding="utf-8")
    assert "Two paragraphs" in tex and "S model" in tex
    result = latexmk(app.outdir, "basic.tex")
    assert result.returncode == 0, result.stdout[-3000:]
