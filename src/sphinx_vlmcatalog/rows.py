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
  just before writing them (:func:`visit_catalog_rows`); for HTML, a row that the last build
  wrote the same way is copied instead (:mod:`.row_memo`);
* for every other format, :class:`ResolveRows` expands the rows at once, so that the usual
  post-transforms (entry links, plain-text cells) see the same tree as for any table.

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

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import entry_class, entry_ref, link_references
from .row_memo import RowMemo, forget_removed
from .store import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import SphinxTranslator

#: a cell: its text, ``("ref", text)`` or ``("links", ((label, url), ...))``
Cell = str | tuple[str, Any]
#: ``(entry_id, cells, sort_keys)``, or ``(None, heading, None)``
Row = tuple[str | None, Any, tuple[Any, ...] | None]
#: a resolved link's attributes as ``(name, value)`` pairs, lists as tuples (hashable, so that
#: :class:`.row_memo.RowMemo` can key a row by its link)
Link = tuple[tuple[str, Any], ...]
#: entry id -> the resolved link of its label, None for an entry without one
Refs = dict[str, Link | None]
#: Formats whose translators expand the rows themselves (the others get them expanded early).
WRITER_FORMATS = ("html", "latex")


def frozen(attributes: dict[str, Any]) -> Link:
    """A node's attributes as a :data:`Link`."""
    return tuple(
        (name, tuple(value) if isinstance(value, list) else value)
        for name, value in sorted(attributes.items())
    )


def thawed(link: Link) -> dict[str, Any]:
    """The attributes of a :data:`Link`, to make a node of."""
    return {name: list(value) if isinstance(value, tuple) else value for name, value in link}


class catalog_rows(nodes.tbody):  # noqa: N801 (docutils node naming)
    """A table body held as data: ``node["rows"]`` (see the module docstring), ``node["cols"]``.

    A ``tbody`` to every transform that looks for one (Sphinx's LaTeX footnote transform puts
    the footnotes of a table's caption first in its body; they are kept when the rows expand).
    """


def make_rows(rows: list[Row], cols: int) -> catalog_rows:
    """The node for ``rows`` of a table of ``cols`` columns, with its searchable text."""
    node = catalog_rows(rows=rows, cols=cols)
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


def expand(node: catalog_rows, refs: Refs | None) -> nodes.tbody:
    """An ordinary ``tbody`` for the rows of ``node``.

    :param refs: the resolved link of each entry (:data:`Link`), None for an entry without one;
        None for unresolved ``entry_ref`` nodes that :class:`.transforms.EntryRefResolver`
        resolves later
    """
    tbody = _empty_body(node)
    tbody.extend(row_nodes(node, refs))
    return tbody


def _empty_body(node: catalog_rows) -> nodes.tbody:
    """A ``tbody`` holding what transforms put into ``node`` (LaTeX caption footnotes)."""
    return nodes.tbody("", *(c.deepcopy() for c in node.children if isinstance(c, nodes.Element)))


def row_nodes(node: catalog_rows, refs: Refs | None) -> Iterator[nodes.row]:
    """Each row of ``node`` as a ``row`` node, made when it is asked for (see :func:`expand`)."""
    span = node["cols"] - 1
    for data in node["rows"]:
        yield row_node(data, span, refs)


def row_node(data: Row, span: int, refs: Refs | None) -> nodes.row:
    """The ``row`` node of one row (``span``: the number of columns less one)."""
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
                entry += nodes.Text(cell)
        elif cell[0] == "ref":
            entry += nodes.paragraph("", "", _label(key, cell[1], refs))
        else:
            entry += nodes.paragraph("", "", *link_references(cell[1]))
        row += entry
    return row


def _label(key: str, text: str, refs: Refs | None) -> nodes.Node:
    if refs is None:
        return entry_ref(text, text, entry=key)
    attributes = refs.get(key)
    if attributes is None:
        return nodes.Text(text)
    return nodes.reference("", "", nodes.Text(text), **thawed(attributes))


def visit_catalog_rows(self: SphinxTranslator, node: catalog_rows) -> None:
    """Write the rows as an ordinary ``tbody`` that takes the node's place, one row at a time.

    Each row is put into the body, written and taken out again, so that a table of fifty
    thousand rows never exists as a million nodes at once. For HTML, a row written the same way
    in the last build is copied from :class:`.row_memo.RowMemo` instead.
    """
    tbody = _empty_body(node)
    node.replace_self(tbody)
    self.dispatch_visit(tbody)
    for child in list(tbody.children):
        child.walkabout(self)
    refs = node.get("vlm_refs")
    memo = RowMemo.of(self)
    if memo is None:
        for row in row_nodes(node, refs):
            tbody += row
            row.walkabout(self)
            tbody.pop()
    else:
        _write_rows_reusing(memo, self, node, tbody, refs)
        memo.save()
    self.dispatch_departure(tbody)
    raise nodes.SkipNode


def _write_rows_reusing(
    memo: RowMemo,
    translator: Any,
    node: catalog_rows,
    tbody: nodes.tbody,
    refs: Refs | None,
) -> None:
    """Write the rows, copying those ``memo`` knows and keeping the others' HTML in it."""
    span = node["cols"] - 1
    body = translator.body
    counts = translator._table_row_indices  # the HTML5 translator's row count (odd and even)
    for data in node["rows"]:
        key = memo.key(data, refs, counts[-1] % 2 == 0)
        html = memo.get(key)
        if html is not None:
            body.append(html)
            counts[-1] += 1
            continue
        start = len(body)
        row = row_node(data, span, refs)
        tbody += row
        row.walkabout(translator)
        tbody.pop()
        html = "".join(body[start:])
        del body[start:]
        body.append(html)
        memo.keep(key, html)


class ResolveRows(SphinxPostTransform):
    """Resolve the label links of compact rows (HTML, LaTeX), or expand the rows (other formats).

    Priority 4: before :class:`.transforms.EntryRefResolver` (5), which resolves the links of
    rows expanded here.
    """

    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        """Resolve or expand every table body of the document."""
        app = getattr(self.env, "_app", None) or self.app  # as EntryRefResolver does
        builder = app.builder
        domain = get_domain(self.env)
        docname = self.env.docname
        for node in list(self.document.findall(catalog_rows)):
            if builder.format not in WRITER_FORMATS:
                node.replace_self(expand(node, None))
                continue
            refs: Refs = {}
            for key, cells, _sorts in node["rows"]:
                if key is not None and any(c.__class__ is not str and c[0] == "ref" for c in cells):
                    ref = domain.make_link(builder, docname, key, [])
                    if ref is not None:
                        ref["classes"].append("vlmcat-ref")
                    refs[key] = None if ref is None else frozen(ref.attributes)
            node["vlm_refs"] = refs


def setup_rows(app: Sphinx) -> None:
    """Register the node (its visitor expands it for html, epub, singlehtml and latex)."""
    visitor = (visit_catalog_rows, None)
    app.add_node(catalog_rows, html=visitor, latex=visitor)
    app.add_post_transform(ResolveRows)
    app.connect("env-get-outdated", forget_removed)
