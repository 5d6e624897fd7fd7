"""The ``vlm-lineage`` room: where an entry comes from and what comes from it, as a figure.

- :mod:`.graph`: the entries two hops each way along the lineage relations, in columns (pure);
- :mod:`.svg` and :mod:`.tex`: the drawing as inline SVG and as TikZ (pure);
- :mod:`.figure`: the nodes, the text alternative, and the HTML and LaTeX visitors;
- here: the ``vlm-lineage`` directive. Entry pages put the figure after the entry block.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ..catalog.issues import Subtype
from ..directive import CatalogDirective
from . import figure as fig

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec

__all__ = ["CatalogLineageDirective", "lineage_figure_for", "setup_lineage"]
lineage_figure_for = fig.lineage_figure_for


def hops_option(value: str | None) -> int:
    """``:hops:``: 1 or 2."""
    hops = directives.positive_int(value or "")
    if hops > 2:
        raise ValueError("must be 1 or 2")
    return hops


class CatalogLineageDirective(CatalogDirective):
    """``vlm-lineage <id>``: the lineage graph of one entry, with ``:hops:`` and ``:caption:``."""

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {
        **CatalogDirective.common_options,
        "hops": hops_option,
        "caption": directives.unchanged_required,
    }

    def run_catalog(self) -> list[Node]:
        """The figure, or one line saying the entry has no lineage relation."""
        entry = self.lookup(self.arguments[0].strip())
        if entry is None:
            return []
        caption = None
        if self.options.get("caption"):
            caption, messages = self.state.inline_text(self.options["caption"], self.lineno)
            for message in messages:
                self.warn(message.astext(), Subtype.DIRECTIVE)
        figure = fig.lineage_figure_for(self, entry, self.options.get("hops", 2), caption)
        if figure is None:
            text = f"The catalog records no lineage relation of {entry.label}."
            return [nodes.paragraph(text, text, classes=["vlmcat-lineage-none"])]
        figure["classes"] += self.options.get("class", [])
        self.add_name(figure)
        return [figure]


def load_tikz_once(app: Sphinx, doctree: nodes.document, docname: str, loaded: list[bool]) -> None:
    """Load TikZ in a LaTeX build once a document holds a lineage figure (``doctree-resolved``,
    which LaTeX runs before it writes the document's preamble).

    Only then: with TikZ loaded, xelatex crashes on a word of a few thousand letters in a link
    (tests/test_long_words.py), which a hostile catalog can give any list or card.
    """
    if loaded or app.builder.format != "latex":
        return
    if next(doctree.findall(fig.lineage_graph), None) is not None:
        app.add_latex_package("tikz")
        loaded.append(True)


def setup_lineage(app: Sphinx) -> None:
    """Register ``vlm-lineage``, its nodes and TikZ for LaTeX."""
    app.add_directive("vlm-lineage", CatalogLineageDirective)
    app.add_post_transform(fig.LineagePlainTransform)
    app.connect("doctree-resolved", partial(load_tikz_once, loaded=[]))
    app.add_node(
        fig.lineage_figure,
        html=(fig.visit_lineage_figure_html, fig.depart_lineage_figure_html),
        latex=(fig.visit_lineage_figure_latex, fig.depart_lineage_figure_latex),
    )
    app.add_node(
        fig.lineage_graph,
        html=(fig.visit_lineage_graph_html, None),
        latex=(fig.visit_lineage_graph_latex, None),
    )
    app.add_node(
        fig.lineage_list,
        html=(fig.visit_lineage_list_html, fig.depart_lineage_list_html),
        latex=(fig.skip_node, None),
    )
    app.add_node(
        fig.lineage_caption,
        html=(fig.visit_lineage_caption_html, fig.depart_lineage_caption_html),
        latex=(fig.visit_lineage_caption_latex, fig.depart_lineage_caption_latex),
    )
