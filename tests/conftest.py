"""Pytest setup: Sphinx testing fixtures, test roots, and a tree-integrity check per build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docutils import nodes

pytest_plugins = "sphinx.testing.fixtures"

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` directories."""
    return ROOTS


def check_parents(app: Any, doctree: nodes.document, docname: str) -> None:
    """Every node below the document has a parent that lists it among its children."""
    for node in doctree.findall(include_self=False):
        assert node.parent is not None, f"{docname}: orphan {node!r}"
        assert any(child is node for child in node.parent.children), (
            f"{docname}: {node!r} not among its parent's children")


@pytest.fixture(autouse=True)
def _tree_integrity(monkeypatch: pytest.MonkeyPatch) -> None:
    """Connect :func:`check_parents` at high priority to every app the test creates."""
    from sphinx.application import Sphinx

    original = Sphinx.__init__

    def init(self: Sphinx, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.connect("doctree-resolved", check_parents, priority=900)

    monkeypatch.setattr(Sphinx, "__init__", init)
