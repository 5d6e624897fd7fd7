"""The rows of a leaderboard, from the results that pass :func:`..catalog.result_checks.usable`.

A ranking lists every result on one column, best first; a matrix has a row per entry and
variant and a cell per column. Higher values rank first; ties keep the catalog's order. A
``setting`` narrows both to results whose setting contains it (ignoring case).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..catalog.entries import Entry
from ..catalog.result_checks import results_of, usable
from ..catalog.result_values import Result
from .columns import Column


@dataclass(frozen=True)
class BoardRow:
    """One row: an entry, the variant its numbers are for, and a result per column (or None)."""

    entry: Entry
    variant: str
    cells: tuple[Result | None, ...]

    def settings(self) -> str:
        """The settings of the row's results, each once, in column order."""
        return "; ".join(dict.fromkeys(cell.setting for cell in self.cells if cell is not None))


def results_on(entry: Entry, column: Column, setting: str) -> list[Result]:
    """``entry``'s usable results on ``column`` whose setting contains ``setting``."""
    wanted = setting.lower()
    return [
        result
        for result in results_of(entry)
        if result.benchmark == column.benchmark.id
        and result.metric == column.metric
        and wanted in result.setting.lower()
        and usable(result, column.benchmark)
    ]


def ranking(entries: Iterable[Entry], column: Column, setting: str = "") -> list[BoardRow]:
    """A row per result on ``column``, best first."""
    rows = [
        BoardRow(entry, result.variant, (result,))
        for entry in entries
        for result in results_on(entry, column, setting)
    ]
    return sorted(rows, key=lambda row: -_number(row.cells[0]))


def matrix(entries: Iterable[Entry], columns: list[Column], setting: str = "") -> list[BoardRow]:
    """A row per entry and variant with a result on any column; the first result found for a
    cell fills it. Rows are ordered by their values, column by column, best first."""
    rows: list[BoardRow] = []
    for entry in entries:
        cells: dict[str, list[Result | None]] = {}
        for i, column in enumerate(columns):
            for result in results_on(entry, column, setting):
                row = cells.setdefault(result.variant, [None] * len(columns))
                if row[i] is None:
                    row[i] = result
        rows += [BoardRow(entry, variant, tuple(row)) for variant, row in cells.items()]
    return sorted(rows, key=lambda row: [-_number(cell) for cell in row.cells])


def _number(result: Result | None) -> float:
    return result.number if result is not None else float("-inf")
