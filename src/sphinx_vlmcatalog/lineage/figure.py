"""The lineage figure as docutils nodes, and how HTML and LaTeX write it.

:func:`lineage_figure` makes a :class:`lineage_figure` holding the graph (a
:class:`lineage_graph` whose data is plain, with one entry link per drawn entry as children, so
the domain's resolver fills in each entry's home as for any other link), the relations as a list
(the text alternative) and a caption. HTML writes a ``<figure>``: the SVG in a box that scrolls
sideways on narrow screens, the list in a ``<details>``, and the ``<figcaption>``. LaTeX writes a
``figure`` float with a ``tikzpicture`` (entries linked with ``\\hyperref`` where they have a
home in the PDF). Other builders get the caption and the list (:class:`LineagePlainTransform`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_id

from ..directive import verbatim
from ..domain.links import current_builder, make_entry_ref
from .graph import Column, Edge, Lineage, collect_lineage, lineage_kinds
from .svg import Shown, lineage_svg
from .tex import lineage_tikz

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

    from ..catalog.entries import Entry
    from ..directive import CatalogDirective


class lineage_figure(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """The figure: a :class:`lineage_graph`, a :class:`lineage_list` and a caption."""


class lineage_graph(nodes.General, nodes.Element):  # noqa: N801
    """The drawing; ``graph`` holds plain data, the children are the drawn entries' links."""


class lineage_list(nodes.General, nodes.Element):  # noqa: N801
    """The relations as a list: the drawing's text alternative."""


class lineage_caption(nodes.Part, nodes.TextElement):  # noqa: N801
    """The figure's caption (its accessible name in HTML)."""


def lineage_figure_for(
    directive: CatalogDirective,
    entry: Entry,
    hops: int = 2,
    caption: list[nodes.Node] | None = None,
) -> lineage_figure | None:
    """The figure of ``entry``'s lineage, or None when it has no lineage relation.

    Every entry the walk reached is recorded as shown, hidden ones too: their relations and
    place in the catalog decide what is drawn, so a change to any of them re-reads the page.
    """
    catalog = directive.catalog
    lineage = collect_lineage(catalog, entry.id, hops)
    if lineage.is_empty:
        return None
    directive.note_shown(lineage.reached)
    directive.domain.note_refs(directive.env.docname, lineage.shown)
    schema = catalog.schema
    document = directive.state.document
    figure_id = make_id(directive.env, document, "vlmcat-lineage", entry.id)
    figure = verbatim(lineage_figure(ids=[figure_id], classes=["vlmcat-lineage"]))
    document.ids[figure_id] = figure
    entries = {key: catalog.entries[key] for key in lineage.shown}
    wording = {k: schema.relation_kinds.get(k, k) for k in lineage.kinds}
    before = sum(len(c.ids) + c.hidden for c in lineage.columns if c.distance < 0)
    after = sum(len(c.ids) + c.hidden for c in lineage.columns if c.distance > 0)
    graph = lineage_graph(
        graph={
            "root": lineage.root,
            "columns": [[c.distance, list(c.ids), c.hidden] for c in lineage.columns],
            "edges": [[e.source, e.target, e.kind] for e in lineage.edges],
            "labels": {k: e.label for k, e in entries.items()},
            "tooltips": {k: _tooltip(e) for k, e in entries.items()},
            "wording": wording,
            "kinds": list(lineage_kinds(catalog)),
            "desc": f"{before} entries {entry.label} comes from and {after} that come from it,"
            f" up to {hops} steps each way. The list after the figure names every relation.",
        }
    )
    graph.extend(make_entry_ref(e) for e in entries.values())
    figure += graph
    figure += _relations_list(lineage, entries, wording)
    if caption is None:
        text = f"The lineage of {entry.label}: what it builds on and what builds on it."
        caption = [nodes.Text(text)]
    figure += lineage_caption("", "", *caption)
    return figure


def _tooltip(entry: Entry) -> str:
    details = ", ".join(str(v) for v in (entry.kind, entry.year) if v)
    return f"{entry.title} ({details})"


def _relations_list(
    lineage: Lineage, entries: dict[str, Entry], wording: dict[str, str]
) -> lineage_list:
    """One item a relation ("LLaVA builds on Vicuna"), then how many entries are not drawn."""
    items = nodes.bullet_list(classes=["vlmcat-lineage-relations"])
    for edge in lineage.edges:
        source, target = entries[edge.source], entries[edge.target]
        items += nodes.list_item(
            "",
            nodes.paragraph(
                "",
                "",
                make_entry_ref(source),
                nodes.Text(f" {wording[edge.kind]} "),
                make_entry_ref(target),
            ),
        )
    for column in lineage.columns:
        if column.hidden:
            side = "back" if column.distance < 0 else "on"
            steps = abs(column.distance)
            text = (
                f"{column.hidden} more entries {steps} step{'s' if steps > 1 else ''} {side}"
                " are not shown."
            )
            items += nodes.list_item("", nodes.paragraph(text, text))
    return lineage_list("", items)


def _lineage(data: dict[str, Any]) -> Lineage:
    columns = tuple(Column(d, tuple(ids), hidden) for d, ids, hidden in data["columns"])
    edges = tuple(Edge(s, t, k) for s, t, k in data["edges"])
    return Lineage(data["root"], columns, edges, ())


# ---------------------------------------------------------------------- HTML


def visit_lineage_figure_html(self: HTML5Translator, node: lineage_figure) -> None:
    """Open the ``<figure>`` (its ``<figcaption>`` names it)."""
    self.body.append(self.starttag(node, "figure"))


def depart_lineage_figure_html(self: HTML5Translator, node: lineage_figure) -> None:
    """Close the ``<figure>``."""
    self.body.append("</figure>\n")


def visit_lineage_graph_html(self: HTML5Translator, node: lineage_graph) -> None:
    """The SVG, in a box that scrolls sideways when the page is narrower."""
    data = node["graph"]
    shown: dict[str, Shown] = {}
    keys = [k for _d, ids, _h in data["columns"] for k in ids]
    for key, child in zip(keys, node.children, strict=True):
        href = None
        if isinstance(child, nodes.reference):
            href = child.get("refuri") or "#" + child.get("refid", "")
        shown[key] = Shown(data["labels"][key], data["tooltips"][key], href)
    parent_id = node.parent["ids"][0] if node.parent["ids"] else "vlmcat-lineage"
    caption = node.parent.next_node(lineage_caption)
    svg = lineage_svg(
        _lineage(data),
        shown,
        data["wording"],
        tuple(data["kinds"]),
        title=caption.astext() if caption is not None else "Lineage",
        desc=data["desc"],
        svg_id=f"{parent_id}-svg",
    )
    self.body.append(f'<div class="vlmcat-lineage-scroll">\n{svg}\n</div>\n')
    raise nodes.SkipNode


def visit_lineage_list_html(self: HTML5Translator, node: lineage_list) -> None:
    """Open the ``<details>`` holding the relations as a list."""
    self.body.append(
        '<details class="vlmcat-lineage-list"><summary>The relations as a list</summary>\n'
    )


def depart_lineage_list_html(self: HTML5Translator, node: lineage_list) -> None:
    """Close the ``<details>``."""
    self.body.append("</details>\n")


def visit_lineage_caption_html(self: HTML5Translator, node: lineage_caption) -> None:
    """Open the ``<figcaption>``."""
    self.body.append('<figcaption class="vlmcat-lineage-caption">')


def depart_lineage_caption_html(self: HTML5Translator, node: lineage_caption) -> None:
    """Close the ``<figcaption>``."""
    self.body.append("</figcaption>\n")


# ---------------------------------------------------------------------- LaTeX


def visit_lineage_figure_latex(self: LaTeXTranslator, node: lineage_figure) -> None:
    """Open a ``figure`` float."""
    self.body.append("\n\\begin{figure}[htbp]\n\\centering\n")


def depart_lineage_figure_latex(self: LaTeXTranslator, node: lineage_figure) -> None:
    """Close the float."""
    self.body.append("\\end{figure}\n")


def visit_lineage_graph_latex(self: LaTeXTranslator, node: lineage_graph) -> None:
    """The ``tikzpicture``; entries link where the PDF holds their home."""
    data = node["graph"]
    labels: dict[str, str] = {}
    keys = [k for _d, ids, _h in data["columns"] for k in ids]
    for key, child in zip(keys, node.children, strict=True):
        text = self.escape(" ".join(data["labels"][key].split()))
        uri = child.get("refuri", "") if isinstance(child, nodes.reference) else ""
        if isinstance(child, nodes.reference) and child.get("refid"):
            # a target in the start document, which is the first of the writer's file stack
            uri = f"%{self.curfilestack[0]}#{child['refid']}"
        if uri.startswith("%") and "#" in uri:
            text = rf"\hyperref[{self.idescape(uri[1:].replace('#', ':'))}]{{{text}}}"
        elif uri.startswith(("http://", "https://")):
            text = rf"\href{{{self.encode_uri(uri)}}}{{{text}}}"
        labels[key] = text
    wording = {k: self.escape(w) for k, w in data["wording"].items()}
    self.body.append(lineage_tikz(_lineage(data), labels, wording, tuple(data["kinds"])))
    raise nodes.SkipNode


def skip_node(self: Any, node: nodes.Node) -> None:
    """Write nothing of the node (the PDF shows the drawing, not the list)."""
    raise nodes.SkipNode


def visit_lineage_caption_latex(self: LaTeXTranslator, node: lineage_caption) -> None:
    """Open ``\\caption``."""
    self.body.append("\\caption{")


def depart_lineage_caption_latex(self: LaTeXTranslator, node: lineage_caption) -> None:
    """Close ``\\caption``."""
    self.body.append("}\n")


class LineagePlainTransform(SphinxPostTransform):
    """For builders other than HTML and LaTeX: the caption as a paragraph, then the list."""

    default_priority = 200

    def is_supported(self) -> bool:
        """Every builder but HTML and LaTeX ones."""
        return current_builder(self).format not in ("html", "latex")

    def run(self, **kwargs: Any) -> None:
        """Replace each figure by its caption and list."""
        for figure in list(self.document.findall(lineage_figure)):
            caption = figure.next_node(lineage_caption)
            items = figure.next_node(lineage_list)
            plain: list[nodes.Node] = []
            if caption is not None:
                plain.append(nodes.paragraph("", "", *caption.children))
            if items is not None:
                plain.extend(items.children)
            figure.replace_self(plain)
