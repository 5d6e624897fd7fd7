"""Shared fixtures: the small fixture catalog, and Sphinx's testing fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).parent


@pytest.fixture
def fixture_catalog() -> Path:
    """A small, valid catalog (11 entries) used by unit and CLI tests."""
    return TESTS / "fixtures" / "catalog"
