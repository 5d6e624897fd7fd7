"""Sorting (``-year,title``) and grouping of entries, so every output orders entries alike."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .custom import BUILTIN, CatalogSchema
from .entries import KIND_TITLES, Entry, EntryKind
from .fields import (
    ALIASES,
    QUANTITY_FIELDS,
    QueryError,
    canonical_field,
    field_value,
    known_fields,
    strings,
    suggest,
)
from .index import Catalog
from .quantities import quantity


@dataclass(frozen=True)
class SortKey:
    """One sort key: a field and a direction."""

    field: str
    descending: bool = False


def parse_sort(text: str, schema: CatalogSchema = BUILTIN) -> tuple[SortKey, ...]:
    """Parse ``-year,title`` into sort keys (the same text is parsed once: the result is shared).

    :param schema: the catalog whose own fields may be sort keys
    :raises QueryError: for unknown fields.
    """
    return _parse_sort(text, schema)


@functools.lru_cache(maxsize=256)
def _parse_sort(text: str, schema: CatalogSchema) -> tuple[SortKey, ...]:
    keys: list[SortKey] = []
    column = 1
    for part in text.split(","):
        name = part.strip()
        descending = name.startswith("-")
        name = name.lstrip("-+").strip()
        if not name:
            raise QueryError("empty sort key", column, text)
        found = canonical_field(name, schema)
        if found is None:
            hint = suggest(name, [*known_fields(schema), *ALIASES])
            raise QueryError(f"unknown sort field '{name}'" + hint, column, text)
        keys.append(SortKey(found, descending))
        column += len(part) + 1
    return tuple(keys)


def sort_value(entry: Entry, name: str) -> tuple[int, Any] | None:
    """A comparable key for one field: numbers by value, text case-insensitively, None if empty."""
    value = field_value(entry, name)
    if value in (None, "", (), {}):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (0, float(value))
    if name in QUANTITY_FIELDS:
        number = quantity(value)
        if number is not None:
            return (0, number)
    if isinstance(value, tuple):
        value = ", ".join(str(v) for v in value)
    return (1, str(value).casefold())


def sort_entries(entries: Iterable[Entry], keys: Sequence[SortKey]) -> list[Entry]:
    """Stable multi-key sort; empty values go last whichever the direction."""
    result = list(entries)
    for key in reversed(keys):
        present = [(sort_value(e, key.field), e) for e in result]
        filled = [(v, e) for v, e in present if v is not None]
        empty = [e for v, e in present if v is None]
        filled.sort(key=lambda pair: pair[0], reverse=key.descending)
        result = [e for _, e in filled] + empty
    return result


@dataclass(frozen=True)
class Group:
    """Entries sharing one value of the group-by field."""

    key: str
    title: str
    entries: tuple[Entry, ...]


def group_entries(entries: Sequence[Entry], field: str, catalog: Catalog) -> list[Group]:
    """Group ``entries`` by ``field``; an entry with several values appears under each.

    Category groups follow the taxonomy order and use category titles, kinds their own order
    and headings ("Papers", "Models"...); numbers ascend; other values sort alphabetically;
    entries without a value come last under "Other".
    """
    groups: dict[str, list[Entry]] = {}
    numeric = field in ("year", *QUANTITY_FIELDS)
    for entry in entries:
        value = field_value(entry, field)
        if isinstance(value, int | float) and not isinstance(value, bool):
            numeric = True  # (a number field of the catalog's own: groups ascend)
        # (booleans of the catalog's own fields group under "yes" and "no", as cells show them)
        values = ["yes" if value else "no"] if isinstance(value, bool) else strings(value)
        if field in ("sources",):
            values = [s.list for s in value]
        for v in dict.fromkeys(values) or [""]:
            groups.setdefault(v, []).append(entry)

    def order(key: str) -> tuple[int, Any]:
        if key == "":
            return (3, "")
        if field in ("categories", "top_category") and key in catalog.categories:
            return (0, list(catalog.categories).index(key))
        if field == "kind" and key in KIND_TITLES:
            return (0, list(KIND_TITLES).index(EntryKind(key)))
        number = quantity(key) if numeric else None
        return (1, number) if number is not None else (2, key.casefold())

    result = []
    for key in sorted(groups, key=order):
        cat = catalog.categories.get(key) if field in ("categories", "top_category") else None
        if cat is not None:
            title = cat.title
        elif field == "kind" and key in KIND_TITLES:
            title = KIND_TITLES[EntryKind(key)]
        else:
            title = key or "Other"
        result.append(Group(key, title, tuple(groups[key])))
    return result
