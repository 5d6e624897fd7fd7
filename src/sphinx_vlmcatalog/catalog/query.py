"""The query language shared by directive options, the CLI and the reader's filter box.

In the spirit of GitHub search: space-separated terms are ANDed; ``field:value`` matches a field,
``field:a,b`` is "a or b", ``field:>=2022`` / ``field:2020..2023`` compare numbers, ``-term``
negates, ``has:code`` asks for a non-empty field, link or relation, ``uses:clip`` finds entries
whose relations name ``clip``, and bare words (or ``"quoted phrases"``) search the title, short
name, summary, notes, authors and id. Parsing is our own; nothing is ever evaluated as Python.

``static/vlmcatalog-query.js`` implements the same language for the filter box; the cases in
``tests/query/cases.json`` are its specification, and both implementations must pass them.
Sorting and grouping are in :mod:`.ordering`, field names in :mod:`.fields`.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass

from .custom import BUILTIN, CatalogSchema
from .entries import LINK_KINDS, Entry
from .fields import (
    ALIASES,
    DERIVED,
    TEXT_FIELDS,
    QueryError,
    canonical_field,
    field_value,
    fold,
    known_fields,
    strings,
    suggest,
)
from .globs import glob_match, has_wildcards
from .index import Catalog
from .quantities import quantity

#: Names before ``:`` that are not fields.
SPECIAL = ("has", "uses", "text")
#: The characters that separate terms outside quotes: ASCII white space and the Unicode spaces
#: that both Python's ``str.isspace`` and JavaScript's ``\s`` count (the script has this list).
SPACES = frozenset(
    " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Term:
    """One parsed term: which field, what to compare, and whether it is negated."""

    field: str  # a field, "has", "uses" or "text"
    values: tuple[str, ...]  # lower-cased, quotes removed
    negate: bool = False
    op: str = "="  # "=", one of _OPS, or ".." for ranges
    column: int = 1
    #: the bound of a comparison, the ends of a range, or each value as a number
    numbers: tuple[float | None, ...] = ()
    #: ``text`` if values match substrings, else ``exact`` (whole values, with globs)
    match: str = "exact"


@dataclass(frozen=True)
class Query:
    """A parsed query: all terms must hold."""

    text: str
    terms: tuple[Term, ...]

    def matches(self, entry: Entry) -> bool:
        """True if ``entry`` satisfies every term."""
        return all(_term_matches(t, entry) != t.negate for t in self.terms)


def parse_query(text: str, schema: CatalogSchema = BUILTIN) -> Query:
    """Parse ``text``; an empty query matches everything.

    A build asks for the same ``:filter:`` text in several places, so results are remembered
    (a bounded number, per schema; a :class:`Query` is immutable, so sharing one is safe).

    :param schema: the catalog whose own fields a query may name
    :raises QueryError: naming the column of the first problem (every time it is asked).
    """
    return _parse_query(text, schema)


@functools.lru_cache(maxsize=1024)
def _parse_query(text: str, schema: CatalogSchema) -> Query:
    if text.count('"') % 2:
        raise QueryError("unclosed quote", text.rindex('"') + 1, text)
    return Query(text, tuple(_parse_term(t, c, text, schema) for t, c in _tokens(text)))


def _tokens(text: str) -> list[tuple[str, int]]:
    """The terms of ``text`` with their 1-based columns: split at spaces outside quotes."""
    tokens = []
    start, quoted = -1, False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        if ch in SPACES and not quoted:
            if start >= 0:
                tokens.append((text[start:i], start + 1))
                start = -1
        elif start < 0:
            start = i
    if start >= 0:
        tokens.append((text[start:], start + 1))
    return tokens


def _parse_term(token: str, column: int, text: str, schema: CatalogSchema) -> Term:
    negate = token.startswith("-") and len(token) > 1
    body = token[1:] if negate else token
    col = column + negate
    name, sep, rest = body.partition(":")
    if not sep or name.startswith('"'):
        return Term("text", (fold(_unquote(body)),), negate, column=col)
    if not name:
        raise QueryError("missing field name before ':'", col, text)
    if name in SPECIAL:
        fname = name
    else:
        found = canonical_field(name, schema)
        if found is None:
            hint = suggest(name, [*known_fields(schema), *ALIASES, *SPECIAL])
            raise QueryError(f"unknown field '{name}'" + hint, col, text)
        fname = found
    vcol = col + len(name) + 1
    if not rest:
        raise QueryError(f"missing value after '{name}:'", vcol, text)
    if fname not in SPECIAL:  # has:, uses: and text: take their values literally
        for op in _OPS:
            if rest.startswith(op):
                if len(rest) == len(op):
                    raise QueryError(f"missing number after '{op}'", vcol + len(op), text)
                bound = _number(rest[len(op) :], vcol + len(op), text)
                return Term(fname, (rest[len(op) :],), negate, op, col, (bound,))
        dots = _outside_quotes(rest, "..")
        if dots >= 0:
            low, high = rest[:dots], rest[dots + 2 :]
            ends = (
                _number(low, vcol, text) if low else None,
                _number(high, vcol + dots + 2, text) if high else None,
            )
            return Term(fname, (low, high), negate, "..", col, ends)
    values = tuple(fold(_unquote(v)) for v in _split_values(rest))
    if any(not v for v in values):
        raise QueryError(f"empty value in '{rest}'", vcol, text)
    if fname == "year":  # compared as a number: 'year:abc' (or 202*) could match nothing
        for v in values:
            if not (v.isascii() and v.isdigit()):
                raise QueryError(f"'{v}' is not a year", vcol, text)
    if fname == "has":
        for v in values:
            if (
                canonical_field(v, schema) is None
                and v not in LINK_KINDS
                and v not in schema.relation_kinds
            ):
                raise QueryError(f"'has:{v}' names no field, link or relation", vcol, text)
    if fname in SPECIAL:
        return Term(fname, values, negate, "=", col)
    numbers = tuple(quantity(v, whole=True) for v in values)
    return Term(fname, values, negate, "=", col, numbers, _match_mode(fname, schema))


def _number(part: str, column: int, text: str) -> float:
    number = quantity(_unquote(part), whole=True)
    if number is None:
        raise QueryError(f"'{part}' is not a number", column, text)
    return number


def _outside_quotes(rest: str, needle: str) -> int:
    """Index of the first ``needle`` in ``rest`` that is not inside quotes, or -1."""
    quoted = False
    for i, ch in enumerate(rest):
        if ch == '"':
            quoted = not quoted
        elif not quoted and rest.startswith(needle, i):
            return i
    return -1


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


# --------------------------------------------------------------------------- evaluation


def _term_matches(term: Term, entry: Entry) -> bool:
    if term.field == "text":
        texts = [fold(s) for f in TEXT_FIELDS for s in strings(entry.get(f))]
        return any(v in s for v in term.values for s in texts)
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
            low, high = term.numbers
            return (low is None or number >= low) and (high is None or number <= high)
        bound = term.numbers[0]
        return bound is not None and _OPS[term.op](number, bound)
    if term.field in ("categories", "top_category"):
        cats = [fold(c) for c in value]
        return any(c == v or c.startswith(v + ".") for v in term.values for c in cats)
    if term.field == "sources":
        lists = [fold(s.list) for s in value]
        return any(glob_match(v, name) for v in term.values for name in lists)
    if term.field in ("links", "relations"):
        return any(v in value for v in term.values)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return any(n == value for n in term.numbers)
    texts = [fold(s) for s in strings(value)]
    if term.match == "text":
        return any(v in s for v in term.values for s in texts)
    return any(glob_match(v, s) for v in term.values for s in texts)


def _match_mode(name: str, schema: CatalogSchema) -> str:
    if name in DERIVED:
        return "text" if name == "label" else "exact"
    return str(schema.meta(name)["match"])


def _has(entry: Entry, name: str) -> bool:
    if name in LINK_KINDS and name in entry.links:
        return True
    if name in entry.relations:  # (only relations the catalog knows get that far)
        return True
    # the parser let only fields, links and relations through; a custom field is its own name
    field = canonical_field(name) or name
    return field_value(entry, field) not in (None, "", (), {})


def select(catalog: Catalog, query: Query | str) -> list[Entry]:
    """Entries matching ``query``, in catalog order.

    Positive ``kind``, ``categories`` and ``year`` terms narrow the candidates through the
    catalog's indexes first, so a narrow filter over a large catalog does not scan every entry.
    """
    if isinstance(query, str):
        query = parse_query(query, catalog.schema)
    candidates: set[str] | None = None
    for term in query.terms:
        if term.negate or term.op != "=":
            continue
        ids: set[str] | None = None
        if term.field == "kind" and not any(has_wildcards(v) for v in term.values):
            ids = {i for v in term.values for i in catalog.by_kind.get(v, ())}
        elif term.field == "categories":
            ids = {i for v in term.values for i in catalog.by_category.get(v, ())}
        elif term.field == "year":  # the parser let only digits through
            ids = {i for v in term.values for i in catalog.by_year.get(int(v), ())}
        if ids is not None:
            candidates = ids if candidates is None else candidates & ids
    pool = catalog if candidates is None else catalog.in_order(candidates)
    return [e for e in pool if query.matches(e)]
