"""A cache of validated catalog files, keyed by their content, holding data only (JSON).

Parsing and validating YAML is most of the cost of loading a large catalog, and most loads see
files that have not changed since the last one: the next ``vlmcatalog validate``, a clean
rebuild of the docs. Each file's result, as plain JSON values (:mod:`.results`), is stored under
a key that hashes the file's bytes, the name it is shown under, the catalog's ``schema.yaml``,
the current year (validation accepts years up to next year), the cache :data:`FORMAT`, the
package and Python versions, and the modification times of the catalog layer's source files
(so that a developer editing them in a checkout never gets stale results). Any change to the
input or the code is a miss.

Reading a cache file never runs code: it is parsed as JSON and checked value by value as the
result is rebuilt, and anything unreadable, damaged or of the wrong shape is a miss.

The directory is ``$VLMCATALOG_CACHE_DIR`` if set (``off`` or an empty value disables the cache),
else ``$XDG_CACHE_HOME/sphinx-vlmcatalog`` or ``~/.cache/sphinx-vlmcatalog``. The cache is only a
speed-up: an unreadable or unwritable cache is ignored.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import sys
from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import Any

from ..version import __version__

#: Bump when the stored data changes shape, or when validation gives other results for the same
#: file (a cached result would hide the difference until the package version changes).
FORMAT = "vlmcatalog-file-cache-4"
#: The cache is pruned to this many bytes, the least recently used files first (never those of
#: the load that prunes).
MAX_BYTES = 256 * 1024 * 1024
ENV_VAR = "VLMCATALOG_CACHE_DIR"
SUFFIX = ".json"


def default_dir() -> Path | None:
    """The cache directory for this user, or None when disabled."""
    value = os.environ.get(ENV_VAR)
    if value is not None:
        return None if value.strip().lower() in ("", "off", "0", "no") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sphinx-vlmcatalog"


@cache
def _code_stamp() -> bytes:
    """The code that made a cached result: format, versions, and the catalog sources' times.

    Computed once a process, as the code it runs is loaded once. The source files are only
    looked at (not read), and only where they are real files: in a zip or a bytecode-only
    install there is nothing to look at, and the package version stands alone.
    """
    parts = [FORMAT, __version__, sys.version]
    try:
        with os.scandir(Path(__file__).parent) as found:
            for item in sorted(found, key=lambda item: item.name):
                if item.name.endswith(".py"):
                    stat = item.stat()
                    parts.append(f"{item.name}:{stat.st_mtime_ns}:{stat.st_size}")
    except OSError:
        pass
    return "\0".join(parts).encode()


def key(content_hash: str, shown: str, schema: str = "") -> str:
    """The cache key of a file whose bytes hash to ``content_hash`` (SHA-256, hexadecimal),
    shown as ``shown`` in messages, validated under the ``schema.yaml`` whose digest is
    ``schema`` (a field it adds or drops changes what the file's entries hold)."""
    digest = hashlib.sha256(_code_stamp())
    digest.update(f"\0{datetime.date.today().year}\0{shown}\0{content_hash}\0{schema}".encode())
    return digest.hexdigest()


class FileCache:
    """JSON values in one directory, a file each."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, name: str) -> Path:
        return self.directory / f"{name}{SUFFIX}"

    def has(self, name: str) -> bool:
        """True if a value is stored under ``name`` (it may still turn out unreadable)."""
        return self._path(name).is_file()

    def get(self, name: str) -> Any | None:
        """The JSON value stored under ``name``, or None if there is none or it is unreadable."""
        path = self._path(name)
        try:
            value = json.loads(path.read_bytes())
            os.utime(path)  # recently used
        except (OSError, ValueError, RecursionError):  # (a bad file's nesting may be too deep)
            return None
        return value

    def put(self, name: str, value: Any) -> None:
        """Store the JSON value ``value`` under ``name`` (atomically)."""
        tmp = self.directory / f"{name}.{os.getpid()}.tmp"
        try:
            data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
            os.replace(tmp, self._path(name))
        except (OSError, TypeError, ValueError):
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)  # (a disk that filled up)

    def prune(self, keep: Collection[str] = ()) -> None:
        """Drop the least recently used files beyond :data:`MAX_BYTES`, but none named in ``keep``.

        Called once a load is done, with the names it used: a catalog of more files than a
        count limit would otherwise evict its own files, and miss on every load.
        """
        try:
            found = [(p.stat(), p) for p in self.directory.glob(f"*{SUFFIX}")]
        except OSError:
            return
        found.sort(key=lambda sp: sp[0].st_mtime, reverse=True)
        total = 0
        for stat, path in found:
            total += stat.st_size
            if total > MAX_BYTES and path.stem not in keep:
                path.unlink(missing_ok=True)
