"""The entry pages room (``vlmcatalog_entry_pages``): a page for every catalog entry.

- :mod:`.stubs`: the generated source files, one per entry plus an index;
- :mod:`.pages`: ``vlm-entry-page`` and ``vlm-entry-index``, the directives those files hold;
- :mod:`.breadcrumbs`: the trail above the title (kind, category path);
- :mod:`.history`: each entry's "Last changed" date, from the catalog's git history;
- :mod:`.mentions`: "Mentioned in", filled at write time;
- ``static/``: the BibTeX copy button.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..assets import add_static_dir, page_has_class
from .breadcrumbs import BreadcrumbLinks, add_breadcrumbs_node
from .history import last_changed_outdated
from .mentions import MentionsTransform, mentions_updated, note_places
from .pages import EntryIndexDirective, EntryPageDirective
from .stubs import remove_deleted_pages, write_entry_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def add_bibtex_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the copy button to pages with a BibTeX record (``html-page-context``)."""
    if page_has_class(doctree, {"vlmcat-bibtex"}):
        app.add_css_file("vlmcatalog-bibtex.css")
        app.add_js_file("vlmcatalog-bibtex.js", defer="defer")


def setup_entry_pages(app: Sphinx) -> None:
    """Register the page directives, the stub writer, the mentions bookkeeping and assets.

    Connect after the catalog is loaded at ``builder-inited``: the stubs need it.
    """
    app.add_directive("vlm-entry-page", EntryPageDirective)
    app.add_directive("vlm-entry-index", EntryIndexDirective)
    app.connect("builder-inited", write_entry_pages)
    app.connect("env-get-outdated", remove_deleted_pages)
    app.connect("env-get-outdated", last_changed_outdated)
    app.connect("doctree-read", note_places)
    app.connect("env-updated", mentions_updated)
    app.add_post_transform(MentionsTransform)
    add_breadcrumbs_node(app)
    app.add_post_transform(BreadcrumbLinks)
    static = Path(__file__).parent / "static"
    app.connect("builder-inited", partial(add_static_dir, directory=static))
    app.connect("html-page-context", add_bibtex_assets)
