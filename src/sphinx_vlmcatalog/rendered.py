"""Entries' rendered texts kept between builds, under each entry's content digest.

Rendering every entry of a large catalog (its JSON, BibTeX record, Markdown bullet, query data)
takes a noticeable part of a build, and after an author edits one entry only that entry's texts
change. :class:`RenderedEntries` keeps one renderer's texts in a JSON file in the doctree
directory, so a rebuild renders only the entries whose digest changed. Used by the downloads
and by the explorer.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .version import __version__

if TYPE_CHECKING:
    from .catalog.entries import Entry

#: Directory in the doctree directory that keeps :class:`RenderedEntries` between builds.
RENDERED_DIR = "vlmcatalog-rendered"
#: Bump when a renderer's output changes within one release of the package.
RENDERED_FORMAT = 2


class RenderedEntries:
    """One renderer's text of each entry from the last build, reused while the entry's content
    digest holds (a JSON file per renderer).

    The file is only a speed-up, and plain JSON: a missing, unreadable or stale file (written by
    another version of the package) renders everything again.
    """

    def __init__(self, path: Path, digests: dict[str, str], schema: str = "") -> None:
        self.path = path
        #: entry id -> content digest, as :mod:`.catalog.digest` computes it
        self.digests = digests
        # (custom field labels are rendered too, and are not in the entries' digests)
        self.stamp = f"{__version__}/{RENDERED_FORMAT}/{schema}"
        #: digest -> text: as stored by the last build, and as used by this one
        self.stored = self._load()
        self.used: dict[str, str] = {}

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("stamp") != self.stamp:
            return {}
        texts = data.get("texts")
        return texts if isinstance(texts, dict) else {}

    def reusing(self, render: Callable[[Entry], str]) -> Callable[[Entry], str]:
        """``render``, taking the text stored under the entry's digest when there is one."""
        stored, used, digests = self.stored, self.used, self.digests

        def text(entry: Entry) -> str:
            digest = digests.get(entry.id)
            if digest is None:  # not digested: nothing to key it by
                return render(entry)
            found = stored.get(digest)
            if not isinstance(found, str):
                found = render(entry)
            used[digest] = found
            return found

        return text

    def save(self) -> None:
        """Keep the texts this build used, if they differ from the stored ones."""
        if self.used == self.stored:
            return
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps({"stamp": self.stamp, "texts": self.used}), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:  # a speed-up only
            tmp.unlink(missing_ok=True)
