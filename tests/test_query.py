"""The query language: parsing with positioned errors, evaluation, sorting and grouping."""

from __future__ import annotations

import pytest

from sphinx_vlmcatalog.catalog.fields import QueryError, suggest
from sphinx_vlmcatalog.catalog.globs import glob_match
from sphinx_vlmcatalog.catalog.loader import load_catalog
from sphinx_vlmcatalog.catalog.ordering import group_entries, parse_sort, sort_entries
from sphinx_vlmcatalog.catalog.quantities import integer, quantity
from sphinx_vlmcatalog.catalog.query import parse_query, select


@pytest.fixture(scope="module")
def catalog():
    from pathlib import Path

    result = load_catalog([Path(__file__).parent / "fixtures" / "catalog"])
    assert result.ok
    return result.catalog


def ids(entries):
    return [e.id for e in entries]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # files load in path order: datasets.yaml, models.yaml, papers/transfer.yaml
        (
            "",
            [
                "webimagetext",
                "imagenet-1k",
                "cifar-10",
                "winoground",
                "clip",
                "llava",
                "llava-1.5",
                "coop",
                "cocoop",
                "tpt",
                "flava",
            ],
        ),
        ("kind:model", ["clip", "llava", "llava-1.5"]),
        ("kind:paper,benchmark", ["winoground", "coop", "cocoop", "tpt", "flava"]),
        ("kind:paper year:2022 -venue:CVPR", ["coop", "tpt"]),
        ("category:transfer", ["coop", "cocoop", "tpt"]),  # descendants included
        ("category:transfer.prompt.text", ["coop", "cocoop", "tpt"]),
        ("category:pretraining -kind:model", ["flava"]),
        ("year:>=2023", ["llava", "llava-1.5"]),
        ("year:<2010", ["imagenet-1k", "cifar-10"]),
        ("year:2021..2022 kind:model", ["clip"]),
        ("year:..2009", ["imagenet-1k", "cifar-10"]),
        ("prompt", ["coop", "cocoop", "tpt"]),  # bare words search titles
        ('"instruction tuning"', ["llava", "llava-1.5"]),
        ('title:"Visual Instruction"', ["llava", "llava-1.5"]),
        ("-prompt kind:paper", ["flava"]),
        ("has:code", ["clip", "llava", "coop"]),
        ("-has:links kind:dataset", ["webimagetext", "cifar-10"]),
        ("uses:clip", ["llava", "llava-1.5", "coop"]),
        ("venue:cvpr", ["llava-1.5", "cocoop", "flava"]),  # case-insensitive
        ("venue:N*", ["llava", "tpt"]),
        ("parameters:>=7B", ["llava", "llava-1.5"]),
        ("classes:>100", ["imagenet-1k"]),
        ("classes:10", ["cifar-10"]),
        ("source:awesome-c", ["winoground"]),
        ("tag:none", []),
        ("author:radford", ["clip"]),
        ("short:llava", ["llava", "llava-1.5"]),
        ("label:CoOp", ["coop", "cocoop"]),
        ("top_category:transfer", ["coop", "cocoop", "tpt"]),
    ],
)
def test_select(catalog, query, expected):
    assert ids(select(catalog, query)) == expected


@pytest.mark.parametrize(
    ("query", "column", "message"),
    [
        ("kind:paper yaer:2020", 12, "unknown field 'yaer' (did you mean 'year'?)"),
        ("year:>=soon", 8, "'soon' is not a number"),
        ("year:2020..later", 12, "'later' is not a number"),
        ("year:abc", 6, "'abc' is not a year"),
        ("year:2021,soon", 6, "'soon' is not a year"),
        ("year:202*", 6, "'202*' is not a year"),
        ("kind:", 6, "missing value after 'kind:'"),
        (":x", 1, "missing field name before ':'"),
        ('title:"open', 7, "unclosed quote"),
        ("has:nothing", 5, "'has:nothing' names no field, link or relation"),
        ("-bogus:1", 2, "unknown field 'bogus'"),
        ("kind:a,,b", 6, "empty value in 'a,,b'"),
    ],
)
def test_query_errors(query, column, message):
    with pytest.raises(QueryError) as info:
        parse_query(query)
    assert info.value.message == message
    assert info.value.column == column
    assert str(info.value).endswith(f"(at column {column} of {query!r})")


def test_query_never_evaluates_python(catalog):
    # looks like code, is just an unknown field / a text search
    with pytest.raises(QueryError):
        parse_query("__import__('os').system:1")
    assert select(catalog, "__class__") == []


def test_sort_multi_key(catalog):
    entries = sort_entries(select(catalog, "kind:paper,model"), parse_sort("-year,title"))
    assert ids(entries) == ["llava-1.5", "llava", "cocoop", "coop", "flava", "tpt", "clip"]


def test_sort_numbers_numerically_and_empty_last(catalog):
    datasets = select(catalog, "kind:dataset")
    assert ids(sort_entries(datasets, parse_sort("classes"))) == [
        "cifar-10",
        "imagenet-1k",
        "webimagetext",
    ]
    assert ids(sort_entries(datasets, parse_sort("-classes"))) == [
        "imagenet-1k",
        "cifar-10",
        "webimagetext",
    ]
    models = select(catalog, "kind:model")
    assert ids(sort_entries(models, parse_sort("-parameters"))) == ["llava", "llava-1.5", "clip"]


def test_sort_is_stable(catalog):
    entries = select(catalog, "year:2022")
    assert ids(sort_entries(entries, parse_sort("year"))) == ids(entries)


def test_sort_errors():
    with pytest.raises(QueryError, match="unknown sort field 'yeer'"):
        parse_sort("title,yeer")
    with pytest.raises(QueryError) as info:
        parse_sort("title,,year")
    assert info.value.column == 7


def test_group_by_category_follows_taxonomy(catalog):
    groups = group_entries(select(catalog, "category:pretraining,transfer"), "categories", catalog)
    assert [(g.key, g.title, ids(g.entries)) for g in groups] == [
        ("pretraining.contrastive", "Contrastive objectives", ["clip"]),
        ("pretraining.generative", "Generative objectives", ["flava"]),
        ("transfer.prompt.text", "Text prompt tuning", ["coop", "cocoop", "tpt"]),
    ]


def test_group_by_year_and_missing(catalog):
    groups = group_entries(select(catalog, "kind:dataset"), "year", catalog)
    assert [(g.key, ids(g.entries)) for g in groups] == [
        ("2009", ["imagenet-1k", "cifar-10"]),
        ("2021", ["webimagetext"]),
    ]
    groups = group_entries(select(catalog, "kind:model"), "language_backbone", catalog)
    assert [(g.title, ids(g.entries)) for g in groups] == [
        ("Vicuna", ["llava"]),
        ("Other", ["clip", "llava-1.5"]),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7B", 7e9),
        ("~400M", 4e8),
        ("3B/7B/72B", 3e9),
        ("1,281,167", 1281167.0),
        (12, 12.0),
        ("128k", 128e3),
        ("none", None),
        ("4.5B x 74", 4.5e9),
    ],
)
def test_quantity(text, value):
    assert quantity(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1281167", 1281167),
        ("1,281,167", 1281167),
        (" 50,000 ", 50000),
        ("1,5", None),
        ("12,34", None),
        ("~1,000", None),
        ("1,000.5", None),
        ("7k", None),
        ("", None),
        ("\u0661\u0662", None),
    ],
)
def test_integer(text, value):
    assert integer(text) == value


def test_glob_takes_linear_time():
    # As regular expressions (fnmatch, or the filter box's old script), patterns like these
    # backtrack exponentially; the two-pointer matcher returns after a few hundred thousand steps.
    long = "a" * 20_000
    assert not glob_match("*?" * 10 + "!", long)
    assert not glob_match("*a" * 10 + "*b", long)
    assert glob_match("*a" * 10 + "*b", long + "b")


def test_glob_has_no_character_classes():
    assert glob_match("awesome-[ab]", "awesome-[ab]")
    assert not glob_match("awesome-[ab]", "awesome-a")


def test_parse_query_is_memoised():
    assert parse_query("kind:model -has:code") is parse_query("kind:model -has:code")
    assert parse_sort("-year,title") is parse_sort("-year,title")
    # errors are not remembered: each call raises again
    for _ in range(2):
        with pytest.raises(QueryError, match="unknown field"):
            parse_query("yaer:2020")
        with pytest.raises(QueryError, match="unknown sort field"):
            parse_sort("yeer")


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("yaer", "year"),
        ("Kind", "kind"),
        ("catgory", "category"),
        ("param", "parameters"),
        ("hsa", "has"),
        ("bogus", ""),
        ("x", ""),
    ],
)
def test_suggest(name, hint):
    candidates = ["kind", "year", "categories", "parameters", "category", "has"]
    assert suggest(name, candidates) == (f" (did you mean '{hint}'?)" if hint else "")


def test_select_with_wildcards_in_an_indexed_field(catalog):
    # kind is indexed; a pattern must not be looked up in the index as a literal kind
    assert ids(select(catalog, "kind:mod*")) == ["clip", "llava", "llava-1.5"]
