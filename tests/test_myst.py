"""The same directives and roles written in MyST Markdown (root ``test-myst``)."""

from __future__ import annotations

import pytest

from util import build_once, cells, html, warnings


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_once("test-myst", tmp_path_factory.mktemp("myst") / "src")


def test_clean(built) -> None:
    assert warnings(built) == ""


def test_tables(built) -> None:
    page = html(built, "chapter")
    table = page.find("table", id="tbl-myst")
    assert "extra-class" in table["class"]
    assert table.caption.find("em").get_text() == "papers"
    rows = cells(table)
    assert rows[0][:2] == [
        "CoCoOp",
        "CoCoOp: Conditional Prompt Learning for Vision-Language Models",
    ]
    tables = page.find_all("table")
    assert [r[0] for r in cells(tables[1])] == ["imagenet-1k", "cifar-10"]
    assert len(tables[1].select("colgroup col")) == 4
    captions = [t.caption.get_text(" ", strip=True) for t in tables if t.caption]
    assert any(c.startswith("By kind — Datasets") for c in captions)  # the kind's heading
    rows_table = next(t for t in tables if t.caption and "Rows" in t.caption.get_text())
    assert [td.get_text() for td in rows_table.select("tr.vlmcat-group td")] == [
        "2021",
        "2023",
        "2024",
    ]


def test_cards_list_roles(built) -> None:
    page = html(built, "chapter")
    grid = page.find(id="myst-cards")
    assert "sd-row-cols-2" in grid.select_one(".sd-row")["class"]
    titles = [t.get_text(strip=True) for t in grid.select(".sd-card-title")]
    assert titles == ["LLaVA-1.5", "LLaVA"]  # -year, limit 2
    featured = page.select_one("div.vlmcat-card.featured")
    assert featured.select_one(".sd-card-title a")["href"] == "home.html#vlm-clip"
    assert page.select_one("ul.vlmcat-list") is not None
    assert page.find(id="myst-list") is not None
    assert page.select_one("span.vlmcat-count").get_text() == "3"
    hrefs = {a.get_text(): a["href"] for a in page.select("a.reference.internal")}
    assert hrefs["CLIP"] == "home.html#vlm-clip"
    assert hrefs["the CLIP paper"] == "home.html#vlm-clip"
    assert hrefs["LLaVA"] == "home.html#vlm-llava"


def test_entries(built) -> None:
    page = html(built, "home")
    llava = page.find(id="llava-home")
    assert "wide" in llava["class"]
    assert "vlmcat-entry" in llava["class"]
    assert "Visual Instruction Tuning" in llava.get_text()
    assert "Used by (extended by)" in llava.get_text()
