"""Load a catalog from YAML files: every ``*.yaml``/``*.yml`` under the given paths, any nesting
(found by :func:`.files.find_files`, which also says how symbolic links are treated).

A file is a mapping with ``entries`` (a list of entries) and/or ``taxonomy`` (the category tree).
The ``schema.yaml`` at the root of a catalog directory (or beside a catalog file given alone)
is not a catalog file: it declares the catalog's own fields (:mod:`.schema_file`), and every
file is validated, and cached, under it.
Loading never raises for bad content: it returns the catalog it could build and the list of
problems, each with ``path:line``. Paths in messages are shown as the caller gave them.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .cache import FileCache
from .cache import key as cache_key
from .custom import BUILTIN, CatalogSchema
from .entries import Category, Entry, SourceRef
from .files import SUFFIXES, find_files
from .index import Catalog
from .issues import Issue, Subtype
from .results import FileResult, from_data, to_data
from .schema_file import SCHEMA_FILE, read_schema
from .validate import build_entry, build_taxonomy, cross_check
from .yamlfile import LineDict, LineList, YamlProblem, decode, parse, read_bytes

__all__ = [
    "SUFFIXES",
    "LoadResult",
    "PendingLoad",
    "find_files",
    "load_catalog",
    "load_schema",
    "start_load",
]


@dataclass
class LoadResult:
    """What loading produced: the catalog, the problems, and the files read."""

    catalog: Catalog
    issues: list[Issue] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing was reported."""
        return not self.issues


RawFile = tuple[list[tuple[object, int]], object, int, list[Issue]]


def _unreadable(exc: OSError, shown: str) -> Issue:
    return Issue(Subtype.CATALOG_FILE, f"cannot read file: {exc.strerror}", SourceRef(shown, 0))


def _file_problem(exc: YamlProblem, shown: str) -> Issue:
    sub = Subtype.CATALOG_SYNTAX if exc.syntax else Subtype.CATALOG_FILE
    return Issue(sub, exc.message, SourceRef(shown, exc.line))


def read_data(content: bytes, shown: str) -> RawFile:
    """Read one file's bytes: its raw entries with their lines, its raw taxonomy (or None) and
    the taxonomy's line, and the problems of the file as a whole.

    :param shown: the path to print in messages
    """
    issues: list[Issue] = []
    try:
        data = parse(decode(content))
    except YamlProblem as exc:
        return [], None, 0, [_file_problem(exc, shown)]
    if data is None:
        issues.append(
            Issue(
                Subtype.CATALOG_FILE,
                "file is empty; expected 'entries' or 'taxonomy'",
                SourceRef(shown, 1),
            )
        )
        return [], None, 0, issues
    if not isinstance(data, LineDict):
        kind = "a list" if isinstance(data, list) else "a single value"
        issues.append(
            Issue(
                Subtype.CATALOG_FILE,
                f"file is {kind}; expected a mapping with 'entries' and/or 'taxonomy'",
                SourceRef(shown, 1),
            )
        )
        return [], None, 0, issues
    for key in data:
        if key not in ("entries", "taxonomy"):
            issues.append(
                Issue(
                    Subtype.UNKNOWN_FIELD,
                    f"unknown top-level key '{key}' (expected 'entries' or 'taxonomy'); ignored",
                    SourceRef(shown, data.key_lines[key]),
                )
            )
    raw_entries: list[tuple[object, int]] = []
    if "entries" in data:
        entries = data["entries"]
        line = data.key_lines["entries"]
        if isinstance(entries, LineList):
            raw_entries = list(zip(entries, entries.item_lines, strict=True))
        elif entries is not None:
            issues.append(
                Issue(
                    Subtype.CATALOG_SCHEMA,
                    "'entries' must be a list of entries",
                    SourceRef(shown, line),
                )
            )
    taxonomy = data.get("taxonomy")
    return raw_entries, taxonomy, data.key_lines.get("taxonomy", 0), issues


def load_file(path: Path, shown: str, cache: FileCache | None = None) -> FileResult:
    """Read and validate one file, or take its result from ``cache`` if the content is known."""
    try:
        content = read_bytes(path)
    except OSError as exc:
        return FileResult([_unreadable(exc, shown)], [], [])
    except YamlProblem as exc:  # too large to read
        return FileResult([_file_problem(exc, shown)], [], [])
    return load_content(content, shown, cache)


def load_content(
    content: bytes,
    shown: str,
    cache: FileCache | None = None,
    name: str | None = None,
    schema: CatalogSchema = BUILTIN,
) -> FileResult:
    """:func:`load_file` for a file's bytes.

    :param name: the content's cache key, if already computed
    :param schema: the catalog's own fields
    """
    if cache is not None:
        name = name or cache_key(hashlib.sha256(content).hexdigest(), shown, schema.digest)
        hit = from_data(cache.get(name), shown, schema)
        if hit is not None:
            return hit
    raw_entries, raw_taxonomy, tax_line, issues = read_data(content, shown)
    cats: list[Category] = []
    if raw_taxonomy is not None:
        cats, tax_issues = build_taxonomy(raw_taxonomy, shown, tax_line)
        issues += tax_issues
    built = [build_entry(raw, shown, line, schema) for raw, line in raw_entries]
    result = FileResult(issues, cats, built)
    if cache is not None and name:
        cache.put(name, to_data(result))
    return result


def load_catalog(
    paths: Iterable[str | os.PathLike[str]],
    *,
    base: Path | None = None,
    cache_dir: Path | None = None,
) -> LoadResult:
    """Load and validate every catalog file under ``paths``.

    :param base: show paths relative to this directory in messages (default: as found)
    :param cache_dir: reuse validated files from this directory (see :mod:`.cache`)
    """
    return start_load(paths, base=base, cache_dir=cache_dir).result()


def start_load(
    paths: Iterable[str | os.PathLike[str]],
    *,
    base: Path | None = None,
    cache_dir: Path | None = None,
) -> PendingLoad:
    """Begin :func:`load_catalog`: find and read the files; :meth:`PendingLoad.result` loads
    them."""
    paths = list(paths)
    files, issues = find_files(paths)
    schemas = schema_files(paths)
    real = {os.path.realpath(p) for p in schemas}
    files = [f for f in files if os.path.realpath(f) not in real]
    cache = FileCache(cache_dir) if cache_dir is not None else None
    return PendingLoad(files, issues, base, cache, schemas)


def load_schema(
    paths: Iterable[str | os.PathLike[str]], *, base: Path | None = None
) -> tuple[CatalogSchema, list[Issue]]:
    """The catalog's own fields alone (``schema.yaml`` of ``paths``), and their problems: what
    a query needs to be parsed before the catalog is loaded."""
    pending = PendingLoad([], [], base, None, schema_files(paths))
    return pending.schema, pending.issues


def schema_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The ``schema.yaml`` of each catalog path: at the root of a directory, beside a file (or
    the file itself), without repeats."""
    found: dict[str, Path] = {}
    for p in paths:
        path = Path(p)
        if path.is_dir():
            candidate = path / SCHEMA_FILE
        elif path.name == SCHEMA_FILE:
            candidate = path
        else:
            candidate = path.parent / SCHEMA_FILE
        if candidate.is_file():
            found.setdefault(os.path.realpath(candidate), candidate)
    return list(found.values())


class PendingLoad:
    """A load begun by :func:`start_load`: the files are read and hashed (:attr:`prints`), so a
    caller can tell whether the catalog changed before paying for the load."""

    def __init__(
        self,
        files: list[Path],
        issues: list[Issue],
        base: Path | None,
        cache: FileCache | None,
        schemas: list[Path] | None = None,
    ) -> None:
        self.files = files
        self.issues = issues
        self.shown = [_shown(path, base) for path in files]
        self.cache = cache
        #: the catalog's own fields; its file's print is among :attr:`prints`
        self.schema, schema_prints = self._read_schema(schemas or [], base)
        self.contents: list[bytes | FileResult] = []
        #: each file's name, as messages show it, -> a hash of its bytes: equal prints mean an
        #: unchanged catalog; where they differ, the files that changed
        self.prints: dict[str, str] = {}
        for path, name in zip(files, self.shown, strict=True):
            try:
                content = read_bytes(path)
            except OSError as exc:
                self.contents.append(FileResult([_unreadable(exc, name)], [], []))
                self.prints[name] = "<unreadable>"
            except YamlProblem as exc:  # too large to read: the result depends on the size alone
                self.contents.append(FileResult([_file_problem(exc, name)], [], []))
                self.prints[name] = f"<{exc.message}>"
            else:
                self.contents.append(content)
                self.prints[name] = hashlib.sha256(content).hexdigest()
        self.keys = [
            cache_key(self.prints[name], name, self.schema.digest) if cache is not None else ""
            for name in self.shown
        ]
        self.prints.update(schema_prints)
        self._result: LoadResult | None = None

    def _read_schema(
        self, paths: list[Path], base: Path | None
    ) -> tuple[CatalogSchema, dict[str, str]]:
        """The schema the files declare (their problems go to :attr:`issues`), and their prints."""
        files: list[tuple[bytes, str]] = []
        prints: dict[str, str] = {}
        for path in paths:
            name = _shown(path, base)
            try:
                content = read_bytes(path)
            except OSError as exc:
                self.issues.append(_unreadable(exc, name))
                prints[name] = "<unreadable>"
            except YamlProblem as exc:
                self.issues.append(_file_problem(exc, name))
                prints[name] = f"<{exc.message}>"
            else:
                files.append((content, name))
                prints[name] = hashlib.sha256(content).hexdigest()
        schema, issues = read_schema(files)
        self.issues += issues
        return schema, prints

    def _load(self, i: int) -> FileResult:
        content = self.contents[i]
        if isinstance(content, FileResult):
            return content
        return load_content(content, self.shown[i], self.cache, self.keys[i] or None, self.schema)

    def result(self) -> LoadResult:
        """The catalog, its problems and its files (loaded once, however often asked)."""
        if self._result is None:
            cache = self.cache
            misses = cache is not None and any(
                isinstance(content, bytes) and not cache.has(name)
                for content, name in zip(self.contents, self.keys, strict=True)
            )
            loaded = [self._load(i) for i in range(len(self.files))]
            if cache is not None and misses:  # files were added: keep the cache in bounds
                cache.prune(keep=set(self.keys))
            self._result = _assemble(self.files, self.issues, loaded, self.schema)
            self.contents = []
        return self._result


def _assemble(
    files: list[Path], issues: list[Issue], loaded: list[FileResult], schema: CatalogSchema
) -> LoadResult:
    """The catalog of the files' results: first definitions win, then cross-checked."""
    entries: dict[str, Entry] = {}
    categories: dict[str, Category] = {}
    for result in loaded:
        issues += result.issues
        for cat in result.categories:
            first = categories.get(cat.key)
            if first is not None:
                issues.append(
                    Issue(
                        Subtype.DUPLICATE_KEY,
                        f"category '{cat.key}' is already defined at {first.source}",
                        cat.source,
                    )
                )
            else:
                categories[cat.key] = cat
        for entry, entry_issues in result.entries:
            issues += entry_issues
            if entry is None:
                continue
            first_entry = entries.get(entry.id)
            if first_entry is not None:
                issues.append(
                    Issue(
                        Subtype.DUPLICATE_KEY,
                        f"duplicate id '{entry.id}' (first defined at "
                        f"{first_entry.line_of('id')}); this entry is ignored",
                        entry.line_of("id"),
                    )
                )
                continue
            entries[entry.id] = entry
    issues += cross_check(entries.values(), categories)
    return LoadResult(Catalog(entries, categories, schema), issues, files)


def _shown(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return os.path.relpath(path, base)
        except ValueError:  # another drive on Windows
            return str(path)
    return str(path)
