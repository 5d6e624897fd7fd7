"""Finding the catalog files: every ``*.yaml``/``*.yml`` under the paths given, with a rule for
symbolic links that is never silent.

- Names starting with ``.`` are skipped, as are files with other suffixes.
- A symbolic link (to a file or a directory) whose target lies inside the catalog directory it
  was found in is followed. A directory reached a second time (through a link, or a cycle of
  links) is not walked again, and a file reached twice is read once.
- A link whose target lies outside that directory is not followed, and is reported at the
  link's own path; nothing of the target (not even its name) is shown.
- A link that cannot be followed (its target is missing, or links loop) is reported, unless
  its name has a suffix other than ``.yaml``/``.yml`` (so it could not have been a catalog file
  or directory).
- Anything else with a catalog suffix that is not a regular file (a pipe, a socket, a device) is
  reported and not read, and a directory that cannot be listed is reported.

A path given explicitly (a file, or the catalog directory itself) is used wherever it points.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .entries import SourceRef
from .issues import Issue, Subtype

SUFFIXES = (".yaml", ".yml")


def find_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Issue]]:
    """Catalog files under ``paths`` (directories are searched recursively), sorted, no repeats,
    and the problems met on the way (see the module's rules)."""
    files: list[Path] = []
    issues: list[Issue] = []
    for p in paths:
        path = Path(p)
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            message = "no such file or directory"
            if path.is_symlink():
                message = f"symbolic link cannot be followed ({exc.strerror})"
            issues.append(_problem(path, message))
            continue
        if stat.S_ISDIR(mode):
            files += _walk(path, issues)
        elif stat.S_ISREG(mode):
            files.append(path)
        else:
            issues.append(_problem(path, "not a regular file or directory; not read"))
    unique: dict[str, Path] = {}
    for f in files:
        unique.setdefault(os.path.realpath(f), f)  # the first path to a file wins
    return list(unique.values()), issues


def _problem(path: Path, message: str) -> Issue:
    return Issue(Subtype.CATALOG_FILE, message, SourceRef(str(path), 0))


def _inside(real: str, root: str) -> bool:
    """True if the real path ``real`` is ``root`` or lies below it."""
    try:
        return os.path.commonpath([real, root]) == root
    except ValueError:  # another drive on Windows
        return False


def _walk(root: Path, issues: list[Issue]) -> list[Path]:
    """The catalog files below the directory ``root``, sorted.

    Directories are walked with an explicit stack (they may nest deeply), and those reached
    through links only after every other one: a file found both ways is then shown under its
    own path, not the link's.
    """
    real_root = os.path.realpath(root)
    walked: set[str] = set()
    files: dict[str, Path] = {}  # real path -> the path shown
    stack: list[tuple[Path, bool]] = [(root, False)]
    linked: list[Path] = []  # directories reached through a link, walked last
    while stack or linked:
        directory, through_link = stack.pop() if stack else (linked.pop(0), True)
        real = os.path.realpath(directory)
        if real in walked:  # (a cycle of links, or a directory also reached directly)
            continue
        walked.add(real)
        for path, mode, is_link in _entries(directory, real_root, issues):
            if stat.S_ISDIR(mode):
                if is_link:
                    linked.append(path)
                else:
                    stack.append((path, through_link))
            elif stat.S_ISREG(mode):
                real = os.path.realpath(path)
                if real not in files or not (is_link or through_link):
                    files[real] = path
            else:
                issues.append(_problem(path, "not a regular file (a pipe, socket or device)"))
    return sorted(files.values())


def _entries(directory: Path, real_root: str, issues: list[Issue]) -> list[tuple[Path, int, bool]]:
    """The directories and catalog files in ``directory`` that may be read: each path, its mode
    (of the link's target, for a link) and whether it is a link."""
    try:
        with os.scandir(directory) as scan:
            items = sorted(scan, key=lambda item: item.name)
    except OSError as exc:
        issues.append(_problem(directory, f"cannot read directory: {exc.strerror}"))
        return []
    out = []
    for item in items:
        if item.name.startswith("."):
            continue
        path = Path(item.path)
        catalog_name = path.suffix in SUFFIXES
        is_link = item.is_symlink()
        try:
            mode = (
                os.stat(item.path).st_mode if is_link else item.stat(follow_symlinks=False).st_mode
            )
        except OSError as exc:
            if is_link and (catalog_name or not path.suffix):  # (a file or directory, perhaps)
                issues.append(_problem(path, f"symbolic link cannot be followed ({exc.strerror})"))
            continue  # (or gone since the directory was listed)
        if not (stat.S_ISDIR(mode) or catalog_name):
            continue
        if is_link and not _inside(os.path.realpath(item.path), real_root):
            issues.append(
                _problem(
                    path, "symbolic link to a place outside the catalog directory; not followed"
                )
            )
            continue
        out.append((path, mode, is_link))
    return out
