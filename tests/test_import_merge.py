"""Merging mentions of one work, conflict reports, and a whole import run."""

from __future__ import annotations

from pathlib import Path

import yaml

from sphinx_vlmcatalog.importer.merge import group_records, resolve
from sphinx_vlmcatalog.importer.pipeline import run_import
from sphinx_vlmcatalog.importer.records import RawRecord

FIX = Path(__file__).parent / "fixtures" / "import"


def rec(title: str, line: int, **kw: object) -> RawRecord:
    return RawRecord(
        list=str(kw.pop("list", "a")), path="x.md", line=line, fmt="t", title=title, **kw
    )  # type: ignore[arg-type]


def test_merge_by_arxiv_reports_venue_and_year_conflicts() -> None:
    recs = [
        rec("Bayesian Prompt Learning", 1, arxiv="2210.02390", venue="arXiv", year=2022),
        rec("Bayesian Prompt Learning", 2, arxiv="2210.02390", venue="ICCV", year=2023),
    ]
    groups = group_records(recs)
    assert len(groups) == 1
    res = resolve(groups[0])
    assert (res.values["venue"], res.values["year"]) == ("ICCV", 2023)
    assert {c.field for c in res.conflicts} == {"venue", "year"}


def test_same_arxiv_different_work_is_kept_apart() -> None:
    recs = [
        rec("Visual Instruction Tuning", 1, short="LLaVA", arxiv="2304.08485"),
        rec("LLaVA-1.5", 2, list="b", arxiv="2304.08485"),
    ]
    groups = group_records(recs)
    assert len(groups) == 2
    assert "shares arxiv 2304.08485" in groups[0].separated[0]


def test_merge_by_title_and_short_name_across_lists() -> None:
    recs = [
        rec(
            "OK-VQA: A Visual Question Answering Benchmark",
            1,
            kind="benchmark",
            venue="CVPR",
            year=2019,
        ),
        rec("OK-VQA", 2, list="b", kind="benchmark", year=2021),
        rec("OK-VQA", 3, list="b", kind="paper"),
    ]
    groups = group_records(recs)
    assert [len(g.records) for g in groups] == [2, 1]  # a paper never merges into data
    res = resolve(groups[0])
    assert res.values["year"] == 2019
    assert res.values["sources"] == [("a", ""), ("b", "")]
    assert [c.field for c in res.conflicts] == ["year"]


def test_link_conflict() -> None:
    recs = [
        rec("Some Work About Things", 1, links={"code": "https://github.com/a/b"}),
        rec("Some Work About Things", 2, links={"code": "https://github.com/c/d"}),
    ]
    res = resolve(group_records(recs)[0])
    assert res.values["links"]["code"] == "https://github.com/a/b"
    assert [c.field for c in res.conflicts] == ["links.code"]


def test_run_import_handwritten_list(tmp_path: Path) -> None:
    report = run_import([FIX / "handwritten.md", FIX / "tables.md"], tmp_path, None, progress=None)
    assert [p.line for p in report.errors] == [7, 8, 15, 17, 19]
    unmapped = [p for p in report.problems if "not in the mapping" in p.message]
    assert unmapped, "unseen sections are reported as warnings"
    tax = yaml.safe_load((tmp_path / "taxonomy.yaml").read_text())["taxonomy"]
    assert tax[0]["key"] == "imported"
    keys = {c["key"] for c in tax[0]["children"]}
    assert {"robotics-agents", "evaluation-suites"} <= keys
    merged = [m for m in report.merges if len(m.records) > 1]
    assert len(merged) == 1 and {c.field for c in merged[0].conflicts} == {"venue", "year"}
    files = {p.relative_to(tmp_path).as_posix() for p in report.written}
    assert "benchmarks.yaml" in files
    data = yaml.safe_load((tmp_path / "papers" / "imported.yaml").read_text())
    rt2 = next(e for e in data["entries"] if e["id"] == "rt-2")
    assert list(rt2)[:7] == ["id", "kind", "title", "short", "venue", "year", "arxiv"]
    assert rt2["arxiv"] == "2307.15818"
    assert "'2307.15818'" in (tmp_path / "papers" / "imported.yaml").read_text()
