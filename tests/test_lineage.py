"""The lineage graph: the pure walk and layout, the SVG, the directive's warnings, the entry
pages, LaTeX compiled to a PDF, and the graph in a browser (links, label size, axe)."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sphinx_vlmcatalog.catalog.index import Catalog
from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.lineage.graph import collect_lineage
from sphinx_vlmcatalog.lineage.svg import Shown, lineage_svg
from sphinx_vlmcatalog.lineage.tex import lineage_tikz
from util import build_once, html, latexmk, warnings

ROOT = Path(__file__).parent / "roots" / "test-lineage"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([ROOT / "catalog"]).catalog


def columns(lineage) -> dict[int, tuple[str, ...]]:
    return {c.distance: c.ids for c in lineage.columns}


# ---------------------------------------------------------------------- the walk


def test_two_hops_each_way(catalog) -> None:
    lineage = collect_lineage(catalog, "middle")
    assert columns(lineage) == {
        -2: ("data",),
        -1: ("hostile", "encoder"),  # builds_on before vision_encoder, the legend's order
        0: ("middle",),
        1: ("child",),
        2: ("grandchild",),
    }
    assert ("middle", "encoder", "vision_encoder") in {
        (e.source, e.target, e.kind) for e in lineage.edges
    }
    # the ancestor's ancestor is reached through both ancestors but placed once
    assert lineage.reached.count("encoder") == 1


def test_evaluation_and_related_are_not_lineage(catalog) -> None:
    lineage = collect_lineage(catalog, "middle")
    assert "bench" not in lineage.reached


def test_one_hop(catalog) -> None:
    lineage = collect_lineage(catalog, "middle", hops=1)
    assert sorted(columns(lineage)) == [-1, 0, 1]


def test_no_relations_is_empty(catalog) -> None:
    assert collect_lineage(catalog, "alone").is_empty
    with pytest.raises(KeyError):
        collect_lineage(catalog, "nosuch")


def test_cycles_and_self_relations_end(catalog) -> None:
    lineage = collect_lineage(catalog, "loop-a")
    # loop-b is both what loop-a builds on and what builds on it: placed once, on the left
    assert columns(lineage) == {-1: ("loop-b",), 0: ("loop-a",)}
    selfish = dataclasses.replace(
        catalog.entries["alone"], relations={"builds_on": ("alone", "data")}
    )
    looped = Catalog({**catalog.entries, "alone": selfish}, catalog.categories)
    lineage = collect_lineage(looped, "alone")
    assert columns(lineage) == {-1: ("data",), 0: ("alone",)}
    assert all(e.source != e.target for e in lineage.edges)


def test_cap_counts_what_it_hides(catalog) -> None:
    lineage = collect_lineage(catalog, "middle", cap=1)
    back = {c.distance: c for c in lineage.columns}[-1]
    assert back.ids == ("hostile",) and back.hidden == 1
    # hidden entries still count as reached (the page depends on them)
    assert "encoder" in lineage.reached
    # edges only join drawn entries
    assert all("encoder" not in (e.source, e.target) for e in lineage.edges)


# ---------------------------------------------------------------------- SVG and TikZ


def drawn(catalog, key: str = "middle", **kwargs):
    lineage = collect_lineage(catalog, key, **kwargs)
    shown = {
        k: Shown(catalog.entries[k].label, catalog.entries[k].title, f"{k}.html?a=1&b=2")
        for k in lineage.shown
    }
    wording = {k: catalog.schema.relation_kinds[k] for k in lineage.kinds}
    return lineage, shown, wording


def test_svg_is_wellformed_escaped_and_linked(catalog) -> None:
    lineage, shown, wording = drawn(catalog, cap=1)
    text = lineage_svg(lineage, shown, wording, tuple(wording), title="T <&>", desc="D", svg_id="x")
    root = ET.fromstring(text)  # a real XML parser: escaping mistakes fail here
    assert root.get("aria-labelledby") == "x-title"
    assert root.find(f"{SVG}title").text == "T <&>"
    assert root.find(f"{SVG}desc").text == "D"
    links = {a.get("href") for a in root.iter(f"{SVG}a")}
    assert links == {f"{k}.html?a=1&b=2" for k in lineage.shown}
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert 'H<&>S_%"' in labels  # the hostile short name, unescaped by the parser
    assert "+1 more not shown" in labels
    assert "<script>" not in text
    for kind_words in wording.values():  # the legend names every drawn kind
        assert kind_words in labels


def test_tikz_draws_every_shown_entry(catalog) -> None:
    lineage, _shown, wording = drawn(catalog, cap=1)
    tex = lineage_tikz(lineage, {k: k for k in lineage.shown}, wording, tuple(wording))
    assert tex.count(r"\node[box") == len(lineage.shown)
    assert "+1 more not shown" in tex
    assert tex.startswith(r"\begin{tikzpicture}") and tex.endswith("\\end{tikzpicture}\n")


# ---------------------------------------------------------------------- Sphinx


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_once("test-lineage", tmp_path_factory.mktemp("lineage") / "src")


def test_directive_warnings_have_locations(built) -> None:
    warned = warnings(built)
    assert "chapter.rst:13: WARNING: vlm-lineage: unknown catalog entry 'nosuch'" in warned
    assert "chapter.rst:15: WARNING: vlm-lineage: invalid :hops: value '3'" in warned
    assert "Traceback" not in warned
    assert len(warned.strip().splitlines()) == 2


def test_chapter_figures(built) -> None:
    body = html(built, "chapter")
    figures = body.select("figure.vlmcat-lineage")
    assert len(figures) == 3  # middle, child (one hop), loop-a; "alone" gets a line
    first = figures[0]
    # :name: makes the figure a :ref: target
    assert body.select_one('a[href="#vlmcat-lineage-middle"]').text == "the figure"
    assert first.figcaption.em.text == "MID"
    svg = ET.fromstring(str(first.select_one("svg")))
    hrefs = {a.get("href") for a in svg.iter(f"{SVG}a")}
    assert "entries/child.html#vlm-child" in hrefs
    assert len(figures[1].select("svg a")) == 3  # one hop: middle, child, grandchild
    items = [li.get_text(" ", strip=True) for li in first.select("details li")]
    assert "MID uses as its vision encoder ENC" in items
    assert body.select_one("p.vlmcat-lineage-none").text.startswith(
        "The catalog records no lineage relation of"
    )
    assert "<script>alert" not in str(body)


def test_entry_page_has_the_graph_after_the_block(built) -> None:
    body = html(built, "entries/middle")
    figure = body.select_one("figure.vlmcat-lineage")
    assert figure is not None
    assert figure.find_previous_sibling(class_="vlmcat-entry") is not None
    hrefs = {a.get("href") for a in figure.select("svg a")}
    assert "grandchild.html#vlm-grandchild" in hrefs
    assert html(built, "entries/alone").select_one("figure.vlmcat-lineage") is None


@pytest.mark.slow
def test_latex_compiles_with_hyperrefs(tmp_path) -> None:
    app = build_once("test-lineage", tmp_path / "src", "latex")
    tex = (Path(app.outdir) / "lineage.tex").read_text(encoding="utf-8")
    assert tex.count(r"\begin{tikzpicture}") == 3
    assert r"\usepackage{tikz}" in tex
    # middle's place in the PDF is its vlm-entry block in the start document (a refid)
    assert r"\hyperref[\detokenize{index:vlmcat-middle}]{MID}" in tex
    assert r'\hyperref[\detokenize{chapter:vlmcat-hostile}]{H<\&>S\_\%"}' in tex
    assert r"{GRAND}" in tex  # no place in the PDF, no link: plain text
    assert r"\caption{Where \sphinxstyleemphasis{MID} comes from.}" in tex
    result = latexmk(Path(app.outdir), "lineage.tex")
    assert result.returncode == 0, result.stdout[-3000:]
    assert (Path(app.outdir) / "lineage.pdf").stat().st_size > 0


# ---------------------------------------------------------------------- in a browser


@pytest.mark.slow
def test_nodes_link_and_labels_stay_readable_at_390px(built, browser) -> None:
    page_url = (Path(built.outdir) / "entries" / "middle.html").as_uri()
    page = browser.new_page(viewport={"width": 390, "height": 900})
    try:
        page.goto(page_url)
        svg = page.locator("svg.vlmcat-lineage-svg")
        # the drawing may shrink to fit, but its 14 px labels never below 11 CSS px
        scale = svg.evaluate("s => s.getBoundingClientRect().width / s.viewBox.baseVal.width")
        assert 14 * scale >= 11
        # what does not fit scrolls inside the figure's own box
        box = page.locator(".vlmcat-lineage-scroll")
        assert box.evaluate("b => getComputedStyle(b).overflowX") == "auto"
        assert box.evaluate("b => b.scrollWidth > b.clientWidth")
        label = page.locator("text", has_text=re.compile("^CHILD$"))
        node = page.locator("svg a.vlmcat-lineage-node").filter(has=label)
        node.scroll_into_view_if_needed()
        node.click()
        page.wait_for_url("**/entries/child.html#vlm-child")
        assert page.locator("h1").first.inner_text().startswith("A child of the middle model")
    finally:
        page.close()


def test_text_builder_gets_caption_and_list(tmp_path) -> None:
    app = build_once("test-lineage", tmp_path / "src", "text")
    text = (Path(app.outdir) / "chapter.txt").read_text(encoding="utf-8")
    assert "Where *MID* comes from.\n\n* ENC was trained on WIT" in text
    assert "* Loop B builds on Loop A" in text
