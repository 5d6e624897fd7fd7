"""The previews room (``vlmcatalog_previews``): a small card over every mention of an entry.

Hovering over, focusing or tapping a link to an entry (a ``{vlm}`` role, a table title, a card
title, a list item, a relation) shows the entry's title, authors, venue, year, a one-line
summary and its paper and code links, without leaving the page.

- :mod:`.data`: what a preview shows, as plain data;
- :mod:`.page`: each page's data (the entries it mentions) and its assets;
- ``static/``: the script and stylesheet of the card.

The links are marked as mentions where the domain makes them
(:func:`..domain.catalog_domain.mention_classes`), in HTML only: other formats are unchanged.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..assets import add_static_dir
from .page import add_previews

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_previews(app: Sphinx) -> None:
    """Register the page data and assets of previews."""
    static = Path(__file__).parent / "static"
    app.connect("builder-inited", partial(add_static_dir, directory=static))
    app.connect("html-page-context", add_previews)
