"""BibTeX export: every paper, model, dataset, benchmark and resource as one record.

The key is the entry id (ids are unique lowercase slugs, already valid BibTeX keys), so a key
never changes while the entry keeps its id. The record type follows the venue: journals give
``@article``, conferences and workshops ``@inproceedings``, books ``@book``, and preprints, web
pages and everything without a venue ``@misc`` (arXiv preprints with ``eprint`` and
``archivePrefix``). Topics are not citable works and are left out.

Text values are escaped for LaTeX with commands whose braces balance (``\\textbraceleft{}``
rather than ``\\{``): BibTeX counts braces without looking at backslashes, so an escaped but
unbalanced brace would end a field early. Words with capitals in titles are wrapped in braces so
that bibliography styles do not lower-case ``CLIP`` to ``clip``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..catalog.custom import BUILTIN, CatalogSchema
from ..catalog.entries import LINK_KINDS, Entry

#: Entry kinds that become records.
CITABLE_KINDS = ("paper", "model", "dataset", "benchmark", "resource")

#: Venues (case-insensitive) that are journals rather than conferences.
JOURNALS = frozenset(
    {
        "ijcv",
        "tpami",
        "tcsvt",
        "tip",
        "tmm",
        "tmlr",
        "jmlr",
        "tllm",
        "nature",
        "science",
        "pattern recognition",
        "information fusion",
    }
)

#: Venues that mean "not formally published": written as ``@misc``.
PREPRINT_VENUES = frozenset({"arxiv", "openreview", "github", "blog", "web", "website"})

_JOURNAL_WORDS = re.compile(r"\b(journal|transactions|letters|magazine|review)\b", re.IGNORECASE)

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL_RE = re.compile("[" + re.escape("".join(_LATEX_SPECIALS)) + "]")
_AND = re.compile(r"\band\b", re.IGNORECASE)
#: characters a URL keeps inside ``url = {...}``; these three would unbalance or escape braces
_URL_UNSAFE = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C"})


def escape_latex(text: str) -> str:
    """``text`` with LaTeX/BibTeX special characters replaced by balanced commands."""
    return _escape(" ".join(text.split()))


def _escape(text: str) -> str:
    if _SPECIAL_RE.search(text) is None:  # the common case: nothing to replace
        return text
    return _SPECIAL_RE.sub(lambda m: _LATEX_SPECIALS[m.group()], text)


def protect_title(text: str) -> str:
    """Escape ``text`` and brace every word that contains a capital letter.

    Braces keep the capitals when a style sets titles in sentence case. Words are protected
    one by one (not the whole title) so that styles can still change the other words.
    """
    words = " ".join(text.split())
    # no replacement contains a space, so the escaped words line up with the words
    escaped = _escape(words).split(" ")
    return " ".join(
        f"{{{e}}}" if any(map(str.isupper, w)) else e
        for w, e in zip(words.split(" "), escaped, strict=True)
    )


def _url(url: str) -> str:
    return url.translate(_URL_UNSAFE)


def _author(name: str) -> str:
    # a name containing the word "and" (a team name) would be split by BibTeX: brace it
    escaped = escape_latex(name)
    return f"{{{escaped}}}" if _AND.search(name) else escaped


def record_type(entry: Entry) -> str:
    """``article``, ``inproceedings``, ``book`` or ``misc`` for ``entry``."""
    venue = (entry.venue or "").strip()
    if entry.kind == "resource" and entry.get("resource_type") == "book":
        return "book"
    if not venue or venue.lower() in PREPRINT_VENUES:
        return "misc"
    if venue.lower() in JOURNALS or _JOURNAL_WORDS.search(venue):
        return "article"
    if entry.kind == "resource" and entry.get("resource_type") in ("presentation", "tutorial"):
        return "misc"
    return "inproceedings"


def entry_url(entry: Entry) -> str | None:
    """The most specific link of ``entry``: its paper, else the first link, else its arXiv page."""
    for kind in LINK_KINDS:
        if kind in entry.links:
            return entry.links[kind]
    if entry.arxiv:
        return f"https://arxiv.org/abs/{entry.arxiv}"
    return None


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        return ", ".join(map(str, value))
    return str(value)


def bibtex_fields(entry: Entry, schema: CatalogSchema = BUILTIN) -> list[tuple[str, str]]:
    """The fields of the record for ``entry``, as (name, BibTeX value) in a fixed order.

    The note holds the short name and the values of the catalog's own fields (``schema``),
    ``Label: value`` each: BibTeX has no field of their own for them.
    """
    rtype = record_type(entry)
    out: list[tuple[str, str]] = [("title", f"{{{protect_title(entry.title)}}}")]
    if entry.authors:
        out.append(("author", "{" + " and ".join(_author(a) for a in entry.authors) + "}"))
    if entry.year is not None:
        out.append(("year", str(entry.year)))
    venue = (entry.venue or "").strip()
    if venue:
        name = {"article": "journal", "inproceedings": "booktitle"}.get(rtype, "howpublished")
        out.append((name, f"{{{escape_latex(venue)}}}"))
    publisher = entry.get("publisher")
    if publisher:
        field = "publisher" if rtype == "book" else "organization"
        out.append((field, f"{{{escape_latex(publisher)}}}"))
    if entry.arxiv:
        out += [("eprint", f"{{{entry.arxiv}}}"), ("archiveprefix", "{arXiv}")]
    if entry.doi:
        out.append(("doi", f"{{{_url(entry.doi)}}}"))
    url = entry_url(entry)
    if url:
        out.append(("url", f"{{{_url(url)}}}"))
    notes = [protect_title(entry.short)] if entry.short else []
    for custom in schema.fields_of(entry.kind):
        value = entry.extra.get(custom.name)
        if value is not None:
            notes.append(escape_latex(f"{custom.label}: {_plain(value)}"))
    if notes:
        out.append(("note", "{" + "; ".join(notes) + "}"))
    return out


def bibtex_record(entry: Entry, schema: CatalogSchema = BUILTIN) -> str:
    """One ``@type{key, ...}`` record (custom fields of ``schema`` in its note)."""
    body = ",\n".join(f"  {name} = {value}" for name, value in bibtex_fields(entry, schema))
    return f"@{record_type(entry)}{{{entry.id},\n{body}\n}}\n"


def citable(entries: Iterable[Entry]) -> list[Entry]:
    """The entries that get a record (all but topics), in the given order."""
    return [e for e in entries if e.kind in CITABLE_KINDS]


def export_bibtex(
    entries: Sequence[Entry],
    *,
    render: Callable[[Entry], str] | None = None,
    schema: CatalogSchema = BUILTIN,
) -> str:
    """A ``.bib`` file with one record per citable entry, in the given order.

    :param render: gives each entry's record (a caller may reuse records it rendered before)
    :param schema: the catalog's own fields, which go into each record's note
    """
    if render is None:
        render = lambda entry: bibtex_record(entry, schema)  # noqa: E731
    records = list(map(render, citable(entries)))
    header = "% Generated from the sphinx-vlmcatalog catalog; edit the YAML, not this file.\n"
    return header + "\n" + "\n".join(records)
