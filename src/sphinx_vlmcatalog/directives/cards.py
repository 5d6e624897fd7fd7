"""``vlm-cards`` (a grid) and ``vlm-card`` (one card): entries as cards.

The directives emit generic docutils only: a ``container`` classed ``vlmcat-card`` and
``vlmcat-kind-<kind>`` holding a ``rubric`` (the linked label), paragraphs (full title, badges,
summary) and link references, inside a ``vlmcat-cards`` container for grids. Any builder renders
that readably; in LaTeX a card becomes a small run-in heading with its text, and a classed container
is wrapped in ``sphinxuseclass`` so a preamble can box it. Only for HTML does
:class:`~sphinx_vlmcatalog.transforms.CardsHtmlTransform` add sphinx-design's grid and card classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from ._base import CatalogDirective, entry_class, grid_columns, link_nodes, make_entry_ref

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec

    from ..catalog.entries import Entry


def separator() -> nodes.inline:
    """`` · `` between badges and links: plain output needs it, HTML (real badges) drops it."""
    return nodes.inline(" · ", " · ", classes=["vlmcat-sep"])


class _CardMixin(CatalogDirective):
    def build_card(self, entry: Entry) -> nodes.container:
        """One card: anchor, linked label, full title, badges, summary, link buttons."""
        card = nodes.container(
            classes=["vlmcat-card", f"vlmcat-kind-{entry.kind}", entry_class(entry)]
        )
        self.set_source_info(card)
        card += self.fallback_anchor(entry.id)
        card += nodes.rubric("", "", make_entry_ref(entry), classes=["vlmcat-card-title"])
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


def setup_cards(app: Sphinx) -> None:
    """Register ``vlm-cards`` and ``vlm-card`` (sphinx-design provides the HTML look)."""
    app.setup_extension("sphinx_design")
    app.add_directive("vlm-cards", CatalogCardsDirective)
    app.add_directive("vlm-card", CatalogCardDirective)
