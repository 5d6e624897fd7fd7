"""Loader behaviour beyond single bad-input cases (those live in ``tests/corpus/``, run by
``test_corpus.py``): several problems in one run, fail-fast alias bombs, skipped files, taxonomy
problems, the fixture catalog, pickling."""

from __future__ import annotations

import time
from pathlib import Path

from sphinx_vlmcatalog.catalog.issues import Subtype
from sphinx_vlmcatalog.catalog.loader import load_catalog

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
    import pickle

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
