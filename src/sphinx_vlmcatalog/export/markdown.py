"""Markdown export: an awesome-list README that the importer reads back entry for entry.

Each category of the taxonomy becomes a heading; each entry is listed once, under its first
category, as a back-ticked bullet, a line of links and a data comment::

    - `CLIP` Learning Transferable Visual Models ... ICML 2021.
      [[Paper](https://arxiv.org/abs/2103.00020)] [[Code](https://github.com/openai/CLIP)]
      <!-- vlmcatalog {"id":"clip","kind":"model","title":"Learning ...","categories":[...]} -->

The comment, which no Markdown renderer shows, holds every field of the entry as compact JSON
(the one serialiser, :func:`..catalog.serialize.entry_to_dict`), so a re-import gives back the
same ids, kinds, categories, summaries, relations and kind fields. Topics are ``###`` headings
with their points and a data comment under the heading; the taxonomy closes the file as a
comment of one category a line. The JSON is ASCII, and ``<``, ``>``, ``--`` and parentheses in
it are ``\\u`` escapes, so no value can end the comment early or read as a link.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from ..catalog.entries import LINK_KINDS, TOPIC_HEADINGS, Category, Entry
from ..catalog.serialize import entry_to_dict

#: ASCII punctuation that Markdown or HTML would read as markup (escaped with a backslash).
_MARKUP = re.compile(r"([\\`*_\[\]<>#|!{}~$&])")

#: What opens an entry's data comment and the taxonomy comment (the importer's ``data`` module
#: reads the same spelling).
DATA_COMMENT = "vlmcatalog"
TAXONOMY_COMMENT = "vlmcatalog-taxonomy"


def md_text(text: str) -> str:
    """Catalog text as literal Markdown: markup characters backslash-escaped, lines joined.

    A CommonMark reader (the importer uses markdown-it) reads exactly the text back, so titles
    with ``<script>``, links or emphasis survive an export and re-import as text.
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


#: In JSON text: what could close an HTML comment, and the parentheses of a Markdown link
#: (so that not even a line-by-line scanner finds ``[x](javascript:...)`` in the data). None of
#: these can stand outside a JSON string.
_UNSAFE_JSON = re.compile(r"[<>()]|-(?=-)")


def comment_json(data: Any) -> str:
    """``data`` as one line of ASCII JSON that is safe inside an HTML comment.

    ASCII, so that no reader's clean-up (line breaks, mojibake repair, Unicode normalisation)
    can change a value on its way back.
    """
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    # every character matched can only stand inside a JSON string, where \\uXXXX means it
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def data_comment(entry: Entry) -> str:
    """The comment that carries every field of ``entry``."""
    return f"<!-- {DATA_COMMENT} {comment_json(entry_to_dict(entry))} -->"


def entry_bullet(e: Entry) -> str:
    """An entry's bullet: its line, an indented line of links if it has any, and its data."""
    head = f"`{e.short}` " if e.short and "`" not in e.short else ""
    when = " ".join(md_text(str(x)) for x in (e.venue, e.year) if x)
    title = md_text(e.title.rstrip("."))
    lines = [f"- {head}{title}." + (f" {when}." if when else "")]
    links = " ".join(
        f"[[{k.capitalize()}]({md_url(e.links[k])})]" for k in LINK_KINDS if k in e.links
    )
    if links:
        lines.append(f"  {links}")
    lines.append(f"  {data_comment(e)}")
    return "\n".join(lines)


def taxonomy_comment(categories: Sequence[Category]) -> str:
    """The taxonomy as a comment of one category a line (key, title, description, parent)."""
    rows = []
    for c in categories:
        item: dict[str, str] = {"key": c.key, "title": c.title}
        if c.description:
            item["description"] = c.description
        if c.parent:
            item["parent"] = c.parent
        rows.append(comment_json(item))
    return "\n".join([f"<!-- {TAXONOMY_COMMENT}", *rows, "-->"])


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
    lines = [f"# {md_text(title)}", "", "Generated from the catalog by `vlmcatalog export`.", ""]
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
            lines += [f"### {md_text(t.title)}", data_comment(t), "", *points, ""]
    if categories:
        lines += [taxonomy_comment(categories), ""]
    return "\n".join(lines).rstrip() + "\n"
