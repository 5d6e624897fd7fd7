"""Static files (CSS, JS) for HTML builders: each room ships its own ``static/`` directory.

A room calls :func:`add_static_dir` at ``builder-inited`` so that HTML builders copy its files
into ``_static/`` (LaTeX and other builders get nothing), and adds a script or stylesheet only
to the pages that need it (at ``html-page-context``, checked with :func:`page_has_class`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from collections.abc import Collection
    from pathlib import Path

    from sphinx.application import Sphinx

#: The stylesheet every HTML page gets (tables, cards, lists and entry blocks).
SHARED_CSS = "vlmcatalog.css"


def add_static_dir(app: Sphinx, directory: Path) -> None:
    """Let HTML builders copy the files of ``directory`` into ``_static``."""
    if app.builder.format != "html":
        return
    # a new list rather than append(): the user's conf.py list object stays untouched
    app.config.html_static_path = [*app.config.html_static_path, str(directory)]


def page_has_class(doctree: Any, classes: Collection[str]) -> bool:
    """True if an element of ``doctree`` (None for pages without one) has one of ``classes``."""

    def marked(node: nodes.Node) -> bool:
        return isinstance(node, nodes.Element) and not set(classes).isdisjoint(node["classes"])

    return doctree is not None and doctree.next_node(marked) is not None


def script_json(data: Any) -> str:
    """JSON that cannot end its ``<script>`` element: every ``<`` is written as ``\\u003c``
    (and ``>`` and ``&`` likewise), for ``<script type="application/json">`` data."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
