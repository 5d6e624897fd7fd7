"""Read YAML with PyYAML: compose the node graph, then build the values with their lines.

See :mod:`.reader` for what is refused and why; :mod:`.fastyaml` must give exactly what
:func:`parse_with_pyyaml` gives, for the files it accepts.
"""

from __future__ import annotations

from typing import Any

import yaml

from .reader import MAX_ALIAS_NODES, LineDict, LineList, YamlProblem, scalar_value

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_T = "tag:yaml.org,2002:"
_COLLECTION_TAGS = (_T + "map", _T + "seq")
_STR = _T + "str"
_MERGE = _T + "merge"
_ScalarNode = yaml.ScalarNode
_MappingNode = yaml.MappingNode


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
