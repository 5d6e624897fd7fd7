"""Plain records the importer passes between its stages, and the report it returns.

:class:`RawRecord` is one mention of a work as a list gives it; :class:`Problem` is something
noticed at ``path:line``; :class:`LineFate` says what became of one entry-like line (an entry,
a merge into another entry, a problem, or a section the mapping skips); :class:`ImportReport`
gathers them for the command line.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..catalog.issues import safe_text

#: ``error``: an entry-like line was not imported; ``warning``: imported, but worth a look;
#: ``note``: information (a section skipped as the mapping asks)
Severity = Literal["error", "warning", "note"]


@dataclass
class Problem:
    """Something the importer noticed at ``path:line``."""

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
    #: the whole entry as the Markdown export wrote it (``<!-- vlmcatalog {...} -->``)
    data: dict[str, Any] | None = None
    #: the kind (and fields) the nearest heading that names one suggests ("Datasets"), used
    #: where the mapping has no rule for the section
    hint: tuple[str, dict[str, str]] | None = None

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
    #: why each record after the first joined the group ("same arXiv id 2103.00020")
    reasons: list[str] = field(default_factory=builtins.list)


@dataclass
class LineFate:
    """What became of one entry-like line."""

    path: str
    line: int
    #: ``entry``, ``merged``, ``problem`` or ``skipped``
    fate: str
    detail: str

    def __str__(self) -> str:
        return safe_text(f"{self.path}:{self.line}: {self.fate}: {self.detail}")


@dataclass
class ImportReport:
    """What :func:`.pipeline.run_import` did."""

    files: list[Path] = field(default_factory=builtins.list)
    records: int = 0
    entries: int = 0
    written: list[Path] = field(default_factory=builtins.list)
    problems: list[Problem] = field(default_factory=builtins.list)
    merges: list[MergeNote] = field(default_factory=builtins.list)
    #: records that share a name with another work but were kept apart
    separated: list[str] = field(default_factory=builtins.list)
    #: works that share a code, project or demo URL but not an identifier (not merged)
    hints: list[str] = field(default_factory=builtins.list)
    counts: dict[str, int] = field(default_factory=dict)
    #: one item per entry-like line of every list, in file and line order
    ledger: list[LineFate] = field(default_factory=builtins.list)

    @property
    def errors(self) -> list[Problem]:
        """Problems of severity ``error``: entry-like lines that were not imported."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems of severity ``warning``: imported, but worth a look."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def conflicts(self) -> list[tuple[str, Conflict]]:
        """Every unresolved conflict, with the id of its entry."""
        return [(m.entry_id, c) for m in self.merges for c in m.conflicts]

    def fates(self) -> dict[str, int]:
        """How many entry-like lines became entries, merges, problems and skipped lines."""
        counts = dict.fromkeys(("entry", "merged", "problem", "skipped"), 0)
        for item in self.ledger:
            counts[item.fate] = counts.get(item.fate, 0) + 1
        return counts

    def summary(self) -> str:
        """The one-line account: ``612 entry-like lines: 580 entries, 27 merged, 5 problems``."""
        n = self.fates()
        line = (
            f"{len(self.ledger)} entry-like lines: {n['entry']} entries, {n['merged']} merged, "
            f"{n['problem']} problems"
        )
        if n["skipped"]:
            line += f", {n['skipped']} in skipped sections"
        return line

    def summary_lines(self) -> list[str]:
        """The whole report, one line per item: merges, conflicts, hints, problems, summary."""
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
            why = f" ({'; '.join(dict.fromkeys(m.reasons))})" if m.reasons else ""
            lines.append(f"  merge {m.entry_id}{why}: " + ", ".join(m.records))
        for entry_id, c in self.conflicts:
            lines.append(f"  conflict {entry_id}: {c}")
        for s in self.separated:
            lines.append(f"  kept apart: {s}")
        for h in self.hints:
            lines.append(f"  not merged: {h}")
        lines.extend(str(p) for p in self.problems)
        lines.append(self.summary())
        return [safe_text(line) for line in lines]
