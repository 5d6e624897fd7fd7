"""``entry_ref``, a link to an entry resolved after reading, and the class that marks an entry.

Tables, cards, lists and entry blocks are plain docutils nodes (a table's body is held as data
until it is written: see :mod:`.rows`). The exception is :class:`entry_ref`, a link to an entry's
canonical place that is resolved after reading (by
:class:`~sphinx_vlmcatalog.transforms.EntryRefResolver`), because that place may be in another
document. It is cheaper than a ``pending_xref`` per table row: the resolver looks each one up in a
dictionary. Should one survive to a writer, its children are rendered as plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import SphinxTranslator


#: Prefix of the class that marks every rendering of an entry (a row, card or list item).
ENTRY_CLASS_PREFIX = "vlmcat-id-"


def entry_class(key: str) -> str:
    """The class that marks every rendering of entry ``key``.

    Ids are lowercase slugs, so they are safe inside a class name; readers' scripts, user CSS and
    the coverage test find an entry's renderings by it.
    """
    return ENTRY_CLASS_PREFIX + key


def link_references(
    links: tuple[tuple[str, str], ...], classes: tuple[str, ...] = ("vlmcat-link",), sep: str = ", "
) -> list[nodes.Node]:
    """External references for (label, url) pairs, ``sep`` between them."""
    result: list[nodes.Node] = []
    for label, url in links:
        if result and sep:
            result.append(nodes.Text(sep))
        result.append(nodes.reference(label, label, refuri=url, classes=list(classes)))
    return result


class entry_ref(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node naming)
    """A link to catalog entry ``node["entry"]``, wrapping the text to show."""


def visit_entry_ref(self: SphinxTranslator, node: entry_ref) -> None:
    """Render nothing of its own: the children (the label) are written as usual."""


def depart_entry_ref(self: SphinxTranslator, node: entry_ref) -> None:
    """See :func:`visit_entry_ref`."""


def setup_nodes(app: Sphinx) -> None:
    """Register the node with visitors for html (epub, singlehtml), latex, text, man, texinfo."""
    passthrough = (visit_entry_ref, depart_entry_ref)
    app.add_node(
        entry_ref,
        html=passthrough,
        latex=passthrough,
        text=passthrough,
        man=passthrough,
        texinfo=passthrough,
    )
