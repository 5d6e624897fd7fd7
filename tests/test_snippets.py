"""The examples of the user guide are fixtures: each snippet builds under its parser without
warnings, and the MyST and reStructuredText spellings render the same entries and links."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).parent.parent
SNIPPETS = REPO / "docs" / "snippets"
NAMES = sorted(p.stem for p in (SNIPPETS / "myst").glob("*.md"))

CONF = f"""
extensions = ["myst_parser", "sphinx_vlmcatalog"]
myst_enable_extensions = ["colon_fence"]
source_suffix = {{".rst": "restructuredtext", ".md": "markdown"}}  # keep Sphinx's default intact
vlmcatalog_path = {str(REPO / "catalog")!r}
"""


def build(tmp_path: Path, name: str, parser: str) -> str:
    src = tmp_path / parser
    src.mkdir()
    (src / "conf.py").write_text(CONF)
    suffix = ".md" if parser == "myst" else ".rst"
    title = "# Example\n\n" if parser == "myst" else "Example\n=======\n\n"
    body = (SNIPPETS / parser / f"{name}{suffix}").read_text()
    (src / f"index{suffix}").write_text(title + body)
    warnings = io.StringIO()
    app = SphinxTestApp("html", srcdir=src, status=io.StringIO(), warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings.getvalue() == ""
    return (src / "_build" / "html" / "index.html").read_text()


def rendered(html: str) -> tuple[list[str], list[str], list[str]]:
    """What a reader gets: the entries shown, the links, and the visible text."""
    body = html[html.index('<div class="body"') : html.index('<div class="sphinxsidebar"')]
    entries = re.findall(r"vlmcat-id-([a-z0-9._-]+)", body)
    links = re.findall(r'href="(http[^"]+)"', body)
    text = " ".join(re.sub(r"<[^>]+>", " ", body).split())
    return entries, links, [text]


@pytest.mark.parametrize("name", NAMES)
def test_snippet_renders_alike_in_both_parsers(tmp_path: Path, name: str):
    myst = rendered(build(tmp_path, name, "myst"))
    rst = rendered(build(tmp_path, name, "rst"))
    assert myst[0] == rst[0]
    assert myst[1] == rst[1]
    # every snippet but the role and chart examples shows at least one link to a paper
    assert myst[1] or name in ("roles", "chart")
    assert myst[0] or name in ("roles", "entry", "chart")


def test_chart_snippet_draws_an_svg(tmp_path: Path):
    html = build(tmp_path, "chart", "myst")
    assert re.search(
        r"<desc id=\"vlmchart-1-desc\">Bar chart of \d+ works per year from \d{4} to \d{4}, ", html
    )
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="vlmcat-chart-svg"' in html


def test_roles_snippet_counts(tmp_path: Path):
    _, _, [text] = rendered(build(tmp_path, "roles", "myst"))
    assert re.search(r"The catalog lists \d+ datasets, \d+ of them", text)
    assert "CoOp learns the context words" in text
    assert "its conditional successor makes them" in text
