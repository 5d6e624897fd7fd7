""" "Mentioned in" on entry pages: links to the chapters that show or cite the entry.

The list depends on every other document, so it is filled at write time from the domain records
(:class:`MentionsTransform`), and entry pages whose list changed are returned at ``env-updated``
for rewriting (:func:`mentions_updated`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from ..config import get_config
from ..domain.catalog_domain import get_domain
from ..domain.links import current_builder
from .stubs import is_entry_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def mentions_placeholder(key: str) -> nodes.container:
    """Where :class:`MentionsTransform` puts the back-links of entry ``key``."""
    return nodes.container(classes=["vlmcat-mentions"], vlm_entry=key)


def compute_mentions(env: BuildEnvironment) -> dict[str, tuple[tuple[str, str], ...]]:
    """Entry id -> ((docname, anchor), ...) of the other documents that show or cite it."""
    domain = get_domain(env)
    found: dict[str, list[tuple[str, str]]] = {}
    for docname in sorted(domain.docs):
        if is_entry_page(env, docname):
            continue
        rec = domain.docs[docname]
        for key in sorted(rec["shown"] | rec["refs"]):
            home = rec["homes"].get(key)
            anchor = rec["anchors"].get(key) or (home[0] if home else "")
            found.setdefault(key, []).append((docname, anchor))
    return {key: tuple(where) for key, where in found.items()}


def mentions_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Record back-links; return entry pages whose "mentioned in" list changed (``env-updated``)."""
    folder = get_config(env).entry_pages
    if not folder:
        return []
    domain = get_domain(env)
    old: dict[str, tuple[tuple[str, str], ...]] = domain.data["mentions"]
    new = compute_mentions(env)
    domain.data["mentions"] = new
    changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    return sorted(docname for key in changed if (docname := f"{folder}/{key}") in env.all_docs)


class MentionsTransform(SphinxPostTransform):
    """Fill the "mentioned in" placeholder of an entry page with links to the documents.

    Runs at write time (every document is read by then) from data computed at ``env-updated``.
    """

    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        """Replace each placeholder by a list of links (or a sentence saying there are none)."""
        mentions: dict[str, tuple[tuple[str, str], ...]] = get_domain(self.env).data.get(
            "mentions", {}
        )
        builder = current_builder(self)
        fromdoc = self.env.docname
        for node in list(self.document.findall(nodes.container)):
            key = node.get("vlm_entry")
            if key is None or "vlmcat-mentions" not in node["classes"]:
                continue
            where = mentions.get(key, ())
            if not where:
                node += nodes.paragraph("", "Not shown in any chapter.")
                continue
            items = nodes.bullet_list()
            for docname, anchor in where:
                title = self.env.titles.get(docname)
                text = title.astext() if title is not None else docname
                ref = make_refnode(builder, fromdoc, docname, anchor, nodes.Text(text), text)
                items += nodes.list_item("", nodes.paragraph("", "", ref))
            node += items
