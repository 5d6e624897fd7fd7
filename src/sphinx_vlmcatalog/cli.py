"""The ``vlmcatalog`` command: validate, stats, query, schema, import and export.

Every problem is one line (``path:line: message``) on stderr; exit status 0 means clean, 1 means
problems were found, 2 means the command line itself was wrong. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from collections.abc import Sequence

from .catalog import cache
from .catalog.entries import Entry
from .catalog.fields import QueryError, canonical_field, field_value
from .catalog.index import Catalog
from .catalog.issues import safe_text
from .catalog.loader import LoadResult, load_catalog, load_schema
from .catalog.ordering import parse_sort, sort_entries
from .catalog.query import parse_query, select
from .catalog.schema import catalog_schema
from .export.cli import add_export_parser
from .importer.cli import add_import_parser
from .version import __version__

DEFAULT_PATH = "catalog"
DEFAULT_COLUMNS = "id,kind,year,venue,title"
#: What ``vlmcatalog --help`` says the command is for; a project wrapping the command (with
#: :func:`main`) may say it of its own catalog.
DESCRIPTION = "Check, query and convert a vision-language-model catalog."


def _load(paths: Sequence[str], *, quiet: bool = False) -> LoadResult:
    result = load_catalog(paths or [DEFAULT_PATH], cache_dir=cache.default_dir())
    if not quiet:
        for issue in result.issues:
            print(issue, file=sys.stderr)
    return result


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate catalog files; exit 1 if there is any problem."""
    result = _load(args.paths)
    cat = result.catalog
    summary = (
        f"{len(result.files)} file(s), {len(cat)} entries, {len(cat.categories)} categories"
        f": {len(result.issues)} problem(s)"
    )
    print(summary, file=sys.stderr if result.issues else sys.stdout)
    return 1 if result.issues or not result.files else 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Print counts by kind, top-level category, year and source list."""
    result = _load(args.paths)
    cat = result.catalog
    if args.json:
        print(json.dumps(stats(cat), indent=2))
    else:
        for title, counts in stats(cat).items():
            print(f"{title}:")
            width = max((len(k) for k in counts), default=0)
            for key, n in counts.items():
                print(f"  {key:<{width}}  {n:>5}")
    return 1 if result.issues else 0


def stats(cat: Catalog) -> dict[str, dict[str, int]]:
    """Counts by kind, category (every level), year and source list."""
    by_cat = {key: len(cat.by_category.get(key, ())) for key in cat.categories}
    years = Counter(str(e.year) if e.year else "unknown" for e in cat)
    sources = Counter(s.list for e in cat for s in {m.list: m for m in e.sources}.values())
    return {
        "total": {"entries": len(cat), "categories": len(cat.categories)},
        "kind": dict(sorted(Counter(e.kind for e in cat).items())),
        "category": by_cat,
        "year": dict(sorted(years.items())),
        "source": dict(sorted(sources.items())),
    }


def cmd_query(args: argparse.Namespace) -> int:
    """Print the entries matching a query as a table."""
    # the catalog's own fields may be named: read its schema.yaml before parsing
    schema, _ = load_schema(args.paths or [DEFAULT_PATH])
    try:
        query = parse_query(args.expr, schema)
        keys = parse_sort(args.sort, schema) if args.sort else []
    except QueryError as exc:
        print(f"vlmcatalog query: {safe_text(str(exc))}", file=sys.stderr)
        return 2
    columns = [c.strip() for c in args.columns.split(",") if c.strip()]
    bad = [c for c in columns if canonical_field(c, schema) is None]
    if bad:
        print(f"vlmcatalog query: unknown column(s): {safe_text(', '.join(bad))}", file=sys.stderr)
        return 2
    result = _load(args.paths, quiet=True)
    if result.issues:
        print(
            f"vlmcatalog query: the catalog has {len(result.issues)} problem(s); "
            "run 'vlmcatalog validate' to see them",
            file=sys.stderr,
        )
    entries = sort_entries(select(result.catalog, query), keys)
    if args.limit:
        entries = entries[: args.limit]
    if args.json:
        print(json.dumps([e.id for e in entries]))
    else:
        print_table(entries, [canonical_field(c, schema) or c for c in columns])
        print(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}", file=sys.stderr)
    return 0


def cell(entry: Entry, column: str) -> str:
    """Plain-text value of one column, for terminals (control characters escaped)."""
    value = field_value(entry, column)
    if value is None:
        return ""
    if isinstance(value, bool):  # as a query writes it
        text = "true" if value else "false"
    elif isinstance(value, dict):
        text = " ".join(f"{k}={v}" for k, v in value.items())
    elif isinstance(value, tuple):
        text = ", ".join(getattr(v, "list", str(v)) for v in value)
    else:
        text = " ".join(str(value).split())
    return safe_text(text)


def print_table(entries: Sequence[Entry], columns: Sequence[str]) -> None:
    """Print entries as an aligned table that fits the terminal (the last column is cut)."""
    rows = [[cell(e, c) for c in columns] for e in entries]
    widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(columns)]
    total = shutil.get_terminal_size((120, 20)).columns
    fixed = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(10, min(widths[-1], total - fixed))

    def fmt(values: Sequence[str]) -> str:
        parts = [
            v if len(v) <= w else v[: w - 1] + "…" for v, w in zip(values, widths, strict=True)
        ]
        return "  ".join(p.ljust(w) for p, w in zip(parts, widths, strict=True)).rstrip()

    print(fmt(columns))
    print(fmt(["-" * w for w in widths]))
    for row in rows:
        print(fmt(row))


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of catalog files, with the catalog's own fields."""
    schema, issues = load_schema(args.paths or [DEFAULT_PATH])
    for issue in issues:
        print(issue, file=sys.stderr)
    print(json.dumps(catalog_schema(schema), indent=2))
    return 1 if issues else 0


def build_parser(description: str = DESCRIPTION) -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="vlmcatalog", description=description)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    paths_help = f"catalog files or directories (default: {DEFAULT_PATH})"
    p = sub.add_parser(
        "validate",
        help="check catalog files and report every problem",
        description="Check catalog files. Prints each problem as path:line: message;"
        " exits 1 if there is any.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "stats",
        help="count entries by kind, category, year and source",
        description="Count entries by kind, category, year and source list.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser(
        "query",
        help="list the entries that match a query",
        description="List entries matching a query, e.g. "
        "'kind:paper category:transfer year:>=2023 -venue:arXiv'.",
    )
    p.add_argument("expr", metavar="EXPR", help="the query (use '' for every entry)")
    p.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)
    p.add_argument("--sort", default="", help="sort keys, e.g. -year,title")
    p.add_argument("--columns", default=DEFAULT_COLUMNS, help=f"default: {DEFAULT_COLUMNS}")
    p.add_argument("--limit", type=int, default=0, help="show at most this many entries")
    p.add_argument("--json", action="store_true", help="print the matching ids as JSON")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of catalog files",
        description="Print the JSON Schema of catalog files (for editors), with the fields "
        "the catalog's schema.yaml declares.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help=paths_help)
    p.set_defaults(func=cmd_schema)

    add_import_parser(sub)
    add_export_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, description: str = DESCRIPTION) -> int:
    """Entry point of the ``vlmcatalog`` console script.

    :param description: what ``--help`` says the command is for
    """
    args = build_parser(description).parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("vlmcatalog: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. piped into `head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
