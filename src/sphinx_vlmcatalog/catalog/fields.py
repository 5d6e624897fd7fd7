"""The field names that queries, columns, sort keys and groups share, and how values are read.

Aliases (``category`` for ``categories``), derived fields (``label``, ``top_category``), the
fields bare words search, and the error that names a column of the text it could not read.
:mod:`.query` parses and matches; :mod:`.ordering` sorts and groups; both use these.
"""

from __future__ import annotations

from typing import Any

from .custom import BUILTIN, CatalogSchema
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


def canonical_field(name: str, schema: CatalogSchema = BUILTIN) -> str | None:
    """The real field name for ``name`` (aliases resolved), or None if there is no such field.

    :param schema: the catalog whose own fields count too
    """
    name = ALIASES.get(name, name).replace("-", "_")
    if name in ALL_FIELDS or name in DERIVED or schema.custom(name) is not None:
        return name
    return None


def known_fields(schema: CatalogSchema = BUILTIN) -> list[str]:
    """Every field name a query, column or sort key may use (the catalog's own last)."""
    return [*ALL_FIELDS, *DERIVED, *(f.name for f in schema.fields)]


def field_value(entry: Entry, name: str) -> Any:
    """The value of a (possibly derived) field."""
    if name == "label":
        return entry.label
    if name == "top_category":
        return tuple(dict.fromkeys(c.split(".", 1)[0] for c in entry.categories))
    value = entry.get(name)
    if name == "results":  # (queried, shown and grouped by the benchmarks they are on)
        return tuple(dict.fromkeys(result.benchmark for result in value or ()))
    if name == "metrics":
        return tuple(value or {})
    return value


def fold(text: str) -> str:
    """``text`` for case-insensitive comparison.

    ``str.lower`` rather than ``casefold``: the filter box's script has only ``toLowerCase``,
    which maps exactly as ``lower`` does, and both sides must match the same entries.
    """
    return text.lower()


def strings(value: Any) -> list[str]:
    """A field value as a list of strings (none for None)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, bool):  # as the filter box's script writes them
        return ["true" if value else "false"]
    if isinstance(value, tuple | list):
        return [str(v) for v in value]
    return [str(value)]


def suggest(name: str, candidates: list[str]) -> str:
    """`` (did you mean 'x'?)`` for the candidate nearest ``name``, or "" if none is near.

    Near means an edit distance (insertions, deletions, substitutions and swaps of neighbours,
    ignoring case) of at most a third of the name's length, and at least 1; ties go to the
    earlier candidate. Failing that, the first candidate that starts with a name of three or
    more characters (``param`` for ``parameters``). The filter box's script suggests alike.
    """
    wanted = fold(name)
    best, best_distance = "", max(1, len(name) // 3) + 1
    for candidate in candidates:
        distance = edit_distance(wanted, candidate)
        if distance < best_distance:
            best, best_distance = candidate, distance
    if not best and len(name) >= 3:
        best = next((c for c in candidates if c.startswith(wanted)), "")
    return f" (did you mean '{best}'?)" if best else ""


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: ``yaer`` is one swap from ``year``."""
    # rows of the classic dynamic programme; two rows back are needed for swaps
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, previous = previous, current
    return previous[len(b)]
