"""The body of a ``vlm-table`` as one node, expanded into table rows only when it is written.

A table of ten thousand entries written as docutils nodes is some two hundred thousand nodes, and
Sphinx walks every one of them in each of its transforms, pickles them, unpickles them and walks
them again in each post-transform, before a writer sees them once. A hand-written ``list-table``
pays all of that too. :class:`catalog_rows` takes the place of the table's ``tbody`` and holds the
rows as plain data (tuples of strings), so the table costs a handful of nodes until the end.

At write time the rows become an ordinary ``tbody`` of ``row``/``entry`` nodes, which the builder's
own translator writes exactly as it writes any table:

* for HTML and LaTeX, :class:`ResolveRows` (a post-transform) looks up the link of every entry
  whose label the table shows, and the translator's visitor expands the rows with those links
  just before writing them (:func:`visit_catalog_rows`);
* for every other format, :class:`ResolveRows` expands the rows at once, so that the usual
  post-transforms (entry links, plain-text cells: :class:`PlainTablesTransform`) see the same
  tree as for any table.

The node also holds the rows' text as one ``Text`` child, so that the search index finds what the
table shows; writers never reach it.

Cells are stored as:

* ``str``: the cell's text (empty for an empty cell);
* ``("ref", text)``: the text, linked to the row's entry;
* ``("links", ((label, url), ...))``: the entry's external links.

A row is ``(entry_id, cells, sort_keys)``, where ``sort_keys`` holds each cell's numeric sort key
(or None); a group heading row is ``(None, title, None)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..directive import entry_class, link_references, one_line
from ..domain.catalog_domain import get_domain
from ..domain.links import current_builder, entry_ref
from ..domain.records import docname_at

if TYPE_CHECKING:
    from sphinx.util.docutils import SphinxTranslator

#: a cell: its text, ``("ref", text)`` or ``("links", ((label, url), ...))``
Cell = str | tuple[str, Any]
#: ``(entry_id, cells, sort_keys)``, or ``(None, heading, None)``
Row = tuple[str | None, Any, tuple[Any, ...] | None]
#: entry id -> the attributes of its label's resolved link, None for an entry without one
Refs = dict[str, dict[str, Any] | None]
#: Formats whose translators expand the rows themselves (the others get them expanded early).
WRITER_FORMATS = ("html", "latex")
#: Formats whose writers render a cell's bare text (the others need it in a paragraph).
BARE_CELL_FORMATS = ("html", "latex")


class catalog_rows(nodes.tbody):  # noqa: N801 (docutils node naming)
    """A table body held as data: ``node["rows"]`` (see the module docstring), ``node["cols"]``,
    and ``node["anchors"]``, each row's id (None for a group heading).

    A ``tbody`` to every transform that looks for one (Sphinx's LaTeX footnote transform puts
    the footnotes of a table's caption first in its body; they are kept when the rows expand).
    """


def make_rows(rows: list[Row], cols: int, anchors: list[str | None]) -> catalog_rows:
    """The node for ``rows`` of a table of ``cols`` columns, with its searchable text.

    :param anchors: each row's id, a link target (None for a group heading)
    """
    node = catalog_rows(rows=rows, cols=cols, anchors=anchors)
    node += nodes.Text("\n".join(_row_texts(rows)))
    return node


def _row_texts(rows: list[Row]) -> list[str]:
    texts = []
    for key, cells, _sorts in rows:
        if key is None:
            texts.append(cells)
            continue
        for cell in cells:
            if cell.__class__ is str:
                texts.append(cell)
            elif cell[0] == "ref":
                texts.append(cell[1])
            else:
                texts.extend(label for label, _url in cell[1])
    return texts


def expand(node: catalog_rows, refs: Refs | None, fmt: str = "") -> nodes.tbody:
    """An ordinary ``tbody`` for the rows of ``node``.

    :param refs: the resolved link of each entry, None for an entry without one; None for
        unresolved ``entry_ref`` nodes that :class:`..domain.links.EntryRefResolver` resolves
        later
    """
    tbody = _empty_body(node)
    tbody.extend(row_nodes(node, refs, fmt))
    return tbody


def _empty_body(node: catalog_rows) -> nodes.tbody:
    """A ``tbody`` holding what transforms put into ``node`` (LaTeX caption footnotes)."""
    return nodes.tbody("", *(c.deepcopy() for c in node.children if isinstance(c, nodes.Element)))


def row_nodes(node: catalog_rows, refs: Refs | None, fmt: str = "") -> Iterator[nodes.row]:
    """Each row of ``node`` as a ``row`` node, made when it is asked for (see :func:`expand`)."""
    span = node["cols"] - 1
    here = [anchor for anchor in node["anchors"] if anchor is not None]
    for data, anchor in zip(node["rows"], node["anchors"], strict=True):
        yield row_node(data, span, refs, anchor, here, fmt)


#: Words longer than this get break points in LaTeX, every :data:`BREAK_EVERY` characters: a
#: table cell cannot hold an unbreakable word wider than its column (varwidth fails with
#: "Extra \\fi" and tabulary with "Dimension too large").
LONG_WORD = 40
BREAK_EVERY = 20
_LONG_WORD_RE = re.compile(rf"\S{{{LONG_WORD + 1},}}")
#: A slash or underscore inside a word ("256M/500M/2.2B", "ViT-L/14", checkpoint names such as
#: "EVA02_CLIP_E_psz14"): LaTeX may break after it.
_BREAK_AFTER_RE = re.compile(r"(?<=\S)[/_](?=\S)")


def cell_text(text: str) -> list[nodes.Node]:
    """``text`` on one line (:func:`..directive.one_line`) as nodes: one ``Text``, or pieces
    with LaTeX-only break points after slashes and underscores inside words and in long words
    (other writers skip the ``raw`` nodes, and HTML breaks long words with CSS)."""
    text = one_line(text)
    breaks = {m.end() for m in _BREAK_AFTER_RE.finditer(text)}
    for match in _LONG_WORD_RE.finditer(text):
        breaks.update(range(match.start() + BREAK_EVERY, match.end(), BREAK_EVERY))
    if not breaks:
        return [nodes.Text(text)]
    ends = sorted(breaks)
    result: list[nodes.Node] = []
    for start, end in zip([0, *ends], [*ends, len(text)], strict=True):
        if start:
            result.append(nodes.raw("", r"\allowbreak{}", format="latex"))
        result.append(nodes.Text(text[start:end]))
    # inside a text element: LaTeX writes a raw node outside one on a line of its own, and
    # the line ends would print as spaces ("ViT-L/ 14"); ``generated`` has no markup of its own
    return [nodes.generated("", "", *(n for n in result if n.astext()))]


def row_node(
    data: Row, span: int, refs: Refs | None, anchor: str | None, here: list[str], fmt: str = ""
) -> nodes.row:
    """The ``row`` node of one row (``span``: the number of columns less one; ``here``: the
    anchors of every row of the table).

    The row's ``anchor`` is its id in HTML (the table script adds a permalink on hover), and a
    target in its first cell in LaTeX (``fmt``), whose writer gives rows no ids.
    """
    key, cells, sorts = data
    if key is None:
        heading = nodes.entry("", nodes.strong(cells, cells), morecols=span)
        return nodes.row("", heading, classes=["vlmcat-group"])
    row = nodes.row(classes=[entry_class(key)])
    for cell, sort in zip(cells, sorts or (), strict=True):
        entry = nodes.entry()
        if sort is not None:
            entry["vlm_sort"] = sort
        if cell.__class__ is str:
            if cell:
                entry += cell_text(cell)
        elif cell[0] == "ref":
            entry += nodes.paragraph("", "", *_label(key, cell[1], refs, here))
        else:
            entry += nodes.paragraph("", "", *link_references(cell[1]))
        row += entry
    if anchor is not None:
        if fmt == "latex":
            _add_target(row, anchor)
        else:
            row["ids"].append(anchor)
    return row


def _add_target(row: nodes.row, anchor: str) -> None:
    """Put the row's target at the end of its first cell's text (in its paragraph, if it has
    one): at the start, LaTeX's anchor would make an empty first line, and the cell's text
    would sit a line below the rest of the row."""
    first = row[0]
    assert isinstance(first, nodes.entry)
    holder: nodes.Element = first
    if len(first) and isinstance(first[0], nodes.paragraph):
        holder = first[0]
    holder.append(nodes.target("", "", ids=[anchor]))


def _label(key: str, text: str, refs: Refs | None, here: list[str]) -> list[nodes.Node]:
    if refs is None:  # (resolved later, never to one of this table's rows: see ResolveRows)
        return [entry_ref(text, "", *cell_text(text), entry=key, here=here)]
    attributes = refs.get(key)
    if attributes is None:
        return cell_text(text)
    return [nodes.reference("", "", *cell_text(text), **attributes)]


def visit_catalog_rows(self: SphinxTranslator, node: catalog_rows) -> None:
    """Write the rows as an ordinary ``tbody`` that takes the node's place, one row at a time.

    Each row is put into the body, written and taken out again, so that a table of fifty
    thousand rows never exists as a million nodes at once.
    """
    tbody = _empty_body(node)
    node.replace_self(tbody)
    self.dispatch_visit(tbody)
    for child in list(tbody.children):
        child.walkabout(self)
    for row in row_nodes(node, node.get("vlm_refs"), self.builder.format):
        tbody += row
        row.walkabout(self)
        tbody.pop()
    self.dispatch_departure(tbody)
    raise nodes.SkipNode


class ResolveRows(SphinxPostTransform):
    """Resolve the label links of compact rows (HTML, LaTeX), or expand the rows (other formats).

    Priority 4: before :class:`..domain.links.EntryRefResolver` (5), which resolves the links of
    rows expanded here.
    """

    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        """Resolve or expand every table body of the document."""
        builder = current_builder(self)
        domain = get_domain(self.env)
        docname = self.env.docname
        for node in list(self.document.findall(catalog_rows)):
            if builder.format not in WRITER_FORMATS:
                node.replace_self(expand(node, None, builder.format))
                continue
            refs: Refs = {}
            here = {anchor for anchor in node["anchors"] if anchor is not None}
            at = docname_at(node)
            for key, cells, _sorts in node["rows"]:
                if key is not None and any(c.__class__ is not str and c[0] == "ref" for c in cells):
                    ref = domain.make_link(builder, docname, key, [], here, at)
                    if ref is not None:
                        ref["classes"].append("vlmcat-ref")
                    refs[key] = None if ref is None else ref.attributes
            node["vlm_refs"] = refs


class PlainTablesTransform(SphinxPostTransform):
    """Give table cells the shape text-like writers expect (all formats but HTML and LaTeX).

    Table cells hold a bare ``Text`` to stay lean, which the HTML and LaTeX writers render
    directly; the text writer would wrap it letter by letter and the man writer cannot span
    group header rows. Here bare text gets its paragraph and group rows are unspanned.
    """

    default_priority = 210

    def is_supported(self) -> bool:
        """Everything except the HTML and LaTeX formats."""
        return current_builder(self).format not in BARE_CELL_FORMATS

    def run(self, **kwargs: Any) -> None:
        """Wrap bare cell text; turn spanning group cells into a first cell plus empty ones."""
        for table in self.document.findall(nodes.table):
            if "vlmcat-table" not in table["classes"]:
                continue
            for cell in list(table.findall(nodes.entry)):
                if cell.children and not isinstance(cell[0], nodes.Body):
                    inline = list(cell.children)
                    cell.clear()
                    cell += nodes.paragraph("", "", *inline)
                span = cell.get("morecols", 0)
                if span:
                    del cell["morecols"]
                    row = cell.parent
                    row.extend(nodes.entry() for _ in range(span))
