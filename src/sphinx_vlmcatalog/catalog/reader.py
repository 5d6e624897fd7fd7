"""Safe YAML reading that remembers the line of every mapping key and list item.

PyYAML composes the node graph (with the C parser when it is available) and we build the Python
values ourselves (:mod:`.composer`), so that we control everything a hostile file could abuse:
only the standard scalar tags are accepted (``!!python/object`` and friends are errors, not
objects), merge keys are refused, a repeated key is an error rather than a silent overwrite, and
alias expansion is bounded so that a "billion laughs" file fails at once instead of exhausting
memory.

:func:`parse` first tries :mod:`.fastyaml`, which reads the regular subset that catalog files
are written in several times faster and declines everything else (tags and aliases included);
PyYAML reads what it declines and is the only source of error messages. This module holds what
both share: the values with lines, the problem they raise, and scalar conversion.
"""

from __future__ import annotations

import math
from typing import Any

#: Files larger than this are refused before parsing.
MAX_FILE_BYTES = 10 * 1024 * 1024
#: Nodes that aliases may add to a document beyond those written out.
MAX_ALIAS_NODES = 10_000

_T = "tag:yaml.org,2002:"


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
    # (imported here: both import this module, and a build that finds every file in the cache
    # never imports PyYAML)
    from .composer import parse_with_pyyaml
    from .fastyaml import parse as parse_regular

    fast = parse_regular(text)
    if fast is not None:
        return fast
    return parse_with_pyyaml(text)


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
