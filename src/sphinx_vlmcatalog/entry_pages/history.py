"""The "Last changed" date of entry pages, from the catalog's git history.

Before reading (``env-get-outdated``, in the main process, so that parallel readers see the
result) each catalog file is blamed once (:mod:`..catalog.history`), unless the work tree's
commit and the file's bytes are those of the last build, whose dates are then kept. The dates
live in the domain data; entry pages whose date appeared, changed or went away are returned for
re-reading, so that a commit that changes no file still updates the pages, and an incremental
build equals a clean one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog.history import blame, entry_dates, head_commit
from ..config import get_config
from ..domain.catalog_domain import get_catalog, get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def catalog_files(app: Sphinx) -> dict[Path, dict[str, int]]:
    """Each catalog file holding entries -> entry id -> the entry's first line."""
    by_name: dict[str, dict[str, int]] = {}
    for entry in get_catalog(app.env):
        by_name.setdefault(entry.source.path, {})[entry.id] = entry.source.line
    return {Path(app.confdir, name).resolve(): starts for name, starts in by_name.items()}


def last_changed_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Update the entries' dates; the entry pages whose date changed (``env-get-outdated``)."""
    folder = get_config(env).entry_pages
    if not folder:
        return []
    domain = get_domain(env)
    files = catalog_files(app)
    head = head_commit(next(iter(files)).parent) if files else None
    known: dict[str, tuple[str, dict[str, str]]] = domain.data["history"]
    history: dict[str, tuple[str, dict[str, str]]] = {}
    dates: dict[str, str] = {}
    if head is not None:
        for path, starts in sorted(files.items()):
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                continue
            key = f"{head} {digest} {sorted(starts.items())}"
            cached = known.get(str(path))
            if cached is not None and cached[0] == key:
                found = cached[1]
            else:
                lines = blame(path)
                found = entry_dates(lines, starts) if lines is not None else {}
            history[str(path)] = (key, found)
            dates.update(found)
    old: dict[str, str] = domain.data["last_changed"]
    domain.data["history"] = history
    domain.data["last_changed"] = dates
    moved = {k for k in old.keys() | dates.keys() if old.get(k) != dates.get(k)}
    return sorted(d for key in moved if (d := f"{folder}/{key}") in env.found_docs)
