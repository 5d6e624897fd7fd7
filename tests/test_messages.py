"""Messages cannot be forged: catalog data in a message never starts a line of its own, never
reaches the terminal as a control sequence, and a huge value is not echoed whole.

A forged ``path:line:`` line would be read as a real problem by people and by CI annotations;
ESC, BEL and CR would act on the terminal.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from sphinx_vlmcatalog.catalog.issues import MAX_MESSAGE, safe_text
from util import make_app_copy, warnings

#: YAML double-quoted escapes: a newline with a forged location, ESC/BEL/CR, a bidi override.
FORGED_ID = r"x\ncatalog/papers/clip.yaml:1: forged"
BAD_KEY = r"k\e[31mred\a\rcatalog/x.yaml:9: also forged"
HUGE = "A" * 1_000_000


def hostile_catalog(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "hostile.yaml"
    path.write_text(
        "entries:\n"
        f'  - id: "{FORGED_ID}"\n    kind: paper\n    title: One\n'
        f'  - id: ok-two\n    kind: paper\n    title: Two\n    "{BAD_KEY}": 1\n'
        f"  - id: {HUGE}\n    kind: paper\n    title: Three\n"
        '  - id: ok-four\n    kind: paper\n    title: Four\n    venue: "\\u202egnp.exe"\n'
        '    tags: [1, "\\x1b]0;title\\a"]\n    links: {paper: "javascript:\\x1b"}\n',
        encoding="utf-8",
    )
    return path


#: Characters that must never appear in a line of output, other than its end.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def check_lines(text: str, path_prefix: str) -> list[str]:
    lines = text.splitlines()
    for line in lines:
        assert not RAW_CONTROL.search(line), repr(line)
        assert len(line) < MAX_MESSAGE + 400, line[:200]
        assert line.startswith(path_prefix), repr(line)  # nothing starts a line of its own
    return lines


def test_safe_text() -> None:
    assert safe_text("a\nb\x1b[31m\a\r\u202e") == "a\\nb\\x1b[31m\\x07\\r\\u202e"
    assert safe_text("fine: ünïcödé 中文 🦩") == "fine: ünïcödé 中文 🦩"
    cut = safe_text("x" * 5000)
    assert cut.startswith("x" * MAX_MESSAGE) and cut.endswith("(4,000 more characters)")


def test_cli_messages_are_one_safe_line_each(tmp_path) -> None:
    path = hostile_catalog(tmp_path / "catalog")
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmcatalog", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    problems, summary = proc.stderr.splitlines()[:-1], proc.stderr.splitlines()[-1]
    check_lines("\n".join(problems), str(path) + ":")
    assert len(problems) == 5
    assert any("x\\ncatalog/papers/clip.yaml:1: forged" in line for line in problems)
    # (the ESC and BEL of a tag are removed from it, and reported: escaped, not written)
    assert any("item 2 contains control characters (U+001B, U+0007)" in line for line in problems)
    assert any("k\\x1b[31mred\\x07\\rcatalog/x.yaml:9" in line for line in problems)
    assert any("more characters)" in line for line in problems)  # the huge id, cut
    assert "problem(s)" in summary


def test_build_warnings_are_one_safe_line_each(tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", src)
    hostile_catalog(src / "catalog" / "zz")
    app = make_app_copy("test-basic", src)  # (loads the catalog as it starts)
    try:
        app.build()
        text = warnings(app)
    finally:
        app.cleanup()
    lines = check_lines(text, "catalog/zz/hostile.yaml:")
    assert len(lines) == 5
    assert all(line.endswith("]") for line in lines)  # each ends with its [vlmcatalog.x] type
