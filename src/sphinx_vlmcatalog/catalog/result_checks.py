"""Results checked against the catalog: the benchmark exists and declares the metric, the
value lies in the metric's range, and no result is given twice.

:func:`check_results` reports each result that fails; :func:`usable` is the same test for one
result, so that pages show only results that pass it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .entries import Entry, SourceRef
from .issues import Issue, Subtype
from .result_values import Result


def usable(result: Result, benchmark: Entry | None) -> bool:
    """Whether ``result`` may be shown: its benchmark declares the metric and the value fits."""
    if benchmark is None:
        return False
    bounds = metrics_of(benchmark).get(result.metric)
    return bounds is not None and bounds[0] <= result.number <= bounds[1]


def metrics_of(entry: Entry) -> Mapping[str, tuple[float, float]]:
    """The metrics an entry declares (none for kinds without the field)."""
    return entry.get("metrics") or {}


def results_of(entry: Entry) -> tuple[Result, ...]:
    """The results an entry reports (none for kinds without the field)."""
    return entry.get("results") or ()


def check_results(entries: Iterable[Entry]) -> list[Issue]:
    """A problem for each result whose benchmark, metric or value the catalog does not bear
    out, and for each result given twice (same benchmark, metric, setting and variant)."""
    entries = list(entries)
    by_id = {e.id: e for e in entries}
    issues: list[Issue] = []
    for e in entries:
        seen: set[tuple[str, str, str, str]] = set()
        for result in results_of(e):
            where = SourceRef(e.source.path, result.line or e.line_of("results").line)
            problem = _problem(result, by_id.get(result.benchmark))
            key = (result.benchmark, result.metric, result.setting, result.variant)
            if problem is None:
                if key in seen:
                    problem = "repeats an earlier one (same metric, setting and variant)"
                seen.add(key)
            if problem is not None:
                subtype = Subtype.UNKNOWN_ENTRY if result.benchmark not in by_id else None
                message = f"entry '{e.id}': result on '{result.benchmark}': {problem}"
                issues.append(Issue(subtype or Subtype.CATALOG_SCHEMA, message, where))
    return issues


def _problem(result: Result, benchmark: Entry | None) -> str | None:
    if benchmark is None:
        return "no entry has that id"
    metrics = metrics_of(benchmark)
    if not metrics:
        return f"that entry declares no metrics (give it metrics: {{{result.metric}: [low, high]}})"
    bounds = metrics.get(result.metric)
    if bounds is None:
        return (
            f"metric '{result.metric}' is not declared there "
            f"(it declares {', '.join(repr(m) for m in metrics)})"
        )
    if not bounds[0] <= result.number <= bounds[1]:
        return (
            f"value {result.value} is outside the range of '{result.metric}' "
            f"({bounds[0]:g} to {bounds[1]:g})"
        )
    return None
