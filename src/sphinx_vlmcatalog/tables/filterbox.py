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

Each catalog table also gets a box of its own (:class:`table_box`): it scrolls sideways when the
table is wider than the column, with its header row sticky, so that nothing is wider than the
text; the script marks the edges that hide columns and, on narrow screens, lays such a table
out as stacked cards. Header cells of catalog tables get ``scope="col"``, which docutils does
not write.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..assets import page_has_class, script_json
from ..catalog.query_data import entry_data, query_meta
from ..config import get_config
from ..domain.catalog_domain import get_catalog
from .directive import WEIGHTS
from .rows import catalog_rows

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import SphinxTranslator
    from sphinx.writers.html5 import HTML5Translator

#: Id of the page's JSON data element.
DATA_ID = "vlmcat-data"
#: The class of tables the script enhances.
INTERACTIVE = "vlmcat-interactive"
#: The class of tables whose ``:widths:`` hold in HTML (docutils' ``colwidths-given``).
WIDTHS_GIVEN = "vlmcat-widths-given"
#: The class of header cells of long-text columns, and the weight (LaTeX share) that makes one.
LONG_COLUMN = "vlmcat-long"
LONG_TEXT_WEIGHT = 24
#: The query language's script (in the package's shared ``static/``).
QUERY_SCRIPT = "vlmcatalog-query.js"


class table_box(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A catalog table's own box in HTML: ``div.vlmcat-table-box > div.vlmcat-scroll``.

    The inner ``<div>`` scrolls (CSS), so a wide table never widens the page; it is a group named
    by the table's caption (``node["label"]``), which the script makes focusable when it
    actually scrolls, so the keyboard can scroll it too. Made for HTML doctrees only, by
    :class:`TableDataTransform`; other writers write just the table.
    """


def visit_table_box_html(self: HTML5Translator, node: table_box) -> None:
    """Open the box and its scrolling region."""
    label = escape(node.get("label") or "Catalog table", quote=True)
    self.body.append(self.starttag(node, "div", CLASS="vlmcat-table-box"))
    self.body.append(f'<div class="vlmcat-scroll" role="group" aria-label="{label}">')


def depart_table_box_html(self: HTML5Translator, node: table_box) -> None:
    """Close the region and the box."""
    self.body.append("</div></div>\n")


def visit_table_box_other(self: SphinxTranslator, node: table_box) -> None:
    """Other writers never meet the box (it is made for HTML only); the table if they do."""


class TableDataTransform(SphinxPostTransform):
    """Mark catalog tables interactive, put each in its scroll box, and append the page's JSON
    data (HTML formats only).

    Priority 220: themes that wrap every table for their own scrolling (furo, at 500) then wrap
    it inside our box, where the stylesheet lets ours be the one that scrolls.
    """

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
            if "colwidths-given" in table["classes"]:
                # the HTML writer drops docutils' own class; the stylesheet needs to know
                table["classes"].append(WIDTHS_GIVEN)
            else:
                mark_long_columns(table)
            title = table.next_node(nodes.title)
            box = table_box(label=title.astext() if title is not None else "")
            # not replace_self(), which would give the box the table's ids and classes
            table.parent.replace(table, box)
            box += table
        schema = catalog.schema
        entries = {
            key: entry_data(e, schema) for key in shown if (e := catalog.get(key)) is not None
        }
        placeholder = get_config(self.env).filter_placeholder
        data = {
            "meta": query_meta(schema),
            "tables": info,
            "entries": entries,
            "placeholder": placeholder,
        }
        html = f'<script type="application/json" id="{DATA_ID}">{script_json(data)}</script>\n'
        self.document += nodes.raw("", html, format="html")


class SingleIdTransform(SphinxPostTransform):
    """Keep a catalog table's ids on the table alone (HTML formats only).

    A theme that wraps tables in a container of its own copying every attribute (furo's
    ``table-wrapper``, at priority 500) writes each id twice; the links go to the first, and
    a page with repeated ids is not valid HTML. Priority 600: after such wrappers.
    """

    default_priority = 600
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        """Drop from a table's wrapper the ids the table itself has."""
        for table in self.document.findall(nodes.table):
            wrapper = table.parent
            if "vlmcat-table" in table["classes"] and isinstance(wrapper, nodes.container):
                wrapper["ids"] = [i for i in wrapper["ids"] if i not in table["ids"]]


def mark_long_columns(table: nodes.table) -> None:
    """Class the header cells of long-text columns (titles, summaries, authors) ``vlmcat-long``:
    the stylesheet keeps them wide enough to read when the table is too wide anyway, rather
    than squeezed to their longest word."""
    columns = table["vlm_columns"]
    for head in table.findall(nodes.thead):
        for row in head.findall(nodes.row):
            for column, cell in zip(columns, row.findall(nodes.entry), strict=False):
                if WEIGHTS.get(column, 0) >= LONG_TEXT_WEIGHT:
                    cell["classes"].append(LONG_COLUMN)


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
