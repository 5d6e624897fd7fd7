"""Terms of a query that can never match this catalog, with a "did you mean".

A query that parses can still name a value nothing has: ``kind:modle``, a category the taxonomy
does not define, a link kind that does not exist, ``uses:`` an id no entry has. Such a term makes
a table empty or a count 0 without saying why, so directives and roles warn about it. Only
values that cannot match whatever the entries say are reported; a free-text field never is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .entries import LINK_KINDS, EntryKind
from .fields import suggest
from .globs import has_wildcards

if TYPE_CHECKING:
    from .index import Catalog
    from .query import Query, Term


def never_matching(query: Query, catalog: Catalog) -> list[str]:
    """One message for each value of a positive ``=`` term that no entry of ``catalog`` can
    have (negated terms and patterns with ``*`` or ``?`` are never reported)."""
    messages = []
    for term in query.terms:
        if term.negate or term.op != "=":
            continue
        known = _known_values(term, catalog)
        if known is None:
            continue
        for value in term.values:
            if not has_wildcards(value) and value not in known:
                hint = suggest(value, sorted(known))
                messages.append(f"{term.field}:{value} matches nothing: no such value{hint}")
    return messages


def _known_values(term: Term, catalog: Catalog) -> set[str] | None:
    """Every value ``term``'s field can match, or None where any value might."""
    if term.field == "uses":
        return set(catalog.entries)
    known = known_values(catalog).get(term.field)
    return None if known is None else set(known)


def known_values(catalog: Catalog) -> dict[str, list[str]]:
    """For each field whose values are a closed set (all but ``uses``, whose values are the
    entries' ids), every value it can match, sorted: what the explorer's script checks terms
    against, as :func:`never_matching` does."""
    known = {
        "kind": [kind.value for kind in EntryKind],
        "categories": list(catalog.categories),
        "top_category": [k for k, c in catalog.categories.items() if c.parent is None],
        "links": list(LINK_KINDS),
        "relations": list(catalog.schema.relation_kinds),
    }
    for name in catalog.schema.all_fields:
        custom = catalog.schema.custom(name)
        if custom is not None and custom.choices:  # a choice field of the catalog's own
            known[name] = [c.lower() for c in custom.choices]
    return {field: sorted(set(values)) for field, values in known.items()}
