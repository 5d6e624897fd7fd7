"""Finding catalog files (catalog/files.py): symbolic links followed inside the catalog, refused
outside it, reported when they lead nowhere, never looped on; other file kinds reported; the
size limit checked before a byte is read. Links are made at test time (git does not keep them
portably), so these cases live here rather than in ``tests/corpus/``."""

from __future__ import annotations

import os
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_vlmcatalog.catalog.files import find_files
from sphinx_vlmcatalog.catalog.issues import Subtype
from sphinx_vlmcatalog.catalog.loader import load_catalog, start_load
from util import warnings

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")

OUTSIDE = "symbolic link to a place outside the catalog directory; not followed"
CORPUS_ROOT = Path(__file__).parent / "corpus" / "root"


def entry(key: str) -> str:
    return f"entries:\n  - id: {key}\n    kind: paper\n    title: Entry {key}\n"


def problems(result) -> list[tuple[str, str, int, str]]:
    return [(i.subtype.value, i.where.path, i.where.line, i.message) for i in result.issues]


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A catalog directory with a file and a subdirectory, and a secret outside it."""
    root = tmp_path / "catalog"
    (root / "sub").mkdir(parents=True)
    (root / "a.yaml").write_text(entry("a"))
    (root / "sub" / "b.yaml").write_text(entry("b"))
    (tmp_path / "beyond-xyz").mkdir()
    (tmp_path / "beyond-xyz" / "secret.yaml").write_text("secret-key-xyz: 1\n" + entry("leak"))
    return root


def test_links_inside_the_catalog_are_followed_once(catalog: Path) -> None:
    (catalog / "linked-dir").symlink_to("sub")
    (catalog / "linked.yaml").symlink_to("a.yaml")
    (catalog / "sub" / "up").symlink_to("..")  # a cycle
    (catalog / "sub" / "self").symlink_to(".")
    (catalog / "more").mkdir()
    (catalog / "more" / "c.yaml").write_text(entry("c"))
    (catalog / "sub" / "more-again").symlink_to("../more")
    start = time.perf_counter()
    result = load_catalog([catalog], base=catalog)
    assert time.perf_counter() - start < 5
    assert problems(result) == []
    assert sorted(result.catalog.entries) == ["a", "b", "c"]
    assert sorted(str(p.relative_to(catalog)) for p in result.files) == [
        "a.yaml",
        "more/c.yaml",
        "sub/b.yaml",
    ]


def test_a_directory_reached_only_through_a_link_is_read(catalog: Path) -> None:
    (catalog / "sub" / "b.yaml").rename(catalog / "b.yaml.moved")
    real = catalog / "_store"
    real.mkdir()
    (real / "d.yaml").write_text(entry("d"))
    (catalog / "sub" / "data").symlink_to("../_store")
    (catalog / ".hidden").symlink_to("_store")  # hidden names stay skipped
    result = load_catalog([catalog], base=catalog)
    assert problems(result) == []
    assert sorted(result.catalog.entries) == ["a", "d"]


def test_links_outside_the_catalog_are_refused_without_echoing_them(catalog: Path) -> None:
    outside = catalog.parent / "beyond-xyz"
    (catalog / "secret.yaml").symlink_to(outside / "secret.yaml")
    (catalog / "sub" / "elsewhere").symlink_to(outside)
    (catalog / "absolute.yml").symlink_to((outside / "secret.yaml").resolve())
    (catalog / "notes.txt").symlink_to(outside / "secret.yaml")  # not a catalog file: ignored
    result = load_catalog([catalog], base=catalog)
    assert problems(result) == [
        ("catalog_file", str(catalog / "absolute.yml"), 0, OUTSIDE),
        ("catalog_file", str(catalog / "secret.yaml"), 0, OUTSIDE),
        ("catalog_file", str(catalog / "sub" / "elsewhere"), 0, OUTSIDE),
    ]
    assert sorted(result.catalog.entries) == ["a", "b"]
    text = "\n".join(str(i) for i in result.issues)
    assert "secret-key-xyz" not in text
    assert "beyond-xyz" not in text


def test_links_that_lead_nowhere_are_reported(catalog: Path) -> None:
    (catalog / "gone.yaml").symlink_to("missing.yaml")
    (catalog / "gone-dir").symlink_to("missing-dir")
    (catalog / "gone.txt").symlink_to("missing.txt")  # could never be a catalog file
    (catalog / "x.yaml").symlink_to("y.yaml")
    (catalog / "y.yaml").symlink_to("x.yaml")
    result = load_catalog([catalog], base=catalog)
    missing = "symbolic link cannot be followed (No such file or directory)"
    looping = "symbolic link cannot be followed (Too many levels of symbolic links)"
    assert problems(result) == [
        ("catalog_file", str(catalog / "gone-dir"), 0, missing),
        ("catalog_file", str(catalog / "gone.yaml"), 0, missing),
        ("catalog_file", str(catalog / "x.yaml"), 0, looping),
        ("catalog_file", str(catalog / "y.yaml"), 0, looping),
    ]
    assert sorted(result.catalog.entries) == ["a", "b"]


def test_a_given_path_is_used_wherever_it_points(catalog: Path, tmp_path: Path) -> None:
    link = tmp_path / "catalog-link"
    link.symlink_to(catalog)
    (catalog / "inner").symlink_to("sub")  # inside the link's target: followed
    result = load_catalog([link, catalog.parent / "beyond-xyz" / "secret.yaml"])
    assert problems(result) == [
        (
            "unknown_field",
            str(catalog.parent / "beyond-xyz" / "secret.yaml"),
            1,
            result.issues[0].message,
        )
    ]
    assert sorted(result.catalog.entries) == ["a", "b", "leak"]
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nothing")
    assert problems(load_catalog([dangling, tmp_path / "nope"])) == [
        (
            "catalog_file",
            str(dangling),
            0,
            "symbolic link cannot be followed (No such file or directory)",
        ),
        ("catalog_file", str(tmp_path / "nope"), 0, "no such file or directory"),
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_pipes_are_reported_not_waited_on(catalog: Path) -> None:
    os.mkfifo(catalog / "pipe.yaml")
    os.mkfifo(catalog / "pipe.txt")  # not a catalog name: ignored
    start = time.perf_counter()
    result = load_catalog([catalog], base=catalog)
    assert problems(result) == [
        (
            "catalog_file",
            str(catalog / "pipe.yaml"),
            0,
            "not a regular file (a pipe, socket or device)",
        )
    ]
    explicit = load_catalog([catalog / "pipe.yaml"])
    assert problems(explicit) == [
        ("catalog_file", str(catalog / "pipe.yaml"), 0, "not a regular file or directory; not read")
    ]
    assert time.perf_counter() - start < 5


def test_an_unreadable_directory_is_reported(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (chmod cannot stop root, who runs some CI jobs: the refusal is made here instead)
    scandir = os.scandir

    def refusing(path: Any) -> Any:
        if Path(path) == catalog / "sub":
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    result = load_catalog([catalog], base=catalog)
    assert problems(result) == [
        ("catalog_file", str(catalog / "sub"), 0, "cannot read directory: Permission denied")
    ]
    assert list(result.catalog.entries) == ["a"]


def test_files_are_sorted_and_given_once(catalog: Path) -> None:
    files, issues = find_files([catalog, catalog / "a.yaml", catalog / "sub"])
    assert issues == []
    assert [str(p.relative_to(catalog)) for p in files] == ["a.yaml", "sub/b.yaml"]


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)  # no disk blocks
    return path


@pytest.mark.parametrize("gib", [0.5, 3])
def test_a_huge_file_costs_neither_time_nor_memory(catalog: Path, gib: float) -> None:
    size = int(gib * 1024**3)
    sparse(catalog / "huge.yaml", size)
    (catalog / "huge-link.yaml").symlink_to("huge.yaml")
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result = load_catalog([catalog], base=catalog)
        pending = start_load([catalog], base=catalog, cache_dir=None)
        later = pending.result()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - start < 2  # (milliseconds, on a quiet machine)
    assert peak < 16 * 1024 * 1024
    message = f"file is {size:,} bytes; the limit is 10,485,760 bytes (split it into several files)"
    assert problems(result) == [("catalog_file", "huge.yaml", 1, message)]
    assert [(i.subtype, str(i)) for i in later.issues] == [
        (Subtype.CATALOG_FILE, f"huge.yaml:1: {message}")
    ]


def test_a_build_reports_links_as_warnings(tmp_path: Path) -> None:
    src = tmp_path / "src"
    import shutil

    shutil.copytree(CORPUS_ROOT, src)
    (tmp_path / "secret.yaml").write_text("secret-key-xyz: 1\n")
    (src / "catalog" / "secret.yaml").symlink_to(tmp_path / "secret.yaml")
    (src / "catalog" / "gone.yaml").symlink_to("missing.yaml")
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
        log = warnings(app).replace(f"{src}/", "")
    finally:
        app.cleanup()
    assert [line for line in log.splitlines() if "vlmcatalog" in line] == [
        (
            "WARNING: catalog/gone.yaml: symbolic link cannot be followed "
            "(No such file or directory) [vlmcatalog.catalog_file]"
        ),
        f"WARNING: catalog/secret.yaml: {OUTSIDE} [vlmcatalog.catalog_file]",
    ]
