"""The entry shapes of awesome-list Markdown, read into :class:`.records.RawRecord` items:

* bullets with a back-ticked short name, a title, a venue/year, and a link line below;
* ``* [Venue Year] Title [[Paper](..)][[Code](..)]`` bullets;
* ``- **Name** (2024) - [description](url)`` bullets;
* Markdown tables whose columns are recognised from their header names;
* bold-title blocks: title, italic authors, venue + links, optional ``Note:``, date.

Each reader takes the parse state and the lines at an index, and returns the index after what it
read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .normalize import (
    arxiv_id,
    is_empty_cell,
    parse_date,
    parse_int,
    parse_model_description,
    split_venue,
    strip_symbols,
)
from .records import Problem, RawRecord
from .syntax import (
    BOLD_TITLE,
    COMMENT,
    HEADING,
    ID_COMMENT,
    ITALIC_LINE,
    LINK,
    add_links,
    column_role,
    find_links,
    join_continuations,
    link_line_follows,
    unescape,
)


@dataclass
class ParseState:
    path: str
    list_slug: str
    topic_sections: Mapping[str, str]
    records: list[RawRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    headings: dict[int, str] = field(default_factory=dict)
    topic_type: str | None = None
    topic_level: int = 0
    topic: RawRecord | None = None

    @property
    def section_path(self) -> tuple[str, ...]:
        return tuple(t for _, t in sorted(self.headings.items()) if t)

    @property
    def section(self) -> str:
        path = self.section_path
        return path[-1] if path else ""

    def problem(self, line: int, msg: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.path, line, msg, severity))  # type: ignore[arg-type]

    def record(self, line: int, fmt: str, title: str, **kw: object) -> RawRecord:
        rec = RawRecord(
            list=self.list_slug,
            path=self.path,
            line=line,
            fmt=fmt,
            title=title,
            section=self.section,
            section_path=self.section_path,
            **kw,  # type: ignore[arg-type]
        )
        self.records.append(rec)
        return rec


_VENUE_BULLET = re.compile(r"^\[(?P<venue>[^\]\[]+?)\]\s+(?P<title>[^\[]+?)\s*(?P<links>\[\[.*)?$")
_BOLD_BULLET = re.compile(r"^\*\*(?P<name>.+?)\*\*\s*\((?P<year>\d{4})\)\s*[-–—:]?\s*(?P<rest>.*)$")
_TICK_BULLET = re.compile(r"^`(?P<short>[^`]+)`\s*(?P<rest>.*)$")
_TITLE_VENUE = re.compile(r"^(?P<title>.+?)\.\s+(?P<venue>[^.]*?(?:\d{2,4})?[^.]*?)\.?\s*$")


def read_bullet(st: ParseState, lines: list[str], i: int, body: str) -> int:
    lineno = i + 1
    body, i = join_continuations(lines, i, body)
    explicit = ID_COMMENT.search(body)
    body = COMMENT.sub("", body).strip()
    eid = explicit.group(1) if explicit else None
    ekind = explicit.group(2) if explicit else None

    m = _VENUE_BULLET.match(body)
    if m and split_venue(m.group("venue"))[1] is not None:
        venue, year, _ = split_venue(m.group("venue"))
        rec = st.record(
            lineno,
            "venue-bullet",
            m.group("title").strip(),
            venue=venue,
            year=year,
            explicit_id=eid,
        )
        add_links(rec, find_links(m.group("links") or ""))
        if not rec.links:
            st.problem(lineno, f"entry {rec.title!r} has no link")
        return i + 1

    m = _BOLD_BULLET.match(body)
    if m:
        rest = m.group("rest")
        pairs = find_links(rest)
        rec = st.record(
            lineno,
            "bold-bullet",
            m.group("name").strip(),
            year=int(m.group("year")),
            explicit_id=eid,
        )
        if pairs:
            desc = re.sub(r"\s+", " ", pairs[0][0]).strip()
            rec.fields["summary"] = desc
            rec.fields.update(parse_model_description(desc))
            url = pairs[0][1]
            key = (
                "paper"
                if arxiv_id(url) or url.lower().endswith(".pdf")
                else ("model" if "huggingface.co/" in url and "/blog/" not in url else "webpage")
            )
            add_links(rec, [(key, url)], default=key)
            add_links(rec, pairs[1:])
        else:
            rec.fields["summary"] = rest.strip(" -")
            st.problem(lineno, f"entry {rec.title!r} has no link")
        return i + 1

    tick = _TICK_BULLET.match(body)
    link_j = link_line_follows(lines, i)
    inline = find_links(body)
    if tick or explicit or (link_j is not None and not inline):
        short = tick.group("short").strip() if tick else None
        rest = tick.group("rest") if tick else body
        rest_nolinks = LINK.sub("", rest).replace("[]", "").strip()
        tv = _TITLE_VENUE.match(rest_nolinks)
        title, venue, year = rest_nolinks.rstrip(". "), None, None
        if tv:
            v, y, extra = split_venue(tv.group("venue"))
            if (v is not None or y is not None) and not extra:
                title, venue, year = tv.group("title").strip(), v, y
        rec = st.record(
            lineno,
            "tick-bullet",
            unescape(title) or (short or ""),
            short=short,
            venue=unescape(venue) if venue else venue,
            year=year,
            explicit_id=eid,
        )
        if ekind:
            rec.kind = ekind
        pairs = inline
        if link_j is not None:
            pairs = pairs + find_links(lines[link_j])
            i = link_j
        add_links(rec, pairs)
        if not rec.links:
            st.problem(lineno, f"entry {rec.title!r} has no link")
        if venue is None and year is None:
            st.problem(lineno, f"no venue/year found in {rest_nolinks!r}", "warning")
        return i + 1

    if inline:
        rec = st.record(lineno, "link-bullet", inline[0][0], explicit_id=eid)
        add_links(rec, inline)
        st.problem(
            lineno,
            "bullet in an unrecognised format; imported its first link as an entry",
            "warning",
        )
        return i + 1
    if "](#" in body or not body:
        return i + 1  # table of contents
    if body.startswith(("**", "`", "[")):
        st.problem(lineno, f"entry-like bullet without a link: {body[:60]!r}")
    else:
        st.problem(lineno, f"prose bullet skipped: {body[:60]!r}", "warning")
    return i + 1


def read_bold_block(st: ParseState, lines: list[str], i: int) -> int:
    lineno = i + 1
    m = BOLD_TITLE.match(lines[i].strip())
    assert m
    title = m.group("title").strip()
    rec = st.record(lineno, "bold-block", title)
    add_links(rec, find_links(m.group("rest")))
    j = i + 1
    while (
        j < len(lines)
        and lines[j].strip()
        and not BOLD_TITLE.match(lines[j].strip())
        and not HEADING.match(lines[j])
    ):
        s = lines[j].strip()
        s_noslash = s.rstrip("\\").strip()
        im = ITALIC_LINE.match(s)
        date = parse_date(s_noslash)
        if im and not rec.authors:
            names = (im.group("a") or im.group("b") or "").strip()
            rec.authors = [a.strip() for a in names.split(",") if a.strip()]
        elif s_noslash.lower().startswith("note:"):
            rec.fields["summary"] = s_noslash[5:].strip()
        elif date:
            rec.date = date
        elif "](" in s:
            head = s_noslash.split("[", 1)[0].strip(" ,")
            venue, year, extra = split_venue(head)
            rec.fields["venue_text"] = head
            if venue is not None:
                rec.venue, rec.year = venue, year or rec.year
                if extra:
                    rec.fields["venue_extra"] = extra
            add_links(rec, find_links(s))
        else:
            st.problem(j + 1, f"unrecognised line in entry block: {s[:60]!r}", "warning")
        j += 1
    if rec.links and not rec.authors and rec.venue is None:
        # a bold title with inline links may be followed by an italic venue line
        k = j
        while k < len(lines) and not lines[k].strip():
            k += 1
        if k < len(lines):
            im = ITALIC_LINE.match(lines[k].strip())
            if im:
                venue, year, _ = split_venue(im.group("a") or im.group("b"))
                if year is not None:
                    rec.venue, rec.year = venue, year
                    rec.fields["venue_text"] = (im.group("a") or im.group("b") or "").strip()
                    j = k + 1
    if not rec.links:
        st.problem(lineno, f"entry {title!r} has no link")
    return j


def _split_row(line: str) -> list[str]:
    s = line.strip()
    s = s.removeprefix("|")
    s = s.removesuffix("|")
    return [c.strip() for c in s.split("|")]


_CELL_LINK = re.compile(r"^\[(?P<text>.+)\]\((?P<url>[^)\s]+)\)\]?$")


def read_table(st: ParseState, lines: list[str], i: int) -> int:
    header = _split_row(lines[i])
    roles = [column_role(h) for h in header]
    j = i + 2
    rows: list[tuple[int, str]] = []
    while j < len(lines) and lines[j].strip().startswith("|"):
        rows.append((j + 1, lines[j]))
        j += 1
    if "name" not in roles:
        st.problem(
            i + 1,
            f"table without a name/title column skipped ({len(rows)} rows): {' | '.join(header)}",
            "warning",
        )
        return j
    unknown = [h for h, r in zip(header, roles, strict=True) if r is None and h]
    if unknown:
        st.problem(i + 1, f"table columns not recognised, kept under notes: {unknown}", "warning")
    name_col = roles.index("name")
    heading = strip_symbols(header[name_col].replace("*", "")).lower()
    kind = (
        "dataset"
        if "dataset" in heading
        else "benchmark"
        if "benchmark" in heading
        else "model"
        if "model" in heading
        else "paper"
    )
    for lineno, row in rows:
        cells = _split_row(row)
        if len(cells) != len(header):
            st.problem(lineno, f"table row has {len(cells)} cells, header has {len(header)}")
            if len(cells) < len(header):
                cells += [""] * (len(header) - len(cells))
        _table_row(st, lineno, header, roles, cells, name_col, kind)
    return j


def _table_row(
    st: ParseState,
    lineno: int,
    header: list[str],
    roles: list[str | None],
    cells: list[str],
    name_col: int,
    kind: str,
) -> None:
    name = cells[name_col]
    lm = _CELL_LINK.match(name)
    if lm:
        title, url = lm.group("text"), lm.group("url")
    else:
        title, url = name, None
        inner = find_links(name)
        if inner:
            title, url = inner[0]
    title = title.replace("**", "").strip()
    if not title:
        st.problem(lineno, "table row without a name")
        return
    rec = st.record(lineno, "table-row", title, kind=kind)
    if url:
        add_links(rec, [("paper", url)], default="paper")
    notes: list[str] = []
    for h, role, cell in zip(header, roles, cells, strict=False):
        if role in (None, "name", "links") or is_empty_cell(cell):
            if role == "links" and not is_empty_cell(cell):
                pairs = find_links(cell)
                if pairs:
                    add_links(rec, pairs)
                else:
                    st.problem(lineno, f"cell {cell!r} under {h!r} has no link", "warning")
            elif role is None and h and not is_empty_cell(cell):
                notes.append(f"{h}: {cell}")
            continue
        value = cell.replace("**", "").strip()
        if role == "venue":
            v, y, extra = split_venue(value)
            rec.venue, rec.year = v, y or rec.year
            if extra:
                rec.fields["venue_extra"] = extra
        elif role == "year":
            y = parse_int(value)
            if y is None:
                st.problem(lineno, f"year {value!r} is not a number", "warning")
            else:
                rec.year = y
        elif role in ("classes", "train_size", "test_size"):
            num = parse_int(value)
            if num is None:
                st.problem(lineno, f"{h} {value!r} is not a number; kept under notes", "warning")
                notes.append(f"{h}: {value}")
            else:
                rec.fields[role] = num
        elif role == "authors":
            rec.authors = [a.strip() for a in value.split(",") if a.strip()]
        elif role == "date":
            rec.date = parse_date(value) or value
        else:
            rec.fields[role] = value
    if notes:
        rec.fields["notes"] = "; ".join(notes)
