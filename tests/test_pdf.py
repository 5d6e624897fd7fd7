"""A book made for paper (``test-pdf``): links that stay inside the PDF, a references chapter,
numbered citations equal in HTML and LaTeX and across rebuilds, a topic's points; a real PDF.

The root's book (``index``) holds ``one``, ``two`` and ``refs``; ``guide`` is in the index's
toctree only for HTML and is a PDF of its own. The guide shows CLIP on a card and LLaVA in a
``vlm-entry`` block, and sorts before the chapters: the book's links must not go there.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from util import build_once, html, latexmk, make_app_copy, warnings

#: The book's entries in the order they are first cited (index, one, two); flava is cited only
#: by the guide, which the book does not hold.
CITED = ["clip", "coop", "hostile", "llava", "tpt", "cocoop"]
#: A mention written by the {vlm} role: its link target and its text.
#: (docutils before 0.21 writes the role's classes as one \DUrole{xref,vlm,vlm-entry}.)
MENTION = re.compile(
    r"\\hyperref\[\\detokenize\{([^}]*)\}\]\{\\sphinxcrossref\{"
    r"(?:\\DUrole\{xref\}\{\\DUrole\{vlm\}\{\\DUrole\{vlm-entry\}|\\DUrole\{xref,vlm,vlm-entry\})"
    r"\{([^}]*)\}"
)
LABEL = re.compile(r"\\label\{\\detokenize\{([^}]*)\}\}")
HYPERREF = re.compile(r"\\hyperref\[\\detokenize\{([^}]*)\}\]")
KEYS = {
    "CLIP": "clip",
    "CoOp": "coop",
    "LLaVA": "llava",
    "TPT": "tpt",
    "CoCoOp": "cocoop",
    r"H\&S\_\%": "hostile",
}


@pytest.fixture(scope="module")
def latex(tmp_path_factory):
    return build_once("test-pdf", tmp_path_factory.mktemp("pdf") / "src", "latex")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_once("test-pdf", tmp_path_factory.mktemp("pdf-html") / "src", "html")


def tex(app, name: str = "book") -> str:
    return (app.outdir / f"{name}.tex").read_text(encoding="utf-8")


def first_place(text: str, key: str) -> str:
    """The label of the first rendering of ``key`` in the .tex, else its references item."""
    labels = LABEL.findall(text)
    shown = [label for label in labels if re.fullmatch(rf"[^:]+:vlmcat-{re.escape(key)}", label)]
    if shown:
        return shown[0]
    assert f"refs:vlmref-{key}" in labels, key
    return f"refs:vlmref-{key}"


def check_links(text: str) -> list[tuple[str, str]]:
    """Every link target is a label of the same file, and every mention goes to its entry's
    first place; the mentions as (text, target)."""
    labels = set(LABEL.findall(text))
    assert set(HYPERREF.findall(text)) <= labels
    mentions = MENTION.findall(text)
    for target, shown in mentions:
        assert target == first_place(text, KEYS[shown]), (shown, target)
    return [(shown, target) for target, shown in mentions]


def test_clean(latex) -> None:
    assert warnings(latex) == ""


def test_book_links_stay_in_the_book(latex) -> None:
    text = tex(latex)
    mentions = check_links(text)
    assert "guide:" not in "".join(HYPERREF.findall(text))
    # CLIP's first rendering is chapter two's table row, not the guide's card (which sorts
    # first); LLaVA has a home only in the guide, so its references item serves
    assert ("CLIP", "two:vlmcat-clip") in mentions
    assert ("LLaVA", "refs:vlmref-llava") in mentions
    assert ("CoOp", "one:vlmcat-coop") in mentions
    # a rendering's own label link leads to its paper, not to itself
    assert r"\hyperref[\detokenize{two:vlmcat-clip}]{\sphinxcrossref{CLIP}}" not in text


def test_guide_links_stay_in_the_guide(latex) -> None:
    text = tex(latex, "guide")
    mentions = check_links(text)
    assert ("CLIP", "guide:vlmcat-clip") in mentions
    assert not re.search(r"\{(one|two|refs|index):", "".join(HYPERREF.findall(text)))


def test_references_list_the_cited_entries_numbered_with_urls(latex) -> None:
    text = tex(latex)
    chapter = text[text.index(r"\chapter{References}") :]
    assert r"\sphinxsetlistlabels{\arabic}{enumi}{enumii}{[}{]}" in chapter
    items = chapter.split(r"\item ")[1:]
    assert re.findall(r"vlmref-([\w.-]+)\}", chapter) == CITED
    assert len(items) == len(CITED)
    for item in items:
        assert r"\sphinxhref{https://arxiv.org/abs/" in item or r"\sphinxurl{https://" in item
    assert r"\sphinxhref{https://arxiv.org/abs/2103.00020}{arXiv:2103.00020}" in items[0]
    assert "Alec Radford and Jong Wook Kim." in items[0]
    assert r"\sphinxurl{https://example.org/a\_b\%20c\#frag}" in items[2]


def test_numeric_citations(latex) -> None:
    text = tex(latex)
    number = r"{\hyperref[\detokenize{refs:vlmref-%s}]{\sphinxcrossref{{[}%d{]}}}}"
    # no line break before the number (the braces' count depends on the docutils version)
    assert re.search(r"\{CLIP\}+\u00a0" + re.escape(number % ("clip", 1)), text)
    assert number % ("cocoop", 6) in text
    # the guide's PDF has no references list: no numbers there
    assert "vlmref" not in tex(latex, "guide")


def test_no_citation_numbers_by_default(tmp_path) -> None:
    app = build_once(
        "test-pdf", tmp_path / "src", "latex", confoverrides={"vlmcatalog_citation_style": "none"}
    )
    text = tex(app)
    assert not re.search(r"\{\[\}\d+\{\]\}", text.split(r"\chapter{References}")[0])
    assert r"\label{\detokenize{refs:vlmref-clip}}" in text  # (the list is still numbered)


def test_topic_points_in_lists(latex) -> None:
    text = tex(latex)
    item = text[text.index(r"\label{\detokenize{two:vlmcat-fairness}}") :]
    assert item.index("Dataset diversity audits") < item.index(r"\end{itemize}")


def test_html_numbers_equal_latex(site, latex) -> None:
    refs = html(site, "refs")
    assert [span["id"][len("vlmref-") :] for span in refs.select("ol li span[id]")] == CITED
    one = [(a.get_text(), a["href"]) for a in html(site, "one").select("a.vlmcat-cite")]
    assert one == [
        ("[2]", "refs.html#vlmref-coop"),
        ("[1]", "refs.html#vlmref-clip"),
        ("[3]", "refs.html#vlmref-hostile"),
    ]
    assert not html(site, "guide").select("a.vlmcat-cite")  # not in the list's :documents:


def _pages(app, builder: str) -> dict[str, str]:
    if builder == "latex":
        return {"book": tex(app), "guide": tex(app, "guide")}
    return {name: str(html(app, name)) for name in ("index", "one", "two", "refs", "guide")}


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_incremental_equals_clean(tmp_path, builder) -> None:
    src = tmp_path / "inc"
    app = make_app_copy("test-pdf", src, builder)
    app.build()
    app.cleanup()
    # index now cites flava first of all: every number after it moves
    index = src / "index.rst"
    edited = index.read_text().replace(":vlm:`clip`", ":vlm:`flava`, :vlm:`clip`")
    index.write_text(edited)
    app = make_app_copy("test-pdf", src, builder)
    app.build()
    app.cleanup()
    incremental = _pages(app, builder)
    clean = make_app_copy("test-pdf", tmp_path / "clean", builder)
    shutil.copy(index, tmp_path / "clean" / "index.rst")
    clean.build()
    clean.cleanup()
    assert incremental == _pages(clean, builder)
    assert "refs:vlmref-flava}]{\\sphinxcrossref{{[}1{]}" in incremental.get("book", "") or (
        'href="refs.html#vlmref-flava">[1]' in incremental.get("index", "")
    )


def test_parallel_equals_serial(tmp_path, latex) -> None:
    app = make_app_copy("test-pdf", tmp_path / "src", "latex", parallel=2)
    app.build()
    app.cleanup()
    assert tex(app) == tex(latex)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("latexmk") is None, reason="latexmk is not installed")
def test_pdf_has_references_and_urls(latex) -> None:
    result = latexmk(latex.outdir, "book.tex")
    assert result.returncode == 0, result.stdout[-3000:]
    out = subprocess.run(
        ["pdftotext", "book.pdf", "-"], cwd=latex.outdir, capture_output=True, text=True, check=True
    ).stdout
    refs = out[out.rindex("References") :]
    for number, text in enumerate(
        ["arXiv:2103.00020", "arXiv:2109.01134", "https://example.org/a_b%20c#frag"], 1
    ):
        assert f"[{number}]" in refs
        assert text in refs
    assert "CLIP [1]" in out
    assert "Dataset diversity audits" in out
