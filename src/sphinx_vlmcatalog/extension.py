"""The one place that registers things with Sphinx: config, nodes, domain, roles, directives,
transforms, events, build-time exports and static assets.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .a11y import setup_a11y
from .config import register_config, validate_config
from .directives.cards import setup_cards
from .directives.charts import setup_charts
from .directives.entry import setup_entry
from .directives.lists import setup_lists
from .directives.pages import setup_pages
from .directives.tables import setup_tables
from .domain import CatalogDomain
from .entry_pages import setup_entry_pages
from .exports import setup_exports
from .nodes import setup_nodes
from .reader import setup_reader
from .roles import CountRole, EntryRole, warn_missing_reference
from .rows import setup_rows
from .store import build_finished, builder_inited, index_updated, outdated_documents
from .transforms import setup_transforms

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Directory of ``vlmcatalog.css``.
STATIC_DIR = Path(__file__).parent / "static"

#: Bump when pickled node attributes or environment data change shape.
#: 1: first version (domain data: see CatalogDomain.data_version).
#: 2: entry pages (domain data version 2); the catalog is no longer pickled with the
#:    environment.
#: 3: table bodies are stored as data (:mod:`.rows`).
ENV_VERSION = 3


def add_static_assets(app: Sphinx) -> None:
    """Add the stylesheet for HTML-format builders only (``builder-inited``)."""
    if app.builder.format != "html":
        return
    # a new list rather than append(): the user's conf.py list object stays untouched
    app.config.html_static_path = [*app.config.html_static_path, str(STATIC_DIR)]
    app.add_css_file("vlmcatalog.css")


def setup_extension(app: Sphinx) -> ExtensionMetadata:
    """Register everything; called by :func:`sphinx_vlmcatalog.setup`."""
    register_config(app)
    app.connect("config-inited", validate_config)
    setup_nodes(app)
    app.add_domain(CatalogDomain)
    app.add_role("vlm", EntryRole())
    app.add_role("vlm-count", CountRole())
    setup_rows(app)
    setup_tables(app)
    setup_cards(app)
    setup_lists(app)
    setup_entry(app)
    setup_pages(app)
    setup_charts(app)
    setup_transforms(app)
    setup_reader(app)
    setup_exports(app)
    setup_a11y(app)
    app.connect("builder-inited", builder_inited)
    setup_entry_pages(app)  # after builder_inited: the stubs need the loaded catalog
    app.connect("builder-inited", add_static_assets)
    app.connect("env-get-outdated", outdated_documents)
    app.connect("env-updated", index_updated)
    app.connect("warn-missing-reference", warn_missing_reference)
    app.connect("build-finished", build_finished, priority=900)  # after the exports are written
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
