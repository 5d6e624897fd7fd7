"""The fast YAML path (catalog/fastyaml.py) returns exactly what PyYAML returns, or declines.

Every comparison is structural and type-strict, with the line of every mapping, key, sequence and
item. Property tests generate catalog-like documents, hostile ones included, derandomized and
with no example database so that a failure reproduces on any machine.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_vlmcatalog.catalog import composer, fastyaml, reader
from sphinx_vlmcatalog.catalog.reader import LineDict, LineList, YamlProblem

# the document strategies are built from long word lists; their repr is never needed
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

ROOT = Path(__file__).parent.parent
CATALOG_FILES = sorted((ROOT / "catalog").rglob("*.yaml"))


def assert_same(fast: Any, slow: Any, path: str = "$") -> None:
    """Equal values of identical types, with identical lines, all the way down."""
    assert type(fast) is type(slow), f"{path}: {type(fast).__name__} != {type(slow).__name__}"
    if isinstance(slow, LineDict):
        assert fast.line == slow.line, f"{path}: line {fast.line} != {slow.line}"
        assert fast.key_lines == slow.key_lines, f"{path}: key lines"
        assert list(fast) == list(slow), f"{path}: keys {list(fast)} != {list(slow)}"
        for key in slow:
            assert_same(fast[key], slow[key], f"{path}.{key}")
    elif isinstance(slow, LineList):
        assert fast.line == slow.line, f"{path}: line {fast.line} != {slow.line}"
        assert fast.item_lines == slow.item_lines, f"{path}: item lines"
        assert len(fast) == len(slow), f"{path}: length"
        for n, (a, b) in enumerate(zip(fast, slow, strict=True)):
            assert_same(a, b, f"{path}[{n}]")
    elif isinstance(slow, float) and math.isnan(slow):
        assert math.isnan(fast), path
    else:
        assert fast == slow, f"{path}: {fast!r} != {slow!r}"


def check(text: str) -> Any:
    """The fast result when it answers (and then equals PyYAML's), else None.

    A text PyYAML rejects must be declined.
    """
    fast = fastyaml.parse(text)
    try:
        slow = composer.parse_with_pyyaml(text)
    except YamlProblem:
        assert fast is None, f"fast path accepted what PyYAML rejects:\n{text}"
        return None
    if fast is not None:
        assert_same(fast, slow)
    return fast


def accepted(text: str) -> Any:
    result = check(text)
    assert result is not None, f"declined:\n{text}"
    return result


def declined(text: str) -> None:
    assert fastyaml.parse(text) is None, f"accepted:\n{text}"
    check(text)  # and PyYAML still answers as before


# -- whole files --------------------------------------------------------------------------------


def test_real_catalog_is_found() -> None:
    assert len(CATALOG_FILES) > 10


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_real_catalog_file(path: Path) -> None:
    accepted(reader.decode(path.read_bytes()))


def _benchmark_generator() -> Any:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return generate


def test_generated_benchmark_catalog(tmp_path: Path) -> None:
    generate = _benchmark_generator()
    generate.generate(tmp_path, 300)
    files = sorted((tmp_path / "catalog").rglob("*.yaml"))
    assert len(files) == 21  # the taxonomy and a file per category
    for path in files:
        accepted(reader.decode(path.read_bytes()))


def test_parse_uses_the_fast_path_and_falls_back() -> None:
    text = "entries:\n  - id: a\n    year: 2021\n"
    assert fastyaml.parse(text) is not None
    assert_same(reader.parse(text), composer.parse_with_pyyaml(text))
    text = "entries:\n  - id: &x a\n    title: *x\n"
    assert fastyaml.parse(text) is None
    assert reader.parse(text) == {"entries": [{"id": "a", "title": "a"}]}
    with pytest.raises(YamlProblem, match="duplicate key 'a'"):
        reader.parse("a: 1\na: 2\n")


# -- accepted constructs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n",
        "a:\n  b: c\n  d:\n    - x\n    - y\n",
        "- a\n- b\n",
        "a:\n  - k: v\n    j: w\n  -   k: v\n      j: w\n",
        "a:\n   - x\n   -\n   - y\n",  # '-' alone is null
        "-\n\n  # c\n  a: 1\n  b: 2\n-\n  - x\n- y\n",  # '-' alone, its node below
        "a:\nb: ~\nc: null\nd: NULL\ne:   \n",
        "a: [x, y z,   w]\nb: []\nc: [ ]\nd: [2021, yes, null, 1.5, 0x1f]\n",
        "a: {list: x, section: Ethics & Best Practices}\nb: {}\n",
        "a: [x,\n   y, z\n   w]\n",
        "a: {list: x,\n   section: y}\n",
        "a: 'it''s'\nb: ''\nc: ''''\nd: 'a: b # c [d]'\n",
        "a: 'one\n  two  \n    three '\n",
        "a: 'x\n  '\n",
        "a: one\n  two\n   three\nb: x\n",
        "a: https://example.org/x#frag\nb: a:b\nc: 50%\nd: x [y], {z}\n",
        "# comment\n\na: 1  \n   # indented comment\n\nb: 2\n# end",
        "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: False\n",
        "a: 2021\nb: 0o12\nc: 012\nd: 1_000\ne: 1:30\nf: 0x_1\n",
        "a: .inf\nb: .NaN\nc: 1e3\nd: 1.0e+3\ne: 6.8523015e+5\nf: 1.5\n",
        "a: 2021-01-02\nb: 2001-12-14t21:59:43.10-05:00\n",
        "a: é 日本 💡\nb: x\u00a0y\n",
        "key.with-dots_and-dashes: v\nK: v\n_k: v\ny: n\n",
        "a:\n  b:\n    c:\n      d: [e]\n",
    ],
)
def test_accepted(text: str) -> None:
    accepted(text)


def test_lines_of_items_and_keys() -> None:
    result = accepted("# c\n\nentries:\n\n  - id: a\n    authors: [x,\n      y]\n    links:\n")
    assert result.line == 3
    entries = result["entries"]
    assert (entries.line, entries.item_lines) == (5, [5])
    assert entries[0].key_lines == {"id": 5, "authors": 6, "links": 8}
    assert entries[0]["authors"].item_lines == [6, 7]


def test_repeated_flow_collections_are_separate_values() -> None:
    """One-line flow collections are memoised by their text; each use gets its own value."""
    result = accepted("a: [x, yes]\nb: [x, yes]\nc: {k: v, n: 1}\nd:\n  - {k: v, n: 1}\n")
    assert result["a"] == result["b"] == ["x", True]
    assert result["a"] is not result["b"]
    assert (result["a"].item_lines, result["b"].item_lines) == ([1, 1], [2, 2])
    assert result["c"] is not result["d"][0]
    assert (result["c"].key_lines, result["d"][0].key_lines) == ({"k": 3, "n": 3}, {"k": 5, "n": 5})
    result["a"].append("changed")
    assert result["b"] == ["x", True]


# -- declined constructs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("# only a comment\n", id="only-comment"),
        pytest.param("just a scalar\n", id="root-scalar"),
        pytest.param(" a: 1\n", id="indented-root"),
        pytest.param("a:\n\tb: 1\n", id="tab-indent"),
        pytest.param("a: x\tb\n", id="tab-in-value"),
        pytest.param("a: 1\r\nb: 2\r\n", id="crlf"),
        pytest.param("a: x\x85y\n", id="nel"),
        pytest.param("a: x\u2028y\n", id="line-separator"),
        pytest.param("a: x\ufeffy\n", id="bom-inside"),
        pytest.param("a: &x 1\nb: *x\n", id="anchor-alias"),
        pytest.param("a: *x\n", id="alias-undefined"),
        pytest.param("a: !!python/object:os.system x\n", id="tag"),
        pytest.param("a: !x y\n", id="local-tag"),
        pytest.param("? a\n: b\n", id="complex-key"),
        pytest.param("a: |\n  x\n", id="literal"),
        pytest.param("a: >\n  x\n", id="folded"),
        pytest.param('a: "x"\n', id="double-quoted"),
        pytest.param("a: 'x' # c\n", id="comment-after-quoted"),
        pytest.param("a: x # c\n", id="comment-after-plain"),
        pytest.param("a: # c\n", id="comment-as-value"),
        pytest.param("---\na: 1\n", id="document-start"),
        pytest.param("a: 1\n...\n", id="document-end"),
        pytest.param("%YAML 1.1\n---\na: 1\n", id="directive"),
        pytest.param("a: 1\na: 2\n", id="duplicate-key"),
        pytest.param("a: {x: 1, x: 2}\n", id="duplicate-flow-key"),
        pytest.param("a: 1\n b: 2\n", id="deeper-sibling"),
        pytest.param("a:\n  b: 1\n c: 2\n", id="between-indents"),
        pytest.param("a:\n- x\n", id="indentless-sequence"),
        pytest.param("a: 1\n\n  b\n", id="continuation-after-blank"),
        pytest.param("a: x\n  - y\n", id="continuation-indicator"),
        pytest.param("a: x\n  y: z\n", id="continuation-mapping"),
        pytest.param("a: b: c\n", id="colon-space-in-plain"),
        pytest.param("a: b:\n", id="colon-at-end"),
        pytest.param("a: 'x\n\n  y'\n", id="quoted-blank-line"),
        pytest.param("a: 'x\ny'\n", id="quoted-shallow-continuation"),
        pytest.param("a: 'x\n", id="quoted-unclosed"),
        pytest.param("'a': 1\n", id="quoted-key"),
        pytest.param("a b: 1\n", id="key-with-space"),
        pytest.param("yes: 1\n", id="bool-key"),
        pytest.param("null: 1\n", id="null-key"),
        pytest.param("2021: 1\n", id="int-key"),
        pytest.param("<<: {a: 1}\n", id="merge-key"),
        pytest.param("a: <<\n", id="merge-value"),
        pytest.param("a: =\n", id="value-tag"),
        pytest.param("a: [x, [y]]\n", id="nested-flow"),
        pytest.param("a: [x, {y: z}]\n", id="flow-map-in-seq"),
        pytest.param("a: ['x', y]\n", id="quote-in-flow"),
        pytest.param("a: [O'Brien]\n", id="apostrophe-in-flow"),
        pytest.param("a: [x #c\n  ]\n", id="comment-in-flow"),
        pytest.param("a: [x: y]\n", id="colon-in-flow"),
        pytest.param("a: {x: y: z}\n", id="colon-in-flow-value"),
        pytest.param("a: {x}\n", id="flow-key-without-value"),
        pytest.param("a: {x: }\n", id="flow-empty-value"),
        pytest.param("a: {'x': y}\n", id="flow-quoted-key"),
        pytest.param("a: [x, , y]\n", id="flow-empty-item"),
        pytest.param("a: [x, y,]\n", id="flow-trailing-comma"),
        pytest.param("a: [x, y] z\n", id="after-flow"),
        pytest.param("a: [x,\n\n  y]\n", id="flow-blank-line"),
        pytest.param("a: [x,\ny]\n", id="flow-shallow-continuation"),
        pytest.param("a: [x\n", id="flow-unclosed"),
        pytest.param("a: [-1]\n", id="flow-item-indicator"),
        pytest.param("- - x\n", id="nested-sequence-same-line"),
        pytest.param("a:\n  just text\n", id="scalar-on-next-line"),
        pytest.param("a: -x\n", id="leading-dash"),
        pytest.param("a: @x\n", id="reserved-indicator"),
        pytest.param("a: `x\n", id="backtick"),
        pytest.param("a: %x\n", id="percent"),
        pytest.param("a: ?x\n", id="question"),
        pytest.param("key:value\n", id="no-space-after-colon"),
        pytest.param("a:\n" + "".join(f"{' ' * n}b{n}:\n" for n in range(1, 80)), id="deep"),
    ],
)
def test_declined(text: str) -> None:
    declined(text)


# -- generated documents ------------------------------------------------------------------------


SAFE_WORDS = [
    "a",
    "vision",
    "Ethics & Co",
    "50%",
    "x-y",
    "https://example.org/p?q=1#f",
    "a:b",
    "it's",
    "é",
    "日本語",
    "💡",
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "null",
    "~",
    "Null",
    "2021",
    "0x1F",
    "0o12",
    "012",
    "1_000",
    "1:30",
    "+1",
    ".5",
    "1e3",
    "1.0e+3",
    ".inf",
    ".NaN",
    "2021-01-02",
    "2001-12-14t21:59:43.10-05:00",
    "x\u00a0y",
]
HOSTILE_WORDS = [
    *SAFE_WORDS,
    "a: b",
    "a #b",
    "#x",
    "-",
    "- x",
    "-x",
    "?",
    "? x",
    "*a",
    "&a",
    "!x",
    "!!str",
    "%x",
    "@x",
    "`x",
    "|",
    ">",
    "'q'",
    '"dq"',
    "[a]",
    "{a: b}",
    "a, b",
    "a]",
    "\t",
    "a\tb",
    "",
    " ",
    "x ",
    "\u2028",
    "\x85",
    "\ufeff",
    "\r",
    "---",
    "...",
    "=",
    "<<",
    ":",
    "a:",
    "O'Brien",
    "a''b",
    "-.Inf",
]
SAFE_KEYS = ["id", "title", "a.b", "x-y", "_k", "Key9", "y", "n", "kind"]
HOSTILE_KEYS = [*SAFE_KEYS, "yes", "No", "null", "on", "2021", "~", "<<", "=", "a b", "'q'", "-k"]


@dataclass
class Scalar:
    text: str


@dataclass
class Seq:
    items: list[Any]


@dataclass
class Map:
    pairs: list[tuple[str, Any]]


def trees(words: list[str], keys: list[str]) -> st.SearchStrategy[Any]:
    text = st.lists(st.sampled_from(words), min_size=1, max_size=4).map(" ".join)
    leaf = st.builds(Scalar, text)
    return st.recursive(
        leaf,
        lambda children: st.one_of(
            st.builds(Seq, st.lists(children, max_size=4)),
            st.builds(Map, st.lists(st.tuples(st.sampled_from(keys), children), max_size=4)),
        ),
        max_leaves=16,
    )


class Writer:
    """Renders a tree as YAML text, drawing every stylistic choice (hostile ones optional)."""

    def __init__(self, draw: Any, hostile: bool) -> None:
        self.draw = draw
        self.hostile = hostile
        self.lines: list[str] = []

    def choose(self, options: list[Any], odd: list[Any] = ()) -> Any:  # type: ignore[assignment]
        return self.draw(st.sampled_from(options + (list(odd) if self.hostile else [])))

    def emit(self, line: str, continuation: bool = False) -> None:
        """Add ``line``, maybe with a blank or comment line before it, or noise after it.

        Within a scalar or flow collection, a blank or comment line is hostile.
        """
        if continuation and not self.hostile:
            self.lines.append(line)
            return
        noise = self.choose(["", "", "", "blank", "comment"], ["trailing", "tail-comment"])
        if noise == "blank":
            self.lines.append(self.choose(["", "   "]))
        elif noise == "comment":
            self.lines.append(" " * self.choose([0, 2, 5]) + "# note")
        if noise == "trailing":
            line += "  "
        elif noise == "tail-comment":
            line += " # tail"
        self.lines.append(line)

    def scalar(self, text: str, prefix: str, indent: int) -> None:
        """``prefix`` then the scalar; continuation lines deeper than ``indent``."""
        style = self.choose(["plain", "plain", "quoted", "multi", "quoted-multi"], ["double"])
        deeper = " " * (indent + self.choose([1, 2, 4], [0]))
        words = text.split(" ")
        # a continuation line starting with an indicator is outside the subset
        plain_tail = [w for w in words[1:] if w and w[0] not in "-?:,[]{}#&*!|>'\"%@`"]
        if style == "double":
            self.emit(prefix + '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"')
        elif style in ("quoted", "quoted-multi"):
            quoted = "'" + text.replace("'", "''") + "'"
            if style == "quoted-multi" and len(words) > 1:
                cut = len(words) // 2
                first = "'" + " ".join(words[:cut]).replace("'", "''")
                rest = " ".join(words[cut:]).replace("'", "''") + "'"
                self.emit(prefix + first)
                self.emit(deeper + rest, continuation=True)
            else:
                self.emit(prefix + quoted)
        elif style == "multi" and len(words) > 1 and (self.hostile or words[1:] == plain_tail):
            self.emit(prefix + words[0])
            for word in words[1:]:
                self.emit(deeper + word, continuation=True)
        else:
            self.emit(prefix + text)

    def flow_safe(self, node: Any) -> bool:
        """Whether ``node`` may be an item of a flow collection (any scalar when hostile)."""
        if not isinstance(node, Scalar):
            return False
        return self.hostile or not any(c in node.text for c in ":#'\"[]{},")

    def flow(self, node: Seq | Map, prefix: str, indent: int) -> None:
        if isinstance(node, Seq):
            parts = [item.text for item in node.items]
            opening, closing = "[", "]"
        else:
            parts = [f"{key}: {value.text}" for key, value in node.pairs]
            opening, closing = "{", "}"
        if len(parts) > 1 and self.choose([False, True]):
            deeper = " " * (indent + self.choose([1, 3], [0]))
            self.emit(prefix + opening + parts[0] + ",")
            self.emit(deeper + ", ".join(parts[1:]) + closing, continuation=True)
        else:
            self.emit(prefix + opening + ", ".join(parts) + closing)

    def node(self, node: Any, prefix: str, indent: int) -> None:
        """``node`` as the value after ``prefix`` (a key or a dash) in a block at ``indent``."""
        if isinstance(node, Scalar):
            self.scalar(node.text, prefix + " ", indent)
            return
        children = node.items if isinstance(node, Seq) else [v for _, v in node.pairs]
        if all(self.flow_safe(child) for child in children) and self.choose([False, True]):
            self.flow(node, prefix + " ", indent)
            return
        if not children:
            self.emit(prefix + self.choose([" []", " {}", ""]))
            return
        if prefix.endswith("-") and isinstance(node, Map) and self.choose([True, False]):
            # '- key: value' starts the mapping on the dash's line
            inner = len(prefix) + 1
            self.block(node, inner, prefix + " ")
            return
        self.emit(prefix)
        self.block(node, indent + self.choose([2, 2, 1, 4], [0, -1]), None)

    def block(self, node: Seq | Map, indent: int, first_prefix: str | None) -> None:
        indent = max(indent, 0)
        pairs = (
            [("-", item) for item in node.items]
            if isinstance(node, Seq)
            else [(f"{key}:", value) for key, value in node.pairs]
        )
        for n, (lead, child) in enumerate(pairs):
            pad = " " * (indent + (self.choose([0], [1]) if n else 0))
            prefix = first_prefix + lead if n == 0 and first_prefix is not None else pad + lead
            self.node(child, prefix, indent)


@st.composite
def documents(draw: Any, hostile: bool) -> str:
    words, keys = (HOSTILE_WORDS, HOSTILE_KEYS) if hostile else (SAFE_WORDS, SAFE_KEYS)
    tree = draw(trees(words, keys))
    writer = Writer(draw, hostile)
    if isinstance(tree, Scalar) or not (tree.items if isinstance(tree, Seq) else tree.pairs):
        tree = Map([("entries", Seq([tree]))])
    writer.block(tree, 0, None)
    head = writer.choose([""] * 8, ["---\n", "%YAML 1.1\n---\n", "\ufeff", "\t"])
    return head + "\n".join(writer.lines) + writer.choose(["\n"] * 4 + [""], ["\n...\n"])


GENERATED = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@settings(GENERATED, max_examples=600)
@given(documents(hostile=True))
def test_hostile_documents_are_declined_or_identical(text: str) -> None:
    check(text)


def _unique_keys(text: str) -> bool:
    try:
        composer.parse_with_pyyaml(text)
    except YamlProblem:
        return False
    return True


@settings(GENERATED, max_examples=300)
@given(documents(hostile=False))
def test_regular_documents_are_accepted(text: str) -> None:
    """Documents in the subset are read by the fast path, not only declined safely."""
    if not _unique_keys(text):  # the tree may repeat a key, which PyYAML rightly refuses
        declined(text)
        return
    accepted(text)
