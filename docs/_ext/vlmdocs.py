"""Two fixes of this site: a section about the web site left out of the PDF, and HTML that
Sphinx and the theme leave open (the reference pages are generated Markdown: see
``reference.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Ids of sections about using the web site (filter boxes, entry pages), not part of the book.
WEB_ONLY_SECTIONS = frozenset({"how-to-read-this-site"})


class DropWebOnlySections(SphinxPostTransform):
    """Remove :data:`WEB_ONLY_SECTIONS` from the PDF.

    An ``{only}`` directive cannot do it: MyST lifts a heading out of a directive. Priority 2:
    before sphinx-vlmcatalog works out the PDF's link targets.
    """

    default_priority = 2
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        """Drop each listed section with its content."""
        for section in list(self.document.findall(nodes.section)):
            if WEB_ONLY_SECTIONS.intersection(section["ids"]):
                section.parent.remove(section)


def caption_levels(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give toctree captions the ``aria-level`` their ``role="heading"`` requires.

    Sphinx writes ``<p class="caption" role="heading">`` without a level (axe-core:
    ``aria-required-attr``, critical), in the page body and in furo's navigation tree, which furo
    computes in its own ``html-page-context`` handler; this one runs after it.
    """
    for key in ("body", "furo_navigation_tree"):
        value = context.get(key)
        if isinstance(value, str):
            context[key] = value.replace(
                '<p class="caption" role="heading">',
                '<p class="caption" role="heading" aria-level="2">',
            )


def setup(app: Sphinx) -> dict[str, object]:
    """Register the PDF's section filter and the caption fix."""
    app.add_post_transform(DropWebOnlySections)
    app.connect("html-page-context", caption_levels, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
