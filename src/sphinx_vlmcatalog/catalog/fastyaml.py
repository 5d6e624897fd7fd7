"""A fast reader for the regular, block-style YAML that catalog files are written in.

PyYAML composes a node graph at roughly two microseconds a node, even with the C parser, and a
catalog of ten thousand entries has hundreds of thousands of nodes. Catalog files are regular:
one construct a line, indentation with spaces. This module reads that subset line by line and
builds the same values as :func:`.reader.parse` (the same types, and the same ``line``,
``key_lines`` and ``item_lines``).

One regular expression splits every line into its indentation, sequence dash, mapping key and
rest in a single call; values on one line (the common case) are read from those pieces, values
that go on over several lines from the raw lines.

PyYAML remains the authority. :func:`parse` answers only for text it handles with certainty and
returns None for anything else, and the caller then uses PyYAML, which alone reports errors. The
subset:

- block mappings whose keys are plain identifiers (``[A-Za-z_][A-Za-z0-9_.-]*``) that resolve
  to strings, each key once;
- block sequences, including ``- key: value`` starting a mapping, indented under their key;
- plain scalars, also continued on immediately following, more indented lines; single-quoted
  scalars (``''`` is a quote), also continued on following lines; empty values (null);
- flow sequences of plain scalars (``[a, b]``) and flow mappings of plain keys and plain scalars
  (``{list: x, section: y}``), also across lines;
- blank lines and full-line ``#`` comments between entries.

Everything else declines: tabs, carriage returns and other characters outside printable text,
anchors, aliases and tags (so no object is built from a tag and no alias is expanded here),
``?`` keys, block scalars (``|``, ``>``), double quotes, a comment after a value, document
markers and directives, repeated keys, unexpected indentation, indentless sequences, quotes,
colons, brackets or ``#`` inside flow collections, empty flow items, and plain scalars that
start with an indicator or contain ``': '`` or ``' #'``.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from yaml import ScalarNode as _ScalarNode

from .composer import _Loader
from .reader import LineDict, LineList, scalar_value

#: Tags of the values a plain scalar may resolve to here; any other tag declines.
_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_STR = "tag:yaml.org,2002:str"
#: The characters of the subset besides the newline: printable text. Tabs, CR, the YAML 1.1
#: line breaks NEL, LS and PS, C0/C1 controls, DEL, surrogates and BOMs all decline.
_PRINTABLE = "\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"
#: A line: its indentation, a block sequence dash with the spaces after it, a block mapping key
#: (its colon and the spaces after it are left out), and the rest. A line holding a character
#: outside the subset does not match, so there are fewer matches than lines and we decline.
#: (Possessive repeats and empty alternatives rather than ``?``: the same matches, with less
#: backtracking state kept for each line.)
_LINE = re.compile(
    r"^( *+)(-(?= |$) *+|)(?:([A-Za-z_][A-Za-z0-9_.\-]{0,127}):(?= |$) *+|)"
    f"([{_PRINTABLE}]*+)$",
    re.MULTILINE,
)
_FLOW_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,127}")
#: Characters a plain scalar must not start with (YAML indicators).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: Inside a flow collection's text: nesting, quotes, comments and colons all decline (a flow
#: mapping's own ``': '`` is looked for separately).
_FLOW_SEQ_FORBIDDEN = re.compile(r"[\[\]{}'\"#:]")
_FLOW_MAP_FORBIDDEN = re.compile(r"[\[\]{}'\"#]")
# One line of a flow collection in the form the catalog writes it, read by splitting at ', ':
# items are plain scalars that start with no indicator or space, end with no space and hold no
# character forbidden above; mapping items are a block-style key, ': ' and such a value. (An
# item runs to the next comma, so its characters are taken possessively.)
_ITEM = r"[^-?:,\[\]{}#&*!|>'\"%@` ][^,\[\]{}'\"#:]*+(?<! )"
_PAIR = r"[A-Za-z_][A-Za-z0-9_.\-]{0,127}: " + _ITEM
_FLOW_ITEMS = re.compile(f"{_ITEM}(?:, {_ITEM})*+")
_FLOW_PAIRS = re.compile(f"{_PAIR}(?:, {_PAIR})*+")
#: A line's tokens (see :data:`_LINE`): indentation, dash, key, rest.
Token = tuple[str, str, str, str]
#: Nesting deeper than this declines (the parser recurses once a level).
_MAX_DEPTH = 64


class _Decline(Exception):
    """The text is outside the subset; PyYAML must read it."""


def parse(text: str) -> LineDict | LineList | None:
    """The value of ``text`` as :func:`.reader.parse` would return it, or None to decline."""
    if _Loader.yaml_path_resolvers:
        return None
    try:
        return _Parser(text).document()
    except _Decline:
        return None


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        # one C call splits every line into (indentation, dash, key, rest)
        self.tokens: list[Token] = _LINE.findall(text)
        self.count = len(self.tokens)
        if self.count != text.count("\n") + 1:
            raise _Decline  # a line with a character outside the subset
        # the loader's own memoised resolver, so plain scalars get exactly its tags
        self.resolve = _Loader("").resolve
        self.resolved_first = _Loader.yaml_implicit_resolvers
        if None in self.resolved_first:  # a resolver for every first character
            raise _Decline
        self.values: dict[str, Any] = {}
        #: keys known to resolve to strings, each mapped to its first occurrence: the mappings
        #: (and the line tables of entries built from them) share one string per key
        self.string_keys: dict[str, str] = {}
        #: values of the flow sequences and mappings read so far on one line, by their text
        self.flow_line_items: dict[str, list[Any]] = {}
        self.flow_line_pairs: dict[str, list[tuple[str, Any]]] = {}
        self.depth = 0

    @cached_property
    def lines(self) -> list[str]:
        """The raw lines, for values that span lines."""
        return self.text.split("\n")

    def document(self) -> LineDict | LineList:
        i = self.skip(0)
        if i >= self.count or self.tokens[i][0]:
            raise _Decline  # an empty or indented document
        value, i = self.block(i, 0)
        if self.skip(i) < self.count:
            raise _Decline
        return value

    def skip(self, i: int) -> int:
        """The first line from ``i`` on that is neither blank nor a comment."""
        tokens = self.tokens
        count = self.count
        while i < count:
            _, dash, key, rest = tokens[i]
            if dash or key or (rest and rest[0] != "#"):
                return i
            i += 1
        return i

    def block(self, i: int, indent: int) -> tuple[LineDict | LineList, int]:
        """The block mapping or sequence whose first line is ``i``, at column ``indent``."""
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise _Decline
        _, dash, key, rest = self.tokens[i]
        if dash:
            result: tuple[LineDict | LineList, int] = self.sequence(i, indent)
        elif key:
            result = self.mapping(i, indent, key, rest)
        else:
            raise _Decline
        self.depth -= 1
        return result

    def mapping(self, i: int, indent: int, key: str, rest: str) -> tuple[LineDict, int]:
        """A block mapping whose first ``key`` (followed by ``rest``) is on line ``i``.

        The keys are at column ``indent``. Returns the mapping and the next significant line
        (or the line count).
        """
        tokens = self.tokens
        count = self.count
        resolved_first = self.resolved_first
        string_keys = self.string_keys
        mapping = LineDict(i + 1)
        key_lines = mapping.key_lines
        # indentations are strings of spaces, which compare as their lengths do
        pad = " " * indent
        while True:
            key = string_keys.get(key) or self.string_key(key)
            if key in key_lines:
                raise _Decline  # PyYAML reports the repeated key
            i += 1  # now the key's line number, and the index of the line after it
            key_lines[key] = i
            value: Any
            if not rest:  # a block on the next lines (usually from the very next), or null
                column, dash, key_below, _ = tokens[i] if i < count else ("", "", "", "")
                if column > pad and (dash or key_below):
                    value, i = self.block(i, len(column))
                else:
                    value, i = self.nested(i - 1, indent)
            else:
                first = rest[0]
                last = rest[-1]
                if first not in _INDICATORS:  # the common case: a plain scalar on one line
                    if last == " ":
                        rest = rest.rstrip(" ")
                        last = rest[-1]
                    if ": " in rest or " #" in rest or last == ":":
                        raise _Decline
                    if i < count and tokens[i][0] > pad:
                        value, i = self.continued(i, indent, rest)
                    elif first in resolved_first:
                        value = self.plain(rest, i)
                    else:
                        value = rest
                elif first == "'" and last == "'" and rest.count("'") == 2:
                    value = rest[1:-1]  # a quoted scalar on one line, without ''
                elif first == "[" and last == "]":
                    value = self.flow_sequence_line(rest, i)
                    if value is None:
                        value, i = self.special(i - 1, indent, rest)
                elif first == "{" and last == "}":
                    value = self.flow_mapping_line(rest, i)
                    if value is None:
                        value, i = self.special(i - 1, indent, rest)
                else:
                    value, i = self.special(i - 1, indent, rest)
            mapping[key] = value
            if i < count:  # the next line: usually the next key
                column, dash, key, rest = tokens[i]
                if column == pad and key and not dash:
                    continue
            i, line = self.following(i, pad)
            if line is None:
                return mapping, i
            column, dash, key, rest = line
            if dash or not key:
                raise _Decline

    def following(self, i: int, pad: str) -> tuple[int, Token | None]:
        """The next significant line from ``i`` on, in a block at indentation ``pad``.

        Its index and tokens, or None for the tokens when the block has ended (the line is less
        indented, or there is none); a more indented line declines.
        """
        i = self.skip(i)  # blank lines and comments
        if i >= self.count:
            return i, None
        line = self.tokens[i]
        if line[0] != pad:
            if line[0] > pad:
                raise _Decline
            return i, None
        return i, line

    def string_key(self, key: str) -> str:
        """Remember that ``key`` resolves to a string, or decline."""
        if key[0] in self.resolved_first and self.resolve_tag(key) != _STR:
            raise _Decline  # a key like 'yes' or 'null' becomes str(True), str(None)
        self.string_keys[key] = key
        return key

    def sequence(self, i: int, indent: int) -> tuple[LineList, int]:
        """A block sequence whose first ``-`` is at column ``indent`` of line ``i``."""
        tokens = self.tokens
        count = self.count
        seq = LineList(i + 1)
        item_lines = seq.item_lines
        pad = " " * indent
        _, dash, key, rest = tokens[i]
        while True:
            if not dash:
                raise _Decline
            value: Any
            if key:  # '- key: value' starts a mapping
                item_lines.append(i + 1)
                self.depth += 1
                if self.depth > _MAX_DEPTH:
                    raise _Decline
                value, i = self.mapping(i, indent + len(dash), key, rest)
                self.depth -= 1
            elif rest:
                item_lines.append(i + 1)
                value = None
                if rest[0] == "{" and rest[-1] == "}":  # like sources: '- {list: x}'
                    value = self.flow_mapping_line(rest, i + 1)
                if value is None:
                    value, i = self.value(i, indent, rest)
                else:
                    i += 1
            else:  # '-' alone: a deeper block on the next lines, or null
                after = self.skip(i + 1)
                deeper = len(tokens[after][0]) if after < count else 0
                if deeper > indent:
                    item_lines.append(after + 1)  # the item starts where its block does
                    value, i = self.block(after, deeper)
                else:
                    item_lines.append(i + 1)
                    value = None
                    i += 1
            seq.append(value)
            if i < count:  # the next line: usually the next item
                column, dash, key, rest = tokens[i]
                if column == pad and dash:
                    continue
            i, line = self.following(i, pad)
            if line is None:
                return seq, i
            column, dash, key, rest = line

    def nested(self, i: int, indent: int) -> tuple[Any, int]:
        """The value of a key with nothing after its colon: a more indented block, or null."""
        after = self.skip(i + 1)
        if after < self.count:
            column, dash, _, _ = self.tokens[after]
            if len(column) > indent:
                return self.block(after, len(column))
            if len(column) == indent and dash:
                raise _Decline  # an indentless sequence
        return None, i + 1

    def value(self, i: int, parent: int, rest: str) -> tuple[Any, int]:
        """The scalar or flow collection ``rest`` that ends line ``i``.

        ``parent`` is the indentation of the enclosing block: continuation lines must be deeper.
        Returns the value and the line after it.
        """
        if rest[0] in _INDICATORS:
            return self.special(i, parent, rest)
        text = rest.rstrip(" ")
        _check_plain(text)
        return self.continued(i + 1, parent, text)

    def continued(self, i: int, parent: int, text: str) -> tuple[Any, int]:
        """A plain scalar whose first line is ``text``, continued on the deeper lines from ``i``.

        Returns its value and the line after it.
        """
        lines = self.lines
        count = self.count
        pieces = [text]
        while i < count:
            line = lines[i]
            rest = line.lstrip(" ")
            if not rest or rest[0] == "#" or len(line) - len(rest) <= parent:
                break
            rest = rest.rstrip(" ")
            if rest[0] in _INDICATORS:
                raise _Decline
            _check_plain(rest)
            pieces.append(rest)
            i += 1
        return self.plain(" ".join(pieces), i), i

    def special(self, i: int, parent: int, rest: str) -> tuple[Any, int]:
        """A value starting with an indicator: a quoted scalar or flow collection, on one line
        (read here) or more (read from the raw lines); anything else declines."""
        first = rest[0]
        text = rest.rstrip(" ")
        last = text[-1]
        if first == "'":
            if len(text) > 1 and last == "'":
                inner = text[1:-1]
                if "'" not in inner:
                    return inner, i + 1
                if "'" not in inner.replace("''", ""):
                    return inner.replace("''", "'"), i + 1
            return self.quoted(i, len(self.lines[i]) - len(rest), parent)
        line = i + 1
        if first == "[":
            seq = self.flow_sequence_line(text, line) if last == "]" else None
            if seq is not None:
                return seq, line
            return self.flow_sequence(i, len(self.lines[i]) - len(rest), parent)
        if first == "{":
            mapping = self.flow_mapping_line(text, line) if last == "}" else None
            if mapping is not None:
                return mapping, line
            return self.flow_mapping(i, len(self.lines[i]) - len(rest), parent)
        raise _Decline

    def flow_sequence_line(self, text: str, line: int) -> LineList | None:
        """The flow sequence ``[...]`` that is all of ``text``, if every item is a simple
        scalar (else None: the general reader takes it)."""
        items = self.flow_line_items.get(text)  # categories and the like repeat
        if items is None:
            inner = text[1:-1]
            if _FLOW_ITEMS.fullmatch(inner) is not None:
                resolved_first = self.resolved_first
                plain = self.plain
                items = [
                    item if item[0] not in resolved_first else plain(item, line)
                    for item in inner.split(", ")
                ]
            elif not inner.strip(" "):
                items = []
            else:
                return None
            self.flow_line_items[text] = items
        seq = LineList(line)
        seq += items
        seq.item_lines = [line] * len(items)
        return seq

    def flow_mapping_line(self, text: str, line: int) -> LineDict | None:
        """The flow mapping ``{...}`` that is all of ``text``, if every key and value is a
        simple scalar (else None: the general reader takes it)."""
        pairs = self.flow_line_pairs.get(text)  # sources repeat
        if pairs is None:
            inner = text[1:-1]
            if _FLOW_PAIRS.fullmatch(inner) is not None:
                checked = LineDict(line)  # keys checked here, once for all repeats
                for item in inner.split(", "):
                    key, _, value = item.partition(": ")
                    self.flow_pair(checked, key, value, line)
                pairs = list(checked.items())
            elif not inner.strip(" "):
                pairs = []
            else:
                return None
            self.flow_line_pairs[text] = pairs
        mapping = LineDict(line)
        mapping.update(pairs)
        mapping.key_lines = dict.fromkeys(mapping, line)
        return mapping

    def flow_item(self, mapping: LineDict, text: str, line: int) -> None:
        """Add ``key: value`` (one item of a flow mapping read from several lines)."""
        key, colon, value = text.partition(": ")
        value = value.lstrip(" ")
        if (
            not colon
            or not value
            or ":" in value
            or value[0] in _INDICATORS
            or _FLOW_KEY.fullmatch(key) is None
        ):
            raise _Decline
        self.flow_pair(mapping, key, value, line)

    def flow_pair(self, mapping: LineDict, key: str, value: str, line: int) -> None:
        """Add a checked plain ``key`` and plain ``value`` to a flow mapping."""
        if key in mapping or (key[0] in self.resolved_first and self.resolve_tag(key) != _STR):
            raise _Decline
        mapping.key_lines[key] = line
        mapping[key] = self.plain(value, line)

    def quoted(self, i: int, start: int, parent: int) -> tuple[str, int]:
        """A single-quoted scalar opened at column ``start`` of line ``i``."""
        lines = self.lines
        line = lines[i]
        start += 1
        pieces = []
        while True:
            close = line.find("'", start)
            while close >= 0 and line.startswith("'", close + 1):  # '' is a quote
                close = line.find("'", close + 2)
            if close >= 0:
                pieces.append(line[start:close])
                break
            # the scalar goes on: a line break between text folds to one space
            pieces.append(line[start:].rstrip(" "))
            i, line, start = self.continuation(i + 1, parent)
        if line[close + 1 :].strip(" "):
            raise _Decline  # a comment, or a quoted key
        return " ".join(pieces).replace("''", "'"), i + 1

    def continuation(self, i: int, parent: int) -> tuple[int, str, int]:
        """Line ``i`` going on with a quoted scalar or flow collection: (i, line, its indent).

        A missing line, a blank line (a newline in the value) or shallow indentation declines.
        """
        if i >= self.count:
            raise _Decline
        line = self.lines[i]
        start = _indent(line)
        if start == len(line) or start <= parent:
            raise _Decline
        return i, line, start

    def flow_items(
        self, i: int, start: int, parent: int, close: str, forbidden: re.Pattern[str]
    ) -> tuple[list[tuple[int, str]], int]:
        """The items of a flow collection opened at column ``start`` of line ``i``.

        Returns (line, text) of each item and the line after the collection.
        """
        lines = self.lines
        line = lines[i]
        start += 1
        segments = []
        while True:
            end = line.find(close, start)
            segment = line[start:] if end < 0 else line[start:end]
            if forbidden.search(segment) is not None:
                raise _Decline
            segments.append((i, segment))
            if end >= 0:
                break
            i, line, start = self.continuation(i + 1, parent)
        if line[end + 1 :].strip(" "):
            raise _Decline
        items: list[tuple[int, str]] = []
        pieces: list[str] = []
        item_line = 0
        commas = 0
        for line_index, segment in segments:
            for n, part in enumerate(segment.split(",")):
                if n:
                    commas += 1
                    if not pieces:
                        raise _Decline  # an empty item
                    items.append((item_line, " ".join(pieces)))
                    pieces = []
                piece = part.strip(" ")
                if piece:
                    if not pieces:
                        item_line = line_index + 1
                    pieces.append(piece)
        if pieces:
            items.append((item_line, " ".join(pieces)))
        elif commas:
            raise _Decline  # a trailing comma
        return items, i + 1

    def flow_sequence(self, i: int, start: int, parent: int) -> tuple[LineList, int]:
        seq = LineList(i + 1)
        items, after = self.flow_items(i, start, parent, "]", _FLOW_SEQ_FORBIDDEN)
        for line, text in items:
            if text[0] in _INDICATORS:
                raise _Decline
            seq.item_lines.append(line)
            seq.append(self.plain(text, line))
        return seq, after

    def flow_mapping(self, i: int, start: int, parent: int) -> tuple[LineDict, int]:
        mapping = LineDict(i + 1)
        items, after = self.flow_items(i, start, parent, "}", _FLOW_MAP_FORBIDDEN)
        for line, text in items:
            self.flow_item(mapping, text, line)
        return mapping, after

    def resolve_tag(self, text: str) -> str:
        tag: str = self.resolve(_ScalarNode, text, (True, False))
        return tag

    def plain(self, text: str, line: int) -> Any:
        """The value of a plain scalar, typed as the loader types it."""
        if text[0] not in self.resolved_first:
            return text  # no implicit type starts with this character
        values = self.values
        if text in values:
            return values[text]
        tag = self.resolve_tag(text)
        if tag not in _PLAIN_TAGS:
            raise _Decline  # e.g. '=' or '<<': PyYAML reports it
        value = values[text] = scalar_value(tag, text, line)
        return value


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _check_plain(text: str) -> None:
    """Decline a plain scalar's line that holds a mapping colon or a comment."""
    if ": " in text or " #" in text or text.endswith(":"):
        raise _Decline
