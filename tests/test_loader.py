"""Loader behaviour beyond single bad-input cases (those live in ``tests/corpus/``, run by
``test_corpus.py``): several problems in one run, fail-fast alias bombs, skipped files, taxonomy
problems, the fixture catalog, values that are unusual but accepted, pickling."""

from __future__ import annotations

import dataclasses
import datetime
import pickle
import time
from pathlib import Path

import pytest

from sphinx_vlmcatalog.catalog import validate
from sphinx_vlmcatalog.catalog.entries import KIND_CLASSES, Entry, data_fields
from sphinx_vlmcatalog.catalog.issues import Subtype
from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.catalog.yamlfile import parse

GOOD = """\
  - id: good
    kind: paper
    title: A good entry
"""

TAXONOMY = """\
taxonomy:
  - key: pretraining
    title: Pre-training
    children:
      - key: contrastive
        title: Contrastive
"""


def load(tmp_path: Path, text: str | bytes, name: str = "bad.yaml"):
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    target = tmp_path / name
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    return load_catalog([tmp_path], base=tmp_path)


def test_bad_field_keeps_rest_of_entry(tmp_path: Path):
    result = load(
        tmp_path,
        "entries:\n  - id: a\n    kind: paper\n    title: t\n    year: soon\n    venue: CVPR\n",
    )
    entry = result.catalog.get("a")
    assert entry is not None
    assert entry.year is None
    assert entry.venue == "CVPR"


def test_all_problems_reported_in_one_run(tmp_path: Path):
    result = load(
        tmp_path,
        "entries:\n  - id: a\n    kind: paper\n    title: t\n    year: x\n"
        "  - id: b\n    kind: paper\n    title: u\n    yaer: 1\n"
        "  - id: c\n    kind: nope\n    title: v\n",
    )
    assert [(i.where.line, i.subtype) for i in result.issues] == [
        (5, Subtype.CATALOG_SCHEMA),
        (9, Subtype.UNKNOWN_FIELD),
        (11, Subtype.CATALOG_SCHEMA),
    ]


def test_alias_bomb_fails_fast(tmp_path: Path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    start = time.perf_counter()
    result = load(tmp_path, "\n".join(lines) + "\n")
    assert time.perf_counter() - start < 5
    [issue] = [i for i in result.issues if i.where.path == "bad.yaml"]
    assert issue.subtype is Subtype.CATALOG_SYNTAX
    assert "possible alias bomb" in issue.message
    assert issue.where.line == 4  # the first line that re-uses an expanded alias too often


def test_small_aliases_are_fine(tmp_path: Path):
    result = load(
        tmp_path,
        "entries:\n  - id: a\n    kind: paper\n    title: t\n"
        "    tags: &t [x, y]\n  - id: b\n    kind: paper\n    title: u\n"
        "    tags: *t\n",
    )
    assert result.ok, result.issues
    assert result.catalog.get("b").tags == ("x", "y")


def test_missing_path_is_reported(tmp_path: Path):
    result = load_catalog([tmp_path / "nope"])
    [issue] = result.issues
    assert issue.subtype is Subtype.CATALOG_FILE
    assert "no such file or directory" in issue.message


def test_hidden_and_other_files_are_skipped(tmp_path: Path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.yaml").write_text("- broken")
    (tmp_path / "notes.txt").write_text("- broken")
    result = load(tmp_path, "entries:\n" + GOOD)
    assert result.ok
    assert sorted(p.name for p in result.files) == ["bad.yaml", "taxonomy.yaml"]


def test_taxonomy_problems(tmp_path: Path):
    (tmp_path / "more.yaml").write_text(
        "taxonomy:\n  - key: pretraining\n    title: Again\n  - key: a.b\n    title: Dotted\n"
        "  - key: ok\n    title: Fine\n    colour: red\n  - title: No key\n"
    )
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    result = load_catalog([tmp_path], base=tmp_path)
    messages = sorted(str(i) for i in result.issues)
    assert messages == [
        "more.yaml:4: category 'a.b' must not contain '.'; nest categories with 'children'",
        "more.yaml:8: unknown category field 'colour'; ignored",
        "more.yaml:9: category without 'key'",
        # files load in path order, so the second definition is taxonomy.yaml's
        "taxonomy.yaml:2: category 'pretraining' is already defined at more.yaml:2",
    ]
    assert "ok" in result.catalog.categories
    assert "pretraining.contrastive" in result.catalog.categories
    assert result.catalog.categories["ok"].title == "Fine"


def test_fixture_catalog_is_clean(fixture_catalog):
    result = load_catalog([fixture_catalog], base=fixture_catalog)
    assert result.ok, [str(i) for i in result.issues]
    assert len(result.catalog) == 11
    clip = result.catalog.get("clip")
    assert clip.short == "CLIP"
    assert str(clip.line_of("year")) == "models.yaml:8"
    assert result.catalog.used_by["clip"] == [
        ("vision_encoder", "llava"),
        ("vision_encoder", "llava-1.5"),
        ("builds_on", "coop"),
    ]


def test_load_is_picklable(fixture_catalog):
    catalog = load_catalog([fixture_catalog]).catalog
    again = pickle.loads(pickle.dumps(catalog))
    assert list(again.entries) == list(catalog.entries)
    assert again.get("clip") == catalog.get("clip")
    assert again.by_category["transfer"] == catalog.by_category["transfer"]


def test_shared_arxiv_is_fine_when_entries_name_each_other(tmp_path: Path):
    result = load(
        tmp_path,
        "entries:\n  - id: m\n    kind: model\n    title: t\n"
        "    arxiv: '2103.00020'\n    relations: {trained_on: [d]}\n"
        "  - id: d\n    kind: dataset\n    title: Data of m\n"
        "    arxiv: '2103.00020'\n",
    )
    assert result.ok, [str(i) for i in result.issues]


UNUSUAL = """\
entries:
  - id: a
    kind: paper
    title: 2021
    short: ' padded '
    authors: One Author
    venue: 1.5
    year: 1900
    date: 2021-02
    links: {paper: 'HTTP://Example.org/x', code: 'https://x.org/a b'}
    tags: [x, x, ' y ', 3]
    categories: [a.b, a.b]
    sources: [plain-list, {list: l, section: s}]
    relations: {related: [b, b], builds_on: c}
  - id: b
    kind: dataset
    title: t
    classes: '1,000'
    train_size: 5
    modalities: image
  - id: c
    kind: model
    title: t
    architecture: dual-encoder
    notes:
  - id: d
    kind: topic
    title: t
    points: [one, two]
    topic_type: challenge
  - id: e
    kind: resource
    title: t
    year: '2020'
    resource_type: survey
  - id: f
    kind: benchmark
    title: t
    links: {paper: 'https://x.org/<script>'}
  - {id: g, kind: paper}
  - id: h
    kind: paper
    title: ''
  - id: i
    kind: paper
    title: t
    yaer: 2020
  - just a string
"""


def test_unusual_and_refused_values() -> None:
    raw = parse(UNUSUAL)["entries"]
    results = [
        validate.build_entry(item, "c.yaml", line)
        for item, line in zip(raw, raw.item_lines, strict=True)
    ]
    built = {entry.id: entry for entry, _ in results if entry is not None}
    assert set(built) == {"a", "b", "c", "d", "e", "f", "i"}
    assert [len(issues) for _, issues in results] == [1, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    a = built["a"]
    assert (a.title, a.short, a.authors, a.venue, a.tags) == (
        "2021",
        "padded",
        ("One Author",),
        "1.5",
        ("x", "y", "3"),
    )
    assert a.links == {"paper": "HTTP://Example.org/x"}  # the unsafe one is reported, left out
    assert a.relations == {"related": ("b",), "builds_on": ("c",)}
    assert [(m.list, m.section) for m in a.sources] == [("plain-list", ""), ("l", "s")]
    assert built["b"].classes == 1000
    assert built["i"].lines == {"id": 44, "kind": 45, "title": 46, "yaer": 47}


def test_max_year_is_next_year() -> None:
    assert validate.max_year() == datetime.date.today().year + 1


def test_data_fields_are_made_once_and_read_only() -> None:
    for cls in (Entry, *KIND_CLASSES.values()):
        fields = data_fields(cls)
        assert fields is data_fields(cls)
        expected = [f.name for f in dataclasses.fields(cls) if not f.metadata.get("internal")]
        assert list(fields) == expected
        with pytest.raises(TypeError):
            fields["extra"] = fields["id"]  # type: ignore[index]


def test_entries_and_categories_pickle_to_equal_frozen_objects(fixture_catalog: Path):
    catalog = load_catalog([fixture_catalog]).catalog
    entries = list(catalog)
    assert {e.kind for e in entries} >= {"paper", "model", "dataset", "benchmark"}
    back = pickle.loads(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == entries
    for old, new in zip(entries, back, strict=True):
        assert type(new) is type(old)
        assert new.source == old.source
        assert new.lines == old.lines
        with pytest.raises(dataclasses.FrozenInstanceError):
            new.title = "changed"  # type: ignore[misc]
    categories = list(catalog.categories.values())
    again = pickle.loads(pickle.dumps(categories))
    assert again == categories
    assert [c.source for c in again] == [c.source for c in categories]


def deep_taxonomy(levels: int, *, flow: bool) -> str:
    """A taxonomy ``levels`` categories deep, in block or flow style."""
    if flow:
        inner = "{key: leaf, title: Leaf}"
        for i in reversed(range(levels)):
            inner = f"{{key: k{i}, title: Level {i}, children: [{inner}]}}"
        return f"taxonomy: [{inner}]\n"
    lines, indent = ["taxonomy:"], "  "
    for i in range(levels):
        lines += [f"{indent}- key: k{i}", f"{indent}  title: Level {i}", f"{indent}  children:"]
        indent += "    "
    return "\n".join([*lines, f"{indent}- key: leaf", f"{indent}  title: Leaf", ""])


@pytest.mark.parametrize("flow", [False, True], ids=["block", "flow"])
@pytest.mark.parametrize("levels", [500, 990])
def test_a_very_deep_taxonomy_is_one_problem_and_the_rest_loads(
    tmp_path: Path, levels: int, flow: bool
) -> None:
    (tmp_path / "good.yaml").write_text("entries:\n" + GOOD)
    result = load(tmp_path, deep_taxonomy(levels, flow=flow), name="deep.yaml")
    assert [(i.subtype, i.where.path, i.message) for i in result.issues] == [
        (
            Subtype.CATALOG_SYNTAX,
            "deep.yaml",
            "lists and mappings are nested more than 64 levels deep; flatten the structure",
        )
    ]
    assert result.issues[0].where.line == (1 if flow else 95)  # (k31, the 65th level)
    assert "good" in result.catalog
    assert "pretraining.contrastive" in result.catalog.categories


def test_taxonomy_depth_limit_is_exact(tmp_path: Path) -> None:
    limit = validate.MAX_TAXONOMY_DEPTH
    ok = parse(deep_taxonomy(limit - 1, flow=False))  # (the leaf is one level more)
    cats, issues = validate.build_taxonomy(ok["taxonomy"], "t.yaml", 1)
    assert issues == []
    assert max(c.depth for c in cats) == limit - 1
    over = parse(deep_taxonomy(limit, flow=False))
    cats, issues = validate.build_taxonomy(over["taxonomy"], "t.yaml", 1)
    assert [str(i) for i in issues] == [
        (
            f"t.yaml:{3 * limit + 2}: category 'leaf' is more than {limit} levels deep; "
            "it and the categories under it are ignored"
        )
    ]
    assert len(cats) == limit
