"""The explorer page's HTML: the controls, empty, for the scripts to fill.

Everything a reader operates is a native control (a search box, buttons, a select) with a
visible label, so the page works with a keyboard and a screen reader before any ARIA. Ids start
with ``vlmcat-x-``; the scripts find the parts by them.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..catalog.index import Catalog

_OPS = "<code>&gt;</code>, <code>&gt;=</code>, <code>&lt;</code>, <code>&lt;=</code>"

#: (query, what it finds) for the syntax help.
EXAMPLES = (
    ("clip", "the word in a title, short name, summary, notes, authors or id"),
    ('"instruction tuning"', "a phrase (quotes keep the words together)"),
    ("kind:model", "a field's value; <code>kind:paper,model</code> is either"),
    ("year:>=2024", f"numbers compare: {_OPS}"),
    ("year:2020..2023", "a range, both ends included; either end may be left out"),
    ("venue:Neur*", "<code>*</code> stands for any characters, <code>?</code> for one"),
    ("category:transfer", "a category and everything under it"),
    (
        "has:code",
        "a link, field or relation is present: <code>has:model</code>, <code>has:dataset</code>",
    ),
    ("-venue:arXiv", "a leading <code>-</code> negates a term"),
    ("uses:clip", "entries whose relations name an entry"),
)

#: Sort keys offered (field, name); every one is also a column of the list.
SORTS = (
    ("label", "Name"),
    ("title", "Title"),
    ("kind", "Kind"),
    ("year", "Year"),
    ("venue", "Venue"),
    ("categories", "Category"),
)


def help_panel() -> str:
    """The syntax help: a table of examples, and a pointer to the full description."""
    rows = "".join(
        f'<tr><th scope="row"><code>{escape(q)}</code></th><td>{what}</td></tr>'
        for q, what in EXAMPLES
    )
    return (
        '<div id="vlmcat-x-help" class="vlmcat-x-help" role="region" '
        'aria-labelledby="vlmcat-x-help-title" hidden>'
        '<p id="vlmcat-x-help-title" class="vlmcat-x-help-title">Query syntax</p>'
        '<table class="vlmcat-x-help-table"><caption class="vlmcat-x-sr">Examples</caption>'
        '<thead><tr><th scope="col">Query</th><th scope="col">Finds</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        "<p>Terms separated by spaces must all hold. Field names are the catalog's: "
        "<code>title</code>, <code>authors</code>, <code>venue</code>, <code>year</code>, "
        "<code>tags</code>, <code>parameters</code>&#8230; Facets add and remove terms for "
        "you. Press <kbd>Esc</kbd> to close this help.</p></div>"
    )


def page_body(catalog: Catalog, records_url: str, downloads_url: str = "") -> str:
    """The page's main content (``body`` of the theme's ``page.html``).

    :param records_url: the records script (BibTeX and JSON of each entry), loaded on the first
        download
    :param downloads_url: the directory of the whole-catalog downloads, if they are written
    """
    total = len(catalog)
    whole = (
        f' The whole catalog is also a <a href="{escape(downloads_url)}catalog.json">JSON</a> '
        f'and a <a href="{escape(downloads_url)}catalog.bib">BibTeX</a> file.'
        if downloads_url
        else ""
    )
    options = "".join(f'<option value="{f}">{name}</option>' for f, name in SORTS)
    return f"""
<section class="vlmcat-explorer" id="vlmcat-explorer" data-records="{escape(records_url)}">
<h1>Explore the catalog</h1>
<p class="vlmcat-x-intro">All {total:,} entries of the catalog in one view. Type a query, or
narrow the list with the facets; the address bar keeps the query, so a selection can be shared
as a link.{whole}</p>
<noscript><p class="vlmcat-x-noscript">The explorer needs JavaScript.</p></noscript>
<div class="vlmcat-x-search" role="search">
<label for="vlmcat-x-query">Query</label>
<div class="vlmcat-x-searchrow">
<input type="search" id="vlmcat-x-query" class="vlmcat-x-query" autocomplete="off"
 spellcheck="false" aria-describedby="vlmcat-x-status vlmcat-x-hints">
<button type="button" id="vlmcat-x-help-button" class="vlmcat-x-button"
 aria-expanded="false" aria-controls="vlmcat-x-help">Syntax help</button>
</div>
{help_panel()}
</div>
<p id="vlmcat-x-status" class="vlmcat-x-status" role="status"></p>
<div id="vlmcat-x-hints" class="vlmcat-x-hints"></div>
<div class="vlmcat-x-columns">
<details id="vlmcat-x-facets" class="vlmcat-x-facets" open>
<summary>Refine</summary>
<div id="vlmcat-x-facet-groups"></div>
</details>
<div class="vlmcat-x-main">
<div class="vlmcat-x-toolbar">
<span class="vlmcat-x-tool">
<label for="vlmcat-x-sort">Sort by</label>
<select id="vlmcat-x-sort"><option value="">Catalog order</option>{options}</select>
<button type="button" id="vlmcat-x-order" class="vlmcat-x-button"
 aria-label="Descending order" aria-pressed="false">&#8595;</button>
</span>
<span class="vlmcat-x-tool" role="group" aria-label="Layout">
<button type="button" class="vlmcat-x-button" data-layout="list" aria-pressed="true">List</button>
<button type="button" class="vlmcat-x-button" data-layout="cards"
 aria-pressed="false">Cards</button>
</span>
<span class="vlmcat-x-tool" role="group" aria-labelledby="vlmcat-x-download-label">
<span id="vlmcat-x-download-label">Download selection</span>
<button type="button" class="vlmcat-x-button" data-download="bib">BibTeX</button>
<button type="button" class="vlmcat-x-button" data-download="csv">CSV</button>
<button type="button" class="vlmcat-x-button" data-download="json">JSON</button>
</span>
</div>
<div id="vlmcat-x-results" class="vlmcat-x-results"></div>
<button type="button" id="vlmcat-x-more" class="vlmcat-x-button vlmcat-x-more"
 hidden>Show more</button>
</div>
</div>
</section>
"""
