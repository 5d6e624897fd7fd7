"""Tables of works: one entry per body row, columns recognised from their header text.

The column naming the work is the best of ``Title``, ``Name``, ``Model``/``Method``/``Dataset``/
``Benchmark``... and ``Paper`` (a ``Paper`` column beside a ``Title`` column holds the paper
links). ``Venue``/``Published in``, ``Date``, ``Year``, ``Code``, ``Project``, ``Demo``,
``Stars``, sizes, pairs, languages, metrics and licences have roles (:data:`.syntax.COLUMN_ROLES`);
any other column is kept under ``notes``. Rows with or without outer pipes, escaped pipes,
``<br>``, badges and star images are markdown-it's business; a row with more cells than the
header keeps the extra ones under ``notes`` and says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .document import Row, Table
from .inline import Node, meaningful, only_image, plain
from .links import Link, add_links, is_decoration, label_kind, links_in
from .normalize import is_empty_cell, parse_date, parse_int, split_venue
from .records import RawRecord
from .state import ParseState
from .syntax import column_role, header_text, kind_of_words, name_rank

#: fields whose table value must be a whole number
_NUMBERS = ("classes", "train_size", "test_size")


def read_table(st: ParseState, table: Table) -> None:
    """Read every body row of ``table`` as an entry (or a problem on its line)."""
    headers = [header_text(c) for c in table.header]
    if st.skipping:
        st.skipped.update(row.line for row in table.rows)
        return
    ranks = [(r, i) for i, h in enumerate(headers) if (r := name_rank(h)) is not None]
    if ranks:
        name_col = min(ranks)[1]
    else:
        name_col = 0
        st.problem(
            table.line,
            f"table without a name/title column; its first column {headers[0]!r} names the works",
            "warning",
        )
    roles = ["name" if i == name_col else column_role(h) for i, h in enumerate(headers)]
    unknown = [h for h, r in zip(headers, roles, strict=True) if not r and h]
    if unknown:
        st.problem(
            table.line, f"table columns not recognised, kept under notes: {unknown}", "warning"
        )
    found = kind_of_words(headers[name_col])
    kind = found[0] if found else "paper"
    plain_headers = [plain(c) for c in table.header]
    for row in table.rows:
        _row(st, row, plain_headers, roles, name_col, kind)


def _name(cell: Sequence[Node]) -> tuple[str, Link | None]:
    """The name of the work in a cell, and the link it carries when the name is a link.

    Star badges, ``<br>`` and stray brackets around the name are not part of it;
    ``**[Title](url)**`` is a title link like ``[**Title**](url)``.
    """
    shown: list[Node] = []
    for n in meaningful(cell):
        if n.kind == "image" or (n.kind == "link" and only_image(n) is not None):
            continue
        inner = meaningful(n.children)
        if n.kind in ("strong", "em") and inner and all(c.kind == "link" for c in inner):
            shown.extend(inner)
        else:
            shown.append(n)
    text = plain([n for n in shown if n.kind != "link"]).strip(" -|,[]():;")
    titled = [n for n in shown if n.kind == "link" and label_kind(plain(n.children)) is None]
    if not text and titled and plain(titled[0].children):
        title = plain(titled[0].children)
        return title, Link(title, titled[0].url.strip(), titled[0].line)
    if text:
        return plain([n for n in shown if n.kind != "link"]).strip(" -|,[]"), None
    links = [x for x in links_in(shown) if not x.badge]
    return (links[0].label, links[0]) if links else ("", None)


def _row(
    st: ParseState,
    row: Row,
    headers: list[str],
    roles: list[str | None],
    name_col: int,
    kind: str,
) -> None:
    title, url = _name(row.cells[name_col])
    if not title:
        st.lost(row.line, "table row without a name")
        return
    rec = st.record(row.line, "table-row", title, kind=kind)
    if url is not None:
        add_links(rec, [url], "paper", title=True)
    add_links(rec, [x for x in links_in(row.cells[name_col]) if x.badge and not is_decoration(x)])
    notes: list[str] = []
    for h, role, cell in zip(headers, roles, row.cells, strict=False):
        if role is None:
            _note(notes, h, cell)
            continue
        if role == "name":
            continue
        value = plain(cell)
        links = [x for x in links_in(cell) if not is_decoration(x)]
        if role.startswith("links:") or role == "stars":
            if links:
                _links_cell(rec, role, links)
            elif not is_empty_cell(value) and role != "stars":
                st.problem(row.line, f"cell {value!r} under {h!r} has no link", "warning")
            continue
        if is_empty_cell(value):
            continue
        _value(st, rec, row.line, h, role, value, notes)
    if row.extra:
        st.problem(
            row.line,
            f"table row has {len(row.cells) + len(row.extra)} cells, header has "
            f"{len(headers)}; the extra cells are kept under notes",
            "warning",
        )
        notes.extend(row.extra)
    if notes:
        rec.fields["notes"] = "; ".join(notes)


def _note(notes: list[str], header: str, cell: Sequence[Node]) -> None:
    value = plain(cell)
    urls = [x.url for x in links_in(cell) if not x.badge]
    if urls:
        value = f"{value} ({', '.join(urls)})" if value else ", ".join(urls)
    if header and not is_empty_cell(value):
        notes.append(f"{header}: {value}")


def _links_cell(rec: RawRecord, role: str, links: list[Link]) -> None:
    key = role.removeprefix("links:") if role != "stars" else "code"
    if key == "paper":
        # a paper column beside the name column may give the paper's own title
        titled = [x for x in links if not x.badge and label_kind(x.label) is None]
        if titled and len(titled[0].label.split()) >= 4 and len(rec.title.split()) <= 3:
            rec.short, rec.title = rec.title, titled[0].label
    add_links(rec, links, key)


def _value(
    st: ParseState, rec: RawRecord, line: int, header: str, role: str, value: str, notes: list[str]
) -> None:
    if role == "venue":
        v, y, extra = split_venue(value)
        rec.venue, rec.year = v, y or rec.year
        if extra:
            rec.fields["venue_extra"] = extra
    elif role == "year":
        y = parse_int(value)
        if y is None:
            st.problem(line, f"year {value!r} is not a number", "warning")
        else:
            rec.year = y
    elif role in _NUMBERS:
        num = parse_int(value)
        if num is None:
            st.problem(line, f"{header} {value!r} is not a number; kept under notes", "warning")
            notes.append(f"{header}: {value}")
        else:
            rec.fields[role] = num
    elif role == "authors":
        rec.authors = [a.strip() for a in value.split(",") if a.strip()]
    elif role == "date":
        date = parse_date(value)
        if date is None:
            st.problem(line, f"date {value!r} not understood; kept under notes", "warning")
            notes.append(f"{header}: {value}")
        else:
            rec.date = date
    elif role == "modalities":
        rec.fields[role] = [m.strip() for m in re.split(r"[,;/+&]|\band\b", value) if m.strip()]
    elif role == "pairs":
        # "Num of Audio-Text Pairs": the count and what it counts, as a size
        m = re.search(r"([\w-]+\s+pairs)", header, re.IGNORECASE)
        rec.fields["size"] = f"{value} {m.group(1).lower()}" if m else value
    else:
        rec.fields[role] = value
