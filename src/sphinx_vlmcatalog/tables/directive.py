"""``vlm-table``: catalog entries as a real docutils table.

Every builder knows ``table``/``tgroup``/``colspec``/``thead``/``tbody``/``row``/``entry``, so the
table needs no writer of its own. The body is held as data until it is written
(:mod:`.rows`): each cell is its text, a link to the row's entry, or the entry's links, which
keeps a table of thousands of rows cheap to build, transform, store and write. Numeric cells
keep a sort key for client-side sorting: the number a cell states or, for a range or a list of
sizes (``3B/7B/72B``, ``11B-90B``), the largest (:func:`largest_quantity`). Integers of count
fields are written with thousands separators (``1,281,167``) in every format. For LaTeX, long
selections get ``longtable`` and, unless ``:widths:`` is given, a ``tabular_col_spec`` of
wrapping columns weighted by content, so titles wrap and the table fits the text width; HTML
keeps automatic widths unless ``:widths:`` is given (then its ``colgroup`` holds them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes

from ..catalog.custom import BUILTIN, CatalogSchema
from ..catalog.entries import Entry
from ..catalog.fields import QUANTITY_FIELDS, canonical_field, field_value
from ..catalog.issues import Subtype
from ..catalog.ordering import group_entries
from ..catalog.quantities import integer, quantity
from ..config import COMPOSITE_COLUMNS, column_problem, get_config
from ..directive import CatalogDirective, entry_links, is_empty, value_text
from .rows import Cell, Row, make_rows

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.util.typing import OptionSpec

    from ..catalog.ordering import Group

#: Header text of columns whose name does not read well capitalised.
HEADERS = {
    "label": "Name",
    "title+short": "Title",
    "id": "Id",
    "arxiv": "arXiv",
    "doi": "DOI",
    "short": "Short name",
    "top_category": "Area",
    "image_text_pairs": "Image-text pairs",
}
#: Relative LaTeX widths; long text gets more room so it wraps instead of overflowing.
WEIGHTS = {
    "title": 40,
    "title+short": 44,
    "summary": 40,
    "notes": 36,
    "authors": 24,
    "label": 14,
    "short": 12,
    "id": 12,
    "venue": 11,
    "year": 8,  # (7 left "Year" in the header 1pt too wide)
    "links": 13,
    "categories": 18,
    "tags": 16,
    "date": 10,
    # model facts are phrases ("EVA-02 ViT-E/14 pre-trained by masked image modelling")
    "vision_encoder": 22,
    "language_backbone": 20,
    "parameters": 11,
    "task": 18,
    "size": 14,
    "publisher": 16,
}
#: Columns that link to the entry's home, in order of preference (the first present wins).
LINK_COLUMNS = ("label", "id", "title+short", "title", "short")
#: Fields whose cells get a numeric ``vlm_sort`` key.
NUMERIC_FIELDS = frozenset({"year", "classes", "train_size", "test_size"}) | QUANTITY_FIELDS


def header_text(column: str, schema: CatalogSchema = BUILTIN) -> str:
    """Header cell text for a column name (a custom field's label from ``schema``)."""
    label = schema.label(column)
    if label is not None:
        return label
    return HEADERS.get(column, column.replace("_", " ").capitalize())


def _widths(argument: str | None) -> list[int] | str:
    value = (argument or "").strip()
    if value in ("auto", "grid"):
        return value
    parts = re.split(r"[\s,]+", value)
    try:
        widths = [int(p) for p in parts]
    except ValueError:
        widths = []
    if not widths or any(w <= 0 for w in widths):
        msg = "must be 'auto' or positive integers, one per column"
        raise ValueError(msg)
    return widths


class CatalogTableDirective(CatalogDirective):
    """``vlm-table [caption]``: a table of the selected entries."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {
        **CatalogDirective.selection_options,
        **CatalogDirective.common_options,
        "columns": directives.unchanged,
        "group-by": directives.unchanged,
        "group-style": lambda arg: directives.choice(arg, ("rows", "tables")),
        "widths": _widths,
    }

    def run_catalog(self) -> list[Node]:
        """Validate options, select, and build one table (or one per group)."""
        columns = self.parse_columns()
        widths = self.options.get("widths")
        if isinstance(widths, list) and len(widths) != len(columns):
            raise self.error(f"{len(widths)} widths given for {len(columns)} columns")
        group_field = self.parse_group_by()
        entries = self.select()
        if entries is None:
            return []
        if not entries:
            return [nodes.paragraph("", "No matching entries.", classes=["vlmcat-empty"])]
        caption = self.arguments[0] if self.arguments else ""
        if group_field is None:
            return self.build_table(caption, columns, [(None, entries)], True)
        groups = group_entries(entries, group_field, self.catalog)
        if group_field in ("categories", "top_category"):
            self.note_taxonomy()
        if self.options.get("group-style", "rows") == "rows":
            return self.build_table(caption, columns, [(g, list(g.entries)) for g in groups], True)
        result: list[Node] = []
        for i, group in enumerate(groups):
            title = f"{caption} — {group.title}" if caption else group.title
            result += self.build_table(title, columns, [(None, list(group.entries))], i == 0)
        return result

    def parse_columns(self) -> list[str]:
        """``:columns:`` (or the configured default); unknown names warn and are dropped."""
        text = self.options.get("columns")
        if text is None:
            return list(get_config(self.env).table_columns)
        columns = []
        for name in re.split(r"[\s,]+", text.strip()):
            if not name:
                continue
            problem = column_problem(name, self.catalog.schema)
            if problem:
                self.warn(f"{problem}; ignored", Subtype.DIRECTIVE)
                continue
            found = canonical_field(name, self.catalog.schema)
            columns.append(name if name in COMPOSITE_COLUMNS else found or name)
        return columns or list(get_config(self.env).table_columns)

    def parse_group_by(self) -> str | None:
        """The canonical ``:group-by:`` field, or None (unknown fields warn)."""
        name = self.options.get("group-by", "").strip()
        if not name:
            return None
        found = canonical_field(name, self.catalog.schema)
        if found is None:
            self.warn(f"unknown group-by field '{name}'; not grouped", Subtype.DIRECTIVE)
        return found

    def build_table(
        self,
        caption: str,
        columns: list[str],
        groups: list[tuple[Group | None, list[Entry]]],
        first: bool,
    ) -> list[Node]:
        """One table (and its LaTeX column spec) for ``groups`` of entries."""
        widths = self.options.get("widths")
        weights = widths if isinstance(widths, list) else [WEIGHTS.get(c, 12) for c in columns]
        link_column = next((c for c in LINK_COLUMNS if c in columns), None)
        shows_taxonomy = [False]
        makers = [self.cell_maker(c, c == link_column, shows_taxonomy) for c in columns]
        sorters = [sort_key_maker(c, self.catalog.schema) for c in columns]
        rows: list[Row] = []
        for group, entries in groups:
            if group is not None:
                rows.append((None, group.title, None))
            rows.extend(
                (
                    entry.id,
                    tuple([make(entry) for make in makers]),
                    tuple([sort(entry) for sort in sorters]),
                )
                for entry in entries
            )
        headers = [header_text(column, self.catalog.schema) for column in columns]
        result = table_nodes(
            self,
            caption,
            list(zip(columns, headers, weights, strict=True)),
            rows,
            first=first,
            widths_given=isinstance(widths, list),
        )
        if shows_taxonomy[0]:
            self.note_taxonomy()
        return result

    def cell_maker(
        self, column: str, link: bool, shows_taxonomy: list[bool]
    ) -> Callable[[Entry], Cell]:
        """A function giving ``column``'s cell for an entry (see :mod:`.rows`), with the
        per-column work done once.

        Sets ``shows_taxonomy[0]`` when a cell shows category titles.
        """
        if column == "links":

            def links_cell(entry: Entry) -> Cell:
                links = entry_links(entry)
                return ("links", links) if links else ""

            return links_cell
        catalog = self.catalog
        taxonomy = column in ("categories", "top_category")
        counts = is_count_column(column, catalog.schema)
        titles: dict[Any, str] = {}  # category keys -> their titles, joined

        def text_of(entry: Entry) -> str:
            if column == "title+short":
                if entry.short and entry.short.casefold() not in entry.title.casefold():
                    return f"{entry.title} ({entry.short})"
                return entry.title
            value = field_value(entry, column)
            if is_empty(value):
                return ""
            if taxonomy:
                shows_taxonomy[0] = True
                text = titles.get(value)
                if text is None:
                    text = titles[value] = value_text(value, catalog, column)
                return text
            if counts:
                grouped = group_digits(value)
                if grouped is not None:
                    return grouped
            return value_text(value, catalog, column)

        if link:

            def link_cell(entry: Entry) -> Cell:
                text = text_of(entry)
                return ("ref", text) if text else ""

            return link_cell
        return text_of


def sort_key_maker(
    column: str, schema: CatalogSchema = BUILTIN
) -> Callable[[Entry], float | int | None]:
    """The numeric sort key of ``column``'s cells (None for text columns and empty cells)."""
    if column not in NUMERIC_FIELDS and not is_number_field(column, schema):
        return lambda entry: None
    return lambda entry: largest_quantity(field_value(entry, column))


#: Where a value like ``3B/7B/72B``, ``250M & 500M``, ``11B-90B`` or ``7B to 13B`` divides:
#: slashes, ampersands, dashes, and a hyphen only between a number (or its suffix) and a digit
#: (``7B-Chat`` and ``ViT-L/14`` stay whole, and do not start with a number anyway).
_RANGE_SEPARATORS = re.compile(
    r"\s*(?:/|&|\u2013|\u2014|\bto\b|\band\b|\bor\b)\s*"
    r"|(?<=[0-9kKmMbBtT])\s*-\s*(?=[~\u2248<>0-9])"
)


def largest_quantity(value: Any) -> float | None:
    """The sort key of a size: the number ``value`` states or, for a range or a list of sizes,
    the largest (``3B/7B/72B`` -> 7.2e10, ``11B-90B`` -> 9e10); None if it states none.

    The catalog's reader (:func:`..catalog.quantities.quantity`) reads the first number, which
    queries and the static ``:sort:`` order use; a reader clicking "Parameters" expects the
    biggest model of a family to count. A value must start with a number to have a key at all.
    """
    first = quantity(value)
    if first is None or not isinstance(value, str):
        return first
    parts = (quantity(part) for part in _RANGE_SEPARATORS.split(value))
    return max((q for q in parts if q is not None), default=first)


#: Value types whose integers are counts, written with thousands separators (not ``year``).
_COUNT_TYPES = frozenset({"int", "number"})


def is_count_column(column: str, schema: CatalogSchema = BUILTIN) -> bool:
    """Whether ``column`` holds counts (``classes``, ``train_size``, a size like ``size``, or a
    number field of the catalog's own)."""
    if column in QUANTITY_FIELDS:
        return True
    try:
        return schema.meta(column)["type"] in _COUNT_TYPES
    except KeyError:  # derived and composite columns
        return False


def is_number_field(column: str, schema: CatalogSchema) -> bool:
    """Whether ``column`` is an integer or number field of the catalog's own."""
    custom = schema.custom(column)
    return custom is not None and custom.vtype in ("int", "number")


def group_digits(value: Any) -> str | None:
    """An integer with thousands separators (``1281167`` or ``"1281167"`` -> ``1,281,167``);
    None for anything else (``400M``, ``~1.2B``, text, booleans)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        number = integer(value)
        if number is None:
            return None
        value = number
    if isinstance(value, int):
        return f"{value:,}"
    return None


def table_nodes(
    directive: CatalogDirective,
    caption: str,
    columns: list[tuple[str, str, int]],
    rows: list[Row],
    *,
    first: bool = True,
    widths_given: bool = False,
) -> list[Node]:
    """A catalog table of ``rows`` (see :mod:`.rows`), and its LaTeX column spec: sortable and
    filterable in HTML, a ``longtable`` when long.

    :param columns: each column's name (the page's sort state), header and LaTeX weight
    :param first: whether the table takes the directive's ``:name:``
    :param widths_given: whether the weights are the directive's ``:widths:``
    """
    weights = [weight for _name, _header, weight in columns]
    table = nodes.table(classes=["vlmcat-table", *directive.options.get("class", [])])
    table["vlm_columns"] = [name for name, _header, _weight in columns]
    if len(rows) > get_config(directive.env).longtable_rows:
        table["classes"].append("longtable")
    table["classes"].append("colwidths-given" if widths_given else "colwidths-auto")
    directive.set_source_info(table)
    if caption:
        inline, messages = directive.parse_inline(caption)
        table += nodes.title(caption, "", *inline)
        table += messages
    if first:
        directive.add_name(table)
    tgroup = nodes.tgroup(cols=len(columns))
    table += tgroup
    tgroup.extend(nodes.colspec(colwidth=w) for w in weights)
    head_row = nodes.row()
    for _name, header, _weight in columns:
        head_row += nodes.entry("", nodes.Text(header))
    tgroup += nodes.thead("", head_row)
    body = make_rows(rows, len(columns), [])
    body["anchors"] = [
        None if key is None else directive.entry_anchor(key, body) for key, *_ in rows
    ]
    tgroup += body
    result: list[Node] = []
    if not widths_given:
        # LaTeX only: wrapping columns in proportion to their content (HTML skips this node)
        total = sum(weights)
        spec = "".join(rf">{{\raggedright\arraybackslash}}\X{{{w}}}{{{total}}}" for w in weights)
        result.append(addnodes.tabular_col_spec(spec=spec))
    result.append(table)
    return result
