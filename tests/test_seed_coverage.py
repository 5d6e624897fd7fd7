"""Every work and topic of the four seed lists is present in ``catalog/``.

Each seed is parsed with the importer; a record is found in the catalog by arXiv id, else by
URL, else by normalised title or short name. The count per seed is printed (``pytest -s``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sphinx_vlmcatalog.importer.mapping import load_mapping
from sphinx_vlmcatalog.importer.markdown import parse_markdown
from sphinx_vlmcatalog.importer.normalize import name_keys, normalize_url, title_keys

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CATALOG = ROOT / "catalog"
SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


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


@pytest.mark.skipif(not SEED_FILES, reason=f"seed lists not found in {SEEDS}")
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_every_seed_entry_is_in_the_catalog(seed: Path) -> None:
    mapping = load_mapping(CATALOG.parent / "import-mapping.yaml")
    records, _ = parse_markdown(
        seed.read_text(encoding="utf-8"),
        str(seed),
        mapping.list_slug(seed),
        mapping.topic_sections,
        mapping.skip_sections,
    )
    arxivs, urls, names = _catalog_index()
    missing = []
    for rec in records:
        found = (
            (rec.arxiv in arxivs if rec.arxiv else False)
            or any(normalize_url(u) in urls for u in rec.links.values())
            or bool((title_keys(rec.title) | name_keys(rec.title, rec.short)) & names)
        )
        if not found:
            missing.append(f"{rec.where} {rec.title}")
    print(f"{seed.name}: {len(records) - len(missing)}/{len(records)} entries found in catalog/")
    assert records, "the importer found nothing in the seed"
    assert not missing, "missing from catalog/:\n" + "\n".join(missing)
