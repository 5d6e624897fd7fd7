"""The data comments of the Markdown export, read back: one entry or the taxonomy as JSON.

The export (:mod:`..export.markdown`) writes each entry's fields as compact JSON in an HTML
comment, ``<!-- vlmcatalog {"id": "clip", ...} -->``, and the taxonomy as one category a line
in ``<!-- vlmcatalog-taxonomy ... -->``. ``<``, ``>`` and ``--`` inside the JSON are written as
``\\u`` escapes, so a value cannot close the comment; :func:`json.loads` undoes them. The two
packages share no code (the export may not import the importer), only this format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from ..catalog.entries import KIND_CLASSES, Category, Entry, SourceMention, data_fields
from ..catalog.result_values import as_metrics, as_result
from ..catalog.values import BadValue

_ENTRY = re.compile(r"^\s*<!--\s*vlmcatalog\s+(\{.*\})\s*-->\s*$", re.DOTALL)
_TAXONOMY = re.compile(r"^\s*<!--\s*vlmcatalog-taxonomy\s*\n(.*?)-->\s*$", re.DOTALL)


def entry_data(comment: str) -> dict[str, Any] | None:
    """The entry mapping of a ``<!-- vlmcatalog {...} -->`` comment, or ``None``."""
    m = _ENTRY.match(comment)
    if not m:
        return None
    try:
        data = json.loads(m.group(1))
    except ValueError:
        return None
    return data if isinstance(data, dict) and "id" in data and "kind" in data else None


def taxonomy_data(raw: str) -> list[Category] | None:
    """The categories of a ``<!-- vlmcatalog-taxonomy ... -->`` block, or ``None``."""
    m = _TAXONOMY.match(raw)
    if not m:
        return None
    out: list[Category] = []
    for line in m.group(1).splitlines():
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError:
            return None
        if not isinstance(item, dict) or "key" not in item:
            return None
        out.append(
            Category(
                str(item["key"]),
                str(item.get("title", item["key"])),
                str(item.get("description", "")),
                str(item["parent"]) if item.get("parent") else None,
            )
        )
    return out


def data_problem(data: dict[str, Any]) -> str | None:
    """Why a data comment cannot give an entry, or ``None`` when it can."""
    try:
        entry_from_data(data)
    except (TypeError, ValueError) as exc:
        return str(exc)
    return None


def entry_from_data(data: dict[str, Any]) -> Entry:
    """The entry a data comment describes. Fields the kind does not have are kept as the
    catalog's own (``Entry.extra``): they are written out, and the target catalog's
    ``schema.yaml`` declares them or validation names them, so none is dropped unseen.

    :raises ValueError: when the kind is unknown or a required field is missing
    :raises TypeError: when a value has the wrong shape (a list for a mapping...)
    """
    cls = KIND_CLASSES.get(str(data.get("kind")))
    if cls is None or not data.get("id") or not data.get("title"):
        raise ValueError(f"not an entry: {str(data)[:80]}")
    allowed = data_fields(cls)
    kw: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if key not in allowed:
            if isinstance(value, dict):
                raise TypeError(f"{key} must be a single value or a list")
            extra[str(key)] = tuple(value) if isinstance(value, list) else value
            continue
        vtype = allowed[key].metadata.get("type")
        if vtype == "sources":
            items = _items(key, value, list)
            kw[key] = tuple(
                SourceMention(str(s.get("list", "")), str(s.get("section", "")))
                for s in items
                if isinstance(s, dict)
            )
        elif vtype == "relations":
            kw[key] = {
                str(k): tuple(map(str, _items(k, v, list)))
                for k, v in _items(key, value, dict).items()
            }
        elif vtype == "links":
            kw[key] = {str(k): str(v) for k, v in _items(key, value, dict).items()}
        elif vtype in ("str_list", "id_list"):
            kw[key] = tuple(str(v) for v in _items(key, value, list))
        elif vtype == "results":
            kw[key] = tuple(_checked(key, as_result, item) for item in _items(key, value, list))
        elif vtype == "metrics":
            kw[key] = _checked(key, as_metrics, _items(key, value, dict))
        elif isinstance(value, (list, dict)):
            raise TypeError(f"{key} must be a single value")
        else:
            kw[key] = value
    return cls(**kw, extra=extra)


def _checked(key: str, convert: Callable[[Any], Any], value: Any) -> Any:
    """``value`` converted as the catalog reads it; its problem as a :class:`TypeError`."""
    try:
        return convert(value)
    except BadValue as exc:
        raise TypeError(f"{key}: {exc}") from None


def _items(key: str, value: Any, kind: type) -> Any:
    if not isinstance(value, kind):
        raise TypeError(f"{key} must be a {'list' if kind is list else 'mapping'}")
    return value
