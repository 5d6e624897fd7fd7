"""Entry previews in the build: which links are marked, the data each page carries, the off
switch, and formats other than HTML left alone. The script is tested in a real browser in
``test_previews_browser.py``."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from sphinx_vlmcatalog.previews.data import first_sentence, one_line_summary, safe_url
from util import build_once, make_app_copy, warnings

HOSTILE_TITLE = "Hostile <script>alert(1)</script> & 100% _x_ #1 $5 {a} \\back ^caret ~tilde 中文"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_once("test-basic", tmp_path_factory.mktemp("previews") / "src")


def page(app: Any, name: str) -> str:
    return (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")


def data(text: str) -> dict[str, Any]:
    soup = BeautifulSoup(text, "html.parser")
    (script,) = soup.select("script#vlmcat-previews-data")
    assert script["type"] == "application/json"
    return json.loads(script.string)  # type: ignore[no-any-return]


def mentions(text: str) -> dict[str, str]:
    """Each mention's entry id, by the text of its link."""
    soup = BeautifulSoup(text, "html.parser")
    found = {}
    for a in soup.select("a.vlmcat-mention"):
        prefix = "vlmcat-mention-"
        (key,) = [c[len(prefix) :] for c in a["class"] if c.startswith(prefix)]
        found[a.get_text()] = key
    return found


# ---------------------------------------------------------------------- the one-line summary


def test_first_sentence_skips_abbreviations_and_initials() -> None:
    assert first_sentence("Trains on web data. Then tunes.") == "Trains on web data."
    assert first_sentence("Uses e.g. CLIP features. More.") == "Uses e.g. CLIP features."
    assert first_sentence("By A. Radford et al. on pairs. X") == "By A. Radford et al. on pairs."
    assert first_sentence("One line\n\nonly") == "One line only"


def test_long_summaries_are_cut_at_a_word() -> None:
    text = "word " * 60
    short = one_line_summary(text, 40)
    assert short.endswith("…") and len(short) <= 40
    assert short[:-1].split() == ["word"] * len(short[:-1].split())
    assert one_line_summary("Short. Second.") == "Short."


def test_only_http_links_are_kept() -> None:
    assert safe_url("https://a.org/x") == "https://a.org/x"
    assert safe_url("javascript:alert(1)") == ""
    assert safe_url("//a.org") == ""
    assert safe_url(None) == ""


# ---------------------------------------------------------------------- the build


def test_each_kind_of_mention_is_marked(built: Any) -> None:
    prose = mentions(page(built, "prose"))
    assert prose["CLIP"] == "clip"  # {vlm}
    assert prose["the CLIP paper"] == "clip"  # {vlm} with a title
    assert prose["LLaVA-1.5"] == "llava-1.5"  # {vlm:model}
    assert prose["webimagetext"] == "webimagetext"  # {any}
    tables = mentions(page(built, "tables"))
    assert tables["CLIP"] == "clip"  # a table title, linking to the vlm-entry block
    cards = mentions(page(built, "cards"))
    assert cards["CLIP"] == "clip"  # a card title linking to the entry's home elsewhere
    entries = mentions(page(built, "entries"))
    assert entries["WebImageText"] == "webimagetext"  # a relation in an entry block


def test_a_rendering_linking_to_its_paper_gets_no_preview(built: Any) -> None:
    # LLaVA's card is its place, so its title links to the paper: the reader is looking at it
    soup = BeautifulSoup(page(built, "cards"), "html.parser")
    title = soup.select_one("#vlmcat-llava a")
    assert title is not None and title["href"].startswith("https://arxiv.org/")
    assert "vlmcat-mention" not in title["class"]


@pytest.mark.parametrize("name", ["prose", "tables", "cards", "lists", "entries"])
def test_each_page_carries_the_entries_it_mentions_only(built: Any, name: str) -> None:
    text = page(built, name)
    assert set(data(text)) == set(mentions(text).values())
    assert "_static/vlmcatalog-previews.js" in text
    assert "_static/vlmcatalog-previews.css" in text


def test_pages_without_mentions_have_no_previews(built: Any) -> None:
    text = page(built, "index")
    assert "vlmcat-previews-data" not in text and "vlmcatalog-previews.js" not in text


def test_preview_data_is_plain_text_and_cannot_end_its_script(built: Any) -> None:
    text = page(built, "prose")
    script = text[text.index('id="vlmcat-previews-data"') :]
    script = script[: script.index("</script>")]
    assert "<" not in script.split(">", 1)[1] and "&" not in script.split(">", 1)[1]
    hostile = data(text)["hostile"]
    assert hostile["title"] == HOSTILE_TITLE
    assert hostile["summary"] == "Costs $5 & 10% {braces} \\textbf{no} <b>no</b>"
    assert hostile["paper"] == "https://example.org/a_b%20c#frag"
    clip = data(text)["clip"]
    assert clip == {
        "title": "Learning Transferable Visual Models From Natural Language Supervision",
        "short": "CLIP",
        "kind": "model",
        "authors": "Alec Radford and Jong Wook Kim",
        "venue": "ICML",
        "year": "2021",
        "summary": "Contrastive pre-training on 400M image-text pairs.",
        "paper": "https://arxiv.org/abs/2103.00020",
        "code": "https://github.com/openai/CLIP",
    }


def test_previews_can_be_switched_off(tmp_path: Path) -> None:
    app = build_once("test-basic", tmp_path / "src", confoverrides={"vlmcatalog_previews": False})
    for name in ("prose", "tables", "cards", "lists", "entries"):
        text = page(app, name)
        assert "vlmcat-mention" not in text
        assert "vlmcat-previews-data" not in text and "vlmcatalog-previews" not in text
    assert warnings(app) == ""


def test_an_invalid_value_warns_and_keeps_previews(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", src)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('vlmcatalog_previews = "no"\n')
    app = build_once("test-basic", src)
    assert "invalid vlmcatalog_previews = 'no'" in warnings(app)
    assert "vlmcat-previews-data" in page(app, "prose")


def test_epub_has_no_previews(tmp_path: Path) -> None:
    app = build_once("test-basic", tmp_path / "src", "epub")
    text = (Path(app.outdir) / "prose.xhtml").read_text(encoding="utf-8")
    assert "vlmcat-mention" not in text and "vlmcat-previews" not in text


def test_latex_is_the_same_with_previews_on_and_off(tmp_path: Path) -> None:
    texts = []
    for value in (True, False):
        app = build_once(
            "test-basic",
            tmp_path / f"src-{value}",
            "latex",
            confoverrides={"vlmcatalog_previews": value},
        )
        texts.append((Path(app.outdir) / "basic.tex").read_text(encoding="utf-8"))
    assert texts[0] == texts[1]
    assert "mention" not in texts[0]


def test_an_edited_summary_reaches_every_page_that_mentions_it(tmp_path: Path) -> None:
    src = tmp_path / "src"
    app = make_app_copy("test-basic", src)
    try:
        app.build()
    finally:
        app.cleanup()
    models = src / "catalog" / "models.yaml"
    text = models.read_text(encoding="utf-8")
    old = "summary: Contrastive pre-training on 400M image-text pairs."
    models.write_text(text.replace(old, "summary: Changed. Second sentence."), encoding="utf-8")
    app = make_app_copy("test-basic", src)
    try:
        app.build()
    finally:
        app.cleanup()
    for name in ("prose", "tables", "cards", "entries"):
        assert data(page(app, name))["clip"]["summary"] == "Changed.", name
    assert re.search(r"vlmcat-mention-clip", page(app, "prose"))


def test_a_single_page_carries_every_entry_it_mentions(tmp_path: Path) -> None:
    app = build_once("test-basic", tmp_path / "src", "singlehtml")
    text = page(app, "index")
    assert set(data(text)) == set(mentions(text).values()) >= {"clip", "hostile", "llava"}
    assert "_static/vlmcatalog-previews.js" in text
