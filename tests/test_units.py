"""Unit tests without a Sphinx build: digests, config validation, the tree check itself."""

from __future__ import annotations

import dataclasses

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from conftest import check_parents
from sphinx_vlmcatalog.catalog.custom import BUILTIN
from sphinx_vlmcatalog.catalog.digest import (
    TAXONOMY_KEY,
    changed_keys,
    entry_digests,
    field_digests,
)
from sphinx_vlmcatalog.catalog.entries import Model, SourceRef
from sphinx_vlmcatalog.catalog.index import Catalog
from sphinx_vlmcatalog.config import VlmCatalogConfig, column_problem, config_fields


def catalog(*entries: Model) -> Catalog:
    return Catalog({e.id: e for e in entries})


def test_digest_ignores_position_but_sees_content_and_used_by() -> None:
    a = Model(id="a", kind="model", title="A", source=SourceRef("x.yaml", 1))
    b = Model(id="b", kind="model", title="B")
    old = entry_digests(catalog(a, b))
    moved = dataclasses.replace(a, source=SourceRef("y.yaml", 40), lines={"id": 40})
    assert changed_keys(old, entry_digests(catalog(moved, b))) == set()
    edited = dataclasses.replace(a, title="A2")
    assert changed_keys(old, entry_digests(catalog(edited, b))) == {"a"}
    # b now names a: a's "used by" list changes, so a counts as changed too
    relating = dataclasses.replace(b, relations={"builds_on": ("a",)})
    assert changed_keys(old, entry_digests(catalog(a, relating))) == {"a", "b"}
    assert changed_keys(old, entry_digests(catalog(a))) == {"b"}
    assert TAXONOMY_KEY in old


def test_known_field_digests_are_reused_per_file_and_used_by_still_counts() -> None:
    a = Model(id="a", kind="model", title="A", source=SourceRef("x.yaml", 1))
    b = Model(id="b", kind="model", title="B", source=SourceRef("y.yaml", 1))
    fresh = field_digests(catalog(a, b))
    assert fresh.keys() == {"x.yaml", "y.yaml"}
    # x.yaml is known unchanged: its digests are taken as given, y.yaml's are computed
    known = {"x.yaml": {"a": "given"}, "y.yaml-old": {"b": "stale"}}
    reused = field_digests(catalog(a, b), known)
    assert reused == {"x.yaml": {"a": "given"}, "y.yaml": fresh["y.yaml"]}
    # a relation from the changed file changes the unchanged entry's digest all the same
    relating = dataclasses.replace(b, relations={"builds_on": ("a",)})
    before = entry_digests(catalog(a, b), reused)
    after = entry_digests(catalog(a, relating), field_digests(catalog(a, relating), known))
    assert changed_keys(before, after) == {"a", "b"}


def test_config_fields_documented_and_defaults_valid() -> None:
    for f in config_fields():
        assert f.metadata["doc"]
        default = VlmCatalogConfig()
        assert f.metadata["validator"](getattr(default, f.name), BUILTIN) is None, f.name
    assert VlmCatalogConfig(path="a").paths == ["a"]


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("title+short", True),
        ("links", True),
        ("label", True),
        ("category", True),
        ("parameters", True),
        ("bogus", False),
    ],
)
def test_columns(name: str, ok: bool) -> None:
    assert (column_problem(name) is None) is ok


def test_tree_check_catches_orphans() -> None:
    doc = new_document("<test>", get_default_settings(Parser))
    para = nodes.paragraph("", "text")
    doc += para
    check_parents(None, doc, "ok")
    stray = nodes.Text("stray")
    stray.parent = para  # claims a parent that does not list it
    para.children.append(nodes.inline())
    para.children[-1].parent = None
    with pytest.raises(AssertionError, match="orphan"):
        check_parents(None, doc, "bad")


@pytest.mark.parametrize(
    ("short", "shown"),
    [("WIT", "Web Data (WIT). "), ("WIT (CLIP data)", "Web Data \N{EM DASH} WIT (CLIP data). ")],
)
def test_a_reference_names_the_short_name_without_nested_parentheses(short, shown) -> None:
    from sphinx_vlmcatalog.references import reference_paragraph

    entry = Model(id="wit", kind="model", title="Web Data", short=short)
    assert reference_paragraph(entry).astext() == shown


def test_a_cell_may_break_after_a_slash_inside_a_word_in_latex_only() -> None:
    from sphinx_vlmcatalog.tables.rows import cell_text

    (wrapper,) = cell_text("256M/500M/2.2B, ViT-L/14 and a / b")
    assert isinstance(wrapper, nodes.TextElement)  # so LaTeX writes the breaks inline
    pieces = wrapper.children
    assert [n.astext() for n in pieces if isinstance(n, nodes.Text)] == [
        "256M/",
        "500M/",
        "2.2B, ViT-L/",
        "14 and a / b",
    ]
    assert {n["format"] for n in pieces if isinstance(n, nodes.raw)} == {"latex"}
    assert cell_text("a / b") == [nodes.Text("a / b")]


def test_a_cell_may_break_after_an_underscore_inside_a_word() -> None:
    from sphinx_vlmcatalog.tables.rows import cell_text

    (wrapper,) = cell_text("EVA02_CLIP_E_psz14 and snake _ case")
    assert [n.astext() for n in wrapper.children if isinstance(n, nodes.Text)] == [
        "EVA02_",
        "CLIP_",
        "E_",
        "psz14 and snake _ case",
    ]
