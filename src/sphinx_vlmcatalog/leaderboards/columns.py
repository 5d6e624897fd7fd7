"""The columns of a leaderboard: ``:benchmarks: mme:total mmbench``.

Each column is a benchmark (the id of a dataset or benchmark entry) and one of the metrics it
declares, written ``id:metric``; without a metric, the benchmark's first. Metric names may hold
spaces (``imagenet-1k:top-1 accuracy``), so a column runs up to the next word that starts with
an entry's id; commas may separate columns too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..catalog.entries import Entry
from ..catalog.result_checks import metrics_of


@dataclass(frozen=True)
class Column:
    """One benchmark and metric of a leaderboard."""

    benchmark: Entry
    metric: str

    @property
    def name(self) -> str:
        """The column's name in the page's sort state (``mme:total``)."""
        return f"{self.benchmark.id}:{self.metric}"

    def header(self) -> str:
        """``MME (total)``; just ``MMBench`` when the benchmark declares one metric."""
        if len(metrics_of(self.benchmark)) == 1:
            return self.benchmark.label
        return f"{self.benchmark.label} ({self.metric})"


def parse_columns(
    text: str,
    known: Callable[[str], bool],
    lookup: Callable[[str], Entry | None],
    warn: Callable[[str], None],
) -> list[Column]:
    """The columns ``text`` names; each one that cannot be used is warned about and left out.

    :param known: whether an id names an entry
    :param lookup: the entry of an id (None if unknown, after a warning of its own)
    """
    specs: list[list[str]] = []
    for part in text.split(","):
        specs.append([])
        for word in part.split():
            if specs[-1] and known(word.partition(":")[0]):
                specs.append([])
            specs[-1].append(word)  # (a later word of a metric name with spaces, or an id)
    specs = [words for words in specs if words]
    columns = []
    for words in specs:
        key, _, metric = " ".join(words).partition(":")
        entry = lookup(key)
        if entry is None:
            continue
        metrics = metrics_of(entry)
        if not metrics:
            warn(f"benchmark '{key}' declares no metrics; column left out")
            continue
        metric = metric.strip() or next(iter(metrics))
        if metric not in metrics:
            declared = ", ".join(repr(m) for m in metrics)
            warn(f"'{key}' has no metric '{metric}' (it declares {declared}); column left out")
            continue
        column = Column(entry, metric)
        if column in columns:
            warn(f"column '{column.name}' is given twice; the repeat is left out")
            continue
        columns.append(column)
    return columns
