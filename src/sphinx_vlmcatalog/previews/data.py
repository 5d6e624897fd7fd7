"""What a preview shows of an entry, as plain data (no Sphinx): the page's JSON.

A preview is a small card over a mention: the title, short name, kind, authors, venue, year, a
one-line summary and the paper and code links. Values are catalog text, untrusted: they go into
the page as JSON (:func:`..assets.script_json`) and the script puts them into the page as text
only. Links are kept only with an ``http``/``https`` scheme (the catalog refuses others
already; this is the second lock on the door).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..directive import author_text, one_line

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..catalog.index import Catalog

#: The longest one-line summary, in characters, before it is cut at a word and ends in "…".
SUMMARY_LENGTH = 160
#: Words a full stop follows without ending a sentence.
_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "vs", "al", "cf", "approx", "fig", "no", "ca"})
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (on one line), or all of it when it has one only."""
    text = " ".join(one_line(text).split())
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()].rsplit(" ", 1)[-1]
        if before.lower() in _ABBREVIATIONS or (len(before) == 1 and before.isupper()):
            continue  # "e.g." or an initial ("A. Radford")
        return text[: match.end()]
    return text


def one_line_summary(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """The summary's first sentence, cut at a word boundary (with "…") when longer than
    ``limit`` characters."""
    sentence = first_sentence(text)
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


def safe_url(url: str | None) -> str:
    """``url`` if it is an absolute http(s) URL, else ""."""
    if not url:
        return ""
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def preview_record(entry: Any) -> dict[str, Any]:
    """What the preview of ``entry`` shows; empty values are left out (the page is smaller)."""
    record = {
        "title": one_line(entry.title),
        "short": one_line(entry.short or ""),
        "kind": entry.kind,
        "authors": author_text(entry.authors),
        "venue": one_line(entry.venue or ""),
        "year": str(entry.year or ""),
        "summary": one_line_summary(entry.summary or ""),
        "paper": safe_url(entry.links.get("paper")),
        "code": safe_url(entry.links.get("code")),
    }
    return {name: value for name, value in record.items() if value}


def preview_records(catalog: Catalog, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The preview of each entry of ``keys`` the catalog has, by id."""
    return {key: preview_record(e) for key in keys if (e := catalog.get(key)) is not None}
