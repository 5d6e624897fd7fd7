"""Loading with a forked child (``catalog/parallel.py``) gives exactly what a serial load gives."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from sphinx_vlmcatalog.catalog import parallel
from sphinx_vlmcatalog.catalog.cache import FileCache
from sphinx_vlmcatalog.catalog.loader import LoadResult, load_catalog

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate  # noqa: E402

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="no fork here")


def snapshot(result: LoadResult) -> tuple[object, ...]:
    """Everything a load gives, comparable: entries with all fields and lines, problems, order."""
    return (
        [(e, e.source, e.lines) for e in result.catalog],
        list(result.catalog.categories.values()),
        [(i.subtype, i.message, i.where) for i in result.issues],
        result.files,
    )


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Path:
    """A generated catalog of 22 files: one with problems, one repeating its ids."""
    root = tmp_path_factory.mktemp("parallel")
    gen = generate(root, 5_000)
    first = gen.catalog / "pretraining" / "contrastive.yaml"
    text = first.read_text(encoding="utf-8")
    bad = text.replace("    year: 2021\n", "    year: 1066\n", 3).replace(
        "    venue: arXiv\n", "    venue: arXiv\n    colour: blue\n", 2
    )
    first.write_text(bad, encoding="utf-8")
    shutil.copy(first, gen.catalog / "zz-dup.yaml")  # every id again: duplicates
    return gen.catalog


def serial(monkeypatch, *args, **kwargs) -> LoadResult:
    with monkeypatch.context() as m:
        m.setattr(parallel, "can_fork", lambda: False)
        return load_catalog(*args, **kwargs)


def test_the_child_gets_a_share_that_shortens_the_load() -> None:
    mb = 1_500_000
    assert parallel.child_share({0: mb, 1: mb, 2: mb, 3: mb, 4: mb}, 0) == [3, 4]
    # one file to parse beside four cache hits (a one-entry edit): the child parses it
    assert parallel.child_share({2: mb}, 4 * mb) == [2]
    # too little to parse for a child to pay
    assert parallel.child_share({0: 50_000, 1: 50_000}, 0) == []


def test_a_split_load_equals_a_serial_one(catalog, monkeypatch) -> None:
    forks: list[list[int]] = []
    split = parallel.load_split

    def counting(load, count, child):
        forks.append(list(child))
        return split(load, count, child)

    monkeypatch.setattr("sphinx_vlmcatalog.catalog.loader.load_split", counting)
    result = load_catalog([catalog], base=catalog.parent)
    assert forks and forks[0]  # the child had a share
    expected = serial(monkeypatch, [catalog], base=catalog.parent)
    assert snapshot(result) == snapshot(expected)
    subtypes = {i.subtype.value for i in result.issues}
    assert {"catalog_schema", "unknown_field", "duplicate_key"} <= subtypes


def test_the_child_writes_the_cache(catalog, tmp_path, monkeypatch) -> None:
    cold = load_catalog([catalog], base=catalog.parent, cache_dir=tmp_path)
    cache = FileCache(tmp_path)
    assert len(list(tmp_path.glob("*.pickle"))) == len(cold.files)  # child's files included
    assert all(cache.get(p.stem) is not None for p in tmp_path.glob("*.pickle"))
    warm = serial(monkeypatch, [catalog], base=catalog.parent, cache_dir=tmp_path)
    assert snapshot(warm) == snapshot(cold)


def test_a_failing_child_loses_nothing(catalog, monkeypatch) -> None:
    parent = os.getpid()
    real = parallel._child

    def dying(load, indices, sender):
        assert os.getpid() != parent
        os._exit(3)  # no word sent

    monkeypatch.setattr(parallel, "_child", dying)
    died = load_catalog([catalog], base=catalog.parent)
    monkeypatch.setattr(parallel, "_child", real)

    def raising(i):
        raise RuntimeError("boom")

    def failing(load, indices, sender):  # the child's loading raises: it says so
        real(raising, indices, sender)

    monkeypatch.setattr(parallel, "_child", failing)
    failed = load_catalog([catalog], base=catalog.parent)
    expected = serial(monkeypatch, [catalog], base=catalog.parent)
    assert snapshot(died) == snapshot(expected)
    assert snapshot(failed) == snapshot(expected)
