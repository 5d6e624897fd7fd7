"""Field value converters of lists and mappings, and the converter of every field of an entry
class (:func:`converters`), read from the ``type`` and ``choices`` declared on its dataclass
fields (the same declaration the JSON Schema is generated from).

A converter of a list or mapping keeps every good item: when some items are bad it raises
:class:`.Partial`, which holds the good ones and one :class:`.BadValue` for each bad one, with
the list index or mapping key that finds its line. Numbers and booleans in items are taken as
written (``tags: [3.10]`` is the tag ``3.10``), as for single string fields.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from .custom import CatalogSchema
from .entries import (
    ALL_FIELDS,
    LINK_KINDS,
    RELATION_KINDS,
    Entry,
    SourceMention,
    data_fields,
    field_meta,
)
from .fields import QUANTITY_FIELDS
from .result_values import as_metrics, as_result
from .values import (
    NUMBER_TYPES,
    BadValue,
    Converter,
    Partial,
    as_arxiv,
    as_bool,
    as_check_record,
    as_date,
    as_doi,
    as_entry_id,
    as_id,
    as_int,
    as_number,
    as_quantity,
    as_str,
    as_year,
    check_link,
    describe,
)
from .yamlfile import LineDict, written


def as_list(item: Converter) -> Callable[[Any], tuple[Any, ...]]:
    """A converter of lists whose items ``item`` converts; a lone string is a one-item list.

    Bad items are left out (:class:`Partial`), repeats dropped, the order kept.
    """

    def convert(value: Any) -> tuple[Any, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise BadValue(f"must be a list, got {describe(value)}")
        out = []
        problems = []
        for i, v in enumerate(written(value)):
            try:
                out.append(item(v))
            except BadValue as exc:
                problems.append(exc.within(f"item {i + 1}", i))
        found = tuple(dict.fromkeys(out))  # drop repeats, keep order
        if problems:
            raise Partial(found, problems)
        return found

    return convert


as_id_list = as_list(as_id)


def _mapping_items(value: dict[str, Any]) -> list[tuple[str, Any]]:
    """The items of a mapping, numbers as written."""
    if isinstance(value, LineDict):
        return [(k, value.written(k)) for k in value]
    return list(value.items())


def as_links(value: Any) -> dict[str, str]:
    """A mapping of link kind (:data:`.LINK_KINDS`) to a URL that :func:`.check_link` accepts;
    bad links are left out (:class:`Partial`)."""
    if not isinstance(value, dict):
        raise BadValue(f"must be a mapping of link kind to URL, got {describe(value)}")
    out: dict[str, str] = {}
    problems = []
    for kind, url in _mapping_items(value):
        if kind not in LINK_KINDS:
            problems.append(
                BadValue(
                    f"'{kind}' is not a link kind (use " + ", ".join(LINK_KINDS) + ")", at=(kind,)
                )
            )
            continue
        try:
            out[kind] = check_link(url)
        except BadValue as exc:
            problems.append(exc.within(f"'{kind}'", kind))
    if problems:
        raise Partial(out, problems)
    return out


def as_relations(value: Any) -> dict[str, tuple[str, ...]]:
    """A mapping of relation (:data:`.RELATION_KINDS`) to a list of entry ids; bad relations
    and bad ids are left out (:class:`Partial`)."""
    return _relations(value, RELATION_KINDS)


def relations_converter(names: Mapping[str, str]) -> Converter:
    """:func:`as_relations` for the relations ``names`` (built-in and a catalog's own)."""
    return lambda value: _relations(value, names)


def _relations(value: Any, names: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise BadValue(f"must be a mapping of relation to entry ids, got {describe(value)}")
    out: dict[str, tuple[str, ...]] = {}
    problems = []
    for rel, ids in _mapping_items(value):
        if rel not in names:
            problems.append(
                BadValue(f"'{rel}' is not a relation (use " + ", ".join(names) + ")", at=(rel,))
            )
            continue
        try:
            out[rel] = as_id_list(ids)
        except Partial as part:
            if part.value:
                out[rel] = part.value
            problems += [p.within(f"'{rel}'", rel) for p in part.problems]
        except BadValue as exc:
            problems.append(exc.within(f"'{rel}'", rel))
    if problems:
        raise Partial(out, problems)
    return out


_SOURCE_KEYS = frozenset(("list", "section"))


def as_sources(value: Any) -> tuple[SourceMention, ...]:
    """A list of ``{list, section}`` mappings (or bare list names) as source mentions; bad
    items are left out (:class:`Partial`)."""
    if not isinstance(value, list):
        raise BadValue(f"must be a list of {{list, section}} mappings, got {describe(value)}")
    out = []
    problems = []
    for i, item in enumerate(written(value)):
        if isinstance(item, str):
            item = {"list": item}
        if not isinstance(item, dict) or not item.keys() <= _SOURCE_KEYS or "list" not in item:
            problems.append(
                BadValue(
                    f"item {i + 1} must be a mapping with 'list' and optional 'section'", at=(i,)
                )
            )
            continue
        fields = dict(_mapping_items(item))
        try:
            section = as_str(fields["section"]) if fields.get("section") else ""
            out.append(SourceMention(as_str(fields["list"]), section))
        except BadValue as exc:
            problems.append(exc.within(f"item {i + 1}", i))
    if problems:
        raise Partial(tuple(out), problems)
    return tuple(out)


#: The converter of each declared value type (see :data:`.entries.ValueType`).
BY_TYPE: dict[str, Converter] = {
    "id": as_id,
    "str": as_str,
    "text": as_str,
    "int": as_int,
    "number": as_number,
    "bool": as_bool,
    "year": as_year,
    "date": as_date,
    "url": check_link,
    "str_list": as_list(as_str),
    "id_list": as_id_list,
    "links": as_links,
    "relations": as_relations,
    "sources": as_sources,
    "results": as_list(as_result),
    "metrics": as_metrics,
}
#: Fields of any kind whose YAML numbers stay numbers (every other field takes their text).
NUMBER_FIELDS = frozenset(name for name in ALL_FIELDS if field_meta(name)["type"] in NUMBER_TYPES)
#: Fields of links, which keep their control characters to be refused (:func:`.check_link`).
LINK_FIELDS = frozenset(name for name in ALL_FIELDS if field_meta(name)["type"] in ("links", "url"))

#: Fields checked beyond their value type: the id, which names a page; those that become part
#: of a link; those whose text states a number.
_BY_NAME: dict[str, Converter] = {
    "id": as_entry_id,
    "arxiv": as_arxiv,
    "doi": as_doi,
    "checked": as_list(as_check_record),
    **dict.fromkeys(QUANTITY_FIELDS, as_quantity),
}

_BY_CLASS: dict[type[Entry], dict[str, Converter]] = {}


def converters(cls: type[Entry]) -> dict[str, Converter]:
    """Field name -> converter for one entry class, in declaration order (made once a class)."""
    found = _BY_CLASS.get(cls)
    if found is None:
        found = _BY_CLASS[cls] = {
            name: _BY_NAME.get(name) or _converter(f.metadata)
            for name, f in data_fields(cls).items()
        }
    return found


def _converter(meta: Mapping[str, Any]) -> Converter:
    """The converter for a field's declared type, with its ``choices`` check folded in."""
    base = BY_TYPE[meta["type"]]
    choices = meta.get("choices")
    if not choices:
        return base

    def convert(value: Any) -> Any:
        converted = base(value)
        if converted not in choices:
            raise BadValue(f"'{converted}' is not one of " + ", ".join(choices))
        return converted

    return convert


@functools.lru_cache(maxsize=64)
def custom_converters(schema: CatalogSchema, kind: str) -> dict[str, Converter]:
    """Field name -> converter of the catalog's own fields of ``kind``, and of ``relations``
    when the catalog declares relations of its own (made once a schema and kind)."""
    found = {f.name: _converter(f.meta()) for f in schema.fields_of(kind)}
    if schema.relations:
        found["relations"] = relations_converter(schema.relation_kinds)
    return found
