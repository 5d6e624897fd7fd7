"""Read one awesome list (Markdown) into :class:`.records.RawRecord` items, each with its line.

markdown-it parses the file (:mod:`.document`); this module walks its blocks in order, keeps
the current section, and hands each block to the shape that reads it: tables
(:mod:`.tables`), list items and paragraphs (:mod:`.bullets`), bold-title blocks
(:mod:`.paragraphs`), headings, topics and heading-per-entry lists (:mod:`.headings`). Every
line that looks like an entry ends as a record or as an error with its line number
(:meth:`.state.ParseState.account`); lines in sections the mapping skips are counted apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .bullets import read_inline, read_item
from .data import taxonomy_data
from .document import Block, Heading, Html, Item, Para, Table, read_document
from .headings import is_heading_entry, open_heading, read_heading_entry, topic_block
from .paragraphs import is_bold_heading, italic_venue
from .records import Problem, RawRecord
from .state import ParseState
from .syntax import DEFAULT_TOPIC_SECTIONS
from .tables import read_table

#: the level given to a paragraph that is only a bold phrase: below every real heading
BOLD_HEADING_LEVEL = 7


def read_list(
    text: str,
    path: str,
    list_slug: str,
    topic_sections: Mapping[str, str] | None = None,
    skip_sections: set[str] | frozenset[str] = frozenset(),
    step: Callable[[int, int], None] | None = None,
) -> ParseState:
    """Parse one awesome list; the state holds its records, problems and entry-like lines.

    :param path: shown in problems and stored on records (``path:line``)
    :param list_slug: the list's slug, stored on every record
    :param topic_sections: ``heading (lower case) -> topic_type`` for topic sections
    :param skip_sections: headings (lower case) whose content is not read (one note each)
    :param step: called now and then with the blocks read and the blocks in all
    """
    st = ParseState(
        path,
        list_slug,
        topic_sections or DEFAULT_TOPIC_SECTIONS,
        frozenset(s.lower() for s in skip_sections),
    )
    blocks = read_document(text)
    first_heading = True
    i = 0
    while i < len(blocks):
        if step is not None and i % 100 == 0:
            step(i, len(blocks))
        block = blocks[i]
        if isinstance(block, Heading):
            open_heading(st, block)
            end = _section_end(blocks, i)
            leaf = end == len(blocks) or _level(blocks[end]) <= block.level
            if (
                not first_heading
                and st.topic_type is None
                and not st.skipping
                and is_heading_entry(block, blocks[i + 1 : end], leaf=leaf)
            ):
                del st.headings[block.level]  # the heading names a work, not a section
                read_heading_entry(st, block, blocks[i + 1 : end])
                i = end
                continue
            if first_heading:
                st.title = (block.level, st.headings[block.level])
            first_heading = False
        elif isinstance(block, Html) and (taxonomy := taxonomy_data(block.raw)) is not None:
            st.taxonomy = taxonomy
        elif st.topic_type is not None:
            topic_block(st, block)
        else:
            i += _block(st, block, blocks[i + 1] if i + 1 < len(blocks) else None)
        i += 1
    if step is not None:
        step(len(blocks), len(blocks))
    st.account()
    return st


def _level(block: Block) -> int:
    return block.level if isinstance(block, Heading) else BOLD_HEADING_LEVEL + 1


def _section_end(blocks: list[Block], i: int) -> int:
    """Index of the next heading after ``blocks[i]`` (or the end)."""
    j = i + 1
    while j < len(blocks) and not isinstance(blocks[j], Heading):
        j += 1
    return j


def _block(st: ParseState, block: Block, following: Block | None) -> int:
    """Read one block outside topic sections; returns how many following blocks it used."""
    if isinstance(block, Table):
        read_table(st, block)
    elif isinstance(block, Item):
        read_item(st, block)
    elif isinstance(block, Para):
        heading = is_bold_heading(block.nodes)
        if heading is not None:
            st.headings[BOLD_HEADING_LEVEL] = heading
            return 0
        count = len(st.records)
        if read_inline(st, block.nodes, block.line, in_list=False) and len(st.records) > count:
            rec = st.records[-1]
            if rec.fmt == "bold-block" and isinstance(following, Para):
                return 1 if italic_venue(rec, following.nodes) else 0
    elif isinstance(block, Html):
        read_inline(st, block.nodes, block.line, in_list=False)
    return 0


def parse_markdown(
    text: str,
    path: str,
    list_slug: str,
    topic_sections: Mapping[str, str] | None = None,
    skip_sections: set[str] | frozenset[str] = frozenset(),
) -> tuple[list[RawRecord], list[Problem]]:
    """Parse one awesome list: its records (in source order) and the problems found.

    The same as :func:`read_list`, for callers that need only those two.
    """
    st = read_list(text, path, list_slug, topic_sections, skip_sections)
    return st.records, st.problems
