"""Validation: raw YAML mappings become entries, and the whole catalog is checked across entries.

Each field is checked against the value type declared on the entry dataclasses (the same
declaration the JSON Schema is generated from). A bad optional value is reported and left out; an
entry without a usable ``id``, ``kind`` or ``title`` is reported and not built. Nothing is dropped
without an :class:`Issue` that says where.
"""

from __future__ import annotations

import datetime
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING
from typing import Any
from urllib.parse import urlsplit

from .entries import (
    KIND_CLASSES,
    LAYOUTS,
    LINK_KINDS,
    RELATION_KINDS,
    Category,
    Entry,
    SourceMention,
    SourceRef,
    data_fields,
)
from .issues import Issue, Subtype
from .yamlfile import LineDict, LineList

ID_RE = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
ARXIV_RE = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})$")
DOI_RE = re.compile(r"^10\.\d{4,9}/[^\s\"<>]+$")
DATE_RE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
MIN_YEAR = 1900
#: Longest string value accepted; longer values are reported (and truncated on output).
MAX_TEXT = 20_000


def max_year() -> int:
    """Latest sane year: next year, so that accepted papers with next year's date pass."""
    # the year of datetime.date.today() (the same local time of the same second), in half the
    # time: every year and date of the catalog is checked against it
    return time.localtime().tm_year + 1


class _Bad(Exception):
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


def _str(value: Any) -> str:
    if value.__class__ is str:  # the common case, without the checks below
        text = value.strip()
    else:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise _Bad(f"must be a string, got {_describe(value)}")
        text = str(value).strip()
    if not text:
        raise _Bad("must not be empty")
    if len(text) > MAX_TEXT:
        raise _Bad(f"is {len(text):,} characters long; the limit is {MAX_TEXT:,}")
    return text


def _id(value: Any) -> str:
    text = _str(value)
    if not ID_RE.match(text):
        raise _Bad(
            f"'{text}' is not a valid id (lowercase letters, digits, and -, _ or . between them)"
        )
    return text


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and re.fullmatch(r"\d{1,3}(?:,\d{3})+", value.strip()):
            return int(value.replace(",", ""))
        raise _Bad(f"must be an integer, got {_describe(value)}")
    if value < 0:
        raise _Bad(f"must not be negative, got {value}")
    return value


def _year(value: Any) -> int:
    if value.__class__ is int and MIN_YEAR <= value <= max_year():
        return value  # the common case, without the checks of _int
    year = _int(value)
    if not MIN_YEAR <= year <= max_year():
        raise _Bad(f"{year} is not a plausible year ({MIN_YEAR}-{max_year()})")
    return year


def _date(value: Any) -> str:
    text = _str(value)
    if not DATE_RE.match(text):
        raise _Bad(f"'{text}' is not a date of the form YYYY-MM-DD or YYYY-MM")
    try:
        if text.count("-") == 2:
            datetime.date.fromisoformat(text)
    except ValueError:
        raise _Bad(f"'{text}' is not a real calendar date") from None
    if not MIN_YEAR <= int(text[:4]) <= max_year():
        raise _Bad(f"'{text}' is not a plausible date")
    return text


def _arxiv(value: Any) -> str:
    """An arXiv identifier (``2103.00020`` or ``cs/0112017``); the JSON Schema has the pattern."""
    text = _str(value)
    if not ARXIV_RE.match(text):
        raise _Bad(f"'{text[:80]}' is not an arXiv identifier like 2103.00020 (without a version)")
    return text


def _doi(value: Any) -> str:
    """A DOI (``10.1234/abc``), without a resolver prefix; the JSON Schema has the pattern."""
    text = _str(value)
    if not DOI_RE.match(text):
        raise _Bad(f"'{text[:80]}' is not a DOI like 10.1234/abc (without https://doi.org/)")
    return text


#: Fields that become part of a link and so are checked beyond their value type.
_LINK_PARTS = {"arxiv": _arxiv, "doi": _doi}


#: Characters a URL must not hold: whitespace (``\s`` is :meth:`str.isspace`), controls, <>".
URL_UNSAFE_RE = re.compile(r'[\s\x00-\x1f<>"]')
#: An http(s) URL with an ASCII host that :func:`check_url` accepts without splitting it
#: (``urlsplit`` reads the scheme and a non-empty host from it, and never raises on it).
SIMPLE_URL_RE = re.compile(r'(?i:https?)://[A-Za-z0-9.\-]+(?::[0-9]+)?(?:[/?#][^\s\x00-\x1f<>"]*)?')


def check_url(value: Any) -> str:
    """Return the URL if it is an absolute http(s) URL without spaces or control characters."""
    text = _str(value)
    if SIMPLE_URL_RE.fullmatch(text) is not None:
        return text
    try:
        parts = urlsplit(text)
    except ValueError as exc:  # a malformed host, like an unclosed IPv6 bracket
        raise _Bad(f"'{text[:80]}' is not a valid URL ({exc})", unsafe_url=True) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise _Bad(f"'{text[:80]}' is not an absolute http(s) URL", unsafe_url=True)
    if URL_UNSAFE_RE.search(text) is not None:
        raise _Bad(f"'{text[:80]}' contains spaces, quotes or control characters", unsafe_url=True)
    return text


def _list(item: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, ...]]:
    def convert(value: Any) -> tuple[Any, ...]:
        if isinstance(value, str):
            value = [value]  # a lone string is a one-item list
        if not isinstance(value, list):
            raise _Bad(f"must be a list, got {_describe(value)}")
        try:
            out = [item(v) for v in value]
        except _Bad:
            for i, v in enumerate(value):  # again, to name the item
                try:
                    item(v)
                except _Bad as exc:
                    raise _Bad(f"item {i + 1} {exc}", item=i) from None
            raise
        return tuple(dict.fromkeys(out))  # drop repeats, keep order

    return convert


_id_list = _list(_id)


def _describe(value: Any) -> str:
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


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "id": _id,
    "str": _str,
    "text": _str,
    "int": _int,
    "year": _year,
    "date": _date,
    "url": check_url,
    "str_list": _list(_str),
    "id_list": _id_list,
}


def build_entry(raw: Any, path: str, line: int) -> tuple[Entry | None, list[Issue]]:
    """Turn one raw mapping into an :class:`Entry`, reporting every problem.

    :param raw: the value found in the file's ``entries`` list
    :param path: the file as it should appear in messages
    :param line: the line of the list item, used when ``raw`` is not a mapping
    """
    plan = _plan(raw)
    if plan is not None:
        values = plan.values(raw, path)
        if values is not None:
            return plan.layout.make(values), []
    return _build_entry_reporting(raw, path, line)


def build_entries(
    raw_entries: Iterable[tuple[Any, int]], path: str
) -> tuple[list[tuple[Entry | None, list[Issue]]], list[list[Any] | None]]:
    """:func:`build_entry` for each (raw entry, line) of one file.

    Also returns, for the cache, the values of each entry as :meth:`.Layout.pack` gives them
    (None where the entry was not built on the fast path): packing them here, from the values
    the entry was just made of, costs little.
    """
    built: list[tuple[Entry | None, list[Issue]]] = []
    packed: list[list[Any] | None] = []
    for raw, line in raw_entries:
        plan = _plan(raw)
        values = plan.values(raw, path) if plan is not None else None
        if plan is not None and values is not None:
            built.append((plan.layout.make(values), []))
            packed.append(plan.layout.pack_made(values))
        else:
            built.append(_build_entry_reporting(raw, path, line))
            packed.append(None)
    return built, packed


def _plan(raw: Any) -> _Plan | None:
    """The plan of ``raw``'s kind, if ``raw`` is a mapping with a known kind."""
    if isinstance(raw, LineDict):
        kind = raw.get("kind")
        if kind.__class__ is str:
            return _PLANS.get(kind)
    return None


class _Plan:
    """How the fields of one kind become an entry, for the common case: nothing to report."""

    def __init__(self, cls: type[Entry]) -> None:
        self.layout = LAYOUTS[cls]
        slot = self.layout.slot
        converters = _kind_converters(cls)
        #: field name -> (slot, converter)
        self.fields = {name: (slot[name], convert) for name, convert in converters.items()}
        self.id_slot = slot["id"]
        self.title_slot = slot["title"]
        self.source_slot = slot["source"]
        self.lines_slot = slot["lines"]

    def values(self, raw: LineDict, path: str) -> list[Any] | None:
        """The entry's slot values (for :meth:`.Layout.make`), or None when a value is refused
        or ``id`` or ``title`` is missing.

        Also None for a field the kind does not have. Converters have no side effects: when one
        refuses a value, :func:`_build_entry_reporting` runs them all again and says why.
        """
        values = self.layout.values()
        fields = self.fields
        try:
            for key, value in raw.items():
                slot, convert = fields[key]  # (a KeyError for an unknown field)
                if value is not None:
                    values[slot] = convert(value)
        except (KeyError, _Bad):
            return None
        if values[self.id_slot] is MISSING or values[self.title_slot] is MISSING:
            return None
        values[self.source_slot] = SourceRef(path, raw.line)
        # the parser's table of key lines: made for this entry, and used by nothing else
        values[self.lines_slot] = raw.key_lines
        return values


def _build_entry_reporting(raw: Any, path: str, line: int) -> tuple[Entry | None, list[Issue]]:
    """:func:`build_entry` for an entry with something to report."""
    issues: list[Issue] = []
    if not isinstance(raw, LineDict):
        issues.append(
            Issue(
                Subtype.CATALOG_SCHEMA,
                f"an entry must be a mapping of fields, got {_describe(raw)}",
                SourceRef(path, line),
            )
        )
        return None, issues
    here = SourceRef(path, raw.line)

    def at(key: str) -> SourceRef:
        return SourceRef(path, raw.key_lines.get(key, raw.line))

    ident = raw.get("id")
    name = f"entry '{ident}'" if isinstance(ident, str) else "entry"
    kind = raw.get("kind")
    cls = KIND_CLASSES.get(kind) if isinstance(kind, str) else None
    missing = [k for k in ("id", "kind", "title") if raw.get(k) in (None, "")]
    if missing:
        issues.append(
            Issue(
                Subtype.CATALOG_SCHEMA,
                f"{name}: missing required field{'s' if len(missing) > 1 else ''} "
                + ", ".join(f"'{m}'" for m in missing),
                here,
            )
        )
        return None, issues
    if cls is None:
        issues.append(
            Issue(
                Subtype.CATALOG_SCHEMA,
                f"{name}: kind '{kind}' is not one of " + ", ".join(KIND_CLASSES),
                at("kind"),
            )
        )
        return None, issues

    converters = _kind_converters(cls)
    values: dict[str, Any] = {}
    for key, value in raw.items():
        convert = converters.get(key)
        if convert is None:
            hint = _close_match(key, converters)
            issues.append(
                Issue(
                    Subtype.UNKNOWN_FIELD,
                    f"{name}: unknown field '{key}' for kind '{kind}'{hint}; ignored",
                    at(key),
                )
            )
            continue
        if value is None:
            continue
        try:
            values[key] = convert(value)
        except _Bad as exc:
            sub = Subtype.UNSAFE_URL if exc.unsafe_url else Subtype.CATALOG_SCHEMA
            issues.append(
                Issue(sub, f"{name}: field '{key}' {exc}", _item_line(raw, key, path, exc))
            )
            if key in ("id", "title"):
                return None, issues
    if "id" not in values or "title" not in values:
        return None, issues
    lines = dict(raw.key_lines)
    return cls(**values, source=here, lines=lines), issues


def _item_line(raw: LineDict, key: str, path: str, exc: _Bad) -> SourceRef:
    """Point at the list item or mapping key that failed, if the error names one."""
    value = raw.get(key)
    where = raw.key_lines.get(key, raw.line)
    if exc.item is not None and isinstance(value, LineList) and exc.item < len(value.item_lines):
        where = value.item_lines[exc.item]
    if exc.key is not None and isinstance(value, LineDict) and exc.key in value.key_lines:
        where = value.key_lines[exc.key]
    return SourceRef(path, where)


_KIND_CONVERTERS: dict[type, dict[str, Callable[[Any], Any]]] = {}


def _kind_converters(cls: type[Entry]) -> dict[str, Callable[[Any], Any]]:
    """Field name -> converter for one entry class, in declaration order (built once per kind)."""
    found = _KIND_CONVERTERS.get(cls)
    if found is None:
        # arXiv ids and DOIs become links, so they get checks of their own
        found = {
            name: _LINK_PARTS.get(name) or _converter(f.metadata)
            for name, f in data_fields(cls).items()
        }
        _KIND_CONVERTERS[cls] = found
    return found


def _converter(meta: Mapping[str, Any]) -> Callable[[Any], Any]:
    """The converter for a field's declared type, with its ``choices`` check folded in."""
    vtype = meta["type"]
    if vtype == "links":
        return _links
    if vtype == "relations":
        return _relations
    if vtype == "sources":
        return _sources
    base = _CONVERTERS[vtype]
    choices = meta.get("choices")
    if not choices:
        return base

    def convert(value: Any) -> Any:
        converted = base(value)
        if converted not in choices:
            raise _Bad(f"'{converted}' is not one of " + ", ".join(choices))
        return converted

    return convert


def _links(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _Bad(f"must be a mapping of link kind to URL, got {_describe(value)}")
    out: dict[str, str] = {}
    for kind, url in value.items():
        if kind not in LINK_KINDS:
            raise _Bad(
                f"'{kind}' is not a link kind (use " + ", ".join(LINK_KINDS) + ")", key=str(kind)
            )
        if url.__class__ is str and len(url) <= MAX_TEXT and SIMPLE_URL_RE.fullmatch(url):
            out[kind] = url  # what check_url returns: such a URL has no spaces to strip
            continue
        try:
            out[kind] = check_url(url)
        except _Bad as exc:
            raise _Bad(f"'{kind}' {exc}", key=kind, unsafe_url=exc.unsafe_url) from None
    return out


def _relations(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise _Bad(f"must be a mapping of relation to entry ids, got {_describe(value)}")
    out: dict[str, tuple[str, ...]] = {}
    for rel, ids in value.items():
        if rel not in RELATION_KINDS:
            raise _Bad(
                f"'{rel}' is not a relation (use " + ", ".join(RELATION_KINDS) + ")", key=str(rel)
            )
        try:
            out[rel] = _id_list(ids)
        except _Bad as exc:
            raise _Bad(f"'{rel}' {exc}", key=rel) from None
    return out


_SOURCE_KEYS = frozenset(("list", "section"))


def _sources(value: Any) -> tuple[SourceMention, ...]:
    if not isinstance(value, list):
        raise _Bad(f"must be a list of {{list, section}} mappings, got {_describe(value)}")
    out = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            item = {"list": item}
        if not isinstance(item, dict) or not item.keys() <= _SOURCE_KEYS or "list" not in item:
            raise _Bad(f"item {i + 1} must be a mapping with 'list' and optional 'section'", item=i)
        try:
            section = _str(item["section"]) if item.get("section") else ""
            out.append(SourceMention(_str(item["list"]), section))
        except _Bad as exc:
            raise _Bad(f"item {i + 1} {exc}", item=i) from None
    return tuple(out)


#: The plan of each kind, by its name.
_PLANS = {kind: _Plan(cls) for kind, cls in KIND_CLASSES.items()}


def _close_match(key: str, fields: Iterable[str]) -> str:
    import difflib

    match = difflib.get_close_matches(key, list(fields), n=1)
    return f" (did you mean '{match[0]}'?)" if match else ""


def build_taxonomy(
    raw: Any, path: str, line: int, parent: str | None = None
) -> tuple[list[Category], list[Issue]]:
    """Flatten a nested ``taxonomy`` list into categories with dotted keys, in tree order."""
    issues: list[Issue] = []
    cats: list[Category] = []
    if not isinstance(raw, LineList):
        issues.append(
            Issue(
                Subtype.CATALOG_SCHEMA,
                f"'taxonomy' must be a list of categories, got {_describe(raw)}",
                SourceRef(path, line),
            )
        )
        return cats, issues
    for item, item_line in zip(raw, raw.item_lines, strict=True):
        where = SourceRef(path, item_line)
        if not isinstance(item, LineDict):
            issues.append(
                Issue(
                    Subtype.CATALOG_SCHEMA,
                    f"a category must be a mapping, got {_describe(item)}",
                    where,
                )
            )
            continue
        unknown = set(item) - {"key", "title", "description", "children"}
        for k in sorted(unknown):
            issues.append(
                Issue(
                    Subtype.UNKNOWN_FIELD,
                    f"unknown category field '{k}'; ignored",
                    SourceRef(path, item.key_lines[k]),
                )
            )
        missing = [k for k in ("key", "title") if item.get(k) in (None, "")]
        if missing:
            issues.append(
                Issue(
                    Subtype.CATALOG_SCHEMA,
                    "category without " + " and ".join(f"'{m}'" for m in missing),
                    where,
                )
            )
            continue
        try:
            local = _id(item.get("key"))
            if "." in local:
                raise _Bad(f"'{local}' must not contain '.'; nest categories with 'children'")
            title = _str(item.get("title"))
            description = _str(item["description"]) if item.get("description") else ""
        except _Bad as exc:
            issues.append(Issue(Subtype.CATALOG_SCHEMA, f"category {exc}", where))
            continue
        key = f"{parent}.{local}" if parent else local
        cats.append(Category(key, title, description, parent, where))
        if item.get("children") is not None:
            sub, sub_issues = build_taxonomy(
                item["children"], path, item.key_lines.get("children", item_line), key
            )
            cats += sub
            issues += sub_issues
    return cats, issues


def _related(a: Entry, b: Entry) -> bool:
    return any(b.id in ids for ids in a.relations.values()) or any(
        a.id in ids for ids in b.relations.values()
    )


def cross_check(entries: Iterable[Entry], categories: Mapping[str, Category]) -> list[Issue]:
    """Checks that need the whole catalog: arXiv duplicates, categories and relation targets.

    Duplicate ids are found by the loader, which must decide which entry to keep.
    """
    issues: list[Issue] = []
    entries = list(entries)
    ids = {e.id for e in entries}
    arxiv_seen: dict[str, Entry] = {}
    for e in entries:
        if e.arxiv:
            first = arxiv_seen.setdefault(e.arxiv, e)
            # One paper may introduce two entries (a model and its training data); they say
            # so by naming each other in relations. Otherwise it is one work listed twice.
            if first is not e and not _related(first, e):
                issues.append(
                    Issue(
                        Subtype.DUPLICATE_ARXIV,
                        f"entry '{e.id}': arXiv id {e.arxiv} is also given by "
                        f"'{first.id}' ({first.line_of('arxiv')}); merge the two",
                        e.line_of("arxiv"),
                    )
                )
        for cat in e.categories:
            if cat not in categories:
                issues.append(
                    Issue(
                        Subtype.UNKNOWN_CATEGORY,
                        f"entry '{e.id}': unknown category '{cat}'" + _close_match(cat, categories),
                        e.line_of("categories"),
                    )
                )
        for rel, targets in e.relations.items():
            for target in targets:
                if target not in ids:
                    issues.append(
                        Issue(
                            Subtype.UNKNOWN_ENTRY,
                            f"entry '{e.id}': relation '{rel}' names unknown entry "
                            f"'{target}'" + _close_match(target, ids),
                            e.line_of("relations"),
                        )
                    )
                elif target == e.id:
                    issues.append(
                        Issue(
                            Subtype.CATALOG_SCHEMA,
                            f"entry '{e.id}': relation '{rel}' names the entry itself",
                            e.line_of("relations"),
                        )
                    )
    return issues
