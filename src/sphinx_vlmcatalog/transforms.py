"""Post-transforms: resolve entry links, and give cards sphinx-design's HTML structure.

Both run at write time, when every document has been read, so links may point into other
documents; they only read domain data computed at ``env-updated`` in the main process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .config import get_config
from .nodes import entry_ref
from .store import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: sphinx-design colour of each badge kind.
#: (``info`` is avoided: white on its teal has a contrast of 3:1, below WCAG AA.)
BADGE_COLOURS = {"kind": "primary", "venue": "secondary", "year": "dark"}


class EntryRefResolver(SphinxPostTransform):
    """Turn each :class:`~sphinx_vlmcatalog.nodes.entry_ref` into a link, or plain text.

    One dictionary lookup per node, instead of a ``pending_xref`` through the generic resolver:
    tables with thousands of rows stay cheap. Priority 5 runs before Sphinx's
    ``ReferencesResolver`` (10), though nothing depends on that.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        """Resolve every entry link of the document."""
        domain = get_domain(self.env)
        docname = self.env.docname
        # Sphinx 9 deprecates SphinxTransform.app; its own resolver reads env._app the same way
        app = getattr(self.env, "_app", None) or self.app
        builder = app.builder
        for node in list(self.document.findall(entry_ref)):
            children = list(node.children)
            node.clear()
            ref = domain.make_link(builder, docname, node["entry"], children)
            if ref is None:
                node.replace_self(children)
            else:
                ref["classes"].append("vlmcat-ref")
                node.replace_self(ref)


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


class PlainTablesTransform(SphinxPostTransform):
    """Give table cells the shape text-like writers expect (all formats but HTML and LaTeX).

    Table cells hold a bare ``Text`` to stay lean, which the HTML and LaTeX writers render
    directly; the text writer would wrap it letter by letter and the man writer cannot span
    group header rows. Here bare text gets its paragraph and group rows are unspanned.
    """

    default_priority = 210

    def is_supported(self) -> bool:
        """Everything except the HTML and LaTeX formats."""
        builder_cls = getattr(self.env, "_builder_cls", None)  # Sphinx >= 8.1
        fmt = builder_cls.format if builder_cls is not None else self.app.builder.format
        return fmt not in ("html", "latex")

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


def setup_transforms(app: Sphinx) -> None:
    """Register the post-transforms."""
    app.add_post_transform(EntryRefResolver)
    app.add_post_transform(CardsHtmlTransform)
    app.add_post_transform(PlainTablesTransform)
