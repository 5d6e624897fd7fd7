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

    Settings are said once: when every value shares one, the caption names it (or, without a
    caption, a note under the table). Otherwise a ranking has a Setting column, and a matrix,
    where a column of settings would be as wide as the rest, lists under the table the
    settings of each column and, where they differ, the rows of each.
    """
    variants = any(row.variant for row in rows)
    ranked = len(columns) == 1
    groups = [_setting_groups(i, rows) for i in range(len(columns))]
    settings = {setting for group in groups for setting in group}
    notes = [(column, group) for column, group in zip(columns, groups, strict=True) if group]
    if len(settings) == 1 and caption:
        caption = f"{caption} ({settings.pop()})"
        notes = []
    by_row = ranked and len(settings) > 1
    spec: list[tuple[str, str, int]] = [("rank", "#", _RANK)] if ranked else []
    spec.append(("label", "Entry", _NAME))
    if variants:
        spec.append(("variant", "Variant", _VARIANT))
    spec += [(column.name, column.header(), _VALUE) for column in columns]
    if by_row:
        spec.append(("setting", "Setting", _SETTING))
    data: list[Row] = []
    for rank, row in enumerate(rows, 1):
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
        if by_row:
            cells.append(row.settings())
            sorts.append(None)
        data.append((row.entry.id, tuple(cells), tuple(sorts)))
    note = [] if by_row else _settings_note(notes)
    return [*table_nodes(directive, caption, spec, data), *note]


def _setting_groups(column: int, rows: list[BoardRow]) -> dict[str, list[str]]:
    """The settings of the values in ``column``, each with the rows that have it."""
    groups: dict[str, list[str]] = {}
    for row in rows:
        cell = row.cells[column]
        if cell is not None:
            groups.setdefault(cell.setting, []).append(f"{row.entry.label} {row.variant}".strip())
    return groups


def _settings_note(notes: list[tuple[Column, dict[str, list[str]]]]) -> list[Node]:
    """A list under the table of each column's settings (with their rows where they differ);
    columns whose settings are the same share one item."""
    if not notes:
        return []
    alike: dict[tuple[tuple[str, tuple[str, ...]], ...], list[str]] = {}
    for column, groups in notes:
        key = tuple((setting, tuple(names)) for setting, names in groups.items())
        alike.setdefault(key, []).append(column.header())
    items = nodes.bullet_list(classes=["vlmcat-settings"])
    for key, headers in alike.items():
        if len(key) == 1:
            settings = key[0][0]
        else:
            settings = "; ".join(f"{setting} ({', '.join(names)})" for setting, names in key)
        text = f"{', '.join(headers)}: {settings}"
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
