"""The markup themes style: cards as sphinx-design writes its own (root ``test-themes``, no
browser).

``tests/test_themes.py`` looks at the same project in a browser, in every theme.
"""

from __future__ import annotations

import pytest

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


def test_latex_keeps_the_generic_cards(latex) -> None:
    assert warnings(latex) == ""
    tex = (latex.outdir / "themes.tex").read_text(encoding="utf-8")
    cards = tex.split(r"\begin{sphinxuseclass}{vlmcat-card}")[1:]
    assert len(cards) == 6
    # the HTML transform's classes and wrappers stay out (only the author's own grid has them)
    assert not any("sd-" in card.split(r"\end{sphinxuseclass}")[0] for card in cards)
