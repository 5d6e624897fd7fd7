"""Results and leaderboards: the ``results`` and ``metrics`` fields checked with their lines,
``vlm-results`` rankings and matrices in HTML (values linked to their sources, numeric sort
keys), its warnings with locations, the results on entry pages, the exports, LaTeX compiled to
a PDF, and sorting and filtering a leaderboard in a real browser."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.catalog.query import select
from sphinx_vlmcatalog.export.json import export_json
from util import build_once, cells, html, latexmk, make_app_copy, served, warnings

ROOT = Path(__file__).parent / "roots" / "test-results"

BAD_RESULTS = """\
entries:
  - id: m1
    kind: model
    title: M1
    results:
      - {benchmark: nosuch, metric: accuracy, value: 1, setting: s, source: https://e.org/a}
      - {benchmark: bench-a, metric: acc, value: 1, setting: s, source: https://e.org/a}
      - {benchmark: bench-a, metric: accuracy, value: 101, setting: s, source: https://e.org/a}
      - {benchmark: no-metrics, metric: accuracy, value: 1, setting: s, source: https://e.org/a}
      - {benchmark: bench-a, metric: accuracy, value: 50, setting: s, source: https://e.org/a}
      - {benchmark: bench-a, metric: accuracy, value: 51, setting: s, source: https://e.org/b}
      - {benchmark: bench-a, metric: accuracy, value: '80.0,', setting: s, source: https://e.org/a}
      - {benchmark: bench-a, metric: accuracy, value: 5, setting: s, source: 'javascript:x()'}
      - {benchmark: bench-a, metric: accuracy, value: 5, source: https://e.org/a}
      - {benchmark: bench-a, metric: accuracy, value: 5, setting: s, source: https://e.org/a, x: 1}
      - just text
  - id: b2
    kind: benchmark
    title: B2
    metrics:
      a: [0]
      b: [5, 1]
      c: [0, 10]
"""


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    (folder / "a.yaml").write_text((ROOT / "catalog" / "benchmarks.yaml").read_text())
    (folder / "models.yaml").write_text(BAD_RESULTS)
    return load_catalog([folder])


def test_every_bad_result_is_reported_at_its_line_and_only_it_is_lost(bad) -> None:
    found = {(i.where.line, i.message.split(": ", 1)[1]) for i in bad.issues}
    expected = {
        (6, "result on 'nosuch': no entry has that id"),
        (7, "result on 'bench-a': metric 'acc' is not declared there (it declares 'accuracy')"),
        (8, "result on 'bench-a': value 101 is outside the range of 'accuracy' (0 to 100)"),
        (
            9,
            (
                "result on 'no-metrics': that entry declares no metrics "
                "(give it metrics: {accuracy: [low, high]})"
            ),
        ),
        (11, "result on 'bench-a': repeats an earlier one (same metric, setting and variant)"),
    }
    assert expected <= found
    by_line = {i.where.line: i.message for i in bad.issues}
    assert "'value' must be a number as printed (76.2, 1,531.3), got '80.0,'" in by_line[12]
    assert "'source'" in by_line[13] and "http(s)" in by_line[13]
    assert "lacks 'setting'" in by_line[14]
    assert "'x' is not a result key" in by_line[15]
    assert "must be a mapping" in by_line[16]
    assert "'a' must be [low, high]" in by_line[21]
    assert "low below high" in by_line[22]
    # the good metric and the results that parsed stay
    assert dict(bad.catalog.entries["b2"].get("metrics")) == {"c": (0, 10)}
    assert len(bad.catalog.entries["m1"].get("results")) == 6
    assert all(str(i.where).startswith(str(i.where.path)) for i in bad.issues)


def test_cli_validate_exits_1_with_locations(bad, tmp_path) -> None:
    (tmp_path / "a.yaml").write_text((ROOT / "catalog" / "benchmarks.yaml").read_text())
    (tmp_path / "m.yaml").write_text(BAD_RESULTS)
    run = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmcatalog", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert (
        f"{tmp_path / 'm.yaml'}:8: entry 'm1': result on 'bench-a': value 101"
        in run.stderr + run.stdout
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = build_once("test-results", tmp_path_factory.mktemp("results") / "src")
    assert warnings(app) == ""
    return app


def tables(app, docname: str):
    return html(app, docname).select("table.vlmcat-table")


def test_ranking_is_best_first_with_ranks_variants_and_settings(site) -> None:
    ranking = tables(site, "index")[0]
    assert [th.get_text(strip=True) for th in ranking.select("thead th")] == [
        "#",
        "Entry",
        "Variant",
        "BA",
        "Setting",
    ]
    assert cells(ranking) == [
        ["1", "MX", "72B", "80.25", "zero-shot"],
        ["2", "MY", "", "75.0", "few-shot 4"],
        ["3", "MX", "7B", "71.5", "zero-shot"],
        ["4", "Method Z", "", "66", "fine-tuned"],
    ]
    # each value links to the text that states it; each name to its entry
    first = ranking.select("tbody tr")[0]
    assert [a["href"] for a in first.select("a")] == [
        "entries/model-x.html#vlm-model-x",
        "https://example.org/x",
    ]


def test_matrix_rows_per_variant_setting_filter_and_metric_columns(site) -> None:
    matrix = tables(site, "index")[2]
    # every row is zero-shot: the caption says so, and no column repeats it
    assert matrix.select_one(".caption-text").get_text(strip=True) == "Zero-shot matrix (zero-shot)"
    assert [th.get_text(strip=True) for th in matrix.select("thead th")] == [
        "Entry",
        "Variant",
        "BA",
        "BB (top-1 accuracy)",
    ]
    # the few-shot result of MY is left out by :setting:, so MY has no BA value
    assert cells(matrix) == [
        ["MX", "72B", "80.25", ""],
        ["MX", "7B", "71.5", "60"],
        ["MY", "", "", "62.1"],
    ]
    # :entries: kind:model leaves the paper out of the second table
    assert "Method Z" not in tables(site, "index")[1].get_text()


def test_values_sort_as_numbers_in_the_page_data(site) -> None:
    page = (Path(site.outdir) / "index.html").read_text()
    data = json.loads(re.search(r'id="vlmcat-data">(.*?)</script>', page, re.DOTALL).group(1))
    table = data["tables"][tables(site, "index")[0]["id"]]
    assert table["columns"] == ["rank", "label", "variant", "bench-a:accuracy", "setting"]
    assert [row[1][3] for row in table["rows"]] == [80.25, 75.0, 71.5, 66]
    matrix = data["tables"][tables(site, "index")[1]["id"]]
    assert [row[1][3] for row in matrix["rows"]] == [None, 62.1, 60]  # BB (top-1 accuracy)


def test_entry_pages_show_own_results_and_benchmark_rankings(site) -> None:
    model = html(site, "entries/model-x")
    own = model.select_one("table.vlmcat-table")
    assert cells(own)[2] == ["BB", "perception", "1,531.3", "test split", "7B"]
    assert (
        own.select("tbody tr")[2]
        .select_one("a.vlmcat-ref")["href"]
        .endswith("bench-b.html#vlm-bench-b")
    )
    bench = html(site, "entries/bench-b")
    rubrics = [r.get_text(strip=True) for r in bench.select("p.rubric")]
    assert "Reported perception" in rubrics and "Reported top-1 accuracy" in rubrics
    ranked = bench.select("table.vlmcat-table")
    assert [row[1] for row in cells(ranked[1])] == ["MY", "MX"]
    # a benchmark without results shows no ranking
    assert not html(site, "entries/no-metrics").select("table.vlmcat-table")


def test_directive_warnings_have_locations(tmp_path) -> None:
    src = tmp_path / "src"
    app = make_app_copy("test-results", src)
    (src / "bad.rst").write_text(
        ":orphan:\n\nBad\n===\n\n"
        ".. vlm-results::\n\n"
        ".. vlm-results::\n   :benchmarks: nosuch bench-a:acc no-metrics bench-a bench-a\n\n"
        ".. vlm-results::\n   :benchmarks: bench-a\n   :setting: never\n\n"
        ".. vlm-results::\n   :benchmarks: bench-b:top-1 accuracy\n   :entries: kind:paper\n"
    )
    try:
        app.build()
        text = warnings(app)
    finally:
        app.cleanup()
    where = f"{src / 'bad.rst'}"
    assert f"{where}:6: WARNING: vlm-results: needs :benchmarks:" in text
    assert f"{where}:8: WARNING: vlm-results: unknown catalog entry 'nosuch'" in text
    assert f"{where}:8: WARNING: vlm-results: 'bench-a' has no metric 'acc'" in text
    assert f"{where}:8: WARNING: vlm-results: benchmark 'no-metrics' declares no metrics" in text
    assert f"{where}:8: WARNING: vlm-results: column 'bench-a:accuracy' is given twice" in text
    assert (
        f"{where}:11: WARNING: vlm-results: no results match the columns and setting 'never'"
        in text
    )
    assert f"{where}:15: WARNING: vlm-results: no entries match" in text
    page = html(app, "bad")
    assert len(page.select("table.vlmcat-table")) == 1  # the second: bench-a only
    assert page.get_text().count("No matching results.") == 2


def test_exports_and_explorer_data_carry_results() -> None:
    result = load_catalog([ROOT / "catalog"])
    data = json.loads(export_json(list(result.catalog.entries.values())))
    model = next(e for e in data["entries"] if e["id"] == "model-y")
    assert model["results"][0] == {
        "benchmark": "bench-a",
        "metric": "accuracy",
        "value": "75.0",
        "setting": "few-shot 4",
        "source": "https://example.org/y",
    }
    bench = next(e for e in data["entries"] if e["id"] == "bench-b")
    assert bench["metrics"] == {"perception": [0, 2000], "top-1 accuracy": [0, 100]}
    assert [e.id for e in select(result.catalog, "results:bench-b")] == ["model-x", "model-y"]


@pytest.mark.slow
def test_leaderboards_compile_to_pdf(tmp_path) -> None:
    app = make_app_copy("test-results", tmp_path / "src", "latex", warningiserror=True)
    try:
        app.build()
    finally:
        app.cleanup()
    tex = (Path(app.outdir) / "results.tex").read_text()
    assert r"\href{https://example.org/x}{80.25}" in tex or "80.25" in tex
    latexmk(Path(app.outdir), "results.tex")
    text = subprocess.run(
        ["pdftotext", "-layout", str(Path(app.outdir) / "results.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"1\s+MX\s+72B\s+80\.25\s+zero-shot", text)
    assert "BB (top-1" in text


def test_sorting_and_filtering_a_leaderboard_in_a_browser(site, browser) -> None:
    with served(Path(site.outdir)) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{url}/index.html")
        table = page.locator("table.vlmcat-table").first
        table.locator("thead th").nth(3).get_by_role("button").click()  # BA, ascending
        values = table.locator("tbody tr td:nth-child(4)").all_inner_texts()
        assert values == ["66", "71.5", "75.0", "80.25"]
        box = page.locator("input.vlmcat-filter").first
        box.fill("kind:paper")
        box.press("Enter")
        page.wait_for_function(
            "document.querySelectorAll('table.vlmcat-table')[0]"
            ".querySelectorAll('tbody tr:not([hidden])').length === 1"
        )
        page.close()


def test_a_setting_a_whole_column_shares_is_said_once_under_the_table(site) -> None:
    page = html(site, "index")
    matrix = tables(site, "index")[1]
    # a matrix has no Setting column: BA's values differ in setting, so the note names the
    # rows of each; BB's top-1 values are all zero-shot
    assert "Setting" not in [th.get_text(strip=True) for th in matrix.select("thead th")]
    notes = [li.get_text(" ", strip=True) for li in page.select("ul.vlmcat-settings li")]
    assert notes == [
        "BA: zero-shot (MX 72B, MX 7B); few-shot 4 (MY)",
        "BB (top-1 accuracy): zero-shot",
    ]
    # on a benchmark's page, a ranking without caption names its one setting under it
    bench = html(site, "entries/bench-b")
    assert "BB (perception): test split" in bench.select_one("ul.vlmcat-settings").get_text()


def test_columns_with_the_same_settings_share_one_note() -> None:
    from sphinx_vlmcatalog.catalog.entries import Benchmark, Model
    from sphinx_vlmcatalog.catalog.result_values import Result
    from sphinx_vlmcatalog.leaderboards.board import matrix
    from sphinx_vlmcatalog.leaderboards.columns import Column
    from sphinx_vlmcatalog.leaderboards.table import _setting_groups, _settings_note

    bench = Benchmark(id="b", kind="benchmark", title="B", metrics={"x": (0, 100), "y": (0, 100)})

    def model(key: str, setting: str) -> Model:
        results = tuple(
            Result("b", metric, "50", setting, "https://e.org/" + key) for metric in "xy"
        )
        return Model(id=key, kind="model", title=key.upper(), results=results)

    columns = [Column(bench, "x"), Column(bench, "y")]
    rows = matrix([model("m", "test"), model("n", "val")], columns)
    notes = [(c, _setting_groups(i, rows)) for i, c in enumerate(columns)]
    lead, items = _settings_note(notes)
    assert lead.astext() == "Settings of the columns:"
    assert [li.astext() for li in items.children] == ["B (x), B (y): test (M); val (N)"]
