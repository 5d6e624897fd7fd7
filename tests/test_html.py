"""HTML output of every directive and role, written in reStructuredText (root ``test-basic``)."""

from __future__ import annotations

import pytest

from sphinx_vlmcatalog.tables.rows import catalog_rows
from util import build_once, cells, html, warnings


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_once("test-basic", tmp_path_factory.mktemp("html") / "src")


def test_build_is_clean(built) -> None:
    assert warnings(built) == ""


def test_table_caption_name_class_columns_sort(built) -> None:
    page = html(built, "tables")
    table = page.find("table", id="tbl-transfer")
    assert table is not None
    assert "vlmcat-table" in table["class"]
    assert "extra-class" in table["class"]
    assert table.caption.get_text(" ", strip=True).startswith("Transfer papers")
    assert table.caption.find("em").get_text() == "papers"  # caption markup is parsed
    assert [th.get_text() for th in table.select("thead th")] == [
        "Name",
        "Title",
        "Venue",
        "Year",
        "Links",
    ]
    rows = cells(table)
    # kind:paper category:transfer, sorted -year,title: all 2022, so by title
    assert [r[0] for r in rows] == ["CoCoOp", "CoOp", "TPT"]
    assert rows[1][4] == "Paper , Code"
    link = table.select_one("tbody tr td a.vlmcat-ref")
    assert link["href"] == "lists.html#vlmcat-cocoop"  # fallback anchor: no vlm-entry home
    assert link["title"].startswith("CoCoOp: Conditional Prompt Learning")


def test_table_limit_widths_numeric_sort_and_empty_cells(built) -> None:
    tables = html(built, "tables").find_all("table")
    table = tables[1]
    assert [c["style"] for c in table.select("colgroup col")][:2] == [
        "width: 10.0%",
        "width: 40.0%",
    ]
    rows = cells(table)
    assert len(rows) == 2  # :limit: 2
    assert [r[0] for r in rows] == ["imagenet-1k", "cifar-10"]  # -train_size, numerically
    assert rows[0][1] == "ImageNet-1k"  # title+short without a short name
    assert rows[1][5] == ""  # no links: empty, never "None"
    assert "None" not in table.get_text()


def test_table_group_rows_and_group_tables(built) -> None:
    tables = html(built, "tables").find_all("table")
    grouped = tables[2]
    groups = [td.get_text() for td in grouped.select("tr.vlmcat-group td")]
    assert groups == [
        "Papers",
        "Models",
        "Datasets",
        "Benchmarks",
        "Surveys, books and talks",
        "Topics",
    ]
    assert grouped.select_one("tr.vlmcat-group td")["colspan"] == "3"
    per_group = [t.caption.get_text(" ", strip=True) for t in tables[3:]]
    assert per_group[0].startswith("Per group — Contrastive objectives")
    assert any("Large VLMs" in c for c in per_group)


def test_numeric_sort_key_in_doctree(built) -> None:
    doctree = built.env.get_doctree("tables")
    # the table body is kept as data until it is written (sphinx_vlmcatalog.tables.rows)
    keys = [
        k
        for body in doctree.findall(catalog_rows)
        for *_, sorts in body["rows"]
        for k in sorts or ()
    ]
    assert 1281167.0 in keys
    assert 2009.0 in keys


def test_cards_grid_and_single_card(built) -> None:
    page = html(built, "cards")
    grid = page.find(id="model-cards")
    assert grid is not None
    assert "sd-container-fluid" in grid["class"]
    row = grid.select_one("div.sd-row")
    assert {"sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-md-2", "sd-row-cols-lg-3"} <= set(
        row["class"]
    )
    cards = row.select("div.sd-col > div.sd-card.vlmcat-card")
    assert len(cards) == 3
    first = cards[0]
    assert "vlmcat-kind-model" in first["class"]
    assert first.select_one(".sd-card-body .sd-card-title").get_text(strip=True) == "CLIP"
    assert [b.get_text() for b in first.select(".sd-badge")] == ["model", "ICML", "2021"]
    assert [b.get_text() for b in first.select("a.sd-btn")] == ["Paper", "Code"]
    assert first.select_one("a.sd-btn")["href"] == "https://arxiv.org/abs/2103.00020"
    assert "·" not in first.get_text()  # separators are for non-HTML output only
    single = page.select("div.vlmcat-card")[-1]
    assert "sd-card" in single["class"]
    assert "Hostile <script>alert(1)</script>" in single.get_text()
    assert "<script>alert" not in str(page)  # escaped, never markup


def test_lists(built) -> None:
    page = html(built, "lists")
    lists = page.select("ul.vlmcat-list")
    items = [li.get_text(" ", strip=True) for li in lists[0].find_all("li")]
    assert items[0].startswith("CoCoOp — CoCoOp: Conditional Prompt Learning")
    assert "(CVPR 2022)" in items[0]
    assert items[0].endswith("Paper")
    rubrics = [r.get_text() for r in page.select("p.rubric.vlmcat-group")]
    assert rubrics == ["Datasets", "Benchmarks"]


def test_entry_block(built) -> None:
    page = html(built, "entries")
    assert page.find(id="vlm-clip") is not None
    block = page.select_one("div.vlmcat-entry.vlmcat-kind-model")
    fields = {
        dt.get_text(strip=True).rstrip(":"): dd.get_text(" ", strip=True)
        for dt, dd in zip(block.select("dt"), block.select("dd"), strict=True)
    }
    assert fields["Short name"] == "CLIP"
    assert fields["Year"] == "2021"
    assert fields["Categories"] == "Contrastive objectives"
    assert fields["arXiv"] == "2103.00020"
    assert fields["Uses (was trained on)"] == "WebImageText"
    assert fields["Used by (vision encoder of)"] == "LLaVA , LLaVA-1.5"
    assert fields["Used by (built on by)"] == "CoOp"
    web = page.select("div.vlmcat-entry")[1]
    assert "Used by (training data of)" in web.get_text()
    # relation links go to the related entry's home or fallback
    assert web.select_one("a.vlmcat-ref")["href"] == "#vlm-clip"


def test_roles_and_count(built) -> None:
    page = html(built, "prose")
    counts = [s.get_text() for s in page.select("span.vlmcat-count")]
    assert counts == ["3", "7"]
    links = {a.get_text(): a for a in page.select("a.reference.internal")}
    assert links["CLIP"]["href"] == "entries.html#vlm-clip"
    assert links["CLIP"]["title"] == (
        "Learning Transferable Visual Models From Natural Language Supervision"
    )
    assert links["the CLIP paper"]["href"] == "entries.html#vlm-clip"
    assert links["LLaVA"]["href"] == "cards.html#vlmcat-llava"
    assert links["LLaVA-1.5"]["href"].startswith("cards.html#vlmcat-llava-1")
    assert links["webimagetext"]["href"] == "entries.html#vlm-webimagetext"  # :any:
    assert links["H&S_%"]["title"].startswith("Hostile <script>")


def test_index_and_inventory(built) -> None:
    genindex = (built.outdir / "genindex.html").read_text(encoding="utf-8")
    assert "CLIP" in genindex
    assert "entries.html#vlm-clip" in genindex
    from sphinx.util.inventory import InventoryFile

    inv = InventoryFile.load(
        (built.outdir / "objects.inv").open("rb"), "https://example.org/", lambda *a: "/".join(a)
    )
    inv = getattr(inv, "data", inv)  # a dict of dicts whatever the Sphinx version

    def uri_and_name(item) -> tuple[str, str]:  # a plain tuple before Sphinx 8.2
        if hasattr(item, "uri"):
            return item.uri, item.display_name
        return item[2], item[3]

    uri, name = uri_and_name(inv["vlm:model"]["clip"])
    assert uri.endswith("entries.html#vlm-clip")
    assert name == "CLIP"
    assert "lists.html#vlmcat-coop" in uri_and_name(inv["vlm:paper"]["coop"])[0]


def test_stylesheet_added_for_html(built) -> None:
    assert (built.outdir / "_static" / "vlmcatalog.css").exists()
    assert "vlmcatalog.css" in (built.outdir / "tables.html").read_text(encoding="utf-8")
