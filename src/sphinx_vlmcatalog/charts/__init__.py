"""The ``vlm-chart`` room: figures drawn from the catalog at build time.

- :mod:`.data`: the plain description of each chart type (pure Python);
- :mod:`.draw`: drawing it with matplotlib as PDF (LaTeX);
- :mod:`.svg`: drawing it as inline SVG with a data table (HTML; pure Python);
- :mod:`.directive`: the directive, which selects entries and makes the figure;
- :mod:`.inline`: putting the SVG into HTML pages, with links to the explorer;
- ``static/``: the charts' stylesheet.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..assets import add_static_dir
from .directive import CatalogChartDirective
from .inline import InlineCharts, add_chart_assets

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_charts(app: Sphinx) -> None:
    """Register ``vlm-chart``, its HTML drawing and its stylesheet."""
    app.add_directive("vlm-chart", CatalogChartDirective)
    app.add_post_transform(InlineCharts)
    app.connect("html-page-context", add_chart_assets)
    static = Path(__file__).parent / "static"
    app.connect("builder-inited", partial(add_static_dir, directory=static))
