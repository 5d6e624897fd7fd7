"""The ``vlm-table`` room: catalog entries as real docutils tables.

- :mod:`.directive`: the directive (selection, columns, grouping, widths, LaTeX column spec);
- :mod:`.rows`: the table body held as data until it is written, and its writers;
- :mod:`.filterbox`: the filter box and sortable headers in HTML (the page's JSON data, the
  script and stylesheet in ``static/``, ``scope="col"`` on header cells).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from ..assets import add_static_dir
from .directive import CatalogTableDirective
from .filterbox import (
    SingleIdTransform,
    TableDataTransform,
    add_table_assets,
    depart_table_box_html,
    table_box,
    visit_entry,
    visit_table_box_html,
    visit_table_box_other,
)
from .rows import PlainTablesTransform, ResolveRows, catalog_rows, visit_catalog_rows

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_tables(app: Sphinx) -> None:
    """Register ``vlm-table``, its row node and transforms, and its HTML assets."""
    app.add_directive("vlm-table", CatalogTableDirective)
    # the rows' visitor expands them for html (epub, singlehtml) and latex
    rows_visitor = (visit_catalog_rows, None)
    app.add_node(catalog_rows, html=rows_visitor, latex=rows_visitor)
    app.add_node(nodes.entry, override=True, html=(visit_entry, None))
    # the scroll box exists in HTML doctrees only; the others keep the bare table
    other = (visit_table_box_other, visit_table_box_other)
    box_html = (visit_table_box_html, depart_table_box_html)
    app.add_node(table_box, html=box_html, latex=other, text=other, man=other, texinfo=other)
    app.add_post_transform(ResolveRows)
    app.add_post_transform(PlainTablesTransform)
    app.add_post_transform(TableDataTransform)
    app.add_post_transform(SingleIdTransform)
    static = Path(__file__).parent / "static"
    app.connect("builder-inited", partial(add_static_dir, directory=static))
    app.connect("html-page-context", add_table_assets)
