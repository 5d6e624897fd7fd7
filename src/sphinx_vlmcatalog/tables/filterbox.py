"""The filter box and sortable headers of catalog tables in HTML.

Progressive enhancement only: the tables are complete in the static HTML. A post-transform (HTML
formats only) gives each catalog table an id and appends one ``<script type="application/json">``
per page holding what the script needs: for each table its column fields and the numeric sort
keys of its rows (kept with the rows by :mod:`.rows`, so numbers sort exactly as the query layer
sorts them), and, for each entry shown, the fields the query language can test
(:mod:`..catalog.query_data`). The script (``static/vlmcatalog-tables.js``) runs the query
language through ``vlmcatalog-query.js``, the script twin of :mod:`..catalog.query`, so the
filter box accepts exactly what the directives accept. The scripts and the stylesheet are added
at ``html-page-context`` only to pages that have a catalog table.

Header cells of catalog tables also get ``scope="col"``, which docutils does not write.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..assets import page_has_class
from ..catalog.query_data import entry_data, query_meta
from ..domain.catalog_domain import get_catalog
from .rows import catalog_rows

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: Id of the page's JSON data element.
DATA_ID = "vlmcat-data"
#: The class of tables the script enhances.
INTERACTIVE = "vlmcat-interactive"
#: The query language's script (in the package's shared ``static/``).
QUERY_SCRIPT = "vlmcatalog-query.js"


def script_json(data: Any) -> str:
    """JSON that cannot end its ``<script>`` element: every ``<`` is written as ``\\u003c``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class TableDataTransform(SphinxPostTransform):
    """Mark catalog tables interactive and append the page's JSON data (HTML formats only)."""

    default_priority = 220
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        """Give each table an id; collect columns, sort keys and entries; append the script."""
        tables = [
            t
            for t in self.document.findall(nodes.table)
            if "vlmcat-table" in t["classes"] and t.get("vlm_columns")
        ]
        if not tables:
            return
        catalog = get_catalog(self.env)
        info: dict[str, Any] = {}
        shown: dict[str, None] = {}
        for number, table in enumerate(tables, 1):
            if not table["ids"]:
                table_id = f"vlmcat-table-{number}"
                while table_id in self.document.ids:
                    table_id += "x"
                table["ids"].append(table_id)
                self.document.ids[table_id] = table
            table["classes"].append(INTERACTIVE)
            rows: list[list[Any]] = []
            for body in table.findall(catalog_rows):
                for key, _cells, sorts in body["rows"]:
                    if key is None:  # a group heading
                        continue
                    shown[key] = None
                    rows.append([key, list(sorts)])
            info[table["ids"][0]] = {"columns": list(table["vlm_columns"]), "rows": rows}
        entries = {key: entry_data(e) for key in shown if (e := catalog.get(key)) is not None}
        data = {"meta": query_meta(), "tables": info, "entries": entries}
        html = f'<script type="application/json" id="{DATA_ID}">{script_json(data)}</script>\n'
        self.document += nodes.raw("", html, format="html")


def add_table_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the table script and stylesheet to pages with catalog tables (``html-page-context``).

    Sphinx resets the per-page file lists before each page, so these go to this page only.
    """
    if page_has_class(doctree, {INTERACTIVE}):
        app.add_css_file("vlmcatalog-tables.css")
        # deferred scripts run in order: the query language first
        app.add_js_file(QUERY_SCRIPT, defer="defer")
        app.add_js_file("vlmcatalog-tables.js", defer="defer")


def visit_entry(self: HTML5Translator, node: nodes.entry) -> None:
    """A table cell: the usual visitor, then ``scope="col"`` on header cells of catalog tables."""
    type(self).visit_entry(self, node)
    if not isinstance(node.parent.parent, nodes.thead):
        return
    table = node.parent.parent.parent.parent  # entry < row < thead < tgroup < table
    if isinstance(table, nodes.table) and "vlmcat-table" in table["classes"]:
        last = self.body[-1]
        if last.startswith("<th"):
            self.body[-1] = f'<th scope="col"{last[3:]}'
