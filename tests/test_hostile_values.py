"""What validation keeps of hostile or careless values (the bad-input corpus, ``tests/corpus/``,
checks the messages and lines; these tests check the values that come out):

- a list or mapping with bad items keeps every good one;
- control characters are removed, tabs and line breaks become spaces in one-line fields;
- string fields take a scalar's text as written, not YAML 1.1's number or boolean;
- numbers are bounded, so sorting, queries and charts never meet one they cannot handle;
- patterns take ASCII digits only; reserved ids are refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_vlmcatalog.catalog import values
from sphinx_vlmcatalog.catalog.converters import as_list
from sphinx_vlmcatalog.catalog.entries import Entry
from sphinx_vlmcatalog.catalog.loader import load_catalog

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
