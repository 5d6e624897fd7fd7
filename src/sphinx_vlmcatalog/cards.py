"""``vlm-cards`` (a grid) and ``vlm-card`` (one card): entries as cards.

The directives emit generic docutils only: a ``container`` classed ``vlmcat-card`` and
``vlmcat-kind-<kind>`` holding a ``rubric`` (the linked label), paragraphs (full title, badges,
summary) and link references, inside a ``vlmcat-cards`` container for grids. Any builder renders
that readably; in LaTeX a card becomes a small run-in heading with its text, and a classed container
is wrapped in ``sphinxuseclass`` so a preamble can box it. Only for HTML does
:class:`CardsHtmlTransform` add sphinx-design's grid and card classes, and the container visitor
names each card for assistive technology (``role="group"`` with the card's title).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .config import get_config
from .directive import CatalogDirective, entry_class, link_nodes, verbatim
from .domain.links import make_entry_ref

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec
    from sphinx.writers.html5 import HTML5Translator

    from .catalog.entries import Entry

#: sphinx-design colour of each badge kind.
#: (``info`` is avoided: white on its teal has a contrast of 3:1, below WCAG AA.)
BADGE_COLOURS = {"kind": "primary", "venue": "secondary", "year": "dark"}


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


class CardsHtmlTransform(SphinxPostTransform):
    """Give cards and card grids sphinx-design's grid and card classes (HTML builders only).

    Other builders keep the generic containers the directives produced.
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
        for card in cards:
            self.style_card(card)
        default_grid = get_config(self.env).card_columns
        for grid in grids:
            self.style_grid(grid, grid.get("vlm_grid", default_grid))

    @staticmethod
    def style_card(card: nodes.Element) -> None:
        """``sd-card`` with an ``sd-card-body`` holding the title, texts, badges and buttons."""
        in_grid = isinstance(card.parent, nodes.container) and (
            "vlmcat-cards" in card.parent["classes"]
        )
        card["classes"] += ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm"]
        if not in_grid:
            card["classes"].append("sd-mb-3")
        children = list(card.children)
        card.clear()
        body = nodes.container(classes=["sd-card-body"])
        for child in children:
            # anchors stay outside the body, first, like sphinx-design's card ids
            (card if isinstance(child, nodes.target) else body).append(child)
        card += body
        for sep in list(body.findall(_has_class("vlmcat-sep", nodes.inline))):
            sep.parent.replace(sep, nodes.Text(" "))
        for node in body.findall(nodes.Element):
            classes = node["classes"]
            if isinstance(node, nodes.rubric):
                classes += ["sd-card-title", "sd-font-weight-bold"]
            elif isinstance(node, nodes.paragraph):
                classes.append("sd-card-text")
            elif "vlmcat-badge" in classes:
                kind = next(
                    (c.rsplit("-", 1)[1] for c in classes if c.startswith("vlmcat-badge-")), "kind"
                )
                colour = BADGE_COLOURS.get(kind, "secondary")
                classes += ["sd-badge", f"sd-bg-{colour}", f"sd-bg-text-{colour}"]
            elif "vlmcat-button" in classes:
                classes += [
                    "sd-sphinx-override",
                    "sd-btn",
                    "sd-text-wrap",
                    "sd-btn-outline-primary",
                ]

    @staticmethod
    def style_grid(grid: nodes.Element, spec: str) -> None:
        """``sd-container-fluid`` > ``sd-row sd-row-cols-*`` > ``sd-col`` > card."""
        values = spec.split()
        if len(values) == 1:
            values *= 4
        row = nodes.container(
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
        for child in list(grid.children):
            grid.remove(child)
            row += nodes.container("", child, classes=["sd-col", "sd-d-flex-row"])
        grid += row
        grid["classes"] += ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"]


def visit_container(self: HTML5Translator, node: nodes.container) -> None:
    """A container; cards become groups named by their title.

    docutils writes a container as a bare ``<div>``: the usual visitor runs, and the start tag
    it wrote gets ``role="group"`` and an ``aria-label`` (the card's title, attribute-escaped).
    Other containers are written exactly as before.
    """
    type(self).visit_container(self, node)
    if "vlmcat-card" not in node["classes"]:
        return
    title = node.next_node(nodes.rubric)
    label = title.astext().strip() if title is not None else ""
    attributes = 'role="group"'
    if label:
        attributes += f' aria-label="{escape(label, quote=True)}"'
    last = self.body[-1]
    if last.startswith("<div"):
        self.body[-1] = f"<div {attributes}{last[4:]}"


def setup_cards(app: Sphinx) -> None:
    """Register ``vlm-cards`` and ``vlm-card`` (sphinx-design provides the HTML look)."""
    app.setup_extension("sphinx_design")
    app.add_directive("vlm-cards", CatalogCardsDirective)
    app.add_directive("vlm-card", CatalogCardDirective)
    app.add_post_transform(CardsHtmlTransform)
    app.add_node(nodes.container, override=True, html=(visit_container, None))
