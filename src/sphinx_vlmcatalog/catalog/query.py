"""The query language shared by directive options, the CLI and the reader's filter box.

In the spirit of GitHub search: space-separated terms are ANDed; ``field:value`` matches a field,
``field:a,b`` is "a or b", ``field:>=2022`` / ``field:2020..2023`` compare numbers, ``-term``
negates, ``has:code`` asks for a non-empty field, link or relation, ``uses:clip`` finds entries
whose relations name ``clip``, and bare words (or ``"quoted phrases"``) search the title, short
name, summary, notes and authors. Parsing is our own; nothing is ever evaluated as Python.

Sorting (``-year,title``) and grouping live here too, so every output orders entries alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .entries import ALL_FIELDS, LINK_KINDS, RELATION_KINDS, Entry, field_meta
from .globs import glob_match
from .index import Catalog
from .quantities import quantity

__all__ = [
    "ALIASES",
    "DERIVED",
    "QUANTITY_FIELDS",
    "TEXT_FIELDS",
    "Group",
    "Query",
    "QueryError",
    "SortKey",
    "Term",
    "canonical_field",
    "field_value",
    "group_entries",
    "known_fields",
    "parse_query",
    "parse_sort",
    "quantity",
    "select",
    "sort_entries",
    "sort_value",
]

#: Friendlier names accepted for fields.
ALIASES = {
    "category": "categories",
    "tag": "tags",
    "author": "authors",
    "source": "sources",
    "link": "links",
    "relation": "relations",
    "modality": "modalities",
}
#: Fields computed from others, usable in queries, columns, sorting and grouping.
DERIVED = {
    "label": "short name if there is one, else the title",
    "top_category": "top-level categories of the entry",
}
#: Words that bare terms search.
TEXT_FIELDS = ("title", "short", "summary", "notes", "authors", "id")
#: Text fields whose values are quantities ("7B", "~400M") and so compare and sort as numbers.
QUANTITY_FIELDS = frozenset({"parameters", "image_text_pairs", "size", "context_length"})
_SPECIAL = ("has", "uses", "text")

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
}


class QueryError(ValueError):
    """A query that cannot be parsed; ``column`` is 1-based within the query text."""

    def __init__(self, message: str, column: int, text: str) -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.text = text

    def __str__(self) -> str:
        return f"{self.message} (at column {self.column} of {self.text!r})"


def canonical_field(name: str) -> str | None:
    """The real field name for ``name`` (aliases resolved), or None if there is no such field."""
    name = ALIASES.get(name, name).replace("-", "_")
    if name in ALL_FIELDS or name in DERIVED:
        return name
    return None


def known_fields() -> list[str]:
    """Every field name a query, column or sort key may use."""
    return [*ALL_FIELDS, *DERIVED]


def field_value(entry: Entry, name: str) -> Any:
    """The value of a (possibly derived) field."""
    if name == "label":
        return entry.label
    if name == "top_category":
        return tuple(dict.fromkeys(c.split(".", 1)[0] for c in entry.categories))
    return entry.get(name)


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Term:
    """One parsed term: which field, what to compare, and whether it is negated."""

    field: str  # a field, "has", "uses" or "text"
    values: tuple[str, ...]
    negate: bool = False
    op: str = "="  # "=", one of _OPS, or ".." for ranges
    column: int = 1


@dataclass(frozen=True)
class Query:
    """A parsed query: all terms must hold."""

    text: str
    terms: tuple[Term, ...]

    def matches(self, entry: Entry) -> bool:
        """True if ``entry`` satisfies every term."""
        return all(_term_matches(t, entry) != t.negate for t in self.terms)


_TOKEN = re.compile(r'\S*"[^"]*"\S*|\S+')


def parse_query(text: str) -> Query:
    """Parse ``text``; an empty query matches everything.

    :raises QueryError: naming the column of the first problem.
    """
    terms: list[Term] = []
    if text.count('"') % 2:
        raise QueryError("unclosed quote", text.rindex('"') + 1, text)
    for m in _TOKEN.finditer(text):
        terms.append(_parse_term(m.group(), m.start() + 1, text))
    return Query(text, tuple(terms))


def _parse_term(token: str, column: int, text: str) -> Term:
    negate = token.startswith("-") and len(token) > 1
    body = token[1:] if negate else token
    col = column + negate
    name, sep, rest = body.partition(":")
    if not sep or name.startswith('"'):
        return Term("text", (_unquote(body).casefold(),), negate, column=col)
    if not name:
        raise QueryError("missing field name before ':'", col, text)
    if name in _SPECIAL:
        fname = name
    else:
        found = canonical_field(name)
        if found is None:
            raise QueryError(f"unknown field '{name}'" + _suggest(name), col, text)
        fname = found
    vcol = col + len(name) + 1
    if not rest:
        raise QueryError(f"missing value after '{name}:'", vcol, text)
    for op in (">=", "<=", ">", "<"):
        if rest.startswith(op):
            number = rest[len(op) :]
            if quantity(number) is None:
                raise QueryError(f"'{number}' is not a number", vcol + len(op), text)
            return Term(fname, (number,), negate, op, col)
    if ".." in rest:
        low, _, high = rest.partition("..")
        for part, offset in ((low, 0), (high, len(low) + 2)):
            if part and quantity(part) is None:
                raise QueryError(f"'{part}' is not a number", vcol + offset, text)
        return Term(fname, (low, high), negate, "..", col)
    values = tuple(_unquote(v).casefold() for v in _split_values(rest))
    if any(not v for v in values):
        raise QueryError(f"empty value in '{rest}'", vcol, text)
    if fname == "year":  # compared as a number: 'year:abc' (or 202*) could match nothing
        for v in values:
            if not v.isdigit():
                raise QueryError(f"'{v}' is not a year", vcol, text)
    if fname == "has":
        for v in values:
            if canonical_field(v) is None and v not in LINK_KINDS and v not in RELATION_KINDS:
                raise QueryError(f"'has:{v}' names no field, link or relation", vcol, text)
    return Term(fname, values, negate, "=", col)


def _split_values(rest: str) -> list[str]:
    out, buf, quoted = [], "", False
    for ch in rest:
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            out.append(buf)
            buf = ""
        else:
            buf += ch
    out.append(buf)
    return out


def _unquote(value: str) -> str:
    return value.replace('"', "")


def _suggest(name: str) -> str:
    import difflib

    match = difflib.get_close_matches(name, [*known_fields(), *ALIASES, *_SPECIAL], n=1)
    return f" (did you mean '{match[0]}'?)" if match else ""


# --------------------------------------------------------------------------- evaluation


def _term_matches(term: Term, entry: Entry) -> bool:
    if term.field == "text":
        needle = term.values[0]
        return any(needle in s.casefold() for f in TEXT_FIELDS for s in _strings(entry.get(f)))
    if term.field == "has":
        return any(_has(entry, v) for v in term.values)
    if term.field == "uses":
        targets = {t for ts in entry.relations.values() for t in ts}
        return any(v in targets for v in term.values)
    value = field_value(entry, term.field)
    if term.op != "=":
        number = quantity(value)
        if number is None:
            return False
        if term.op == "..":
            low, high = (quantity(v) for v in term.values)
            return (low is None or number >= low) and (high is None or number <= high)
        bound = quantity(term.values[0])
        return bound is not None and _OPS[term.op](number, bound)
    if term.field in ("categories", "top_category"):
        cats = [c.casefold() for c in value]
        return any(c == v or c.startswith(v + ".") for v in term.values for c in cats)
    if term.field == "sources":
        lists = [s.list.casefold() for s in value]
        return any(glob_match(v, name) for v in term.values for name in lists)
    if term.field in ("links", "relations"):
        return any(v in value for v in term.values)
    if isinstance(value, int) and not isinstance(value, bool):
        return any(quantity(v) == value for v in term.values)
    strings = [s.casefold() for s in _strings(value)]
    if _match_mode(term.field) == "text":
        return any(v in s for v in term.values for s in strings)
    return any(glob_match(v, s) for v in term.values for s in strings)


def _match_mode(name: str) -> str:
    if name in DERIVED:
        return "text" if name == "label" else "exact"
    return str(field_meta(name)["match"])


def _has(entry: Entry, name: str) -> bool:
    if name in LINK_KINDS and name in entry.links:
        return True
    if name in RELATION_KINDS and name in entry.relations:
        return True
    field = canonical_field(name)
    return field is not None and field_value(entry, field) not in (None, "", (), {})


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple | list):
        return [str(v) for v in value]
    return [str(value)]


def select(catalog: Catalog, query: Query | str) -> list[Entry]:
    """Entries matching ``query``, in catalog order.

    Positive ``kind``, ``categories`` and ``year`` terms narrow the candidates through the
    catalog's indexes first, so a narrow filter over a large catalog does not scan every entry.
    """
    if isinstance(query, str):
        query = parse_query(query)
    candidates: set[str] | None = None
    for term in query.terms:
        if term.negate or term.op != "=":
            continue
        ids: set[str] | None = None
        if term.field == "kind":
            ids = {i for v in term.values for i in catalog.by_kind.get(v, ())}
        elif term.field == "categories":
            ids = {i for v in term.values for i in catalog.by_category.get(v, ())}
        elif term.field == "year" and all(v.isdigit() for v in term.values):
            ids = {i for v in term.values for i in catalog.by_year.get(int(v), ())}
        if ids is not None:
            candidates = ids if candidates is None else candidates & ids
    pool = catalog if candidates is None else catalog.in_order(candidates)
    return [e for e in pool if query.matches(e)]


# --------------------------------------------------------------------------- sorting, grouping


@dataclass(frozen=True)
class SortKey:
    """One sort key: a field and a direction."""

    field: str
    descending: bool = False


def parse_sort(text: str) -> list[SortKey]:
    """Parse ``-year,title`` into sort keys.

    :raises QueryError: for unknown fields.
    """
    keys: list[SortKey] = []
    column = 1
    for part in text.split(","):
        name = part.strip()
        descending = name.startswith("-")
        name = name.lstrip("-+").strip()
        if not name:
            raise QueryError("empty sort key", column, text)
        found = canonical_field(name)
        if found is None:
            raise QueryError(f"unknown sort field '{name}'" + _suggest(name), column, text)
        keys.append(SortKey(found, descending))
        column += len(part) + 1
    return keys


def sort_value(entry: Entry, name: str) -> tuple[int, Any] | None:
    """A comparable key for one field: numbers by value, text case-insensitively, None if empty."""
    value = field_value(entry, name)
    if value in (None, "", (), {}):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (0, float(value))
    if name in QUANTITY_FIELDS:
        number = quantity(value)
        if number is not None:
            return (0, number)
    if isinstance(value, tuple):
        value = ", ".join(str(v) for v in value)
    return (1, str(value).casefold())


def sort_entries(entries: Iterable[Entry], keys: Sequence[SortKey]) -> list[Entry]:
    """Stable multi-key sort; empty values go last whichever the direction."""
    result = list(entries)
    for key in reversed(keys):
        present = [(sort_value(e, key.field), e) for e in result]
        filled = [(v, e) for v, e in present if v is not None]
        empty = [e for v, e in present if v is None]
        filled.sort(key=lambda pair: pair[0], reverse=key.descending)
        result = [e for _, e in filled] + empty
    return result


@dataclass(frozen=True)
class Group:
    """Entries sharing one value of the group-by field."""

    key: str
    title: str
    entries: tuple[Entry, ...]


def group_entries(entries: Sequence[Entry], field: str, catalog: Catalog) -> list[Group]:
    """Group ``entries`` by ``field``; an entry with several values appears under each.

    Category groups follow the taxonomy order and use category titles; numbers ascend; other
    values sort alphabetically; entries without a value come last under "Other".
    """
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        value = field_value(entry, field)
        values = _strings(value) if not isinstance(value, int) else [str(value)]
        if field in ("sources",):
            values = [s.list for s in value]
        for v in dict.fromkeys(values) or [""]:
            groups.setdefault(v, []).append(entry)

    def order(key: str) -> tuple[int, Any]:
        if key == "":
            return (3, "")
        if field in ("categories", "top_category") and key in catalog.categories:
            return (0, list(catalog.categories).index(key))
        number = quantity(key) if field in ("year", *QUANTITY_FIELDS) else None
        return (1, number) if number is not None else (2, key.casefold())

    result = []
    for key in sorted(groups, key=order):
        cat = catalog.categories.get(key) if field in ("categories", "top_category") else None
        title = cat.title if cat else (key or "Other")
        result.append(Group(key, title, tuple(groups[key])))
    return result
