"""The lineage drawn with TikZ for LaTeX: one ``tikzpicture`` of the same columns and edges.

Pure Python, no Sphinx: the caller gives each shown entry's label as TeX already (escaped, and
wrapped in ``\\hyperref`` where the entry has a home in the PDF) and each relation's wording,
escaped. Columns are fractions of ``\\linewidth``, so the figure fits the text block whatever
the paper size; edges get the dash pattern of their kind (the legend names them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .graph import style_index

if TYPE_CHECKING:
    from .graph import Lineage

#: TikZ dash pattern per relation kind, in the order of the lineage kinds (as the SVG's).
TIKZ_DASHES = (
    "solid",
    "dashed",
    "dotted",
    "dash dot",
    "loosely dashed",
    "dash dot dot",
)
ROW_CM = 1.0


def tikz_dash(kind: str, kinds: tuple[str, ...]) -> str:
    """The dash pattern of relation ``kind`` among all lineage ``kinds``."""
    return TIKZ_DASHES[style_index(kind, kinds, len(TIKZ_DASHES))]


def lineage_tikz(
    lineage: Lineage,
    labels: dict[str, str],
    wording: dict[str, str],
    all_kinds: tuple[str, ...],
) -> str:
    """The ``tikzpicture`` of ``lineage``, labels and wording given as TeX."""
    columns = lineage.columns
    pitch = f"{1 / len(columns):.3f}"
    text_width = f"{float(pitch) * 0.8:.3f}"
    lines = [
        rf"\begin{{tikzpicture}}[x={pitch}\linewidth, y={ROW_CM}cm,",
        r"  box/.style={draw, rounded corners=2pt, align=center, inner sep=2pt,",
        rf"  text width={text_width}\linewidth, minimum height=6mm}},",
        r"  rel/.style={->, >=stealth, thick}]",
    ]
    names: dict[str, str] = {}
    for c, column in enumerate(columns):
        for r, key in enumerate(column.ids):
            names[key] = f"n{c}x{r}"
            bold = r"\bfseries" if key == lineage.root else ""
            lines.append(
                rf"\node[box, font=\scriptsize{bold}] ({names[key]}) at ({c},{-r})"
                rf" {{{labels[key]}}};"
            )
        if column.hidden:
            lines.append(
                rf"\node[font=\scriptsize\itshape] at ({c},{-len(column.ids)})"
                rf" {{+{column.hidden} more not shown}};"
            )
    place = {key: c for c, col in enumerate(columns) for key in col.ids}
    for edge in lineage.edges:
        older, newer = place[edge.target], place[edge.source]
        if older == newer:
            continue
        start, end = (edge.target, edge.source)
        side = ("east", "west") if older < newer else ("west", "east")
        dash = tikz_dash(edge.kind, all_kinds)
        lines.append(rf"\draw[rel, {dash}] ({names[start]}.{side[0]}) -- ({names[end]}.{side[1]});")
    depth = max(len(c.ids) + (1 if c.hidden else 0) for c in columns)
    for i, kind in enumerate(lineage.kinds):
        ly = -(depth + 0.2 + i * 0.5)
        dash = tikz_dash(kind, all_kinds)
        lines.append(
            rf"\draw[rel, {dash}] (-0.45,{ly:.2f}) -- (-0.2,{ly:.2f})"
            rf" node[right, font=\scriptsize] {{{wording.get(kind, kind)}}};"
        )
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines) + "\n"
