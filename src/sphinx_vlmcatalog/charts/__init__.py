"""The ``vlm-chart`` room: figures drawn from the catalog at build time.

- :mod:`.data`: the plain description of each chart type (pure Python);
- :mod:`.draw`: drawing it with matplotlib as SVG (HTML) and PDF (LaTeX);
- :mod:`.directive`: the directive, which selects entries and makes the figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .directive import CatalogChartDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_charts(app: Sphinx) -> None:
    """Register ``vlm-chart``."""
    app.add_directive("vlm-chart", CatalogChartDirective)
