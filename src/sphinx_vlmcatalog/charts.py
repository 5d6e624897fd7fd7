"""Charts of the catalog: the data behind each chart type, and drawing it with matplotlib.

Pure Python (no Sphinx): :func:`chart_data` turns selected entries into a plain, JSON-able
description of a chart (its numbers, labels and an alt-text sentence), :func:`chart_key` hashes
that description into a stable file name, and :func:`draw_chart` writes it as SVG (for HTML) and
PDF (for LaTeX). Equal data gives byte-identical files: a fixed font (DejaVu Sans, shipped with
matplotlib), glyphs as paths, a fixed SVG id salt and no dates in the metadata.

Figures are made with :class:`matplotlib.figure.Figure` directly, never through pyplot, so no
GUI backend is ever selected or started; each ``savefig`` uses the non-interactive canvas of its
format (SVG or PDF). The SVG suits light and dark pages: a transparent background, mid-grey
text and axes, and series colours of middle lightness. The PDF, meant for paper, uses a darker
grey.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .catalog.entries import Entry
    from .catalog.index import Catalog

#: Chart types and what each shows (the directive's ``:type:`` choices).
CHART_TYPES: dict[str, str] = {
    "year-by-category": "works per year, stacked by top-level category",
    "dataset-size": "dataset sizes (image-text pairs or training samples), log scale",
}

#: Fields ``dataset-size`` can plot.
SIZE_FIELDS: dict[str, str] = {
    "image_text_pairs": "image-text pairs",
    "train_size": "training samples",
}

#: Bump when the drawing code changes, so charts drawn by older code are redrawn.
CHART_VERSION = 4

#: Grey of text, axes and grid in SVG (web pages): about 4:1 on white and 5:1 on near-black.
INK = "#7f7f7f"
#: Darker grey for PDF, which is only ever printed or shown on white paper.
PRINT_INK = "#404040"

#: Series colours of middle lightness (readable on light and dark), by taxonomy position.
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#59a14f",
    "#b07aa1",
    "#edc948",
    "#76b7b2",
    "#ff9da7",
    "#9c755f",
    "#6b8fd6",
)

_COUNT_RE = re.compile(r"^\s*[~≈<>]?\s*([0-9]+(?:\.[0-9]+)?)\s*([KkMmBb]?)\b")
_SCALE = {"": 1, "k": 1e3, "m": 1e6, "b": 1e9}


def parse_count(value: Any) -> float | None:
    """``"1.8B"`` -> 1.8e9, ``"400M"`` -> 4e8, ``50000`` -> 50000.0; None if not a count."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value) if value > 0 else None
    if not isinstance(value, str):
        return None
    match = _COUNT_RE.match(value)
    if match is None:
        return None
    number = float(match.group(1)) * _SCALE[match.group(2).lower()]
    return number if number > 0 else None


def human_count(number: float) -> str:
    """4e8 -> ``400M``; 1.8e9 -> ``1.8B``."""
    for suffix, scale in (("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if number >= scale:
            return f"{number / scale:.3g}{suffix}"
    return f"{number:.0f}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def year_by_category(entries: Sequence[Entry], catalog: Catalog) -> dict[str, Any]:
    """Counts of entries per year, split by the top-level category of their first category."""
    tops = [c.key for c in catalog.categories.values() if c.parent is None]
    counts: Counter[tuple[int, str]] = Counter()
    undated = 0
    for e in entries:
        if e.year is None:
            undated += 1
            continue
        top = e.categories[0].split(".", 1)[0] if e.categories else ""
        counts[(e.year, top)] += 1
    years = sorted({y for y, _ in counts})
    if years:
        years = list(range(years[0], years[-1] + 1))
    keys = sorted(
        {t for _, t in counts},
        key=lambda t: (t not in tops, tops.index(t) if t in tops else 0, t),
    )
    series: list[dict[str, Any]] = []
    for key in keys:
        cat = catalog.categories.get(key)
        series.append(
            {
                "label": cat.title if cat else (key or "Uncategorized"),
                "colour": PALETTE[(tops.index(key) if key in tops else len(tops)) % len(PALETTE)],
                "counts": [counts[(y, key)] for y in years],
            }
        )
    series.sort(key=lambda s: -sum(s["counts"]))
    total = sum(counts.values())
    if years:
        busiest = max(years, key=lambda y: sum(s["counts"][years.index(y)] for s in series))
        per_cat = "; ".join(f"{s['label']} {sum(s['counts'])}" for s in series)
        alt = (
            f"Bar chart of {_plural(total, 'work')} per year from {years[0]} to {years[-1]}, "
            f"stacked by top-level category ({per_cat}). The busiest year is {busiest} with "
            f"{sum(s['counts'][years.index(busiest)] for s in series)}."
        )
    else:
        alt = "Bar chart of works per year: no dated works match."
    if undated:
        alt += f" {_plural(undated, 'work')} without a year are not shown."
    return {
        "type": "year-by-category",
        "years": years,
        "series": series,
        "ylabel": "works",
        "alt": alt,
    }


def dataset_size(entries: Sequence[Entry], field: str) -> dict[str, Any]:
    """Sizes of the entries that state ``field``, sorted by year then size."""
    bars: list[dict[str, Any]] = []
    for e in entries:
        number = parse_count(e.get(field))
        if number is None:
            continue
        bars.append({"label": e.label, "year": e.year, "value": number})
    bars.sort(key=lambda b: (b["year"] or 0, b["value"], b["label"]))
    what = SIZE_FIELDS[field]
    if len(bars) == 1:
        (b,) = bars
        when = f" ({b['year']})" if b["year"] else ""
        alt = f"Bar chart of {what}: {b['label']}{when} with {human_count(b['value'])}."
    elif bars:
        big = max(bars, key=lambda b: b["value"])
        small = min(bars, key=lambda b: b["value"])
        years = sorted(b["year"] for b in bars if b["year"])
        span = ""
        if years:
            span = (
                f" from {years[0]} to {years[-1]}" if years[0] != years[-1] else f" of {years[0]}"
            )
        alt = (
            f"Bar chart, log scale, of {what} in {_plural(len(bars), 'dataset')}{span}: from "
            f"{human_count(small['value'])} ({small['label']}) to {human_count(big['value'])} "
            f"({big['label']})."
        )
    else:
        alt = f"Bar chart of {what}: no dataset in the selection states it."
    return {"type": "dataset-size", "bars": bars, "xlabel": what, "alt": alt}


def chart_data(
    chart_type: str, entries: Sequence[Entry], catalog: Catalog, field: str = "image_text_pairs"
) -> dict[str, Any]:
    """The plain description of a chart of ``chart_type`` over ``entries``.

    :raises ValueError: for an unknown chart type or size field.
    """
    if chart_type == "year-by-category":
        return year_by_category(entries, catalog)
    if chart_type == "dataset-size":
        if field not in SIZE_FIELDS:
            raise ValueError(f"unknown size field {field!r}")
        return dataset_size(entries, field)
    raise ValueError(f"unknown chart type {chart_type!r}")


def chart_key(data: dict[str, Any]) -> str:
    """A stable name for the chart drawn from ``data`` with this drawing code."""
    import matplotlib

    blob = json.dumps([CHART_VERSION, matplotlib.__version__, data], sort_keys=True)
    return "vlmchart-" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _rc(ink: str) -> Any:  # matplotlib types the keys as a Literal of every rcParam
    return {
        "font.family": "DejaVu Sans",
        "font.size": 10.5,
        "svg.fonttype": "path",
        "svg.hashsalt": "sphinx-vlmcatalog",
        "pdf.fonttype": 42,
        "text.color": ink,
        "axes.labelcolor": ink,
        "axes.edgecolor": ink,
        "xtick.color": ink,
        "ytick.color": ink,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.facecolor": "none",
        "figure.facecolor": "none",
        "savefig.transparent": True,
        "legend.frameon": False,
        "path.simplify": False,
    }


def _draw_years(fig: Any, data: dict[str, Any], ink: str) -> None:
    years = data["years"]
    ax = fig.add_subplot()
    bottom = [0] * len(years)
    for s in data["series"]:
        ax.bar(years, s["counts"], bottom=bottom, color=s["colour"], label=s["label"], width=0.8)
        bottom = [b + c for b, c in zip(bottom, s["counts"], strict=True)]
    ax.set_ylabel(data["ylabel"])
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", color=ink, alpha=0.3, linewidth=0.6)
    ax.set_axisbelow(True)
    if years:
        ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    # above the plot, not inside it: a frameless legend over grid lines reads as struck through,
    # and a framed one would need a background colour that suits both light and dark pages
    fig.legend(loc="outside upper center", ncols=3, fontsize=9, columnspacing=1.2)


def _draw_sizes(fig: Any, data: dict[str, Any], ink: str) -> None:
    bars = data["bars"]
    ax = fig.add_subplot()
    labels = [f"{b['label']} ({b['year']})" if b["year"] else b["label"] for b in bars]
    positions = list(range(len(bars)))
    ax.barh(positions, [b["value"] for b in bars], color=PALETTE[0], height=0.7)
    ax.set_xscale("log")
    from matplotlib.ticker import FuncFormatter, NullFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: human_count(v)))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()  # oldest at the top, read like a timeline
    for pos, b in zip(positions, bars, strict=True):
        ax.text(b["value"] * 1.15, pos, human_count(b["value"]), va="center", fontsize=9)
    if bars:
        ax.set_xlim(min(b["value"] for b in bars) / 3, max(b["value"] for b in bars) * 8)
    ax.set_xlabel(data["xlabel"] + " (log scale)")
    ax.grid(axis="x", color=ink, alpha=0.3, linewidth=0.6)
    ax.set_axisbelow(True)


@contextlib.contextmanager
def _quiet_font_subsetting() -> Any:
    """Silence fontTools' INFO lines while the PDF backend subsets fonts, then restore."""
    font_logger = logging.getLogger("fontTools")
    level = font_logger.level
    font_logger.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        font_logger.setLevel(level)


def draw_chart(data: dict[str, Any], directory: Path, key: str) -> None:
    """Write ``<key>.svg`` and ``<key>.pdf`` into ``directory`` unless both exist.

    Each file is written under a temporary name and renamed, so parallel readers drawing the
    same chart never see a half-written file (and the temporary names, starting with a dot,
    never match the ``<key>.*`` glob Sphinx uses to find the candidates).
    """
    targets = [directory / f"{key}.{ext}" for ext in ("svg", "pdf")]
    if all(t.is_file() for t in targets):
        return
    import matplotlib
    from matplotlib.figure import Figure

    directory.mkdir(parents=True, exist_ok=True)
    for target in targets:
        ink = INK if target.suffix == ".svg" else PRINT_INK
        with matplotlib.rc_context(_rc(ink)), _quiet_font_subsetting():
            if data["type"] == "dataset-size":
                height = 1.0 + 0.2 * max(len(data["bars"]), 1)
                fig = Figure(figsize=(6.4, height), layout="tight")
                _draw_sizes(fig, data, ink)
            else:
                fig = Figure(figsize=(6.4, 3.8), layout="constrained")
                _draw_years(fig, data, ink)
            tmp = directory / f".tmp-{os.getpid()}-{target.name}"
            metadata = {"Date": None} if target.suffix == ".svg" else {"CreationDate": None}
            fig.savefig(tmp, format=target.suffix[1:], metadata=metadata)
            os.replace(tmp, target)
