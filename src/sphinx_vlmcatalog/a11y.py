"""Accessibility attributes the HTML writer has no node attribute for.

docutils writes ``<th>`` without ``scope`` and a container as a bare ``<div>``. For the
extension's own tables and cards these HTML visitors call the translator's usual method and then
add to the start tag it wrote: ``scope="col"`` on header cells, and ``role="group"`` with an
``aria-label`` (the card's title, attribute-escaped) on cards. Other tables and containers are
written exactly as before.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


def _in_catalog_table(cell: nodes.Element) -> bool:
    table = cell.parent.parent.parent.parent  # entry < row < thead < tgroup < table
    return isinstance(table, nodes.table) and "vlmcat-table" in table["classes"]


def _add_to_start_tag(self: HTML5Translator, tag: str, attributes: str) -> None:
    """Insert ``attributes`` into the start tag the translator just wrote."""
    last = self.body[-1]
    if last.startswith(f"<{tag}"):
        self.body[-1] = f"<{tag} {attributes}{last[len(tag) + 1 :]}"


def visit_entry(self: HTML5Translator, node: nodes.entry) -> None:
    """A table cell; header cells of catalog tables get ``scope="col"``."""
    type(self).visit_entry(self, node)
    if isinstance(node.parent.parent, nodes.thead) and _in_catalog_table(node):
        _add_to_start_tag(self, "th", 'scope="col"')


def visit_container(self: HTML5Translator, node: nodes.container) -> None:
    """A container; cards become groups named by their title."""
    type(self).visit_container(self, node)
    if "vlmcat-card" in node["classes"]:
        title = node.next_node(nodes.rubric)
        label = title.astext().strip() if title is not None else ""
        attributes = 'role="group"'
        if label:
            attributes += f' aria-label="{escape(label, quote=True)}"'
        _add_to_start_tag(self, "div", attributes)


def setup_a11y(app: Sphinx) -> None:
    """Register the HTML visitors (html, and through it epub and singlehtml)."""
    app.add_node(nodes.entry, override=True, html=(visit_entry, None))
    app.add_node(nodes.container, override=True, html=(visit_container, None))
