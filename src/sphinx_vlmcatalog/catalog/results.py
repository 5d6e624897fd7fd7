"""One catalog file's validated result (:class:`FileResult`), and its data-only form for the cache.

:func:`to_data` turns a result into JSON values: each entry as the mapping of its non-empty
fields (shaped as in a catalog file), its line and the lines of its fields; problems and
categories as lists. :func:`from_data` builds the result back from what a cache file holds and
trusts none of it: every value must have exactly the shape :func:`to_data` gives (the type its
field declares, a known kind, a known problem subtype, lines that are numbers), else the whole
file is a miss. Paths are not stored: every place in a file's result is in that file, shown
under the name it is loaded as.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .custom import BUILTIN, CatalogSchema
from .entries import KIND_CLASSES, Category, Entry, SourceMention, SourceRef, data_fields
from .issues import Issue, Subtype
from .result_values import RESULT_KEYS, Result, as_printed_number
from .values import MAX_NUMBER, BadValue, as_id, as_str


@dataclass
class FileResult:
    """One file, validated on its own."""

    #: problems with the file as a whole and with its taxonomy, in order
    issues: list[Issue]
    categories: list[Category]
    #: each raw entry's result (None if it could not be built) and its problems
    entries: list[tuple[Entry | None, list[Issue]]]


def to_data(result: FileResult) -> dict[str, Any]:
    """``result`` as JSON values (see :func:`from_data`)."""
    return {
        "issues": [_issue_data(issue) for issue in result.issues],
        "categories": [
            [c.key, c.title, c.description, c.parent, c.source.line] for c in result.categories
        ],
        "entries": [
            [
                None if entry is None else _fields_data(entry),
                0 if entry is None else entry.source.line,
                {} if entry is None else dict(entry.lines),
                [_issue_data(issue) for issue in issues],
            ]
            for entry, issues in result.entries
        ],
    }


def _issue_data(issue: Issue) -> list[Any]:
    return [issue.subtype.value, issue.message, issue.where.line]


def _fields_data(entry: Entry) -> dict[str, Any]:
    """The entry's fields that differ from an empty default, as a catalog file gives them."""
    fields: dict[str, Any] = {}
    for name in data_fields(type(entry)):
        value = entry.get(name)
        if value in (None, (), {}):
            continue
        if name == "sources":
            value = [{"list": m.list, "section": m.section} for m in value]
        elif name == "results":
            value = [{**result.data(), "line": result.line} for result in value]
        elif name == "metrics":
            value = {metric: list(bounds) for metric, bounds in value.items()}
        fields[name] = value
    fields.update(entry.extra)  # (custom names never clash with built-in ones)
    return fields


_SUBTYPES = {subtype.value: subtype for subtype in Subtype}


class _Mismatch(Exception):
    """A cached value does not have the shape :func:`to_data` gives."""


def from_data(data: Any, shown: str, schema: CatalogSchema = BUILTIN) -> FileResult | None:
    """The result that :func:`to_data` gave ``data`` for, in the file shown as ``shown``; None
    if ``data`` is not such a result.

    :param schema: the catalog's own fields, which cached entries may hold
    """
    try:
        if not isinstance(data, dict):
            raise _Mismatch
        issues = [_issue(item, shown) for item in _list(data.get("issues"))]
        categories = [_category(item, shown) for item in _list(data.get("categories"))]
        entries = [_entry(item, shown, schema) for item in _list(data.get("entries"))]
    except (_Mismatch, BadValue):
        return None
    return FileResult(issues, categories, entries)


def _list(value: Any, length: int | None = None) -> list[Any]:
    if not isinstance(value, list) or (length is not None and len(value) != length):
        raise _Mismatch
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise _Mismatch
    return value


def _line(value: Any) -> int:
    if type(value) is not int or value < 0:  # (not a bool)
        raise _Mismatch
    return value


def _issue(value: Any, shown: str) -> Issue:
    subtype, message, line = _list(value, 3)
    kind = _SUBTYPES.get(_str(subtype))
    if kind is None:
        raise _Mismatch
    return Issue(kind, _str(message), SourceRef(shown, _line(line)))


def _category(value: Any, shown: str) -> Category:
    key, title, description, parent, line = _list(value, 5)
    for part in _str(key).split("."):
        as_id(part)
    if parent != (key.rpartition(".")[0] or None):  # (as the taxonomy's nesting gives it)
        raise _Mismatch
    description = as_str(description) if _str(description) else ""
    return Category(key, as_str(title), description, parent, SourceRef(shown, _line(line)))


def _entry(value: Any, shown: str, schema: CatalogSchema) -> tuple[Entry | None, list[Issue]]:
    fields, line, lines, problems = _list(value, 4)
    issues = [_issue(item, shown) for item in _list(problems)]
    if fields is None:
        return None, issues
    if not isinstance(fields, dict) or not isinstance(lines, dict):
        raise _Mismatch
    cls = KIND_CLASSES.get(_str(fields.get("kind")))
    if cls is None or "id" not in fields or "title" not in fields:
        raise _Mismatch
    checks = _checks(cls)
    values = {}
    extra = {}
    for name, raw in fields.items():
        check = checks.get(name)
        if check is not None:
            values[name] = check(raw)
            continue
        own = schema.custom(name)
        if own is None or cls.kind_name.value not in own.kinds:
            raise _Mismatch
        extra[name] = _BY_TYPE[own.vtype](raw)
        if own.choices and extra[name] not in own.choices:
            raise _Mismatch
    if not all(type(n) is int for n in lines.values()):
        raise _Mismatch
    where = SourceRef(shown, _line(line))
    return cls(**values, source=where, lines=lines, extra=extra), issues


def _int(value: Any) -> int:
    # (not a bool; and bounded as validation bounds it, so a forged file cannot bring in a
    # number that sorting or a chart cannot turn into a float)
    if type(value) is not int or not 0 <= value < MAX_NUMBER:
        raise _Mismatch
    return value


def _number(value: Any) -> int | float:
    if type(value) is float:
        if not abs(value) < MAX_NUMBER:  # (also not a NaN or an infinity)
            raise _Mismatch
        return value
    if type(value) is not int or not abs(value) < MAX_NUMBER:
        raise _Mismatch
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _Mismatch
    return value


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(type(item) is str for item in value):
        raise _Mismatch
    return tuple(value)


#: What every stored URL must look like: the validator only ever accepts absolute http(s) URLs
#: without spaces, quotes or angle brackets. Checked again on the way in (cheaply, with one
#: pattern), so that a forged cache file cannot put a ``javascript:`` link into a page.
_SAFE_URL = re.compile(r'[hH][tT][tT][pP][sS]?://[^\s\x00-\x1f\x7f<>"]+')


def _url(value: Any) -> str:
    if type(value) is not str or _SAFE_URL.fullmatch(value) is None:
        raise _Mismatch
    return value


def _links(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _Mismatch
    for url in value.values():
        _url(url)
    return value


def _relations(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise _Mismatch
    return {rel: _strings(ids) for rel, ids in value.items()}


def _sources(value: Any) -> tuple[SourceMention, ...]:
    mentions = []
    for item in _list(value):
        if not isinstance(item, dict) or item.keys() != _SOURCE_KEYS:
            raise _Mismatch
        mentions.append(SourceMention(_str(item["list"]), _str(item["section"])))
    return tuple(mentions)


_SOURCE_KEYS = {"list", "section"}


def _results(value: Any) -> tuple[Result, ...]:
    results = []
    for item in _list(value):
        if not isinstance(item, dict) or not set(_RESULT_REQUIRED) <= item.keys() <= _RESULT_KEYS:
            raise _Mismatch
        text = {key: _str(item[key]) for key in RESULT_KEYS if key in item}
        as_printed_number(text["value"])
        _url(text["source"])
        results.append(Result(**text, line=_line(item["line"])))
    return tuple(results)


_RESULT_KEYS = {*RESULT_KEYS, "line"}
_RESULT_REQUIRED = ("benchmark", "metric", "value", "setting", "source", "line")


def _metrics(value: Any) -> dict[str, tuple[float, float]]:
    if not isinstance(value, dict):
        raise _Mismatch
    bounds = {_str(name): _list(pair, 2) for name, pair in value.items()}
    return {name: (_number(low), _number(high)) for name, (low, high) in bounds.items()}


#: The check of a stored value of each declared value type (see :data:`.entries.ValueType`).
_BY_TYPE: dict[str, Callable[[Any], Any]] = {
    "id": _str,
    "str": _str,
    "text": _str,
    "date": _str,
    "url": _url,
    "int": _int,
    "number": _number,
    "bool": _bool,
    "year": _int,
    "str_list": _strings,
    "id_list": _strings,
    "links": _links,
    "relations": _relations,
    "sources": _sources,
    "results": _results,
    "metrics": _metrics,
}
_CHECKS: dict[type[Entry], dict[str, Callable[[Any], Any]]] = {}


def _checks(cls: type[Entry]) -> dict[str, Callable[[Any], Any]]:
    """Field name -> check of its stored value, for one entry class (made once a class)."""
    found = _CHECKS.get(cls)
    if found is None:
        found = _CHECKS[cls] = {
            name: _BY_TYPE[f.metadata["type"]] for name, f in data_fields(cls).items()
        }
    return found
