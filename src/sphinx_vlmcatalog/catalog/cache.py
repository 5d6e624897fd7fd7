"""A cache of validated catalog files, keyed by their content.

Parsing and validating YAML is most of the cost of loading a large catalog (seconds for ten
thousand entries), and most loads see files that have not changed since the last one: the next
``vlmcatalog validate``, a clean rebuild of the docs. Each file's result (its entries, categories
and problems) is pickled under a key that hashes the file's bytes, the name it is shown under,
the current year (validation accepts years up to next year), the Python version and the source
of this package's catalog layer, so that any change to the input or to the code that produced
the result is a miss.

The directory is ``$VLMCATALOG_CACHE_DIR`` if set (``off`` or an empty value disables the cache),
else ``$XDG_CACHE_HOME/sphinx-vlmcatalog`` or ``~/.cache/sphinx-vlmcatalog``. The cache is only a
speed-up: an unreadable, unwritable or corrupt cache is ignored. It holds pickles, so it must be
writable only by its user, like any cache directory under the home directory.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import pickle
import sys
from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import Any

#: Bump when the cached value changes shape.
FORMAT = b"vlmcatalog-file-cache-2"
#: The cache is pruned to this many bytes, the least recently used files first (never those of
#: the load that prunes).
MAX_BYTES = 256 * 1024 * 1024
ENV_VAR = "VLMCATALOG_CACHE_DIR"


def default_dir() -> Path | None:
    """The cache directory for this user, or None when disabled."""
    value = os.environ.get(ENV_VAR)
    if value is not None:
        return None if value.strip().lower() in ("", "off", "0", "no") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sphinx-vlmcatalog"


@cache
def _code_digest() -> bytes:
    """Digest of the catalog layer's source: results of other code are never reused."""
    digest = hashlib.sha256(FORMAT + sys.version.encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.digest()


def key(content_hash: str, shown: str) -> str:
    """The cache key of a file whose bytes hash to ``content_hash`` (SHA-256, hexadecimal),
    shown as ``shown`` in messages."""
    digest = hashlib.sha256(_code_digest())
    digest.update(str(datetime.date.today().year).encode() + b"\0" + shown.encode() + b"\0")
    digest.update(content_hash.encode())
    return digest.hexdigest()


class FileCache:
    """Pickled per-file results in one directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def has(self, name: str) -> bool:
        """True if a value is stored under ``name`` (it may still turn out unreadable)."""
        return (self.directory / f"{name}.pickle").is_file()

    def get(self, name: str) -> Any | None:
        """The value stored under ``name``, or None."""
        path = self.directory / f"{name}.pickle"
        try:
            with path.open("rb") as f:
                value = pickle.load(f)  # noqa: S301 (our own cache directory)
            os.utime(path)  # recently used
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        return value

    def put(self, name: str, value: Any) -> None:
        """Store ``value`` under ``name`` (atomically)."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp = self.directory / f"{name}.{os.getpid()}.tmp"
            with tmp.open("wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.directory / f"{name}.pickle")
        except (OSError, pickle.PicklingError):
            pass

    def prune(self, keep: Collection[str] = ()) -> None:
        """Drop the least recently used files beyond :data:`MAX_BYTES`, but none named in ``keep``.

        Called once a load is done, with the names it used: a catalog of more files than a
        count limit would otherwise evict its own files, and miss on every load.
        """
        try:
            found = [(p.stat(), p) for p in self.directory.glob("*.pickle")]
        except OSError:
            return
        found.sort(key=lambda sp: sp[0].st_mtime, reverse=True)
        total = 0
        for stat, path in found:
            total += stat.st_size
            if total > MAX_BYTES and path.stem not in keep:
                path.unlink(missing_ok=True)
