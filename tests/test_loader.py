"""Loader and validation against bad input: each case checks the message, the line, and that
the good entries of the same file still load."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sphinx_vlmcatalog.catalog.issues import Subtype
from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.catalog.reader import MAX_FILE_BYTES

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


# (case id, file text, subtype, line, message fragment)
CASES = [
    (
        "bad-indentation",
        "entries:\n  - id: a\n    kind: paper\n   title: x\n",
        Subtype.CATALOG_SYNTAX,
        4,
        "YAML syntax error",
    ),
    (
        "unclosed-quote",
        "entries:\n  - id: a\n    kind: paper\n    title: 'oops\n" + GOOD,
        Subtype.CATALOG_SYNTAX,
        4,
        "while scanning a quoted scalar started on line 4",
    ),
    ("tab-indent", "entries:\n\t- id: a\n", Subtype.CATALOG_SYNTAX, 2, "YAML syntax error"),
    (
        "python-object-tag",
        "entries:\n  - id: a\n    kind: paper\n    title: !!python/object/apply:os.system [ls]\n",
        Subtype.CATALOG_SYNTAX,
        4,
        "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
    ),
    (
        "custom-tag-scalar",
        "entries:\n  - id: a\n    kind: paper\n    title: !secret x\n",
        Subtype.CATALOG_SYNTAX,
        4,
        "tag '!secret' is not allowed",
    ),
    (
        "merge-key",
        "base: &b {kind: paper}\nentries:\n  - <<: *b\n    id: a\n    title: t\n",
        Subtype.CATALOG_SYNTAX,
        3,
        "merge keys",
    ),
    (
        "repeated-key",
        "entries:\n  - id: a\n    kind: paper\n    title: t\n    title: u\n",
        Subtype.CATALOG_SYNTAX,
        5,
        "duplicate key 'title' (first on line 4)",
    ),
    (
        "list-not-mapping",
        "- id: a\n  kind: paper\n",
        Subtype.CATALOG_FILE,
        1,
        "file is a list; expected a mapping",
    ),
    ("empty-file", "", Subtype.CATALOG_FILE, 1, "file is empty"),
    (
        "entries-not-list",
        "entries:\n  id: a\n",
        Subtype.CATALOG_SCHEMA,
        1,
        "'entries' must be a list",
    ),
    (
        "entry-not-mapping",
        "entries:\n  - just a string\n" + GOOD,
        Subtype.CATALOG_SCHEMA,
        2,
        "an entry must be a mapping",
    ),
    (
        "missing-title",
        "entries:\n  - id: a\n    kind: paper\n" + GOOD,
        Subtype.CATALOG_SCHEMA,
        2,
        "entry 'a': missing required field 'title'",
    ),
    (
        "missing-kind-and-id",
        "entries:\n  - title: Nothing else\n" + GOOD,
        Subtype.CATALOG_SCHEMA,
        2,
        "missing required fields 'id', 'kind'",
    ),
    (
        "unknown-kind",
        "entries:\n  - id: a\n    kind: poster\n    title: t\n" + GOOD,
        Subtype.CATALOG_SCHEMA,
        3,
        "kind 'poster' is not one of paper, model",
    ),
    (
        "bad-id",
        "entries:\n  - id: Bad Id\n    kind: paper\n    title: t\n" + GOOD,
        Subtype.CATALOG_SCHEMA,
        2,
        "'Bad Id' is not a valid id",
    ),
    (
        "year-not-int",
        "entries:\n" + GOOD + "  - id: a\n    kind: paper\n    title: t\n    year: twenty\n",
        Subtype.CATALOG_SCHEMA,
        8,
        "field 'year' must be an integer, got str",
    ),
    (
        "year-implausible",
        "entries:\n  - id: a\n    kind: paper\n    title: t\n    year: 3021\n",
        Subtype.CATALOG_SCHEMA,
        5,
        "3021 is not a plausible year",
    ),
    (
        "bad-date",
        "entries:\n  - id: a\n    kind: paper\n    title: t\n    date: 2024-02-30\n",
        Subtype.CATALOG_SCHEMA,
        5,
        "'2024-02-30' is not a real calendar date",
    ),
    (
        "classes-wrong-type",
        ("entries:\n  - id: d\n    kind: dataset\n    title: t\n    classes: [1, 2]\n"),
        Subtype.CATALOG_SCHEMA,
        5,
        "field 'classes' must be an integer, got a list",
    ),
    (
        "unknown-field",
        "entries:\n  - id: a\n    kind: paper\n    title: t\n    yaer: 2021\n",
        Subtype.UNKNOWN_FIELD,
        5,
        "unknown field 'yaer' for kind 'paper' (did you mean 'year'?)",
    ),
    (
        "field-of-other-kind",
        "entries:\n  - id: a\n    kind: paper\n    title: t\n    classes: 3\n",
        Subtype.UNKNOWN_FIELD,
        5,
        "unknown field 'classes' for kind 'paper'",
    ),
    (
        "javascript-url",
        (
            "entries:\n  - id: a\n    kind: paper\n    title: t\n    links:\n"
            "      code: https://example.org\n      paper: javascript:alert(1)\n"
        ),
        Subtype.UNSAFE_URL,
        7,
        "'paper' 'javascript:alert(1)' is not an absolute http(s) URL",
    ),
    (
        "data-url",
        (
            "entries:\n  - id: a\n    kind: paper\n    title: t\n    links:\n"
            "      paper: data:text/html,<script>x</script>\n"
        ),
        Subtype.UNSAFE_URL,
        6,
        "http(s) URL",
    ),
    (
        "unknown-link-kind",
        (
            "entries:\n  - id: a\n    kind: paper\n    title: t\n    links:\n"
            "      homepage: https://example.org\n"
        ),
        Subtype.CATALOG_SCHEMA,
        6,
        "'homepage' is not a link kind",
    ),
    (
        "bad-category-list-item",
        (
            "entries:\n  - id: a\n    kind: paper\n    title: t\n"
            "    categories:\n      - pretraining\n      - Not A Key\n"
        ),
        Subtype.CATALOG_SCHEMA,
        7,
        "item 2 'Not A Key' is not a valid id",
    ),
    (
        "unknown-category",
        (
            "entries:\n  - id: a\n    kind: paper\n    title: t\n"
            "    categories: [pretraining.contrastiv]\n"
        ),
        Subtype.UNKNOWN_CATEGORY,
        5,
        "unknown category 'pretraining.contrastiv' (did you mean 'pretraining.contrastive'?)",
    ),
    (
        "unknown-relation-target",
        "entries:\n" + GOOD + "  - id: a\n    kind: paper\n    title: t\n"
        "    relations: {builds_on: [goood]}\n",
        Subtype.UNKNOWN_ENTRY,
        8,
        "relation 'builds_on' names unknown entry 'goood' (did you mean 'good'?)",
    ),
    (
        "unknown-relation",
        (
            "entries:\n  - id: a\n    kind: paper\n    title: t\n"
            "    relations:\n      inspired_by: [a]\n"
        ),
        Subtype.CATALOG_SCHEMA,
        6,
        "'inspired_by' is not a relation",
    ),
    (
        "duplicate-id",
        "entries:\n" + GOOD + "  - id: good\n    kind: model\n    title: Again\n",
        Subtype.DUPLICATE_KEY,
        5,
        "duplicate id 'good' (first defined at bad.yaml:2)",
    ),
    (
        "duplicate-arxiv",
        (
            "entries:\n  - id: a\n    kind: paper\n    title: t\n    arxiv: '2103.00020'\n"
            "  - id: b\n    kind: paper\n    title: u\n    arxiv: '2103.00020'\n"
        ),
        Subtype.DUPLICATE_ARXIV,
        9,
        "arXiv id 2103.00020 is also given by 'a' (bad.yaml:5)",
    ),
    (
        "bad-choice",
        ("entries:\n  - id: m\n    kind: model\n    title: t\n    architecture: transformer\n"),
        Subtype.CATALOG_SCHEMA,
        5,
        "'transformer' is not one of dual-encoder",
    ),
    (
        "empty-title",
        "entries:\n  - id: a\n    kind: paper\n    title: '  '\n" + GOOD,
        Subtype.CATALOG_SCHEMA,
        4,
        "entry 'a': field 'title' must not be empty",
    ),
    (
        "bad-sources",
        (
            "entries:\n  - id: a\n    kind: paper\n    title: t\n    sources:\n"
            "      - {list: x, page: 3}\n"
        ),
        Subtype.CATALOG_SCHEMA,
        6,
        "item 1 must be a mapping with 'list'",
    ),
    (
        "unknown-top-level",
        "papers:\n  - id: a\n",
        Subtype.UNKNOWN_FIELD,
        1,
        "unknown top-level key 'papers'",
    ),
    (
        "non-utf8",
        b"entries:\n  - id: a\n    kind: paper\n    title: caf\xe9\n",
        Subtype.CATALOG_FILE,
        4,
        "not valid UTF-8 (byte 0xe9)",
    ),
]


@pytest.mark.parametrize(
    ("text", "subtype", "line", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input(tmp_path: Path, text, subtype, line, fragment):
    result = load(tmp_path, text)
    problems = [i for i in result.issues if i.where.path == "bad.yaml"]
    assert problems, "expected a problem"
    first = problems[0]
    assert first.subtype is subtype, str(first)
    assert first.where.line == line, str(first)
    assert fragment in first.message, str(first)
    assert str(first).startswith(f"bad.yaml:{line}: ")
    # nothing else is lost: a valid sibling entry still loads unless the file could not be parsed
    if "id: good" in (text if isinstance(text, str) else "") and subtype not in (
        Subtype.CATALOG_SYNTAX,
        Subtype.CATALOG_FILE,
    ):
        assert "good" in result.catalog
        assert result.catalog.get("good").title == "A good entry"


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


def test_duplicate_id_across_files(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.yml").write_text("entries:\n" + GOOD)
    result = load(tmp_path, "entries:\n" + GOOD, name="two.yaml")
    dups = [i for i in result.issues if i.subtype is Subtype.DUPLICATE_KEY]
    assert [str(d) for d in dups] == [
        "two.yaml:2: duplicate id 'good' (first defined at sub/one.yml:2); this entry is ignored"
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


def test_oversized_file(tmp_path: Path):
    result = load(tmp_path, b"#" * (MAX_FILE_BYTES + 1))
    [issue] = result.issues
    assert issue.subtype is Subtype.CATALOG_FILE
    assert "the limit is 10,485,760 bytes" in issue.message


def test_bom_and_crlf_are_accepted(tmp_path: Path):
    text = "\ufeffentries:\r\n  - id: a\r\n    kind: paper\r\n    title: t\r\n    year: oops\r\n"
    result = load(tmp_path, text.encode("utf-8"))
    assert "a" in result.catalog
    [issue] = result.issues
    assert issue.where.line == 5


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
