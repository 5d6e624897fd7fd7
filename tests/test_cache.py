"""The per-file cache of validated catalog files: data only (JSON), equal results cold and warm,
and only a speed-up: a damaged, foreign or hostile cache file is a miss, never an error, never
a wrong entry and never code that runs."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_vlmcatalog.catalog import cache, loader
from sphinx_vlmcatalog.catalog.entries import Entry, SourceMention, data_fields
from sphinx_vlmcatalog.catalog.loader import LoadResult, load_catalog, load_file
from sphinx_vlmcatalog.catalog.result_values import RESULT_KEYS, Result
from sphinx_vlmcatalog.catalog.results import FileResult, from_data, to_data

CATALOG = """\
taxonomy:
  - key: top
    title: Top
    children:
      - key: sub
        title: Sub
        description: ' Below the top '
  - key: other
    title: Other
    colour: red
entries:
  - id: clip
    kind: model
    title: CLIP
    year: 2021
    categories: [nope, top.sub]
    authors: [A. Author, B. Author]
    links: {paper: 'https://arxiv.org/abs/2103.00020'}
    relations: {related: [bda], trained_on: [data]}
    sources: [a-list, {list: b-list, section: Models}]
    modalities: image
    notes:
  - id: clip
    kind: paper
    title: Again
  - id: bad
    kind: paper
    title: Bad year
    year: 1066
    colour: blue
  - id: data
    kind: dataset
    title: Data
    classes: '1,000'
    links: {paper: 'javascript:alert(1)'}
  - {id: refused, kind: nope, title: T}
  - just text
"""


def snapshot(result: LoadResult) -> tuple[object, ...]:
    """Everything a load gives, field by field and type by type."""
    entries = []
    for entry in result.catalog:
        fields = [
            (f.name, type(getattr(entry, f.name)), getattr(entry, f.name))
            for f in dataclasses.fields(entry)
        ]
        mentions = [type(m) for m in entry.sources]
        entries.append((type(entry), fields, mentions))
    categories = [(c, c.source, type(c.description)) for c in result.catalog.categories.values()]
    issues = [(i.subtype, i.message, i.where) for i in result.issues]
    return entries, categories, issues, result.files


def write(tmp_path: Path, text: str = CATALOG) -> Path:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_warm_load_equals_cold(tmp_path: Path):
    path = write(tmp_path)
    store = tmp_path / "cache"
    cold = load_catalog([path], cache_dir=store)
    assert len(list(store.glob("*.json"))) == 1
    warm = load_catalog([path], cache_dir=store)
    plain = load_catalog([path])
    assert snapshot(cold) == snapshot(warm) == snapshot(plain)
    assert [i.subtype.value for i in plain.issues] == [
        "unknown_field",
        "duplicate_key",
        "catalog_schema",
        "unknown_field",
        "unsafe_url",
        "catalog_schema",
        "catalog_schema",
        "unknown_category",
        "unknown_entry",
    ]


def test_a_hit_equals_an_uncached_load_field_by_field(
    tmp_path: Path, fixture_catalog: Path, monkeypatch
):
    write(tmp_path)
    paths = [fixture_catalog, tmp_path / "c.yaml"]
    store = tmp_path / "cache"
    load_catalog(paths, cache_dir=store)
    plain = load_catalog(paths)

    def unread(*args: Any) -> Any:
        raise AssertionError("a hit must not parse")

    monkeypatch.setattr(loader, "read_data", unread)
    hit = load_catalog(paths, cache_dir=store)
    assert snapshot(hit) == snapshot(plain)
    assert len(hit.catalog) == 13  # (the fixture catalog has a clip too)
    assert any(e.sources for e in hit.catalog)
    assert any(e.relations for e in hit.catalog)


def test_changed_content_or_name_is_a_miss(tmp_path: Path):
    path = write(tmp_path)
    store = tmp_path / "cache"
    load_catalog([path], cache_dir=store)
    path.write_text(CATALOG.replace("Bad year", "Other"), encoding="utf-8")
    result = load_catalog([path], cache_dir=store)
    assert result.catalog.get("bad").title == "Other"
    shown_elsewhere = load_catalog([path], cache_dir=store, base=tmp_path)
    assert len(list(store.glob("*.json"))) == 3
    assert {i.where.path for i in shown_elsewhere.issues} == {"c.yaml"}


class Payload:
    """Unpickling this touches ``marker``: what a poisoned pickle cache could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


def test_the_pickle_payload_is_live(tmp_path: Path):
    pickle.loads(pickle.dumps(Payload(tmp_path / "ran")))
    assert (tmp_path / "ran").exists()


def good_record(tmp_path: Path) -> Any:
    """What the cache stores for :data:`CATALOG`."""
    return json.loads(json.dumps(to_data(load_file(write(tmp_path), "c.yaml"))))


with tempfile.TemporaryDirectory() as _tmp:
    GOOD = good_record(Path(_tmp))


WRONG_SHAPES: list[Any] = [
    [],
    {},
    "text",
    {"issues": [], "categories": [], "entries": "no"},
    {"issues": [["nope", "m", 1]], "categories": [], "entries": []},
    {"issues": [["catalog_schema", "m"]], "categories": [], "entries": []},
    {"issues": [["catalog_schema", "m", True]], "categories": [], "entries": []},
    {"issues": [["catalog_schema", "m", -1]], "categories": [], "entries": []},
    {"issues": [["catalog_schema", 5, 1]], "categories": [], "entries": []},
    {"issues": [], "categories": [["a.b", "T", "", None, 1]], "entries": []},
    {"issues": [], "categories": [["a", "T", "", "x", 1]], "entries": []},
    {"issues": [], "categories": [["A B", "T", "", None, 1]], "entries": []},
    {"issues": [], "categories": [["a", "", "", None, 1]], "entries": []},
    {"issues": [], "categories": [["a", "T", 5, None, 1]], "entries": []},
]
ENTRY = {"id": "e", "kind": "model", "title": "T"}
WRONG_ENTRIES: list[Any] = [
    ["no"],
    [ENTRY, 1, {}],
    [ENTRY, "1", {}, []],
    [ENTRY, 1, [], []],
    [ENTRY, 1, {"id": "1"}, []],
    [ENTRY, 1, {}, [["nope", "m", 1]]],
    [[], 1, {}, []],
    [{"id": "e", "kind": "nope", "title": "T"}, 1, {}, []],
    [{"id": "e", "kind": 5, "title": "T"}, 1, {}, []],
    [{"id": "e", "kind": "model"}, 1, {}, []],
    [{"kind": "model", "title": "T"}, 1, {}, []],
    *(
        [{**ENTRY, name: value}, 1, {}, []]
        for name, value in [
            ("colour", "blue"),  # no such field
            ("task", "vqa"),  # a field of other kinds
            ("title", 5),
            ("year", "2021"),
            ("year", True),
            ("year", 2021.0),
            ("authors", "A"),
            ("authors", ["A", 1]),
            ("links", ["https://x.org"]),
            ("links", {"paper": 5}),
            # a forged file must not bring a link the validator would refuse
            ("links", {"paper": "javascript:alert(1)"}),
            ("links", {"code": "data:text/html,<b>x</b>"}),
            ("links", {"paper": 'https://x.org/"onmouseover="x'}),
            ("relations", {"related": "x"}),
            ("relations", ["x"]),
            ("sources", [{"list": "x"}]),
            ("sources", [["x", ""]]),
            ("sources", [{"list": "x", "section": "", "extra": ""}]),
            ("sources", {"list": "x", "section": ""}),
            ("notes", None),
        ]
    ),
]


def test_wrong_shapes_are_misses(tmp_path: Path):
    assert from_data(good_record(tmp_path), "c.yaml") is not None
    for data in WRONG_SHAPES:
        assert from_data(data, "c.yaml") is None, data
    for item in WRONG_ENTRIES:
        data = {"issues": [], "categories": [], "entries": [item]}
        assert from_data(data, "c.yaml") is None, item
    entry = {"issues": [], "categories": [], "entries": [[ENTRY, 1, {"id": 1}, []]]}
    assert from_data(entry, "c.yaml") is not None  # (the cases above differ from it in one way)


def too_deep() -> bytes:
    return b"[" * 100_000 + b"]" * 100_000


@pytest.mark.parametrize(
    "damage",
    ["pickle", "garbage", "truncated", "wrong-shape", "too-deep", "not-utf8", "empty", "dir"],
)
def test_a_damaged_or_hostile_cache_file_is_a_miss(tmp_path: Path, damage: str):
    path = write(tmp_path)
    store = tmp_path / "cache"
    marker = tmp_path / "ran"
    expected = snapshot(load_catalog([path]))
    load_catalog([path], cache_dir=store)
    [stored] = store.glob("*.json")
    good = stored.read_bytes()
    if damage == "dir":
        stored.unlink()
        stored.mkdir()
    else:
        stored.write_bytes(
            {
                "pickle": pickle.dumps(Payload(marker)),
                "garbage": os.urandom(64) + b"\x00\xff",
                "truncated": good[: len(good) // 2],
                "wrong-shape": json.dumps(
                    {"issues": [], "categories": [], "entries": [[1]]}
                ).encode(),
                "too-deep": too_deep(),
                "not-utf8": b'{"issues": ["\xff"]}',
                "empty": b"",
            }[damage]
        )
    assert snapshot(load_catalog([path], cache_dir=store)) == expected
    assert not marker.exists()
    if damage != "dir":  # the miss stored the result again
        assert json.loads(stored.read_bytes()) == json.loads(good)


def test_unwritable_cache_is_ignored(tmp_path: Path):
    path = write(tmp_path)
    expected = snapshot(load_catalog([path]))
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert snapshot(load_catalog([path], cache_dir=blocker / "sub")) == expected


def well_typed(entry: Entry) -> bool:
    """Every field of ``entry`` holds a value of its declared type."""
    checks = {
        "int": lambda v: type(v) is int,
        "year": lambda v: type(v) is int,
        "str_list": lambda v: type(v) is tuple and all(type(x) is str for x in v),
        "id_list": lambda v: type(v) is tuple and all(type(x) is str for x in v),
        "links": lambda v: type(v) is dict and all(type(x) is str for x in v.values()),
        "relations": lambda v: (
            type(v) is dict
            and all(type(t) is tuple and all(type(x) is str for x in t) for t in v.values())
        ),
        "sources": lambda v: (
            type(v) is tuple
            and all(type(m) is SourceMention and type(m.list) is type(m.section) is str for m in v)
        ),
        "results": lambda v: (
            type(v) is tuple
            and all(
                type(r) is Result and all(type(getattr(r, k)) is str for k in RESULT_KEYS)
                for r in v
            )
        ),
        "metrics": lambda v: (
            type(v) is dict
            and all(
                type(b) is tuple and all(type(x) in (int, float) for x in b) for b in v.values()
            )
        ),
    }
    for name, f in data_fields(type(entry)).items():
        value = getattr(entry, name)
        check = checks.get(f.metadata["type"], lambda v: type(v) is str)
        if value is not None and not check(value):
            return False
    return all(type(line) is int for line in entry.lines.values())


def paths_in(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out += paths_in(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            out += paths_in(item, (*path, n))
    return out


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3000) | st.floats() | st.text(max_size=6),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "kind", "title", "list", "x"]), children, max_size=4
        )
    ),
    max_leaves=8,
)


@settings(max_examples=400, derandomize=True, database=None, deadline=None)
@given(st.data())
def test_any_damage_to_a_record_gives_a_miss_or_a_well_typed_result(data: Any) -> None:
    record = json.loads(json.dumps(GOOD))
    path = data.draw(st.sampled_from(paths_in(record)))
    replacement = data.draw(JSON)
    if not path:
        record = replacement
    else:
        target = record
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = replacement
    result = from_data(record, "c.yaml")
    if result is not None:
        assert isinstance(result, FileResult)
        assert all(entry is None or well_typed(entry) for entry, _ in result.entries)


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


def test_the_key_covers_the_code_without_reading_it(monkeypatch, tmp_path: Path):
    code = tmp_path / "catalog"
    code.mkdir()
    (code / "validate.py").write_text("x = 1\n", encoding="utf-8")
    (code / "notes.txt").write_text("x", encoding="utf-8")
    monkeypatch.setattr(cache, "__file__", str(code / "cache.py"))

    def key() -> str:
        cache._code_stamp.cache_clear()
        return cache.key("0" * 64, "c.yaml")

    first = key()
    assert key() == first
    assert cache.key("0" * 64, "d.yaml") != first
    assert cache.key("1" * 64, "c.yaml") != first
    os.utime(code / "notes.txt", (1, 1))  # not a module
    assert key() == first
    before = (code / "validate.py").stat()
    (code / "validate.py").write_text("x = 2\n", encoding="utf-8")  # looked at, never read:
    os.utime(code / "validate.py", ns=(before.st_atime_ns, before.st_mtime_ns))
    assert key() == first  # the same time and size are the same key
    os.utime(code / "validate.py", (1, 1))  # a developer edited the catalog code
    edited = key()
    assert edited != first
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert key() != edited
    monkeypatch.setattr(cache, "__file__", str(tmp_path / "site.zip" / "catalog" / "cache.py"))
    assert len(key()) == 64  # no directory to look at: the version stands alone
    cache._code_stamp.cache_clear()


def test_prune_drops_the_least_recently_used_beyond_the_size_but_not_what_is_kept(
    tmp_path: Path, monkeypatch
):
    store = cache.FileCache(tmp_path)
    for i in range(5):
        store.put(f"k{i}", "x" * 1000)
        os.utime(tmp_path / f"k{i}.json", (1000 + i, 1000 + i))  # k4 is the most recent
    size = (tmp_path / "k0.json").stat().st_size
    monkeypatch.setattr(cache, "MAX_BYTES", 2 * size)
    store.prune(keep={"k0"})
    assert sorted(p.stem for p in tmp_path.glob("*.json")) == ["k0", "k3", "k4"]


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
    assert len(list(store.glob("*.json"))) == 100
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
