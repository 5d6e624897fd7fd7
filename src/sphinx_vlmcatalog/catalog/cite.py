"""One entry as a BibTeX record, for the "cite this" block of its page.

The citation key is the entry id (stable and unique across the catalog). Papers at a venue other
than arXiv become ``@inproceedings``; arXiv-only works ``@misc`` with ``eprint``; everything else
``@misc`` with a URL. Braces, backslashes and the other characters BibTeX treats specially are
escaped, so any title compiles. This module imports neither Sphinx nor docutils.
"""

from __future__ import annotations

from .entries import Entry

#: Characters escaped inside a braced BibTeX value (LaTeX specials).
_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    """``text`` made safe inside a braced BibTeX field."""
    return "".join(_ESCAPES.get(ch, ch) for ch in " ".join(text.split()))


def bibtex_entry(entry: Entry) -> str:
    """The BibTeX record of ``entry`` (no trailing newline)."""
    venue = entry.venue or ""
    arxiv_only = bool(entry.arxiv) and venue.casefold() in ("", "arxiv")
    kind = "inproceedings" if entry.kind == "paper" and venue and not arxiv_only else "misc"
    fields: list[tuple[str, str]] = [("title", "{" + bibtex_escape(entry.title) + "}")]
    if entry.authors:
        fields.append(("author", " and ".join(bibtex_escape(a) for a in entry.authors)))
    if kind == "inproceedings":
        fields.append(("booktitle", bibtex_escape(venue)))
    elif venue and not arxiv_only:
        fields.append(("howpublished", bibtex_escape(venue)))
    if entry.year is not None:
        fields.append(("year", str(entry.year)))
    if entry.arxiv:
        fields += [("eprint", entry.arxiv), ("archiveprefix", "arXiv")]
    if entry.doi:
        fields.append(("doi", bibtex_escape(entry.doi)))
    url = entry.links.get("paper") or next(iter(entry.links.values()), None)
    if url:
        # braces would end the field; everything else in a URL is kept verbatim (url package)
        fields.append(("url", url.replace("{", "%7B").replace("}", "%7D")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{entry.id},\n{body}\n}}"
