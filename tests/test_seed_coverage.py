"""Every work and topic of the four seed lists is present in ``catalog/``.

The seeds' entries are recorded in ``seed-manifest.json`` (see :mod:`seed_manifest`), so this
runs on any machine. A record is found in the catalog by arXiv id, else by URL, else by
normalised title or short name. Where the seeds themselves are present, the manifest is
regenerated from them and must be unchanged.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from seed_manifest import MANIFEST, build_manifest, manifest_text, seed_files
from sphinx_vlmcatalog.importer.normalize import name_keys, normalize_url, title_keys

CATALOG = Path(__file__).resolve().parents[1] / "catalog"
RECORDS = json.loads(MANIFEST.read_text(encoding="utf-8"))
SEEDS = sorted({r["seed"] for r in RECORDS})


def _catalog_index() -> tuple[set[str], set[str], set[str]]:
    arxivs: set[str] = set()
    urls: set[str] = set()
    names: set[str] = set()
    for path in CATALOG.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for e in data.get("entries") or []:
            if e.get("arxiv"):
                arxivs.add(str(e["arxiv"]))
            urls.update(normalize_url(u) for u in (e.get("links") or {}).values())
            names.update(title_keys(e["title"]) | name_keys(e["title"], e.get("short")))
    return arxivs, urls, names


def test_the_manifest_has_all_four_seeds() -> None:
    counts = Counter(r["seed"] for r in RECORDS)
    assert len(counts) == 4
    assert all(n > 50 for n in counts.values()), counts


@pytest.mark.parametrize("seed", SEEDS)
def test_every_seed_entry_is_in_the_catalog(seed: str) -> None:
    arxivs, urls, names = _catalog_index()
    records = [r for r in RECORDS if r["seed"] == seed]
    missing = [
        f"{seed}:{r['line']} {r['title']}"
        for r in records
        if not (
            (r["arxiv"] in arxivs if r["arxiv"] else False)
            or any(normalize_url(u) in urls for u in r["urls"])
            or bool((title_keys(r["title"]) | name_keys(r["title"], r["short"])) & names)
        )
    ]
    print(f"{seed}: {len(records) - len(missing)}/{len(records)} entries found in catalog/")
    assert not missing, "missing from catalog/:\n" + "\n".join(missing)


@pytest.mark.skipif(not seed_files(), reason="the seed lists (../shared/seeds) are not here")
def test_the_manifest_is_what_the_seeds_give() -> None:
    expected = manifest_text(build_manifest(seed_files()))
    assert MANIFEST.read_text(encoding="utf-8") == expected, (
        "seed-manifest.json is stale: run python tests/seed_manifest.py"
    )
