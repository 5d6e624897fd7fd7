"""The bad-input corpus (``tests/corpus/``): every case states its exact problems and locations.

A case is one file (or a directory of files) under ``tests/corpus/<group>/``. Header comments say
what must happen::

    # expect: <subtype> <path>:<line>: <exact message>     (one line per problem, or "none")
    # good: <id> <id>                                       (entries of the case that must load)
    # pad-to: <bytes>                                       (pad the file with comment bytes)

YAML cases are added to the catalog of ``tests/corpus/root``; directive cases (``directives/``,
``.rst`` and ``.md`` with ``.. expect:`` or ``<!-- expect: -->`` headers) are added to that root
as ``case-<name>``. Each case is checked twice: by the pure loader (exact issue list), and by a
Sphinx build of the root, which must report the same messages as ``vlmcatalog.<subtype>`` warnings
at ``path:line`` and still render the good entries, with no markup injected from the data.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.catalog.schema_file import SCHEMA_FILE
from sphinx_vlmcatalog.catalog.validate import max_year
from util import html, warnings

CORPUS = Path(__file__).parent / "corpus"
ROOT_GOOD = ("corpus-paper", "corpus-model")
_HEADER = re.compile(r"^(?:#|\.\.|<!--)\s*(expect|good|pad-to):\s*(.*?)\s*(?:-->)?$")


@dataclass
class Case:
    """One corpus case: its files and what they promise."""

    group: str
    name: str
    files: list[Path]
    expect: list[tuple[str, str, int, str]] = field(default_factory=list)
    good: list[str] = field(default_factory=list)
    pad_to: int = 0

    @property
    def is_document(self) -> bool:
        return self.group == "directives"


def _read_header(case: Case) -> Case:
    for path in case.files:
        text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
        for line in text.splitlines():
            m = _HEADER.match(line)
            if m is None:
                continue
            key, value = m.groups()
            if key == "good":
                case.good += value.split()
            elif key == "pad-to":
                case.pad_to = int(value)
            elif value != "none":
                subtype, rest = value.split(" ", 1)
                where, message = rest.split(": ", 1)
                file, line_no = where.rsplit(":", 1)
                message = message.replace("{max_year}", str(max_year()))
                case.expect.append((subtype, file, int(line_no), message))
    assert case.expect or case.good, f"{case.name}: no expectations"
    return case


def collect() -> list[Case]:
    """Every case, ordered by group and name."""
    cases = []
    for group in sorted(p for p in CORPUS.iterdir() if p.is_dir() and p.name != "root"):
        for item in sorted(group.iterdir()):
            if item.is_dir():
                files = sorted(item.glob("*.yaml"))
            elif item.suffix in (".yaml", ".rst", ".md"):
                files = [item]
            else:
                continue
            cases.append(_read_header(Case(group.name, item.stem, files)))
    return cases


CASES = collect()
YAML_CASES = [c for c in CASES if not c.is_document]


def install(case: Case, dest: Path) -> Path:
    """A copy of the corpus root with the case added; returns the source directory."""
    src = dest / "src"
    shutil.copytree(CORPUS / "root", src)
    for path in case.files:
        if case.is_document:
            target = src / f"case-{path.name}"
        elif path.name == SCHEMA_FILE:  # a catalog's own fields: at the catalog's root
            target = src / "catalog" / SCHEMA_FILE
        elif len(case.files) > 1:
            target = src / "catalog" / path.parent.name / path.name
        else:
            target = src / "catalog" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        if case.pad_to:
            data += b"#" * (case.pad_to - len(data))
        target.write_bytes(data)
    return src


def _ids(cases: list[Case]) -> list[str]:
    return [f"{c.group}/{c.name}" for c in cases]


def test_corpus_size():
    groups: dict[str, int] = {}
    for case in CASES:
        groups[case.group] = groups.get(case.group, 0) + 1
    assert len(CASES) >= 40
    assert set(groups) >= {
        "malformed-yaml",
        "wrong-types",
        "required-fields",
        "duplicates",
        "references",
        "tags",
        "file-shape",
        "hostile-values",
        "directives",
        "nesting",
        "numbers",
        "control-characters",
        "partial-items",
        "yaml-typing",
        "files-and-ids",
    }


@pytest.mark.parametrize("case", YAML_CASES, ids=_ids(YAML_CASES))
def test_loader(case: Case, tmp_path: Path):
    src = install(case, tmp_path)
    result = load_catalog([src / "catalog"], base=src)
    got = [(i.subtype.value, i.where.path, i.where.line, i.message) for i in result.issues]
    want = [(s, f"catalog/{f}", line, m) for s, f, line, m in case.expect]
    assert got == want
    for key in (*ROOT_GOOD, *case.good):
        assert key in result.catalog, key


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_sphinx_build(case: Case, tmp_path: Path):
    src = install(case, tmp_path)
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
        log = warnings(app).replace(f"{src}/", "")
    finally:
        app.cleanup()
    prefix = "case-" if case.is_document else "catalog/"
    for subtype, file, line, message in case.expect:
        if subtype == "docutils":
            wanted = f"{prefix}{file}:{line}: ERROR: {message}"
        else:
            wanted = f"{prefix}{file}:{line}: WARNING: {message} [vlmcatalog.{subtype}]"
        assert wanted in log.splitlines(), log
    ours = [line for line in log.splitlines() if "[vlmcatalog." in line]
    assert len(ours) == sum(1 for e in case.expect if e[0] != "docutils"), log

    # the rest still renders: every good entry has a row and a card on the index page
    index = html(app, "index")
    for key in (*ROOT_GOOD, *case.good):
        assert index.select(f"tr.vlmcat-id-{key}"), key
        assert index.select(f"div.vlmcat-card.vlmcat-id-{key}"), key
    # ... with its title as text, whatever characters it holds
    loaded = load_catalog([src / "catalog"]).catalog
    text = _normal(index.get_text())
    for entry in loaded:
        assert _normal(entry.title) in text, entry.id
    pages = ["index"] + ([f"case-{case.files[0].stem}"] if case.is_document else [])
    for page in pages:
        assert_no_injection(html(app, page))
    if case.is_document:
        assert html(app, pages[1]).select("div.vlmcat-card.vlmcat-id-corpus-model")


def _normal(text: str) -> str:
    return " ".join(text.split())


def assert_no_injection(body: BeautifulSoup) -> None:
    """No elements or attributes in a page body that catalog data could have smuggled in."""
    # the scripts allowed are the reader's page data and the previews' data: inert JSON that
    # cannot close itself
    for data in body.find_all("script", id=["vlmcat-data", "vlmcat-previews-data"]):
        assert data.get("type") == "application/json"
        assert "</" not in data.string
        json.loads(data.string)
        data.decompose()
    assert not body.find_all(["script", "img", "svg", "iframe", "style", "object", "embed"])
    for tag in body.find_all(True):
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on"), (tag.name, attr)
            if attr in ("href", "src", "action", "formaction"):
                assert re.match(r"^(https?://|#|[\w./-]*(#.*)?$)", value), value
