"""What validation keeps of hostile or careless values (the bad-input corpus, ``tests/corpus/``,
checks the messages and lines; these tests check the values that come out):

- a list or mapping with bad items keeps every good one;
- control characters are removed (tabs and line breaks kept), and a link with one refused;
- string fields take a scalar's text as written, not YAML 1.1's number or boolean;
- numbers are bounded, so sorting, queries and charts never meet one they cannot handle;
- patterns take ASCII digits only; reserved ids are refused.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinx_vlmcatalog import cli
from sphinx_vlmcatalog.catalog import cache, results, values
from sphinx_vlmcatalog.catalog.controls import clean_text
from sphinx_vlmcatalog.catalog.converters import as_list
from sphinx_vlmcatalog.catalog.entries import Entry
from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.catalog.ordering import parse_sort, sort_entries
from sphinx_vlmcatalog.catalog.query import select
from sphinx_vlmcatalog.catalog.schema import catalog_schema

CORPUS = Path(__file__).parent / "corpus"
ID_RULE = "(lowercase letters, digits, and -, _ or . between them)"


def entries(*names: str) -> dict[str, Entry]:
    """The entries that the corpus cases ``names`` (``group/case``) load."""
    result = load_catalog([CORPUS / f"{name}.yaml" for name in names])
    return dict(result.catalog.entries)


# -- one bad item loses only itself -----------------------------------------------------------


def test_good_items_are_kept() -> None:
    got = entries(
        "partial-items/links-one-bad",
        "partial-items/links-several-bad",
        "partial-items/authors-some-bad",
        "partial-items/relations-some-bad",
        "partial-items/lists-some-bad",
        "partial-items/points-some-bad",
        "partial-items/all-links-bad",
        "partial-items/checked-some-bad",
    )
    assert dict(got["l"].links) == {
        "code": "https://example.org/code",
        "project": "https://example.org/project",
    }
    assert dict(got["l2"].links) == {"code": "https://example.org/code"}
    assert got["n"].links == {}
    assert got["a"].authors == ("Ada Lovelace", "Grace Hopper")
    assert dict(got["r"].relations) == {"builds_on": ("base", "other"), "related": ("other",)}
    m = got["m"]
    assert m.categories == ("pretraining", "pretraining.contrastive")
    assert m.tags == ("fine", "also fine")
    assert m.get("modalities") == ("image", "text")
    assert [(s.list, s.section) for s in m.sources] == [("awesome-list", ""), ("y", "S")]
    assert got["t"].get("points") == ("A first point", "A third point")
    assert got["c"].checked == ("https://arxiv.org/abs/2103.00020 2026-12-04",)


def test_partial_names_the_good_and_every_bad_item() -> None:
    convert = as_list(values.as_id)
    with pytest.raises(values.Partial) as info:
        convert(["a", "B", "c", {"x": 1}, "a"])
    assert info.value.value == ("a", "c")
    assert [(str(p), p.at) for p in info.value.problems] == [
        ("item 2 'B' is not a valid id " + ID_RULE, (1,)),
        ("item 4 must be a string, got a mapping", (3,)),
    ]
    assert convert(["a", "b", "a"]) == ("a", "b")  # no problem: no Partial


# -- control characters -----------------------------------------------------------------------


def test_control_characters_are_removed_and_whitespace_is_kept() -> None:
    got = entries(
        "control-characters/title-controls",
        "control-characters/c1-controls",
        "control-characters/controls-in-items",
        "control-characters/line-breaks",
    )
    assert got["c"].title == "Title [31mwith ESC BEL DEL  SOH and  VT"
    assert got["c1"].venue == "CVPR"
    assert got["c1"].title == "C1 controls in a venue, and a next-line\x85 in the title"
    assert got["i"].authors == ("Ada", "Bob")
    assert dict(got["i"].links) == {"paper": "https://example.org/paper"}  # (the other refused)
    assert got["i"].sources[0].section == "Section"
    nl = got["nl"]
    assert nl.title == "A title with a line\nbreak,\ta tab, a CRLF\r\nand a next-line\x85 character"
    assert nl.short == "Short\tname"
    assert nl.authors == ("Ada\nLovelace",)
    assert nl.summary == "First paragraph.\n\nSecond paragraph,\twith a tab."


@pytest.mark.parametrize("code", [*range(0x20), *range(0x7F, 0xA0)])
def test_every_control_character_but_whitespace_is_removed(code: int) -> None:
    char = chr(code)
    text, removed = clean_text(f"a{char}b")
    if char in "\t\n\r\x85":  # (what YAML reads as whitespace and line breaks)
        assert (text, removed) == (f"a{char}b", "")
    else:
        assert (text, removed) == ("ab", char)
        with pytest.raises(values.BadValue, match="control characters"):
            values.check_link(f"https://example.org/a{char}b")


def test_text_without_controls_is_the_same_object() -> None:
    text = "A plain title — with Unicode,\tbut no controls"
    assert clean_text(text)[0] is text


# -- numbers and booleans in string fields ----------------------------------------------------


def test_string_fields_take_the_text_as_written() -> None:
    got = entries("yaml-typing/numbers-in-text-fields")
    v = got["v1_0"]
    assert (v.title, v.short, v.venue, v.get("parameters")) == ("3.10", "3.10", "0x1f", "1_000")
    assert v.tags == ("3.10", "0o17", ".inf", "no")
    assert v.authors == ("1e3", "2.50")
    assert (got["2021"].date, got["2021"].doi) == ("2021", "10.1234/5")
    assert (got["b"].title, got["b"].short, got["b"].year) == ("yes", "on", 2021)
    arxiv = entries("yaml-typing/arxiv-unquoted")
    assert arxiv["a"].arxiv == arxiv["b"].arxiv == "2103.00020"


# -- numbers are bounded ----------------------------------------------------------------------


def test_the_number_bound_is_exact() -> None:
    assert values.as_int(10**15 - 1) == 10**15 - 1
    with pytest.raises(values.BadValue, match="must be less than 10"):
        values.as_int(10**15)
    assert values.as_int("1,281,167") == 1281167
    assert values.as_int(" 1,000 ") == 1000
    for text in ("1,28", "1,0000", "１,０００", "1,000.5", "~1,000", "1,000k"):
        with pytest.raises(values.BadValue, match="must be an integer"):
            values.as_int(text)
    assert json.dumps(10**15 - 1) in json.dumps(catalog_schema())  # (editors see the bound)
    assert values.as_quantity("999T") == "999T"
    with pytest.raises(values.BadValue, match="states a number of 10"):
        values.as_quantity("1000T")


def test_huge_numbers_never_reach_queries_sorting_or_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [CORPUS / "numbers" / f"{name}.yaml" for name in ("huge-classes", "huge-quantity")]
    catalog = load_catalog(paths).catalog
    assert catalog.get("d").get("classes") is None
    assert [e.id for e in select(catalog, "classes:>5")] == []
    assert [e.id for e in select(catalog, "image_text_pairs:>5 parameters:>5")] == []
    keys = parse_sort("-classes,-train_size,-test_size,image_text_pairs,parameters")
    assert len(sort_entries(list(catalog), keys)) == len(catalog)
    for path in paths:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    for command in (
        ["query", "classes:>5", str(tmp_path), "--sort=-classes", "--columns", "id,classes"],
        ["query", "parameters:>5", str(tmp_path), "--sort=-parameters"],
        ["validate", str(tmp_path)],
        ["stats", str(tmp_path)],
    ):
        assert cli.main(command) in (0, 1)
        assert "Traceback" not in capsys.readouterr().err


def test_a_forged_cache_cannot_bring_in_a_huge_number(tmp_path: Path) -> None:
    path = CORPUS / "numbers" / "huge-classes.yaml"
    cache_dir = tmp_path / "cache"
    load_catalog([path], cache_dir=cache_dir)
    [stored] = cache_dir.glob("*.json")
    data = json.loads(stored.read_text(encoding="utf-8"))
    data["entries"][0][0]["classes"] = 10**400
    stored.write_text(json.dumps(data), encoding="utf-8")
    assert results.from_data(data, "x.yaml") is None
    again = load_catalog([path], cache_dir=cache_dir)  # a miss: validated again
    assert again.catalog.get("d").get("classes") is None
    assert cache.FORMAT.endswith("-4")


# -- ASCII digits and reserved ids ------------------------------------------------------------


@pytest.mark.parametrize(
    ("convert", "text"),
    [
        (values.as_arxiv, "２１０３.０００２０"),
        (values.as_arxiv, "٢١٠٣.٠٠٠٢٠"),
        (values.as_arxiv, "cs/０１１２０１７"),
        (values.as_doi, "10.１２３４/abc"),
        (values.as_date, "２０２１-01-02"),
        (values.as_date, "2021-０１"),
        (values.as_date, "2021-01-٠٢"),
    ],
)
def test_patterns_take_ascii_digits_only(convert: values.Converter, text: str) -> None:
    with pytest.raises(values.BadValue):
        convert(text)
    # (and the patterns end at the end: ``$`` alone would let a final newline through)
    assert values.ARXIV_RE.fullmatch("2103.00020\n") is None
    assert values.ID_RE.fullmatch("clip\n") is None


@pytest.mark.parametrize("name", [*sorted(values.RESERVED_IDS), "con.v2", "nul.x", "lpt1.a-b"])
def test_reserved_ids_are_refused(name: str) -> None:
    with pytest.raises(values.BadValue, match="is reserved"):
        values.as_entry_id(name)


@pytest.mark.parametrize("name", ["indexes", "self-attention", "console", "com10", "search.v2"])
def test_ids_that_only_look_reserved_are_fine(name: str) -> None:
    assert values.as_entry_id(name) == name
