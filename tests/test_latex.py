"""LaTeX output: longtables, wrapping column specs, hyperlinks, escaping, cards; a real PDF."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from util import build_once, latexmk, warnings


@pytest.fixture(scope="module")
def latex(tmp_path_factory):
    return build_once(
        "test-basic",
        tmp_path_factory.mktemp("latex") / "src",
        "latex",
        confoverrides={"vlmcatalog_longtable_rows": 5},
    )


def tex(app) -> str:
    return (app.outdir / "basic.tex").read_text(encoding="utf-8")


def test_clean(latex) -> None:
    assert warnings(latex) == ""


def test_longtable_and_column_spec(latex) -> None:
    text = tex(latex)
    # the grouped table has 19 rows > 5: longtable with wrapping weighted columns
    assert re.search(
        r"\\begin\{longtable\}.*\{>\{\\raggedright\\arraybackslash\}\\X\{14\}\{33\}", text
    )
    # explicit :widths: become \X columns too (colwidths-given)
    assert r"\X{10}{100}\X{40}{100}" in text
    # group header rows span the table
    assert r"\sphinxstartmulticolumn{3}" in text


def test_links_and_targets(latex) -> None:
    text = tex(latex)
    assert r"\hyperref[\detokenize{entries:vlm-clip}]" in text
    assert r"\label{\detokenize{entries:vlm-clip}}" in text
    assert r"\sphinxhref{https://arxiv.org/abs/2103.00020}{Paper}" in text
    assert r"\index{CLIP (model)@\spxentry{CLIP}\spxextra{model}}" in text


def test_special_characters_escaped(latex) -> None:
    text = tex(latex)
    assert (
        r"Hostile <script>alert(1)</script> \& 100\% \_x\_ \#1 \$5 \{a\} "
        r"\textbackslash{}back \textasciicircum{}caret \textasciitilde{}tilde 中文"
    ) in text
    assert r"Costs \$5 \& 10\% \{braces\} \textbackslash{}textbf\{no\}" in text
    assert "\\textbf{no}" not in text


def test_cards_degrade_to_plain_blocks(latex) -> None:
    text = tex(latex)
    assert r"\begin{sphinxuseclass}{vlmcat-card}" in text
    card = text[text.index(r"\begin{sphinxuseclass}{vlmcat-card}") :]
    card = card[: card.index(r"\end{sphinxuseclass}")]
    assert "CLIP" in card
    sep = r"\DUrole{vlmcat-sep}{ · }"
    # docutils 0.21 nests one \DUrole a class; 0.20 writes them as one list
    assert sep + r"\DUrole{vlmcat-badge}{\DUrole{vlmcat-badge-venue}{ICML}}" in card or (
        sep + r"\DUrole{vlmcat-badge,vlmcat-badge-venue}{ICML}" in card
    )
    assert "Contrastive pre" in card
    assert r"\sphinxhref{https://github.com/openai/CLIP}{Code}" in card
    assert "sd-card" not in text  # no HTML classes in LaTeX


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("latexmk") is None, reason="latexmk is not installed")
def test_pdf_compiles(latex) -> None:
    result = latexmk(latex.outdir, "basic.tex")
    assert result.returncode == 0, result.stdout[-3000:]
    assert (latex.outdir / "basic.pdf").stat().st_size > 10_000
    if shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", "basic.pdf", "-"],
            cwd=latex.outdir,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "Hostile <script>alert(1)</script> & 100% _x_ #1 $5 {a}" in out
        assert "中文" in out
