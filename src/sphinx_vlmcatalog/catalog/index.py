"""The loaded catalog: entries and taxonomy in a fixed order, with indexes for fast selection."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .custom import BUILTIN, CatalogSchema
from .entries import Category, Entry


@dataclass(eq=False)
class Catalog:
    """Entries (in file order) and the category tree (in tree order). Read-only once built."""

    entries: dict[str, Entry] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    #: the catalog's own fields and relations (from its ``schema.yaml``)
    schema: CatalogSchema = BUILTIN

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        """Rebuild the lookup tables; call after changing ``entries`` or ``categories``."""
        #: position of each entry, for keeping results in catalog order
        self.order: dict[str, int] = {key: i for i, key in enumerate(self.entries)}
        self.by_kind: dict[str, list[str]] = defaultdict(list)
        #: category key -> ids of entries in it or in any of its descendants
        self.by_category: dict[str, list[str]] = defaultdict(list)
        self.by_year: dict[int, list[str]] = defaultdict(list)
        lineages: dict[str, list[str]] = {}  # thousands of entries share a few categories
        for entry in self.entries.values():
            self.by_kind[entry.kind].append(entry.id)
            if entry.year is not None:
                self.by_year[entry.year].append(entry.id)
            seen: set[str] = set()
            for cat in entry.categories:
                lineage = lineages.get(cat)
                if lineage is None:
                    lineage = lineages[cat] = self.lineage(cat)
                for ancestor in lineage:
                    if ancestor not in seen:
                        seen.add(ancestor)
                        self.by_category[ancestor].append(entry.id)
        #: reverse relations: target id -> [(relation, source id)]
        self.used_by: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for entry in self.entries.values():
            for rel, targets in entry.relations.items():
                for target in targets:
                    self.used_by[target].append((rel, entry.id))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def get(self, key: str) -> Entry | None:
        """The entry with id ``key``, or None."""
        return self.entries.get(key)

    def lineage(self, key: str) -> list[str]:
        """``a.b.c`` -> ``["a.b.c", "a.b", "a"]``."""
        parts = key.split(".")
        return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]

    def children(self, key: str | None) -> list[Category]:
        """Direct children of ``key`` (top-level categories for None), in tree order."""
        return [c for c in self.categories.values() if c.parent == key]

    def in_order(self, ids: Iterable[str]) -> list[Entry]:
        """The entries for ``ids``, in catalog order."""
        return [self.entries[i] for i in sorted(set(ids), key=self.order.__getitem__)]
