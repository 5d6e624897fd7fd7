"""``vlmcatalog import LIST.md [...] --out DIR [--mapping FILE]``: the argparse hook.

Exit status: 0 when the import went through, 1 when malformed lines were reported, 2 on usage
errors (missing files, unusable mapping). Messages are one line each; there are no tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .mapping import MappingError
from .pipeline import run_import


def add_import_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``import`` subcommand on an ``add_subparsers()`` object."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="import awesome-list Markdown files into a catalog directory",
        description="Parse awesome lists, merge duplicate works and write catalog YAML.",
    )
    p.add_argument("lists", nargs="+", type=Path, metavar="LIST.md", help="Markdown lists")
    p.add_argument(
        "--out", "-o", required=True, type=Path, metavar="DIR", help="catalog directory to write"
    )
    p.add_argument(
        "--mapping", "-m", type=Path, metavar="FILE", help="section -> category mapping file (YAML)"
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    p.set_defaults(func=import_command)
    return p


def import_command(args: argparse.Namespace) -> int:
    """Run the import for parsed arguments and print the report to stderr."""
    for path in args.lists:
        if not path.is_file():
            print(f"vlmcatalog import: no such file: {path}", file=sys.stderr)
            return 2
    if args.mapping is not None and not args.mapping.is_file():
        print(f"vlmcatalog import: no such mapping file: {args.mapping}", file=sys.stderr)
        return 2
    if args.out.exists() and not args.out.is_dir():
        print(f"vlmcatalog import: --out is not a directory: {args.out}", file=sys.stderr)
        return 2
    try:
        report = run_import(
            list(args.lists), args.out, args.mapping, progress=None if args.quiet else _progress
        )
    except MappingError as exc:
        print(f"vlmcatalog import: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(
            f"vlmcatalog import: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return 2
    lines = report.summary_lines()
    if args.quiet:
        lines = [str(p) for p in report.problems]
    for line in lines:
        print(line, file=sys.stderr)
    return 1 if report.errors else 0


def _progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: ``python -m sphinx_vlmcatalog.importer.cli import ...``."""
    parser = argparse.ArgumentParser(prog="vlmcatalog")
    sub = parser.add_subparsers(dest="command", required=True)
    add_import_parser(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
