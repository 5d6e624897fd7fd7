"""The JSON that ``static/vlmcatalog-query.js`` runs queries over: field metadata and entries.

The script knows the syntax of the query language; what it knows about fields (their names,
aliases, which match substrings) and about each entry comes from here, so the two
implementations cannot disagree about the catalog. Pure Python: no Sphinx, no docutils.
"""

from __future__ import annotations

from typing import Any

from .custom import BUILTIN, CatalogSchema
from .entries import LINK_KINDS, Entry, SourceMention
from .fields import ALIASES, QUANTITY_FIELDS, TEXT_FIELDS, field_value, known_fields


def query_meta(schema: CatalogSchema = BUILTIN) -> dict[str, Any]:
    """What the script's query parser needs to know about fields (the same on every page of
    one catalog; the catalog's own fields and relations from ``schema``).

    ``fields``: every field a query may name, in the order suggestions try them; ``aliases``:
    other names for fields; ``text``: the fields bare words search; ``substring``: fields whose
    values match substrings (the rest match whole values, with ``*`` and ``?``); ``quantity``:
    text fields that compare as numbers; ``links`` and ``relations``: the kinds ``has:`` knows.
    """
    fields = schema.all_fields
    return {
        "fields": known_fields(schema),
        "aliases": dict(ALIASES),
        "text": list(TEXT_FIELDS),
        "substring": [f for f in fields if schema.meta(f)["match"] == "text"] + ["label"],
        "quantity": sorted(QUANTITY_FIELDS),
        "links": list(LINK_KINDS),
        "relations": list(schema.relation_kinds),
    }


def entry_data(entry: Entry, schema: CatalogSchema = BUILTIN) -> dict[str, Any]:
    """The queryable fields of ``entry``, as JSON values (empty ones left out).

    Links become the list of their kinds, relations a mapping of lists, sources the list of
    their lists' names; ``label`` and ``top_category`` are added.
    """
    result: dict[str, Any] = {}
    for name in schema.all_fields:
        value = entry.get(name)
        if value is None or value in ("", (), {}):
            continue
        if name == "links":
            value = list(value)
        elif name == "relations":
            value = {k: list(v) for k, v in value.items()}
        elif name == "sources":
            value = [s.list if isinstance(s, SourceMention) else str(s) for s in value]
        elif name in ("results", "metrics"):
            value = list(field_value(entry, name))
        elif isinstance(value, tuple):
            value = list(value)
        result[name] = value
    result["label"] = entry.label
    result["top_category"] = list(field_value(entry, "top_category"))
    return result
