"""Drawing a chart's description (:mod:`.data`) with matplotlib, as PDF (for LaTeX).

:func:`chart_key` hashes the description into a stable file name, and :func:`draw_chart` writes
it as PDF; HTML pages draw their own SVG (:mod:`.svg`). Equal data gives byte-identical files:
a fixed font (DejaVu Sans, shipped with matplotlib) and no dates in the metadata.

Figures are made with :class:`matplotlib.figure.Figure` directly, never through pyplot, so no
GUI backend is ever selected or started; each ``savefig`` uses the non-interactive canvas of its
format. The PDF is meant for paper: dark grey text and axes on a transparent background.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import textwrap
from pathlib import Path
from typing import Any

from .data import PALETTE, human_count

#: Bump when the drawing code changes, so charts drawn by older code are redrawn.
CHART_VERSION = 7

#: Grey of text, axes and grid: the PDF is only ever printed or shown on white paper.
PRINT_INK = "#404040"


def chart_key(data: dict[str, Any]) -> str:
    """A stable name for the chart drawn from ``data`` with this drawing code."""
    import matplotlib

    blob = json.dumps([CHART_VERSION, matplotlib.__version__, data], sort_keys=True)
    return "vlmchart-" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _rc(ink: str) -> Any:  # matplotlib types the keys as a Literal of every rcParam
    return {
        "font.family": "DejaVu Sans",
        "font.size": 10.5,
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
        # labels are catalog text: '$' is a dollar sign, never the start of mathtext
        "text.parse_math": False,
    }


def _draw_years(fig: Any, data: dict[str, Any], ink: str) -> None:
    years = data["years"]
    ax = fig.add_subplot()
    bottom = [0] * len(years)
    handles = []
    for s in data["series"]:
        handles.append(ax.bar(years, s["counts"], bottom=bottom, color=s["colour"], width=0.8))
        bottom = [b + c for b, c in zip(bottom, s["counts"], strict=True)]
    ax.set_ylabel(data["ylabel"])
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", color=ink, alpha=0.3, linewidth=0.6)
    ax.set_axisbelow(True)
    if years:
        ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    labels = [textwrap.fill(s["label"], LEGEND_LABEL_WIDTH) for s in data["series"]]
    _fitting_legend(fig, handles, labels)


#: Legend labels longer than this many characters wrap onto more lines.
LEGEND_LABEL_WIDTH = 36


def _fitting_legend(fig: Any, handles: list[Any], labels: list[str]) -> None:
    """The legend above the plot, in as many columns (at most three) as fit the figure's width.

    Above the plot, not inside it: a frameless legend over grid lines reads as struck through,
    and a framed one would need a background colour that suits both light and dark pages.
    Handles and labels are given explicitly, so a label beginning with '_' is not left out.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()  # type: ignore[no-untyped-call] # (to measure)
    for columns in range(min(3, len(labels)), 0, -1):
        legend = fig.legend(
            handles,
            labels,
            loc="outside upper center",
            ncols=columns,
            fontsize=9,
            columnspacing=1.2,
        )
        if columns == 1 or legend.get_window_extent(renderer).width <= fig.bbox.width:
            return
        legend.remove()


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
    """Write ``<key>.pdf`` into ``directory`` unless it exists.

    The file is written under a temporary name and renamed, so parallel readers drawing the
    same chart never see a half-written file (and the temporary name, starting with a dot,
    never matches the ``<key>.*`` glob Sphinx uses to find the candidates).
    """
    target = directory / f"{key}.pdf"
    if target.is_file():
        return
    import matplotlib
    from matplotlib.figure import Figure

    directory.mkdir(parents=True, exist_ok=True)
    ink = PRINT_INK
    with matplotlib.rc_context(_rc(ink)), _quiet_font_subsetting():
        if data["type"] == "dataset-size":
            height = 1.0 + 0.2 * max(len(data["bars"]), 1)
            fig = Figure(figsize=(6.4, height), layout="tight")
            _draw_sizes(fig, data, ink)
        else:
            fig = Figure(figsize=(6.4, 3.8), layout="constrained")
            _draw_years(fig, data, ink)
        tmp = directory / f".tmp-{os.getpid()}-{target.name}"
        fig.savefig(tmp, format="pdf", metadata={"CreationDate": None})
        os.replace(tmp, target)
