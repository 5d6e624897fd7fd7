"""The explorer room (``vlmcatalog_explorer``): one page to query the whole catalog.

- :mod:`.data`: the catalog as the scripts' data (pure);
- :mod:`.markup`: the page's HTML controls;
- :mod:`.page`: the page in a build (``html-collect-pages``), its data scripts and assets;
- :mod:`.role`: ``vlm-explore``, a link to the page with a query;
- ``static/``: the scripts (facets, results, downloads, and the page's state) and stylesheet.
  Queries run through the one query script, ``vlmcatalog-query.js``.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..assets import add_static_dir
from .page import add_explorer_assets, collect_explorer
from .role import ExploreLinks, ExploreRole, explore_ref

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_explorer(app: Sphinx) -> None:
    """Register the page, the role and its link transform, and the assets."""
    app.add_node(explore_ref)
    app.add_role("vlm-explore", ExploreRole())
    app.add_post_transform(ExploreLinks)
    app.connect("html-collect-pages", collect_explorer)
    app.connect("html-page-context", add_explorer_assets)
    static = Path(__file__).parent / "static"
    app.connect("builder-inited", partial(add_static_dir, directory=static))
