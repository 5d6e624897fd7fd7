"""The field names that queries, columns, sort keys and groups share, and how values are read.

Aliases (``category`` for ``categories``), derived fields (``label``, ``top_category``), the
fields bare words search, and the error that names a column of the text it could not read.
:mod:`.query` parses and matches; :mod:`.ordering` sorts and groups; both use these.
"""

from __future__ import annotations

from typing import Any

from .entries import ALL_FIELDS, Entry

#: Friendlier names accepted for fields.
ALIASES = {
    "category": "categories",
    "tag": "tags",
    "author": "authors",
    "source": "sources",
    "link": "links",
    "relation": "relations",
    "modality": "modalities",
}
#: Fields computed from others, usable in queries, columns, sorting and grouping.
DERIVED = {
    "label": "short name if there is one, else the title",
    "top_category": "top-level categories of the entry",
}
#: Fields that bare words search.
TEXT_FIELDS = ("title", "short", "summary", "notes", "authors", "id")
#: Text fields whose values are quantities ("7B", "~400M") and so compare and sort as numbers.
QUANTITY_FIELDS = frozenset({"parameters", "image_text_pairs", "size", "context_length"})


class QueryError(ValueError):
    """A query that cannot be parsed; ``column`` is 1-based within the query text."""

    def __init__(self, message: str, column: int, text: str) -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.text = text

    def __str__(self) -> str:
        return f"{self.message} (at column {self.column} of {self.text!r})"


def canonical_field(name: str) -> str | None:
    """The real field name for ``name`` (aliases resolved), or None if there is no such field."""
    name = ALIASES.get(name, name).replace("-", "_")
    if name in ALL_FIELDS or name in DERIVED:
        return name
    return None


def known_fields() -> list[str]:
    """Every field name a query, column or sort key may use."""
    return [*ALL_FIELDS, *DERIVED]


def field_value(entry: Entry, name: str) -> Any:
    """The value of a (possibly derived) field."""
    if name == "label":
        return entry.label
    if name == "top_category":
        return tuple(dict.fromkeys(c.split(".", 1)[0] for c in entry.categories))
    return entry.get(name)


def strings(value: Any) -> list[str]:
    """A field value as a list of strings (none for None)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple | list):
        return [str(v) for v in value]
    return [str(value)]


def suggest(name: str, candidates: list[str]) -> str:
    """`` (did you mean 'x'?)`` for the candidate closest to ``name``, or "" if none is close."""
    import difflib

    match = difflib.get_close_matches(name, candidates, n=1)
    return f" (did you mean '{match[0]}'?)" if match else ""
