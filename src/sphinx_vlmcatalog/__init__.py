"""Sphinx extension that turns a YAML catalog of vision-language-model work into survey pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .version import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__all__ = ["__version__", "setup"]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension with Sphinx (see :mod:`sphinx_vlmcatalog.extension`)."""
    from .extension import setup_extension

    return setup_extension(app)
