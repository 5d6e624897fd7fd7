"""The survey's LaTeX set-up (LuaLaTeX, FreeSerif with a CJK and colour-emoji fallback) prints
the hostile corpus's CJK, emoji, bidi and zero-width titles without a missing glyph."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

CORPUS = Path(__file__).parent / "corpus"
DOCS_CONF = Path(__file__).resolve().parents[1] / "docs" / "conf.py"
CASES = ["cjk", "emoji", "rtl-marks", "zero-width", "latex-specials", "latex-write18"]


def _have(*cmd: str) -> bool:
    try:
        return subprocess.run(cmd, capture_output=True, check=False).returncode == 0
    except OSError:
        return False


def survey_fontpkg() -> str:
    """``latex_elements["fontpkg"]`` of the survey's conf.py (read, not executed)."""
    tree = ast.parse(DOCS_CONF.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "latex_elements" for t in node.targets
        ):
            return str(ast.literal_eval(node.value)["fontpkg"])
    raise AssertionError("docs/conf.py sets no latex_elements")


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("latexmk") is None, reason="latexmk is not installed"),
    pytest.mark.skipif(
        not _have("kpsewhich", "luaotfload-main.lua"), reason="texlive-luatex is not installed"
    ),
    pytest.mark.skipif(
        "Noto Color Emoji"
        not in subprocess.run(["fc-list"], capture_output=True, text=True, check=False).stdout
        if shutil.which("fc-list")
        else True,
        reason="fonts-noto-color-emoji is not installed",
    ),
]


def test_no_missing_glyphs(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(CORPUS / "root", src)
    for name in CASES:
        shutil.copy(CORPUS / "hostile-values" / f"{name}.yaml", src / "catalog" / f"{name}.yaml")
        # each case file uses the id "h"; give each its own
        path = src / "catalog" / f"{name}.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("- id: h\n", f"- id: h-{name}\n"),
            encoding="utf-8",
        )
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + 'latex_engine = "lualatex"\n'
        + "latex_use_xindy = False\n"
        + 'latex_documents = [("index", "corpus.tex", "Corpus", "Tests", "manual")]\n'
        + f"latex_elements = {{'fontpkg': {survey_fontpkg()!r}}}\n",
        encoding="utf-8",
    )
    app = SphinxTestApp("latex", srcdir=src)
    try:
        app.build()
        outdir = Path(app.outdir)
    finally:
        app.cleanup()
    proc = subprocess.run(
        ["latexmk", "-lualatex", "-interaction=nonstopmode", "-halt-on-error", "corpus.tex"],
        cwd=outdir,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    log = (outdir / "corpus.log").read_text(encoding="utf-8", errors="replace")
    missing = sorted({line for line in log.splitlines() if line.startswith("Missing character")})
    assert not missing, missing
    text = subprocess.run(
        ["pdftotext", "corpus.pdf", "-"], cwd=outdir, capture_output=True, text=True, check=False
    ).stdout
    # poppler-utils may be missing; colour emoji are images to pdftotext (the log check covers them)
    if text:
        assert "视觉语言模型" in text
        assert r"\immediate\write18{rm -rf /}" in text.replace("\n", " ")
