"""Export the catalog as an awesome-list README (Markdown), JSON or BibTeX; no Sphinx imports.

The names below are loaded on first use: the JSON export brings in PyYAML (through
:mod:`..importer.writer`), which a build that finds its catalog in the cache never needs until
the exports are written, in a child process where Sphinx can fork.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .bibtex import export_bibtex
    from .cli import add_export_parser
    from .json import export_json
    from .markdown import export_markdown

__all__ = ["add_export_parser", "export_bibtex", "export_json", "export_markdown"]

__getattr__ = lazy_names(
    __name__,
    {
        "add_export_parser": ".cli",
        "export_bibtex": ".bibtex",
        "export_json": ".json",
        "export_markdown": ".markdown",
    },
)
