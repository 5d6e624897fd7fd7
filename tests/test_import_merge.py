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


def test_same_arxiv_is_one_work_and_a_title_clash_is_reported() -> None:
    """An identifier is decisive (the output must validate); a clash of titles is a conflict
    with both lines, so nothing disappears without a word."""
    recs = [
        rec("Visual Instruction Tuning", 1, short="LLaVA", arxiv="2304.08485"),
        rec("LLaVA-1.5", 2, list="b", arxiv="2304.08485"),
    ]
    groups = group_records(recs)
    assert len(groups) == 1
    assert groups[0].reasons == ["same arXiv id 2304.08485"]
    [clash] = [c for c in resolve(groups[0]).conflicts if c.field == "title"]
    assert [w for _, w in clash.values] == ["x.md:1", "x.md:2"]
    assert "same arXiv id 2304.08485" in clash.resolution


def test_a_shared_code_repository_never_merges() -> None:
    """One repository often hosts several papers (a model and its second version)."""
    code = {"code": "https://github.com/lab/minigpt"}
    recs = [
        rec("MiniThing-4: Seeing With a Small Model", 1, arxiv="2304.10592", links=dict(code)),
        rec("MiniThing-v2: One Interface for Many Tasks", 2, arxiv="2310.09478", links=dict(code)),
        rec("MiniThing Without Paper", 3, links=dict(code)),
    ]
    groups = group_records(recs)
    assert [len(g.records) for g in groups] == [1, 1, 1]


def test_same_name_but_different_arxiv_ids_are_kept_apart() -> None:
    recs = [
        rec("LISA: Reasoning Segmentation", 1, short="LISA", arxiv="2308.00692"),
        rec("LISA", 2, list="b", arxiv="2312.17240"),
    ]
    groups = group_records(recs)
    assert len(groups) == 2
    assert "the arXiv ids differ" in groups[0].separated[0]


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
    assert report.errors == []
    unmapped = [p for p in report.problems if "not in the mapping" in p.message]
    assert unmapped, "unseen sections are reported"
    tax = yaml.safe_load((tmp_path / "taxonomy.yaml").read_text())["taxonomy"]
    assert tax[0]["key"] == "imported"
    keys = {c["key"] for c in tax[0]["children"]}
    assert {"robotics-agents", "evaluation-suites"} <= keys
    merged = [m for m in report.merges if len(m.records) > 1]
    assert len(merged) == 1 and {c.field for c in merged[0].conflicts} == {"venue", "year"}
    assert merged[0].reasons == ["same arXiv id 2210.02390"]
    files = {p.relative_to(tmp_path).as_posix() for p in report.written}
    assert "benchmarks.yaml" in files
    data = yaml.safe_load((tmp_path / "papers" / "imported.yaml").read_text())
    rt2 = next(e for e in data["entries"] if e["id"] == "rt-2")
    assert list(rt2)[:7] == ["id", "kind", "title", "short", "venue", "year", "arxiv"]
    assert rt2["arxiv"] == "2307.15818"
    assert "'2307.15818'" in (tmp_path / "papers" / "imported.yaml").read_text()
    # every entry-like line has a fate, and the summary adds up
    assert report.summary() == "13 entry-like lines: 12 entries, 1 merged, 0 problems"


def test_merges_and_shared_urls_are_in_the_report(tmp_path: Path) -> None:
    lines = [
        "# L",
        "## Models",
        "| Title | Venue | Paper |",
        "|---|---|---|",
        "| [**MiniThing-4**](REPO) | arXiv | [arXiv](ARXIV/2304.10592) |",
        "| [**MiniThing-v2**](REPO) | arXiv | [arXiv](ARXIV/2310.09478) |",
        "",
        "## Again",
        "- [MiniThing-4: Seeing With a Small Model](https://arxiv.org/pdf/2304.10592v3.pdf) - 2023",
    ]
    md = tmp_path / "l.md"
    text = "\n".join(lines).replace("ARXIV/", "https://arxiv.org/abs/")
    text = text.replace("REPO", "https://github.com/lab/minithing")
    md.write_text(text + "\n", encoding="utf-8")
    report = run_import([md], tmp_path / "out", None, progress=None)
    assert report.entries == 2
    text = "\n".join(report.summary_lines())
    assert f"merge minithing-4 (same arXiv id 2304.10592): {md}:5, {md}:9" in text
    assert "minithing-4" in report.hints[0] and "minithing-v2" in report.hints[0]
    assert "github.com/lab/minithing" in report.hints[0]
    fates = [(f.line, f.fate) for f in report.ledger]
    assert fates == [(5, "entry"), (6, "entry"), (9, "merged")]
    assert "into minithing-4 at" in report.ledger[2].detail


def test_one_arxiv_id_twice_gives_one_valid_entry(tmp_path: Path) -> None:
    from sphinx_vlmcatalog.catalog.loader import load_catalog

    md = tmp_path / "l.md"
    md.write_text(
        "## Audio\n\n"
        "- **LTA**: Listen, Think, and Answer [[Paper](https://arxiv.org/abs/2404.04007)]\n"
        "- [Listen, Think and Answer](https://arxiv.org/pdf/2404.04007v2.pdf) - ICLR 2024\n",
        encoding="utf-8",
    )
    report = run_import([md], tmp_path / "out", None, progress=None)
    assert report.entries == 1
    result = load_catalog([tmp_path / "out"])
    assert result.ok, [str(i) for i in result.issues]
    [entry] = list(result.catalog)
    assert (entry.short, entry.venue, entry.year) == ("LTA", "ICLR", 2024)


def test_an_override_matches_the_id_an_earlier_one_pinned(tmp_path: Path) -> None:
    """A later correction of one entry names it by the id it keeps, though an earlier one
    gave it a short name that would derive another id."""
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "overrides:\n"
        "  - match: {arxiv: '2307.15818'}\n"
        "    set: {id: rt-2, short: RT-2-X}\n"
        "  - match: {id: rt-2}\n"
        "    set: {venue: CoRL}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = run_import([FIX / "handwritten.md"], out, mapping, progress=None)
    assert not [p for p in report.problems if "matches no entry" in p.message]
    data = yaml.safe_load((out / "papers" / "imported.yaml").read_text())
    rt2 = next(e for e in data["entries"] if e["id"] == "rt-2")
    assert (rt2["short"], rt2["venue"]) == ("RT-2-X", "CoRL")
