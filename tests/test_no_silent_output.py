"""No silently wrong output: an impossible query value, a kind role on another kind, an empty
chart and a long chart legend all say so (or fit); group headings use labels."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.catalog.query import parse_query
from sphinx_vlmcatalog.catalog.query_hints import never_matching
from util import html, make_app_copy, warnings

ROOTS = Path(__file__).parent / "roots"

PAGE = """\
Checks
======

:vlm-count:`kind:modle` and :vlm-count:`category:transfer.prompts year:2022`.
See :vlm:dataset:`clip` and :vlm:model:`clip`.

.. vlm-table:: Kinds
   :columns: label, year
   :group-by: kind

.. vlm-list::
   :filter: links:pdf

.. vlm-chart:: No sizes here
   :type: dataset-size
   :filter: kind:model
"""


def test_never_matching_names_each_impossible_value() -> None:
    catalog = load_catalog([ROOTS / "test-basic" / "catalog"]).catalog

    def hints(text: str) -> list[str]:
        return never_matching(parse_query(text), catalog)

    assert hints("kind:modle") == [
        "kind:modle matches nothing: no such value (did you mean 'model'?)"
    ]
    suggestion = "(did you mean 'transfer.prompt'?)"
    assert hints("category:transfer.prompts") == [
        f"categories:transfer.prompts matches nothing: no such value {suggestion}"
    ]
    assert hints("uses:clipp links:pdf relation:trained")[0].startswith("uses:clipp")
    assert len(hints("uses:clipp links:pdf relation:trained")) == 3
    # what can match is never reported: known values, patterns, negations, free text
    assert hints("kind:model,paper category:transfer uses:clip links:code kind:mod*") == []
    assert hints("-kind:modle title:zzz venue:nowhere year:1900") == []


def test_a_project_with_each_mistake_warns_at_its_line(tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    (src / "checks.rst").write_text(PAGE, encoding="utf-8")
    index = src / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + "   checks\n", encoding="utf-8")
    app = make_app_copy("test-basic", src)
    try:
        app.build()
        lines = warnings(app).splitlines()
    finally:
        app.cleanup()
    assert len(lines) == 5, lines
    assert "checks.rst:4: WARNING: vlm-count: query kind:modle matches nothing" in lines[0]
    assert lines[0].endswith("(did you mean 'model'?) [vlmcatalog.query]")
    assert "checks.rst:4: WARNING: vlm-count: query categories:transfer.prompts" in lines[1]
    # (a role's line is its paragraph's first line)
    assert "checks.rst:4: WARNING: vlm:dataset names 'clip', which is a model" in lines[2]
    assert lines[2].endswith("[vlmcatalog.wrong_kind]")
    assert "checks.rst:11: WARNING: vlm-list: filter links:pdf matches nothing" in lines[3]
    assert (
        "checks.rst:14: WARNING: vlm-chart: nothing to draw: Bar chart of image-text pairs"
        in (lines[4])
    )
    assert lines[4].endswith("[vlmcatalog.empty_result]")
    page = html(app, "checks")
    assert page.select_one("a.reference[href*='clip']")  # the wrong-kind role still links
    assert not page.select("figure.vlmcat-chart")  # no empty figure
    groups = [td.get_text(strip=True) for td in page.select("tr.vlmcat-group td")]
    assert groups[:3] == ["Papers", "Models", "Datasets"]  # labels, in the kinds' order


def test_a_long_legend_fits_the_chart() -> None:
    import matplotlib
    from matplotlib.figure import Figure

    from sphinx_vlmcatalog.charts import draw

    labels = [
        "Vision-language pre-training objectives and losses",
        "Transfer learning with prompts and adapters",
        "Knowledge distillation for detection and segmentation",
        "Multimodal large language models and agents",
        "Applications and properties",
    ]
    data = {
        "type": "year-by-category",
        "years": [2020, 2021],
        "series": [{"label": label, "colour": "#4e79a7", "counts": [1, 2]} for label in labels],
        "ylabel": "works",
        "alt": "",
    }
    with matplotlib.rc_context(draw._rc(draw.PRINT_INK)):
        fig = Figure(figsize=(6.4, 3.8), layout="constrained")
        draw._draw_years(fig, data, draw.PRINT_INK)
        fig.canvas.draw()
        legend = fig.legends[0].get_window_extent()
    assert legend.x0 >= 0 and legend.x1 <= fig.bbox.width  # nothing clipped at either side
    assert [t.get_text().replace("\n", " ") for t in fig.legends[0].get_texts()] == labels


POINTS_PAGE = """\
Points
======

.. vlm-entry:: bare

.. vlm-table:: Points
   :filter: id:bare
   :columns: title, points
"""


def test_topic_points_are_a_list_and_stay_apart_in_tables(tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    extras = src / "catalog" / "extras.yaml"
    extras.write_text(
        extras.read_text(encoding="utf-8").replace(
            "    title: A topic without venue or year\n",
            "    title: A topic without venue or year\n"
            "    points: ['Align CLIP, then caption', Ground the answer]\n",
        ),
        encoding="utf-8",
    )
    (src / "points.rst").write_text(POINTS_PAGE, encoding="utf-8")
    index = src / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + "   points\n", encoding="utf-8")
    app = make_app_copy("test-basic", src)
    try:
        app.build()
        assert warnings(app) == ""
        page = html(app, "points")
    finally:
        app.cleanup()
    items = page.select(".vlmcat-entry dl.field-list ul li")
    assert [li.get_text(strip=True) for li in items] == [
        "Align CLIP, then caption",
        "Ground the answer",
    ]
    cells = [td.get_text(strip=True) for td in page.select("table tbody tr td")]
    assert "Align CLIP, then caption; Ground the answer" in cells
