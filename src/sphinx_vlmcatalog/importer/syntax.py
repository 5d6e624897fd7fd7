"""The vocabulary of awesome lists: table column roles, the words that give a section's kind,
topic sections, explicit ids, and the venue text that follows a title.

Shared by the entry shapes (:mod:`.bullets`, :mod:`.tables`, :mod:`.paragraphs`) and the
pipeline; nothing here looks at Markdown syntax (that is markdown-it's job).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..catalog.entries import TOPIC_HEADINGS
from .inline import Node, plain
from .normalize import split_venue, strip_symbols

#: ``## heading`` text (lower case) -> topic_type, used when the mapping does not say otherwise;
#: the inverse of the headings the Markdown export writes, so exported lists read back.
DEFAULT_TOPIC_SECTIONS = {heading.lower(): kind for kind, heading in TOPIC_HEADINGS.items()}

#: ``<!-- id: clip, kind: model -->``: the id (and kind) an older export wrote after an entry
ID_COMMENT = re.compile(r"<!--\s*id:\s*([a-z0-9][a-z0-9._-]*)\s*(?:,?\s*kind:\s*([a-z]+)\s*)?-->")

#: table header (lower case, contains) -> role, checked in order. ``links:KEY`` columns hold
#: links whose label does not say otherwise (a ``Code`` column links to code).
COLUMN_ROLES = (
    ("date", "date"),
    ("year", "year"),
    ("published", "venue"),
    ("venue", "venue"),
    ("conference", "venue"),
    ("journal", "venue"),
    ("image-text", "image_text_pairs"),
    ("image-caption", "image_text_pairs"),
    ("pairs", "pairs"),
    ("language", "languages"),
    ("classes", "classes"),
    ("training", "train_size"),
    ("train", "train_size"),
    ("testing", "test_size"),
    ("test", "test_size"),
    ("metric", "metric"),
    ("description", "summary"),
    ("summary", "summary"),
    ("task", "task"),
    ("size", "size"),
    ("license", "license"),
    ("licence", "license"),
    ("modalit", "modalities"),
    ("author", "authors"),
    ("code", "links:code"),
    ("github", "links:code"),
    ("repo", "links:code"),
    ("project", "links:project"),
    ("homepage", "links:webpage"),
    ("website", "links:webpage"),
    ("demo", "links:webpage"),
    ("link", "links:webpage"),
    ("resource", "links:webpage"),
    ("stars", "stars"),
)

#: first word of a header naming the work, best first: a ``Title`` column names it even when a
#: ``Paper`` column links the paper
NAME_HEADERS = (
    ("title",),
    ("name",),
    (
        *("model", "models", "method", "methods", "work", "dataset", "datasets"),
        *("benchmark", "benchmarks", "survey", "surveys", "book", "books", "tutorial", "tool"),
    ),
    ("paper", "papers"),
)
#: a name-like header that is not the name column holds links to this key
NAME_LINK_KEYS = {
    "paper": "paper",
    "papers": "paper",
    "dataset": "dataset",
    "datasets": "dataset",
    "model": "model",
    "models": "model",
}

#: words of a heading or column header that give the kind of what it lists, with fields
KIND_WORDS: tuple[tuple[re.Pattern[str], str, dict[str, str]], ...] = tuple(
    (re.compile(rf"\b(?:{words})\b", re.IGNORECASE), kind, fields)
    for words, kind, fields in (
        ("datasets?|corpus|corpora", "dataset", {}),
        ("benchmarks?|leaderboards?", "benchmark", {}),
        ("surveys?|reviews?", "resource", {"resource_type": "survey"}),
        ("tutorials?|courses?|lectures?", "resource", {"resource_type": "tutorial"}),
        ("talks?|presentations?|slides|keynotes?", "resource", {"resource_type": "presentation"}),
        ("books?", "resource", {"resource_type": "book"}),
        ("models?|checkpoints?", "model", {}),
    )
)

#: venue names recognised after a title even without a year
KNOWN_VENUES = frozenset(
    (
        *("arxiv", "cvpr", "iccv", "eccv", "neurips", "nips", "icml", "iclr", "aaai", "ijcai"),
        *("acl", "emnlp", "naacl", "coling", "eacl", "tpami", "ijcv", "tmlr", "tip", "mm"),
        *("wacv", "bmvc", "corl", "icra", "iros", "interspeech", "icassp", "kdd", "sigir"),
    )
)


def header_text(cell: Sequence[Node]) -> str:
    """A table header as plain lower-case words (emoji and markup dropped)."""
    return strip_symbols(plain(cell)).lower()


def name_rank(header: str) -> int | None:
    """How strongly a header marks the column naming the work (0 best), or None."""
    first = header.split(" ", 1)[0] if header else ""
    for rank, words in enumerate(NAME_HEADERS):
        if first in words:
            return rank
    return None


def column_role(header: str) -> str | None:
    """Role of a (non-name) table column from its header text, or ``None`` when unknown."""
    for needle, role in COLUMN_ROLES:
        if needle in header:
            return role
    first = header.split(" ", 1)[0] if header else ""
    if first in NAME_LINK_KEYS:
        return f"links:{NAME_LINK_KEYS[first]}"
    return None


def kind_of_words(text: str) -> tuple[str, dict[str, str]] | None:
    """The kind (and fields such as ``resource_type``) the first kind word of ``text`` gives."""
    best: tuple[int, str, dict[str, str]] | None = None
    for pattern, kind, fields in KIND_WORDS:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind, fields)
    return (best[1], dict(best[2])) if best else None


def heading_kind(section_path: Sequence[str]) -> tuple[str, dict[str, str]] | None:
    """The kind the nearest heading that names one gives (``Datasets``, ``Surveys``...)."""
    for heading in reversed(section_path):
        found = kind_of_words(heading)
        if found:
            return found
    return None


def clean_heading(nodes: Sequence[Node]) -> str:
    """Heading text without badges, link targets, emoji and stray punctuation."""
    return strip_symbols(plain(nodes)).strip(" -:")


_TITLE_VENUE = re.compile(r"^(?P<title>.+?)\.\s+(?P<venue>[^.]*?(?:\d{2,4})?[^.]*?)\.?\s*$")
_TAIL_VENUE = (
    re.compile(r"^(?P<title>.+?)\s*\((?P<venue>[^()]+)\)\s*\.?$"),
    re.compile(r"^(?P<title>.+?)\s*\[(?P<venue>[^\[\]]+)\]\s*\.?$"),
    re.compile(r"^(?P<title>.+?)\s*(?:,|\s[-–—|])\s*(?P<venue>[^,]+?)\s*\.?$"),
)


def title_and_venue(text: str, *, tails: bool = True) -> tuple[str, str | None, int | None, str]:
    """Split ``"Title. Venue Year."`` into title, venue, year and any text after the year.

    ``"Title (Venue Year)"``, ``"Title [Venue Year]"``, ``"Title, Venue Year"`` and
    ``"Title - Venue Year"`` are read too when ``tails`` is true; those need a year (or a
    known venue name), so that a title with a comma or a dash stays whole.
    """
    text = text.strip()
    m = _TITLE_VENUE.match(text)
    if m:
        venue, year, extra = split_venue(m.group("venue"))
        if (venue is not None or year is not None) and not extra:
            return m.group("title").strip(), venue, year, ""
    if tails:
        for pattern in _TAIL_VENUE:
            m = pattern.match(text)
            if m:
                venue, year, extra = venue_text(m.group("venue"))
                if venue is not None or year is not None:
                    return m.group("title").strip(" ,-–—"), venue, year, extra
    return text.rstrip(". "), None, None, ""


def venue_text(text: str) -> tuple[str | None, int | None, str]:
    """Venue, year and the rest of a text that follows a title, if it names a venue.

    Needs a year or a known venue name: ``"ICLR 2024"``, ``"CVPR'24 (Oral)"``, ``"arXiv"``.
    """
    text = text.strip(" ,.;:-–—|")
    if text[:1] + text[-1:] in ("()", "[]"):
        text = text[1:-1].strip()
    if not text:
        return None, None, ""
    venue, year, extra = split_venue(text)
    if year is not None:
        return venue, year, extra
    if venue is not None and venue.lower() in KNOWN_VENUES:
        return venue, None, ""
    return None, None, text


def explicit_id(comments: Sequence[str]) -> tuple[str | None, str | None]:
    """The id and kind of an ``<!-- id: x, kind: y -->`` comment among ``comments``."""
    for c in comments:
        m = ID_COMMENT.search(c)
        if m:
            return m.group(1), m.group(2)
    return None, None
