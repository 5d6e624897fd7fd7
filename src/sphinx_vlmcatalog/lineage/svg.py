"""The lineage drawn as inline SVG: a box per entry linking to its home, edges by relation.

Pure Python, no Sphinx: :func:`lineage_svg` gets the :class:`.Lineage`, each shown entry's
label, tooltip and link (already resolved by the caller), and the wording of each relation
kind. Every catalog string is escaped for XML (and stripped of characters XML cannot hold).
Text is drawn in ``currentColor``, so the figure follows the page's light or dark colours;
edges get a colour and a dash pattern per relation kind, named in a legend, so they can be
told apart without colour. The SVG keeps its natural width; the page scrolls it sideways in
its container on narrow screens rather than shrinking the labels.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, NamedTuple

from .graph import style_index

if TYPE_CHECKING:
    from .graph import Lineage

BOX_W, BOX_H, COL_GAP, ROW_GAP, PAD, HEADER = 150, 36, 28, 10, 8, 28
LEGEND_ROW = 22
#: Characters of a label that fit a box at 14 px; longer ones end with an ellipsis.
LABEL_CHARS = 18
#: How far the drawing may shrink to fit a column of text: 14 px labels stay above 11 px. (Five
#: columns then fit the 46em text column of furo and the 700 px one of alabaster at 1280 px.)
MIN_SCALE = 0.8
#: (colour, dash pattern) per relation kind, by the kind's position in the lineage kinds;
#: mid-tone colours stay visible on light and dark backgrounds alike.
KIND_STYLES = (
    ("#2563eb", ""),
    ("#d97706", "7 4"),
    ("#16a34a", "2 3"),
    ("#db2777", "9 3 2 3"),
    ("#7c3aed", "12 4"),
    ("#0891b2", "4 2 1 2"),
)
#: Column headings by signed distance.
HEADINGS = {-2: "2 steps back", -1: "1 step back", 0: "This entry", 1: "1 step on", 2: "2 steps on"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Shown(NamedTuple):
    """How one entry is drawn: its label, its tooltip, and its link (None: plain text)."""

    label: str
    tooltip: str
    href: str | None


def xml(text: str) -> str:
    """``text`` escaped for XML content and attribute values."""
    return escape(_NOT_XML.sub("", text), quote=True)


def short(label: str, limit: int = LABEL_CHARS) -> str:
    """``label`` on one line, cut to ``limit`` characters with an ellipsis."""
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "\u2026"


def kind_style(kind: str, kinds: tuple[str, ...]) -> tuple[str, str]:
    """The (colour, dash pattern) of relation ``kind`` among all lineage ``kinds``."""
    return KIND_STYLES[style_index(kind, kinds, len(KIND_STYLES))]


def lineage_svg(
    lineage: Lineage,
    shown: dict[str, Shown],
    wording: dict[str, str],
    all_kinds: tuple[str, ...],
    *,
    title: str,
    desc: str,
    svg_id: str,
) -> str:
    """The SVG element (a string) of ``lineage``.

    :param shown: id -> how it is drawn, for every shown entry
    :param wording: relation kind -> how it reads ("builds on")
    :param all_kinds: every lineage kind in order, so a kind keeps its style in every figure
    :param svg_id: a page-unique id, the prefix of the ids of title, description and marker
    """
    columns = lineage.columns
    place: dict[str, tuple[int, int]] = {}
    for c, column in enumerate(columns):
        place.update((key, (c, r)) for r, key in enumerate(column.ids))
    rows = max((len(col.ids) + (1 if col.hidden else 0)) for col in columns)
    width = 2 * PAD + len(columns) * BOX_W + (len(columns) - 1) * COL_GAP
    graph_h = HEADER + rows * (BOX_H + ROW_GAP)
    kinds = lineage.kinds
    height = 2 * PAD + graph_h + (8 + len(kinds) * LEGEND_ROW if kinds else 0)

    def x(c: int) -> int:
        return PAD + c * (BOX_W + COL_GAP)

    def y(r: int) -> int:
        return PAD + HEADER + r * (BOX_H + ROW_GAP)

    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="vlmcat-lineage-svg" id="{xml(svg_id)}"'
            f' width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="group"'
            f' style="width: 100%; max-width: {width}px; min-width: {int(width * MIN_SCALE)}px"'
            f' aria-labelledby="{xml(svg_id)}-title" aria-describedby="{xml(svg_id)}-desc"'
            ' font-family="inherit" font-size="14">'
        ),
        f'<title id="{xml(svg_id)}-title">{xml(title)}</title>',
        f'<desc id="{xml(svg_id)}-desc">{xml(desc)}</desc>',
    ]
    # one arrowhead a kind, in the kind's colour (a marker cannot take its line's colour)
    out.append("<defs>")
    for i, kind in enumerate(lineage.kinds):
        colour = kind_style(kind, all_kinds)[0]
        out.append(
            f'<marker id="{xml(svg_id)}-arrow{i}" viewBox="0 0 10 10" refX="9" refY="5"'
            ' markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")
    for c, column in enumerate(columns):
        heading = HEADINGS.get(column.distance, "")
        out.append(
            f'<text x="{x(c) + BOX_W // 2}" y="{PAD + 16}" text-anchor="middle"'
            f' fill="currentColor" opacity="0.8">{xml(heading)}</text>'
        )
    for edge in lineage.edges:
        a, b = place[edge.target], place[edge.source]
        if a[0] == b[0]:
            continue  # (same column: the list below names it)
        left, right = (a, b) if a[0] < b[0] else (b, a)
        x1, y1 = x(left[0]) + BOX_W, y(left[1]) + BOX_H // 2
        x2, y2 = x(right[0]), y(right[1]) + BOX_H // 2
        mid = (x2 - x1) // 2
        colour, dash = kind_style(edge.kind, all_kinds)
        arrow = "marker-end" if right == b else "marker-start"
        marker = f"url(#{xml(svg_id)}-arrow{kinds.index(edge.kind)})"
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        words = f"{shown[edge.source].label} {wording.get(edge.kind, edge.kind)} "
        words += shown[edge.target].label
        out.append(
            f'<path d="M{x1},{y1} C{x1 + mid},{y1} {x2 - mid},{y2} {x2},{y2}" fill="none"'
            f' stroke="{colour}" stroke-width="2"{dashes} {arrow}="{marker}">'
            f"<title>{xml(words)}</title></path>"
        )
    for key, (c, r) in place.items():
        out.append(_box(shown[key], x(c), y(r), root=key == lineage.root))
    for c, column in enumerate(columns):
        if column.hidden:
            out.append(
                f'<text x="{x(c) + BOX_W // 2}" y="{y(len(column.ids)) + BOX_H // 2 + 4}"'
                f' text-anchor="middle" fill="currentColor" font-style="italic">'
                f"+{column.hidden} more not shown</text>"
            )
    top = PAD + graph_h + 8
    for i, kind in enumerate(kinds):
        colour, dash = kind_style(kind, all_kinds)
        ly = top + i * LEGEND_ROW + LEGEND_ROW // 2
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{PAD}" y1="{ly}" x2="{PAD + 36}" y2="{ly}" stroke="{colour}"'
            f' stroke-width="2"{dashes}/><text x="{PAD + 44}" y="{ly + 4}"'
            f' fill="currentColor">{xml(wording.get(kind, kind))}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _box(entry: Shown, bx: int, by: int, *, root: bool) -> str:
    """One entry's box and label, inside a link when it has one."""
    opacity = "0.16" if root else "0.05"
    stroke = "2.5" if root else "1"
    weight = ' font-weight="bold"' if root else ""
    body = (
        f"<title>{xml(entry.tooltip)}</title>"
        f'<rect x="{bx}" y="{by}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="currentColor"'
        f' fill-opacity="{opacity}" stroke="currentColor" stroke-opacity="0.6"'
        f' stroke-width="{stroke}"/>'
        f'<text x="{bx + BOX_W // 2}" y="{by + BOX_H // 2 + 4}" text-anchor="middle"'
        f' fill="currentColor"{weight}>{xml(short(entry.label))}</text>'
    )
    if entry.href is None:
        return f'<g class="vlmcat-lineage-node">{body}</g>'
    return f'<a class="vlmcat-lineage-node" href="{xml(entry.href)}">{body}</a>'
