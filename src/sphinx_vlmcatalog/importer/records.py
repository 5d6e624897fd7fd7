"""Plain records the importer passes between its stages, and the report it returns."""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..catalog.issues import safe_text

Severity = Literal["error", "warning"]


@dataclass
class Problem:
    """Something the importer noticed at ``path:line``.

    Errors are malformed lines (an entry without a link, a broken table row); warnings are
    things worth a look that did not lose data (an unmapped section, a skipped prose bullet).
    """

    path: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return safe_text(f"{self.path}:{self.line}: {self.severity}: {self.message}")


@dataclass
class RawRecord:
    """One item as a list states it, before merging: every value still as the source gave it."""

    list: str
    path: str
    line: int
    fmt: str
    title: str
    section: str = ""
    section_path: tuple[str, ...] = ()
    short: str | None = None
    authors: builtins.list[str] = field(default_factory=builtins.list)
    venue: str | None = None
    year: int | None = None
    date: str | None = None
    arxiv: str | None = None
    doi: str | None = None
    links: dict[str, str] = field(default_factory=dict)
    #: kind-specific values and free text (``summary``, ``notes``, ``classes``...)
    fields: dict[str, Any] = field(default_factory=dict)
    points: builtins.list[str] = field(default_factory=builtins.list)
    #: taxonomy keys from the section mapping
    categories: builtins.list[str] = field(default_factory=builtins.list)
    #: kind suggested by the format or the section (may be overridden by the mapping)
    kind: str = "paper"
    #: an id given explicitly in the source (``<!-- id: x -->``)
    explicit_id: str | None = None

    @property
    def where(self) -> str:
        """``path:line`` of the record."""
        return f"{self.path}:{self.line}"


@dataclass
class Conflict:
    """Two mentions of the same work that disagree on one field."""

    field: str
    values: list[tuple[Any, str]]
    resolution: str = ""

    def __str__(self) -> str:
        vals = "; ".join(f"{v!r} at {w}" for v, w in self.values)
        tail = f" -> {self.resolution}" if self.resolution else ""
        return f"{self.field}: {vals}{tail}"


@dataclass
class MergeNote:
    """How a group of records became one entry."""

    entry_id: str
    records: list[str]
    conflicts: list[Conflict] = field(default_factory=builtins.list)


@dataclass
class ImportReport:
    """What :func:`run_import` did."""

    files: list[Path] = field(default_factory=builtins.list)
    records: int = 0
    entries: int = 0
    written: list[Path] = field(default_factory=builtins.list)
    problems: list[Problem] = field(default_factory=builtins.list)
    merges: list[MergeNote] = field(default_factory=builtins.list)
    #: records that share an identifier with another work but were kept apart
    separated: list[str] = field(default_factory=builtins.list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        """Problems of severity ``error`` (malformed lines)."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def conflicts(self) -> list[tuple[str, Conflict]]:
        """Every unresolved conflict, with the id of its entry."""
        return [(m.entry_id, c) for m in self.merges for c in m.conflicts]

    def summary_lines(self) -> list[str]:
        """A human-readable report, one line per item."""
        lines = [
            f"read {len(self.files)} file(s), {self.records} record(s) -> "
            f"{self.entries} entries ("
            + ", ".join(f"{k}: {v}" for k, v in sorted(self.counts.items()))
            + ")"
        ]
        merged = [m for m in self.merges if len(m.records) > 1]
        lines.append(
            f"merged {sum(len(m.records) - 1 for m in merged)} duplicate mention(s) "
            f"into {len(merged)} entries"
        )
        for m in merged:
            lines.append(f"  merge {m.entry_id}: " + ", ".join(m.records))
        for entry_id, c in self.conflicts:
            lines.append(f"  conflict {entry_id}: {c}")
        for s in self.separated:
            lines.append(f"  kept apart: {s}")
        lines.extend(str(p) for p in self.problems)
        return lines
