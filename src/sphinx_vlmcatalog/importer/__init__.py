"""Import awesome lists (Markdown) into the YAML catalog; no Sphinx imports here.

The names below are loaded on first use: the Sphinx extension needs only :mod:`.writer` (for
the JSON export), and the parsing half of the importer (ftfy, the Markdown reader) would add
a tenth of a second to the start of every build.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cli import add_import_parser
    from .pipeline import run_import
    from .records import ImportReport, Problem, RawRecord

__all__ = ["ImportReport", "Problem", "RawRecord", "add_import_parser", "run_import"]

_HOMES = {
    "add_import_parser": ".cli",
    "run_import": ".pipeline",
    "ImportReport": ".records",
    "Problem": ".records",
    "RawRecord": ".records",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_HOMES[name], __name__), name)
