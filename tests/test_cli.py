"""The ``vlmcatalog`` command as users run it: a real process, exit codes, stdout and stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from sphinx_vlmcatalog.cli import main

REPO = Path(__file__).parent.parent


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmcatalog", *args],
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_validate_clean(fixture_catalog):
    proc = run("validate", str(fixture_catalog))
    assert proc.returncode == 0
    assert proc.stdout.strip() == "4 file(s), 11 entries, 8 categories: 0 problem(s)"


def test_validate_type_error_on_line_12(tmp_path: Path):
    text = """\
entries:
  - id: e0
    kind: paper
    title: Paper 0
    year: 2022
  - id: e1
    kind: paper
    title: Paper 1
    year: 2022
  - id: bad
    kind: paper
    year: next
    title: Bad
"""
    (tmp_path / "papers.yaml").write_text(text)
    proc = run("validate", "papers.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "papers.yaml:12: entry 'bad': field 'year' must be an integer, got str 'next'",
        "1 file(s), 3 entries, 0 categories: 1 problem(s)",
    ]


def test_validate_syntax_error_no_traceback(tmp_path: Path):
    (tmp_path / "x.yaml").write_text("entries:\n  - id: [\n")
    proc = run("validate", str(tmp_path))
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"{tmp_path / 'x.yaml'}:")
    assert "YAML syntax error" in proc.stderr


def test_validate_missing_path():
    proc = run("validate", "does/not/exist")
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == "does/not/exist:0: no such file or directory"


def test_validate_real_catalog():
    proc = run("validate", "catalog")
    assert proc.returncode == 0, proc.stderr


def test_stats(fixture_catalog):
    proc = run("stats", str(fixture_catalog), "--json")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert data["kind"] == {"benchmark": 1, "dataset": 3, "model": 3, "paper": 4}
    assert data["category"]["transfer"] == 3
    assert data["year"]["2022"] == 5
    assert data["source"] == {"awesome-a": 3, "awesome-b": 8, "awesome-c": 1}
    text = run("stats", str(fixture_catalog)).stdout
    assert "kind:\n  benchmark      1\n" in text


def test_query_table(fixture_catalog):
    proc = run(
        "query", "kind:model", str(fixture_catalog), "--sort=-year", "--columns=id,year,parameters"
    )
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == [
        "id         year  parameters",
        "---------  ----  ----------",
        "llava-1.5  2024  7B/13B",
        "llava      2023  13B",
        "clip       2021  ~400M",
    ]
    assert proc.stderr.strip() == "3 entries"


def test_query_empty_cells_are_empty(fixture_catalog, capsys):
    assert main(["query", "id:webimagetext", str(fixture_catalog), "--columns=id,venue,links"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].rstrip() == "webimagetext"
    assert "None" not in "\n".join(out)


def test_query_error_is_positioned(fixture_catalog):
    proc = run("query", "kind:paper yaer:2020", str(fixture_catalog))
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        "vlmcatalog query: unknown field 'yaer' (did you mean 'year'?) "
        "(at column 12 of 'kind:paper yaer:2020')"
    )


def test_query_unknown_column(fixture_catalog):
    proc = run("query", "", str(fixture_catalog), "--columns=id,colour")
    assert proc.returncode == 2
    assert "unknown column(s): colour" in proc.stderr


def test_schema_is_valid_and_accepts_catalogs(fixture_catalog):
    proc = run("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in [*fixture_catalog.rglob("*.yaml"), *(REPO / "catalog").rglob("*.yaml")]:
        if path.name == "schema.yaml":
            continue  # the catalog's own rules, not a catalog file
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text())))
        assert not errors, (path, errors[0].message)


def test_schema_rejects_what_the_validator_rejects():
    from sphinx_vlmcatalog.catalog.schema import catalog_schema

    validator = jsonschema.Draft202012Validator(catalog_schema())
    bad = [
        {"entries": [{"id": "a", "kind": "paper"}]},
        {"entries": [{"id": "a", "kind": "paper", "title": "t", "classes": 3}]},
        {
            "entries": [
                {
                    "id": "a",
                    "kind": "paper",
                    "title": "t",
                    "links": {"paper": "javascript:alert(1)"},
                }
            ]
        },
        {"entries": [{"id": "A B", "kind": "paper", "title": "t"}]},
        {"papers": []},
    ]
    for doc in bad:
        assert list(validator.iter_errors(doc)), doc


@pytest.mark.parametrize("command", ["validate", "stats", "query", "schema"])
def test_help(command):
    proc = run(command, "--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith(f"usage: vlmcatalog {command}")


def test_usage_error_exit_2():
    proc = run("frobnicate")
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr
