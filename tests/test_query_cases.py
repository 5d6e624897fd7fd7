"""The query language's specification, ``tests/query/cases.json``, against both implementations:
``catalog/query.py`` and ``static/vlmcatalog-query.js`` (run by Node over the fixture catalog
exported with ``entry_data()``, as the HTML pages export it)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import sphinx_vlmcatalog
from sphinx_vlmcatalog.catalog.fields import ALIASES, QueryError, known_fields
from sphinx_vlmcatalog.catalog.globs import glob_match
from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.catalog.quantities import quantity
from sphinx_vlmcatalog.catalog.query import parse_query, select
from sphinx_vlmcatalog.catalog.query_data import entry_data, query_meta

HERE = Path(__file__).parent
SPEC = json.loads((HERE / "query" / "cases.json").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = SPEC["cases"]
QUANTITIES: list[dict[str, Any]] = SPEC["quantities"]
GLOBS: list[dict[str, Any]] = SPEC["globs"]
HARNESS = HERE / "query" / "run_cases.js"
QUERY_JS = Path(sphinx_vlmcatalog.__file__).parent / "static" / "vlmcatalog-query.js"


def case_ids(cases: list[dict[str, Any]], key: str) -> list[str]:
    return [f"{i}:{c[key]!a}" for i, c in enumerate(cases)]


@pytest.fixture(scope="module")
def catalog():
    result = load_catalog([HERE / "fixtures" / "catalog"])
    assert result.ok
    return result.catalog


def expected(case: dict[str, Any]) -> dict[str, Any]:
    if "ids" in case:
        return {"ids": case["ids"]}
    return {"error": case["error"], "column": case["column"]}


def describe(case: dict[str, Any], got: dict[str, Any]) -> str:
    return f"query {case['query']!r}: expected {expected(case)}, got {got}"


def describe_quantity(case: dict[str, Any], got: float | None) -> str:
    return f"quantity({case['input']!r}): expected {case['number']}, got {got}"


# --------------------------------------------------------------------------- Python


def python_result(catalog: Any, text: str) -> dict[str, Any]:
    try:
        query = parse_query(text)
    except QueryError as exc:
        return {"error": exc.message, "column": exc.column}
    ids = [e.id for e in select(catalog, query)]
    # select() narrows through the catalog's indexes; it must agree with testing every entry
    every = [e.id for e in catalog if query.matches(e)]
    assert ids == every, f"select() and matches() differ on {text!r}"
    return {"ids": ids}


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES, "query"))
def test_case_python(catalog, case):
    got = python_result(catalog, case["query"])
    assert got == expected(case), describe(case, got)


@pytest.mark.parametrize("case", QUANTITIES, ids=case_ids(QUANTITIES, "input"))
def test_quantity_python(case):
    got = quantity(case["input"], whole=case.get("whole", False))
    assert got == case["number"], describe_quantity(case, got)


@pytest.mark.parametrize("case", GLOBS, ids=case_ids(GLOBS, "pattern"))
def test_glob_python(case):
    assert glob_match(case["pattern"], case["text"]) == case["match"], case


# --------------------------------------------------------------------------- JavaScript


def node_path() -> str | None:
    found = shutil.which("node")
    if found is None and Path("/usr/bin/node").exists():
        found = "/usr/bin/node"
    return found


@pytest.fixture(scope="module")
def js(catalog, tmp_path_factory) -> dict[str, Any]:
    """The harness's output: every case, quantity and glob run by vlmcatalog-query.js."""
    node = node_path()
    if node is None:
        pytest.skip("Node.js is not installed, so vlmcatalog-query.js cannot be checked")
    data = {
        "meta": query_meta(),
        "entries": [entry_data(e) for e in catalog],
        "cases": CASES,
        "quantities": QUANTITIES,
        "globs": GLOBS,
    }
    path = tmp_path_factory.mktemp("query") / "data.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    run = subprocess.run(
        [node, str(HARNESS), str(QUERY_JS), str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, f"the harness failed:\n{run.stderr}"
    result: dict[str, Any] = json.loads(run.stdout)
    assert len(result["results"]) == len(CASES)
    return result


@pytest.mark.parametrize("index", range(len(CASES)), ids=case_ids(CASES, "query"))
def test_case_js(js, index):
    case, got = CASES[index], js["results"][index]
    assert got == expected(case), describe(case, got)


@pytest.mark.parametrize("index", range(len(QUANTITIES)), ids=case_ids(QUANTITIES, "input"))
def test_quantity_js(js, index):
    case, got = QUANTITIES[index], js["quantities"][index]
    assert got == case["number"], describe_quantity(case, got)


@pytest.mark.parametrize("index", range(len(GLOBS)), ids=case_ids(GLOBS, "pattern"))
def test_glob_js(js, index):
    assert js["globs"][index] == GLOBS[index]["match"], GLOBS[index]


def test_js_glob_takes_linear_time():
    # 'id:*?*?*?*?*?*?*?*?*?*?!' against one 5,000-character id froze a browser tab for 19 s
    # when globs were regular expressions; the matcher takes about 100,000 steps
    node = node_path()
    if node is None:
        pytest.skip("Node.js is not installed, so vlmcatalog-query.js cannot be checked")
    try:
        run = subprocess.run(
            [node, str(HARNESS), str(QUERY_JS), "--stress"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("a pathological glob on a 5,000-character id took more than 30 s")
    stress = json.loads(run.stdout)
    assert stress["matched"] is False
    assert stress["ms"] < 2000, stress


# --------------------------------------------------------------------------- the cases themselves


def test_cases_name_every_field_and_alias():
    queries = " ".join(c["query"] for c in CASES)
    missing = [
        name
        for name in [*known_fields(), *ALIASES]
        if f"{name}:" not in queries and f"has:{name}" not in queries
    ]
    assert not missing, f"cases.json has no case for: {', '.join(missing)}"


def test_cases_use_every_operator_and_error():
    queries = [c["query"] for c in CASES]
    for op in (">=", "<=", ":>", ":<", "..", "-", '"', ",", "*", "?", "has:", "uses:", "text:"):
        assert any(op in q for q in queries), op
    messages = " ".join(c.get("error", "") for c in CASES)
    for message in (
        "unclosed quote",
        "missing field name",
        "unknown field",
        "did you mean",
        "missing value after",
        "missing number after",
        "is not a number",
        "empty value in",
        "is not a year",
        "names no field, link or relation",
    ):
        assert message in messages, message


# --------------------------------------------------------------------------- a catalog's own fields

CUSTOM_SPEC = json.loads((HERE / "query" / "custom-cases.json").read_text(encoding="utf-8"))
CUSTOM_CASES: list[dict[str, Any]] = CUSTOM_SPEC["cases"]


@pytest.fixture(scope="module")
def custom_catalog():
    result = load_catalog([HERE / "roots" / "test-custom-fields" / "catalog"])
    assert result.ok
    return result.catalog


def custom_result(catalog: Any, text: str) -> dict[str, Any]:
    try:
        query = parse_query(text, catalog.schema)
    except QueryError as exc:
        return {"error": exc.message, "column": exc.column}
    return {"ids": [e.id for e in select(catalog, query)]}


@pytest.mark.parametrize("case", CUSTOM_CASES, ids=case_ids(CUSTOM_CASES, "query"))
def test_custom_case_python(custom_catalog, case):
    got = custom_result(custom_catalog, case["query"])
    assert got == expected(case), describe(case, got)


@pytest.fixture(scope="module")
def custom_js(custom_catalog, tmp_path_factory) -> list[dict[str, Any]]:
    """The harness's results for the custom-field cases, with the page data a build writes."""
    node = node_path()
    if node is None:
        pytest.skip("Node.js is not installed, so vlmcatalog-query.js cannot be checked")
    schema = custom_catalog.schema
    data = {
        "meta": query_meta(schema),
        "entries": [entry_data(e, schema) for e in custom_catalog],
        "cases": CUSTOM_CASES,
        "quantities": [],
        "globs": [],
    }
    path = tmp_path_factory.mktemp("custom-query") / "data.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    run = subprocess.run(
        [node, str(HARNESS), str(QUERY_JS), str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, f"the harness failed:\n{run.stderr}"
    results: list[dict[str, Any]] = json.loads(run.stdout)["results"]
    assert len(results) == len(CUSTOM_CASES)
    return results


@pytest.mark.parametrize("index", range(len(CUSTOM_CASES)), ids=case_ids(CUSTOM_CASES, "query"))
def test_custom_case_js(custom_js, index):
    case, got = CUSTOM_CASES[index], custom_js[index]
    assert got == expected(case), describe(case, got)


def test_custom_cases_name_every_custom_field_and_relation(custom_catalog):
    queries = " ".join(c["query"] for c in CUSTOM_CASES)
    schema = custom_catalog.schema
    names = [f.name for f in schema.fields] + [r.name for r in schema.relations]
    missing = [n for n in names if f"{n}:" not in queries and f"has:{n}" not in queries]
    assert not missing, f"custom-cases.json has no case for: {', '.join(missing)}"
