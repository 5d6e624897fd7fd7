"""Plain values from PyYAML's events: :class:`LineDict` and :class:`LineList` with the line of
every key and item, built with an explicit stack (:mod:`.yamlfile` is the module to use).

No input can exhaust Python's recursion limit here: lists and mappings may nest
:data:`MAX_DEPTH` levels deep, counting those an alias brings in, and an alias used inside the
list or mapping it names (a value that contains itself) is refused. Only the standard tags are
accepted, merge keys and repeated keys are refused, keys must be scalars, and the nodes that
aliases add are counted so that an alias bomb fails at once.

Working from events rather than PyYAML's composed nodes also keeps each scalar's text as
written. YAML 1.1 reads ``2103.00020`` and ``3.10`` as floats and ``0x1f`` as 31; a number or a
boolean keeps its text in ``texts`` of the list or mapping holding it, so that string fields can
take ``2103.00020`` rather than ``2103.0002`` (:meth:`LineDict.written`).
"""

from __future__ import annotations

import math
from typing import Any

#: Nodes that aliases may add to a document beyond those written out.
MAX_ALIAS_NODES = 10_000
#: Levels of lists and mappings inside each other (the file's top-level mapping is level 1).
#: The survey's deepest values (a taxonomy three levels deep) use seven.
MAX_DEPTH = 64

_T = "tag:yaml.org,2002:"
_STR = _T + "str"
_MERGE = _T + "merge"
_COLLECTION_TAGS = (_T + "map", _T + "seq")
_COMPLEX_KEY = "a mapping key must be a single value, not a list or mapping"
#: the problem of a value nested too deeply
TOO_DEEP = f"lists and mappings are nested more than {MAX_DEPTH} levels deep"


class YamlProblem(Exception):
    """A file cannot be read as catalog YAML; ``line`` is 1-based (0 when unknown)."""

    def __init__(self, message: str, line: int = 0, *, syntax: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        #: False for file-level problems (size, encoding) rather than YAML syntax
        self.syntax = syntax


class LineDict(dict[str, Any]):
    """A mapping that knows its own line, the line of each key, and the text of its numbers."""

    __slots__ = ("key_lines", "line", "texts")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}
        #: key -> the text as written of a value that YAML read as a number or boolean
        self.texts: dict[str, str] = {}

    def written(self, key: str) -> Any:
        """The value of ``key``, but a number or boolean as its text (``'3.10'``, ``'yes'``)."""
        text = self.texts.get(key)
        return self.get(key) if text is None else text


class LineList(list[Any]):
    """A sequence that knows its own line, the line of each item, and the text of its numbers."""

    __slots__ = ("item_lines", "line", "texts")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []
        #: index -> the text as written of an item that YAML read as a number or boolean
        self.texts: dict[int, str] = {}

    def written(self, index: int) -> Any:
        """Item ``index``, but a number or boolean as its text."""
        text = self.texts.get(index)
        return self[index] if text is None else text


def written(value: Any) -> Any:
    """``value``'s items as written, when it is a :class:`LineList` (else ``value`` itself)."""
    if isinstance(value, LineList) and value.texts:
        return [value.written(i) for i in range(len(value))]
    return value


class _Open:
    """A list or mapping whose end has not been read yet."""

    __slots__ = ("anchor", "height", "key", "key_line", "size", "value")

    def __init__(self, value: LineDict | LineList, anchor: str | None) -> None:
        self.value = value
        self.anchor = anchor
        #: for a mapping, the key whose value comes next (None while a key is awaited)
        self.key: str | None = None
        self.key_line = 0
        #: nodes in the expanded subtree, and levels of lists and mappings below this one
        self.size = 1
        self.height = 0


class _Anchored:
    """What an anchor names: its value, its text, and what re-using it adds."""

    __slots__ = ("done", "height", "mark", "size", "text", "value")

    def __init__(self, value: Any, mark: Any, text: str | None, *, done: bool = True) -> None:
        self.value = value
        self.mark = mark
        self.text = text
        self.size = 1
        self.height = 0
        #: False while a list or mapping is still open: an alias to it would be recursive
        self.done = done


class Builder:
    """Reads one document's events from a PyYAML loader (C or Python) into values."""

    def __init__(self, yaml_module: Any, loader: Any) -> None:
        self.yaml = yaml_module
        self.loader = loader
        self.anchors: dict[str, _Anchored] = {}
        self.alias_nodes = 0
        #: resolved tag of each plain scalar's text (catalogs repeat the same words)
        self.tags: dict[str, str] = {}

    def document(self) -> Any:
        """The value of the stream's one document, or None if it has none.

        :raises YamlProblem: for what catalog files must not hold
        :raises yaml.YAMLError: for what YAML itself does not allow
        """
        y = self.yaml
        get = self.loader.get_event
        get()  # the stream's start
        if isinstance(get(), y.StreamEndEvent):  # (else the document's start)
            return None
        value, first = self.root()
        get()  # the document's end
        event = get()
        if not isinstance(event, y.StreamEndEvent):
            raise y.composer.ComposerError(
                "expected a single document in the stream",
                first,
                "but found another document",
                event.start_mark,
            )
        return value

    def root(self) -> tuple[Any, Any]:
        """Read the events of the document's value; return it and the mark where it starts."""
        y = self.yaml
        scalar, alias = y.ScalarEvent, y.AliasEvent
        seq_start, map_start = y.SequenceStartEvent, y.MappingStartEvent
        get = self.loader.get_event
        stack: list[_Open] = []
        first = None
        while True:
            event = get()
            kind = type(event)
            if first is None:
                first = event.start_mark
            line = event.start_mark.line + 1
            # the open mapping awaiting a key, if any
            mapping = stack[-1] if stack and stack[-1].key is None else None
            if mapping is not None and not isinstance(mapping.value, LineDict):
                mapping = None
            text = None
            if kind is scalar:
                tag = self.tag_of(event)
                if mapping is not None:
                    self.scalar_key(mapping, event, tag, line)
                    continue
                value = scalar_value(tag, event.value, line)
                if value is not None and not isinstance(value, str):
                    text = event.value
                size = 1
                height = 0
                if event.anchor is not None:
                    self.anchor(event, _Anchored(value, event.start_mark, text))
            elif kind is alias:
                anchored = self.alias(event, len(stack), line)
                if mapping is not None:
                    if isinstance(anchored.value, LineDict | LineList):
                        raise YamlProblem(_COMPLEX_KEY, line)
                    self.set_key(mapping, anchored.text or str(anchored.value), line)
                    continue
                value, text = anchored.value, anchored.text
                size, height = anchored.size, anchored.height
            elif kind is seq_start or kind is map_start:
                self.open(event, kind is map_start, stack, mapping is not None, line)
                continue
            else:  # the end of a list or mapping
                done = stack.pop()
                value, size, height = done.value, done.size, done.height + 1
                line = value.line
                if done.anchor is not None:
                    anchored = self.anchors[done.anchor]
                    anchored.size, anchored.height, anchored.done = size, height, True
            if not stack:
                return value, first
            _add(stack[-1], value, line, size, height, text)

    def open(self, event: Any, is_map: bool, stack: list[_Open], as_key: bool, line: int) -> None:
        """Start a list or mapping (``as_key``: where a mapping key should be)."""
        if as_key:
            raise YamlProblem(_COMPLEX_KEY, line)
        if len(stack) >= MAX_DEPTH:
            raise YamlProblem(f"{TOO_DEEP}; flatten the structure", line)
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _COLLECTION_TAGS:
            raise YamlProblem(
                f"tag '{tag}' is not allowed in catalog files (only plain YAML values are)", line
            )
        opened = _Open(LineDict(line) if is_map else LineList(line), event.anchor)
        if event.anchor is not None:
            self.anchor(event, _Anchored(opened.value, event.start_mark, None, done=False))
        stack.append(opened)

    def tag_of(self, event: Any) -> str:
        """A scalar event's tag, resolved as PyYAML's composer resolves it."""
        tag: str | None = event.tag
        if tag is not None and tag != "!":
            return tag
        if not event.implicit[0]:  # quoted, or the non-specific '!': a string
            return _STR
        text: str = event.value
        found = self.tags.get(text)
        if found is None:
            found = self.loader.resolve(self.yaml.ScalarNode, text, (True, False))
            self.tags[text] = found
        return found

    def scalar_key(self, mapping: _Open, event: Any, tag: str, line: int) -> None:
        """Take a scalar as the next key of ``mapping``: its text as written (``yes``, not True;
        ``1.10``, not 1.1)."""
        if tag == _MERGE:
            raise YamlProblem("merge keys ('<<') are not supported; write the fields out", line)
        scalar_value(tag, event.value, line)  # (the tag must be allowed)
        if event.anchor is not None:
            self.anchor(event, _Anchored(event.value, event.start_mark, None))
        self.set_key(mapping, event.value, line)

    @staticmethod
    def set_key(mapping: _Open, name: str, line: int) -> None:
        """Make ``name`` the key awaiting its value, refusing a repeat."""
        lines = mapping.value.key_lines  # type: ignore[union-attr]
        if name in lines:
            raise YamlProblem(f"duplicate key '{name}' (first on line {lines[name]})", line)
        mapping.key, mapping.key_line = name, line
        mapping.size += 1

    def alias(self, event: Any, depth: int, line: int) -> _Anchored:
        """What an alias at nesting ``depth`` names, counted against the limits."""
        anchored = self.anchors.get(event.anchor)
        if anchored is None:
            raise self.yaml.composer.ComposerError(
                None, None, "found undefined alias", event.start_mark
            )
        if not anchored.done:
            raise YamlProblem(
                f"alias '*{event.anchor}' is used inside the value it names "
                f"(line {anchored.mark.line + 1}); a catalog value cannot contain itself",
                line,
            )
        self.alias_nodes += anchored.size
        if self.alias_nodes > MAX_ALIAS_NODES:
            # (at the value whose copies went over the limit, as the corpus has always said)
            raise YamlProblem(
                f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes "
                "(possible alias bomb); write the values out instead",
                anchored.mark.line + 1,
            )
        if depth + anchored.height > MAX_DEPTH:
            raise YamlProblem(
                f"{TOO_DEEP} (with what alias '*{event.anchor}' brings in); flatten the structure",
                line,
            )
        return anchored

    def anchor(self, event: Any, anchored: _Anchored) -> None:
        """Record an anchor; naming a second value with it is an error, as in PyYAML."""
        first = self.anchors.get(event.anchor)
        if first is not None:
            raise self.yaml.composer.ComposerError(
                "found duplicate anchor; first occurrence",
                first.mark,
                "second occurrence",
                event.start_mark,
            )
        self.anchors[event.anchor] = anchored


def _add(parent: _Open, value: Any, line: int, size: int, height: int, text: str | None) -> None:
    """Put a finished value into the open list or mapping ``parent``."""
    parent.size += size
    parent.height = max(parent.height, height)
    container = parent.value
    if isinstance(container, LineList):
        if text is not None:
            container.texts[len(container)] = text
        container.item_lines.append(line)
        container.append(value)
        return
    key = parent.key
    if key is None:  # (never: a scalar or alias would have become the key)
        raise YamlProblem(_COMPLEX_KEY, line)
    if text is not None:
        container.texts[key] = text
    container.key_lines[key] = parent.key_line
    container[key] = value
    parent.key = None


def scalar_value(tag: str, text: str, line: int) -> Any:
    """The value of a scalar with a resolved ``tag``; an unknown tag is an error at ``line``.

    Only ASCII digits make a number: an explicitly tagged ``!!int '２０２１'`` stays text.
    """
    if tag in (_STR, _T + "timestamp", _T + "binary") or tag == "!":
        # Dates stay strings: the catalog stores them as ISO text.
        return text
    if tag == _T + "int":
        try:
            return int(text.replace("_", ""), 0) if text.isascii() else text
        except ValueError:  # (also over Python's 4,300 digits)
            return text
    if tag == _T + "float":
        if not text.isascii():
            return text
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
