"""Previews in an HTML build: each page gets the data of the entries it mentions, and the script.

Mentions are marked where their links are made (:meth:`..domain.catalog_domain.CatalogDomain.
make_link` adds ``vlmcat-mention`` and ``vlmcat-mention-<id>``), whichever way they are written:
``{vlm}`` roles, table titles (written row by row at the very end), cards, lists, entry blocks.
So the page's data is collected from what was written: at ``html-page-context`` the page body
is final, and the marks in it name exactly the entries the page mentions. Their previews go
into the page itself, as ``<script type="application/json">``: a page opened from ``file://``
has them, and a page carries only its own entries whatever the size of the catalog.

The data is made from the catalog at every writing of a page, and a page that mentions an entry
has noted it as shown (so it is read and written again when the entry changes): an incremental
build writes the same previews as a clean one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..assets import script_json
from ..domain.catalog_domain import MENTION_CLASS, get_catalog, previews_enabled
from .data import preview_records

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Id of the page's JSON data element.
DATA_ID = "vlmcat-previews-data"
SCRIPT = "vlmcatalog-previews.js"
STYLESHEET = "vlmcatalog-previews.css"
#: A mention's second class (``vlmcat-mention-<id>``) in a class attribute (not, say, in an
#: anchor's name); ids are ``catalog.values.ID_RE`` slugs.
_MENTION = re.compile(rf'class="[^"]*?\b{MENTION_CLASS}-([a-z0-9]+(?:[-_.][a-z0-9]+)*)(?=[\s"])')


def mentioned_keys(body: str) -> list[str]:
    """The ids of the entries ``body`` (a page's HTML) mentions, each once, in order."""
    return list(dict.fromkeys(match.group(1) for match in _MENTION.finditer(body)))


def add_previews(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give a page that mentions entries their previews and the script (``html-page-context``).

    Sphinx resets the per-page file lists before each page, so the files go to this page only.
    """
    body = context.get("body")
    if not isinstance(body, str) or not previews_enabled(app.env, app.builder):
        return
    keys = mentioned_keys(body)
    if not keys:
        return
    records = preview_records(get_catalog(app.env), keys)
    if not records:
        return
    data = f'<script type="application/json" id="{DATA_ID}">{script_json(records)}</script>\n'
    context["body"] = body + data
    app.add_css_file(STYLESHEET)
    app.add_js_file(SCRIPT, defer="defer")
