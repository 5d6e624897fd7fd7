"""``vlm-results``: a leaderboard of the results entries report; and the results tables of
entry pages (an entry's own results; on a benchmark's page, a ranking per metric).

The rows come from a query, ``results:<benchmark ids>`` and the ``:entries:`` filter, which is
recorded like any directive's selection, so a result added to or removed from any entry
re-reads the pages that rank it; the entries shown and the benchmarks are recorded as shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ..catalog.issues import Subtype
from ..catalog.result_checks import metrics_of, results_of, usable
from ..catalog.selection import run_selection
from ..directive import CatalogDirective
from .board import matrix, ranking
from .columns import Column, parse_columns
from .table import board_table, own_results_table

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.util.typing import OptionSpec

    from ..catalog.entries import Entry


class ResultsDirective(CatalogDirective):
    """``vlm-results [caption]``: a ranking of one benchmark, or entries × benchmarks."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {
        "benchmarks": directives.unchanged,
        "entries": directives.unchanged,
        "setting": directives.unchanged,
        "limit": directives.positive_int,
        **CatalogDirective.common_options,
    }

    def run_catalog(self) -> list[Node]:
        """Read the columns, select the entries, and build the table."""
        text = self.options.get("benchmarks", "").strip()
        if not text:
            self.warn(
                "needs :benchmarks: (benchmark ids, each with an optional :metric)",
                Subtype.DIRECTIVE,
            )
            return []
        columns = parse_columns(
            text,
            lambda key: key in self.catalog.entries,
            self.lookup,
            lambda message: self.warn(message, Subtype.DIRECTIVE),
        )
        if not columns:
            return []
        ids = ",".join(dict.fromkeys(column.benchmark.id for column in columns))
        self.options["filter"] = f"results:{ids} {self.options.get('entries', '')}".strip()
        limit = self.options.pop("limit", None)
        entries = self.select()
        if entries is None:
            return []
        setting = self.options.get("setting", "").strip()
        if len(columns) == 1:
            rows = ranking(entries, columns[0], setting)
        else:
            rows = matrix(entries, columns, setting)
        rows = rows[:limit] if limit else rows
        if not rows:
            if entries:  # (select() warned already when no entry matched)
                self.warn(
                    f"no results match the columns and setting {setting!r}", Subtype.EMPTY_RESULT
                )
            return [nodes.paragraph("", "No matching results.", classes=["vlmcat-empty"])]
        caption = self.arguments[0] if self.arguments else ""
        return board_table(self, caption, columns, rows)


def entry_results_tables(directive: CatalogDirective, entry: Entry) -> list[Node]:
    """The results part of an entry's page: its own results, and for a benchmark a ranking of
    each metric that entries report."""
    catalog = directive.catalog
    result: list[Node] = []
    own = tuple(r for r in results_of(entry) if usable(r, catalog.get(r.benchmark)))
    if own:
        directive.note_shown(r.benchmark for r in own)
        result.append(nodes.rubric("Results", "Results"))
        result += own_results_table(directive, own)
    metrics = metrics_of(entry)
    if not metrics:
        return result
    filter_ = f"results:{entry.id}"
    ranked = run_selection(catalog, filter_, "", None)
    directive.domain.note_query(
        directive.env.docname, (filter_, "", None, tuple(e.id for e in ranked))
    )
    directive.note_shown(e.id for e in ranked)
    for metric in metrics:
        rows = ranking(ranked, Column(entry, metric))
        if rows:
            title = f"Reported {metric}" if len(metrics) > 1 else "Reported results"
            result.append(nodes.rubric(title, title))
            result += board_table(directive, "", [Column(entry, metric)], rows)
    return result
