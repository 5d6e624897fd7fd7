"""``vlmcatalog import LIST.md [...] --out DIR [--mapping FILE]``: the argparse hook.

The report goes to stderr: merges (with their reasons), conflicts, works that share a URL, the
problems with their lines, and one summary line (``612 entry-like lines: 580 entries, 27
merged, 5 problems``). ``--report FILE`` writes what became of every entry-like line.

Exit status: 0 when every entry-like line was imported, 1 when some were not (with
``--strict``, also when anything else was reported), 2 on usage errors (missing files,
unusable mapping). Messages are one line each; there are no tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from .emit import emit_mapping
from .mapping import MappingError
from .pipeline import run_import
from .records import ImportReport


def add_import_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``import`` subcommand on an ``add_subparsers()`` object."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="import awesome-list Markdown files into a catalog directory",
        description="Parse awesome lists, merge duplicate works and write catalog YAML.",
    )
    p.add_argument("lists", nargs="+", type=Path, metavar="LIST.md", help="Markdown lists")
    p.add_argument("--out", "-o", type=Path, metavar="DIR", help="catalog directory to write")
    p.add_argument(
        "--mapping", "-m", type=Path, metavar="FILE", help="section -> category mapping file (YAML)"
    )
    p.add_argument(
        "--emit-mapping",
        type=Path,
        metavar="FILE",
        help="write a starting mapping file from the lists' headings ('-' for stdout); no import",
    )
    p.add_argument(
        "--strict", action="store_true", help="exit 1 on any problem, not only on lost lines"
    )
    p.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="write what became of every entry-like line (path:line: fate: detail)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print problems and the summary only")
    p.set_defaults(func=import_command)
    return p


def import_command(args: argparse.Namespace) -> int:
    """Run the import (or write a mapping) for parsed arguments; report to stderr."""
    for path in args.lists:
        if not path.is_file():
            return _usage(f"no such file: {path}")
    if args.emit_mapping is not None:
        return _emit(args.lists, args.emit_mapping)
    if args.out is None:
        return _usage("give --out DIR (or --emit-mapping FILE)")
    if args.mapping is not None and not args.mapping.is_file():
        return _usage(f"no such mapping file: {args.mapping}")
    if args.out.exists() and not args.out.is_dir():
        return _usage(f"--out is not a directory: {args.out}")
    bar = ProgressBar(sys.stderr) if not args.quiet and sys.stderr.isatty() else None
    try:
        report = run_import(
            list(args.lists),
            args.out,
            args.mapping,
            progress=None if args.quiet or bar else _progress,
            step=bar,
        )
        if args.report is not None:
            args.report.write_text("".join(f"{item}\n" for item in report.ledger), "utf-8")
    except MappingError as exc:
        return _usage(str(exc))
    except OSError as exc:
        return _usage(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
    finally:
        if bar is not None:
            bar.close()
    lines = report.summary_lines()
    if args.quiet:
        lines = [*(str(p) for p in report.problems if p.severity != "note"), report.summary()]
    for line in lines:
        print(line, file=sys.stderr)
    return exit_status(report, strict=args.strict)


def exit_status(report: ImportReport, *, strict: bool) -> int:
    """1 when an entry-like line was not imported (or, when ``strict``, anything was reported
    short of a note), else 0."""
    if report.errors:
        return 1
    if strict and (report.warnings or report.conflicts or report.separated):
        return 1
    return 0


def _emit(lists: list[Path], target: Path) -> int:
    try:
        text = emit_mapping(lists)
        if str(target) == "-":
            sys.stdout.write(text)
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote a starting mapping to {target}", file=sys.stderr)
    except OSError as exc:
        return _usage(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
    return 0


def _usage(msg: str) -> int:
    print(f"vlmcatalog import: {msg}", file=sys.stderr)
    return 2


def _progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


class ProgressBar:
    """A one-line progress bar on a terminal: ``parsing  [#######.......]  3/7``."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Redraw the bar for ``done`` of ``total`` items of ``stage``."""
        filled = self.WIDTH * done // total if total else self.WIDTH
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\r{stage[:40]:<40} [{bar}] {done}/{total}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """End the bar's line."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: ``python -m sphinx_vlmcatalog.importer.cli import ...``."""
    parser = argparse.ArgumentParser(prog="vlmcatalog")
    sub = parser.add_subparsers(dest="command", required=True)
    add_import_parser(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
