"""The markup themes style: cards as sphinx-design writes its own, tables in their own box, numbers
written for reading and sorted by their largest value (root ``test-themes``, no browser).

``tests/test_themes.py`` looks at the same project in a browser, in every theme.
"""

from __future__ import annotations

import json

import pytest

from sphinx_vlmcatalog.tables.directive import group_digits, is_count_column, largest_quantity
from util import html, make_app_copy, warnings


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    app = make_app_copy("test-themes", tmp_path_factory.mktemp("theme-markup") / "src")
    app.build()
    # cleaned up at once: an app made by another test of this module, in any order,
    # must not meet this one's docutils registrations
    app.cleanup()
    return app


@pytest.fixture(scope="module")
def latex(tmp_path_factory):
    app = make_app_copy("test-themes", tmp_path_factory.mktemp("theme-latex") / "src", "latex")
    app.build()
    app.cleanup()
    return app


def test_build_is_clean(built) -> None:
    assert warnings(built) == ""


def skeleton(element, depth: int) -> list[tuple[str, tuple[str, ...]]]:
    """The tag and ``sd-*``/``docutils``/``container`` classes of ``element`` and its first
    descendants, ``depth`` levels down (the first child element each time)."""
    chain = []
    for _ in range(depth):
        classes = tuple(
            c
            for c in element.get("class", [])
            if c.startswith("sd-") or c in ("docutils", "container")
        )
        chain.append((element.name, classes))
        element = element.find(True, recursive=False)
    return chain


def test_card_grid_is_written_as_sphinx_design_writes_its_own(built) -> None:
    page = html(built, "cards")
    ours = page.find(id="model-cards")
    theirs = page.select("div.sd-container-fluid")[-1]  # the plain sphinx-design grid
    assert "vlmcat-cards" not in theirs["class"]
    # grid > row > column > card > body: the same elements and classes, "1 2 3 3" both
    assert skeleton(ours, 5) == skeleton(theirs, 5)
    assert skeleton(ours, 5)[3] == (
        "div",
        ("sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "docutils"),
    )


def test_no_container_class_on_cards_or_on_sphinx_designs_own_grid(built) -> None:
    # docutils writes a container as class="container", which Bootstrap (pydata, book) and furo
    # restyle: unequal cards, no gutters, no padding. Neither our cards nor an author's own
    # sphinx-design grid (whose container visitor we used to replace) may carry it.
    page = html(built, "cards")
    assert page.select(".container") == []


def test_cards_are_named_groups_with_a_plain_title(built) -> None:
    page = html(built, "cards")
    cards = page.select("div.vlmcat-card")
    assert len(cards) == 6
    for card in cards:
        assert card["role"] == "group"
        title = card.select_one(".sd-card-body > p.sd-card-title")
        assert title is not None
        assert "rubric" not in title["class"]  # themes style p.rubric as a heading
        assert card["aria-label"] == title.get_text(strip=True)
    single = cards[-1]
    assert "sd-mb-3" in single["class"]
    assert single.find_parent(class_="sd-col") is None
    assert [b.get_text() for b in single.select(".sd-badge")] == ["paper", "ICML", "2022"]
    # the kind on sphinx-design's primary colour, venue and year outlined in the text's colour
    kind, venue, year = single.select(".sd-badge")
    assert "sd-bg-primary" in kind["class"]
    assert "vlmcat-badge-plain" in venue["class"]
    assert "vlmcat-badge-plain" in year["class"]
    assert not any(c.startswith("sd-bg-") for c in venue["class"] + year["class"])


def test_latex_keeps_the_generic_cards_and_bare_tables(latex) -> None:
    assert warnings(latex) == ""
    tex = (latex.outdir / "themes.tex").read_text(encoding="utf-8")
    cards = tex.split(r"\begin{sphinxuseclass}{vlmcat-card}")[1:]
    assert len(cards) == 6
    # the HTML transform's classes and wrappers stay out (only the author's own grid has them)
    assert not any("sd-" in card.split(r"\end{sphinxuseclass}")[0] for card in cards)
    assert "vlmcat-table-box" not in tex
    assert "1,281,167" in tex  # numbers read alike in both formats


def test_each_table_in_its_own_scroll_box(built) -> None:
    page = html(built, "tables")
    tables = page.select("table.vlmcat-table")
    assert len(tables) == 3
    for table in tables:
        scroller = table.parent
        assert scroller.name == "div"
        assert scroller["class"] == ["vlmcat-scroll"]
        assert scroller["role"] == "group"
        assert scroller["aria-label"] == table.caption.select_one(".caption-text").get_text()
        box = scroller.parent
        assert box["class"] == ["vlmcat-table-box"]
        assert not box.get("id")  # the table keeps its id; the box takes no copy
    ids = [e["id"] for e in page.select("[id]")]
    assert len(ids) == len(set(ids))


def test_widths_given_and_long_columns_marked(built) -> None:
    page = html(built, "tables")
    widths = page.find("table", id="tbl-widths")
    assert "vlmcat-widths-given" in widths["class"]
    assert [c["style"] for c in widths.select("colgroup col")] == [
        "width: 30.0%",
        "width: 10.0%",
        "width: 12.0%",
        "width: 14.0%",
        "width: 12.0%",
        "width: 22.0%",
    ]
    wide = page.find("table", id="tbl-wide")
    assert "vlmcat-widths-given" not in wide["class"]
    assert wide.find("colgroup") is None
    long = [th.get_text(strip=True) for th in wide.select("th.vlmcat-long")]
    assert long == ["Title"]


def test_large_numbers_are_grouped_and_sort_as_numbers(built) -> None:
    page = html(built, "tables")
    widths = page.find("table", id="tbl-widths")
    imagenet = [td.get_text(strip=True) for td in widths.select("tr.vlmcat-id-imagenet-1k td")]
    assert imagenet[1:5] == ["2009", "1,000", "1,281,167", "50,000"]  # never "2,009"
    data = json.loads(page.find("script", id="vlmcat-data").string)
    keys = dict(data["tables"]["tbl-widths"]["rows"])
    assert keys["imagenet-1k"][:5] == [None, 2009, 1000, 1281167, 50000]


def test_ranges_sort_by_their_largest_value(built) -> None:
    data = json.loads(html(built, "tables").find("script", id="vlmcat-data").string)
    table = data["tables"]["tbl-wide"]
    column = table["columns"].index("parameters")
    keys = {key: sorts[column] for key, sorts in table["rows"]}
    assert keys["qwen2.5-vl"] == 72e9  # 3B/7B/72B
    assert keys["internvl"] == 20e9  # 7B/20B
    assert keys["smolvlm"] == 500e6  # 250M & 500M
    assert keys["clip"] == 400e6  # ~400M


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("3B/7B/72B", 72e9),
        ("1B/4B/12B/27B", 27e9),
        ("11B-90B", 90e9),
        ("13B - 70B", 70e9),
        ("2\u20133B", 3e9),
        ("7B to 13B", 13e9),
        ("250M & 500M", 500e6),
        ("7/13B", 13e9),
        ("~400M", 400e6),
        ("4.5B x 74", 4.5e9),  # one size, described
        ("7B-Chat", 7e9),  # a name, not a range
        ("1,281,167", 1281167.0),  # thousands, not a list
        (1281167, 1281167.0),
        ("ViT-L/14", None),  # not a number, whatever follows
        ("about 7B/13B", None),
        ("", None),
        (None, None),
    ],
)
def test_largest_quantity(value, key) -> None:
    assert largest_quantity(value) == key


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1281167, "1,281,167"),
        ("1281167", "1,281,167"),
        ("1,281,167", "1,281,167"),
        (1000, "1,000"),
        (999, "999"),
        ("400M", None),
        ("~1.2B", None),
        (3.5, None),
        (True, None),
        ("1,2", None),
    ],
)
def test_group_digits(value, text) -> None:
    assert group_digits(value) == text


def test_count_columns() -> None:
    assert all(is_count_column(c) for c in ("classes", "train_size", "test_size", "size"))
    assert not any(is_count_column(c) for c in ("year", "title", "label", "title+short", "links"))
