"""Export the catalog as an awesome-list README (Markdown), JSON or BibTeX; no Sphinx imports.

The names below are loaded on first use: the JSON export brings in PyYAML (through
:mod:`..importer.writer`), which a build that finds its catalog in the cache never needs until
the exports are written, in a child process where Sphinx can fork.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .bibtex import export_bibtex
    from .cli import add_export_parser
    from .json import export_json
    from .markdown import export_markdown

__all__ = ["add_export_parser", "export_bibtex", "export_json", "export_markdown"]

_HOMES = {
    "add_export_parser": ".cli",
    "export_bibtex": ".bibtex",
    "export_json": ".json",
    "export_markdown": ".markdown",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_HOMES[name], __name__), name)
