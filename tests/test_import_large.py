"""Three large generated lists in public formats (``import_lists.py``): every work reaches the
catalog with its title, venue and year; every repeat is a merge; every bad line is a problem."""

from __future__ import annotations

import pytest
import yaml

from import_lists import LISTS, Truth
from sphinx_vlmcatalog.importer.pipeline import run_import
from sphinx_vlmcatalog.importer.records import ImportReport


@pytest.fixture(scope="module", params=sorted(LISTS))
def imported(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Truth, ImportReport, dict[str, dict]]:
    text, truth = LISTS[request.param]()
    root = tmp_path_factory.mktemp(request.param)
    md = root / f"{request.param}.md"
    md.write_text(text, encoding="utf-8")
    report = run_import([md], root / "out", None, progress=None)
    entries: dict[str, dict] = {}
    for path in (root / "out").rglob("*.yaml"):
        for e in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("entries") or []:
            assert e.get("arxiv") not in entries, f"arXiv id {e.get('arxiv')} given twice"
            entries[e.get("arxiv")] = e
    return truth, report, entries


def test_every_work_arrives_once(imported) -> None:
    truth, report, entries = imported
    assert set(entries) == set(truth.works)
    n = len(truth.works) + truth.repeats + len(truth.broken)
    assert report.summary() == (
        f"{n} entry-like lines: {len(truth.works)} entries, {truth.repeats} merged, "
        f"{len(truth.broken)} problems"
    )


def test_titles_venues_and_years(imported) -> None:
    truth, _, entries = imported
    wrong = [
        (aid, (e["title"], e.get("venue"), e.get("year")), (w.title, w.venue or None, w.year))
        for aid, w in truth.works.items()
        if (e := entries[aid])["title"] != w.title
        or (e.get("venue"), e.get("year")) != (w.venue or None, w.year)
    ]
    assert wrong == []


def test_bad_lines_are_problems_at_their_lines(imported) -> None:
    truth, report, _ = imported
    assert sorted(p.line for p in report.errors) == truth.broken
    assert [f.line for f in report.ledger if f.fate == "problem"] == truth.broken


def test_versions_sharing_a_repository_stay_apart(imported) -> None:
    truth, report, entries = imported
    for old, new in truth.shared:
        assert entries[old]["id"] != entries[new]["id"]
        assert entries[old]["links"]["code"] == entries[new]["links"]["code"]
        pair = f"{entries[old]['id']} ("
        assert any(pair in h and f"{entries[new]['id']} (" in h for h in report.hints)


def test_every_work_keeps_its_paper_and_code_links(imported) -> None:
    truth, _, entries = imported
    for aid, w in truth.works.items():
        links = entries[aid]["links"]
        assert links["paper"] == f"https://arxiv.org/abs/{aid}"
        if "code" in links:
            assert links["code"] == f"https://github.com/{w.repo}"
