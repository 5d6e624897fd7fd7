"""``vlm-chart``: SVG in HTML, PDF in LaTeX, alt text, redrawn exactly when the data changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.charts.data import chart_data, parse_count
from sphinx_vlmcatalog.charts.draw import chart_key, draw_chart
from util import html, make_app_copy, status, warnings

ROOT_CATALOG = Path(__file__).parent / "roots" / "test-downloads" / "catalog"


def chart_images(app) -> list:
    return html(app, "charts").select("figure.vlmcat-chart img")


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
    for ext in ("svg", "pdf"):
        first = (tmp_path / "a" / f"{key}.{ext}").read_bytes()
        assert first == (tmp_path / "b" / f"{key}.{ext}").read_bytes()
    svg = (tmp_path / "a" / f"{key}.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert (
        re.search(r'<rect x="0" y="0" width="[\d.]+" height="[\d.]+" style="fill: #ffffff', svg)
        is None
    )


#: Labels matplotlib would read as mathtext or leave out of a legend, were they not plain text.
HOSTILE_LABELS = ["$\\foo{$", "US$5 to $10", "_hidden", "$x^2$"]


def test_labels_are_plain_text(tmp_path: Path) -> None:
    import matplotlib
    from matplotlib.figure import Figure

    from sphinx_vlmcatalog.charts import draw

    years = {
        "type": "year-by-category",
        "years": [2021, 2022],
        "series": [
            {"label": label, "colour": "#4e79a7", "counts": [1, i]}
            for i, label in enumerate(HOSTILE_LABELS)
        ],
        "ylabel": "works",
        "alt": "",
    }
    sizes = {
        "type": "dataset-size",
        "bars": [{"label": label, "year": 2020, "value": 1e6} for label in HOSTILE_LABELS],
        "xlabel": "image-text pairs",
        "alt": "",
    }
    for data in (years, sizes):
        draw.draw_chart(data, tmp_path, draw.chart_key(data))  # mathtext would raise here
        with matplotlib.rc_context(draw._rc(draw.INK)):
            fig = Figure()
            if data is years:
                draw._draw_years(fig, data, draw.INK)
                texts = fig.legends[0].get_texts()
            else:
                draw._draw_sizes(fig, data, draw.INK)
                texts = fig.axes[0].get_yticklabels()
        assert [t.get_text().removesuffix(" (2020)") for t in texts] == HOSTILE_LABELS
        assert not any(t.get_parse_math() for t in texts)
    assert len(list(tmp_path.glob("*.svg"))) == len(list(tmp_path.glob("*.pdf"))) == 2


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
        assert not chart_images(app)
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
            images = [
                (img["src"], img["alt"], (app.outdir / img["src"]).stat().st_mtime_ns)
                for img in chart_images(app)
            ]
            return read, images, warnings(app)
        finally:
            app.cleanup()

    build.src = src  # type: ignore[attr-defined]
    return build


def test_html_shows_svg_with_alt_text(project) -> None:
    _, images, warned = project()
    assert warned == ""
    (years_src, years_alt, _), (sizes_src, sizes_alt, _) = images
    assert years_src.startswith("_images/vlmchart-") and years_src.endswith(".svg")
    assert sizes_src.endswith(".svg") and sizes_src != years_src
    assert years_alt.startswith("Bar chart of 12 works per year from 2009 to 2024")
    assert "Datasets 5" in years_alt
    assert sizes_alt == "Bar chart of image-text pairs: WebImageText (2021) with 400M."


def test_caption_and_name(tmp_path) -> None:
    app = make_app_copy("test-downloads", tmp_path / "src")
    try:
        app.build()
        caption = html(app, "charts").select_one("figure#chart-years figcaption")
        assert caption.select_one("em").get_text() == "category"
    finally:
        app.cleanup()


def test_chart_redrawn_only_when_its_data_changes(project) -> None:
    _, first, _ = project()
    read, again, _ = project()
    assert "charts" not in read
    assert again == first  # same files, not rewritten
    datasets = project.src / "catalog" / "datasets.yaml"
    text = datasets.read_text(encoding="utf-8")
    datasets.write_text(
        text.replace("image_text_pairs: 400M", "image_text_pairs: 5B"), encoding="utf-8"
    )
    read, changed, _ = project()
    assert "charts" in read
    assert changed[0][:2] == first[0][:2]  # works per year: same numbers, same file
    assert changed[1][0] != first[1][0]  # sizes: a new file
    assert changed[1][1].endswith("with 5B.")


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
