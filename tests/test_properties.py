"""Property-based tests: catalogs full of hostile strings, through HTML, LaTeX and the CLI.

Text comes from a strategy that mixes HTML and LaTeX specials, quotes, bidi and zero-width marks,
emoji, CJK, and the control characters YAML allows (tab, newline, CR, NEL). Every run is
derandomized and uses no example database, so a failure reproduces on any machine.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.cli import main as cli_main
from test_corpus import assert_no_injection
from util import html, warnings

FRAGMENTS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='x",
    "javascript:alert(1)",
    "&amp;",
    "&lt;",
    "<!--",
    "]]>",
    r"\input{/etc/passwd}",
    r"\def\x{y}",
    r"\write18{id}",
    r"\\",
    "%",
    "&",
    "#",
    "_",
    "^",
    "~",
    "$",
    "{",
    "}",
    "`",
    "*",
    "|",
    "[x](y)",
    ":vlm:`a`",
    "\u202e",
    "\u200f",
    "\u200d",
    "\u200b",
    "\ufeff",
    "🦩",
    "👩\u200d🔬",
    "视觉",
    "ビジョン",
    "\t",
    "\n",
    "\r\n",
    "\x85",
    "é",
    "--",
    "...",
]
#: Characters YAML may hold: printable ones plus tab, LF, CR and NEL (no surrogates, no C0/C1).
_CHARS = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Co", "Cn"),
    exclude_characters="\u2028\u2029",
)
hostile_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(_CHARS, min_size=1, max_size=8)),
    min_size=1,
    max_size=6,
).map("".join)


def yaml_quote(text: str) -> str:
    """A double-quoted YAML scalar holding exactly ``text`` (every non-ASCII char escaped)."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


@st.composite
def entries(draw: Any, min_size: int = 1, max_size: int = 4) -> list[dict[str, Any]]:
    """Entries (topics and papers) whose every text field is hostile."""
    n = draw(st.integers(min_size, max_size))
    result = []
    for i in range(n):
        kind = draw(st.sampled_from(["paper", "topic"]))
        entry: dict[str, Any] = {
            "id": f"e{i}",
            "kind": kind,
            "title": "T " + draw(hostile_text),
            "short": "S " + draw(hostile_text),
            "authors": ["A " + draw(hostile_text), "B " + draw(hostile_text)],
            "venue": "V " + draw(hostile_text),
            "year": 2020 + i % 5,
            "summary": "Su " + draw(hostile_text),
            "notes": "N " + draw(hostile_text),
            "links": {"paper": f"https://example.org/{i}?q=<x>&y=1".replace("<x>", "x")},
        }
        if kind == "topic":
            entry["points"] = ["P " + draw(hostile_text), "Q " + draw(hostile_text)]
        result.append(entry)
    return result


def catalog_yaml(items: list[dict[str, Any]]) -> str:
    lines = ["entries:"]
    for item in items:
        lines.append(f"  - id: {item['id']}")
        for key, value in item.items():
            if key == "id":
                continue
            if isinstance(value, list):
                lines.append(f"    {key}:")
                lines += [f"      - {yaml_quote(v)}" for v in value]
            elif isinstance(value, dict):
                lines.append(f"    {key}:")
                lines += [f"      {k}: {yaml_quote(v)}" for k, v in value.items()]
            elif isinstance(value, int):
                lines.append(f"    {key}: {value}")
            else:
                lines.append(f"    {key}: {yaml_quote(value)}")
    return "\n".join(lines) + "\n"


INDEX = """\
Hostile
=======

.. vlm-table:: All
   :columns: id, title, short, authors, venue, year, summary, notes, links

.. vlm-cards::

.. vlm-list::

{entries}
"""

CONF = """\
extensions = ["sphinx_vlmcatalog"]
project = "hostile"
vlmcatalog_path = "catalog"
smartquotes = False
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [("index", "hostile.tex", "Hostile", "Tests", "manual")]
latex_elements = {{"fontpkg": r"\\setmainfont{{{font}}}"}}
"""


def write_project(root: Path, items: list[dict[str, Any]], font: str = "FreeSerif") -> Path:
    src = root / "src"
    (src / "catalog").mkdir(parents=True)
    (src / "catalog" / "hostile.yaml").write_text(catalog_yaml(items), encoding="utf-8")
    (src / "conf.py").write_text(CONF.format(font=font), encoding="utf-8")
    blocks = "\n".join(f".. vlm-entry:: {item['id']}\n" for item in items)
    (src / "index.rst").write_text(INDEX.format(entries=blocks), encoding="utf-8")
    return src


def _normal(text: str) -> str:
    return " ".join(text.split())


PROPERTY = settings(
    max_examples=12,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROPERTY
@given(entries())
def test_yaml_round_trip(items: list[dict[str, Any]]) -> None:
    """The generator writes what it means: the loader reads every value back unchanged."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.yaml"
        path.write_text(catalog_yaml(items), encoding="utf-8")
        result = load_catalog([path])
        assert result.ok, [str(i) for i in result.issues]
        for item in items:
            entry = result.catalog.get(item["id"])
            assert entry.title == item["title"].strip()
            assert entry.authors == tuple(a.strip() for a in item["authors"])


@PROPERTY
@given(entries())
def test_html_escapes_everything(items: list[dict[str, Any]]) -> None:
    """(a) No markup from the data reaches the HTML, and all of its text does."""
    with tempfile.TemporaryDirectory() as tmp:
        src = write_project(Path(tmp), items)
        app = SphinxTestApp("html", srcdir=src)
        try:
            app.build()
            assert "vlmcatalog" not in warnings(app)
            body = html(app, "index")
        finally:
            app.cleanup()
    assert_no_injection(body)
    for a in body.find_all("a", href=True):
        assert re.match(
            r"^(https://example\.org/\d+\?q=x&y=1|#[\w-]+|index\.html#[\w-]+)$", a["href"]
        )
    text = _normal(body.get_text(" "))
    for item in items:
        for key in ("title", "short", "venue", "summary", "notes"):
            assert _normal(item[key]) in text, key
        for value in (*item["authors"], *item.get("points", ())):
            assert _normal(value) in text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("latexmk") is None, reason="latexmk is not installed")
@settings(PROPERTY, max_examples=1)
@given(entries(min_size=20, max_size=20))
def test_latex_compiles(items: list[dict[str, Any]]) -> None:
    """(b) One document with 20 hostile entries compiles with latexmk and xelatex."""
    with tempfile.TemporaryDirectory() as tmp:
        src = write_project(Path(tmp), items)
        app = SphinxTestApp("latex", srcdir=src)
        try:
            app.build()
            outdir = Path(app.outdir)
            assert "vlmcatalog" not in warnings(app)
        finally:
            app.cleanup()
        proc = subprocess.run(
            ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "hostile.tex"],
            cwd=outdir,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=300,
            check=False,
        )
        assert proc.returncode == 0, proc.stdout[-3000:]
        assert (outdir / "hostile.pdf").stat().st_size > 1000
        log = (outdir / "hostile.log").read_text(encoding="utf-8", errors="replace")
        # nothing from the data ran: no file was read and no shell escape happened
        assert "/etc/passwd" not in log
        assert "runsystem" not in log


def run_cli(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli_main(list(argv))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue() + err.getvalue()


@PROPERTY
@given(entries(), hostile_text, st.binary(max_size=200))
def test_cli_never_crashes(items: list[dict[str, Any]], query: str, junk: bytes) -> None:
    """(c) Every command exits 0, 1 or 2 with no traceback, on hostile data and hostile queries."""
    with tempfile.TemporaryDirectory() as tmp:
        cat = Path(tmp) / "catalog"
        cat.mkdir()
        (cat / "hostile.yaml").write_text(catalog_yaml(items), encoding="utf-8")
        (cat / "junk.yaml").write_bytes(junk)
        runs = [
            ("validate", str(cat)),
            ("stats", str(cat)),
            ("stats", "--json", str(cat)),
            ("query", query, str(cat)),
            ("query", "", str(cat), "--sort", query),
            ("query", "", str(cat), "--columns", query),
            ("export", "--format", "markdown", str(cat)),
            ("export", "--format", "json", str(cat)),
        ]
        for argv in runs:
            code, output = run_cli(*argv)
            assert code in (0, 1, 2), (argv, code)
            assert "Traceback" not in output, (argv, output)
