"""Reading catalog YAML (catalog/yamlfile.py): values with the line of every key and item, and
the reading rules: standard tags only, no merge keys, no repeated keys, bounded aliases, syntax
errors at the line to look at, the size limit checked before reading, UTF-8 only.

Messages of whole files (``path:line: message``) are checked by the bad-input corpus
(``tests/corpus/``); these tests check the reader itself.
"""

from __future__ import annotations

import math
import re
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_vlmcatalog.catalog import yamlfile
from sphinx_vlmcatalog.catalog.loader import load_catalog, start_load
from sphinx_vlmcatalog.catalog.yamlfile import LineDict, LineList, YamlProblem, parse

ROOT = Path(__file__).parent.parent
# (schema.yaml declares the catalog's rules: not a catalog file)
CATALOG_FILES = sorted(p for p in (ROOT / "catalog").rglob("*.yaml") if p.name != "schema.yaml")


def flat(value: Any, path: str = "$", line: int = 0) -> list[tuple[str, int, str]]:
    """``value`` as (path, line of its key or item, what it is) for it and everything in it;
    a mapping or sequence is ``map@<its own line>`` or ``seq@<its own line>``."""
    if isinstance(value, LineDict):
        assert list(value) == list(value.key_lines)
        out = [(path, line, f"map@{value.line}")]
        for key, item in value.items():
            out += flat(item, f"{path}.{key}", value.key_lines[key])
        return out
    if isinstance(value, LineList):
        assert len(value) == len(value.item_lines)
        out = [(path, line, f"seq@{value.line}")]
        for n, (item, item_line) in enumerate(zip(value, value.item_lines, strict=True)):
            out += flat(item, f"{path}[{n}]", item_line)
        return out
    return [(path, line, repr(value))]


def problem(text: str) -> tuple[str, int]:
    with pytest.raises(YamlProblem) as info:
        parse(text)
    return info.value.message, info.value.line


# -- whole files ------------------------------------------------------------------------------


def test_real_catalog_files_are_read() -> None:
    assert len(CATALOG_FILES) > 10
    for path in CATALOG_FILES:
        data = parse(yamlfile.decode(path.read_bytes()))
        assert isinstance(data, LineDict), path
        assert set(data) <= {"entries", "taxonomy"}, path


def test_generated_benchmark_catalog_is_read(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    generate(tmp_path, 300)
    files = sorted((tmp_path / "catalog").rglob("*.yaml"))
    assert len(files) == 21  # the taxonomy and a file per category
    entries = 0
    for path in files:
        data = parse(yamlfile.decode(path.read_bytes()))
        entries += len(data.get("entries", []))
    assert entries == 300


# -- values and lines -------------------------------------------------------------------------


def test_lines_of_items_and_keys() -> None:
    result = parse("# c\n\nentries:\n\n  - id: a\n    authors: [x,\n      y]\n    links:\n")
    assert flat(result) == [
        ("$", 0, "map@3"),
        ("$.entries", 3, "seq@5"),
        ("$.entries[0]", 5, "map@5"),
        ("$.entries[0].id", 5, "'a'"),
        ("$.entries[0].authors", 6, "seq@6"),
        ("$.entries[0].authors[0]", 6, "'x'"),
        ("$.entries[0].authors[1]", 7, "'y'"),
        ("$.entries[0].links", 8, "None"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "a:\n  b: c\n  d:\n    - x\n    -\n    - y\n",
            [
                ("$", 0, "map@1"),
                ("$.a", 1, "map@2"),
                ("$.a.b", 2, "'c'"),
                ("$.a.d", 3, "seq@4"),
                ("$.a.d[0]", 4, "'x'"),
                ("$.a.d[1]", 5, "None"),
                ("$.a.d[2]", 6, "'y'"),
            ],
            id="block",
        ),
        pytest.param(
            "- k: v\n  j: w\n-\n\n  # c\n  a: 1\n- [x]\n",
            [
                ("$", 0, "seq@1"),
                ("$[0]", 1, "map@1"),
                ("$[0].k", 1, "'v'"),
                ("$[0].j", 2, "'w'"),
                ("$[1]", 6, "map@6"),  # a '-' alone: the item starts where its block does
                ("$[1].a", 6, "1"),
                ("$[2]", 7, "seq@7"),
                ("$[2][0]", 7, "'x'"),
            ],
            id="sequence-of-blocks",
        ),
        pytest.param(
            "a: {list: x,\n   section: y}\nb: [1,\n  2]\nc: []\nd: {}\n",
            [
                ("$", 0, "map@1"),
                ("$.a", 1, "map@1"),
                ("$.a.list", 1, "'x'"),
                ("$.a.section", 2, "'y'"),
                ("$.b", 3, "seq@3"),
                ("$.b[0]", 3, "1"),
                ("$.b[1]", 4, "2"),
                ("$.c", 5, "seq@5"),
                ("$.d", 6, "map@6"),
            ],
            id="flow",
        ),
        pytest.param(
            "a: 'it''s'\nb: \"q\\tx\"\nc: |\n  one\n  two\nd: >\n  one\n  two\ne: one\n  two\n",
            [
                ("$", 0, "map@1"),
                ("$.a", 1, '"it\'s"'),
                ("$.b", 2, "'q\\tx'"),
                ("$.c", 3, "'one\\ntwo\\n'"),
                ("$.d", 6, "'one two\\n'"),
                ("$.e", 9, "'one two'"),
            ],
            id="scalar-styles",
        ),
    ],
)
def test_styles(text: str, expected: Any) -> None:
    assert flat(parse(text)) == expected


def test_scalar_types() -> None:
    result = parse(
        "int: 2021\nhex: 0x1f\nunderscore: 1_000\nfloat: 1.5\nexp: 1.0e+3\nnot_exp: 1e3\n"
        "inf: -.inf\nnan: .NaN\nyes: yes\nno: Off\nnull: ~\nempty:\ndate: 2021-01-02\n"
        "stamp: 2001-12-14t21:59:43.10-05:00\n"
        "quoted: '2021'\nexplicit: !!str 5\nint_tag: !!int '7'\nbinary: !!binary aGk=\n"
    )
    assert {k: v for k, v in result.items() if k != "nan"} == {
        "int": 2021,
        "hex": 31,
        "underscore": 1000,
        "float": 1.5,
        "exp": 1000.0,
        "not_exp": "1e3",  # (YAML 1.1 wants a dot)
        "inf": -math.inf,
        "yes": True,  # (keys are their text as written: 'yes', not 'True')
        "no": False,
        "null": None,
        "empty": None,
        "date": "2021-01-02",  # dates stay text
        "stamp": "2001-12-14t21:59:43.10-05:00",
        "quoted": "2021",
        "explicit": "5",
        "int_tag": 7,
        "binary": "aGk=",
    }
    assert math.isnan(result["nan"])
    assert [type(v) for v in parse("- 1\n- '1'\n- 1.0\n- true\n")] == [int, str, float, bool]


def test_small_aliases_are_values() -> None:
    result = parse("a: &x [p, q]\nb: *x\nc: &s text\nd: *s\n")
    assert result == {"a": ["p", "q"], "b": ["p", "q"], "c": "text", "d": "text"}
    assert result["b"].item_lines == [1, 1]


def test_scalars_keep_their_text_where_yaml_reads_a_number_or_boolean() -> None:
    result = parse(
        "a: 2103.00020\nb: [3.10, 0x1f, yes, x, '3.10', 1_000, .inf]\nc: &n 1.50\nd: *n\n"
        "e: {v: 2.0}\nf: ~\n"
    )
    assert result == {
        "a": 2103.0002,
        "b": [3.1, 31, True, "x", "3.10", 1000, math.inf],
        "c": 1.5,
        "d": 1.5,
        "e": {"v": 2.0},
        "f": None,
    }
    assert result.texts == {"a": "2103.00020", "c": "1.50", "d": "1.50"}
    assert result.written("a") == "2103.00020"
    assert result.written("f") is None
    assert result["b"].texts == {0: "3.10", 1: "0x1f", 2: "yes", 5: "1_000", 6: ".inf"}
    assert [result["b"].written(i) for i in range(7)] == [
        "3.10",
        "0x1f",
        "yes",
        "x",
        "3.10",
        "1_000",
        ".inf",
    ]
    assert yamlfile.written(result["b"])[0] == "3.10"
    assert result["e"].written("v") == "2.0"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("a: &a [x, *a]\n", 1, id="list"),
        pytest.param("a: &a\n  b: 1\n  c: *a\n", 3, id="mapping"),
        pytest.param("taxonomy: &t [{key: a, title: A, children: *t}]\n", 1, id="taxonomy"),
        pytest.param("a: &a\n  - b:\n      - c: [*a]\n", 3, id="deep-inside"),
    ],
)
def test_a_value_cannot_contain_itself(text: str, line: int) -> None:
    start = time.perf_counter()
    message, where = problem(text)
    assert time.perf_counter() - start < 5
    anchor = "t" if "taxonomy" in text else "a"
    assert message == (
        f"alias '*{anchor}' is used inside the value it names (line 1); "
        "a catalog value cannot contain itself"
    )
    assert where == line


def test_an_alias_may_name_a_value_next_to_it() -> None:
    result = parse("a: &a [x]\nb: [*a, {c: *a}]\n")
    assert result["b"] == [["x"], {"c": ["x"]}]


def block_mappings(levels: int) -> str:
    return "".join(f"{'  ' * i}k{i}:\n" for i in range(levels)) + f"{'  ' * levels}v\n"


def block_lists(levels: int) -> str:
    return "".join(f"{'  ' * i}-\n" for i in range(levels)) + f"{'  ' * levels}x\n"


NESTED = {
    "block-mappings": block_mappings,
    "block-lists": block_lists,
    "flow-lists": lambda n: "[" * n + "]" * n + "\n",
    "flow-mappings": lambda n: "{a: " * n + "x" + "}" * n + "\n",
    "mixed": lambda n: (
        "a:\n" + "  - " * (n // 2) + "{b: " * (n - n // 2 - 1) + "c" + "}" * (n - n // 2 - 1)
    ),
}
TOO_DEEP = f"lists and mappings are nested more than {yamlfile.MAX_DEPTH} levels deep; "


@pytest.mark.parametrize("shape", sorted(NESTED))
@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_nesting_is_bounded(shape: str, loader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if loader == "SafeLoader":  # the pure-Python parser, used where libyaml is missing
        monkeypatch.delattr(yaml, "CSafeLoader")
    make = NESTED[shape]
    limit = yamlfile.MAX_DEPTH
    value = parse(make(limit))
    for _ in range(limit - 1):
        value = next(iter(value.values())) if isinstance(value, dict) else value[0]
    assert isinstance(value, list | dict)
    for levels in (limit + 1, 990, 5000):
        start = time.perf_counter()
        message, line = problem(make(levels))
        assert time.perf_counter() - start < 5  # (a busy machine; it takes milliseconds)
        assert message == TOO_DEEP + "flatten the structure"
        assert line >= 1


def test_nesting_through_aliases_is_bounded() -> None:
    half = yamlfile.MAX_DEPTH // 2
    deep = "[" * half + "x" + "]" * half
    assert parse(f"a: &a {deep}\nb: {'[' * (half - 1)}*a{']' * (half - 1)}\n")
    message, line = problem(f"a: &a {deep}\nb:\n  c: {'[' * (half - 1)}*a{']' * (half - 1)}\n")
    assert (message, line) == (
        TOO_DEEP.rstrip("; ") + " (with what alias '*a' brings in); flatten the structure",
        3,
    )
    # a chain of aliases, each adding levels under the alias limit, cannot get deep either
    lines = [f"a0: &a0 {deep}"]
    lines += [f"a{i}: &a{i} [[[[[*a{i - 1}]]]]]" for i in range(1, 40)]
    message, line = problem("\n".join(lines) + "\n")
    assert message.startswith(TOO_DEEP.rstrip("; ") + " (with what alias")
    assert line == 8  # a7: 1 + 5 + 32 + 5 * 6 levels


@pytest.mark.parametrize(
    "text",
    [
        "? [a, b]\n: 1\n",
        "? {a: 1}\n: 2\n",
        "{[a]: 1}\n",
        "x: &x [1]\n*x : 2\n",
    ],
)
def test_keys_are_single_values(text: str) -> None:
    message, _ = problem(text)
    assert message == "a mapping key must be a single value, not a list or mapping"


def test_a_scalar_alias_may_be_a_key() -> None:
    assert parse("a: &k name\n*k : 2\n") == {"a": "name", "name": 2}
    assert parse("a: &k 1.10\n*k : 2\n") == {"a": 1.1, "1.10": 2}


def test_anchors_and_documents_as_pyyaml_reports_them() -> None:
    duplicate = (
        "YAML syntax error: second occurrence "
        "(found duplicate anchor; first occurrence started on line 1)"
    )
    assert problem("a: &x 1\nb: &x 2\n") == (duplicate, 2)
    assert problem("a: *nope\n") == ("YAML syntax error: found undefined alias", 1)
    assert parse("--- !!map\na: 1\n") == {"a": 1}
    assert parse("%YAML 1.1\n---\n- 1\n") == [1]
    assert parse("--- text\n") == "text"
    assert parse("&a x\n") == "x"


def test_empty_documents_are_none() -> None:
    assert parse("") is None
    assert parse("# only a comment\n") is None
    assert parse("---\n...\n") is None


# -- what is refused --------------------------------------------------------------------------

NOT_ALLOWED = "is not allowed in catalog files (only plain YAML values are)"


@pytest.mark.parametrize(
    ("text", "tag", "line"),
    [
        ("a: 1\nb: !!python/object:os.system x\n", "tag:yaml.org,2002:python/object:os.system", 2),
        ("a: !!python/name:os.system\n", "tag:yaml.org,2002:python/name:os.system", 1),
        ("a:\n  b: !secret x\n", "!secret", 2),
        ("a: !!set\n  ? x\n", "tag:yaml.org,2002:set", 1),
        ("a: !!omap\n  - x: 1\n", "tag:yaml.org,2002:omap", 1),
        ("a:\n  - !!python/tuple [1, 2]\n", "tag:yaml.org,2002:python/tuple", 2),
        ("a: =\n", "tag:yaml.org,2002:value", 1),
        ("a: <<\n", "tag:yaml.org,2002:merge", 1),
    ],
)
def test_only_standard_tags(text: str, tag: str, line: int) -> None:
    assert problem(text) == (f"tag '{tag}' {NOT_ALLOWED}", line)


def test_merge_keys_are_refused() -> None:
    text = "base: &b {x: 1}\nentry:\n  <<: *b\n  y: 2\n"
    assert problem(text) == ("merge keys ('<<') are not supported; write the fields out", 3)


@pytest.mark.parametrize(
    ("text", "key", "first", "line"),
    [
        ("a: 1\nb: 2\na: 3\n", "a", 1, 3),
        ("a: {x: 1,\n  x: 2}\n", "x", 1, 2),
        ("- id: a\n  title: t\n  title: u\n", "title", 2, 3),
        ("1: x\n'1': y\n", "1", 1, 2),  # keys are compared as text
        ("yes: x\n'yes': y\n", "yes", 1, 2),
        ("1.10: x\n'1.10': y\n", "1.10", 1, 2),
    ],
)
def test_repeated_keys_name_both_lines(text: str, key: str, first: int, line: int) -> None:
    assert problem(text) == (f"duplicate key '{key}' (first on line {first})", line)


def alias_bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_fails_fast() -> None:
    start = time.perf_counter()
    message, line = problem(alias_bomb(12))  # 9**12 strings if expanded
    assert time.perf_counter() - start < 2
    assert message == (
        "aliases expand to more than 10,000 nodes (possible alias bomb); "
        "write the values out instead"
    )
    assert line == 4  # the first line whose aliases go over the limit


def test_aliases_up_to_the_limit_are_fine() -> None:
    items = ", ".join(["*x"] * (yamlfile.MAX_ALIAS_NODES // 11))  # each alias: 11 nodes
    assert len(parse(f"a: &x [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [{items}]\n")["b"]) == 909


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        pytest.param(
            "a: 1\nb: 'open\n\nc: 3\n",
            "YAML syntax error: found unexpected end of stream "
            "(while scanning a quoted scalar started on line 2)",
            2,
            id="unclosed-quote-at-its-opening-line",
        ),
        pytest.param(
            "a: [x,\n  y\nb: 2\n",
            "YAML syntax error: did not find expected ',' or ']' "
            "(while parsing a flow sequence started on line 1)",
            3,
            id="unclosed-flow",
        ),
        pytest.param(
            "a:\n\tb: 1\n",
            "YAML syntax error: found character that cannot start any token "
            "(while scanning for the next token started on line 2)",
            2,
            id="tab",
        ),
        pytest.param(
            "a: 1\n---\nb: 2\n",
            "YAML syntax error: but found another document "
            "(expected a single document in the stream started on line 1)",
            2,
            id="two-documents",
        ),
        pytest.param(
            "a: *nope\n",
            "YAML syntax error: found undefined alias",
            1,
            id="undefined-alias",
        ),
        pytest.param(
            "a: b: c\n",
            "YAML syntax error: mapping values are not allowed in this context",
            1,
            id="colon-in-plain",
        ),
    ],
)
def test_syntax_errors_are_one_line_at_the_line_to_look_at(
    text: str, message: str, line: int
) -> None:
    assert problem(text) == (message, line)


def test_control_characters_are_reported_at_their_line() -> None:
    message, line = problem("a: 1\nb: x\x00y\n")
    assert message.startswith("YAML error: unacceptable character #x0000")
    assert "\n" not in message
    assert line == 2


# -- bytes ------------------------------------------------------------------------------------


def test_decode_allows_a_bom_and_names_the_line_of_a_bad_byte() -> None:
    assert yamlfile.decode(b"\xef\xbb\xbfa: 1\n") == "a: 1\n"
    with pytest.raises(YamlProblem) as info:
        yamlfile.decode(b"a: 1\nb: 2\nc: caf\xe9\n")
    assert (info.value.message, info.value.line, info.value.syntax) == (
        "not valid UTF-8 (byte 0xe9); save the file as UTF-8",
        3,
        False,
    )


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)  # no disk blocks
    return path


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = sparse(tmp_path / "huge.yaml", 512 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(YamlProblem) as info:
            yamlfile.read_bytes(path)
        result = load_catalog([path])
        pending = start_load([path], base=tmp_path, cache_dir=None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024  # nowhere near the file's 512 MiB
    expected = (
        "file is 536,870,912 bytes; the limit is 10,485,760 bytes (split it into several files)"
    )
    assert (info.value.message, info.value.line, info.value.syntax) == (expected, 1, False)
    assert [(i.subtype.value, str(i)) for i in result.issues] == [
        ("catalog_file", f"{path}:1: {expected}")
    ]
    assert [str(i) for i in pending.result().issues] == [f"huge.yaml:1: {expected}"]
    assert "huge.yaml" in pending.prints


def test_the_limit_is_exact(tmp_path: Path) -> None:
    limit = yamlfile.MAX_FILE_BYTES
    at_limit = tmp_path / "a.yaml"
    at_limit.write_bytes(b"a: 1\n" + b"#" * (limit - 6) + b"\n")
    assert len(yamlfile.read_bytes(at_limit)) == limit
    with pytest.raises(YamlProblem, match="file is 10,485,761 bytes"):
        yamlfile.read_bytes(sparse(tmp_path / "b.yaml", limit + 1))
    with pytest.raises(YamlProblem, match="file is 10,485,761 bytes"):
        yamlfile.decode(b" " * (limit + 1))


# -- agreement with PyYAML's own reading ------------------------------------------------------

KEYS = st.sampled_from(["id", "title", "a.b", "x-y", "_k", "Key9", "kind", "é", "with space"])
SCALARS = st.one_of(
    st.text(max_size=12),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(TREES, st.sampled_from([None, False, True]), st.sampled_from([1, 2, 4]))
def test_values_equal_pyyaml_and_every_key_is_on_its_line(
    tree: Any, flow: bool | None, indent: int
) -> None:
    text = yaml.safe_dump(
        {"root": tree}, default_flow_style=flow, indent=indent, allow_unicode=True, width=40
    )
    result = parse(text)
    assert result == yaml.safe_load(text)
    lines = re.split("\r\n|[\r\n\x85\u2028\u2029]", text)  # YAML 1.1 line breaks

    def check(value: Any) -> None:
        if isinstance(value, LineDict):
            for key, line in value.key_lines.items():
                assert key in lines[line - 1] or "'" in lines[line - 1], (key, line, text)
                check(value[key])
        elif isinstance(value, LineList):
            for item, line in zip(value, value.item_lines, strict=True):
                assert 1 <= line <= len(lines)
                check(item)

    check(result)
