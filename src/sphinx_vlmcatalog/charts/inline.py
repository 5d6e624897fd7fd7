"""HTML pages show each chart as an inline SVG whose bars link to the explorer.

:class:`InlineCharts` runs when a page is written, where the builder is known: for HTML
builders it replaces the figure's image (the PDF, for LaTeX) with the SVG, legend and data
table of :func:`.svg.chart_html`; with an explorer page in the build, each bar links to it
with its query, relative to the page. Other builders keep the image (or its alt text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..assets import page_has_class
from ..config import explorer_page
from ..domain.links import current_builder
from .svg import chart_html

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder


def explorer_link(builder: Builder, docname: str) -> Callable[[str], str] | None:
    """query -> the URL of the explorer with it, from ``docname``; None without an explorer."""
    page = explorer_page(builder)
    if not page:
        return None
    explore = relative_uri(builder.get_target_uri(docname), builder.get_target_uri(page))
    return lambda query: f"{explore}?q={quote(query, safe=':,')}"


class InlineCharts(SphinxPostTransform):
    """Replace the image of each ``vlm-chart`` figure with its SVG in HTML output."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        """Draw every chart of the document."""
        builder = current_builder(self)
        if builder.format != "html":
            return
        link = explorer_link(builder, self.env.docname)
        charts = [f for f in self.document.findall(nodes.figure) if "vlmchart" in f]
        for number, figure in enumerate(charts, start=1):
            image = figure.next_node(nodes.image)
            caption = figure.next_node(nodes.caption)
            data = figure["vlmchart"]
            title = caption.astext() if caption else data["alt"]
            uid = f"vlmchart-{number}"
            html = chart_html(data, uid, title, link)
            raw = nodes.raw("", html, format="html")
            if image is not None:
                image.replace_self(raw)


def add_chart_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the charts' stylesheet to pages with a chart (``html-page-context``)."""
    if page_has_class(doctree, {"vlmcat-chart"}):
        app.add_css_file("vlmcatalog-charts.css")
