"""JSON export: every entry with the same field names as the YAML, plus the taxonomy."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..catalog.entries import Category, Entry
from ..importer.writer import category_tree, entry_to_dict


def export_json(entries: Sequence[Entry], categories: Sequence[Category] = ()) -> str:
    """A JSON document ``{"taxonomy": [...], "entries": [...]}`` (entries in the given order)."""
    doc = {
        "taxonomy": category_tree(categories),
        "entries": [entry_to_dict(e, plain=True) for e in entries],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
