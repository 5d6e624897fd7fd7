"""Rows written by the last HTML build are reused only where they come out the same
(``row_memo.py``)."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_vlmcatalog import row_memo
from sphinx_vlmcatalog.nodes import ENTRY_CLASS_PREFIX
from sphinx_vlmcatalog.row_memo import MEMO_DIR
from util import make_app_copy, warnings


def build(src: Path) -> tuple[str, Path]:
    """Build ``src`` (a copy of ``test-parallel``): the index page's HTML, and its row memo."""
    app = make_app_copy("test-parallel", src)
    try:
        app.build()
        assert warnings(app) == ""
        page = (app.outdir / "index.html").read_text(encoding="utf-8")
        return page, Path(app.doctreedir) / MEMO_DIR / "html" / "index.pickle"
    finally:
        app.cleanup()


def fresh(src: Path, tmp_path: Path) -> str:
    """The index page of a clean build of the same sources."""
    copy = tmp_path / f"fresh-{len(list(tmp_path.glob('fresh-*')))}"
    shutil.copytree(src, copy, ignore=shutil.ignore_patterns("_build"))
    return build(copy)[0]


def parities(page: str) -> dict[str, str]:
    """Entry id -> ``row-odd`` or ``row-even``, for the rows of the page's first table."""
    table = BeautifulSoup(page, "html.parser").select_one("table.vlmcat-table")
    result = {}
    for row in table.select("tbody tr"):
        classes = row["class"]
        key = next(
            (
                c.removeprefix(ENTRY_CLASS_PREFIX)
                for c in classes
                if c.startswith(ENTRY_CLASS_PREFIX)
            ),
            None,
        )
        if key:
            result[key] = next(c for c in classes if c in ("row-odd", "row-even"))
    return result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("memo", ["kept", "other code", "corrupt"])
def test_a_rebuild_reuses_unchanged_rows_and_writes_what_a_clean_build_writes(
    tmp_path, monkeypatch, memo
) -> None:
    src = tmp_path / "src"
    _, memo_file = build(src)
    stamp, rows = pickle.loads(memo_file.read_bytes())
    # mark the stored HTML of the unchanged CIFAR-10 row: where it is reused, the mark shows
    (key,) = [k for k in rows if k[1] == "cifar-10"]
    assert "CIFAR-10" in rows[key]
    rows[key] = rows[key].replace("CIFAR-10", "REUSED")
    if memo == "corrupt":
        memo_file.write_bytes(b"not a pickle")
    else:
        memo_file.write_bytes(pickle.dumps((stamp, rows)))
        if memo == "other code":  # as if rows.py had changed since the last build
            monkeypatch.setattr(row_memo, "_code_digest", lambda: "other")
    edit(src / "catalog" / "papers" / "transfer.yaml", "short: CoOp\n", "short: CoOpEdited\n")

    page, memo_file = build(src)
    assert "CoOpEdited" in page
    if memo == "kept":
        assert "REUSED" in page
        page = page.replace("REUSED", "CIFAR-10")
    else:
        assert "REUSED" not in page
    assert page == fresh(src, tmp_path)
    _, rows = pickle.loads(memo_file.read_bytes())
    # the file holds the rows just written: the edited row's new HTML, not its old one
    (coop,) = [html for k, html in rows.items() if k[1] == "coop"]
    assert "CoOpEdited" in coop


def test_rows_after_an_inserted_row_change_parity(tmp_path) -> None:
    src = tmp_path / "src"
    before, _ = build(src)
    edit(
        src / "catalog" / "models.yaml",
        "entries:\n",
        "entries:\n  - id: aaa-new\n    kind: model\n    title: AAA New\n    year: 2021\n",
    )
    after, memo_file = build(src)
    assert after == fresh(src, tmp_path)
    # rows below the new one swapped odd for even (none was copied with its old class)
    was, now = parities(before), parities(after)
    assert "aaa-new" in now
    assert any(was[key] != now[key] for key in was)
    _, rows = pickle.loads(memo_file.read_bytes())
    assert {k[1] for k in rows} >= {"aaa-new", "clip", "cifar-10"}


def test_the_stamp_names_the_visitors_that_write_a_row(tmp_path, monkeypatch) -> None:
    translators = []
    of = row_memo.RowMemo.of.__func__

    def recording(cls, translator):
        translators.append(translator)
        return of(cls, translator)

    monkeypatch.setattr(row_memo.RowMemo, "of", classmethod(recording))
    app = make_app_copy("test-parallel", tmp_path / "src")
    try:
        app.build()
    finally:
        app.cleanup()
    translator = translators[0]
    stamp = row_memo._stamp(translator)
    assert stamp == row_memo._stamp(translators[-1])  # the same for every page

    def visit_reference(self, node):  # as another extension's override would be
        raise AssertionError

    translator.visit_reference = visit_reference.__get__(translator)
    assert row_memo._stamp(translator) != stamp


def test_other_builders_keep_no_rows(tmp_path) -> None:
    app = make_app_copy("test-parallel", tmp_path / "src", "latex")
    try:
        app.build()
        assert not (Path(app.doctreedir) / MEMO_DIR).exists()
    finally:
        app.cleanup()


def test_a_row_whose_link_moved_is_written_again(tmp_path) -> None:
    src = tmp_path / "src"
    before, _ = build(src)
    edit(src / "tpt.rst", ".. vlm-entry:: tpt\n", "(The entry moved away.)\n")
    after, _ = build(src)
    assert after == fresh(src, tmp_path)
    assert after != before


def test_a_page_with_two_tables_keeps_the_rows_of_both(tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-parallel", src)
    page = src / "coop.rst"
    tables = (
        "\n.. vlm-table::\n   :filter: kind:model\n\n.. vlm-table::\n   :filter: kind:dataset\n"
    )
    page.write_text(page.read_text(encoding="utf-8") + tables, encoding="utf-8")

    def build_coop() -> dict[tuple[object, ...], str]:
        app = make_app_copy("test-parallel", src)
        try:
            app.build()
            memo_file = Path(app.doctreedir) / MEMO_DIR / "html" / "coop.pickle"
            return pickle.loads(memo_file.read_bytes())[1]
        finally:
            app.cleanup()

    first = build_coop()
    assert {"clip", "imagenet-1k"} <= {k[1] for k in first}  # a model and a dataset
    edit(page, "coop\n====\n", "coop\n====\n\nA new paragraph.\n")
    assert build_coop() == first  # every row copied, and the file still holds both tables


def test_the_rows_of_a_removed_page_are_forgotten(tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-parallel", src)
    page = src / "extra.rst"
    page.write_text(":orphan:\n\nExtra\n=====\n\n.. vlm-table::\n   :filter: kind:model\n", "utf-8")
    _, memo_file = build(src)
    kept = memo_file.with_name("extra.pickle")
    assert kept.is_file()
    page.unlink()
    build(src)
    assert not kept.exists()
    assert memo_file.is_file()  # the other pages' rows stay
