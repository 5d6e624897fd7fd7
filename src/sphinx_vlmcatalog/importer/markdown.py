"""Parse awesome-list Markdown into :class:`RawRecord` items, each with its source line.

Recognised shapes (any number of them per file, under any headings):

* bullets with a back-ticked short name, a title, a venue/year, and a link line below;
* ``* [Venue Year] Title [[Paper](..)][[Code](..)]`` bullets;
* ``- **Name** (2024) - [description](url)`` bullets;
* Markdown tables whose columns are recognised from their header names;
* bold-title blocks: title, italic authors, venue + links, optional ``Note:``, date;
* topic sections (Research Directions, Current Challenges ...): one topic per sub-heading.

Anything that looks like an entry but cannot be read is reported as an error with ``path:line``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .normalize import fix_text
from .records import Problem, RawRecord
from .shapes import ParseState, read_bold_block, read_bullet, read_table
from .syntax import (
    BOLD_TITLE,
    BULLET,
    DEFAULT_TOPIC_SECTIONS,
    HEADING,
    ID_COMMENT,
    TABLE_SEP,
    clean_heading,
    unescape,
)


def parse_markdown(
    text: str,
    path: str,
    list_slug: str,
    topic_sections: Mapping[str, str] | None = None,
    skip_sections: set[str] | frozenset[str] = frozenset(),
) -> tuple[list[RawRecord], list[Problem]]:
    """Parse one awesome list. Returns its records (in source order) and the problems found.

    :param path: shown in problems and stored on records (``path:line``)
    :param list_slug: the list's slug, stored on every record
    :param topic_sections: ``heading (lower case) -> topic_type`` for topic sections
    :param skip_sections: headings (lower case) whose content is not read (one warning each)
    """
    st = ParseState(path, list_slug, topic_sections or DEFAULT_TOPIC_SECTIONS)
    lines = [fix_text(raw.rstrip("\n")) for raw in text.splitlines()]
    i, n = 0, len(lines)
    in_fence = False
    while i < n:
        line = lines[i]
        lineno = i + 1
        stripped = line.strip()
        if stripped.startswith("```"):
            in_fence = not in_fence
            i += 1
            continue
        if in_fence or not stripped:
            i += 1
            continue
        if (
            stripped.startswith("<!--")
            and stripped.endswith("-->")
            and not ID_COMMENT.search(stripped)
        ):
            i += 1
            continue
        m = HEADING.match(line)
        if m:
            _heading(st, len(m.group(1)), clean_heading(m.group(2)), lineno)
            if st.section.lower() in skip_sections:
                st.problem(lineno, f"section {st.section!r} skipped as the mapping asks", "warning")
            i += 1
            continue
        if any(h.lower() in skip_sections for h in st.section_path):
            i += 1
            continue
        if stripped.startswith("|") and i + 1 < n and TABLE_SEP.match(lines[i + 1]):
            i = read_table(st, lines, i)
            continue
        if st.topic is not None or st.topic_type is not None:
            bm = BULLET.match(line)
            if bm:
                _topic_point(st, bm.group(2), lineno)
            i += 1
            continue
        bm = BULLET.match(line)
        if bm:
            i = read_bullet(st, lines, i, bm.group(2))
            continue
        if BOLD_TITLE.match(stripped):
            i = read_bold_block(st, lines, i)
            continue
        i += 1
    return st.records, st.problems


def _heading(st: ParseState, level: int, text: str, lineno: int) -> None:
    for lvl in [k for k in st.headings if k >= level]:
        del st.headings[lvl]
    st.headings[level] = text
    if st.topic_type is not None and level <= st.topic_level:
        st.topic_type, st.topic = None, None
    ttype = st.topic_sections.get(text.lower())
    if ttype:
        st.topic_type, st.topic_level, st.topic = ttype, level, None
    elif st.topic_type is not None and level > st.topic_level:
        st.topic = st.record(lineno, "topic", unescape(text), kind="topic")
        st.topic.fields["topic_type"] = st.topic_type
        st.topic.section = st.section_path[-2] if len(st.section_path) > 1 else ""


def _topic_point(st: ParseState, text: str, lineno: int) -> None:
    point = unescape(re.sub(r"\s+", " ", text).strip())
    if st.topic is None:
        st.problem(lineno, f"point {point!r} is outside any topic heading; skipped", "warning")
        return
    st.topic.points.append(point)
