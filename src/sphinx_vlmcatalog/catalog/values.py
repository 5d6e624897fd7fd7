"""Field value converters: each checks one raw YAML value against a field's declared type.

A converter returns the value as the entry stores it (stripped strings, ints, tuples, mappings)
or raises :class:`BadValue` saying why not. :func:`converters` gives the converter of every
field of an entry class, read from the ``type`` and ``choices`` declared on its dataclass fields
(the same declaration the JSON Schema is generated from). Converters have no side effects.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from .entries import LINK_KINDS, RELATION_KINDS, Entry, SourceMention, data_fields

ID_RE = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
ARXIV_RE = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})$")
DOI_RE = re.compile(r"^10\.\d{4,9}/[^\s\"<>]+$")
DATE_RE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
#: Characters a URL must not hold: whitespace (``\s`` is :meth:`str.isspace`), controls, <>".
URL_UNSAFE_RE = re.compile(r'[\s\x00-\x1f<>"]')
MIN_YEAR = 1900
#: Longest string value accepted; longer values are reported (and truncated on output).
MAX_TEXT = 20_000

Converter = Callable[[Any], Any]


def max_year() -> int:
    """Latest sane year: next year, so that accepted papers with next year's date pass."""
    return datetime.date.today().year + 1


class BadValue(Exception):
    """A value does not fit its field; the message says why.

    ``item`` (list index) or ``key`` (mapping key) narrow down where, for the line number;
    ``unsafe_url`` marks a link refused by :func:`check_url` (reported as ``unsafe_url``).
    """

    def __init__(
        self,
        message: str,
        *,
        item: int | None = None,
        key: str | None = None,
        unsafe_url: bool = False,
    ) -> None:
        super().__init__(message)
        self.item = item
        self.key = key
        self.unsafe_url = unsafe_url


def describe(value: Any) -> str:
    """A value's kind, for messages: ``a mapping``, ``the boolean true``, ``int 5``."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    text = repr(value)
    return f"{type(value).__name__} {text[:40]}"


def as_str(value: Any) -> str:
    """A non-empty string of at most :data:`MAX_TEXT` characters (numbers become text)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise BadValue(f"must be a string, got {describe(value)}")
    text = str(value).strip()
    if not text:
        raise BadValue("must not be empty")
    if len(text) > MAX_TEXT:
        raise BadValue(f"is {len(text):,} characters long; the limit is {MAX_TEXT:,}")
    return text


def as_id(value: Any) -> str:
    """An entry or category id (:data:`ID_RE`)."""
    text = as_str(value)
    if not ID_RE.match(text):
        raise BadValue(
            f"'{text}' is not a valid id (lowercase letters, digits, and -, _ or . between them)"
        )
    return text


def as_int(value: Any) -> int:
    """A non-negative integer; ``'1,000'`` (thousands separators) is accepted."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and re.fullmatch(r"\d{1,3}(?:,\d{3})+", value.strip()):
            return int(value.replace(",", ""))
        raise BadValue(f"must be an integer, got {describe(value)}")
    if value < 0:
        raise BadValue(f"must not be negative, got {value}")
    return value


def as_year(value: Any) -> int:
    """A year from :data:`MIN_YEAR` to :func:`max_year`."""
    year = as_int(value)
    if not MIN_YEAR <= year <= max_year():
        raise BadValue(f"{year} is not a plausible year ({MIN_YEAR}-{max_year()})")
    return year


def as_date(value: Any) -> str:
    """A real calendar date as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    text = as_str(value)
    if not DATE_RE.match(text):
        raise BadValue(f"'{text}' is not a date of the form YYYY-MM-DD or YYYY-MM")
    try:
        if text.count("-") == 2:
            datetime.date.fromisoformat(text)
    except ValueError:
        raise BadValue(f"'{text}' is not a real calendar date") from None
    if not MIN_YEAR <= int(text[:4]) <= max_year():
        raise BadValue(f"'{text}' is not a plausible date")
    return text


def as_arxiv(value: Any) -> str:
    """An arXiv identifier (``2103.00020`` or ``cs/0112017``); the JSON Schema has the pattern."""
    text = as_str(value)
    if not ARXIV_RE.match(text):
        raise BadValue(
            f"'{text[:80]}' is not an arXiv identifier like 2103.00020 (without a version)"
        )
    return text


def as_doi(value: Any) -> str:
    """A DOI (``10.1234/abc``), without a resolver prefix; the JSON Schema has the pattern."""
    text = as_str(value)
    if not DOI_RE.match(text):
        raise BadValue(f"'{text[:80]}' is not a DOI like 10.1234/abc (without https://doi.org/)")
    return text


def check_url(value: Any) -> str:
    """Return the URL if it is an absolute http(s) URL without spaces or control characters."""
    text = as_str(value)
    try:
        parts = urlsplit(text)
    except ValueError as exc:  # a malformed host, like an unclosed IPv6 bracket
        raise BadValue(f"'{text[:80]}' is not a valid URL ({exc})", unsafe_url=True) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise BadValue(f"'{text[:80]}' is not an absolute http(s) URL", unsafe_url=True)
    if URL_UNSAFE_RE.search(text) is not None:
        raise BadValue(
            f"'{text[:80]}' contains spaces, quotes or control characters", unsafe_url=True
        )
    return text


def as_list(item: Converter) -> Callable[[Any], tuple[Any, ...]]:
    """A converter of lists whose items ``item`` converts; a lone string is a one-item list."""

    def convert(value: Any) -> tuple[Any, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise BadValue(f"must be a list, got {describe(value)}")
        out = []
        for i, v in enumerate(value):
            try:
                out.append(item(v))
            except BadValue as exc:
                raise BadValue(f"item {i + 1} {exc}", item=i) from None
        return tuple(dict.fromkeys(out))  # drop repeats, keep order

    return convert


as_id_list = as_list(as_id)


def as_links(value: Any) -> dict[str, str]:
    """A mapping of link kind (:data:`.LINK_KINDS`) to a URL that :func:`check_url` accepts."""
    if not isinstance(value, dict):
        raise BadValue(f"must be a mapping of link kind to URL, got {describe(value)}")
    out: dict[str, str] = {}
    for kind, url in value.items():
        if kind not in LINK_KINDS:
            raise BadValue(
                f"'{kind}' is not a link kind (use " + ", ".join(LINK_KINDS) + ")", key=str(kind)
            )
        try:
            out[kind] = check_url(url)
        except BadValue as exc:
            raise BadValue(f"'{kind}' {exc}", key=kind, unsafe_url=exc.unsafe_url) from None
    return out


def as_relations(value: Any) -> dict[str, tuple[str, ...]]:
    """A mapping of relation (:data:`.RELATION_KINDS`) to a list of entry ids."""
    if not isinstance(value, dict):
        raise BadValue(f"must be a mapping of relation to entry ids, got {describe(value)}")
    out: dict[str, tuple[str, ...]] = {}
    for rel, ids in value.items():
        if rel not in RELATION_KINDS:
            raise BadValue(
                f"'{rel}' is not a relation (use " + ", ".join(RELATION_KINDS) + ")", key=str(rel)
            )
        try:
            out[rel] = as_id_list(ids)
        except BadValue as exc:
            raise BadValue(f"'{rel}' {exc}", key=rel) from None
    return out


_SOURCE_KEYS = frozenset(("list", "section"))


def as_sources(value: Any) -> tuple[SourceMention, ...]:
    """A list of ``{list, section}`` mappings (or bare list names) as source mentions."""
    if not isinstance(value, list):
        raise BadValue(f"must be a list of {{list, section}} mappings, got {describe(value)}")
    out = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            item = {"list": item}
        if not isinstance(item, dict) or not item.keys() <= _SOURCE_KEYS or "list" not in item:
            raise BadValue(
                f"item {i + 1} must be a mapping with 'list' and optional 'section'", item=i
            )
        try:
            section = as_str(item["section"]) if item.get("section") else ""
            out.append(SourceMention(as_str(item["list"]), section))
        except BadValue as exc:
            raise BadValue(f"item {i + 1} {exc}", item=i) from None
    return tuple(out)


#: The converter of each declared value type (see :data:`.entries.ValueType`).
BY_TYPE: dict[str, Converter] = {
    "id": as_id,
    "str": as_str,
    "text": as_str,
    "int": as_int,
    "year": as_year,
    "date": as_date,
    "url": check_url,
    "str_list": as_list(as_str),
    "id_list": as_id_list,
    "links": as_links,
    "relations": as_relations,
    "sources": as_sources,
}
#: Fields that become part of a link, and so are checked beyond their value type.
_LINK_PARTS = {"arxiv": as_arxiv, "doi": as_doi}

_BY_CLASS: dict[type[Entry], dict[str, Converter]] = {}


def converters(cls: type[Entry]) -> dict[str, Converter]:
    """Field name -> converter for one entry class, in declaration order (made once a class)."""
    found = _BY_CLASS.get(cls)
    if found is None:
        found = _BY_CLASS[cls] = {
            name: _LINK_PARTS.get(name) or _converter(f.metadata)
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
