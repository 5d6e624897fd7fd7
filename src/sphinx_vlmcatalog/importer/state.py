"""The state of reading one list: the current section, the records and problems found so far,
and the lines that looked like entries, so that each one is accounted for at the end."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..catalog.entries import Category
from .records import Problem, RawRecord, Severity
from .syntax import heading_kind


@dataclass
class ParseState:
    """Everything the entry shapes share while one list is read."""

    path: str
    list_slug: str
    topic_sections: Mapping[str, str]
    skip_sections: frozenset[str] = frozenset()
    records: list[RawRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: heading text by level
    headings: dict[int, str] = field(default_factory=dict)
    #: text of list items that group the nested items below them, innermost last
    groups: list[str] = field(default_factory=list)
    topic_type: str | None = None
    topic_level: int = 0
    topic: RawRecord | None = None
    #: lines that look like an entry (a link, a bold or back-ticked name, a table row)
    entry_like: set[int] = field(default_factory=set)
    #: entry-like lines inside sections the mapping skips
    skipped: set[int] = field(default_factory=set)
    #: the taxonomy an exported list carries (``<!-- vlmcatalog-taxonomy ... -->``)
    taxonomy: list[Category] | None = None
    #: level and text of the list's title (its first heading), which says nothing of kinds
    title: tuple[int, str] | None = None
    #: every heading's text, in order
    seen: list[str] = field(default_factory=list)

    @property
    def section_path(self) -> tuple[str, ...]:
        """The headings above the current line, outermost first, then any grouping items."""
        return (*(t for _, t in sorted(self.headings.items()) if t), *self.groups)

    @property
    def section(self) -> str:
        """The innermost heading (or grouping item)."""
        path = self.section_path
        return path[-1] if path else ""

    @property
    def skipping(self) -> bool:
        """True inside a section the mapping skips."""
        return any(h.lower() in self.skip_sections for h in self.section_path)

    def problem(self, line: int, msg: str, severity: Severity = "error") -> None:
        """Report a problem at ``line`` of this list."""
        self.problems.append(Problem(self.path, line, msg, severity))

    def record(self, line: int, fmt: str, title: str, **kw: Any) -> RawRecord:
        """A new record at ``line`` in the current section (also counted as entry-like)."""
        rec = RawRecord(
            list=self.list_slug,
            path=self.path,
            line=line,
            fmt=fmt,
            title=title,
            section=self.section,
            section_path=self.section_path,
            **kw,
        )
        rec.hint = heading_kind(
            [t for lvl, t in sorted(self.headings.items()) if (lvl, t) != self.title] + self.groups
        )
        self.records.append(rec)
        self.entry_like.add(line)
        return rec

    def lost(self, line: int, msg: str) -> None:
        """An entry-like line that gives no entry: an error at ``line``."""
        self.entry_like.add(line)
        self.problem(line, msg, "error")

    def account(self) -> None:
        """Report every entry-like line that became neither a record nor an error."""
        done = {r.line for r in self.records} | {
            p.line for p in self.problems if p.severity == "error"
        }
        for line in sorted(self.entry_like - done - self.skipped):
            self.problem(line, "this line looks like an entry but was not read", "error")
