"""The per-file cache of validated catalog files: equal results cold and warm; only a speed-up."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sphinx_vlmcatalog.catalog import cache
from sphinx_vlmcatalog.catalog.loader import load_catalog

CATALOG = """\
entries:
  - id: clip
    kind: model
    title: CLIP
    year: 2021
    categories: [nope]
  - id: clip
    kind: paper
    title: Again
  - id: bad
    kind: paper
    title: Bad year
    year: 1066
"""


def _summary(result):
    return (
        [str(i) + i.subtype.value for i in result.issues],
        [(e, e.source, dict(e.lines)) for e in result.catalog],
    )


def test_warm_load_equals_cold(tmp_path: Path):
    (tmp_path / "c.yaml").write_text(CATALOG, encoding="utf-8")
    store = tmp_path / "cache"
    cold = load_catalog([tmp_path / "c.yaml"], cache_dir=store)
    assert len(list(store.glob("*.pickle"))) == 1
    warm = load_catalog([tmp_path / "c.yaml"], cache_dir=store)
    plain = load_catalog([tmp_path / "c.yaml"])
    assert _summary(cold) == _summary(warm) == _summary(plain)
    assert len(plain.issues) == 3


def test_changed_content_or_name_is_a_miss(tmp_path: Path):
    path = tmp_path / "c.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    store = tmp_path / "cache"
    load_catalog([path], cache_dir=store)
    path.write_text(CATALOG.replace("Bad year", "Other"), encoding="utf-8")
    result = load_catalog([path], cache_dir=store)
    assert result.catalog.get("bad").title == "Other"
    load_catalog([path], cache_dir=store, base=tmp_path)  # shown under another name
    assert len(list(store.glob("*.pickle"))) == 3


def test_corrupt_or_unwritable_cache_is_ignored(tmp_path: Path):
    path = tmp_path / "c.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    store = tmp_path / "cache"
    expected = _summary(load_catalog([path], cache_dir=store))
    for pickled in store.glob("*.pickle"):
        pickled.write_bytes(b"not a pickle")
    assert _summary(load_catalog([path], cache_dir=store)) == expected
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert _summary(load_catalog([path], cache_dir=blocker / "sub")) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("off", None), ("", None), ("/somewhere", Path("/somewhere"))]
)
def test_default_dir_from_environment(monkeypatch, value, expected):
    monkeypatch.setenv(cache.ENV_VAR, value)
    assert cache.default_dir() == expected


def test_default_dir_under_xdg_cache(monkeypatch, tmp_path: Path):
    monkeypatch.delenv(cache.ENV_VAR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.default_dir() == tmp_path / "sphinx-vlmcatalog"


def test_prune_drops_the_least_recently_used_beyond_the_size_but_not_what_is_kept(
    tmp_path: Path, monkeypatch
):
    store = cache.FileCache(tmp_path)
    for i in range(5):
        store.put(f"k{i}", "x" * 1000)
        os.utime(tmp_path / f"k{i}.pickle", (1000 + i, 1000 + i))  # k4 is the most recent
    size = (tmp_path / "k0.pickle").stat().st_size
    monkeypatch.setattr(cache, "MAX_BYTES", 2 * size)
    store.prune(keep={"k0"})
    assert sorted(p.stem for p in tmp_path.glob("*.pickle")) == ["k0", "k3", "k4"]


def test_a_catalog_of_many_files_stays_cached(tmp_path: Path):
    # 100 files: more than any count limit that once evicted a load's own files
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    for i in range(100):
        (catalog / f"f{i:03d}.yaml").write_text(
            f"entries:\n  - id: e{i}\n    kind: paper\n    title: Paper {i}\n", encoding="utf-8"
        )
    store = tmp_path / "cache"
    cold = load_catalog([catalog], cache_dir=store)
    assert len(list(store.glob("*.pickle"))) == 100
    misses = []
    real = cache.FileCache.put

    def counting(self, name, value):
        misses.append(name)
        real(self, name, value)

    with pytest.MonkeyPatch.context() as m:
        m.setattr(cache.FileCache, "put", counting)
        warm = load_catalog([catalog], cache_dir=store)
    assert misses == []
    assert list(warm.catalog) == list(cold.catalog)


def test_file_results_pickle_to_equal_values(fixture_catalog: Path):
    """A FileResult pickles to an equal one, field by field and type by type."""
    import dataclasses
    import pickle

    from sphinx_vlmcatalog.catalog.loader import load_file

    results = [load_file(path, path.name) for path in sorted(fixture_catalog.rglob("*.yaml"))]
    results.append(load_file_text(CATALOG + "  - id: refused\n    kind: nope\n    title: T\n"))
    assert any(entry is None for result in results for entry, _ in result.entries)
    for result in results:
        back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == result
        for (old, old_issues), (new, new_issues) in zip(result.entries, back.entries, strict=True):
            assert new_issues == old_issues
            assert type(new) is type(old)
            if old is None:
                continue
            for f in dataclasses.fields(old):
                a, b = getattr(old, f.name), getattr(new, f.name)
                assert type(b) is type(a), f.name
                assert b == a, f.name
            assert [type(m) for m in new.sources] == [type(m) for m in old.sources]


def load_file_text(text: str):
    import tempfile

    from sphinx_vlmcatalog.catalog.loader import load_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.yaml"
        path.write_text(text, encoding="utf-8")
        return load_file(path, "c.yaml")
