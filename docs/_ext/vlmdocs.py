"""A fix to this site's HTML that Sphinx and the theme leave open (the reference pages are
generated Markdown: see ``reference.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


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
    """Register the caption fix."""
    app.connect("html-page-context", caption_levels, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
