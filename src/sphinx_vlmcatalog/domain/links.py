"""``entry_ref``: a link to an entry's canonical place, resolved after reading.

Tables, cards, lists and entry blocks link each entry they show to its home. That place may be
in another document, so the link is an :class:`entry_ref` node until every document has been
read; :class:`EntryRefResolver` then turns it into a reference (or plain text when the entry has
no place to link to). It is cheaper than a ``pending_xref`` per table row: the resolver looks
each one up in a dictionary. Should one survive to a writer, its children are written as plain
text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .catalog_domain import get_domain
from .records import docname_at

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.util.docutils import SphinxTranslator

    from ..catalog.entries import Entry


class entry_ref(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node naming)
    """A link to catalog entry ``node["entry"]``, wrapping the text to show."""


def make_entry_ref(entry: Entry, text: str | None = None, here: Sequence[str] = ()) -> entry_ref:
    """A link to the entry's canonical place showing ``text`` (default: the entry's label).

    :param here: the anchors of the rendering the link is in (a card, a list item, a table's
        rows): should one of them be the entry's link target, the link leads to the entry's own
        URL instead of to itself
    """
    label = entry.label if text is None else text
    return entry_ref(label, label, entry=entry.id, here=list(here))


def visit_entry_ref(self: SphinxTranslator, node: entry_ref) -> None:
    """Render nothing of its own: the children (the label) are written as usual."""


def depart_entry_ref(self: SphinxTranslator, node: entry_ref) -> None:
    """See :func:`visit_entry_ref`."""


#: The visitors of :class:`entry_ref` for every builder format.
ENTRY_REF_VISITORS = (visit_entry_ref, depart_entry_ref)


def current_builder(transform: SphinxPostTransform) -> Builder:
    """The builder a post-transform runs for.

    Sphinx 9 deprecates ``SphinxTransform.app``; its own resolver reads ``env._app`` the same way.
    """
    app = getattr(transform.env, "_app", None) or transform.app
    return app.builder


class EntryRefResolver(SphinxPostTransform):
    """Turn each :class:`entry_ref` into a link, or plain text.

    Priority 5 runs before Sphinx's ``ReferencesResolver`` (10), though nothing depends on that.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        """Resolve every entry link of the document."""
        domain = get_domain(self.env)
        docname = self.env.docname
        builder = current_builder(self)
        for node in list(self.document.findall(entry_ref)):
            children = list(node.children)
            node.clear()
            ref = domain.make_link(
                builder, docname, node["entry"], children, node.get("here", ()), docname_at(node)
            )
            if ref is None:
                node.replace_self(children)
            else:
                ref["classes"].append("vlmcat-ref")
                node.replace_self(ref)
