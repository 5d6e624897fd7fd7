"""Field value converters of single values: each checks one raw YAML value against a field's
declared type (lists and mappings of them: :mod:`.converters`).

A converter returns the value as the entry stores it (stripped strings, ints) or raises
:class:`BadValue` saying why not. Converters have no side effects.

Numbers are bounded (:data:`MAX_NUMBER`) so that nothing downstream (sorting, charts, queries)
meets a number it cannot turn into a float, and every pattern matches ASCII digits only.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from .quantities import integer, quantity

# Digits are written [0-9]: ``\d`` would also take fullwidth or Arabic-Indic digits, so that
# one arXiv id could be written two ways and pass the duplicate check. (``fullmatch`` is used:
# ``$`` alone would let a trailing newline through.)
ID_RE = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
ARXIV_RE = re.compile(r"^(?:[0-9]{4}\.[0-9]{4,5}|[a-z][a-z.-]*/[0-9]{7})$")
DOI_RE = re.compile(r"^10\.[0-9]{4,9}/[^\s\"<>]+$")
DATE_RE = re.compile(r"^[0-9]{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?$")
#: Characters a URL must not hold: whitespace (``\s`` is :meth:`str.isspace`), controls, <>".
URL_UNSAFE_RE = re.compile(r'[\s\x00-\x1f<>"]')
#: Control characters no value may keep: C0 and C1 but tab, line feed, carriage return and
#: next line (U+0085), which YAML reads as whitespace and line breaks (see :mod:`.controls`).
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
MIN_YEAR = 1900
#: Longest string value accepted; longer values are reported (and truncated on output).
MAX_TEXT = 20_000
#: Numbers must be below this (10^15): integer fields, and the numbers that quantity fields
#: such as ``parameters: 7B`` state. Far above any real count, far below where a float loses
#: whole numbers or overflows.
MAX_NUMBER = 10**15
#: Fields that YAML's numbers go to as numbers; every other field takes a number's text.
NUMBER_TYPES = frozenset({"int", "number", "bool", "year"})

Converter = Callable[[Any], Any]


def max_year() -> int:
    """Latest sane year: next year, so that accepted papers with next year's date pass."""
    return datetime.date.today().year + 1


class BadValue(Exception):
    """A value does not fit its field; the message says why.

    ``at`` narrows down where (list indexes and mapping keys from the field's value down), for
    the line number; ``unsafe_url`` marks a link refused by :func:`check_url` (reported as
    ``unsafe_url``).
    """

    def __init__(
        self, message: str, *, at: tuple[str | int, ...] = (), unsafe_url: bool = False
    ) -> None:
        super().__init__(message)
        self.at = at
        self.unsafe_url = unsafe_url

    def within(self, prefix: str, *at: str | int) -> BadValue:
        """This problem, one level up: ``prefix`` before the message, ``at`` before the place."""
        return BadValue(f"{prefix} {self}", at=(*at, *self.at), unsafe_url=self.unsafe_url)


class Partial(Exception):
    """Some items of a list or mapping were bad: ``value`` holds the good ones (it may be
    empty), ``problems`` says why each bad one was left out."""

    def __init__(self, value: Any, problems: list[BadValue]) -> None:
        super().__init__(f"{len(problems)} bad item(s)")
        self.value = value
        self.problems = problems


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
    if not ID_RE.fullmatch(text):
        raise BadValue(
            f"'{text}' is not a valid id (lowercase letters, digits, and -, _ or . between them)"
        )
    return text


#: Windows device names: no file may have one, whatever its extension (``con.rst``, ``nul.x``).
_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in "0123456789"}
)
#: Names an entry page (``<dir>/<id>``) must not take: the entry index page beside it, the names
#: a toctree or a Sphinx builder gives a meaning of its own (``self``, ``genindex``, ``search``,
#: ``searchindex.js``, ``objects.inv``, the module indexes), and Windows device names.
RESERVED_IDS = _DEVICES | {
    "index",
    "self",
    "genindex",
    "genindex-all",
    "modindex",
    "py-modindex",
    "search",
    "searchindex",
    "objects",
}


def as_entry_id(value: Any) -> str:
    """An entry id: :func:`as_id`, and not one of :data:`RESERVED_IDS` (compared without case,
    and for device names without what follows a dot, as Windows compares them)."""
    text = as_id(value)
    if text.casefold() in RESERVED_IDS or text.partition(".")[0].casefold() in _DEVICES:
        raise BadValue(
            f"'{text}' is reserved (Sphinx or Windows uses that name for its own pages and "
            "files); choose another id"
        )
    return text


def as_int(value: Any) -> int:
    """A non-negative integer below :data:`MAX_NUMBER`; ``'1,000'`` (thousands separators) is
    accepted."""
    number: int | None
    if isinstance(value, str) and "," in value and (number := integer(value)) is not None:
        pass
    elif isinstance(value, bool) or not isinstance(value, int):
        raise BadValue(f"must be an integer, got {describe(value)}")
    else:
        number = int(value)
    if number < 0:
        raise BadValue(f"must not be negative, got {number}")
    if number >= MAX_NUMBER:  # (YAML reads up to 4,300 digits as a number)
        raise BadValue(f"must be less than 10^15, got a {len(str(number))}-digit number")
    return number


def as_number(value: Any) -> int | float:
    """A number, whole or not, of magnitude below :data:`MAX_NUMBER` (``'1,000'`` accepted);
    whole numbers stay integers, so that ``1000`` shows as written."""
    number: int | float | None = None
    if isinstance(value, str):
        number = integer(value)
        if number is None:
            try:
                number = float(value.replace(",", ""))
            except ValueError:
                raise BadValue(f"must be a number, got '{_clip(value.strip())}'") from None
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = value
    else:
        raise BadValue(f"must be a number, got {describe(value)}")
    if not abs(number) < MAX_NUMBER:  # (also not a NaN or an infinity)
        raise BadValue("must be a number of magnitude below 10^15")
    if isinstance(number, float) and number.is_integer():
        return int(number)
    return number


_BOOLEANS = {"true": True, "yes": True, "false": False, "no": False}


def as_bool(value: Any) -> bool:
    """``true`` or ``false`` (``yes`` and ``no`` too, in any case)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _BOOLEANS:
        return _BOOLEANS[value.strip().lower()]
    raise BadValue(f"must be true or false, got {describe(value)}")


def as_quantity(value: Any) -> str:
    """A string such as ``7B`` or ``328K images``, whose number (if it states one, see
    :mod:`.quantities`) is below :data:`MAX_NUMBER`."""
    text = as_str(value)
    number = quantity(text)
    if number is not None and not number < MAX_NUMBER:  # (also not a NaN or an infinity)
        raise BadValue(f"'{_clip(text)}' states a number of 10^15 or more")
    return text


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def as_year(value: Any) -> int:
    """A year from :data:`MIN_YEAR` to :func:`max_year`."""
    year = as_int(value)
    if not MIN_YEAR <= year <= max_year():
        raise BadValue(f"{year} is not a plausible year ({MIN_YEAR}-{max_year()})")
    return year


def as_date(value: Any) -> str:
    """A real calendar date as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    text = as_str(value)
    if not DATE_RE.fullmatch(text):
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
    if not ARXIV_RE.fullmatch(text):
        raise BadValue(
            f"'{text[:80]}' is not an arXiv identifier like 2103.00020 (without a version)"
        )
    return text


def as_doi(value: Any) -> str:
    """A DOI (``10.1234/abc``), without a resolver prefix; the JSON Schema has the pattern."""
    text = as_str(value)
    if not DOI_RE.fullmatch(text):
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


def check_link(value: Any) -> str:
    """:func:`check_url`, and none of the other control characters (DEL, C1) either: a link is
    refused rather than changed, and what is kept must print in a PDF."""
    text = check_url(value)
    if CONTROLS.search(text) is not None:
        raise BadValue(
            f"'{text[:80]}' contains spaces, quotes or control characters", unsafe_url=True
        )
    return text


def as_check_record(value: Any) -> str:
    """Where and when a fact was confirmed: a primary source's URL, a space, and a full date
    (``https://arxiv.org/abs/2103.00020 2026-12-04``)."""
    text = as_str(value)
    url, _, day = text.rpartition(" ")
    if not url or len(day) != 10:
        raise BadValue(f"'{text[:80]}' is not a URL followed by the date it was read (YYYY-MM-DD)")
    as_date(day)
    check_link(url.strip())
    return f"{url.strip()} {day}"
