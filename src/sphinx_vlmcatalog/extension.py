"""The one place that registers the extension with Sphinx: each room's ``setup_<room>``, in order.

The rooms, one per feature: :mod:`.store` (the catalog inside a build), :mod:`.domain` (the
``vlm`` domain, roles, entry links and citation numbers), :mod:`.tables`, :mod:`.cards`,
:mod:`.lists`, :mod:`.entry`, :mod:`.entry_pages`, :mod:`.lineage`, :mod:`.charts`,
:mod:`.downloads`, :mod:`.references`, :mod:`.explorer` and :mod:`.previews`. The architecture
page of the user guide says what flows between them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .assets import SHARED_CSS, add_static_dir
from .cards import setup_cards
from .charts import setup_charts
from .config import register_config, validate_config
from .directive import warn_unparsed_directives
from .domain import setup_domain
from .downloads import setup_downloads
from .entry import setup_entry
from .entry_pages import setup_entry_pages
from .explorer import setup_explorer
from .leaderboards import setup_leaderboards
from .lineage import setup_lineage
from .lists import setup_lists
from .previews import setup_previews
from .references import setup_references
from .store import setup_store
from .tables import setup_tables
from .version import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Directory of the shared stylesheet.
STATIC_DIR = Path(__file__).parent / "static"

#: Bump when pickled node attributes or environment data change shape.
#: 1: first version (domain data: see CatalogDomain.data_version).
#: 2: entry pages (domain data version 2); the catalog is no longer pickled with the
#:    environment.
#: 3: table bodies are stored as data (:mod:`.tables.rows`).
#: 4: the package re-housed by feature; resolved row links are kept as plain attribute dicts.
#: 5: citations (domain data version 4).
#: 6: places of mentions (domain data version 6).
#: 7: entry pages hold a lineage figure: pages read by an older version are read again.
ENV_VERSION = 8


def add_shared_css(app: Sphinx) -> None:
    """The stylesheet of tables, cards, lists and entry blocks, for HTML builders only."""
    add_static_dir(app, STATIC_DIR)
    if app.builder.format == "html":
        app.add_css_file(SHARED_CSS)


def setup_extension(app: Sphinx) -> ExtensionMetadata:
    """Register everything; called by :func:`sphinx_vlmcatalog.setup`."""
    register_config(app)
    app.connect("config-inited", validate_config)
    setup_domain(app)
    setup_store(app)  # loads the catalog at builder-inited, before the rooms below need it
    setup_tables(app)
    setup_cards(app)
    setup_lists(app)
    setup_entry(app)
    setup_entry_pages(app)
    setup_lineage(app)
    setup_leaderboards(app)
    setup_charts(app)
    setup_downloads(app)
    setup_references(app)
    setup_explorer(app)
    setup_previews(app)
    app.connect("builder-inited", add_shared_css)
    app.connect("doctree-read", warn_unparsed_directives)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
