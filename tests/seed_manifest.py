"""The facts of every entry of the four seed awesome lists, as ``tests/seed-manifest.json``.

The seed lists live outside the repository (``../shared/seeds``). The manifest records, for each
entry the importer reads from them, the seed file, line, kind, title, short name, arXiv id and
URLs, so that the coverage test (``test_seed_coverage.py``) checks the catalog on any machine.
Regenerate it after a change to the seeds or to the importer::

    python tests/seed_manifest.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from sphinx_vlmcatalog.importer.mapping import load_mapping
from sphinx_vlmcatalog.importer.markdown import parse_markdown

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
MANIFEST = Path(__file__).parent / "seed-manifest.json"


def seed_files() -> list[Path]:
    """The seed lists, if this machine has them."""
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def build_manifest(seeds: list[Path]) -> list[dict[str, Any]]:
    """One record per entry of the seeds, in seed and line order."""
    mapping = load_mapping(ROOT / "import-mapping.yaml")
    records: list[dict[str, Any]] = []
    for seed in seeds:
        found, _problems = parse_markdown(
            seed.read_text(encoding="utf-8"),
            seed.name,
            mapping.list_slug(seed),
            mapping.topic_sections,
            mapping.skip_sections,
        )
        records.extend(
            {
                "seed": seed.name,
                "line": rec.line,
                "kind": rec.kind,
                "title": rec.title,
                "short": rec.short,
                "arxiv": rec.arxiv,
                "urls": sorted(rec.links.values()),
            }
            for rec in found
        )
    return records


def manifest_text(records: list[dict[str, Any]]) -> str:
    """The manifest file's text: one record per line, so a diff shows the entries that changed."""
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)
    return f"[\n{lines}\n]\n"


if __name__ == "__main__":
    seeds = seed_files()
    if not seeds:
        sys.exit(f"no seed lists in {SEEDS}")
    MANIFEST.write_text(manifest_text(build_manifest(seeds)), encoding="utf-8")
    print(f"wrote {MANIFEST}")
