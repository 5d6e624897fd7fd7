"""The generated reference pages (``docs/reference/*.md``) are what the code says today."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))

from reference import pages


@pytest.mark.parametrize("path", sorted(pages()), ids=lambda p: p.name)
def test_reference_page_is_up_to_date(path: Path) -> None:
    assert path.read_text(encoding="utf-8") == pages()[path], (
        f"{path.name} is stale: run python docs/_ext/reference.py"
    )


def test_every_subtype_option_and_field_is_listed() -> None:
    from sphinx_vlmcatalog.catalog.entries import ALL_FIELDS
    from sphinx_vlmcatalog.catalog.issues import Subtype
    from sphinx_vlmcatalog.config import config_fields

    text = "".join(pages().values())
    assert all(f"`vlmcatalog.{s.value}`" in text for s in Subtype)
    assert all(f"`vlmcatalog_{f.name}`" in text for f in config_fields())
    assert all(f"`{name}`" in text for name in ALL_FIELDS)
