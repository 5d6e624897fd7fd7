"""Headings: sections, topic sections, and lists that give each work a heading of its own.

A heading opens a section (headings at any level nest). Under a topic section (``Research
Directions``, ``Current Challenges``...) each sub-heading is a topic and its bullets are the
topic's points. A heading whose section holds no entry of another shape but links to a work
(badges for arXiv, GitHub, Hugging Face; ``[Paper](...)`` rows; a title link in the heading) and
perhaps a ``<details>`` block is one entry: the heading is its title, the details its summary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .bullets import read_item
from .data import data_problem, entry_data
from .document import Block, Heading, Html, Item, Para, Table
from .inline import Node, html_nodes, meaningful, plain, without_links
from .links import add_links, is_decoration, label_kind, links_in
from .mentions import looks_like_entry, names_a_work, parse_mention
from .normalize import split_venue
from .paragraphs import is_bold_title
from .records import RawRecord
from .state import ParseState
from .syntax import clean_heading


def open_heading(st: ParseState, heading: Heading) -> None:
    """Enter the section of ``heading``: update the heading path and the topic state."""
    level, text = heading.level, clean_heading(heading.nodes)
    for lvl in [k for k in st.headings if k >= level]:
        del st.headings[lvl]
    st.headings[level] = text
    st.seen.append(text)
    if st.topic_type is not None and level <= st.topic_level:
        st.topic_type, st.topic = None, None
    ttype = st.topic_sections.get(text.lower())
    if ttype:
        st.topic_type, st.topic_level, st.topic = ttype, level, None
    elif st.topic_type is not None and level > st.topic_level and not st.skipping:
        st.topic = st.record(heading.line, "topic", text, kind="topic")
        st.topic.fields["topic_type"] = st.topic_type
        st.topic.section = st.section_path[-2] if len(st.section_path) > 1 else ""
    if text.lower() in st.skip_sections:
        st.problem(heading.line, f"section {text!r} skipped as the mapping asks", "note")


def topic_block(st: ParseState, block: Block) -> None:
    """A block inside a topic section: bullets are points of the current topic, except a bullet
    written as a work (``- [Title](url) - Venue Year``, ``- **Name**: ...``), which is an
    entry."""
    if isinstance(block, Html):
        data = entry_data(block.raw)
        if data is not None and data_problem(data) is None and st.topic is not None:
            st.topic.data = data
            st.topic.explicit_id = str(data.get("id"))
        return
    if not isinstance(block, Item) or st.skipping:
        return
    nodes = _inline(block)
    men = parse_mention(nodes) if looks_like_entry(nodes, in_list=True) else None
    if men is not None and men.fmt != "text-bullet":
        read_item(st, block)
        return
    for item in _flatten(block):
        point = " ".join(plain(b.nodes) for b in item.blocks if isinstance(b, Para)).strip()
        if not point:
            continue
        if st.topic is None:
            st.problem(
                item.line, f"point {point!r} is outside any topic heading; skipped", "warning"
            )
        else:
            st.topic.points.append(point)


def _flatten(item: Item) -> list[Item]:
    return [item, *(i for c in item.children for i in _flatten(c))]


def _inline(block: Block) -> list[Node]:
    if isinstance(block, Para):
        return block.nodes
    if isinstance(block, Item):
        return [n for b in block.blocks if isinstance(b, Para) for n in b.nodes]
    return []


def _link_row(nodes: Sequence[Node]) -> bool:
    """Whether inline content is a row of links to one work: badges or labelled links
    (``[Paper](...) | [Code](...)``, ``**Code:** https://...``) with at most a few words."""
    links = [x for x in links_in(nodes) if not is_decoration(x)]
    if not links:
        return False
    if not all(x.badge or label_kind(x.label) or x.label == x.url for x in links):
        return False
    words = [
        w
        for w in plain(without_links(nodes)).split()
        if w.strip("|·-–—,;[]()") and not w.endswith(":")
    ]
    return len(words) <= 4


def _names_a_work(block: Block) -> bool:
    """Whether a block in a heading's section is an entry of its own."""
    if isinstance(block, (Table, Heading)):
        return True
    if isinstance(block, Html):
        return any(entry_data(c) for c in re.findall(r"<!--.*?-->", block.raw, re.DOTALL))
    if isinstance(block, Item) and any(_names_a_work(c) for c in block.children):
        return True
    nodes = _inline(block)
    if isinstance(block, Item):
        nodes = [*nodes, *(n for b in block.blocks if isinstance(b, Html) for n in _comments(b))]
    if not nodes or (isinstance(block, Para) and _link_row(nodes)):
        return False
    if isinstance(block, Para) and is_bold_title(nodes):
        return True
    return names_a_work(nodes)


def _comments(block: Html) -> list[Node]:
    return [Node("html", c) for c in re.findall(r"<!--.*?-->", block.raw, re.DOTALL)]


def _body_nodes(block: Block) -> list[Node]:
    if isinstance(block, Html):
        raw = re.sub(r"<summary>.*?</summary>", "", block.raw, flags=re.DOTALL)
        return html_nodes(raw, block.line)
    if isinstance(block, Item):
        return [
            *_inline(block),
            *(n for b in block.blocks if isinstance(b, Html) for n in _body_nodes(b)),
        ]
    return _inline(block)


def is_heading_entry(heading: Heading, body: Sequence[Block], *, leaf: bool) -> bool:
    """Whether ``heading`` is the title of one work (heading-per-entry lists): its section
    names no work of its own, and the heading or a row of badges or labelled links in the
    section links to one.

    :param leaf: no deeper heading follows before the next heading of this level or above
    """
    if not leaf or not plain(heading.nodes).strip():
        return False
    if any(_names_a_work(b) for b in body):
        return False
    if any(not is_decoration(x) and not x.badge for x in links_in(heading.nodes)):
        return True
    return any(_link_row(_body_nodes(b)) for b in body)


def read_heading_entry(st: ParseState, heading: Heading, body: Sequence[Block]) -> None:
    """Read a heading-per-entry work: the heading's title and links, the body's links, an
    authors line in italics, a venue line and the text of a ``<details>`` block."""
    title = plain(heading.nodes).strip()
    rec = st.record(heading.line, "heading-entry", title)
    own = [x for x in links_in(heading.nodes) if not is_decoration(x)]
    add_links(rec, [x for x in own if not x.badge][:1], "paper", title=True)
    add_links(rec, [x for x in own if x.badge])
    summary: list[str] = []
    in_details = False
    for block in body:
        nodes = _body_nodes(block)
        if isinstance(block, Html):
            raw = block.raw.lower()
            in_details = (in_details or "<details" in raw) and "</details>" not in raw
            data = entry_data(block.raw)
            if data is not None and data_problem(data) is None:
                rec.data, rec.explicit_id = data, str(data.get("id"))
        add_links(rec, [x for x in links_in(nodes) if not is_decoration(x)])
        text = plain(without_links(nodes)).strip(" |·-–—:")
        if not text or _link_row(nodes):
            continue
        shown = meaningful(nodes)
        if isinstance(block, Para) and not rec.authors and _is_authors(shown):
            rec.authors = [a.strip() for a in plain(shown[:1]).split(",") if a.strip()]
            text = plain(without_links(shown[1:])).strip(" |·-–—:,")
        if text and not in_details and rec.venue is None and _venue(rec, text):
            continue
        if text:
            summary.append(text)
    if summary:
        rec.fields["summary"] = " ".join(summary)
    if not rec.links and rec.data is None:
        st.problem(heading.line, f"entry {title!r} has no link", "warning")


def _is_authors(shown: Sequence[Node]) -> bool:
    """A line that starts with names in italics: ``*Ann Lee, Bo Chen* · ACL 2024``."""
    return bool(shown) and shown[0].kind == "em" and "," in plain(shown[:1])


def _venue(rec: RawRecord, text: str) -> bool:
    """Take a short line such as ``CVPR 2024`` as the venue."""
    venue, year, extra = split_venue(text)
    if year is None or extra or len(text.split()) > 6:
        return False
    rec.venue, rec.year = venue, year
    return True
