"""Synthetic catalogs and the Sphinx projects that show them, for :mod:`run`.

``generate(root, n)`` writes, under ``root``:

``catalog/``
    ``taxonomy.yaml`` (four areas of five categories: 20 leaf categories) and ``n`` entries in
    our own format, with field lengths like the real catalog's, split as the real catalog is
    split: one file per category (``pretraining/contrastive.yaml``...), holding the entries
    whose first category it is.
``table/``
    one page with every entry in a ``vlm-table``.
``handwritten/``
    the same table written out by hand as an RST ``list-table`` (no extension loaded).
``site/``
    20 chapter pages, one per leaf category, each a ``vlm-table`` of that category.
``handsite/``
    the same 20 pages with hand-written ``list-table`` s (no extension loaded).

Everything is deterministic for a given ``n`` and ``seed``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

#: Columns of every generated table, in the order the hand-written table repeats them.
COLUMNS = ("label", "title", "venue", "year", "categories", "links")
AREAS = {
    "pretraining": ("Pre-training", ("contrastive", "generative", "masked", "alignment", "data")),
    "transfer": ("Transfer", ("prompting", "adapters", "finetuning", "distillation", "zeroshot")),
    "tasks": ("Tasks", ("vqa", "captioning", "retrieval", "grounding", "segmentation")),
    "evaluation": ("Evaluation", ("benchmarks", "robustness", "bias", "efficiency", "safety")),
}
VENUES = ("CVPR", "ICCV", "ECCV", "NeurIPS", "ICML", "ICLR", "ACL", "EMNLP", "AAAI", "arXiv")
KINDS = ("paper",) * 7 + ("model", "dataset", "benchmark")
WORDS = [
    "vision",
    "language",
    "model",
    "visual",
    "instruction",
    "tuning",
    "contrastive",
    "pretraining",
    "image",
    "text",
    "alignment",
    "grounded",
    "reasoning",
    "multimodal",
    "large",
    "scale",
    "efficient",
    "robust",
    "zero",
    "shot",
    "few",
    "transfer",
    "learning",
    "retrieval",
    "captioning",
    "question",
    "answering",
    "segmentation",
    "detection",
    "benchmark",
    "dataset",
    "evaluation",
    "prompt",
    "adapter",
    "distillation",
    "encoder",
    "decoder",
    "transformer",
    "representation",
    "understanding",
    "generation",
    "video",
    "audio",
    "spatial",
    "temporal",
    "open",
    "vocabulary",
]
FIRST = [
    "Alice",
    "Bo",
    "Chen",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jun",
    "Kofi",
    "Lena",
    "Mei",
    "Nils",
    "Omar",
    "Priya",
]
LAST = [
    "Smith",
    "Wang",
    "Li",
    "Garcia",
    "Müller",
    "Kim",
    "Nguyen",
    "Rossi",
    "Sato",
    "Okafor",
    "Novak",
    "Silva",
    "Khan",
    "Berg",
]


@dataclass(frozen=True)
class Generated:
    """Paths of one generated tree."""

    root: Path
    n: int
    #: id of an entry shown on exactly one chapter page, and that page
    edit_id: str
    edit_page: str

    @property
    def catalog(self) -> Path:
        return self.root / "catalog"


def leaf_categories() -> list[tuple[str, str]]:
    """(dotted key, title) of the 20 leaf categories, in tree order."""
    return [
        (f"{area}.{sub}", f"{title}: {sub.capitalize()}")
        for area, (title, subs) in AREAS.items()
        for sub in subs
    ]


def _words(rng: random.Random, lo: int, hi: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def _q(text: str) -> str:
    """A single-quoted YAML scalar."""
    return "'" + text.replace("'", "''") + "'"


def make_entries(n: int, seed: int = 1) -> list[dict[str, object]]:
    """``n`` entries as plain dicts (field order as an author would write them)."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not security)
    leaves = [key for key, _ in leaf_categories()]
    entries = []
    for i in range(n):
        short = f"M{i:05d}"
        title = f"{short}: " + _words(rng, 6, 14).capitalize()
        year = rng.randint(2015, 2025)
        arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{i:05d}"
        cats = [leaves[i % len(leaves)]]
        if i % 7 == 3:  # some entries sit in two categories
            cats.append(leaves[(i * 3 + 1) % len(leaves)])
        links = {"paper": f"https://arxiv.org/abs/{arxiv}"}
        if i % 3:
            links["code"] = f"https://github.com/lab{i % 97}/{short.lower()}"
        entries.append(
            {
                "id": f"e{i:05d}",
                "kind": KINDS[i % len(KINDS)],
                "title": title,
                "short": short,
                "authors": [
                    f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(2, 8))
                ],
                "venue": rng.choice(VENUES),
                "year": year,
                "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "arxiv": arxiv,
                "links": links,
                "categories": cats,
                "tags": sorted({rng.choice(WORDS) for _ in range(rng.randint(2, 4))}),
                "summary": _words(rng, 15, 35).capitalize() + ".",
                "sources": [{"list": "synthetic-list", "section": "Section " + str(i % 9)}],
            }
        )
    return entries


def entry_yaml(e: dict[str, object]) -> str:
    """One entry in block style, as the real catalog writes it."""
    links = e["links"]
    assert isinstance(links, dict)
    lines = [
        f"  - id: {e['id']}",
        f"    kind: {e['kind']}",
        f"    title: {_q(str(e['title']))}",
        f"    short: {e['short']}",
        "    authors: [" + ", ".join(e["authors"]) + "]",  # type: ignore[arg-type]
        f"    venue: {e['venue']}",
        f"    year: {e['year']}",
        f"    date: '{e['date']}'",
        f"    arxiv: '{e['arxiv']}'",
        "    links:",
        *(f"      {k}: {v}" for k, v in links.items()),
        "    categories: [" + ", ".join(e["categories"]) + "]",  # type: ignore[arg-type]
        "    tags: [" + ", ".join(e["tags"]) + "]",  # type: ignore[arg-type]
        f"    summary: {_q(str(e['summary']))}",
        "    sources:",
        *(f"      - {{list: {s['list']}, section: {s['section']}}}" for s in e["sources"]),  # type: ignore[attr-defined]
    ]
    return "\n".join(lines) + "\n"


def taxonomy_yaml() -> str:
    out = ["taxonomy:"]
    for area, (title, subs) in AREAS.items():
        out += [f"  - key: {area}", f"    title: {title}", "    children:"]
        for sub in subs:
            out += [f"      - key: {sub}", f"        title: {_q(title + ': ' + sub.capitalize())}"]
    return "\n".join(out) + "\n"


def _cell(e: dict[str, object], column: str, titles: dict[str, str]) -> str:
    """RST text of one hand-written cell, matching what ``vlm-table`` shows."""
    links = e["links"]
    assert isinstance(links, dict)
    if column == "label":
        return f"`{e['short']} <{links['paper']}>`__"
    if column == "categories":
        return ", ".join(titles[c] for c in e["categories"])  # type: ignore[attr-defined]
    if column == "links":
        names = {"paper": "Paper", "code": "Code"}
        return ", ".join(f"`{names[k]} <{v}>`__" for k, v in links.items())
    return str(e[column])


def list_table(entries: list[dict[str, object]]) -> str:
    """The hand-written equivalent of the generated ``vlm-table``."""
    titles = dict(leaf_categories())
    out = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :class: longtable",
        "",
        "   * - Name",
        "     - Title",
        "     - Venue",
        "     - Year",
        "     - Categories",
        "     - Links",
    ]
    for e in entries:
        cells = [_cell(e, c, titles) for c in COLUMNS]
        out.append(f"   * - {cells[0]}")
        out += [f"     - {c}" for c in cells[1:]]
    return "\n".join(out) + "\n"


def vlm_table(filter_: str = "") -> str:
    opts = [f"   :columns: {', '.join(COLUMNS)}"]
    if filter_:
        opts.insert(0, f"   :filter: {filter_}")
    return ".. vlm-table::\n" + "\n".join(opts) + "\n"


CONF = """\
project = "bench"
extensions = {extensions}
vlmcatalog_path = "../catalog"
vlmcatalog_quiet = True
html_theme = "basic"
html_copy_source = False
"""


def _project(path: Path, extensions: list[str], pages: dict[str, str]) -> None:
    path.mkdir(parents=True, exist_ok=True)
    (path / "conf.py").write_text(CONF.format(extensions=extensions), encoding="utf-8")
    toc = "\n".join(f"   {name}" for name in pages)
    (path / "index.rst").write_text(
        f"Benchmark\n=========\n\n.. toctree::\n\n{toc}\n", encoding="utf-8"
    )
    for name, body in pages.items():
        (path / f"{name}.rst").write_text(body, encoding="utf-8")


def generate(root: Path, n: int, seed: int = 1) -> Generated:
    """Write the catalog and the three projects for ``n`` entries under ``root``."""
    entries = make_entries(n, seed)
    cat = root / "catalog"
    cat.mkdir(parents=True, exist_ok=True)
    (cat / "taxonomy.yaml").write_text(taxonomy_yaml(), encoding="utf-8")
    for key, _title in leaf_categories():
        path = category_file(cat, key)
        path.parent.mkdir(exist_ok=True)
        chunk = [e for e in entries if e["categories"][0] == key]  # type: ignore[index]
        path.write_text("entries:\n" + "\n".join(entry_yaml(e) for e in chunk), encoding="utf-8")
    heading = "All entries\n===========\n\n"
    _project(root / "table", ["sphinx_vlmcatalog"], {"all": heading + vlm_table()})
    _project(root / "handwritten", [], {"all": heading + list_table(entries)})
    pages, hand_pages = {}, {}
    for i, (key, title) in enumerate(leaf_categories()):
        body = f"{title}\n{'=' * len(title)}\n\nSome prose about {title}.\n\n"
        pages[f"ch{i:02d}"] = body + vlm_table(f"category:{key}")
        shown = [e for e in entries if key in e["categories"]]  # type: ignore[operator]
        hand_pages[f"ch{i:02d}"] = body + list_table(shown)
    _project(root / "site", ["sphinx_vlmcatalog"], pages)
    _project(root / "handsite", [], hand_pages)
    # an entry in exactly one category (entries with i % 7 == 3 are in two)
    edit = next(i for i in range(n // 2, n) if i % 7 != 3)
    page = f"ch{edit % len(leaf_categories()):02d}"
    return Generated(root, n, f"e{edit:05d}", page)


def category_file(catalog: Path, key: str) -> Path:
    """The file of the entries whose first category is ``key`` (``area.sub``)."""
    area, sub = key.split(".")
    return catalog / area / f"{sub}.yaml"


def edit_entry(gen: Generated) -> None:
    """Change the summary of ``gen.edit_id`` in place (one line of the YAML file)."""
    first = leaf_categories()[int(gen.edit_id[1:]) % len(leaf_categories())][0]
    path = category_file(gen.catalog, first)
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {gen.edit_id}\n")
    at = text.index("    summary: '", start) + len("    summary: '")
    path.write_text(text[:at] + "Edited. " + text[at:], encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("n", type=int)
    args = parser.parse_args()
    print(generate(args.root, args.n))
