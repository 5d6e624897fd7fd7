"""BibTeX export, read back with a real BibTeX parser (bibtexparser v2), and the JSON export
schema."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from bibtexparser import middlewares

from sphinx_vlmcatalog.catalog.entries import Dataset, Paper, Resource
from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.catalog.schema import export_schema
from sphinx_vlmcatalog.export.bibtex import export_bibtex
from sphinx_vlmcatalog.export.json import export_json

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "catalog"

#: the inverse of the exporter's escapes, for checking what a LaTeX run would print
_UNESCAPE = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\%": "%",
    r"\&": "&",
    r"\#": "#",
    r"\_": "_",
    r"\$": "$",
}
_TOKEN = re.compile("|".join(re.escape(k) for k in _UNESCAPE) + r"|[{}]")


def latex_text(value: str) -> str:
    """What LaTeX typesets for a field value: escapes decoded, grouping braces dropped."""
    return _TOKEN.sub(lambda m: _UNESCAPE.get(m.group(), ""), value)


def parse(text: str) -> bibtexparser.Library:
    lib = bibtexparser.parse_string(text, append_middleware=[middlewares.SeparateCoAuthors()])
    assert not lib.failed_blocks, [b.error for b in lib.failed_blocks]
    return lib


@pytest.fixture(scope="module")
def catalog():
    return load_catalog([CATALOG]).catalog


@pytest.fixture(scope="module")
def library(catalog):
    return parse(export_bibtex(list(catalog)))


def test_every_citable_entry_has_one_record(catalog, library) -> None:
    keys = [e.key for e in library.entries]
    assert len(keys) == len(set(keys))
    expected = [e.id for e in catalog if e.kind != "topic"]
    assert keys == expected


def test_records_carry_the_catalog_fields(catalog, library) -> None:
    for record in library.entries:
        entry = catalog.get(record.key)
        assert latex_text(record["title"]) == " ".join(entry.title.split())
        if entry.authors:
            assert [latex_text(a) for a in record["author"]] == list(entry.authors)
        if entry.year:
            assert record["year"] == str(entry.year)
        if entry.arxiv:
            assert record["eprint"] == entry.arxiv
            assert record["archiveprefix"] == "arXiv"
        assert "url" in record.fields_dict or "eprint" in record.fields_dict or not entry.links


def test_record_types_follow_the_venue(library) -> None:
    types = {e.key: e.entry_type for e in library.entries}
    assert types["clip"] == "inproceedings"  # ICML
    by_key = {e.key: e for e in library.entries}
    assert by_key["clip"]["booktitle"] == "ICML"
    arxiv = next(e for e in library.entries if e.get("eprint") and e.entry_type == "misc")
    assert arxiv["archiveprefix"] == "arXiv"
    journal = [e for e in library.entries if e.entry_type == "article"]
    assert journal and all("journal" in e.fields_dict for e in journal)


HOSTILE = [
    "Braces {open and close} and } { unbalanced",
    "100% of $5 & #1 a_b ~x ^y \\back \\textbf{no}",
    "中文标题: 视觉语言模型 and emoji 🤖🖼️",
    "@misc{evil, title={x}} % not a comment",
    "Trailing backslash \\",
]


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_titles_round_trip(title: str) -> None:
    entries = [
        Paper(
            id="hostile",
            kind="paper",
            title=title,
            authors=("Zoë {Q} Ng", "R&D Team"),
            venue="A&B #1",
            year=2024,
        ),
        Paper(id="after", kind="paper", title="The record after it", year=2023),
    ]
    lib = parse(export_bibtex(entries))
    assert [e.key for e in lib.entries] == ["hostile", "after"]
    record = lib.entries[0]
    assert latex_text(record["title"]) == title
    assert [latex_text(a) for a in record["author"]] == ["Zoë {Q} Ng", "R&D Team"]
    assert latex_text(record["booktitle"]) == "A&B #1"
    assert latex_text(lib.entries[1]["title"]) == "The record after it"


def test_capitals_are_protected_and_kinds_mapped() -> None:
    entries = [
        Resource(
            id="book",
            kind="resource",
            title="Deep Learning",
            resource_type="book",
            publisher="MIT Press",
            year=2016,
        ),
        Dataset(
            id="laion",
            kind="dataset",
            title="LAION-5B",
            year=2022,
            links={"paper": "https://example.org/a_b{c}"},
        ),
        Paper(id="tp", kind="paper", title="x", venue="TPAMI", year=2022, doi="10.1/abc"),
    ]
    lib = parse(export_bibtex(entries))
    book, laion, tp = lib.entries
    assert (book.entry_type, book["publisher"]) == ("book", "MIT Press")
    assert book["title"] == "{Deep} {Learning}"
    assert laion.entry_type == "misc" and laion["url"] == "https://example.org/a_b%7Bc%7D"
    assert (tp.entry_type, tp["journal"], tp["doi"]) == ("article", "TPAMI", "10.1/abc")


def test_cli_bibtex_format(tmp_path: Path) -> None:
    out = tmp_path / "catalog.bib"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_vlmcatalog",
            "export",
            "--format",
            "bibtex",
            str(CATALOG),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert parse(out.read_text(encoding="utf-8")).entries


def test_json_export_validates_against_its_schema(catalog) -> None:
    schema = export_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = json.loads(export_json(list(catalog), list(catalog.categories.values())))
    jsonschema.Draft202012Validator(schema).validate(doc)
    bad = {**doc, "entries": [{**doc["entries"][0], "tags": "not-a-list"}]}
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)
