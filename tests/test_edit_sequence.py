"""Incremental equals clean: after each catalog or prose edit of a sequence, every HTML page of the
incremental build is the page a clean build of the same sources writes.

One project is edited and rebuilt in place, with entry pages on; after each edit a copy of its
sources (without the build and the generated entry pages) is built from nothing, and the two
outputs are compared file by file: the same pages, the same bytes, the same warnings.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from util import make_app_copy, warnings

PAGES = {"vlmcatalog_entry_pages": "entries"}

#: both chart types, whose numbers, labels, legend and links follow the catalog
CHARTS = """\
:orphan:

Charts
======

.. vlm-chart:: Works per year
   :type: year-by-category

.. vlm-chart:: Sizes
   :type: dataset-size
   :filter: kind:dataset
"""


#: a ranking and a matrix, whose rows, values and links follow the entries' results
RESULTS = """\
:orphan:

Results
=======

.. vlm-results:: ImageNet
   :benchmarks: imagenet-1k

.. vlm-results:: Both
   :benchmarks: imagenet-1k cifar-10
   :setting: shot
"""


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_entry(src: Path) -> None:
    models = src / "catalog" / "models.yaml"
    models.write_text(
        models.read_text(encoding="utf-8")
        + "  - id: newmodel\n    kind: model\n    title: A New Model\n    year: 2023\n"
        "    categories: [mllm]\n",
        encoding="utf-8",
    )


def delete_entry(src: Path) -> None:
    # tpt is shown in tables, cards and lists, and has an entry page; nothing relates to it
    path = src / "catalog" / "papers" / "transfer.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: tpt\n")
    end = text.index("  - id: flava\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def move_entry(src: Path) -> None:
    # flava moves before coop: tables, cards and lists without :sort: show catalog order
    path = src / "catalog" / "papers" / "transfer.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: flava\n")
    flava = text[start:]
    rest = text[:start]
    head = "entries:\n"
    path.write_text(head + flava + rest[len(head) :], encoding="utf-8")


def rename_file(src: Path) -> None:
    # files load in name order, so every dataset now comes after the models and papers
    catalog = src / "catalog"
    (catalog / "datasets.yaml").rename(catalog / "zz-datasets.yaml")


def edit_taxonomy(src: Path) -> None:
    replace(src / "catalog" / "taxonomy.yaml", "title: Prompt tuning", "title: Prompt learning")
    # a top-level title: the chart's legend and data table show it
    replace(src / "catalog" / "taxonomy.yaml", "title: Pre-training methods", "title: Pre-training")


def edit_size(src: Path) -> None:
    # (after rename_file)
    replace(src / "catalog" / "zz-datasets.yaml", "image_text_pairs: 400M", "image_text_pairs: 5B")


def edit_relation(src: Path) -> None:
    replace(
        src / "catalog" / "papers" / "transfer.yaml",
        "relations: {builds_on: [coop]}",
        "relations: {builds_on: [coop, clip]}",
    )


def edit_summary(src: Path) -> None:
    # every page that mentions CLIP carries its preview (title and one-line summary)
    models = src / "catalog" / "models.yaml"
    replace(models, "summary: Contrastive pre-training", "summary: Contrastive training")
    replace(models, "title: Learning Transferable", "title: Learning Transferable, Retitled,")


def rename_lineage_neighbour(src: Path) -> None:
    # webimagetext is two hops back from llava (llava uses clip, trained on it): only the
    # lineage graph of llava's entry page shows it there (the file was renamed above)
    replace(src / "catalog" / "zz-datasets.yaml", "title: WebImageText", "title: WIT 400M")


def drop_lineage_relation(src: Path) -> None:
    # llava-1.5 no longer extends llava: llava's graph loses a column entry, clip's an edge
    replace(
        src / "catalog" / "models.yaml",
        "relations: {vision_encoder: [clip], extends: [llava]}",
        "relations: {vision_encoder: [clip]}",
    )


def add_mention(src: Path) -> None:
    # a section of its own cites coop: coop's entry page lists it, linked to the paragraph
    path = src / "prose.rst"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nPrompts\n-------\n\nPrompt learning: :vlm:`coop`.\n", "utf-8")


def move_mention(src: Path) -> None:
    path = src / "prose.rst"
    replace(path, "Prompt learning: :vlm:`coop`.\n", "Nothing cited here.\n")
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nLater\n-----\n\nSee :vlm:`coop` again.\n", "utf-8")


def remove_mention(src: Path) -> None:
    replace(src / "prose.rst", "See :vlm:`coop` again.", "Nothing cited here either.")


def add_results(src: Path) -> None:
    (src / "results.rst").write_text(RESULTS, encoding="utf-8")
    datasets = src / "catalog" / "zz-datasets.yaml"  # (renamed by rename_file)
    replace(
        datasets,
        "    title: ImageNet-1k\n",
        "    title: ImageNet-1k\n    metrics: {top-1: [0, 100]}\n",
    )
    replace(
        datasets,
        "    title: CIFAR-10\n",
        "    title: CIFAR-10\n    metrics: {accuracy: [0, 100]}\n",
    )
    replace(
        src / "catalog" / "models.yaml",
        "    short: CLIP\n",
        "    short: CLIP\n    results:\n"
        "      - {benchmark: imagenet-1k, metric: top-1, value: 70, setting: zero-shot,"
        " source: https://example.org/a}\n"
        "      - {benchmark: cifar-10, metric: accuracy, value: 90, setting: zero-shot,"
        " source: https://example.org/a}\n",
    )
    replace(
        src / "catalog" / "papers" / "transfer.yaml",
        "    short: CoOp\n",
        "    short: CoOp\n    results:\n"
        "      - {benchmark: imagenet-1k, metric: top-1, value: 60, setting: 16 shots,"
        " source: https://example.org/b}\n",
    )


def edit_result(src: Path) -> None:
    # CoOp overtakes CLIP in the ranking, and gets a variant column
    replace(
        src / "catalog" / "papers" / "transfer.yaml",
        "value: 60, setting: 16 shots,",
        "value: 80, setting: 16 shots, variant: ViT-B/16,",
    )


def drop_results(src: Path) -> None:
    path = src / "catalog" / "models.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    results:\n")
    end = text.index("source: https://example.org/a}\n", text.index("cifar-10", start))
    path.write_text(text[:start] + text[end + len("source: https://example.org/a}\n") :])


def reorder_chapters(src: Path) -> None:
    # prose first: "Mentioned in" lists follow the root toctree
    replace(src / "index.rst", "   tables\n", "")
    replace(src / "index.rst", "   prose\n", "   prose\n   tables\n")


EDITS: list[Callable[[Path], None]] = [
    add_entry,
    delete_entry,
    move_entry,
    rename_file,
    edit_taxonomy,
    edit_size,
    edit_relation,
    edit_summary,
    rename_lineage_neighbour,
    drop_lineage_relation,
    add_results,
    edit_result,
    drop_results,
    add_mention,
    move_mention,
    remove_mention,
    reorder_chapters,
]


#: Edits after which Sphinx itself leaves pages stale: a reordered toctree changes the
#: "previous" and "next" links of the neighbours and (before Sphinx 8.1) the sidebar's table
#: of contents, which Sphinx does not rewrite. Only the content of our entry pages is compared
#: after these.
SPHINX_STALE = {reorder_chapters}


def page_content(page: bytes) -> str:
    """The page's own content, without the theme's navigation."""
    return str(BeautifulSoup(page, "html.parser").select_one('[role="main"]'))


#: What coop's entry page says after the edits that move its mentions (a link text that must
#: be there, one that must not), so that the comparison cannot pass with both pages stale.
COOP_MENTIONS = {
    add_mention: (">Prompts</a>", ">Later</a>"),
    move_mention: (">Later</a>", ">Prompts</a>"),
    remove_mention: (">Prose</a>", ">Later</a>"),
}


def html_files(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*.html"))
        if "_static" not in p.parts
    }


def clean_copy(src: Path, dest: Path) -> None:
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("_build", "entries"))


def build(src: Path) -> tuple[dict[str, bytes], str]:
    app = make_app_copy("test-basic", src, confoverrides=PAGES)
    try:
        app.build()
        return html_files(Path(app.outdir)), warnings(app)
    finally:
        app.cleanup()


@pytest.mark.slow
def test_every_page_of_an_incremental_build_equals_a_clean_build(tmp_path) -> None:
    src = tmp_path / "incremental"
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", src)
    (src / "charts.rst").write_text(CHARTS, encoding="utf-8")
    _, first = build(src)
    assert first == ""
    for edit in EDITS:
        edit(src)
        pages, warned = build(src)
        clean_copy(src, tmp_path / "clean")
        clean_pages, clean_warned = build(tmp_path / "clean")
        assert sorted(pages) == sorted(clean_pages), edit.__name__
        different = [
            name
            for name in pages
            if (
                pages[name] != clean_pages[name]
                if edit not in SPHINX_STALE
                else name.startswith("entries/")
                and page_content(pages[name]) != page_content(clean_pages[name])
            )
        ]
        assert different == [], edit.__name__
        assert warned == clean_warned == "", edit.__name__
        if edit in COOP_MENTIONS:
            there, gone = COOP_MENTIONS[edit]
            coop = pages["entries/coop.html"].decode()
            mentions = coop[coop.index("vlmcat-mentions") :]
            assert there in mentions and gone not in mentions, edit.__name__
