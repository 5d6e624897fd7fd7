"""Breadcrumbs at the top of an entry page: entries › kind › category › subcategory.

The trail is built at read time from the catalog (the entry's kind and its first category's
path in the taxonomy) as a :class:`breadcrumbs` node holding a list of links whose targets are
known only to the builder: the entry index, its section for the kind, and for each category the
explorer opened on ``category:<key>`` (when the build has an explorer), else the kind's section.
:class:`BreadcrumbLinks` points them there at write time. HTML writes the trail as a
``<nav aria-label="Breadcrumb">``; other builders leave it out (the page title says what the
entry is, and entry pages are not part of the PDF).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..catalog.entries import KIND_TITLES, EntryKind
from ..config import explorer_page
from ..domain.links import current_builder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import SphinxTranslator
    from sphinx.writers.html5 import HTML5Translator

    from ..catalog.entries import Entry
    from ..catalog.index import Catalog


class breadcrumbs(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """The trail of links above an entry page's title."""


def kind_anchor(kind: str) -> str:
    """The id of the rubric of ``kind`` on the entry index."""
    return f"vlmcat-index-{kind}"


def _crumb(text: str, **target: str) -> nodes.list_item:
    """One step: a reference whose URI :class:`BreadcrumbLinks` fills in (``vlm_doc`` and
    ``vlm_anchor``, or ``vlm_query`` for the explorer)."""
    ref = nodes.reference(text, text, internal=True, **target)
    return nodes.list_item("", nodes.paragraph("", "", ref))


def make_breadcrumbs(entry: Entry, catalog: Catalog, index_doc: str) -> breadcrumbs:
    """The trail of ``entry``: the index, the kind, its first category's path (the title below
    names the entry itself)."""
    kind_title = KIND_TITLES.get(EntryKind(entry.kind), entry.kind)
    steps = nodes.enumerated_list(classes=["vlmcat-crumbs"])
    steps += _crumb("Catalog entries", vlm_doc=index_doc, vlm_anchor="")
    steps += _crumb(kind_title, vlm_doc=index_doc, vlm_anchor=kind_anchor(entry.kind))
    if entry.categories:
        for key in reversed(catalog.lineage(entry.categories[0])):
            category = catalog.categories.get(key)
            title = category.title if category is not None else key
            steps += _crumb(
                title,
                vlm_doc=index_doc,
                vlm_anchor=kind_anchor(entry.kind),
                vlm_query=f"category:{key}",
            )
    return breadcrumbs("", steps, classes=["vlmcat-breadcrumbs"])


class BreadcrumbLinks(SphinxPostTransform):
    """Point each breadcrumb at its page: the explorer for a category when there is one."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        """Fill in the URI of every step of every trail of the document."""
        trails = list(self.document.findall(breadcrumbs))
        if not trails:
            return
        builder = current_builder(self)
        here = self.env.docname
        explorer = explorer_page(builder)
        for trail in trails:
            for ref in trail.findall(nodes.reference):
                query = ref.get("vlm_query")
                if query and explorer:
                    uri = relative_uri(
                        builder.get_target_uri(here), builder.get_target_uri(explorer)
                    )
                    ref["refuri"] = f"{uri}?q={quote(query, safe=':,')}"
                    continue
                uri = builder.get_relative_uri(here, ref["vlm_doc"])
                anchor = ref["vlm_anchor"]
                ref["refuri"] = f"{uri}#{anchor}" if anchor else uri


def visit_breadcrumbs_html(self: HTML5Translator, node: breadcrumbs) -> None:
    """``<nav aria-label="Breadcrumb">`` around the ordered list of steps."""
    self.body.append('<nav class="vlmcat-breadcrumbs" aria-label="Breadcrumb">\n')


def depart_breadcrumbs_html(self: HTML5Translator, node: breadcrumbs) -> None:
    """Close the ``nav``."""
    self.body.append("</nav>\n")


def skip_breadcrumbs(self: SphinxTranslator, node: breadcrumbs) -> None:
    """Nothing outside HTML: the title says the same."""
    raise nodes.SkipNode


def depart_nothing(self: SphinxTranslator, node: breadcrumbs) -> None:
    """Never called: the visitor skips the node."""


def add_breadcrumbs_node(app: Sphinx) -> None:
    """Register :class:`breadcrumbs` with its visitors (HTML only; skipped elsewhere)."""
    other = (skip_breadcrumbs, depart_nothing)
    html = (visit_breadcrumbs_html, depart_breadcrumbs_html)
    app.add_node(breadcrumbs, html=html, latex=other, text=other, man=other, texinfo=other)
