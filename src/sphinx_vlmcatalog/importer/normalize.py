"""Text clean-up: mojibake repair, arXiv ids, venues and years, titles, ids and numbers."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

import ftfy

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _fix_mac_roman(text: str) -> str:
    """Undo UTF-8 bytes that were decoded as Mac Roman (``üìö`` -> 📚), run by run."""

    def repl(m: re.Match[str]) -> str:
        run = m.group(0)
        try:
            return run.encode("mac_roman").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return run

    return _NON_ASCII_RUN.sub(repl, text)


def fix_text(text: str) -> str:
    """Repair mojibake (UTF-8 read as Mac Roman or cp1252) and normalise to NFC."""
    text = _fix_mac_roman(text)
    text = ftfy.fix_text(text, uncurl_quotes=False)
    return unicodedata.normalize("NFC", text)


def strip_symbols(text: str) -> str:
    """Drop emoji and other pictographs, then squeeze spaces (for headings and titles)."""
    kept = [
        c
        for c in text
        if unicodedata.category(c) not in ("So", "Sk", "Cs", "Co", "Cn", "Mn")
        and c not in "\ufe0f\u200d"
    ]
    return re.sub(r"\s+", " ", "".join(kept)).strip()


_ARXIV_URL = re.compile(
    r"arxiv\.org/(?:abs|pdf|html|format)/(?P<id>\d{4}\.\d{4,5}|[a-z][a-z.\-]*/\d{7})"
    r"(?:v\d+)?(?:\.pdf)?",
    re.IGNORECASE,
)
_ARXIV_BARE = re.compile(r"^(?:arxiv:\s*)?(?P<id>\d{4}\.\d{4,5})(?:v\d+)?$", re.IGNORECASE)


def arxiv_id(text: str | None) -> str | None:
    """The arXiv id in a URL or string, without version: ``2103.00020`` or ``None``.

    Accepts ``abs``/``pdf``/``html`` URLs, ``www.`` hosts, ``.pdf`` suffixes, ``vN`` versions
    and bare ids such as ``arXiv:2103.00020v2``.
    """
    if not text:
        return None
    text = text.strip()
    m = _ARXIV_URL.search(text) or _ARXIV_BARE.match(text)
    return m.group("id").lower() if m else None


def arxiv_url(aid: str) -> str:
    """The canonical abstract page of an arXiv id."""
    return f"https://arxiv.org/abs/{aid}"


_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s?#\"<>]+)")


def doi_of(url: str | None) -> str | None:
    """A DOI embedded in a URL (doi.org, Springer, ACM ...), or ``None``."""
    if not url:
        return None
    m = _DOI.search(url)
    return m.group(1).rstrip(".") if m else None


def normalize_url(url: str) -> str:
    """A URL reduced for comparison: no scheme, ``www.``, fragment or trailing slash."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return urlunsplit(("", host, path, parts.query, "")).lstrip("/")


_VENUE_CASE = {
    "arxiv": "arXiv",
    "neurips": "NeurIPS",
    "nips": "NeurIPS",
    "openreview": "OpenReview",
    "iclr w": "ICLRW",
    "iclr workshop": "ICLRW",
    "tpami": "TPAMI",
    "ijcv": "IJCV",
}
_YEAR_TAIL = re.compile(r"^(?P<venue>.*?)[\s,']*(?P<year>(?:19|20)\d{2}|\d{2})\b(?P<rest>.*)$")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z\-]{1,15})\)")


def canonical_venue(venue: str) -> str:
    """Venue spelled consistently (``arxiv`` -> ``arXiv``, ``ICLR W`` -> ``ICLRW``)."""
    venue = re.sub(r"\s+", " ", venue).strip(" ,.;[]")
    return _VENUE_CASE.get(venue.lower(), venue)


def split_venue(text: str | None) -> tuple[str | None, int | None, str]:
    """Split ``"ICML 2021"``, ``"arxiv 24"``, ``"[NeurIPS 2024]"``, ``"CVPR 2023 Tutorial"``.

    Returns ``(venue, year, rest)`` where ``rest`` is any text after the year. A long journal
    name with an acronym in parentheses gives the acronym (``... (TPAMI), 2024`` -> ``TPAMI``).
    Text without a year gives ``(venue, None, "")`` when it is short, else ``(None, None, text)``.
    """
    if not text:
        return None, None, ""
    text = re.sub(r"\s+", " ", text).strip().strip("[]*_ ").rstrip(".").strip()
    if not text:
        return None, None, ""
    if re.fullmatch(r"(?:19|20)\d{2}", text):
        return None, int(text), ""
    m = _YEAR_TAIL.match(text)
    if m and m.group("venue").strip():
        venue = m.group("venue").strip(" ,")
        year = int(m.group("year"))
        if year < 100:
            year += 2000
        acro = _ACRONYM.search(venue)
        if acro and len(venue.split()) > 3:
            venue = acro.group(1)
        return canonical_venue(venue), year, m.group("rest").strip(" ,.")
    if len(text.split()) <= 2 and not re.search(r"\d", text):
        return canonical_venue(text), None, ""
    return None, None, text


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_DATE = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
_MONTH_DAY = re.compile(r"^([A-Za-z]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})$")
_NUMERIC = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$")


def _iso(year: int, month: int | None, day: int | None = None) -> str | None:
    if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def parse_date(text: str) -> str | None:
    """A date as ISO ``YYYY-MM-DD`` (or ``YYYY-MM``), or ``None``.

    Reads ``"20 May 2024"``, ``"21 November 2022"``, ``"May 20, 2024"``, ``"May 2024"``,
    ``"2024-05-20"``, ``"2024/05/20"``, ``"2024.05"``.
    """
    text = text.strip()
    m = _DATE.match(text)
    if m:
        return _iso(int(m.group(3)), _MONTHS.get(m.group(2)[:3].lower()), int(m.group(1)))
    m = _MONTH_DAY.match(text)
    if m:
        day = int(m.group(2)) if m.group(2) else None
        return _iso(int(m.group(3)), _MONTHS.get(m.group(1)[:3].lower()), day)
    m = _NUMERIC.match(text)
    if m:
        day = int(m.group(3)) if m.group(3) else None
        return _iso(int(m.group(1)), int(m.group(2)), day)
    return None


def parse_int(text: str | None) -> int | None:
    """``"1,281,167"`` -> 1281167; ``"-"`` or text that is not a number -> ``None``."""
    if text is None:
        return None
    t = text.replace(",", "").replace("_", "").strip()
    return int(t) if t.isdigit() else None


def is_empty_cell(text: str | None) -> bool:
    """True for table cells meaning "nothing": empty, ``-``, en/em dash, ``N/A``."""
    return text is None or text.strip().strip("*_ ") in ("", "-", "–", "—", "N/A", "n/a")


def title_key(title: str) -> str:
    """Title reduced for comparison: lowercase letters and digits only."""
    return re.sub(r"[^a-z0-9]+", "", fix_text(title).lower())


def short_from_title(title: str) -> str | None:
    """Short name heading a title: ``"BLIP-2 & Q-Former: Bootstrapping..."`` -> ``BLIP-2``."""
    if ":" not in title:
        return None
    head = title.split(":", 1)[0]
    head = re.split(r"\s+&\s+", head)[0]
    head = strip_symbols(head).strip()
    if head and len(head.split()) <= 3 and len(head) <= 30:
        return head
    return None


def title_keys(title: str, short: str | None = None) -> set[str]:
    """Keys under which a title may match another mention of the same work."""
    keys = {title_key(title)}
    if ":" in title:
        tail = title.split(":", 1)[1]
        if len(tail.split()) >= 4:
            keys.add(title_key(tail))
    keys.discard("")
    return keys


def name_keys(title: str, short: str | None) -> set[str]:
    """Short-name keys: the explicit short name, a head before ``:``, or a title that is a name."""
    keys: set[str] = set()
    for cand in (short, short_from_title(title)):
        if cand:
            keys.add(title_key(cand))
    if len(title.split()) <= 3 and ":" not in title:
        keys.add(title_key(title))
    keys.discard("")
    return keys


def slugify(text: str, max_words: int = 6) -> str:
    """An entry id from a name: ``"LLaVa-1.5"`` -> ``llava-1.5``, ``"Red Caps"`` -> ``red-caps``."""
    text = strip_symbols(fix_text(text))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ").replace("+", "-plus")
    words = re.findall(r"[a-z0-9]+(?:\.[a-z0-9]+)*", text)
    return "-".join(words[:max_words]) or "entry"


ARCH_WORDS = {
    "decoder-only": "decoder-only",
    "encoder-decoder": "encoder-decoder",
    "dual-encoder": "dual-encoder",
    "multi-encoder": "multi-encoder",
    "fusion-encoder": "fusion-encoder",
}


def parse_model_description(text: str) -> dict[str, str]:
    """Pull architecture, parameters, encoders, languages and context out of a model blurb.

    ``"Decoder-only architecture with 7B parameters, using CLIP ViT-L/14 for vision encoder and
    Vicuna as pretrained backbone"`` gives architecture ``decoder-only``, parameters ``7B``,
    vision_encoder ``CLIP ViT-L/14`` and language_backbone ``Vicuna``. Unknown parts are left out.
    """
    out: dict[str, str] = {}
    m = re.match(r"\s*([A-Za-z]+-[A-Za-z]+) architecture", text)
    if m and m.group(1).lower() in ARCH_WORDS:
        out["architecture"] = ARCH_WORDS[m.group(1).lower()]
    m = re.search(r"with ([^,()]*?\d[^,()]*?) parameters", text) or re.search(
        r"(~?\d[\d.]*\s*[KMBT])\s+parameters", text
    )
    if m:
        out["parameters"] = m.group(1).strip()
    m = re.search(r"using (.+?) for vision encod(?:er|ing)", text)
    if m:
        out["vision_encoder"] = m.group(1).strip()
    m = re.search(r"and (.+?) as (?:the )?pretrained (?:text |language )?backbone", text)
    m = m or re.search(
        r"and (?!pretrained from scratch)(.+?) for (?:text|language) encod(?:er|ing)", text
    )
    if m:
        out["language_backbone"] = m.group(1).strip()
    elif re.search(r"pretrained from scratch", text):
        out["language_backbone"] = "trained from scratch"
    m = re.search(r"(\d+\+?) languages", text)
    if m:
        out["languages"] = m.group(1)
    m = re.search(r"(\d+[kKmM])[- ]token context", text)
    if m:
        out["context_length"] = m.group(1).lower()
    return out
