"""When each entry last changed, from the history of the git work tree holding the catalog.

One ``git blame --porcelain`` per catalog file gives every line's last commit; an entry's date
is the latest committer date (UTC) among its lines: from its first line to the line before the
next entry, without trailing blank and comment lines. No date is given for an entry with a line
not yet committed, nor for any entry when git, the work tree or its history is unavailable
(a shallow clone attributes every old line to its one commit).
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

#: The commit git blame names for lines not committed yet.
UNCOMMITTED = "0" * 40


def _git(directory: Path, *args: str) -> str | None:
    """The output of ``git <args>`` run in ``directory``; None if it cannot run or fails."""
    try:
        run = subprocess.run(
            ["git", *args],
            cwd=directory,
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return run.stdout if run.returncode == 0 else None


def head_commit(directory: Path) -> str | None:
    """The commit checked out in the work tree holding ``directory``; None outside a work tree,
    without git, or in a shallow clone (its history is cut)."""
    out = _git(directory, "rev-parse", "--is-shallow-repository", "HEAD")
    if out is None:
        return None
    lines = out.split()
    if len(lines) != 2 or lines[0] != "false":
        return None
    return lines[1]


def blame(path: Path) -> list[tuple[int | None, str]] | None:
    """Each line of ``path``: its last commit's committer time (None: not committed) and its
    text; None if git cannot tell (an untracked file, say)."""
    out = _git(path.parent, "blame", "--porcelain", "--", path.name)
    if out is None:
        return None
    times: dict[str, int] = {}
    commit = ""
    lines: list[tuple[int | None, str]] = []
    for line in out.split("\n"):
        if line.startswith("\t"):
            lines.append((None if commit == UNCOMMITTED else times.get(commit), line[1:]))
        elif line.startswith("committer-time "):
            times[commit] = int(line.split()[1])
        else:
            head = line.split(" ", 1)[0]
            if len(head) == 40 and all(c in "0123456789abcdef" for c in head):
                commit = head
    return lines


def _ignorable(text: str) -> bool:
    stripped = text.strip()
    return not stripped or stripped.startswith("#")


def entry_dates(
    lines: Sequence[tuple[int | None, str]], starts: Mapping[str, int]
) -> dict[str, str]:
    """Each entry's last-changed date, ``YYYY-MM-DD``, from the blamed lines of its file.

    :param starts: entry id -> its first line (1-based) in the file
    """
    dates: dict[str, str] = {}
    ordered = sorted(starts.items(), key=lambda item: item[1])
    ends = [start - 1 for _key, start in ordered[1:]] + [len(lines)]
    for (key, start), end in zip(ordered, ends, strict=True):
        span = list(lines[start - 1 : end])
        while span and _ignorable(span[-1][1]):
            span.pop()
        times = [time for time, _text in span]
        if not span or None in times:
            continue
        latest = max(t for t in times if t is not None)
        dates[key] = datetime.fromtimestamp(latest, UTC).strftime("%Y-%m-%d")
    return dates
