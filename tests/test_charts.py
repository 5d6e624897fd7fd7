"""``vlm-chart``: SVG in HTML, PDF in LaTeX, alt text, redrawn exactly when the data changes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.catalog.query import select
from sphinx_vlmcatalog.charts.data import chart_data, parse_count
from sphinx_vlmcatalog.charts.draw import chart_key, draw_chart
from sphinx_vlmcatalog.charts.svg import chart_html
from util import html, make_app_copy, status, warnings

ROOT_CATALOG = Path(__file__).parent / "roots" / "test-downloads" / "catalog"


SVG = "{http://www.w3.org/2000/svg}"


def chart_svgs(app, docname: str = "charts") -> list[ElementTree.Element]:
    """Each chart's ``<svg>`` of a page, parsed as XML from the page's own bytes."""
    text = (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")
    found = re.findall(
        r'<svg xmlns="http://www.w3.org/2000/svg" class="vlmcat-chart-svg".*?</svg>',
        text,
        re.DOTALL,
    )
    return [ElementTree.fromstring(svg) for svg in found]


def test_parse_count() -> None:
    assert parse_count("1.8B") == 1.8e9
    assert parse_count("400M") == 4e8
    assert parse_count("0.87M") == 870000
    assert parse_count("~12k images") == 12000
    assert parse_count(50000) == 50000
    assert parse_count("many") is None
    assert parse_count(0) is None
    assert parse_count("1,281,167") == 1281167  # the catalog's one number reader
    assert parse_count(-5) is None


def test_drawing_is_deterministic(tmp_path: Path) -> None:
    catalog = load_catalog([ROOT_CATALOG]).catalog
    data = chart_data("year-by-category", list(catalog), catalog)
    key = chart_key(data)
    draw_chart(data, tmp_path / "a", key)
    draw_chart(data, tmp_path / "b", key)
    first = (tmp_path / "a" / f"{key}.pdf").read_bytes()
    assert first == (tmp_path / "b" / f"{key}.pdf").read_bytes()
    assert [p.suffix for p in (tmp_path / "a").iterdir()] == [".pdf"]  # HTML draws its own SVG


#: Labels matplotlib would read as mathtext or leave out of a legend, or that HTML and SVG
#: would read as markup, were they not plain text.
HOSTILE_LABELS = ["$\\foo{$", "US$5 to $10", "_hidden", "$x^2$", "<script>x</script>", 'a "&" b']


def hostile_charts() -> tuple[dict, dict]:
    years = {
        "type": "year-by-category",
        "years": [2021, 2022],
        "series": [
            {"label": label, "colour": "#4e79a7", "counts": [1, i], "queries": None}
            for i, label in enumerate(HOSTILE_LABELS)
        ],
        "ylabel": "works",
        "alt": "<b>alt</b> & more",
    }
    sizes = {
        "type": "dataset-size",
        "bars": [
            {"label": label, "year": 2020, "value": 1e6, "query": 'id:x"><script>'}
            for label in HOSTILE_LABELS
        ],
        "xlabel": "image-text pairs",
        "alt": "",
    }
    return years, sizes


def test_labels_are_plain_text(tmp_path: Path) -> None:
    import matplotlib
    from matplotlib.figure import Figure

    from sphinx_vlmcatalog.charts import draw

    years, sizes = hostile_charts()
    for data in (years, sizes):
        draw.draw_chart(data, tmp_path, draw.chart_key(data))  # mathtext would raise here
        with matplotlib.rc_context(draw._rc(draw.PRINT_INK)):
            fig = Figure()
            if data is years:
                draw._draw_years(fig, data, draw.PRINT_INK)
                texts = fig.legends[0].get_texts()
            else:
                draw._draw_sizes(fig, data, draw.PRINT_INK)
                texts = fig.axes[0].get_yticklabels()
        assert [t.get_text().removesuffix(" (2020)") for t in texts] == HOSTILE_LABELS
        assert not any(t.get_parse_math() for t in texts)
    assert len(list(tmp_path.glob("*.pdf"))) == 2


def test_svg_escapes_hostile_labels() -> None:
    years, sizes = hostile_charts()
    for data in (years, sizes):
        fragment = chart_html(data, "c1", "<i>title</i>", lambda q: "explore.html?q=" + q)
        root = ElementTree.fromstring(f"<div>{fragment}</div>")  # well-formed XML
        assert not root.findall(".//script")
        svg = root.find(f".//{SVG}svg")
        assert svg.find(f"{SVG}title").text == "<i>title</i>"
        texts = [t.text for t in svg.iter(f"{SVG}text")]
        table = [c.text for c in root.iter() if c.tag in ("th", "td")]
        for label in HOSTILE_LABELS:
            assert label in table
            if data is sizes:
                assert f"{label} (2020)" in texts
        if data is sizes:
            hrefs = {a.get("href") for a in svg.iter(f"{SVG}a")}
            assert hrefs == {'explore.html?q=id:x"><script>'}  # one attribute value, escaped
    assert "alt</b> &amp; more" not in chart_html(years, "c", "t")
    assert "&lt;b&gt;alt&lt;/b&gt; &amp; more" in chart_html(years, "c", "t")


def test_unknown_chart_type_is_a_warning_at_its_line(tmp_path: Path) -> None:
    app = make_app_copy("test-downloads", tmp_path / "src")
    (tmp_path / "src" / "charts.rst").write_text(
        "Charts\n======\n\n.. vlm-chart:: Pie\n   :type: pie\n", encoding="utf-8"
    )
    try:
        app.build()
        lines = warnings(app).splitlines()
        assert len(lines) == 1, lines  # one message, not a second "required" error
        assert re.search(
            r"charts\.rst:4: WARNING: vlm-chart: invalid :type: value 'pie' "
            r"\(\"pie\" unknown; choose from .*\); ignored \[vlmcatalog\.directive\]",
            lines[0],
        ), lines
        assert not chart_svgs(app)
    finally:
        app.cleanup()


@pytest.fixture
def project(tmp_path):
    """Build ``test-downloads`` once; return a function that rebuilds it with a fresh app."""
    src = tmp_path / "src"

    def build():
        app = make_app_copy("test-downloads", src)
        try:
            app.build()
            out = status(app)
            read = set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", out))
            drawn = {p.name: p.stat().st_mtime_ns for p in (app.doctreedir / "vlmcharts").iterdir()}
            return read, chart_svgs(app), drawn, warnings(app)
        finally:
            app.cleanup()

    build.src = src  # type: ignore[attr-defined]
    return build


def desc(svg) -> str:
    return svg.find(f"{SVG}desc").text


def test_html_shows_an_inline_svg_with_title_description_and_text(project) -> None:
    _, (years, sizes), drawn, warned = project()
    assert warned == ""
    assert len(drawn) == 2 and all(name.endswith(".pdf") for name in drawn)
    for svg in (years, sizes):
        assert svg.get("role") == "group"
        title = svg.find(f"{SVG}title")
        assert svg.get("aria-labelledby") == title.get("id")
        assert svg.get("aria-describedby") == svg.find(f"{SVG}desc").get("id")
        assert all(t.get("fill") == "currentColor" for t in svg.iter(f"{SVG}text"))
        assert svg.find(f".//{SVG}path") is None  # real text, not glyph outlines
    assert years.find(f"{SVG}title").text == "Works per year, by category"
    assert desc(years).startswith("Bar chart of 12 works per year from 2009 to 2024")
    assert "Datasets 5" in desc(years)
    assert desc(sizes) == "Bar chart of image-text pairs: WebImageText (2021) with 400M."
    texts = [t.text for t in years.iter(f"{SVG}text")]
    assert {"2009", "2022", "2024", "works"} <= set(texts)
    assert "WebImageText (2021)" in [t.text for t in sizes.iter(f"{SVG}text")]


def test_each_bar_links_to_the_explorer_with_the_query_of_its_entries(project) -> None:
    _, (years, sizes), _, _ = project()
    catalog = load_catalog([project.src / "catalog"]).catalog
    links = list(years.iter(f"{SVG}a")) + list(sizes.iter(f"{SVG}a"))
    assert len(links) >= 9
    for a in links:
        href = a.get("href")
        assert href.startswith("explore.html?q=")
        query = unquote(href.removeprefix("explore.html?q="))
        tip = a.find(f"{SVG}rect/{SVG}title").text  # "2022, Datasets: 3"
        if a in list(sizes.iter(f"{SVG}a")):
            assert query == "id:webimagetext"
            assert [e.id for e in select(catalog, query)] == ["webimagetext"]
        else:
            assert query.endswith(" -kind:topic")  # the chart's :filter:
            assert len(select(catalog, query)) == int(tip.rsplit(": ", 1)[1]), (query, tip)
        assert a.get("aria-label") == f"{tip}: open in the explorer"
    # the segments of all years add up to the works shown
    total = sum(
        int(a.find(f"{SVG}rect/{SVG}title").text.rsplit(": ", 1)[1]) for a in years.iter(f"{SVG}a")
    )
    assert total == 12


def test_data_table_under_the_chart(project) -> None:
    project()
    text = (project.src / "_build" / "html" / "charts.html").read_text(encoding="utf-8")
    page = BeautifulSoup(text, "html.parser")
    years, sizes = page.select("figure.vlmcat-chart details.vlmcat-chart-data table")
    assert [th.get_text() for th in years.select("thead th")] == ["Year", "Category", "works"]
    rows = [[c.get_text() for c in r.select("th, td")] for r in years.select("tbody tr")]
    assert sum(int(count) for _, _, count in rows) == 12
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)  # year by year
    assert len({(year, area) for year, area, _ in rows}) == len(rows)
    assert all(int(count) > 0 for _, _, count in rows)  # empty segments have no row
    # each count links where its segment does
    svg_links = {a["href"] for a in page.select("svg.vlmcat-chart-svg a")}
    table_links = {a["href"] for a in page.select("table.vlmcat-chart-table a")}
    assert table_links == svg_links and len(table_links) == len(rows) + 1
    assert [[c.get_text() for c in r.select("th, td")] for r in sizes.select("tbody tr")] == [
        ["WebImageText", "2021", "400M"]
    ]


def test_no_links_without_the_explorer(tmp_path) -> None:
    app = make_app_copy(
        "test-downloads", tmp_path / "src", confoverrides={"vlmcatalog_explorer": ""}
    )
    try:
        app.build()
        svgs = chart_svgs(app)
        assert len(svgs) == 2
        assert not [a for svg in svgs for a in svg.iter(f"{SVG}a")]
        assert all(svg.find(f".//{SVG}rect") is not None for svg in svgs)
    finally:
        app.cleanup()


def test_caption_and_name(tmp_path) -> None:
    app = make_app_copy("test-downloads", tmp_path / "src")
    try:
        app.build()
        caption = html(app, "charts").select_one("figure#chart-years figcaption")
        assert caption.select_one("em").get_text() == "category"
    finally:
        app.cleanup()


def test_chart_redrawn_only_when_its_data_changes(project) -> None:
    _, first, drawn, _ = project()
    read, again, drawn_again, _ = project()
    assert "charts" not in read
    assert [ElementTree.tostring(s) for s in again] == [ElementTree.tostring(s) for s in first]
    assert drawn_again == drawn  # same files, not rewritten
    datasets = project.src / "catalog" / "datasets.yaml"
    text = datasets.read_text(encoding="utf-8")
    datasets.write_text(
        text.replace("image_text_pairs: 400M", "image_text_pairs: 5B"), encoding="utf-8"
    )
    read, changed, drawn_changed, _ = project()
    assert "charts" in read
    assert ElementTree.tostring(changed[0]) == ElementTree.tostring(first[0])
    assert set(drawn) < set(drawn_changed)  # the sizes chart: a new PDF
    assert desc(changed[1]).endswith("with 5B.")


@pytest.mark.sphinx("latex", testroot="downloads")
def test_latex_includes_the_pdf(app) -> None:
    app.build()
    tex = (app.outdir / "downloads.tex").read_text(encoding="utf-8")
    names = re.findall(
        r"\\sphinxincludegraphics(?:\[[^]]*\])?\{\{?(vlmchart-[0-9a-f]+)\}?\.pdf\}", tex
    )
    assert len(names) == 2, tex
    for name in names:
        assert (app.outdir / f"{name}.pdf").is_file()
    assert r"\caption{Works per year, by \sphinxstyleemphasis{category}}" in tex
    assert warnings(app) == ""


def test_hostile_catalog_values_are_escaped_in_the_page(tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-downloads", src)
    hostile = '<script>alert(1)</script> & "WIT" </svg>'
    for name, old, new in (
        ("datasets.yaml", "title: WebImageText", f"title: '{hostile}'"),
        ("taxonomy.yaml", "title: Pre-training methods", "title: '<img src=x onerror=alert(1)>'"),
    ):
        path = src / "catalog" / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    app = make_app_copy("test-downloads", src)  # (loads the catalog: after the edits)
    try:
        app.build()
        assert warnings(app) == ""
        text = (Path(app.outdir) / "charts.html").read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text
        _, sizes = chart_svgs(app)  # still two well-formed SVGs
        assert f"{hostile} (2021)" in [t.text for t in sizes.iter(f"{SVG}text")]
        page = BeautifulSoup(text, "html.parser")
        legend = [li.get_text(strip=True) for li in page.select(".vlmcat-chart-legend li")]
        assert "<img src=x onerror=alert(1)>" in legend
        cells = [td.get_text() for td in page.select("table.vlmcat-chart-table th")]
        assert hostile in cells
    finally:
        app.cleanup()


def test_a_limited_selection_has_no_segment_links() -> None:
    catalog = load_catalog([ROOT_CATALOG]).catalog
    limited = chart_data("year-by-category", list(catalog), catalog, base=None)
    assert all(s["queries"] is None for s in limited["series"])
    assert "<a " not in chart_html(limited, "c", "t", lambda q: "explore.html?q=" + q)
    queried = chart_data("year-by-category", list(catalog), catalog, base="-kind:topic")
    assert all(q.endswith(" -kind:topic") for s in queried["series"] for q in s["queries"])
