"""The explorer page in a build: its scripts, the page itself, and its assets.

The page is not a document: Sphinx's ``html-collect-pages`` event adds it at the end of the
build (as Sphinx adds ``genindex`` and ``search``), rendered with the theme's ``page.html`` so
that it has the theme's header and sidebar. By then every document has been read and the
domain knows each entry's home, so each entry's link goes where ``{vlm}`` links go: its entry
page when there are entry pages, else its table row, card or list item, else its paper.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util.osutil import relative_uri

from ..catalog.issues import Subtype
from ..config import explorer_page, get_config
from ..domain.catalog_domain import get_catalog, get_domain
from ..rendered import RENDERED_DIR, RenderedEntries
from ..warnings_ import log_warning
from .data import entry_record, page_data, query_json, records
from .markup import page_body

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..catalog.index import Catalog

#: The scripts written into ``_static/`` for the page: the data, named by a digest of its
#: content (Sphinx's own ``?v=`` checksum of a file is cached for the life of the process, so
#: a second build in one process, as sphinx-autobuild runs them, would keep an old one), and
#: the records for downloads, which the page loads with a digest of its own.
DATA_SCRIPT = "vlmcatalog-explorer-data-{digest}.js"
RECORDS_SCRIPT = "vlmcatalog-explorer-records.js"
#: The page's own scripts, in the order they run: the query language, the data, the rest.
QUERY_SCRIPT = "vlmcatalog-query.js"
SCRIPTS = (
    "vlmcatalog-explorer-facets.js",
    "vlmcatalog-explorer-view.js",
    "vlmcatalog-explorer-export.js",
    "vlmcatalog-explorer.js",
)


def entry_hrefs(builder: Builder, pagename: str, catalog: Catalog) -> dict[str, str]:
    """Each entry's link from the explorer page (entries with nowhere to go are left out)."""
    index = get_domain(builder.env).index
    base = builder.get_target_uri(pagename)
    pages: dict[str, str] = {}  # docname -> its URI relative to the explorer
    hrefs = {}
    for entry in catalog:
        found = index.get(entry.id)
        if found is not None:
            docname, anchor, _prio = found
            if docname not in pages:
                pages[docname] = relative_uri(base, builder.get_target_uri(docname))
            hrefs[entry.id] = f"{pages[docname]}#{anchor}"
        elif entry.links:
            hrefs[entry.id] = entry.links.get("paper") or next(iter(entry.links.values()))
    return hrefs


def write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` unless ``path`` holds it (so the file, and browsers' caches, stay put)."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def digest(text: str) -> str:
    """A short digest of ``text``, for file names and URLs that change with it."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def write_scripts(app: Sphinx, pagename: str, catalog: Catalog) -> tuple[str, str]:
    """Write the data and records scripts into ``_static`` (and remove older data scripts);
    the data script's name, and a digest of the records."""
    static = Path(app.outdir) / "_static"
    hrefs = entry_hrefs(app.builder, pagename, catalog)
    # each entry's texts are rendered again only when it changed
    digests = get_domain(app.env).data["digests"]
    kept = Path(app.doctreedir) / RENDERED_DIR
    query = RenderedEntries(kept / "explorer_query.json", digests, catalog.schema.digest)
    pairs = RenderedEntries(kept / "explorer_record.json", digests, catalog.schema.digest)
    placeholder = get_config(app.env).filter_placeholder
    render = query.reusing(lambda e: query_json(e, catalog))
    data_text = page_data(catalog, hrefs, placeholder, render)
    data_name = DATA_SCRIPT.format(digest=digest(data_text))
    write_if_changed(static / data_name, data_text)
    for old in static.glob(DATA_SCRIPT.format(digest="*")):
        if old.name != data_name:
            old.unlink()
    record_text = records(catalog, pairs.reusing(lambda e: entry_record(e, catalog)))
    write_if_changed(static / RECORDS_SCRIPT, record_text)
    query.save()
    pairs.save()
    return data_name, digest(record_text)


def collect_explorer(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Write the explorer's data scripts and add its page (``html-collect-pages``)."""
    pagename = explorer_page(app.builder)
    if not pagename:
        return
    if pagename in app.env.found_docs:
        log_warning(
            f"vlmcatalog_explorer: a document '{pagename}' exists; no explorer page written "
            "(set vlmcatalog_explorer to another name)",
            Subtype.CONFIG,
            None,
        )
        return
    catalog = get_catalog(app.env)
    config = get_config(app.env)
    data_name, version = write_scripts(app, pagename, catalog)
    base = app.builder.get_target_uri(pagename)
    body = page_body(
        catalog,
        records_url=relative_uri(base, f"_static/{RECORDS_SCRIPT}") + f"?v={version}",
        downloads_url=relative_uri(base, "downloads/") if config.downloads else "",
    )
    context = {"title": "Explore the catalog", "body": body, "vlmcat_data_script": data_name}
    yield pagename, context, "page.html"


def add_explorer_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the explorer's scripts and stylesheet to its page (``html-page-context``)."""
    data = context.get("vlmcat_data_script")
    if doctree is None and data and pagename == explorer_page(app.builder):
        app.add_css_file("vlmcatalog-explorer.css")
        for name in (QUERY_SCRIPT, data, *SCRIPTS):
            # deferred scripts run in order, after the page is parsed
            app.add_js_file(name, defer="defer")
