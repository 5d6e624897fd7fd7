"""The lineage of one entry as plain data: what it comes from and what comes from it.

Pure Python, no Sphinx. From the catalog and one entry id, :func:`collect_lineage` walks the
lineage relations (:func:`lineage_kinds`) up to two hops each way: *ancestors* are the entries
an entry names (it builds on, distils from, was trained on or uses them), *descendants* the
entries that name it. Each entry is placed once, in the column of its shortest distance
(ancestors first on a tie), so cycles and self-relations cannot loop. Columns are ordered
stably (by the row of the entry that reached them, the relation's order, then catalog order)
and capped: a column shows at most ``cap`` entries and counts the rest in ``hidden``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..catalog.index import Catalog

#: The built-in relations that make a lineage, in legend order. Evaluation and "related to"
#: say nothing about where a work comes from; a catalog's own relations (``schema.yaml``) are
#: directed like "uses" and are added after these.
LINEAGE_RELATIONS = (
    "builds_on",
    "extends",
    "distills_from",
    "trained_on",
    "vision_encoder",
    "language_backbone",
)
#: Relations never drawn in a lineage.
NOT_LINEAGE = frozenset({"evaluated_on", "related"})
#: Default number of entries a column shows before "+N more".
DEFAULT_CAP = 8


def style_index(kind: str, kinds: tuple[str, ...], styles: int) -> int:
    """Which of ``styles`` styles relation ``kind`` gets: its place among all lineage ``kinds``
    (an unknown kind after them), so SVG and TikZ draw each relation alike."""
    index = kinds.index(kind) if kind in kinds else len(kinds)
    return index % styles


def lineage_kinds(catalog: Catalog) -> tuple[str, ...]:
    """The relation names a lineage follows: the built-in ones above, then the catalog's own."""
    custom = tuple(r.name for r in catalog.schema.relations if r.name not in NOT_LINEAGE)
    return LINEAGE_RELATIONS + custom


@dataclass(frozen=True)
class Edge:
    """``source`` names ``target`` under relation ``kind`` (so ``target`` is the older work)."""

    source: str
    target: str
    kind: str


@dataclass(frozen=True)
class Column:
    """The entries at one signed distance (-2, -1: ancestors; 0: the entry; 1, 2: descendants)."""

    distance: int
    ids: tuple[str, ...]
    #: how many more entries are at this distance but not shown (the column's cap)
    hidden: int = 0


@dataclass(frozen=True)
class Lineage:
    """The columns left to right, the edges between shown entries, and every entry reached."""

    root: str
    columns: tuple[Column, ...]
    edges: tuple[Edge, ...]
    #: every entry the walk reached, shown or hidden: what the drawing depends on
    reached: tuple[str, ...]

    @property
    def shown(self) -> tuple[str, ...]:
        """The shown entries, column by column."""
        return tuple(i for c in self.columns for i in c.ids)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The relation kinds of the edges, each once, in first-seen order (for a legend)."""
        return tuple(dict.fromkeys(e.kind for e in self.edges))

    @property
    def is_empty(self) -> bool:
        """True when the entry has no lineage relation at all."""
        return len(self.reached) <= 1


def _neighbours(
    catalog: Catalog, key: str, kinds: tuple[str, ...], up: bool
) -> list[tuple[int, str]]:
    """(kind index, id) of the entries ``key`` names (``up``) or that name it, known ones only."""
    found: list[tuple[int, str]] = []
    if up:
        entry = catalog.get(key)
        relations = entry.relations if entry is not None else {}
        for i, kind in enumerate(kinds):
            found += [(i, t) for t in relations.get(kind, ()) if t != key and t in catalog]
    else:
        for kind, source in catalog.used_by.get(key, ()):
            if kind in kinds and source != key and source in catalog:
                found.append((kinds.index(kind), source))
    return found


def collect_lineage(catalog: Catalog, key: str, hops: int = 2, cap: int = DEFAULT_CAP) -> Lineage:
    """The lineage of entry ``key`` up to ``hops`` (1 or 2) each way, ``cap`` entries a column.

    :raises KeyError: if ``key`` is not in the catalog
    """
    if key not in catalog:
        raise KeyError(key)
    kinds = lineage_kinds(catalog)
    order = catalog.order
    placed: dict[str, int] = {key: 0}
    reached: list[str] = [key]
    rows: dict[str, int] = {key: 0}  # row of each shown entry in its column
    columns: dict[int, Column] = {0: Column(0, (key,))}
    for step in range(1, hops + 1):
        for sign in (-1, 1):
            # candidates reached from the shown entries of the column before, best first
            candidates: dict[str, tuple[int, int, int]] = {}
            for parent in columns[(step - 1) * sign].ids:
                for kind_index, other in _neighbours(catalog, parent, kinds, up=sign < 0):
                    if other in placed:
                        continue
                    rank = (rows[parent], kind_index, order[other])
                    if other not in candidates or rank < candidates[other]:
                        candidates[other] = rank
            ranked = sorted(candidates, key=candidates.__getitem__)
            for other in ranked:
                placed[other] = step * sign
            reached += ranked
            shown = tuple(ranked[:cap])
            rows.update((other, row) for row, other in enumerate(shown))
            columns[step * sign] = Column(step * sign, shown, len(ranked) - len(shown))
    ordered = tuple(columns[d] for d in sorted(columns) if columns[d].ids or columns[d].hidden)
    edges = _edges(catalog, set(rows), kinds)
    return Lineage(key, ordered, edges, tuple(reached))


def _edges(catalog: Catalog, shown: set[str], kinds: tuple[str, ...]) -> tuple[Edge, ...]:
    """Every lineage relation between two shown entries, in catalog then relation order."""
    edges: list[Edge] = []
    for source in sorted(shown, key=catalog.order.__getitem__):
        relations = catalog.entries[source].relations
        for kind in kinds:
            edges += [
                Edge(source, t, kind) for t in relations.get(kind, ()) if t in shown and t != source
            ]
    return tuple(edges)
