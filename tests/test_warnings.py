"""Every warning subtype, with its message and location; suppress_warnings and strict/quiet."""

from __future__ import annotations

import pytest

from util import make_app_copy, warnings


@pytest.fixture
def build(tmp_path):
    apps = []

    def run(**confoverrides: object) -> str:
        app = make_app_copy(
            "test-warnings", tmp_path / f"src{len(apps)}", confoverrides=confoverrides
        )
        apps.append(app)
        app.build()
        return warnings(app)

    yield run
    for app in apps:
        app.cleanup()


EXPECTED = [
    (
        "WARNING: invalid vlmcatalog_card_columns = '1 2 99': must be 1 or 4 integers",
        "[vlmcatalog.config]",
    ),
    (
        "catalog/bad.yaml:5: WARNING: entry 'broken': field 'year' must be an integer",
        "[vlmcatalog.catalog_schema]",
    ),
    (
        "catalog/models.yaml:2: WARNING: duplicate id 'clip' (first defined at catalog/bad.yaml:6)",
        "[vlmcatalog.duplicate_key]",
    ),
    ("index.rst:8: WARNING: unknown catalog entry 'nosuch'", "[vlmcatalog.unknown_entry]"),
    (
        "index.rst:10: WARNING: vlm-table: invalid filter: 'abc' is not a number (at column 8",
        "[vlmcatalog.query]",
    ),
    ("index.rst:13: WARNING: vlm-table: unknown column 'bogus'; ignored", "[vlmcatalog.directive]"),
    (
        "index.rst:17: WARNING: vlm-card: unknown catalog entry 'missing-entry'",
        "[vlmcatalog.unknown_entry]",
    ),
    (
        "index.rst:19: WARNING: vlm-list: no entries match 'year:1901'",
        "[vlmcatalog.empty_result]",
    ),
    (
        "index.rst:22: WARNING: invalid query in vlm-count: unknown field 'nofield'",
        "[vlmcatalog.query]",
    ),
    (
        "other.rst:4: WARNING: entry 'clip' already has its home in 'index'",
        "[vlmcatalog.duplicate_home]",
    ),
]


def test_messages_and_locations(build) -> None:
    lines = build().splitlines()
    for start, suffix in EXPECTED:
        found = [line for line in lines if start in line]
        assert len(found) == 1, (start, lines)  # reported once, not twice
        assert found[0].endswith(suffix)
    assert len(lines) == len(EXPECTED)


def test_unknown_reference_renders_as_text(build, tmp_path) -> None:
    build()
    page = (tmp_path / "src0" / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert '<span class="vlmcat-unknown">nosuch</span>' in page


def test_suppress_warnings(build) -> None:
    out = build(
        suppress_warnings=[
            "vlmcatalog.unknown_entry",
            "vlmcatalog.query",
            "vlmcatalog.catalog_schema",
        ]
    )
    assert "unknown catalog entry" not in out
    assert "invalid filter" not in out
    assert "must be an integer" not in out
    assert "[vlmcatalog.duplicate_home]" in out  # other subtypes still reported


def test_quiet_and_strict(build) -> None:
    assert "[vlmcatalog.catalog_schema]" not in build(vlmcatalog_quiet=True)
    strict = build(vlmcatalog_strict=True)
    assert "catalog/bad.yaml:5: ERROR: entry 'broken'" in strict


def test_invalid_path_config(build) -> None:
    out = build(vlmcatalog_path=["catalog", 3])
    assert "invalid vlmcatalog_path = ['catalog', 3]" in out
    assert "[vlmcatalog.config]" in out


def test_missing_catalog_directory(build) -> None:
    out = build(vlmcatalog_path="no-such-dir")
    assert "WARNING: no-such-dir: no such file or directory [vlmcatalog.catalog_file]" in out
    assert "other.rst:4: WARNING: vlm-entry: unknown catalog entry 'clip'" in out
