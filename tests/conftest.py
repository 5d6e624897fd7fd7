"""Pytest setup: Sphinx testing fixtures, test roots, a tree-integrity check per build, and the
small fixture catalog."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes

from sphinx_vlmcatalog.catalog.cache import ENV_VAR

pytest_plugins = "sphinx.testing.fixtures"

# Loaded catalogs are cached by content (catalog/cache.py); keep the tests' cache out of the home
# directory. Tests load the same fixtures many times, so they also exercise cache hits.
os.environ[ENV_VAR] = tempfile.mkdtemp(prefix="vlmcatalog-test-cache-")

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` directories."""
    return ROOTS


def check_parents(app: Any, doctree: nodes.document, docname: str) -> None:
    """Every node below the document has a parent that lists it among its children."""
    for node in doctree.findall(include_self=False):
        if type(node).__module__.startswith("sphinx_design"):
            continue  # sphinx-design's tab nodes are its own business (they fail this check)
        assert node.parent is not None, f"{docname}: orphan {node!r}"
        assert any(child is node for child in node.parent.children), (
            f"{docname}: {node!r} not among its parent's children"
        )


def _install_tree_check() -> None:
    """Connect :func:`check_parents` at high priority to every test app, for every test.

    Patched at import time rather than in a function-scoped fixture, so module-scoped builds
    (created before function fixtures run) are checked too.
    """
    from sphinx.testing.util import SphinxTestApp

    original = SphinxTestApp.__init__

    def init(self: SphinxTestApp, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.connect("doctree-resolved", check_parents, priority=900)

    SphinxTestApp.__init__ = init  # type: ignore[method-assign]


_install_tree_check()


@pytest.fixture
def fixture_catalog() -> Path:
    """A small, valid catalog (11 entries) used by unit and CLI tests."""
    return Path(__file__).parent / "fixtures" / "catalog"


@pytest.fixture(scope="session")
def survey_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real survey (``docs/``) built once to HTML with its own theme: (html dir, warnings).

    Shared by the site, browser and accessibility tests, which used to build it once each.
    SphinxTestApp (not Sphinx) undoes its global docutils registrations on cleanup.
    """
    import io

    from sphinx.testing.util import SphinxTestApp

    out = tmp_path_factory.mktemp("survey-site")
    warnings = io.StringIO()
    app = SphinxTestApp(
        "html",
        srcdir=Path(__file__).parent.parent / "docs",
        builddir=out,
        freshenv=True,
        status=io.StringIO(),
        warning=warnings,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return out / "html", warnings.getvalue()


@pytest.fixture(scope="session")
def survey_url(survey_site: tuple[Path, str]) -> Iterator[str]:
    """The survey site served over HTTP (it must build without warnings), for browser tests."""
    from util import served

    html, warnings = survey_site
    assert warnings == ""
    with served(html) as url:
        yield url


#: Debian's Chromium, which Playwright drives (no browser is ever downloaded).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Any:
    """A headless Chromium for the browser tests of one module."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("needs /usr/bin/chromium")
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
