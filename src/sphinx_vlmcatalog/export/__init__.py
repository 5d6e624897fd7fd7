"""Export the catalog as an awesome-list README (Markdown), JSON or BibTeX; no Sphinx imports."""

from __future__ import annotations

from .bibtex import export_bibtex
from .cli import add_export_parser
from .json import export_json
from .markdown import export_markdown

__all__ = ["add_export_parser", "export_bibtex", "export_json", "export_markdown"]
