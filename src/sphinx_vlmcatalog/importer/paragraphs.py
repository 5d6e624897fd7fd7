"""Bold-title blocks: a bold title alone on its line, then lines of authors, venue and links,
a ``Note:`` and a date::

    **MM-LLMs: Recent Advances in MultiModal Large Language Models**\\
    _Duzhen Zhang, Yahan Yu, ..._\\
    ACL 2024, [[Paper](https://arxiv.org/abs/2401.13601)] [[Webpage](https://...)]\\
    Note: Categorize MM-LLMs by ...\\
    28 May 2024

A block whose title line carries the links may be followed by a paragraph in italics that gives
the venue (``*IEEE Transactions on ... (TPAMI), 2024*``).
"""

from __future__ import annotations

from collections.abc import Sequence

from .inline import Node, meaningful, only_image, plain, split_lines
from .links import Link, add_links, is_decoration, label_kind, links_in
from .normalize import parse_date, split_venue
from .records import RawRecord
from .state import ParseState


def _shows_text(n: Node) -> bool:
    if n.kind == "link":  # a link whose label is a title, not "Paper" or a badge
        label = plain(n.children)
        return only_image(n) is None and label_kind(label) is None and len(label.split()) > 1
    if n.kind == "image":
        return False
    if n.kind == "text":
        return bool(n.text.strip(" []|,-–—:"))
    return True


def is_bold_title(nodes: Sequence[Node]) -> bool:
    """Whether inline content starts with a line that holds a bold title and nothing else
    but links, and either has more lines or links on that line."""
    lines = split_lines(nodes)
    if not lines:
        return False
    shown = meaningful(lines[0])
    if not shown or shown[0].kind != "strong" or only_image(shown[0]) is not None:
        return False
    if any(n.kind == "link" for n in shown[0].children):
        return False  # **[Title](url)** is a title link
    if any(_shows_text(n) for n in shown[1:]):
        return False
    return len(lines) > 1 or any(n.kind == "link" for n in shown[1:])


def is_bold_heading(nodes: Sequence[Node]) -> str | None:
    """The text of a paragraph that is only a bold phrase (a heading in all but name)."""
    lines = split_lines(nodes)
    shown = meaningful(lines[0]) if len(lines) == 1 else []
    if len(shown) == 1 and shown[0].kind == "strong" and not links_in(shown):
        return plain(shown) or None
    return None


def _before_link(line: Sequence[Node]) -> list[Node]:
    out: list[Node] = []
    for n in line:
        if n.kind == "link":
            break
        out.append(n)
    return out


def _keep(links: Sequence[Link]) -> list[Link]:
    return [x for x in links if not is_decoration(x)]


def read_bold_block(
    st: ParseState, nodes: Sequence[Node], line: int, *, extra: Sequence[Link] = ()
) -> RawRecord:
    """Read a bold-title block starting at ``line``; lines it cannot place are warnings."""
    lines = split_lines(nodes)
    first = lines[0]
    title = plain(meaningful(first)[:1]).strip()
    rec = st.record(line, "bold-block", title)
    add_links(rec, _keep(links_in(first)))
    for ln in lines[1:]:
        shown = meaningful(ln)
        text = plain(ln)
        date = parse_date(text)
        if len(shown) == 1 and shown[0].kind == "em" and not rec.authors:
            rec.authors = [a.strip() for a in plain(shown).split(",") if a.strip()]
        elif text.lower().startswith("note:"):
            rec.fields["summary"] = text[5:].strip()
        elif date:
            rec.date = date
        elif any(n.kind == "link" for n in ln):
            head = plain(_before_link(ln)).split("[", 1)[0].strip(" ,")
            if head:
                venue, year, rest = split_venue(head)
                rec.fields["venue_text"] = head
                if venue is not None:
                    rec.venue, rec.year = venue, year or rec.year
                    if rest:
                        rec.fields["venue_extra"] = rest
            add_links(rec, _keep(links_in(ln)))
        else:
            st.problem(
                shown[0].line if shown else line,
                f"unrecognised line in entry block: {text[:60]!r}",
                "warning",
            )
    add_links(rec, _keep(extra))
    if not rec.links:
        st.problem(line, f"entry {title!r} has no link", "warning")
    return rec


def italic_venue(rec: RawRecord, nodes: Sequence[Node]) -> bool:
    """Take the venue of a bold-title block from a following paragraph in italics; ``True``
    when that paragraph was used."""
    if not rec.links or rec.authors or rec.venue is not None:
        return False
    shown = meaningful(nodes)
    if len(shown) != 1 or shown[0].kind != "em":
        return False
    text = plain(shown)
    venue, year, _ = split_venue(text)
    if year is None:
        return False
    rec.venue, rec.year = venue, year
    rec.fields["venue_text"] = text
    return True
