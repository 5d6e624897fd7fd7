"""What the explorer's scripts run on: the catalog as data (no Sphinx).

Two scripts are written next to the page, each setting one global:

- the *page data* (``vlmcatExplorerData``), loaded with the page: the query language's field
  metadata and every entry's queryable fields (:mod:`..catalog.query_data`, the same data the
  table filter boxes query), each entry's link from the explorer, the taxonomy for the category
  facet, and the closed value sets that "did you mean" checks terms against;
- the *records* (``vlmcatExplorerRecords``), loaded only when a reader first downloads a
  selection: each entry's BibTeX record and JSON object, exactly as ``catalog.bib`` and
  ``catalog.json`` hold them (:mod:`..export`), so a selection's files are slices of those.

Scripts rather than ``.json`` files, because a browser will not ``fetch`` a file next to a page
opened from disk; a ``<script src>`` it loads anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..catalog.query_data import entry_data, query_meta
from ..catalog.query_hints import known_values
from ..export.bibtex import CITABLE_KINDS, bibtex_record
from ..export.json import entry_json

if TYPE_CHECKING:
    from ..catalog.entries import Entry
    from ..catalog.index import Catalog

#: The globals the two scripts set.
DATA_GLOBAL = "vlmcatExplorerData"
RECORDS_GLOBAL = "vlmcatExplorerRecords"


def page_data(
    catalog: Catalog,
    hrefs: dict[str, str],
    placeholder: str,
    render: Callable[[Entry], str] | None = None,
) -> str:
    """The page data script.

    :param hrefs: entry id -> the URL its row or card links to (relative to the explorer)
    :param render: gives each entry's :func:`entry_data` as JSON text (a caller may reuse texts
        it rendered before); default: render afresh
    """
    schema = catalog.schema
    render = render or (lambda e: query_json(e, catalog))
    head = {
        "meta": query_meta(schema),
        "ids": list(catalog.entries),
        "hrefs": hrefs,
        "categories": [[c.key, c.title, c.parent] for c in catalog.categories.values()],
        "known": known_values(catalog),
        "placeholder": placeholder,
    }
    entries = ",".join(f"{_dumps(e.id)}:{render(e)}" for e in catalog)
    # the entries are spliced in as text: each one's JSON may come from the caller's store
    return _script(DATA_GLOBAL, _dumps(head)[:-1] + f',"entries":{{{entries}}}}}')


def entry_record(entry: Entry, catalog: Catalog) -> str:
    """One entry's pair for the records script, as JSON text: ``[BibTeX record, JSON object as
    text]``, the record empty for the kinds ``catalog.bib`` leaves out (topics)."""
    bib = bibtex_record(entry, catalog.schema) if entry.kind in CITABLE_KINDS else ""
    return _dumps([bib, entry_json(entry)])


def records(catalog: Catalog, render: Callable[[Entry], str] | None = None) -> str:
    """The records script: entry id -> :func:`entry_record`.

    :param render: gives each entry's pair (a caller may reuse texts it rendered before)
    """
    render = render or (lambda e: entry_record(e, catalog))
    body = ",".join(f"{_dumps(e.id)}:{render(e)}" for e in catalog)
    return _script(RECORDS_GLOBAL, f"{{{body}}}")


def query_json(entry: Entry, catalog: Catalog) -> str:
    """One entry's queryable fields as JSON text (what :func:`page_data` splices in)."""
    return _dumps(entry_data(entry, catalog.schema))


def _dumps(value: Any) -> str:
    # compact, and safe inside any HTML or script context
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _script(name: str, json_text: str) -> str:
    # U+2028/2029 are valid in JSON strings, and in script source since ES2019
    return f"window.{name} = {json_text};\n"
