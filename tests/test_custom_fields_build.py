"""Sphinx builds of ``tests/roots/test-custom-fields``: an audio-language catalog whose
``schema.yaml`` declares its own fields and a relation. HTML and PDF build with ``-W``; the
fields are columns, sort keys, groups, filters, card lines, entry-page fields, a chart, and part
of every download; editing ``schema.yaml`` re-reads the pages that show the catalog."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from util import build_once, cells, html, latexmk, make_app_copy, status, warnings

ROOT = "test-custom-fields"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build_once(ROOT, tmp_path_factory.mktemp("custom") / "src", warningiserror=True)


def test_clean_build(app) -> None:
    assert warnings(app) == ""


def test_column_sort_and_filter(app) -> None:
    page = html(app, "tables")
    by_hours = page.select_one("#by-hours")
    assert [th.get_text() for th in by_hours.select("thead th")] == [
        "Name",
        "Audio hours",
        "Sample rate",
        "Audio domain",
        "Speakers",
        "Spoken languages",
    ]
    assert cells(by_hours) == [
        ["AudioSet", "5,800", "", "sound", "", ""],
        ["LibriSpeech", "1,000", "16 kHz", "speech", "2,484", "English"],
        ["MusicCaps", "15.3", "", "music", "", ""],
    ]
    assert [row[0] for row in cells(page.select_one("#large"))] == [
        "Whisper",
        "AudioSet",
        "LibriSpeech",
    ]
    # the configured default columns and sort name the custom field (checked at config-inited)
    defaults = page.select_one("#defaults")
    assert [row[0] for row in cells(defaults)][:2] == ["Whisper", "AudioSet"]
    assert defaults.select("thead th")[-1].get_text() == "Audio hours"


def test_group_by(app) -> None:
    page = html(app, "tables")
    groups = [td.get_text() for td in page.select("#grouped tr.vlmcat-group td")]
    assert groups == ["no", "yes"]
    assert [row[0] for row in cells(page.select_one("#grouped")) if len(row) == 3] == [
        "Qwen-Audio",
        "Whisper",
        "BEATs",
    ]


def test_filter_box_knows_the_fields(app) -> None:
    page = html(app, "tables")
    data = json.loads(page.select_one("script#vlmcat-data").string)
    assert "audio_hours" in data["meta"]["fields"]
    assert "audio_encoder" in data["meta"]["relations"]
    assert data["entries"]["whisper"]["audio_hours"] == 680000
    assert data["entries"]["whisper"]["open_weights"] is True
    assert data["placeholder"] == "e.g. audio_hours:>=1000"


def test_cards_show_the_fields(app) -> None:
    page = html(app, "cards")
    lines = [p.get_text() for p in page.select("p.vlmcat-card-fields")]
    assert lines == [
        (
            "Audio hours: 1000; Sample rate: 16 kHz; Audio domain: speech; Speakers: 2484; "
            "Spoken languages: English"
        ),
        "Audio hours: 5800; Audio domain: sound",
    ]


def test_entry_pages_show_fields_and_relations(app) -> None:
    whisper = html(app, "entries/whisper")
    fields = {
        dt.get_text(" ", strip=True).rstrip(":").strip(): dd.get_text(" ", strip=True)
        for dt, dd in zip(
            whisper.select("dl.field-list dt"), whisper.select("dl.field-list dd"), strict=True
        )
    }
    assert fields["Audio hours"] == "680000"
    assert fields["Open weights"] == "yes"
    assert fields["Spoken languages"] == "English, German, Japanese"
    assert fields["Used by (Audio encoder of)"] == "Qwen-Audio"
    assert whisper.select_one('a[href="https://example.org/whisper"]') is not None
    assert "Audio hours: 680000" in whisper.select_one("div.vlmcat-bibtex").get_text()
    qwen = html(app, "entries-block").get_text(" ", strip=True)
    assert "Uses (Audio encoder) : Whisper" in qwen


def test_chart_of_the_number_field(app) -> None:
    figure = html(app, "charts").select_one("figure.vlmcat-chart")
    assert figure.select_one("svg desc").get_text() == (
        "Bar chart, log scale, of hours of audio in 4 entries from 2015 to 2023: "
        "from 15 (MusicCaps) to 680K (Whisper)."
    )
    rows = [[c.get_text() for c in r.select("th, td")] for r in figure.select("tbody tr")]
    assert ["Whisper", "2022", "680K"] in rows


def test_count_role(app) -> None:
    assert "holds 3 entries" in html(app, "index").get_text()


def test_downloads(app) -> None:
    downloads = app.outdir / "downloads"
    data = json.loads((downloads / "catalog.json").read_text(encoding="utf-8"))
    assert data["entries"][0]["audio_hours"] == 1000
    schema = json.loads((downloads / "catalog.schema.json").read_text(encoding="utf-8"))
    assert "audio_hours" in schema["$defs"]["entry"]["properties"]
    bib = (downloads / "catalog.bib").read_text(encoding="utf-8")
    assert "note = {{Whisper}; Audio hours: 680000; Sample rate: 16 kHz; Open weights: yes;" in bib
    md = (downloads / "catalog.md").read_text(encoding="utf-8")
    assert md.startswith("# Awesome Audio-Language Models\n")
    assert '"audio_hours":680000' in md


def test_domain_label_in_search_index(app) -> None:
    index = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert '"ALM catalog model"' in index
    assert "VLM catalog" not in index


def test_editing_schema_yaml_rereads_pages(tmp_path) -> None:
    src = tmp_path / "src"

    def build() -> tuple[set[str], str]:
        app = make_app_copy(ROOT, src)
        try:
            app.build()
            read = set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", status(app)))
            return read, warnings(app)
        finally:
            app.cleanup()

    build()
    schema = src / "catalog" / "schema.yaml"
    schema.write_text(
        schema.read_text(encoding="utf-8")
        .replace("label: Audio hours", "label: Hours of audio")
        .replace("inverse: Audio encoder of", "inverse: Encodes audio for"),
        encoding="utf-8",
    )
    read, warned = build()
    assert warned == ""
    assert {"tables", "cards", "charts", "entries-block", "entries/whisper", "index"} <= read
    page = html_of(src, "tables")
    assert "Hours of audio" in page and "Audio hours" not in page
    assert "Used by (Encodes audio for)" in html_of(src, "entries/whisper")
    # a clean build of the edited project gives the same pages
    clean = tmp_path / "clean"
    shutil.copytree(src, clean, ignore=shutil.ignore_patterns("_build", "entries"))
    app = make_app_copy(ROOT, clean)
    try:
        app.build()
    finally:
        app.cleanup()
    for page in ("tables", "cards", "entries/whisper", "entries-block"):
        assert strip_volatile(html_of(src, page)) == strip_volatile(html_of(clean, page)), page


def html_of(src, docname: str) -> str:
    return (src / "_build" / "html" / f"{docname}.html").read_text(encoding="utf-8")


def strip_volatile(text: str) -> str:
    """A page without what differs between two builds of the same sources anyway."""
    return re.sub(r"\?v=[0-9a-f]+|vlmcharts/[0-9a-f]+", "", text)


@pytest.fixture(scope="module")
def latex(tmp_path_factory):
    return build_once(
        ROOT, tmp_path_factory.mktemp("custom-latex") / "src", "latex", warningiserror=True
    )


def test_latex_build(latex) -> None:
    assert warnings(latex) == ""
    tex = (latex.outdir / "custom.tex").read_text(encoding="utf-8")
    assert "Audio hours" in tex
    assert "680,000" in tex


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("latexmk") is None, reason="latexmk is not installed")
def test_pdf_compiles(latex) -> None:
    result = latexmk(latex.outdir, "custom.tex")
    assert result.returncode == 0, result.stdout[-3000:]
    assert (latex.outdir / "custom.pdf").stat().st_size > 10_000
    if shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", "custom.pdf", "-"],
            cwd=latex.outdir,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "Audio hours" in out
        assert "680,000" in out
