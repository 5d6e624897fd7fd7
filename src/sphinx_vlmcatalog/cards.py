"""``vlm-cards`` (a grid) and ``vlm-card`` (one card): entries as cards.

The directives emit generic docutils only: a ``container`` classed ``vlmcat-card`` and
``vlmcat-kind-<kind>`` holding a ``rubric`` (the linked label), paragraphs (full title, badges,
summary) and link references, inside a ``vlmcat-cards`` container for grids. Any builder renders
that readably; in LaTeX a card becomes a small run-in heading with its text, and a classed container
is wrapped in ``sphinxuseclass`` so a preamble can box it. Only for HTML does
:class:`CardsHtmlTransform` rebuild cards and grids as sphinx-design writes its own: plain
``<div>`` elements (:class:`card_div`, never classed ``container``, which Bootstrap and furo
restyle) with the ``sd-*`` grid and card classes; each card is a group named by its title for
assistive technology (``role="group"`` with an ``aria-label``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .config import get_config
from .directive import CatalogDirective, entry_class, link_nodes, verbatim
from .domain.links import make_entry_ref

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.util.docutils import SphinxTranslator
    from sphinx.util.typing import OptionSpec
    from sphinx.writers.html5 import HTML5Translator

    from .catalog.entries import Entry

#: sphinx-design colour of each badge kind; None: an outlined badge in the text's own colour.
#: Themes recolour sphinx-design's palette, and only ``primary`` keeps white text readable on
#: it in all of them (``secondary`` is orange in sphinx-book-theme, 2.5:1; ``dark`` vanishes on
#: a dark page; ``info`` is 3:1 everywhere).
BADGE_COLOURS: dict[str, str | None] = {"kind": "primary", "venue": None, "year": None}


def grid_columns(argument: str | None) -> str:
    """Option converter for a grid spec like ``1 2 3 3`` (cards per row at xs sm md lg)."""
    value = (argument or "").strip()
    parts = value.split()
    if len(parts) not in (1, 4) or not all(p.isdigit() and 1 <= int(p) <= 12 for p in parts):
        msg = "must be 1 or 4 integers from 1 to 12 (xs sm md lg), like '1 2 3 3'"
        raise ValueError(msg)
    return " ".join(parts)


def separator() -> nodes.inline:
    """`` · `` between badges and links: plain output needs it, HTML (real badges) drops it."""
    return nodes.inline(" · ", " · ", classes=["vlmcat-sep"])


class _CardMixin(CatalogDirective):
    def build_card(self, entry: Entry) -> nodes.container:
        """One card: anchor, linked label, full title, badges, summary, link buttons."""
        card = verbatim(
            nodes.container(
                classes=["vlmcat-card", f"vlmcat-kind-{entry.kind}", entry_class(entry.id)]
            )
        )
        self.set_source_info(card)
        anchor = self.fallback_anchor(entry.id)
        card += anchor
        title = make_entry_ref(entry, here=anchor["ids"])
        card += nodes.rubric("", "", title, classes=["vlmcat-card-title"])
        if entry.short:
            card += nodes.paragraph(entry.title, entry.title, classes=["vlmcat-card-subtitle"])
        badges = nodes.paragraph(classes=["vlmcat-badges"])
        for text, kind in (
            (entry.kind, "kind"),
            (entry.venue, "venue"),
            (str(entry.year) if entry.year else None, "year"),
        ):
            if text:
                if len(badges):
                    badges += separator()
                badges += nodes.inline(text, text, classes=["vlmcat-badge", f"vlmcat-badge-{kind}"])
        card += badges
        if entry.summary:
            card += nodes.paragraph(entry.summary, entry.summary, classes=["vlmcat-summary"])
        own = self.custom_values(entry)
        if own:  # the catalog's own fields, as "Label: value" after the summary
            text = "; ".join(own)
            card += nodes.paragraph(text, text, classes=["vlmcat-card-fields"])
        points = entry.get("points")
        if points:  # a topic's points are its content; never leave them out
            card += nodes.bullet_list(
                "",
                *(nodes.list_item("", nodes.paragraph(p, p)) for p in points),
                classes=["vlmcat-points"],
            )
        links = link_nodes(entry, classes=("vlmcat-button",), sep="")
        if links:
            buttons = nodes.paragraph(classes=["vlmcat-buttons"])
            for i, link in enumerate(links):
                if i:
                    buttons += separator()
                buttons += link
            card += buttons
        return card

    def custom_values(self, entry: Entry) -> list[str]:
        """``Label: value`` of each custom field the entry gives, in ``schema.yaml`` order."""
        return [
            f"{custom.label}: {self.field_text(entry, custom.name)}"
            for custom in self.catalog.schema.fields_of(entry.kind)
            if custom.name in entry.extra
        ]


class CatalogCardsDirective(_CardMixin):
    """``vlm-cards``: a responsive grid of cards for the selected entries."""

    option_spec: ClassVar[OptionSpec] = {
        **CatalogDirective.selection_options,
        **CatalogDirective.common_options,
        "columns": grid_columns,
    }

    def run_catalog(self) -> list[Node]:
        """Select and build the grid container; its HTML classes come later."""
        entries = self.select()
        if not entries:
            return []
        grid = nodes.container(classes=["vlmcat-cards", *self.options.get("class", [])])
        if "columns" in self.options:
            grid["vlm_grid"] = self.options["columns"]
        self.set_source_info(grid)
        self.add_name(grid)
        grid.extend(self.build_card(entry) for entry in entries)
        return [grid]


class CatalogCardDirective(_CardMixin):
    """``vlm-card <id>``: one entry as a card."""

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {**CatalogDirective.common_options}

    def run_catalog(self) -> list[Node]:
        """Look the entry up and build its card."""
        entry = self.lookup(self.arguments[0].strip())
        if entry is None:
            return []
        card = self.build_card(entry)
        card["classes"] += self.options.get("class", [])
        self.add_name(card)
        return [card]


def _has_class(name: str, cls: type[nodes.Element] = nodes.container) -> Any:
    def condition(node: nodes.Node) -> bool:
        return isinstance(node, cls) and name in node["classes"]

    return condition


class card_div(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A card, card body, grid, grid row or grid column: a plain ``<div>`` in HTML.

    docutils writes every ``container`` as ``<div class="container">``, and Bootstrap
    (pydata-sphinx-theme, sphinx-book-theme) and furo style that class: cards of unequal width,
    no gutters, no padding. sphinx-design writes its own wrappers without it, and so do we; the
    node exists only in HTML doctrees (:class:`CardsHtmlTransform`).
    """


def _div_from(node: nodes.Element, document: nodes.document, classes: list[str]) -> card_div:
    """A :class:`card_div` taking ``node``'s place, attributes and children (its ids still
    lead to it)."""
    div = card_div(node.rawsource, *node.children)
    div.update_all_atts(node)
    div["classes"] += classes
    div.source, div.line = node.source, node.line
    for node_id in div["ids"]:
        document.ids[node_id] = div
    node.children = []
    node.parent.replace(node, div)
    return div


class CardsHtmlTransform(SphinxPostTransform):
    """Turn cards and card grids into sphinx-design's grid and card structure (HTML only).

    The same ``<div>`` nesting and ``sd-*`` classes sphinx-design writes for ``grid`` and
    ``grid-item-card``, made of :class:`card_div` nodes. Other builders keep the generic
    containers the directives produced.
    """

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        """Wrap card bodies and grid columns, and add the ``sd-*`` classes."""
        # one walk over containers only (the isinstance fast path): a page with a table of
        # thousands of rows and no cards must not pay for a condition call per node
        cards, grids = [], []
        for node in self.document.findall(nodes.container):
            classes = node["classes"]
            if "vlmcat-card" in classes:
                cards.append(node)
            if "vlmcat-cards" in classes:
                grids.append(node)
        default_grid = get_config(self.env).card_columns
        # grids first: their cards then know they are in a grid
        for grid in grids:
            self.style_grid(grid, grid.get("vlm_grid", default_grid))
        for card in cards:
            self.style_card(card)

    def style_card(self, card: nodes.Element) -> None:
        """``sd-card`` with an ``sd-card-body`` holding the title, texts, badges and buttons."""
        in_grid = "sd-col" in card.parent.get("classes", ())
        extra = ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm"]
        if not in_grid:
            extra.append("sd-mb-3")
        div = _div_from(card, self.document, extra)
        children = list(div.children)
        div.clear()
        body = card_div(classes=["sd-card-body"])
        for child in children:
            # anchors stay outside the body, first, like sphinx-design's card ids
            (div if isinstance(child, nodes.target) else body).append(child)
        div += body
        for sep in list(body.findall(_has_class("vlmcat-sep", nodes.inline))):
            sep.parent.replace(sep, nodes.Text(" "))
        for rubric in list(body.findall(nodes.rubric)):
            # a paragraph, not a rubric: themes style ``p.rubric`` as a heading of its own
            # (pydata draws a rule under it); sphinx-design's title is a plain block too
            title = nodes.paragraph(rubric.rawsource, "", *rubric.children)
            title.update_all_atts(rubric)
            title["classes"] += ["sd-card-title", "sd-font-weight-bold"]
            for node_id in title["ids"]:
                self.document.ids[node_id] = title
            rubric.children = []
            rubric.replace_self(title)
        for node in body.findall(nodes.Element):
            classes = node["classes"]
            if isinstance(node, nodes.paragraph):
                if "sd-card-title" not in classes:
                    classes.append("sd-card-text")
            elif "vlmcat-badge" in classes:
                kind = next(
                    (c.rsplit("-", 1)[1] for c in classes if c.startswith("vlmcat-badge-")), "kind"
                )
                colour = BADGE_COLOURS.get(kind)
                classes.append("sd-badge")
                if colour is None:
                    classes.append("vlmcat-badge-plain")
                else:
                    classes += [f"sd-bg-{colour}", f"sd-bg-text-{colour}"]
            elif "vlmcat-button" in classes:
                classes += [
                    "sd-sphinx-override",
                    "sd-btn",
                    "sd-text-wrap",
                    "sd-btn-outline-primary",
                ]

    def style_grid(self, grid: nodes.Element, spec: str) -> None:
        """``sd-container-fluid`` > ``sd-row sd-row-cols-*`` > ``sd-col`` > card."""
        values = spec.split()
        if len(values) == 1:
            values *= 4
        row = card_div(
            classes=[
                "sd-row",
                f"sd-row-cols-{values[0]}",
                *(
                    f"sd-row-cols-{size}-{v}"
                    for size, v in zip(("xs", "sm", "md", "lg"), values, strict=True)
                ),
                "sd-g-3",
                "sd-g-xs-3",
                "sd-g-sm-3",
                "sd-g-md-3",
                "sd-g-lg-3",
            ]
        )
        row.extend(card_div("", child, classes=["sd-col", "sd-d-flex-row"]) for child in grid)
        grid.children = []
        div = _div_from(
            grid, self.document, ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"]
        )
        div += row


def visit_card_div_html(self: HTML5Translator, node: card_div) -> None:
    """``<div>`` with the node's ids and classes; a card is a group named by its title."""
    attributes: dict[str, Any] = {}
    if "vlmcat-card" in node["classes"]:
        title = next(iter(node.findall(_has_class("sd-card-title", nodes.paragraph))), None)
        label = title.astext().strip() if title is not None else ""
        attributes["role"] = "group"
        if label:
            attributes["aria-label"] = label  # starttag escapes attribute values
    # "docutils" as sphinx-design writes it; never "container"
    self.body.append(self.starttag(node, "div", CLASS="docutils", **attributes))


def depart_card_div_html(self: HTML5Translator, node: card_div) -> None:
    """Close the ``<div>``."""
    self.body.append("</div>\n")


def visit_card_div_other(self: SphinxTranslator, node: card_div) -> None:
    """Other writers never meet the node (it is made for HTML only); its children if they do."""


def setup_cards(app: Sphinx) -> None:
    """Register ``vlm-cards`` and ``vlm-card`` (sphinx-design provides the HTML look)."""
    app.setup_extension("sphinx_design")
    app.add_directive("vlm-cards", CatalogCardsDirective)
    app.add_directive("vlm-card", CatalogCardDirective)
    app.add_post_transform(CardsHtmlTransform)
    other = (visit_card_div_other, visit_card_div_other)
    app.add_node(
        card_div,
        html=(visit_card_div_html, depart_card_div_html),
        latex=other,
        text=other,
        man=other,
        texinfo=other,
    )
