"""A catalog's own fields and relations, declared in the ``schema.yaml`` at its root.

:class:`CatalogSchema` answers, for built-in and custom fields alike, what the registry of
:mod:`.entries` answers for the built-in ones: is this a field, which kinds have it, its value
type, its label, how a query matches it. It belongs to one catalog (``Catalog.schema``), never
to the process: two projects built in one process never see each other's fields. It is frozen
and hashable, so a parsed query can be cached per schema. :mod:`.schema_file` reads it from
YAML; an entry keeps its custom values in ``Entry.extra``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .entries import (
    ALL_FIELDS,
    KIND_CLASSES,
    RELATION_KINDS,
    ValueType,
    data_fields,
    field_meta,
)

#: Reverse wording of each relation, for "used by" lists on the target's side.
RELATION_INVERSE: dict[str, str] = {
    "vision_encoder": "vision encoder of",
    "language_backbone": "language backbone of",
    "trained_on": "training data of",
    "evaluated_on": "used to evaluate",
    "builds_on": "built on by",
    "distills_from": "distilled into",
    "extends": "extended by",
    "related": "related to",
}

#: The types ``schema.yaml`` may give a field, and the value type each is checked as.
CUSTOM_TYPES: dict[str, ValueType] = {
    "string": "str",
    "text": "text",
    "integer": "int",
    "number": "number",
    "boolean": "bool",
    "url": "url",
    "date": "date",
    "list": "str_list",
    "choice": "str",
}


@dataclass(frozen=True)
class CustomField:
    """One field of ``schema.yaml``."""

    name: str
    #: the entry kinds that have the field
    kinds: tuple[str, ...]
    #: a key of :data:`CUSTOM_TYPES`
    type: str
    label: str
    doc: str = ""
    choices: tuple[str, ...] = ()
    #: where it is declared, for messages
    line: int = field(default=0, compare=False)

    @property
    def vtype(self) -> ValueType:
        """The value type the field is checked, stored and exported as."""
        return CUSTOM_TYPES[self.type]

    def meta(self) -> dict[str, Any]:
        """Field metadata in the shape of :func:`.entries.spec`."""
        return {
            "doc": self.doc or self.label,
            "type": self.vtype,
            "required": False,
            "choices": self.choices,
            # long text matches substrings, like the built-in summary and notes
            "match": "text" if self.type == "text" else "exact",
            "label": self.label,
        }


@dataclass(frozen=True)
class CustomRelation:
    """One relation of ``schema.yaml``: its name, and how each side reads."""

    name: str
    label: str
    inverse: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class CatalogSchema:
    """Built-in fields and relations plus a catalog's own (none: :data:`BUILTIN`)."""

    fields: tuple[CustomField, ...] = ()
    relations: tuple[CustomRelation, ...] = ()
    #: kind -> fields (built-in or custom) an entry of that kind must give
    required: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: hash of the ``schema.yaml`` bytes: validated files are cached under it
    digest: str = ""
    #: entries with this tag need not give the required fields (nobody could confirm them)
    exempt_tag: str = ""

    @cached_property
    def _fields(self) -> dict[str, CustomField]:
        return {f.name: f for f in self.fields}

    @cached_property
    def _relations(self) -> dict[str, CustomRelation]:
        return {r.name: r for r in self.relations}

    def custom(self, name: str) -> CustomField | None:
        """The custom field ``name``, or None (for built-in and unknown names)."""
        return self._fields.get(name)

    @cached_property
    def all_fields(self) -> dict[str, tuple[str, ...]]:
        """Every field of any kind, built-in then custom, with the kinds that have it."""
        return {**ALL_FIELDS, **{f.name: f.kinds for f in self.fields}}

    def meta(self, name: str) -> dict[str, Any]:
        """Metadata of field ``name`` (see :func:`.entries.spec`).

        :raises KeyError: if there is no such field
        """
        custom = self._fields.get(name)
        return custom.meta() if custom is not None else field_meta(name)

    def fields_of(self, kind: str) -> tuple[CustomField, ...]:
        """The custom fields that entries of ``kind`` have, in declaration order."""
        return tuple(f for f in self.fields if kind in f.kinds)

    def field_names(self, kind: str) -> list[str]:
        """Every field an entry of ``kind`` may give: built-in then custom."""
        cls = KIND_CLASSES[kind]
        return [*data_fields(cls), *(f.name for f in self.fields_of(kind))]

    def label(self, name: str) -> str | None:
        """The label a custom field is shown with (None for built-in fields)."""
        custom = self._fields.get(name)
        return custom.label if custom is not None else None

    @cached_property
    def relation_kinds(self) -> dict[str, str]:
        """Relation name -> how the entry that names it reads (built-in, then custom)."""
        return {**RELATION_KINDS, **{r.name: r.label for r in self.relations}}

    def relation_inverse(self, name: str) -> str:
        """How the named entry's side of relation ``name`` reads."""
        custom = self._relations.get(name)
        if custom is not None:
            return custom.inverse
        return RELATION_INVERSE.get(name, name)

    def required_for(self, kind: str, tags: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The fields ``schema.yaml`` requires of entries of ``kind`` with ``tags``."""
        if self.exempt_tag and self.exempt_tag in tags:
            return ()
        return dict(self.required).get(kind, ())


#: The schema of a catalog without a ``schema.yaml``: built-in fields only.
BUILTIN = CatalogSchema()
