"""Read one catalog file safely, remembering the line of every mapping key and list item.

PyYAML composes the node graph (with its C loader where available) and this module builds the
Python values itself, so that it controls everything a hostile file could abuse: only the
standard scalar tags are accepted (``!!python/object`` and friends are errors, not objects),
merge keys are refused, a repeated key is an error rather than a silent overwrite, and alias
expansion is bounded so that a "billion laughs" file fails at once instead of exhausting memory.
A file larger than :data:`MAX_FILE_BYTES` is refused before its bytes are read.

PyYAML is imported on the first parse, not with this module: a load that finds every file in
the cache never needs it.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

#: Files larger than this are refused before they are read.
MAX_FILE_BYTES = 10 * 1024 * 1024
#: Nodes that aliases may add to a document beyond those written out.
MAX_ALIAS_NODES = 10_000

_T = "tag:yaml.org,2002:"
_STR = _T + "str"
_MERGE = _T + "merge"
_COLLECTION_TAGS = (_T + "map", _T + "seq")


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

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class LineList(list[Any]):
    """A sequence that knows its own line and the line of each item."""

    __slots__ = ("item_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


def too_large(size: int) -> YamlProblem:
    """The problem of a file of ``size`` bytes, over :data:`MAX_FILE_BYTES`."""
    return YamlProblem(
        f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes "
        "(split it into several files)",
        1,
        syntax=False,
    )


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``, refusing a file over the size limit before reading it.

    :raises YamlProblem: if the file is too large
    :raises OSError: if it cannot be read
    """
    with path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size > MAX_FILE_BYTES:
            raise too_large(size)
        # bounded: a file that grew since, or a device that reports no size
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise too_large(max(size, len(data)))
    return data


def decode(data: bytes) -> str:
    """Decode UTF-8 (a leading BOM is allowed), naming the line of the first bad byte.

    :raises YamlProblem: if ``data`` is too large or not UTF-8
    """
    if len(data) > MAX_FILE_BYTES:
        raise too_large(len(data))
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
    """Parse one YAML document into plain values, with :class:`LineDict` and :class:`LineList`
    for mappings and sequences (None for an empty document).

    :raises YamlProblem: on syntax errors, forbidden tags, merge keys, repeated keys, alias bombs.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(*_syntax_message(exc)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids (NUL, other controls)
        line = text.count("\n", 0, exc.position) + 1
        raise YamlProblem(f"YAML error: {exc}".splitlines()[0], line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML error: {exc}".splitlines()[0], 0) from None
    if node is None:
        return None
    return _Builder(yaml).build(node)


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


class _Builder:
    """Turns a composed node graph into values, counting the nodes that aliases re-use."""

    def __init__(self, yaml_module: Any) -> None:
        self.scalar_node: type[yaml.ScalarNode] = yaml_module.ScalarNode
        self.mapping_node: type[yaml.MappingNode] = yaml_module.MappingNode
        self.sequence_node: type[yaml.SequenceNode] = yaml_module.SequenceNode
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
        if isinstance(node, self.mapping_node):
            total += sum(self.size(k) + self.size(v) for k, v in node.value)
        elif isinstance(node, self.sequence_node):
            total += sum(self.size(v) for v in node.value)
        self.sizes[key] = total
        return total

    def build(self, node: yaml.Node) -> Any:
        """The value of ``node``; a node reached again is an alias, and counted."""
        key = id(node)
        if key in self.done:
            self.alias_nodes += self.size(node)
            if self.alias_nodes > MAX_ALIAS_NODES:
                raise YamlProblem(
                    f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes "
                    "(possible alias bomb); write the values out instead",
                    node.start_mark.line + 1,
                )
            return self.done[key]
        line = node.start_mark.line + 1
        if isinstance(node, self.scalar_node):
            value = scalar_value(node.tag, node.value, line)
            self.done[key] = value
            return value
        if node.tag not in _COLLECTION_TAGS:
            raise YamlProblem(
                f"tag '{node.tag}' is not allowed in catalog files (only plain YAML values are)",
                line,
            )
        if isinstance(node, self.mapping_node):
            mapping = LineDict(line)
            self.done[key] = mapping
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if key_node.tag == _MERGE:
                    raise YamlProblem(
                        "merge keys ('<<') are not supported; write the fields out", key_line
                    )
                name = str(self.build(key_node))
                if name in mapping:
                    raise YamlProblem(
                        f"duplicate key '{name}' (first on line {mapping.key_lines[name]})",
                        key_line,
                    )
                mapping.key_lines[name] = key_line
                mapping[name] = self.build(value_node)
            return mapping
        seq = LineList(line)
        self.done[key] = seq
        for item in node.value:
            seq.item_lines.append(item.start_mark.line + 1)
            seq.append(self.build(item))
        return seq


def scalar_value(tag: str, text: str, line: int) -> Any:
    """The value of a scalar with a resolved ``tag``; an unknown tag is an error at ``line``."""
    if tag in (_STR, _T + "timestamp", _T + "binary") or tag == "!":
        # Dates stay strings: the catalog stores them as ISO text.
        return text
    if tag == _T + "int":
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if tag == _T + "float":
        try:
            return float(text.replace("_", ""))
        except ValueError:
            lowered = text.lower()
            if "nan" in lowered:
                return math.nan
            return -math.inf if lowered.startswith("-") else math.inf
    if tag == _T + "bool":
        return text.lower() in ("true", "yes", "on")
    if tag == _T + "null":
        return None
    raise YamlProblem(
        f"tag '{tag}' is not allowed in catalog files (only plain YAML values are)",
        line,
    )
