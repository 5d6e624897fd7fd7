"""Content digests of catalog entries, for telling which entries changed between two loads.

A digest covers what a page can show about an entry: its YAML fields and the entries that name it
in their relations ("used by" lists), but not where it sits in a file, so moving an entry within
or between files does not count as a change. The taxonomy gets one digest under
:data:`TAXONOMY_KEY`.
"""

from __future__ import annotations

import hashlib

from .entries import data_fields
from .index import Catalog

#: Key of the taxonomy's digest in :func:`entry_digests`; it is not a valid entry id.
TAXONOMY_KEY = "@taxonomy"


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode(), digest_size=12).hexdigest()


def entry_digests(catalog: Catalog) -> dict[str, str]:
    """Entry id (and :data:`TAXONOMY_KEY`) -> digest of what can be shown about it."""
    digests: dict[str, str] = {}
    for entry in catalog:
        values = [(name, getattr(entry, name)) for name in data_fields(type(entry))]
        values.append(("used_by", sorted(catalog.used_by.get(entry.id, ()))))
        digests[entry.id] = _digest(values)
    digests[TAXONOMY_KEY] = _digest(
        [(c.key, c.title, c.description, c.parent) for c in catalog.categories.values()]
    )
    return digests


def changed_keys(old: dict[str, str], new: dict[str, str]) -> set[str]:
    """Keys added, removed or whose digest differs."""
    return {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
