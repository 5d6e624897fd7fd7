""" "Mentioned in" on entry pages: links to the places in chapters that show or cite the entry.

Each place is exact: the table row, card or list item showing the entry, or the paragraph
citing it (which gets an id of its own, ``vlmcat-cited-<id>``, when it has none). The places
of a document are noted when it has been read (:func:`note_places`, at ``doctree-read``), once
per entry and section, in document order. The list depends on every other document, so it is
filled at write time (:class:`MentionsTransform`) from the places of all documents in reading
order (the root toctree's: the survey chapters from the introduction on, then the user guide,
then the root page, then pages outside the toctree); entry pages whose list changed are
returned at ``env-updated`` for rewriting (:func:`mentions_updated`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from ..config import get_config
from ..domain.catalog_domain import get_domain
from ..domain.links import current_builder, entry_ref
from ..domain.reading import toctree_order
from .stubs import is_entry_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: (docname, anchor, section title or "") of each place that mentions an entry
Place = tuple[str, str, str]


def mentions_placeholder(key: str) -> nodes.container:
    """Where :class:`MentionsTransform` puts the back-links of entry ``key``."""
    return nodes.container(classes=["vlmcat-mentions"], vlm_entry=key)


def _section_of(node: nodes.Node) -> nodes.section | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    return parent


def _anchor_of(doctree: nodes.document, node: nodes.Node, key: str) -> str:
    """The id of the paragraph (or other element) holding ``node``, given one if it has none;
    in a title, its section's id."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element) and parent["ids"]:
            return str(parent["ids"][0])
        if isinstance(parent, nodes.TextElement) and not isinstance(parent, nodes.title):
            anchor, n = f"vlmcat-cited-{key}", 1
            while anchor in doctree.ids:
                n += 1
                anchor = f"vlmcat-cited-{key}-{n}"
            parent["ids"].append(anchor)
            doctree.ids[anchor] = parent
            return anchor
        parent = parent.parent
    return ""


def note_places(app: Sphinx, doctree: nodes.document) -> None:
    """Note where the document just read mentions entries (``doctree-read``)."""
    env = app.env
    if not get_config(env).entry_pages or is_entry_page(env, env.docname):
        return
    rec = get_domain(env).docs.get(env.docname)
    if rec is None:
        return
    # renderings (rows, cards, list items) by the node that holds their anchor
    rendered: dict[int, list[tuple[str, str]]] = {}
    for key, anchor in rec["anchors"].items():
        owner = doctree.ids.get(anchor)
        if owner is not None:
            rendered.setdefault(id(owner), []).append((key, anchor))
    places: list[tuple[str, str, str]] = []
    seen: set[tuple[str, int]] = set()
    top = doctree.next_node(nodes.section)
    for node in doctree.findall(nodes.Element):
        found = rendered.get(id(node), [])
        if isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "vlm":
            found = [(node["reftarget"], "")]
        elif isinstance(node, entry_ref) and not node.get("here"):
            found = [(node["entry"], "")]  # a relation's link, not a rendering's own
        for key, anchor in found:
            section = _section_of(node)
            if (key, id(section)) in seen:
                continue
            seen.add((key, id(section)))
            title = ""
            if section is not None and section is not top and section.children:
                title = section[0].astext()
            places.append((key, anchor or _anchor_of(doctree, node, key), title))
    mentioned = {key for key, _a, _t in places}
    # references without a node of their own here lead to the page itself; entries only
    # counted (in a chart) are not mentioned
    places.extend((key, "", "") for key in sorted(rec["refs"] - mentioned))
    rec["places"] = places


def reading_order(env: BuildEnvironment) -> list[str]:
    """Documents in the order "Mentioned in" lists them: the root toctree's documents, the
    root page after them, then the rest by name."""
    order = [d for d in toctree_order(env) if d != env.config.root_doc]
    order.append(env.config.root_doc)
    rank = {docname: i for i, docname in enumerate(order)}
    return sorted(get_domain(env).docs, key=lambda d: (rank.get(d, len(rank)), d))


def compute_mentions(env: BuildEnvironment) -> dict[str, tuple[Place, ...]]:
    """Entry id -> the places in other documents that show, cite or link it, in reading order."""
    domain = get_domain(env)
    found: dict[str, list[Place]] = {}
    for docname in reading_order(env):
        if is_entry_page(env, docname):
            continue
        for key, anchor, section in domain.docs[docname].get("places", ()):
            if key.startswith("@"):  # "@taxonomy": category titles, not an entry
                continue
            found.setdefault(key, []).append((docname, anchor, section))
    return {key: tuple(where) for key, where in found.items()}


def mentions_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Record back-links; return entry pages whose "mentioned in" list changed (``env-updated``)."""
    folder = get_config(env).entry_pages
    if not folder:
        return []
    domain = get_domain(env)
    old: dict[str, tuple[Place, ...]] = domain.data["mentions"]
    new = compute_mentions(env)
    domain.data["mentions"] = new
    changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    return sorted(docname for key in changed if (docname := f"{folder}/{key}") in env.all_docs)


class MentionsTransform(SphinxPostTransform):
    """Fill the "mentioned in" placeholder of an entry page with links to the places.

    One item per document: the page's title, linked to its first place, then the sections
    holding the others, each linked to its first place there. Runs at write time (every
    document is read by then) from data computed at ``env-updated``.
    """

    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        """Replace each placeholder by a list of links (or a sentence saying there are none)."""
        mentions: dict[str, tuple[Place, ...]] = get_domain(self.env).data.get("mentions", {})
        for node in list(self.document.findall(nodes.container)):
            key = node.get("vlm_entry")
            if key is None or "vlmcat-mentions" not in node["classes"]:
                continue
            where = mentions.get(key, ())
            if not where:
                node += nodes.paragraph("", "Not shown in any chapter.")
                continue
            by_doc: dict[str, list[tuple[str, str]]] = {}
            for docname, anchor, section in where:
                by_doc.setdefault(docname, []).append((anchor, section))
            items = nodes.bullet_list()
            for docname, places in by_doc.items():
                items += nodes.list_item("", self.item(docname, places))
            node += items

    def item(self, docname: str, places: list[tuple[str, str]]) -> nodes.paragraph:
        """The page's title linked to its first place, then its sections' links."""
        builder = current_builder(self)
        here = self.env.docname
        title = self.env.titles.get(docname)
        text = title.astext() if title is not None else docname
        first = next((a for a, s in places if not s), places[0][0])
        para = nodes.paragraph()
        para += make_refnode(builder, here, docname, first, nodes.Text(text), text)
        sections = [(a, s) for a, s in places if s]
        for i, (anchor, section) in enumerate(sections):
            para += nodes.Text(": " if i == 0 else ", ")
            tip = f"{text}: {section}"
            para += make_refnode(builder, here, docname, anchor, nodes.Text(section), tip)
        return para
