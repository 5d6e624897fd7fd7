"""Content digests of catalog entries, for telling which entries changed between two loads.

A digest covers what a page can show about an entry: its YAML fields and the entries that name it
in their relations ("used by" lists), but not where it sits in a file, so moving an entry within
or between files does not count as a change. The taxonomy gets one digest under
:data:`TAXONOMY_KEY`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from operator import attrgetter
from typing import Any

from .entries import Entry, data_fields
from .index import Catalog

#: Key of the taxonomy's digest in :func:`entry_digests`; it is not a valid entry id.
TAXONOMY_KEY = "@taxonomy"


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode(), digest_size=12).hexdigest()


#: File (as entries name it in ``entry.source.path``) -> entry id -> digest of its YAML fields.
FieldDigests = dict[str, dict[str, str]]


def field_digests(catalog: Catalog, known: Mapping[str, Mapping[str, str]] = {}) -> FieldDigests:
    """The digest of every entry's YAML fields, by file.

    :param known: the same for files whose content is unchanged since it was computed; their
        entries are not digested again (a one-entry edit of ten thousand entries digests the
        one file's entries, not all of them)
    """
    out: FieldDigests = {}
    # per entry class, a function giving the YAML field values (custom ones in ``extra``) as
    # one tuple (fetched in C)
    getters: dict[type[Entry], Callable[[Entry], Any]] = {}
    for entry in catalog:
        path = entry.source.path
        digest = known.get(path, {}).get(entry.id)
        if digest is None:
            cls = type(entry)
            getter = getters.get(cls)
            if getter is None:
                getter = getters[cls] = attrgetter(*data_fields(cls), "extra")
            digest = _digest(getter(entry))
        out.setdefault(path, {})[entry.id] = digest
    return out


def entry_digests(catalog: Catalog, fields: FieldDigests | None = None) -> dict[str, str]:
    """Entry id (and :data:`TAXONOMY_KEY`) -> digest of what can be shown about it.

    :param fields: the entries' :func:`field_digests`, if already computed
    """
    if fields is None:
        fields = field_digests(catalog)
    digests: dict[str, str] = {}
    used_by = catalog.used_by
    for entry in catalog:
        digest = fields[entry.source.path][entry.id]
        users = used_by.get(entry.id)
        digests[entry.id] = _digest((digest, sorted(users))) if users else digest
    digests[TAXONOMY_KEY] = _digest(
        [(c.key, c.title, c.description, c.parent) for c in catalog.categories.values()]
    )
    return digests


def changed_keys(old: dict[str, str], new: dict[str, str]) -> set[str]:
    """Keys added, removed or whose digest differs."""
    return {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
