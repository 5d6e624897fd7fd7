"""Leaderboard rows as a catalog table (:func:`..tables.directive.table_nodes`): sortable and
filterable in HTML like every catalog table, a ``longtable`` in LaTeX when long. Each value is
a link to the text that states it; the entry's name links to the entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..catalog.result_values import Result
from ..tables.directive import table_nodes
from ..tables.rows import Cell, Row
from .board import BoardRow
from .columns import Column

if TYPE_CHECKING:
    from docutils.nodes import Node

    from ..directive import CatalogDirective

#: LaTeX weights of the columns.
_NAME, _VARIANT, _VALUE, _SETTING, _RANK = 13, 15, 9, 15, 4


def value_cell(result: Result | None) -> Cell:
    """A value linked to its source ("" for no result)."""
    return "" if result is None else ("links", ((result.value, result.source),))


def board_table(
    directive: CatalogDirective, caption: str, columns: list[Column], rows: list[BoardRow]
) -> list[Node]:
    """A ranking (one column, with ranks) or a matrix (several) of ``rows``.

    Each setting is said once where it can be: a setting that every value of a column shares is
    named under the table (in the caption when all columns share one), and the Setting column
    lists only the others; it is left out when none are left. A wide matrix stays readable.
    """
    variants = any(row.variant for row in rows)
    ranked = len(columns) == 1
    shared = [_shared_setting(i, rows) for i in range(len(columns))]
    apart = {i for i, setting in enumerate(shared) if setting is None}
    notes = [
        (column.header(), setting)
        for column, setting in zip(columns, shared, strict=True)
        if setting
    ]
    if caption and notes and not apart and len({setting for _h, setting in notes}) == 1:
        caption = f"{caption} ({notes[0][1]})"
        notes = []
    settings = [row.settings(apart) for row in rows]
    spec: list[tuple[str, str, int]] = [("rank", "#", _RANK)] if ranked else []
    spec.append(("label", "Entry", _NAME))
    if variants:
        spec.append(("variant", "Variant", _VARIANT))
    spec += [(column.name, column.header(), _VALUE) for column in columns]
    if any(settings):
        spec.append(("setting", "Setting", _SETTING))
    data: list[Row] = []
    for rank, (row, setting) in enumerate(zip(rows, settings, strict=True), 1):
        cells: list[Cell] = [str(rank)] if ranked else []
        sorts: list[float | None] = [rank] if ranked else []
        cells.append(("ref", row.entry.label))
        sorts.append(None)
        if variants:
            cells.append(row.variant)
            sorts.append(None)
        for cell in row.cells:
            cells.append(value_cell(cell))
            sorts.append(None if cell is None else cell.number)
        if any(settings):
            cells.append(setting)
            sorts.append(None)
        data.append((row.entry.id, tuple(cells), tuple(sorts)))
    return [*table_nodes(directive, caption, spec, data), *_settings_note(notes)]


def _shared_setting(column: int, rows: list[BoardRow]) -> str | None:
    """The setting of every value in ``column``, or None when they differ."""
    found = {cell.setting for row in rows if (cell := row.cells[column]) is not None}
    return found.pop() if len(found) == 1 else None


def _settings_note(notes: list[tuple[str, str]]) -> list[Node]:
    """A list under the table of each column's setting."""
    if not notes:
        return []
    items = nodes.bullet_list(classes=["vlmcat-settings"])
    for header, setting in notes:
        text = f"{header}: {setting}"
        items += nodes.list_item("", nodes.paragraph(text, text))
    lead = "Setting of the values:" if len(notes) == 1 else "Settings of the columns:"
    return [nodes.paragraph(lead, lead, classes=["vlmcat-settings-lead"]), items]


def own_results_table(directive: CatalogDirective, results: tuple[Result, ...]) -> list[Node]:
    """An entry's own results, in the order the catalog gives them: each benchmark (linked),
    metric, value, setting and variant."""
    variants = any(result.variant for result in results)
    spec = [("label", "Benchmark", _NAME), ("metric", "Metric", _VARIANT)]
    spec.append(("value", "Value", _VALUE))
    spec.append(("setting", "Setting", _SETTING))
    if variants:
        spec.append(("variant", "Variant", _VARIANT))
    data: list[Row] = []
    for result in results:
        benchmark = directive.catalog.entries[result.benchmark]
        cells: list[Cell] = [("ref", benchmark.label), result.metric, value_cell(result)]
        cells.append(result.setting)
        if variants:
            cells.append(result.variant)
        sorts = (None, None, result.number, None, *([None] if variants else []))
        data.append((result.benchmark, tuple(cells), sorts))
    return table_nodes(directive, "", spec, data, first=False)
