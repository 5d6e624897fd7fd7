""" "Last changed" on entry pages: dates from the catalog's git history.

The pure part (:mod:`sphinx_vlmcatalog.catalog.history`) on a small repository of its own; then
the test-basic project in a git repository: an entry's page shows the date of the last commit
to its lines, none while a line is uncommitted, and a commit that changes no file still updates
the page in an incremental build, which equals a clean one. Outside a work tree there is no date.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_vlmcatalog.catalog.history import blame, entry_dates, head_commit
from util import build_once, html, warnings

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

PAGES = {"vlmcatalog_entry_pages": "entries"}


def git(repo: Path, *args: str, date: str = "2024-01-02T12:00:00Z") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c",
         "commit.gpgsign=false", *args],
        cwd=repo, env=env, check=True, capture_output=True,
    )  # fmt: skip


def commit_all(repo: Path, date: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "edit", date=date)


FILE = """entries:
  - id: one
    kind: paper
    title: One
  # a comment between entries belongs to neither

  - id: two
    kind: paper
    title: Two
"""


def test_dates_of_entries_from_blame(tmp_path) -> None:
    git(tmp_path, "init", "-q")
    path = tmp_path / "a.yaml"
    path.write_text(FILE)
    assert blame(path) is None  # untracked: no history
    commit_all(tmp_path, "2024-01-02T12:00:00Z")
    starts = {"one": 2, "two": 7}
    assert entry_dates(blame(path), starts) == {"one": "2024-01-02", "two": "2024-01-02"}
    # a commit to two's lines and to the comment after one: only two changes
    path.write_text(FILE.replace("title: Two", "title: Two!").replace("neither", "none"))
    commit_all(tmp_path, "2024-03-04T23:30:00-02:00")  # 2024-03-05 in UTC
    assert entry_dates(blame(path), starts) == {"one": "2024-01-02", "two": "2024-03-05"}
    # an uncommitted line: no date for its entry
    path.write_text(path.read_text().replace("title: One", "title: One?"))
    assert entry_dates(blame(path), starts) == {"two": "2024-03-05"}
    assert head_commit(tmp_path) is not None


def last_changed(app, key: str) -> str | None:
    field = html(app, f"entries/{key}").select_one("dt.vlmcat-last-changed + dd")
    return field.get_text(strip=True) if field is not None else None


def build(src: Path, out: Path, *, fresh: bool = False):
    app = SphinxTestApp(
        "html", srcdir=src, builddir=out, freshenv=fresh, confoverrides=PAGES,
        status=io.StringIO(), warning=io.StringIO(),
    )  # fmt: skip
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings(app) == ""
    return app


def pages(app) -> dict[str, bytes]:
    out = Path(app.outdir)
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.glob("entries/*.html"))}


def test_entry_pages_show_the_last_commit_to_their_lines(tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", src)
    git(src, "init", "-q")
    commit_all(src, "2024-01-02T12:00:00Z")
    app = build(src, tmp_path / "build")
    assert last_changed(app, "clip") == "2024-01-02"
    assert "Checked against" in html(app, "entries/clip").select_one(".vlmcat-facts").get_text()
    # an uncommitted edit of clip: no date for clip (its page is re-read anyway), llava keeps it
    models = src / "catalog" / "models.yaml"
    models.write_text(models.read_text().replace("venue: ICML", "venue: ICML 2021", 1))
    app = build(src, tmp_path / "build")
    assert last_changed(app, "clip") is None
    assert last_changed(app, "llava") == "2024-01-02"
    # the commit changes no file, yet the page changes; the incremental build equals a clean one
    commit_all(src, "2024-05-06T08:00:00Z")
    app = build(src, tmp_path / "build")
    assert last_changed(app, "clip") == "2024-05-06"
    assert last_changed(app, "llava") == "2024-01-02"
    clean = build(src, tmp_path / "clean", fresh=True)
    assert pages(app) == pages(clean)


def test_no_date_outside_a_work_tree(tmp_path) -> None:
    app = build_once("test-basic", tmp_path / "src", confoverrides=PAGES)
    if head_commit(tmp_path) is None:  # (unless the temporary directory is in a work tree)
        assert last_changed(app, "clip") is None
