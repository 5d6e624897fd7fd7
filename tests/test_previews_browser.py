"""Entry previews in a real browser: pointer, keyboard, touch, layout and hostile values.

Drives Debian's chromium through Playwright (never ``playwright install``) over
``tests/roots/test-basic`` built with furo and served from 127.0.0.1 (and once opened from
``file://``). Screenshots go to ``tests/_artifacts/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from util import build_once, served

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "_artifacts"
HOSTILE_TITLE = "Hostile <script>alert(1)</script> & 100% _x_ #1 $5 {a} \\back ^caret ~tilde 中文"
CLIP_TITLE = "Learning Transferable Visual Models From Natural Language Supervision"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api")

CARD = "#vlmcat-preview"
#: the box of every element of the page's text (the same elements each time), to compare
#: before and after a card opens
BOXES = """() => {
    window.vlmElements = window.vlmElements || Array.from(
        document.querySelectorAll('article *, [role=main] *')
    ).filter(e => !e.closest('#vlmcat-preview'));
    return window.vlmElements.map(e => {
        const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height];
    });
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("furo")
    app = build_once(
        "test-basic",
        tmp_path_factory.mktemp("previews-browser") / "src",
        confoverrides={"html_theme": "furo"},
    )
    return Path(app.outdir)


@pytest.fixture(scope="module")
def site_url(site: Path) -> Any:
    with served(site) as url:
        yield url


def new_page(browser: Any, **options: Any) -> Any:
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
    page = context.new_page()
    page.vlm_errors = []
    page.on("pageerror", lambda exc: page.vlm_errors.append(str(exc)))
    page.on("dialog", lambda dialog: page.vlm_errors.append("dialog: " + dialog.message))
    return page


@pytest.fixture
def page(browser: Any) -> Any:
    page = new_page(browser)
    yield page
    page.context.close()
    assert page.vlm_errors == []


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"preview-{name}.png"))


def card_text(page: Any) -> dict[str, str]:
    return page.eval_on_selector(
        CARD,
        "c => Object.fromEntries(Array.from(c.children).map(p => [p.className, p.textContent]))",
    )


def mention(page: Any, key: str, inside: str = "") -> Any:
    return page.locator(f"{inside} a.vlmcat-mention-{key}".strip()).first


def test_hovering_a_vlm_link_shows_its_entry(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/prose.html")
    clip = mention(page, "clip", "p")
    assert clip.get_attribute("title") is None  # the card replaces the tooltip
    clip.hover()
    page.wait_for_selector(CARD, state="visible")
    text = card_text(page)
    assert text["vlmcat-preview-title"] == CLIP_TITLE
    assert text["vlmcat-preview-short"] == "CLIP"
    assert text["vlmcat-preview-meta"] == "model · ICML · 2021"
    assert text["vlmcat-preview-authors"] == "Alec Radford and Jong Wook Kim"
    assert text["vlmcat-preview-summary"] == "Contrastive pre-training on 400M image-text pairs."
    links = page.eval_on_selector_all(f"{CARD} a", "as => as.map(a => [a.textContent, a.href])")
    assert links == [
        ["Paper", "https://arxiv.org/abs/2103.00020"],
        ["Code", "https://github.com/openai/CLIP"],
    ]
    assert clip.get_attribute("aria-expanded") == "true"
    assert clip.get_attribute("aria-describedby") == "vlmcat-preview"
    shot(page, "vlm-link")
    # the card stays while the pointer moves onto it, so its links can be clicked
    page.hover(f"{CARD} .vlmcat-preview-links a")
    page.wait_for_timeout(600)
    assert page.is_visible(CARD)
    page.mouse.move(5, 5)
    page.wait_for_selector(CARD, state="hidden")
    assert clip.get_attribute("aria-expanded") is None  # (not "collapsed" on every link)
    assert clip.get_attribute("aria-describedby") is None


def test_hovering_a_table_title_and_a_card_title(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/tables.html")
    mention(page, "clip", "td").hover()
    page.wait_for_selector(CARD, state="visible")
    assert card_text(page)["vlmcat-preview-title"] == CLIP_TITLE
    page.goto(f"{site_url}/cards.html")
    mention(page, "clip", ".vlmcat-card-title").hover()
    page.wait_for_selector(CARD, state="visible")
    assert card_text(page)["vlmcat-preview-short"] == "CLIP"
    shot(page, "card-title")


def test_keyboard_focus_shows_it_tab_enters_it_and_escape_hides_it(
    page: Any, site_url: str
) -> None:
    page.goto(f"{site_url}/prose.html")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('vlmcat-mention-clip')"):
            break
    else:
        pytest.fail("Tab never reached the CLIP mention")
    page.wait_for_selector(CARD, state="visible")
    assert card_text(page)["vlmcat-preview-title"] == CLIP_TITLE
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Paper"
    assert page.is_visible(CARD)
    page.keyboard.press("Escape")
    page.wait_for_selector(CARD, state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('vlmcat-mention-clip')")
    # tabbing on leaves the card closed behind
    page.keyboard.press("Tab")
    page.wait_for_timeout(500)
    assert page.evaluate("document.activeElement.closest('#vlmcat-preview')") is None


def test_touch_first_tap_shows_second_tap_follows(browser: Any, site_url: str) -> None:
    page = new_page(browser, has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{site_url}/prose.html")
        clip = mention(page, "clip", "p")
        clip.tap()
        page.wait_for_selector(CARD, state="visible")
        assert page.url.endswith("/prose.html")
        opener = page.locator(f"{CARD} a.vlmcat-preview-open")
        assert opener.text_content() == "Open →"
        assert opener.get_attribute("href") == clip.get_attribute("href")
        shot(page, "touch")
        page.tap("h1")  # elsewhere: closes
        page.wait_for_selector(CARD, state="hidden")
        clip.tap()
        page.wait_for_selector(CARD, state="visible")
        clip.tap()
        page.wait_for_url("**/entries.html#vlm-clip")
        assert page.vlm_errors == []
    finally:
        page.context.close()


def test_opening_a_card_moves_nothing(page: Any, site_url: str) -> None:
    for name, key, inside in [("prose", "clip", "p"), ("tables", "clip", "td")]:
        page.goto(f"{site_url}/{name}.html")
        link = mention(page, key, inside)
        link.scroll_into_view_if_needed()
        before = page.evaluate(BOXES)
        link.hover()
        page.wait_for_selector(CARD, state="visible")
        assert page.evaluate(BOXES) == before, name


def test_on_a_phone_the_card_stays_inside_and_flips_above(browser: Any, site_url: str) -> None:
    page = new_page(browser, viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{site_url}/prose.html")
        for key in ("clip", "hostile"):
            link = mention(page, key, "p")
            link.hover()
            page.wait_for_selector(CARD, state="visible")
            box = page.locator(CARD).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, key
            assert box["y"] >= 0 and box["y"] + box["height"] <= 844, key
            page.mouse.move(1, 1)
            page.wait_for_selector(CARD, state="hidden")
        # a mention near the bottom of the window: the card opens above it
        # a mention near the bottom of the window (the text starts lower, as in a long
        # chapter): the card opens above it
        link = mention(page, "clip", "p")
        link.evaluate("a => { a.closest('article').style.paddingTop = '900px'; }")
        link.evaluate("a => window.scrollBy(0, a.getBoundingClientRect().bottom - 830)")
        link.hover()
        page.wait_for_selector(CARD, state="visible")
        box, anchor = page.locator(CARD).bounding_box(), link.bounding_box()
        assert box["y"] + box["height"] <= anchor["y"]
        assert box["y"] >= 0
        shot(page, "phone-above")
        assert page.vlm_errors == []
    finally:
        page.context.close()


def test_hostile_values_are_text(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/prose.html")
    mention(page, "hostile", "p").hover()
    page.wait_for_selector(CARD, state="visible")
    text = card_text(page)
    assert text["vlmcat-preview-title"] == HOSTILE_TITLE
    assert text["vlmcat-preview-summary"] == "Costs $5 & 10% {braces} \\textbf{no} <b>no</b>"
    assert page.eval_on_selector(CARD, "c => c.querySelectorAll('script, b').length") == 0
    hrefs = page.eval_on_selector_all(f"{CARD} a", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs == ["https://example.org/a_b%20c#frag", "https://example.org/~user/x&y"]


def test_pages_opened_from_files_have_previews(page: Any, site: Path) -> None:
    page.goto((site / "prose.html").as_uri())
    mention(page, "llava", "p").hover()
    page.wait_for_selector(CARD, state="visible")
    assert card_text(page)["vlmcat-preview-title"] == "Visual Instruction Tuning"
