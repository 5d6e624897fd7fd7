"""Table rows as the HTML translator wrote them last time, reused while nothing that shapes them
changed.

Writing a table's rows is most of the cost of writing a page with a large table, and after an
author edits one entry or a paragraph of prose, the page's other rows come out exactly as before.
So each written row's HTML is kept in the doctree directory, one file per builder and document,
under everything that decides it: the row's data (entry id and cells), the resolved link of its
label, and whether it is an odd or even row. The next build of that document copies a known row's
HTML instead of building and translating its nodes; a clean build (no doctree directory) writes
every row.

A file is only used when it was written by the same code, Sphinx and docutils versions, builder,
HTML configuration and translator (down to the functions that visit the nodes of a row, which an
extension may have replaced); otherwise every row is written again. A missing, unreadable or
stale file only costs the time saved.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docutils
import sphinx

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from .rows import Refs, Row

#: Directory under the doctree directory holding the files.
MEMO_DIR = "vlmcatalog-rows"
#: Bumped when the layout of a file changes.
FORMAT = 1
#: Nodes a written row is made of: their visitors are part of what a row's HTML depends on.
ROW_NODES = ("row", "entry", "paragraph", "reference", "strong", "Text")
#: Modules whose code writes rows.
ROW_CODE = ("rows.py", "row_memo.py", "a11y.py", "nodes.py")
#: Attribute of the translator holding its document's memo (one translator writes one document).
ATTRIBUTE = "_vlmcatalog_row_memo"

RowKey = tuple[Any, ...]


@cache
def _code_digest() -> str:
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ROW_CODE:
        digest.update(name.encode() + b"\0" + (package / name).read_bytes())
    return digest.hexdigest()


def _function_name(method: Any) -> str:
    function = getattr(method, "__func__", method)
    return f"{getattr(function, '__module__', '?')}.{getattr(function, '__qualname__', '?')}"


def _stamp(translator: HTML5Translator) -> tuple[Any, ...]:
    """Everything besides a row's own data that decides its HTML."""
    builder = translator.builder
    cls = type(translator)
    visitors = tuple(
        _function_name(getattr(translator, f"{step}_{name}", None))
        for name in ROW_NODES
        for step in ("visit", "depart")
    )
    return (
        FORMAT,
        _code_digest(),
        sphinx.__version__,
        docutils.__version__,
        builder.name,
        getattr(builder, "config_hash", ""),
        f"{cls.__module__}.{cls.__qualname__}",
        visitors,
    )


class RowMemo:
    """The rows' HTML of one document: as stored by the last build, and as written by this one."""

    def __init__(self, path: Path, stamp: tuple[Any, ...]) -> None:
        self.path = path
        self.stamp = stamp
        self.stored = self._load()
        self.written: dict[RowKey, str] = {}
        self.saved = self.stored  # what the file holds

    @classmethod
    def of(cls, translator: Any) -> RowMemo | None:
        """The memo of the document ``translator`` writes, or None where rows are not kept.

        Rows are kept for translators that count rows as Sphinx's HTML5 translator does (for
        the odd and even classes), which a memo hit must keep counting.
        """
        memo = getattr(translator, ATTRIBUTE, None)
        if isinstance(memo, RowMemo):
            return memo
        builder = translator.builder
        docname = getattr(builder, "current_docname", None)
        if (
            builder.format != "html"
            or not docname
            or not isinstance(getattr(translator, "_table_row_indices", None), list)
        ):
            return None
        path = Path(builder.doctreedir, MEMO_DIR, builder.name, f"{docname}.pickle")
        memo = cls(path, _stamp(translator))
        setattr(translator, ATTRIBUTE, memo)
        return memo

    def _load(self) -> dict[RowKey, str]:
        try:
            with self.path.open("rb") as f:
                stamp, rows = pickle.load(f)  # noqa: S301 (our own build directory)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            return {}
        return rows if stamp == self.stamp and isinstance(rows, dict) else {}

    @staticmethod
    def key(row: Row, refs: Refs | None, odd: bool) -> RowKey:
        """What decides the HTML of ``row`` besides the stamp (see :mod:`.rows` for both)."""
        key, cells, _sorts = row
        link = refs.get(key) if refs is not None and key is not None else None
        return (odd, key, cells, link)

    def get(self, key: RowKey) -> str | None:
        """The stored HTML of the row with ``key``, kept for the next build; None if unknown."""
        html = self.stored.get(key)
        if html is not None:
            self.written[key] = html
        return html

    def keep(self, key: RowKey, html: str) -> None:
        """Remember a row just written."""
        self.written[key] = html

    def save(self) -> None:
        """Store the rows written so far (called after each table), replacing the last build's."""
        if self.written == self.saved:
            return
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            tmp.parent.mkdir(parents=True, exist_ok=True)
            with tmp.open("wb") as f:
                pickle.dump((self.stamp, self.written), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
            self.saved = dict(self.written)
        except OSError:  # a speed-up only
            tmp.unlink(missing_ok=True)


def forget_removed(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Delete the rows kept for documents that no longer exist (``env-get-outdated``)."""
    for builder_dir in Path(app.doctreedir, MEMO_DIR).glob("*"):
        for docname in removed:
            Path(builder_dir, f"{docname}.pickle").unlink(missing_ok=True)
    return []
