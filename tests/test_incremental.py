"""Rebuilds: nothing re-read when nothing changed; entry-level re-reading when the catalog does."""

from __future__ import annotations

import re

import pytest

from util import make_app_copy, status, warnings


@pytest.fixture
def project(tmp_path):
    """Build ``test-parallel`` once; return a function that rebuilds and lists re-read docs."""
    src = tmp_path / "src"

    def build() -> tuple[set[str], str, str]:
        app = make_app_copy("test-parallel", src)
        try:
            app.build()
            out = status(app)
            read = set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", out))
            return read, out, warnings(app)
        finally:
            app.cleanup()

    read, _, warned = build()
    assert len(read) == 13
    assert warned == ""
    build.src = src  # type: ignore[attr-defined]
    return build


def test_unchanged_rebuild_reads_nothing(project) -> None:
    read, out, _ = project()
    assert read == set()
    assert "0 added, 0 changed, 0 removed" in out
    assert "config changed" not in out
    assert "vlmcatalog: catalog up to date (13 entries)" in out


def test_editing_one_entry_rereads_only_its_pages(project) -> None:
    path = project.src / "catalog" / "papers" / "transfer.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("short: CoOp\n", "short: CoOp\n    summary: Edited.\n"), encoding="utf-8"
    )
    read, out, _ = project()
    # coop: its home; cocoop: "uses coop"; clip: "used by coop"; llava-1.5: :vlm:`coop` and a
    # year:2022 list; webimagetext: a year:2022 list; index: the table of everything
    assert read == {"coop", "cocoop", "clip", "llava-1.5", "webimagetext", "index"}
    assert "1 catalog entries changed; 6 documents show them" in out


def test_adding_an_entry_rereads_documents_whose_queries_match(project) -> None:
    path = project.src / "catalog" / "models.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + ("  - id: newmodel\n    kind: model\n    title: A New Model\n    year: 2023\n"),
        encoding="utf-8",
    )
    read, _, _ = project()
    # index: table, cards and count of models; coop and imagenet-1k: year:2023 lists
    assert read == {"index", "coop", "imagenet-1k"}


def test_an_entry_leaving_a_counted_query_rereads_the_count(project) -> None:
    # a page that only counts: it shows no entry, so only its query's stored result names hostile
    page = project.src / "counts.rst"
    page.write_text(":orphan:\n\nCounts\n======\n\n:vlm-count:`year:2020`\n", "utf-8")
    read, _, _ = project()
    assert read == {"counts"}
    path = project.src / "catalog" / "extras.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("year: 2020", "year: 2019", 1), encoding="utf-8")
    read, _, warned = project()  # hostile was the only entry of 2020
    assert "counts" in read
    assert "counts.rst" not in warned  # (the lists of 2020 warn that they are empty now)


def test_editing_location_only_rereads_nothing(project) -> None:
    path = project.src / "catalog" / "datasets.yaml"
    path.write_text(
        "# a comment moves every line\n" + path.read_text(encoding="utf-8"), encoding="utf-8"
    )
    read, out, _ = project()
    assert read == set()
    assert "vlmcatalog: loaded 13 entries" in out


def test_removing_a_file_does_not_crash(project) -> None:
    (project.src / "catalog" / "datasets.yaml").unlink()
    read, _, warned = project()
    assert {"webimagetext", "imagenet-1k", "cifar-10", "winoground", "index", "clip"} <= read
    assert "webimagetext.rst:4: WARNING: vlm-entry: unknown catalog entry 'webimagetext'" in warned


def test_moving_a_home_rewrites_linking_pages(project) -> None:
    # coop's home moves from coop.rst to tpt.rst; llava-1.5 links to coop without being re-read
    (project.src / "coop.rst").write_text("coop\n====\n\nNo entry here.\n", encoding="utf-8")
    (project.src / "tpt.rst").write_text("tpt\n===\n\n.. vlm-entry:: coop\n", encoding="utf-8")
    read, _, _ = project()
    assert "llava-1.5" not in read
    page = (project.src / "_build" / "html" / "llava-1.5.html").read_text(encoding="utf-8")
    assert 'href="tpt.html#vlm-coop"' in page


def test_a_build_leaves_the_garbage_collector_as_it_found_it(tmp_path) -> None:
    # a long-lived host (a language server, a notebook, pytest) must not find its own objects
    # frozen or thawed, or its collector paused, by a build it ran
    import gc

    frozen, enabled = gc.get_freeze_count(), gc.isenabled()
    seen: list[tuple[int, bool]] = []
    app = make_app_copy("test-basic", tmp_path / "a")
    app.connect(
        "env-updated", lambda app, env: seen.append((gc.get_freeze_count(), gc.isenabled()))
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert seen == [(frozen, enabled)]
    assert (gc.get_freeze_count(), gc.isenabled()) == (frozen, enabled)
