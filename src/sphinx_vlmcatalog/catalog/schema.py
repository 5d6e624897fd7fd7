"""The JSON Schemas of catalog files and of the JSON export, generated from the entry dataclasses.

``vlmcatalog schema`` prints the file schema; YAML language servers can use it for completion and
checking. :func:`export_schema` describes ``vlmcatalog export --format json`` (and the
``catalog.json`` a site build writes): the same fields in their normalized form, where lists are
always arrays and ``sources`` always objects. Both are generated rather than written, so the
schemas, the validator and the docs cannot disagree.
"""

from __future__ import annotations

from typing import Any

from .entries import (
    KIND_CLASSES,
    LINK_KINDS,
    RELATION_KINDS,
    data_fields,
)
from .values import ARXIV_RE, DATE_RE, DOI_RE, ID_RE, MAX_NUMBER, MAX_TEXT, MIN_YEAR, max_year

SCHEMA_ID = "https://sphinx-vlmcatalog.readthedocs.io/schema/catalog.schema.json"
EXPORT_SCHEMA_ID = "https://sphinx-vlmcatalog.readthedocs.io/schema/catalog-export.schema.json"

_ID = {"type": "string", "pattern": ID_RE.pattern}
_URL = {"type": "string", "pattern": r"^[hH][tT][tT][pP][sS]?://[^\s<>\"]+$"}
_STR = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT}
_STR_LIST = {"oneOf": [_STR, {"type": "array", "items": _STR}]}


def _value_schema(meta: dict[str, Any], *, normalized: bool = False) -> dict[str, Any]:
    """Schema of one field value; ``normalized``: as exported (lists always arrays)."""
    vtype = meta["type"]
    schema: dict[str, Any]
    if vtype == "id":
        schema = dict(_ID)
    elif vtype in ("str", "text"):
        schema = dict(_STR)
    elif vtype == "int":
        schema = {"type": "integer", "minimum": 0, "maximum": MAX_NUMBER - 1}
    elif vtype == "year":
        schema = {"type": "integer", "minimum": MIN_YEAR, "maximum": max_year()}
    elif vtype == "date":
        schema = {"type": "string", "pattern": DATE_RE.pattern}
    elif vtype == "url":
        schema = dict(_URL)
    elif vtype == "str_list":
        schema = {"type": "array", "items": _STR} if normalized else dict(_STR_LIST)
    elif vtype == "id_list":
        schema = (
            {"type": "array", "items": _ID}
            if normalized
            else {"oneOf": [_ID, {"type": "array", "items": _ID}]}
        )
    elif vtype == "links":
        schema = {
            "type": "object",
            "additionalProperties": False,
            "properties": dict.fromkeys(LINK_KINDS, _URL),
        }
    elif vtype == "relations":
        schema = {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                k: {
                    **(
                        {"type": "array", "items": _ID}
                        if normalized
                        else {"oneOf": [_ID, {"type": "array", "items": _ID}]}
                    ),
                    "description": f"Entries this one {text}.",
                }
                for k, text in RELATION_KINDS.items()
            },
        }
    elif vtype == "sources":
        mention = {
            "type": "object",
            "required": ["list"],
            "additionalProperties": False,
            "properties": {"list": _STR, "section": _STR},
        }
        schema = {
            "type": "array",
            "items": mention if normalized else {"oneOf": [_STR, mention]},
        }
    else:  # pragma: no cover - every ValueType is handled above
        raise ValueError(vtype)
    if meta.get("choices"):
        schema = {"enum": list(meta["choices"])}
    schema["description"] = meta["doc"].replace("``", "`")
    return schema


def entry_schema(*, normalized: bool = False) -> dict[str, Any]:
    """Schema of one entry: all fields, and per kind the fields that kind allows.

    :param normalized: describe entries as exported (lists always arrays), not as written
    """
    properties: dict[str, Any] = {}
    per_kind = []
    for kind, cls in KIND_CLASSES.items():
        names = list(data_fields(cls))
        for name, f in data_fields(cls).items():
            properties.setdefault(name, _value_schema(dict(f.metadata), normalized=normalized))
        per_kind.append(
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": {"propertyNames": {"enum": names}},
            }
        )
    if "arxiv" in properties:
        properties["arxiv"]["pattern"] = ARXIV_RE.pattern
    if "doi" in properties:
        properties["doi"]["pattern"] = DOI_RE.pattern
    return {
        "type": "object",
        "required": ["id", "kind", "title"],
        "properties": properties,
        "allOf": per_kind,
    }


def _category_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["key", "title"],
        "additionalProperties": False,
        "properties": {
            "key": {
                "type": "string",
                "pattern": r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$",
                "description": "Local key; the full key joins ancestors' keys with '.'.",
            },
            "title": _STR,
            "description": _STR,
            "children": {"type": "array", "items": {"$ref": "#/$defs/category"}},
        },
    }


def catalog_schema() -> dict[str, Any]:
    """Schema of one catalog file."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "sphinx-vlmcatalog catalog file",
        "description": "A file with catalog entries and/or the category taxonomy.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "entries": {"type": "array", "items": {"$ref": "#/$defs/entry"}},
            "taxonomy": {"type": "array", "items": {"$ref": "#/$defs/category"}},
        },
        "$defs": {"entry": entry_schema(), "category": _category_schema()},
    }


def export_schema() -> dict[str, Any]:
    """Schema of the JSON export: ``{"taxonomy": [...], "entries": [...]}``, fields normalized."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": EXPORT_SCHEMA_ID,
        "title": "sphinx-vlmcatalog JSON export",
        "description": "Every catalog entry, with the field names of the YAML files, and the "
        "category taxonomy; written by `vlmcatalog export --format json` and by site builds.",
        "type": "object",
        "required": ["taxonomy", "entries"],
        "additionalProperties": False,
        "properties": {
            "taxonomy": {"type": "array", "items": {"$ref": "#/$defs/category"}},
            "entries": {"type": "array", "items": {"$ref": "#/$defs/entry"}},
        },
        "$defs": {"entry": entry_schema(normalized=True), "category": _category_schema()},
    }
