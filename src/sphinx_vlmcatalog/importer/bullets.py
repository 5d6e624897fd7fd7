"""List items and paragraphs read into :class:`.records.RawRecord` items.

:mod:`.mentions` reads what one line says; this module decides what an item is (an entry, a
line of links for its parent item, a group heading its nested items, or prose), records it
with links from its nested items and any id or data comment, and reports what it cannot use.
A bold title alone on its line starts a bold-title block (:mod:`.paragraphs`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .data import data_problem, entry_data
from .document import Html, Item, Para, Table
from .inline import BREAK, Node, comments, plain
from .links import Link, add_links, is_decoration, links_in
from .mentions import Mention, looks_like_entry, names_a_work, parse_mention
from .normalize import title_key
from .paragraphs import is_bold_title, read_bold_block
from .records import RawRecord
from .state import ParseState
from .syntax import explicit_id
from .tables import read_table


def commit(
    st: ParseState,
    men: Mention,
    line: int,
    *,
    extra: Sequence[Link] = (),
    cmts: Sequence[str] = (),
) -> None:
    """Record a mention at ``line``, with links from nested items and any id or data comment."""
    eid, ekind = explicit_id(cmts)
    data = next((d for c in cmts if (d := entry_data(c)) is not None), None)
    if data is not None and (why := data_problem(data)) is not None:
        msg = f"unusable data comment ({why}); the entry is read from its text"
        st.problem(line, msg, "warning")
        data = None
    if data is not None:
        eid, ekind = str(data.get("id") or "") or eid, str(data.get("kind") or "") or ekind
    rec = st.record(
        line, men.fmt, men.title, short=men.short, venue=men.venue, year=men.year, explicit_id=eid
    )
    rec.data = data
    if ekind:
        rec.kind = ekind
    rec.fields.update(men.fields)
    seen: set[str] = set()
    for links, default, title in [*men.links, (list(extra), "webpage", False)]:
        kept = [x for x in links if x.url not in seen and not is_decoration(x)]
        seen.update(x.url for x in kept)
        add_links(rec, kept, default, title=title)
    if data is None:  # (with data, what the text lacks is moot: the data gives the entry)
        for w in men.warnings:
            st.problem(line, w, "warning")
    if data is not None:
        _check_data(st, rec, data)
    elif not rec.links:
        st.problem(line, f"entry {rec.title!r} has no link", "warning")


def _check_data(st: ParseState, rec: RawRecord, data: dict[str, Any]) -> None:
    """Warn when the visible entry was edited but its data comment was not (the data wins)."""
    changed = []
    if title_key(rec.title) != title_key(str(data.get("title", "")).rstrip(".")):
        changed.append("title")
    if not set(rec.links.values()) <= set((data.get("links") or {}).values()):
        changed.append("links")
    if changed:
        st.problem(
            rec.line,
            f"the entry's {' and '.join(changed)} differ from its data comment, which is used; "
            "edit both, or delete the comment to import the text",
            "warning",
        )


def read_inline(st: ParseState, nodes: Sequence[Node], line: int, *, in_list: bool) -> bool:
    """Read an entry from inline content if it looks like one; ``False`` when it does not."""
    if not looks_like_entry(nodes, in_list=in_list):
        return False
    if st.skipping:
        st.skipped.add(line)
        return True
    if is_bold_title(nodes):
        read_bold_block(st, nodes, line)
        return True
    men = parse_mention(nodes)
    if men is None:
        st.lost(line, f"links without a title: {plain(nodes)[:60]!r}")
    else:
        commit(st, men, line, cmts=comments(nodes))
    return True


def _content(item: Item) -> tuple[list[Node], list[str]]:
    """An item's inline nodes (its paragraphs, one line each) and its HTML comments."""
    nodes: list[Node] = []
    cmts: list[str] = []
    for block in item.blocks:
        if isinstance(block, Para):
            if nodes:
                nodes.append(Node(BREAK, line=block.line))
            nodes.extend(block.nodes)
        elif isinstance(block, Html):
            cmts.extend(re.findall(r"<!--.*?-->", block.raw, re.DOTALL))
    return nodes, [*comments(nodes), *cmts]


def read_item(st: ParseState, item: Item) -> None:
    """Read a list item and its nested items."""
    for block in item.blocks:
        if isinstance(block, Table):
            read_table(st, block)
    nodes, cmts = _content(item)
    if not looks_like_entry([*nodes, *(Node("html", c) for c in cmts)], in_list=True):
        _group(st, item, nodes)
        return
    if st.skipping:
        st.skipped.add(item.line)
        for child in item.children:
            read_item(st, child)
        return
    attached: list[Link] = []
    entries: list[Item] = []
    for child in item.children:
        child_nodes, child_cmts = _content(child)
        if names_a_work([*child_nodes, *(Node("html", c) for c in child_cmts)]):
            entries.append(child)
        else:
            attached.extend(links_in(child_nodes))
    if is_bold_title(nodes):
        read_bold_block(st, nodes, item.line, extra=attached)
    else:
        men = parse_mention(nodes)
        data = next((d for c in cmts if (d := entry_data(c)) is not None), None)
        if men is None and data is not None:
            men = Mention("data", str(data.get("title", "")))
        if men is None:
            st.lost(item.line, f"links without a title: {plain(nodes)[:60]!r}")
        else:
            commit(st, men, item.line, extra=attached, cmts=cmts)
    for child in entries:
        read_item(st, child)


def _group(st: ParseState, item: Item, nodes: list[Node]) -> None:
    """An item that is not an entry: a heading for its nested items, a table-of-contents line
    or prose."""
    text = plain(nodes)
    if item.children:
        st.groups.extend([text] if text else [])
        try:
            for child in item.children:
                read_item(st, child)
        finally:
            del st.groups[len(st.groups) - (1 if text else 0) :]
    elif text and not any(n.kind == "link" for n in nodes) and not st.skipping:
        st.problem(item.line, f"prose bullet skipped: {text[:60]!r}", "warning")
