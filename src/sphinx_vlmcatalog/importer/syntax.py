"""The vocabulary of awesome-list Markdown: line patterns, link labels, table column roles.

Shared by :mod:`.markdown` (the line-by-line reader) and :mod:`.shapes` (the entry shapes).
"""

from __future__ import annotations

import re

from ..catalog.entries import TOPIC_HEADINGS
from .normalize import arxiv_id, strip_symbols
from .records import RawRecord

#: ``## heading`` text (lower case) -> topic_type, used when the mapping does not say otherwise;
#: the inverse of the headings the Markdown export writes, so exported lists read back.
DEFAULT_TOPIC_SECTIONS = {heading.lower(): kind for kind, heading in TOPIC_HEADINGS.items()}

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
LINK = re.compile(
    r"(?<!\\)\[([^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]"
    r"\(\s*(<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\s*\)"
)
BADGE = re.compile(r"\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)|!\[[^\]]*\]\([^)]*\)")
ID_COMMENT = re.compile(r"<!--\s*id:\s*([a-z0-9][a-z0-9._-]*)\s*(?:,?\s*kind:\s*([a-z]+)\s*)?-->")
COMMENT = re.compile(r"(?<!\\)<!--.*?-->")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape(text: str) -> str:
    """Undo Markdown backslash escapes (``\\<`` is ``<``), as the exporter writes them."""
    return _ESCAPED.sub(r"\1", text)


TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
BOLD_TITLE = re.compile(r"^\*\*(?P<title>[^*].*?)\*\*\s*(?P<rest>.*?)\\?\s*$")
ITALIC_LINE = re.compile(r"^(?:_(?P<a>.+)_|\*(?P<b>[^*].*)\*)\s*\\?\s*$")

#: link label (lower case, first word) -> links key
LINK_LABELS = {
    "paper": "paper",
    "pdf": "paper",
    "arxiv": "paper",
    "code": "code",
    "codes": "code",
    "github": "code",
    "project": "project",
    "webpage": "webpage",
    "website": "webpage",
    "homepage": "webpage",
    "page": "webpage",
    "video": "video",
    "dataset": "dataset",
    "data": "dataset",
    "model": "model",
    "demo": "webpage",
    "presentations": "slides",
    "presentation": "slides",
    "slides": "slides",
    "link": "webpage",
    "blog": "webpage",
}

#: table header (lower case, contains) -> role; checked in order
COLUMN_ROLES = (
    ("published in", "venue"),
    ("venue", "venue"),
    ("conference", "venue"),
    ("image-text", "image_text_pairs"),
    ("pairs", "image_text_pairs"),
    ("language", "languages"),
    ("classes", "classes"),
    ("training", "train_size"),
    ("train", "train_size"),
    ("testing", "test_size"),
    ("test", "test_size"),
    ("metric", "metric"),
    ("description", "summary"),
    ("task", "task"),
    ("size", "size"),
    ("license", "license"),
    ("modalit", "modalities"),
    ("author", "authors"),
    ("code", "links"),
    ("project", "links"),
    ("link", "links"),
    ("github", "links"),
    ("year", "year"),
    ("date", "date"),
)

#: first word of a header that marks the column naming the work
NAME_HEADERS = (
    "dataset",
    "datasets",
    "benchmark",
    "benchmarks",
    "paper",
    "papers",
    "title",
    "model",
    "models",
    "name",
    "method",
    "work",
)


def column_role(header: str) -> str | None:
    """Role of a table column from its header text, or ``None`` when unknown."""
    h = strip_symbols(header.replace("*", "")).lower()
    if h.split(" ", 1)[0] in NAME_HEADERS:
        return "name"
    for needle, role in COLUMN_ROLES:
        if needle in h:
            return role
    return None


def clean_heading(text: str) -> str:
    """Heading text without badges, links, emoji and stray punctuation."""
    text = BADGE.sub("", text)
    text = LINK.sub(lambda m: m.group(1), text)
    text = strip_symbols(text.replace("*", "").replace("`", ""))
    return text.strip(" -:")


def link_kind(label: str, url: str) -> str:
    """The ``links`` key for a link labelled ``label``."""
    word = re.split(r"[\s&/(]+", label.strip().lower())[0] if label.strip() else ""
    return LINK_LABELS.get(word, "paper" if arxiv_id(url) else "webpage")


def find_links(text: str) -> list[tuple[str, str]]:
    """All ``[label](url)`` pairs in ``text`` with a web URL (anchors and images are skipped)."""
    text = BADGE.sub("", text)
    out = []
    for m in LINK.finditer(text):
        destination = m.group(2)
        if destination.startswith("<"):  # <...> may hold parentheses and escaped backslashes
            url = unescape(destination[1:-1]).strip()
        else:
            url = destination.strip()
        if url.startswith(("http://", "https://")):
            out.append((m.group(1).strip(), url))
    return out


def add_links(rec: RawRecord, pairs: list[tuple[str, str]], default: str | None = None) -> None:
    """Store links on a record: the first of each kind wins; arXiv papers set ``rec.arxiv``."""
    for label, url in pairs:
        kind = default or link_kind(label, url)
        if kind == "paper" or (kind in ("webpage", "model") and arxiv_id(url)):
            aid = arxiv_id(url)
            if aid and not rec.arxiv:
                rec.arxiv = aid
            kind = "paper" if aid or url.lower().endswith(".pdf") else kind
        rec.links.setdefault(kind, url)


def join_continuations(lines: list[str], i: int, text: str) -> tuple[str, int]:
    """Join following lines while a link's parenthesis is still open (URL split over lines)."""
    while text.count("(") > text.count(")") and i + 1 < len(lines) and lines[i + 1].strip():
        i += 1
        text = text + lines[i].strip()
    return text, i


def link_line_follows(lines: list[str], i: int) -> int | None:
    """Index of a link line (``[[Paper](..)]``) directly below line ``i``, if there is one."""
    j = i + 1
    if j < len(lines):
        s = lines[j].strip()
        if s.startswith("[") and not BULLET.match(lines[j]) and ("](" in s or "[Code" in s):
            return j
    return None
