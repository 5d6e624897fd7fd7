"""Import awesome lists (Markdown) into the YAML catalog; no Sphinx imports here.

The names below are loaded on first use: the Sphinx extension needs only :mod:`.writer` (for
the JSON export), and the parsing half of the importer (ftfy, the Markdown reader) would add
a tenth of a second to the start of every build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .cli import add_import_parser
    from .pipeline import run_import
    from .records import ImportReport, Problem, RawRecord

__all__ = ["ImportReport", "Problem", "RawRecord", "add_import_parser", "run_import"]

__getattr__ = lazy_names(
    __name__,
    {
        "add_import_parser": ".cli",
        "run_import": ".pipeline",
        "ImportReport": ".records",
        "Problem": ".records",
        "RawRecord": ".records",
    },
)
