"""Problems found in a catalog or a query, as plain records.

The catalog layer never logs: it returns :class:`Issue` records. The CLI prints them as
``path:line: message`` and the Sphinx glue turns them into ``vlmcatalog.<subtype>`` warnings, so one
Enum names every subtype for both (and the warnings reference page is generated from it).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Self

from .entries import SourceRef

#: Characters that must not reach a terminal or a log as they are: C0 and C1 controls (a
#: newline would start a forged ``path:line:`` line, ESC a terminal sequence), DEL, the Unicode
#: line separators and the bidirectional overrides that reorder what a reader sees.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: Longest message shown; the rest is cut (a one-megabyte key is not echoed whole).
MAX_MESSAGE = 1000


def safe_text(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` fit for one line of a terminal or log: unsafe characters written as escapes
    (``\\n``, ``\\x1b``, ``\\u202e``) and anything past ``limit`` characters cut."""
    text = _UNSAFE.sub(lambda m: ascii(m.group())[1:-1], text)
    if len(text) > limit:
        text = f"{text[:limit]}… ({len(text) - limit:,} more characters)"
    return text


class Subtype(enum.StrEnum):
    """Warning subtypes of type ``vlmcatalog``.

    Silence one with ``suppress_warnings = ["vlmcatalog.<subtype>"]``. Each member carries its
    explanation in ``description`` (the warnings reference page is generated from it).
    """

    description: str

    def __new__(cls, value: str, description: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    CONFIG = (
        "config",
        "A ``vlmcatalog_*`` configuration value is invalid; its default is used instead.",
    )
    CATALOG_FILE = (
        "catalog_file",
        "A catalog file cannot be read: missing, too large, not UTF-8, or not a mapping.",
    )
    CATALOG_SYNTAX = (
        "catalog_syntax",
        "A catalog file is not valid YAML, or uses a forbidden tag, merge key or too many aliases.",
    )
    CATALOG_SCHEMA = (
        "catalog_schema",
        "A value has the wrong type or form, or a required field is missing.",
    )
    UNKNOWN_FIELD = (
        "unknown_field",
        "An entry has a field its kind does not define; the field is ignored.",
    )
    DUPLICATE_KEY = (
        "duplicate_key",
        "A mapping repeats a key, or two entries (or categories) share an id.",
    )
    DUPLICATE_ARXIV = (
        "duplicate_arxiv",
        "Two entries give the same arXiv identifier, so one work is probably listed twice.",
    )
    UNKNOWN_CATEGORY = (
        "unknown_category",
        "An entry names a category that the taxonomy does not define.",
    )
    UNKNOWN_ENTRY = (
        "unknown_entry",
        "A relation, role or directive names an entry id that the catalog does not have.",
    )
    WRONG_KIND = (
        "wrong_kind",
        "A kind role (such as ``vlm:dataset``) names an entry of another kind; it still links.",
    )
    UNSAFE_URL = (
        "unsafe_url",
        "A link is not an absolute ``http`` or ``https`` URL; it is dropped.",
    )
    QUERY = (
        "query",
        "A filter, sort or group-by expression cannot be parsed or names an unknown field.",
    )
    DIRECTIVE = (
        "directive",
        "A directive option names something unknown, such as a column.",
    )
    EMPTY_RESULT = (
        "empty_result",
        "A directive's filter matches no entries.",
    )
    DUPLICATE_HOME = (
        "duplicate_home",
        "Two ``vlm-entry`` directives claim the same entry as their canonical place.",
    )
    FORMAT_UNSUPPORTED = (
        "format_unsupported",
        "A feature has no equivalent in the current builder's output format.",
    )
    DOWNLOAD = (
        "download",
        "A catalog download (``downloads/``) could not be written to the output directory.",
    )


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem, with the place it was found."""

    subtype: Subtype
    message: str
    where: SourceRef

    def __str__(self) -> str:
        return f"{safe_text(str(self.where))}: {safe_text(self.message)}"
