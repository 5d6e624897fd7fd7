"""Re-importing the four seed lists with ``import-mapping.yaml`` reproduces ``catalog/`` exactly.

The catalog was made by this importer from the seeds (the mapping holds the hand corrections),
so any change to the importer that changes a byte of the output shows here. Needs the seeds
(``../shared/seeds``); elsewhere the coverage test checks the committed manifest instead.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from seed_manifest import seed_files
from sphinx_vlmcatalog.importer.pipeline import run_import

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "catalog"


def tree(root: Path) -> dict[str, str]:
    """The imported catalog files under ``root``: not ``schema.yaml`` (the catalog's rules) nor
    ``curated/`` (entries beyond the seeds), which are written by hand."""
    return {
        p.relative_to(root).as_posix(): p.read_text("utf-8")
        for p in root.rglob("*.yaml")
        if p.name != "schema.yaml" and p.relative_to(root).parts[0] != "curated"
    }


@pytest.mark.skipif(not seed_files(), reason="the seed lists (../shared/seeds) are not here")
def test_seeds_reproduce_the_catalog(tmp_path: Path) -> None:
    report = run_import(seed_files(), tmp_path, ROOT / "import-mapping.yaml", progress=None)
    got, want = tree(tmp_path), tree(CATALOG)
    assert sorted(got) == sorted(want)
    diffs = [
        "".join(difflib.unified_diff(want[n].splitlines(True), got[n].splitlines(True), n, n))
        for n in sorted(want)
        if got[n] != want[n]
    ]
    assert diffs == [], "\n".join(diffs)[:5000]
    # every entry-like line of the seeds is accounted for, and none was lost
    fates = report.fates()
    assert fates["problem"] == 0 and report.errors == []
    assert fates["entry"] == report.entries == 430
    assert fates["entry"] + fates["merged"] + fates["skipped"] == len(report.ledger)
