"""Numbers written the way catalogs write them: ``7B``, ``~400M``, ``1,281,167``, ``0.87M``.

One reader for every place that needs such a number (queries, sorting, grouping, charts, the
validator's comma-grouped integers). ``static/vlmcatalog-query.js`` has the same reader, and
``tests/query/cases.json`` holds the cases both must agree on. The grammar::

    value    = {" "} [sign {" "}] number [{" "} suffix] rest
    sign     = "~" | "≈" | "<" | ">"            (read, then ignored: "~400M" is 4e8)
    number   = integer ["." digit {digit}]
    integer  = digit {digit}                      plain: 1281167
             | digit [digit [digit]] {"," digit digit digit}   grouped: 1,281,167
    suffix   = "k" | "m" | "b" | "t"  (either case: thousand, million, billion, trillion)
    rest     = nothing, or text starting with a character that is not an ASCII letter or digit

Digits are ASCII only. The number is the whole run of digits, commas and dots where it starts,
so ``1,5`` and ``1.2.3`` are not numbers (rather than 15 or 1.2). A suffix counts only if no
letter or digit follows it (``7B/13B`` is 7e9, ``12kg`` is not a number). The number must come
first: ``about 400M`` and ``ViT-L/14`` are not numbers. ``rest`` lets a value say more
(``328K images``, ``3B/7B/72B``, ``140+``); a query operand must be the number alone
(``whole=True``).
"""

from __future__ import annotations

from typing import Any, NamedTuple

#: What each suffix multiplies by.
SCALES = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
SIGNS = "~≈<>"
_DIGITS = "0123456789"
_SUFFIXES = frozenset("kKmMbBtT")
#: single characters a number or suffix must not run into ("" is the end of the text)
_ALNUM_CHARS = frozenset(_DIGITS + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


class _Read(NamedTuple):
    sign: str  # "" or one of SIGNS
    number: str  # digits, commas and at most one dot, as written
    suffix: str  # "" or one of SCALES, as written
    end: int  # index just past the number and suffix


def _skip_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i] == " ":
        i += 1
    return i


def _valid_number(run: str) -> bool:
    whole, dot, fraction = run.partition(".")
    if dot and (not fraction or not all(c in _DIGITS for c in fraction)):
        return False
    groups = whole.split(",")
    if not all(g and all(c in _DIGITS for c in g) for g in groups):
        return False
    return len(groups) == 1 or (len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]))


def _read(text: str) -> _Read | None:
    """The number (and suffix) at the start of ``text``, or None if it does not start with one."""
    i = _skip_spaces(text, 0)
    sign = text[i] if i < len(text) and text[i] in SIGNS else ""
    if sign:
        i = _skip_spaces(text, i + 1)
    start = i
    while i < len(text) and text[i] in "0123456789,.":
        i += 1
    run = text[start:i]
    if not run or not _valid_number(run):
        return None
    j = _skip_spaces(text, i)
    if text[j : j + 1] in _SUFFIXES and text[j + 1 : j + 2] not in _ALNUM_CHARS:
        return _Read(sign, run, text[j], j + 1)
    if text[i : i + 1] in _ALNUM_CHARS:
        return None  # "10abc", "7Bn": a word, not a number
    return _Read(sign, run, "", i)


def quantity(value: Any, *, whole: bool = False) -> float | None:
    """The number ``value`` states: ``7`` -> 7.0, ``"7B"`` -> 7e9, ``"~400M"`` -> 4e8,
    ``"1,281,167"`` -> 1281167.0, ``"3B/7B/72B"`` -> 3e9; None if it states none.

    Numbers (not booleans) are returned as floats. With ``whole``, a string must be the number
    and nothing else but spaces (for query operands: ``year:>=2023x`` is an error, not 2023).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        return None
    read = _read(value)
    if read is None or (whole and _skip_spaces(value, read.end) != len(value)):
        return None
    scale = SCALES[read.suffix.lower()] if read.suffix else 1.0
    return float(read.number.replace(",", "")) * scale


def integer(text: str) -> int | None:
    """The integer ``text`` writes in ASCII digits, with or without thousands commas
    (``"1281167"``, ``"1,281,167"``; spaces around are allowed); None for anything else,
    including signs, suffixes and decimals."""
    read = _read(text)
    if read is None or read.sign or read.suffix or "." in read.number:
        return None
    if _skip_spaces(text, read.end) != len(text):
        return None
    return int(read.number.replace(",", ""))
