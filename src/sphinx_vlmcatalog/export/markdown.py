"""Markdown export: an awesome-list README in a format the importer reads back.

Each category of the taxonomy becomes a heading; each entry is listed once, under its first
category, as a back-ticked bullet followed by a link line::

    - `CLIP` Learning Transferable Visual Models ... ICML 2021. <!-- id: clip, kind: model -->
      [[Paper](https://arxiv.org/abs/2103.00020)] [[Code](https://github.com/openai/CLIP)]

The HTML comment keeps the entry id and kind so that a re-import gives the same entries.
Topics are written as ``### title`` headings with their points under a topic section.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..catalog.entries import LINK_KINDS, TOPIC_HEADINGS, Category, Entry

#: ASCII punctuation that Markdown or HTML would read as markup (escaped with a backslash).
_MARKUP = re.compile(r"([\\`*_\[\]<>#|!{}~$&])")


def md_text(text: str) -> str:
    """Catalog text as literal Markdown: markup characters backslash-escaped, lines joined.

    The importer undoes exactly this (:func:`..importer.syntax.unescape`), so titles with
    ``<script>``, links or emphasis survive an export and re-import as text.
    """
    return _MARKUP.sub(r"\\\1", " ".join(text.split()))


#: Characters that would end a link destination early, or begin an escape, unless it is
#: written between angle brackets (URLs never hold ``<`` or ``>``: validation refuses them).
_URL_SPECIAL = re.compile(r"[()\\\s]")


def md_url(url: str) -> str:
    """A link destination that is exactly ``url``: between angle brackets (with backslashes
    escaped) when it holds ``(``, ``)`` or ``\\``, so that ``https://a/b)[x](javascript:y)``
    stays one link."""
    if _URL_SPECIAL.search(url) is None:
        return url
    escaped = url.replace("\\", "\\\\")
    return f"<{escaped}>"


def entry_bullet(e: Entry) -> str:
    """An entry's bullet: its line, and an indented line of links if it has any."""
    head = f"`{e.short}` " if e.short and "`" not in e.short else ""
    when = " ".join(md_text(str(x)) for x in (e.venue, e.year) if x)
    title = md_text(e.title.rstrip("."))
    line = (
        f"- {head}{title}."
        + (f" {when}." if when else "")
        + f" <!-- id: {e.id}, kind: {e.kind} -->"
    )
    links = " ".join(
        f"[[{k.capitalize()}]({md_url(e.links[k])})]" for k in LINK_KINDS if k in e.links
    )
    return f"{line}\n  {links}" if links else line


def export_markdown(
    entries: Sequence[Entry],
    categories: Sequence[Category] = (),
    title: str = "Awesome Vision-Language Models",
    *,
    render: Callable[[Entry], str] = entry_bullet,
) -> str:
    """The README text for ``entries``, sectioned by ``categories`` (taxonomy order).

    :param render: gives each entry's bullet (a caller may reuse bullets it rendered before)
    """
    by_cat: dict[str, list[Entry]] = {}
    topics: dict[str, list[Entry]] = {}
    for e in entries:
        if e.kind == "topic":
            topics.setdefault(str(e.get("topic_type") or "research-direction"), []).append(e)
            continue
        key = e.categories[0] if e.categories else ""
        by_cat.setdefault(key, []).append(e)
    lines = [f"# {title}", "", "Generated from the catalog by `vlmcatalog export`.", ""]
    known = {c.key for c in categories}
    sections = [(c.key, c.title, c.depth) for c in categories]
    sections += [(k, k or "Uncategorized", 0) for k in by_cat if k not in known]
    for key, heading, depth in sections:
        items = by_cat.get(key, [])
        if not items and not any(k.startswith(key + ".") for k in by_cat):
            continue
        lines += [f"{'#' * min(2 + depth, 6)} {md_text(heading)}", ""]
        lines += map(render, sorted(items, key=lambda x: (x.year or 0, x.id)))
        if items:
            lines.append("")
    for ttype, heading in TOPIC_HEADINGS.items():
        if ttype not in topics:
            continue
        lines += [f"## {heading}", ""]
        for t in topics[ttype]:
            points = [f"- {md_text(p)}" for p in t.get("points") or ()]
            lines += [f"### {md_text(t.title)}", *points, ""]
    return "\n".join(lines).rstrip() + "\n"
