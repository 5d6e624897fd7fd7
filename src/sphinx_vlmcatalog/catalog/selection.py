"""What a directive shows: the entries of a filter, in a sort order, up to a limit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .ordering import parse_sort, sort_entries
from .query import parse_query, select

if TYPE_CHECKING:
    from .entries import Entry
    from .index import Catalog


def run_selection(catalog: Catalog, filter_: str, sort: str, limit: int | None) -> list[Entry]:
    """Entries for a filter, sort and limit, exactly as directives show them.

    :raises QueryError: if ``filter_`` or ``sort`` cannot be parsed.
    """
    entries = select(catalog, parse_query(filter_, catalog.schema))
    if sort.strip():
        entries = sort_entries(entries, parse_sort(sort, catalog.schema))
    return entries[:limit] if limit is not None else entries
