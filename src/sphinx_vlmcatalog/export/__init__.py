"""Export the catalog as an awesome-list README (Markdown) or as JSON; no Sphinx imports."""

from __future__ import annotations

from .cli import add_export_parser
from .json import export_json
from .markdown import export_markdown

__all__ = ["add_export_parser", "export_json", "export_markdown"]
