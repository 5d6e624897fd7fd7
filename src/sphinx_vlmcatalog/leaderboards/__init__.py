"""The ``vlm-results`` room: leaderboards of the numbers entries report (``results``).

- :mod:`.columns`: reading ``:benchmarks:`` (benchmark ids, each with an optional metric);
- :mod:`.board`: the rows of a leaderboard, a ranking of one benchmark or a matrix of entries
  by benchmarks, made from the results that pass :func:`..catalog.result_checks.usable`;
- :mod:`.table`: those rows as a catalog table (sortable and filterable in HTML, a longtable
  in LaTeX), each value linked to the text that states it;
- :mod:`.directive`: the directive, and the results tables of entry pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .directive import ResultsDirective, entry_results_tables

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["entry_results_tables", "setup_leaderboards"]


def setup_leaderboards(app: Sphinx) -> None:
    """Register ``vlm-results``; its tables use the tables room's nodes and scripts."""
    app.add_directive("vlm-results", ResultsDirective)
