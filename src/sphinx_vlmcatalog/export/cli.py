"""``vlmcatalog export --format markdown|json [PATH] [-o FILE]``: the argparse hook.

Exit status 0 on success, 2 on usage errors; one-line messages, no tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from ..catalog.entries import KIND_CLASSES, Category, Entry, SourceMention, data_fields
from ..importer.writer import flatten_tree
from .json import export_json
from .markdown import export_markdown


def add_export_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``export`` subcommand on an ``add_subparsers()`` object."""
    p = subparsers.add_parser("export", help="write the catalog as Markdown or JSON")
    p.add_argument("--format", "-f", choices=("markdown", "json"), default="markdown")
    p.add_argument("path", nargs="?", type=Path, default=Path("catalog"),
                   help="catalog directory (default: catalog)")
    p.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    p.set_defaults(func=export_command)
    return p


def read_entries(root: Path) -> tuple[list[Entry], list[Category]]:
    """Entries and categories of a catalog directory, built without validation.

    A stop-gap until the core loader is merged: it trusts the YAML and skips what it cannot use.
    """
    entries: list[Entry] = []
    categories: list[Category] = []
    for path in sorted(root.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            continue
        if isinstance(data.get("taxonomy"), list):
            categories += flatten_tree(data["taxonomy"])
        for raw in data.get("entries") or []:
            cls = KIND_CLASSES.get(str(raw.get("kind")))
            if cls is None:
                continue
            allowed = data_fields(cls)
            kw: dict[str, Any] = {}
            for k, v in raw.items():
                if k not in allowed:
                    continue
                if k == "sources":
                    v = tuple(SourceMention(s["list"], s.get("section", "")) for s in v)
                elif k == "relations":
                    v = {r: tuple(ids) for r, ids in v.items()}
                elif isinstance(v, list):
                    v = tuple(v)
                kw[k] = v
            entries.append(cls(**kw))
    return entries, categories


def export_command(args: argparse.Namespace) -> int:
    """Run the export for parsed arguments."""
    if not args.path.is_dir():
        print(f"vlmcatalog export: not a catalog directory: {args.path}", file=sys.stderr)
        return 2
    try:
        entries, categories = read_entries(args.path)
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        print(f"vlmcatalog export: cannot read {args.path}: {exc}".splitlines()[0],
              file=sys.stderr)
        return 2
    text = export_json(entries, categories) if args.format == "json" else \
        export_markdown(entries, categories)
    if args.output is None:
        sys.stdout.write(text)
    else:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"vlmcatalog export: {exc.strerror}: {args.output}", file=sys.stderr)
            return 2
    return 0
