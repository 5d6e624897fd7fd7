"""The JSON Schemas of catalog files and of the JSON export, generated from the entry dataclasses.

``vlmcatalog schema`` prints the file schema; YAML language servers can use it for completion and
checking. :func:`export_schema` describes ``vlmcatalog export --format json`` (and the
``catalog.json`` a site build writes): the same fields in their normalized form, where lists are
always arrays and ``sources`` always objects. Both are generated rather than written, so the
schemas, the validator and the docs cannot disagree.
"""

from __future__ import annotations

from typing import Any

from .custom import BUILTIN, CatalogSchema
from .entries import KIND_CLASSES, LINK_KINDS
from .values import ARXIV_RE, DATE_RE, DOI_RE, ID_RE, MAX_NUMBER, MAX_TEXT, MIN_YEAR, max_year

SCHEMA_ID = "https://sphinx-vlmcatalog.readthedocs.io/schema/catalog.schema.json"
EXPORT_SCHEMA_ID = "https://sphinx-vlmcatalog.readthedocs.io/schema/catalog-export.schema.json"

_ID = {"type": "string", "pattern": ID_RE.pattern}
_URL = {"type": "string", "pattern": r"^[hH][tT][tT][pP][sS]?://[^\s<>\"]+$"}
_STR = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT}
_STR_LIST = {"oneOf": [_STR, {"type": "array", "items": _STR}]}


def _value_schema(
    meta: dict[str, Any], *, normalized: bool = False, relations: dict[str, str] | None = None
) -> dict[str, Any]:
    """Schema of one field value; ``normalized``: as exported (lists always arrays);
    ``relations``: the relation names and wordings (built-in and the catalog's own)."""
    vtype = meta["type"]
    schema: dict[str, Any]
    if vtype == "id":
        schema = dict(_ID)
    elif vtype in ("str", "text"):
        schema = dict(_STR)
    elif vtype == "int":
        schema = {"type": "integer", "minimum": 0, "maximum": MAX_NUMBER - 1}
    elif vtype == "number":
        schema = {"type": "number", "exclusiveMinimum": -MAX_NUMBER, "exclusiveMaximum": MAX_NUMBER}
    elif vtype == "bool":
        schema = {"type": "boolean"}
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
                for k, text in (relations or BUILTIN.relation_kinds).items()
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
    elif vtype == "results":
        result = {
            "type": "object",
            "required": ["benchmark", "metric", "value", "setting", "source"],
            "additionalProperties": False,
            "properties": {
                "benchmark": _ID,
                "metric": _STR,
                "value": _STR if normalized else {"oneOf": [{"type": "number"}, _STR]},
                "setting": _STR,
                "variant": _STR,
                "source": _URL,
            },
        }
        schema = {"type": "array", "items": result}
    elif vtype == "metrics":
        bounds = {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}
        schema = {"type": "object", "additionalProperties": bounds}
    else:  # pragma: no cover - every ValueType is handled above
        raise ValueError(vtype)
    if meta.get("choices"):
        schema = {"enum": list(meta["choices"])}
    schema["description"] = meta["doc"].replace("``", "`")
    return schema


def entry_schema(*, normalized: bool = False, schema: CatalogSchema = BUILTIN) -> dict[str, Any]:
    """Schema of one entry: all fields, and per kind the fields that kind allows.

    :param normalized: describe entries as exported (lists always arrays), not as written
    :param schema: the catalog's own fields and relations, described with the built-in ones
    """
    properties: dict[str, Any] = {}
    per_kind = []
    relations = schema.relation_kinds
    for kind in KIND_CLASSES:
        names = schema.field_names(kind)
        for name in names:
            if name not in properties:
                meta = schema.meta(name)
                properties[name] = _value_schema(meta, normalized=normalized, relations=relations)
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


def catalog_schema(schema: CatalogSchema = BUILTIN) -> dict[str, Any]:
    """Schema of one catalog file (with the catalog's own fields of ``schema``)."""
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
        "$defs": {"entry": entry_schema(schema=schema), "category": _category_schema()},
    }


def export_schema(schema: CatalogSchema = BUILTIN) -> dict[str, Any]:
    """Schema of the JSON export: ``{"taxonomy": [...], "entries": [...]}``, fields normalized
    (with the catalog's own fields of ``schema``)."""
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
        "$defs": {
            "entry": entry_schema(normalized=True, schema=schema),
            "category": _category_schema(),
        },
    }
