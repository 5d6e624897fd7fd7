"""Entries and the taxonomy as plain data: the one serialiser the JSON export, the YAML writer
of the importer and anything else that writes entries out share.

Fields come in the catalog's key order, empty values are left out, and every value is a builtin
(str, int, list, dict), so the result can go to :mod:`json` as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .entries import COMMON_FIELDS, KIND_CLASSES, Category, Entry, data_fields

#: Common fields written before the kind-specific ones.
HEAD_FIELDS = ("id", "kind", "title", "short", "authors", "venue", "year", "date", "arxiv", "doi")


def field_order(cls: type[Entry]) -> tuple[str, ...]:
    """The key order of an entry class: head fields, the kind's own, the other common ones."""
    kind_specific = [f for f in data_fields(cls) if f not in COMMON_FIELDS]
    tail = [f for f in COMMON_FIELDS if f not in HEAD_FIELDS]
    return (*HEAD_FIELDS, *kind_specific, *tail)


#: :func:`field_order` of each entry class, made once.
FIELD_ORDER = {cls: field_order(cls) for cls in KIND_CLASSES.values()}


#: The first common field after the kind's own: the catalog's own fields come before it.
_TAIL = next(f for f in COMMON_FIELDS if f not in HEAD_FIELDS)


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """The entry's fields as plain data, in :func:`field_order` (the catalog's own fields after
    the kind's), empty values left out."""
    out: dict[str, Any] = {}
    for name in FIELD_ORDER.get(type(entry)) or field_order(type(entry)):
        if name == _TAIL:
            for key, custom in entry.extra.items():
                out[key] = list(custom) if isinstance(custom, tuple) else custom
        value = getattr(entry, name, None)
        if value is None or value in ((), {}, ""):
            continue
        if name == "sources":
            out[name] = [
                {"list": s.list, **({"section": s.section} if s.section else {})} for s in value
            ]
        elif name == "links":
            out[name] = dict(value)
        elif name == "relations":
            out[name] = {rel: list(ids) for rel, ids in value.items()}
        elif name == "results":
            out[name] = [result.data() for result in value]
        elif name == "metrics":
            out[name] = {metric: list(bounds) for metric, bounds in value.items()}
        elif isinstance(value, tuple):
            out[name] = list(value)
        else:
            out[name] = value
    return out


def category_tree(categories: Sequence[Category]) -> list[dict[str, Any]]:
    """Nested ``taxonomy:`` nodes (local keys) from flat categories with dotted keys."""
    nodes: dict[str, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for cat in categories:
        node: dict[str, Any] = {"key": cat.key.rsplit(".", 1)[-1], "title": cat.title}
        if cat.description:
            node["description"] = cat.description
        nodes[cat.key] = node
        parent = nodes.get(cat.parent) if cat.parent else None
        if parent is None:
            roots.append(node)
        else:
            parent.setdefault("children", []).append(node)
    return roots
