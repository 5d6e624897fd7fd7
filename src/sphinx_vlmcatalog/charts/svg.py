"""A chart's description (:mod:`.data`) as HTML: an inline SVG, its legend and its data table.

The SVG has no ``viewBox``: it is as wide as the page's column, and its text keeps one size
(13 CSS px) at any width, because only the bars scale, as percentages of that width. Each row
is a year or an entry, so the chart grows downwards rather than shrinking sideways on a phone.
Text and grid lines are ``currentColor``, so they follow the theme's light or dark text.

Each bar (or segment) is a link to the explorer with the query that selects the entries it
counts, when ``link`` turns queries into URLs. The data table under the chart (in a
``<details>``) gives the same numbers to screen readers and to readers without SVG. Every
catalog value goes through :func:`html.escape`, and the output is well-formed XML.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from .data import PALETTE, human_count

#: Size of every text of the chart, in CSS px.
FONT = 13
#: Widest bar, as a fraction of the room its track has: the rest holds the bar's number.
TRACK = 0.78
#: Width of the year column of ``year-by-category``, in CSS px.
YEAR_COLUMN = 44

Link = Callable[[str], str] | None


def _text(x: str | float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return (
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" fill="currentColor"{extra}>'
        f"{escape(text)}</text>"
    )


def _bar(x: str, y: float, width: str, height: float, colour: str, tip: str, href: str) -> str:
    rect = (
        f'<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="{colour}">'
        f"<title>{escape(tip)}</title></rect>"
    )
    if not href:
        return rect
    label = escape(f"{tip}: open in the explorer")
    return f'<a href="{escape(href)}" aria-label="{label}">{rect}</a>'


def _pct(fraction: float) -> str:
    return f"{100 * fraction:.3f}%"


def _nice_step(top: int) -> int:
    """The first of 1, 2, 5, 10, 20, 50... that gives at most five ticks up to ``top``."""
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            if top / step <= 5:
                return step
        power *= 10


def _axis(
    ticks: list[tuple[float, str]], spans: Sequence[tuple[float, float]], bottom: float, title: str
) -> list[str]:
    """Grid lines over each of the vertical ``spans`` (not over labels), tick labels under
    ``bottom``, and the axis title."""
    out = []
    for fraction, label in ticks:
        x = _pct(fraction)
        out += [
            f'<line x1="{x}" x2="{x}" y1="{top}" y2="{end}" stroke="currentColor" '
            'stroke-opacity="0.25" stroke-width="1"/>'
            for top, end in spans
        ]
        # (a label at the very left edge starts there rather than being cut in half)
        anchor = "start" if fraction < 0.06 else "middle"
        out.append(_text(x, bottom + FONT + 2, label, anchor))
    out.append(_text(0, bottom + 2 * FONT + 10, title))
    return out


def _years_svg(data: dict[str, Any], link: Link) -> tuple[list[str], float]:
    years, series = data["years"], data["series"]
    totals = [sum(s["counts"][i] for s in series) for i in range(len(years))]
    most = max(totals) or 1
    scale = TRACK / most
    row, bar = FONT + 11, FONT + 3
    body = [f'<g transform="translate({YEAR_COLUMN} 0)">']
    step = _nice_step(most)
    ticks = [(v * scale, str(v)) for v in range(0, most + 1, step)]
    bottom = row * len(years) + 4
    body += _axis(ticks, [(0, bottom)], bottom, data["ylabel"])
    for i, year in enumerate(years):
        y = 4 + i * row
        done = 0
        for s in series:
            count = s["counts"][i]
            if not count:
                continue
            tip = f"{year}, {s['label']}: {count}"
            href = link(s["queries"][i]) if link and s.get("queries") else ""
            body.append(
                _bar(_pct(done * scale), y, _pct(count * scale), bar, s["colour"], tip, href)
            )
            done += count
        text_y = y + bar - 3
        body.append(_text(-YEAR_COLUMN + 2, text_y, str(year)))
        if done:
            body.append(_text(_pct(done * scale), text_y, str(done), extra=' dx="5"'))
    body.append("</g>")
    return body, bottom + 2 * FONT + 16


def _log_fraction(value: float, low: float, high: float) -> float:
    return TRACK * (math.log10(value) - math.log10(low)) / (math.log10(high) - math.log10(low))


def _sizes_svg(data: dict[str, Any], link: Link) -> tuple[list[str], float]:
    bars = data["bars"]
    high = max(b["value"] for b in bars)
    low = min(b["value"] for b in bars) / 3  # (the smallest bar stays visible)
    row, bar = 2 * FONT + 14, FONT - 1
    powers = range(math.ceil(math.log10(low)), math.floor(math.log10(high)) + 1)
    ticks = [(_log_fraction(10**p, low, high), human_count(10**p)) for p in powers]
    ticks = ticks[:: math.ceil(len(ticks) / 5)] if ticks else []
    bottom = row * len(bars) + 2
    spans = [(i * row + FONT + 4, (i + 1) * row + 2) for i in range(len(bars))]
    body = _axis(ticks, spans, bottom, data["xlabel"] + " (log scale)")
    for i, b in enumerate(bars):
        y = i * row
        name = f"{b['label']} ({b['year']})" if b["year"] else b["label"]
        body.append(_text(0, y + FONT, name))
        width = _log_fraction(b["value"], low, high)
        href = link(b["query"]) if link and b.get("query") else ""
        tip = f"{name}: {human_count(b['value'])}"
        body.append(_bar("0", y + FONT + 6, _pct(width), bar, b["colour"], tip, href))
        body.append(_text(_pct(width), y + 2 * FONT + 4, human_count(b["value"]), extra=' dx="5"'))
    return body, bottom + 2 * FONT + 16


def _legend(data: dict[str, Any]) -> str:
    if data["type"] != "year-by-category":
        return ""
    items = "".join(
        f'<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" '
        f'fill="{s["colour"]}"/></svg> {escape(s["label"])}</li>'
        for s in data["series"]
    )
    return f'<ul class="vlmcat-chart-legend">{items}</ul>'


def _table(data: dict[str, Any], link: Link) -> str:
    """The numbers as a table of three columns (one row per bar or segment), which fits a
    phone's width; each count links where its bar does."""
    rows: list[tuple[str, str, str, str]] = []  # (row header, cell, count, query)
    if data["type"] == "year-by-category":
        head = ["Year", "Category", data["ylabel"]]
        for i, year in enumerate(data["years"]):
            for s in data["series"]:
                if s["counts"][i]:
                    query = s["queries"][i] if s.get("queries") else ""
                    rows.append((str(year), s["label"], str(s["counts"][i]), query))
    else:
        head = ["Entry", "Year", data["xlabel"]]
        for b in data["bars"]:
            year = str(b["year"] or "")
            rows.append((b["label"], year, human_count(b["value"]), b.get("query") or ""))
    cells = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = []
    for header, cell, count, query in rows:
        shown = escape(count)
        if link and query:
            shown = f'<a href="{escape(link(query))}">{shown}</a>'
        body.append(
            f'<tr><th scope="row">{escape(header)}</th><td>{escape(cell)}</td><td>{shown}</td></tr>'
        )
    return (
        '<details class="vlmcat-chart-data"><summary>Data</summary>'
        f'<table class="vlmcat-chart-table"><thead><tr>{cells}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></details>"
    )


def chart_svg(data: dict[str, Any], uid: str, title: str, link: Link = None) -> str:
    """The chart as an ``<svg>`` element named by ``title`` and described by its alt text.

    :param uid: a prefix for the ids of its title and description, unique in the page
    :param link: turns a bar's query into the URL of the explorer with it (None: no links)
    """
    draw = _years_svg if data["type"] == "year-by-category" else _sizes_svg
    if data["type"] == "dataset-size":
        data = {**data, "bars": [{"colour": PALETTE[0], **b} for b in data["bars"]]}
    body, height = draw(data, link)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vlmcat-chart-svg" width="100%" '
        f'height="{height:g}" role="group" aria-labelledby="{uid}-title" '
        f'aria-describedby="{uid}-desc" font-size="{FONT}">'
        f'<title id="{uid}-title">{escape(title)}</title>'
        f'<desc id="{uid}-desc">{escape(data["alt"])}</desc>' + "".join(body) + "</svg>"
    )


def chart_html(data: dict[str, Any], uid: str, title: str, link: Link = None) -> str:
    """The legend (of stacked charts), the SVG and the data table."""
    svg = chart_svg(data, uid, title, link)
    return f'<div class="vlmcat-chart-body">{_legend(data)}{svg}</div>{_table(data, link)}'
