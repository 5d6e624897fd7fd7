"""``vlm-explore``: a link to the explorer, optionally with a query filled in.

``{vlm-explore}`the explorer``` links to the page; ``{vlm-explore}`models <kind:model>``` opens
it with the query ``kind:model``. The link is a placeholder until the write phase, where the
builder is known: pages of a build with an explorer get a relative link, other formats (and
builds without one) the text alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole
from sphinx.util.osutil import relative_uri

from ..catalog.fields import QueryError
from ..catalog.query import parse_query
from ..config import explorer_page
from ..domain.catalog_domain import get_catalog
from ..domain.links import current_builder

if TYPE_CHECKING:
    from docutils.nodes import Node

#: ``text <query>``: the query in angle brackets at the end, after a space (a query may hold
#: ``<`` and ``>`` itself: ``year:>=2021``).
EXPLICIT = re.compile(r"^(?P<text>.+?)\s+<(?P<query>.*)>$", re.DOTALL)


class explore_ref(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils node naming
    """A link to the explorer with query ``node["query"]``, resolved by :class:`ExploreLinks`."""


class ExploreRole(SphinxRole):
    """``{vlm-explore}`text <query>```, or ``{vlm-explore}`text``` for the page alone."""

    def run(self) -> tuple[list[Node], list[nodes.system_message]]:
        """The placeholder link; an error for a query that does not parse."""
        match = EXPLICIT.match(self.text)
        text, query = (match["text"], match["query"].strip()) if match else (self.text, "")
        try:
            parse_query(query, get_catalog(self.env).schema)
        except QueryError as exc:
            msg = self.inliner.reporter.error(f"vlm-explore: {exc}", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        return [explore_ref(self.rawtext, text, query=query)], []


class ExploreLinks(SphinxPostTransform):
    """Point each :class:`explore_ref` at the explorer, or leave its text where there is none."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        """Resolve every explorer link of the document."""
        builder = current_builder(self)
        page = explorer_page(builder)
        base = builder.get_target_uri(self.env.docname) if page else ""
        for node in list(self.document.findall(explore_ref)):
            children = list(node.children)
            if not page:
                node.replace_self(nodes.inline("", "", *children))
                continue
            uri = relative_uri(base, builder.get_target_uri(page))
            if node["query"]:
                uri += "?q=" + quote(node["query"], safe=":,")
            ref = nodes.reference("", "", *children, refuri=uri, internal=True)
            ref["classes"].append("vlmcat-explore")
            node.replace_self(ref)
