"""Import awesome lists (Markdown) into the YAML catalog; no Sphinx imports here."""

from __future__ import annotations

from .cli import add_import_parser
from .pipeline import run_import
from .records import ImportReport, Problem, RawRecord

__all__ = ["ImportReport", "Problem", "RawRecord", "add_import_parser", "run_import"]
