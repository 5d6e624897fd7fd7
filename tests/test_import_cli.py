"""``vlmcatalog import`` as a user runs it: kinds without a mapping, the summary and exit status,
``--strict``, ``--report``, ``--emit-mapping`` and the progress bar."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from sphinx_vlmcatalog.cli import main
from sphinx_vlmcatalog.importer.cli import ProgressBar
from sphinx_vlmcatalog.importer.pipeline import run_import

FIX = Path(__file__).parent / "fixtures" / "import"


def entries(out: Path) -> dict[str, dict]:
    found = {}
    for path in out.rglob("*.yaml"):
        for e in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("entries") or []:
            found[e["title"]] = e
    return found


def test_headings_give_kinds_without_a_mapping(tmp_path: Path) -> None:
    run_import([FIX / "kinds.md"], tmp_path, None, progress=None)
    got = {t: (e["kind"], e.get("resource_type")) for t, e in entries(tmp_path).items()}
    assert got == {
        "Pond Sounds: Ten Hours of Recorded Ponds": ("dataset", None),
        "PondBench": ("benchmark", None),
        "Ponds in Multimodal Learning: A Survey": ("resource", "survey"),
        "Building Pond Models: A Half-Day Tutorial": ("resource", "tutorial"),
        "The Pond Book": ("resource", "book"),
        "PondLM-7B": ("model", None),
        "Pond Attention: Ripples as Positional Encoding": ("paper", None),
    }
    # "Num of Video-Text Pairs" is the benchmark's size, not image-text pairs
    assert entries(tmp_path)["PondBench"]["size"] == "12K video-text pairs"


def test_the_list_title_does_not_give_a_kind(tmp_path: Path) -> None:
    md = tmp_path / "l.md"
    md.write_text(
        "# Awesome Multimodal Models\n\n## Methods\n\n"
        "- [A Method](https://arxiv.org/abs/2401.00001) - CVPR 2024\n",
        encoding="utf-8",
    )
    run_import([md], tmp_path / "out", None, progress=None)
    assert entries(tmp_path / "out")["A Method"]["kind"] == "paper"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["import", *argv])
    return code, capsys.readouterr().err


def test_summary_and_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, str(FIX / "bullet-variants.md"), "--out", str(tmp_path / "o"))
    assert code == 0
    assert err.splitlines()[-1] == "15 entry-like lines: 14 entries, 1 merged, 0 problems"
    assert "merge listening-beyond-words (same arXiv id 2404.04001)" in err


def test_a_lost_line_exits_1_and_strict_exits_1_on_any_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lost = tmp_path / "lost.md"
    lost.write_text("## S\n\n- [[Paper](https://arxiv.org/abs/2401.00001)]\n", encoding="utf-8")
    code, err = run(capsys, str(lost), "--out", str(tmp_path / "a"))
    assert code == 1
    assert f"{lost}:3: error: links without a title" in err
    assert err.splitlines()[-1] == "1 entry-like lines: 0 entries, 0 merged, 1 problems"

    doubtful = FIX / "handwritten.md"  # every line imported, some without a link
    code, _ = run(capsys, str(doubtful), "--out", str(tmp_path / "b"))
    assert code == 0
    code, err = run(capsys, str(doubtful), "--out", str(tmp_path / "c"), "--strict")
    assert code == 1
    assert "has no link" in err


def test_report_lists_every_entry_like_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "lines.txt"
    md = str(FIX / "bullet-variants.md")
    code, _ = run(capsys, md, "--out", str(tmp_path / "o"), "--report", str(report), "-q")
    assert code == 0
    lines = report.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 15
    assert lines[0] == f"{md}:5: entry: listening-beyond-words"
    assert lines[10].startswith(f"{md}:16: merged: into listening-beyond-words")


def test_emit_mapping_then_import_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = tmp_path / "mapping.yaml"
    lists = [str(FIX / "kinds.md"), str(FIX / "mllm-tables.md")]
    code, err = run(capsys, *lists, "--emit-mapping", str(mapping))
    assert code == 0 and "wrote a starting mapping" in err
    data = yaml.safe_load(mapping.read_text(encoding="utf-8"))
    assert data["lists"] == {"kinds": "kinds", "mllm-tables": "mllm-tables"}
    # a heading found in both lists is qualified by the list
    assert data["sections"]["kinds: Datasets"] == {
        "categories": ["imported.datasets"],
        "kind": "dataset",
    }
    assert data["sections"]["mllm-tables: Datasets"]["kind"] == "dataset"
    assert data["sections"]["Surveys"]["kind"] == "resource"
    assert data["sections"]["Models With A Paper Column"]["kind"] == "model"
    code, err = run(capsys, *lists, "--out", str(tmp_path / "o"), "--mapping", str(mapping))
    assert code == 0
    assert "not in the mapping" not in err
    got = entries(tmp_path / "o")
    assert got["LumenLM"]["kind"] == "model"
    assert got["LumenLM"]["categories"] == ["imported.models-with-a-paper-column"]


def test_emit_mapping_to_stdout_quotes_what_yaml_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md = tmp_path / "2024_list.md"
    md.write_text(
        "# T\n\n## Yes\n\n- [A](https://arxiv.org/abs/2401.00001)\n\n"
        "## Notes: extra #1\n\n- [B](https://arxiv.org/abs/2401.00002)\n\n"
        "## Contributing\n\nSend a pull request.\n",
        encoding="utf-8",
    )
    assert main(["import", str(md), "--emit-mapping", "-"]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert data["lists"] == {"2024_list": "2024-list"}
    assert set(data["sections"]) == {"Yes", "Notes: extra #1"}
    assert data["skip_sections"] == ["Contributing"]


def test_usage_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    md = FIX / "kinds.md"
    assert run(capsys, str(md)) == (
        2,
        "vlmcatalog import: give --out DIR (or --emit-mapping FILE)\n",
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("sections: [", encoding="utf-8")
    code, err = run(capsys, str(md), "--out", str(tmp_path / "o"), "--mapping", str(bad))
    assert code == 2 and len(err.splitlines()) == 1 and "Traceback" not in err


def test_progress_bar() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar("[1/2] list.md", 50, 100)
    bar("merging", 1, 1)
    bar.close()
    text = stream.getvalue()
    assert "[" + "#" * 15 + "." * 15 + "] 50/100" in text
    assert text.count("\r") == 2 and text.endswith("] 1/1\n")


def test_progress_steps_reach_the_end(tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    run_import(
        [FIX / "mllm-tables.md"],
        tmp_path,
        None,
        progress=None,
        step=lambda stage, done, total: seen.append((stage, done, total)),
    )
    parsing = [(done, total) for stage, done, total in seen if stage == "[1/1] mllm-tables.md"]
    assert parsing[0][0] == 0 and parsing[-1][0] == parsing[-1][1] > 0  # read to its end
    assert seen[-1] == ("merging", 1, 1)


def test_an_unknown_kind_in_the_mapping_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = tmp_path / "m.yaml"
    mapping.write_text("sections:\n  Datasets: {categories: [d], kind: datset}\n", "utf-8")
    code, err = run(capsys, str(FIX / "kinds.md"), "--out", str(tmp_path / "o"), "-m", str(mapping))
    assert code == 2
    kinds = "paper, model, dataset, benchmark, resource, topic"
    where = f"vlmcatalog import: {mapping}: section 'Datasets'"
    assert err == f"{where}: unknown kind 'datset' (one of {kinds})\n"


def test_a_broken_taxonomy_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "taxonomy.yaml").write_text("taxonomy: [{title: no key}]\n", "utf-8")
    mapping = tmp_path / "m.yaml"
    mapping.write_text("taxonomy_file: taxonomy.yaml\n", "utf-8")
    code, err = run(capsys, str(FIX / "kinds.md"), "--out", str(tmp_path / "o"), "-m", str(mapping))
    assert code == 2 and "not a taxonomy file" in err and len(err.splitlines()) == 1
