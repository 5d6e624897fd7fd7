"""Safe YAML reading that remembers the line of every mapping key and list item.

PyYAML composes the node graph (with the C parser when it is available); we build the Python
values ourselves so that we control everything a hostile file could abuse: only the standard
scalar tags are accepted (``!!python/object`` and friends are errors, not objects), merge keys are
refused, a repeated key is an error rather than a silent overwrite, and alias expansion is bounded
so that a "billion laughs" file fails at once instead of exhausting memory.

:func:`parse` first tries :mod:`.fastyaml`, which reads the regular subset that catalog files
are written in several times faster and declines everything else (tags and aliases included);
PyYAML reads what it declines and is the only source of error messages.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Files larger than this are refused before parsing.
MAX_FILE_BYTES = 10 * 1024 * 1024
#: Nodes that aliases may add to a document beyond those written out.
MAX_ALIAS_NODES = 10_000

_T = "tag:yaml.org,2002:"
_COLLECTION_TAGS = (_T + "map", _T + "seq")
_STR = _T + "str"
_MERGE = _T + "merge"
_ScalarNode = yaml.ScalarNode
_MappingNode = yaml.MappingNode


class YamlProblem(Exception):
    """A file cannot be read as catalog YAML; ``line`` is 1-based (0 when unknown)."""

    def __init__(self, message: str, line: int = 0, *, syntax: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        #: False for file-level problems (size, encoding) rather than YAML syntax
        self.syntax = syntax


class LineDict(dict[str, Any]):
    """A mapping that knows its own line and the line of each key."""

    __slots__ = ("key_lines", "line")

    def __init__(self, line: int) -> None:  # (dict.__init__ has nothing to do for no items)
        self.line = line
        self.key_lines: dict[str, int] = {}

    def __reduce__(self) -> Any:  # keep the lines when pickled
        return (_rebuild_dict, (self.line, self.key_lines, dict(self)))


class LineList(list[Any]):
    """A sequence that knows its own line and the line of each item."""

    __slots__ = ("item_lines", "line")

    def __init__(self, line: int) -> None:  # (list.__init__ has nothing to do for no items)
        self.line = line
        self.item_lines: list[int] = []

    def __reduce__(self) -> Any:
        return (_rebuild_list, (self.line, self.item_lines, list(self)))


def _rebuild_dict(line: int, key_lines: dict[str, int], items: dict[str, Any]) -> LineDict:
    d = LineDict(line)
    d.update(items)
    d.key_lines = key_lines
    return d


def _rebuild_list(line: int, item_lines: list[int], items: list[Any]) -> LineList:
    lst = LineList(line)
    lst.extend(items)
    lst.item_lines = item_lines
    return lst


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector (if it runs) while catalog values are built.

    The collector would otherwise walk the growing heap over and over while tens of thousands of
    containers are made, none of them in a reference cycle (unless aliases make one, which the
    collector finds once it runs again).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def decode(data: bytes) -> str:
    """Decode UTF-8 (a leading BOM is allowed), naming the line of the first bad byte."""
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem(
            f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes "
            "(split it into several files)",
            1,
            syntax=False,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise YamlProblem(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            line,
            syntax=False,
        ) from None


def parse(text: str) -> Any:
    """Parse one YAML document into plain values with line information.

    :raises YamlProblem: on syntax errors, forbidden tags, merge keys, repeated keys, alias bombs.
    """
    from .fastyaml import parse as parse_regular

    fast = parse_regular(text)
    if fast is not None:
        return fast
    return parse_with_pyyaml(text)


def parse_with_pyyaml(text: str) -> Any:
    """:func:`parse` by PyYAML alone: the authority that :mod:`.fastyaml` must match."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(*_syntax_message(exc)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids (NUL, other controls)
        line = text.count("\n", 0, exc.position) + 1
        raise YamlProblem(f"YAML error: {exc}".splitlines()[0], line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML error: {exc}".splitlines()[0], 0) from None
    if node is None:
        return None
    return _Builder().build(node)


def _syntax_message(exc: yaml.MarkedYAMLError) -> tuple[str, int]:
    """One line for a syntax error, at the line a person should look at.

    An unclosed quote or bracket is only noticed at the end of the file; the line where it was
    opened (the error's context mark) is the useful one then.
    """
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark
    message = f"YAML syntax error: {problem}"
    if exc.context and exc.context_mark is not None:
        message += f" ({exc.context} started on line {exc.context_mark.line + 1})"
        if "end of stream" in problem or mark is None:
            mark = exc.context_mark
    return message, (mark.line + 1 if mark is not None else 0)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader, with plain-scalar tags memoised by value.

    PyYAML resolves every plain scalar by trying regular expressions in Python; a catalog repeats
    the same values (kinds, venues, years) thousands of times. No path resolvers are registered
    on the safe loader, so the tag depends on the value alone and the path bookkeeping that the
    composer calls for every node can be skipped.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._plain_tags: dict[str, str] = {}

    if not _BaseLoader.yaml_path_resolvers:

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is yaml.ScalarNode:
                if not implicit[0]:
                    return _STR
                tag = self._plain_tags.get(value)
                if tag is None:
                    tag = self._plain_tags[value] = super().resolve(kind, value, implicit)
                return tag
            return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]


class _Builder:
    """Turns a composed node graph into values, counting what aliases re-use."""

    def __init__(self) -> None:
        self.done: dict[int, Any] = {}
        self.sizes: dict[int, int] = {}
        self.alias_nodes = 0

    def size(self, node: yaml.Node) -> int:
        """Nodes in the expanded subtree (memoised, so a bomb is measured without expanding it)."""
        key = id(node)
        if key in self.sizes:
            return self.sizes[key]
        self.sizes[key] = 1  # guards against recursive aliases
        total = 1
        if isinstance(node, yaml.MappingNode):
            total += sum(self.size(k) + self.size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(self.size(v) for v in node.value)
        self.sizes[key] = total
        return total

    def build(self, node: yaml.Node) -> Any:
        key = id(node)
        done = self.done
        if key in done:  # reached again: an alias
            self.alias_nodes += self.size(node)
            if self.alias_nodes > MAX_ALIAS_NODES:
                raise YamlProblem(
                    f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes "
                    "(possible alias bomb); write the values out instead",
                    node.start_mark.line + 1,
                )
            return done[key]
        cls = node.__class__
        if cls is _ScalarNode:
            # the common case first: a string needs no conversion
            value = node.value if node.tag == _STR else _scalar(node)  # type: ignore[arg-type]
            done[key] = value
            return value
        line = node.start_mark.line + 1
        if node.tag not in _COLLECTION_TAGS:
            raise YamlProblem(
                f"tag '{node.tag}' is not allowed in catalog files (only plain YAML values are)",
                line,
            )
        if cls is _MappingNode:
            mapping = LineDict(line)
            done[key] = mapping
            key_lines = mapping.key_lines
            build = self.build
            for knode, vnode in node.value:
                ktag = knode.tag
                if ktag == _MERGE:
                    raise YamlProblem(
                        "merge keys ('<<') are not supported; write the fields out",
                        knode.start_mark.line + 1,
                    )
                k = knode.value if ktag == _STR and knode.__class__ is _ScalarNode else build(knode)
                if not isinstance(k, str):
                    k = str(k)
                if k in mapping:
                    raise YamlProblem(
                        f"duplicate key '{k}' (first on line {key_lines[k]})",
                        knode.start_mark.line + 1,
                    )
                key_lines[k] = knode.start_mark.line + 1
                mapping[k] = build(vnode)
            return mapping
        seq = LineList(line)
        done[key] = seq
        item_lines = seq.item_lines
        for item in node.value:
            item_lines.append(item.start_mark.line + 1)
            seq.append(self.build(item))
        return seq


def _scalar(node: yaml.ScalarNode) -> Any:
    return scalar_value(node.tag, node.value, node.start_mark.line + 1)


def scalar_value(tag: str, text: str, line: int) -> Any:
    """The value of a scalar with a resolved ``tag``; an unknown tag is an error at ``line``."""
    if tag in (_T + "str", _T + "timestamp", _T + "binary") or tag == "!":
        # Dates stay strings: the catalog stores them as ISO text.
        return text
    if tag == _T + "int":
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if tag == _T + "float":
        try:
            value = float(text.replace("_", ""))
        except ValueError:
            lowered = text.lower()
            value = (
                math.nan
                if "nan" in lowered
                else (-math.inf if lowered.startswith("-") else math.inf)
            )
        return value
    if tag == _T + "bool":
        return text.lower() in ("true", "yes", "on")
    if tag == _T + "null":
        return None
    raise YamlProblem(
        f"tag '{tag}' is not allowed in catalog files (only plain YAML values are)",
        line,
    )
