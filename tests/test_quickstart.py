"""The quickstart works verbatim: its files and commands, taken from the guide page as they are,
build a site with warnings as errors (twice: the second build must not read the downloads of
the first as pages)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from markdown_it import MarkdownIt

QUICKSTART = Path(__file__).resolve().parents[1] / "docs" / "guide" / "quickstart.md"
#: How a block that is a file says which: its first line names it in a comment.
FILE_COMMENTS = (("# ", ""), ("<!-- ", " -->"))


def blocks() -> tuple[dict[str, str], list[str]]:
    """The page's files (name -> text) and commands, in order, as CommonMark reads them."""
    files: dict[str, str] = {}
    commands: list[str] = []
    for token in MarkdownIt("commonmark").parse(QUICKSTART.read_text(encoding="utf-8")):
        if token.type != "fence":
            continue
        first, _, rest = token.content.partition("\n")
        if token.info == "console":
            commands += [line[2:] for line in token.content.splitlines() if line.startswith("$ ")]
            continue
        for start, end in FILE_COMMENTS:
            if first.startswith(start) and first.endswith(end):
                name = first[len(start) : len(first) - len(end)]
                files[name] = token.content if token.info == "yaml" else rest
    return files, commands


def test_the_page_has_every_file_and_command() -> None:
    files, commands = blocks()
    assert sorted(files) == ["catalog/models.yaml", "conf.py", "index.md"]
    assert commands == [
        "python -m pip install ../sphinx-vlmcatalog myst-parser",
        "vlmcatalog validate catalog/",
        "sphinx-build -W -b html . _build/html",
    ]


def test_the_quickstart_builds_verbatim(tmp_path) -> None:
    files, commands = blocks()
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    # the commands of this environment (the one line not run installs what is installed here)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    run = [c for c in commands if not c.startswith("python -m pip install")]
    for command in [*run, run[-1]]:
        proc = subprocess.run(
            command.split(),
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert proc.returncode == 0, f"{command}\n{proc.stdout}\n{proc.stderr}"
    page = (tmp_path / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "vlmcat-id-clip" in page and "Models in the catalog" in page
    assert (tmp_path / "_build" / "html" / "downloads" / "catalog.md").is_file()


def test_without_colon_fence_the_fence_is_a_warning_not_silent_text(tmp_path) -> None:
    files, _commands = blocks()
    files["conf.py"] = files["conf.py"].replace(
        "myst_enable_extensions", "# myst_enable_extensions"
    )
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    proc = subprocess.run(
        # --no-color: CI may force colour (FORCE_COLOR), which wraps each line in escapes
        [sys.executable, "-m", "sphinx", "--no-color", "-W", "-b", "html", ".", "_build/html"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # Sphinx before 8.1 stops at the first warning under -W and exits 2; later ones exit 1
    assert proc.returncode in (1, 2)
    # (Sphinx before 8.1 writes the error as "index.md:3:<message>", without "WARNING: ")
    assert re.search(
        r"index\.md:3: ?(WARNING: )?':::\{vlm-table\}' is text, not a directive", proc.stderr
    )
    assert proc.stderr.rstrip().endswith("[vlmcatalog.directive]")
