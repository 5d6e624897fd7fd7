"""``vlmcatalog export --format markdown|json|bibtex [PATH] [-o FILE]``: the argparse hook.

Exit status 0 on success, 1 if the catalog has problems (what loaded is still exported),
2 on usage errors; one-line messages, no tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..catalog import cache
from ..catalog.loader import load_catalog
from .bibtex import export_bibtex
from .json import export_json
from .markdown import export_markdown

#: Export formats of the command.
FORMATS = ("markdown", "json", "bibtex")


def add_export_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``export`` subcommand on an ``add_subparsers()`` object."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "export", help="write the catalog as Markdown, JSON or BibTeX"
    )
    p.add_argument("--format", "-f", choices=FORMATS, default="markdown")
    p.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=Path("catalog"),
        help="catalog directory (default: catalog)",
    )
    p.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    p.add_argument(
        "--title",
        default="Awesome Vision-Language Models",
        help="title of the Markdown list (default: %(default)s)",
    )
    p.set_defaults(func=export_command)
    return p


def export_command(args: argparse.Namespace) -> int:
    """Run the export for parsed arguments."""
    if not args.path.exists():
        print(f"vlmcatalog export: no such catalog: {args.path}", file=sys.stderr)
        return 2
    result = load_catalog([args.path], cache_dir=cache.default_dir())
    for issue in result.issues:  # export what loaded, but say what did not
        print(issue, file=sys.stderr)
    entries = list(result.catalog)
    categories = list(result.catalog.categories.values())
    if args.format == "json":
        text = export_json(entries, categories)
    elif args.format == "bibtex":
        text = export_bibtex(entries, schema=result.catalog.schema)
    else:
        text = export_markdown(entries, categories, args.title)
    if args.output is None:
        sys.stdout.write(text)
    else:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"vlmcatalog export: {exc.strerror}: {args.output}", file=sys.stderr)
            return 2
    return 1 if result.issues else 0
