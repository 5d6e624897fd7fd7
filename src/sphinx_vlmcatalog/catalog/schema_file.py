"""Reading ``schema.yaml``: a catalog's own fields, relations and required fields.

::

    fields:
      - {name: audio_hours, kinds: [dataset], type: number, label: Audio hours}
    relations:
      - {name: audio_encoder, label: Audio encoder, inverse: Audio encoder of}
    required:
      paper: [checked]

Like a catalog file, a bad schema never raises: each bad item is reported at its line and left
out, and the rest of the schema (and the catalog) is used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from .custom import BUILTIN, CUSTOM_TYPES, CatalogSchema, CustomField, CustomRelation
from .entries import ALL_FIELDS, KIND_CLASSES, LINK_KINDS, RELATION_KINDS, Entry, SourceRef
from .fields import ALIASES, DERIVED
from .issues import Issue, Subtype
from .values import BadValue, as_str, describe
from .yamlfile import LineDict, LineList, YamlProblem, decode, parse, written

#: The file, at the root of a catalog directory.
SCHEMA_FILE = "schema.yaml"

#: Names before ``:`` in a query that are not fields (as :data:`.query.SPECIAL`).
_QUERY_WORDS = ("has", "uses", "text")
#: Names a custom field or relation may not take: every built-in field, alias and derived
#: field, the query's own words, link kinds (``has:code``), and the entries' attributes.
RESERVED = frozenset(
    {*ALL_FIELDS, *ALIASES, *DERIVED, *_QUERY_WORDS, *LINK_KINDS, *dir(Entry), "extra"}
)
_FIELD_KEYS = ("name", "kinds", "type", "label", "doc", "choices")
_RELATION_KEYS = ("name", "label", "inverse")


class _Reader:
    """Collects what one or more schema files declare, and the problems."""

    def __init__(self) -> None:
        self.fields: dict[str, CustomField] = {}
        self.relations: dict[str, CustomRelation] = {}
        self.required: dict[str, tuple[str, ...]] = {}
        self.exempt_tag = ""
        self.issues: list[Issue] = []
        self.shown = ""

    def problem(self, message: str, line: int, subtype: Subtype = Subtype.CATALOG_SCHEMA) -> None:
        self.issues.append(Issue(subtype, message, SourceRef(self.shown, line)))

    def read(self, content: bytes, shown: str) -> None:
        self.shown = shown
        try:
            data = parse(decode(content))
        except YamlProblem as exc:
            sub = Subtype.CATALOG_SYNTAX if exc.syntax else Subtype.CATALOG_FILE
            self.problem(exc.message, exc.line, sub)
            return
        if data is None:
            return  # an empty schema: built-in fields only
        if not isinstance(data, LineDict):
            self.problem(
                f"the schema must be a mapping with 'fields', 'relations' and/or 'required', "
                f"got {describe(data)}",
                1,
                Subtype.CATALOG_FILE,
            )
            return
        for key in data:
            if key not in ("fields", "relations", "required", "exempt_tag"):
                self.problem(
                    f"unknown schema key '{key}' (expected 'fields', 'relations', "
                    "'required' or 'exempt_tag'); ignored",
                    data.key_lines[key],
                    Subtype.UNKNOWN_FIELD,
                )
        for key, read_item in (("fields", self.field), ("relations", self.relation)):
            items = data.get(key)
            if items is None:
                continue
            if not isinstance(items, LineList):
                self.problem(f"'{key}' must be a list, got {describe(items)}", data.key_lines[key])
                continue
            for item, line in zip(items, items.item_lines, strict=True):
                read_item(item, line)
        if data.get("required") is not None:
            self.read_required(data["required"], data.key_lines["required"])
        if data.get("exempt_tag") is not None:
            tag = data["exempt_tag"]
            if isinstance(tag, str) and tag.strip():
                self.exempt_tag = tag.strip()
            else:
                self.problem("'exempt_tag' must be a tag (a string)", data.key_lines["exempt_tag"])

    def mapping(self, item: Any, line: int, what: str, keys: Sequence[str]) -> LineDict | None:
        """``item`` if it is a mapping with a usable name (unknown keys reported)."""
        if not isinstance(item, LineDict):
            self.problem(f"a {what} must be a mapping, got {describe(item)}", line)
            return None
        for key in item:
            if key not in keys:
                self.problem(
                    f"{what} '{item.written('name')}': unknown key '{key}' (use "
                    + ", ".join(keys)
                    + "); ignored",
                    item.key_lines[key],
                    Subtype.UNKNOWN_FIELD,
                )
        return item

    def name(self, item: LineDict, what: str) -> str | None:
        """The item's ``name``, if it is a new name no built-in field or relation has."""
        name = item.written("name")
        line = item.key_lines.get("name", item.line)
        if name is None:
            self.problem(f"a {what} needs a 'name'", item.line)
            return None
        if (
            not isinstance(name, str)
            or not name.isascii()
            or not name.replace("_", "a").isalnum()
            or not name[:1].islower()
            or name.lower() != name
        ):
            self.problem(
                f"{what} name {name!r} must be lowercase letters, digits and '_', starting "
                "with a letter",
                line,
            )
            return None
        if name in RESERVED or name in RELATION_KINDS:
            self.problem(f"{what} name '{name}' is taken by a built-in field or name", line)
            return None
        if name in self.fields or name in self.relations:
            first = self.fields.get(name) or self.relations[name]
            self.problem(
                f"{what} name '{name}' is already declared at line {first.line}",
                line,
                Subtype.DUPLICATE_KEY,
            )
            return None
        return name

    def text(self, item: LineDict, key: str, name: str, what: str, default: str) -> str:
        value = item.written(key)
        if value is None:
            return default
        try:
            return as_str(value)
        except BadValue as exc:
            self.problem(f"{what} '{name}': '{key}' {exc}", item.key_lines[key])
            return default

    def strings(self, item: LineDict, key: str, name: str) -> tuple[str, ...] | None:
        """``item[key]`` as a list of strings (a lone string is one), or None if it is not."""
        value = item.get(key)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            self.problem(
                f"field '{name}': '{key}' must be a non-empty list, got {describe(value)}",
                item.key_lines[key],
            )
            return None
        try:
            return tuple(dict.fromkeys(as_str(v) for v in written(value)))
        except BadValue as exc:
            self.problem(f"field '{name}': an item of '{key}' {exc}", item.key_lines[key])
            return None

    def field(self, raw: Any, line: int) -> None:
        item = self.mapping(raw, line, "field", _FIELD_KEYS)
        name = self.name(item, "field") if item is not None else None
        if item is None or name is None:
            return
        kinds: tuple[str, ...] | None = tuple(KIND_CLASSES)
        if "kinds" in item:
            kinds = self.strings(item, "kinds", name)
            bad = [k for k in kinds or () if k not in KIND_CLASSES]
            if bad:
                self.problem(
                    f"field '{name}': kind '{bad[0]}' is not one of " + ", ".join(KIND_CLASSES),
                    item.key_lines["kinds"],
                )
                kinds = None
        vtype = item.written("type")
        if vtype not in CUSTOM_TYPES:
            self.problem(
                f"field '{name}': type {vtype!r} is not one of " + ", ".join(CUSTOM_TYPES)
                if vtype is not None
                else f"field '{name}' needs a 'type' (" + ", ".join(CUSTOM_TYPES) + ")",
                item.key_lines.get("type", item.line),
            )
            return
        choices: tuple[str, ...] | None = ()
        if vtype == "choice":
            if "choices" not in item:
                self.problem(f"field '{name}': a choice needs 'choices'", item.line)
                return
            choices = self.strings(item, "choices", name)
        elif "choices" in item:
            self.problem(
                f"field '{name}': 'choices' is only for type 'choice'; ignored",
                item.key_lines["choices"],
            )
        if kinds is None or choices is None:
            return
        label = self.text(item, "label", name, "field", name.replace("_", " ").capitalize())
        doc = self.text(item, "doc", name, "field", "")
        self.fields[name] = CustomField(name, kinds, str(vtype), label, doc, choices, item.line)

    def relation(self, raw: Any, line: int) -> None:
        item = self.mapping(raw, line, "relation", _RELATION_KEYS)
        name = self.name(item, "relation") if item is not None else None
        if item is None or name is None:
            return
        label = self.text(item, "label", name, "relation", name.replace("_", " "))
        inverse = self.text(item, "inverse", name, "relation", f"{label} of")
        self.relations[name] = CustomRelation(name, label, inverse, item.line)

    def read_required(self, raw: Any, line: int) -> None:
        if not isinstance(raw, LineDict):
            self.problem(
                f"'required' must be a mapping of kind to fields, got {describe(raw)}", line
            )
            return
        for kind in raw:
            where = raw.key_lines[kind]
            if kind not in KIND_CLASSES:
                self.problem(
                    f"required: kind '{kind}' is not one of " + ", ".join(KIND_CLASSES), where
                )
                continue
            names = raw[kind]
            if isinstance(names, str):
                names = [names]
            if not isinstance(names, list):
                self.problem(f"required: '{kind}' must be a list of fields", where)
                continue
            known = set(KIND_CLASSES[kind].__dataclass_fields__) | {
                f.name for f in self.fields.values() if kind in f.kinds
            }
            good = []
            for name in written(names):
                if isinstance(name, str) and name in known and name not in ("source", "lines"):
                    good.append(name)
                else:
                    self.problem(f"required: kind '{kind}' has no field {name!r}", where)
            self.required[kind] = tuple(dict.fromkeys(good))


def read_schema(files: Sequence[tuple[bytes, str]]) -> tuple[CatalogSchema, list[Issue]]:
    """The schema that ``files`` (each its bytes and the name messages show) declare together,
    and their problems; no files give :data:`.custom.BUILTIN`."""
    if not files:
        return BUILTIN, []
    reader = _Reader()
    digest = hashlib.sha256()
    for content, shown in files:
        digest.update(hashlib.sha256(content).digest())
        reader.read(content, shown)
    schema = CatalogSchema(
        tuple(reader.fields.values()),
        tuple(reader.relations.values()),
        tuple(reader.required.items()),
        digest.hexdigest(),
        reader.exempt_tag,
    )
    return schema, reader.issues
