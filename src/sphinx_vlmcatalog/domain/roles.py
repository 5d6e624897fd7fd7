"""Inline roles: ``{vlm}`clip``` references an entry, ``{vlm-count}`kind:dataset``` counts.

The reference role is an :class:`~sphinx.roles.XRefRole` (so explicit titles, ``!`` and ``~`` work
as everywhere in Sphinx) that always targets the ``vlm`` domain, whatever name it is registered
under (``vlm``, ``vlm:entry``, ``vlm:model``...). The catalog is known while reading, so an unknown
id is reported at once, at the role's line, and rendered as plain text. Only when intersphinx is
active is the decision left to resolution time, because another project may define the id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.roles import XRefRole
from sphinx.util.docutils import SphinxRole

from ..catalog.fields import QueryError
from ..catalog.issues import Subtype
from ..catalog.query import parse_query
from ..catalog.query_hints import never_matching
from ..catalog.selection import run_selection
from ..config import get_config
from ..warnings_ import log_warning
from .catalog_domain import get_catalog, get_domain
from .citations import cite

if TYPE_CHECKING:
    from docutils.nodes import Element, Node, system_message
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment


class EntryRole(XRefRole):
    """Reference to a catalog entry by id; shows its short name unless a title is given."""

    def __init__(self) -> None:
        # warn_dangling: unresolved references reach warn_missing_reference below, which
        # reports unknown ids once and keeps known-but-homeless entries silent
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)

    def run(self) -> tuple[list[Node], list[system_message]]:
        """Create the ``pending_xref`` for domain ``vlm``."""
        kind = self.name.split(":", 1)[1] if ":" in self.name else "entry"
        self.refdomain, self.reftype = "vlm", kind
        self.classes = ["xref", "vlm", f"vlm-{kind}"]
        if self.disabled:
            return self.create_non_xref_node()
        return self.create_xref_node()

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: Element, is_ref: bool
    ) -> tuple[list[Node], list[system_message]]:
        """Check the id now, use the entry's label as text, and record the reference."""
        key = node["reftarget"]
        entry = get_catalog(env).get(key)
        if entry is None:
            if _intersphinx_active(env):
                return [node], []  # another project may define it; see warn_missing_reference
            log_warning(
                f"unknown catalog entry '{key}'", Subtype.UNKNOWN_ENTRY, self.get_location()
            )
            return [nodes.inline(node.astext(), node.astext(), classes=["vlmcat-unknown"])], []
        kind = node["reftype"]
        if kind not in ("entry", entry.kind):
            log_warning(
                f"vlm:{kind} names '{key}', which is a {entry.kind}; use vlm:{entry.kind} or vlm",
                Subtype.WRONG_KIND,
                self.get_location(),
            )
        if not node.get("refexplicit"):
            inner = node[0]
            assert isinstance(inner, nodes.Element)
            inner.clear()
            inner += nodes.Text(" ".join(entry.label.split()))  # (one line, as in LaTeX)
            inner["support_smartquotes"] = False  # catalog data, as written (see verbatim())
        domain = get_domain(env)
        domain.note_shown(env.docname, [key])
        domain.note_refs(env.docname, [key])
        domain.note_cite(env.docname, key)
        if get_config(env).citation_style == "numeric":
            return [node, cite("", entry=key)], []  # its number, once the lists are known
        return [node], []


def _intersphinx_active(env: BuildEnvironment) -> bool:
    return bool(getattr(env.config, "intersphinx_mapping", None))


class CountRole(SphinxRole):
    """``{vlm-count}`query``` renders how many entries match the query."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        """Evaluate the query and record it, so the number is refreshed when results change."""
        query = self.text.strip()
        catalog = get_catalog(self.env)
        try:
            ids = tuple(e.id for e in run_selection(catalog, query, "", None))
        except QueryError as exc:
            log_warning(f"invalid query in vlm-count: {exc}", Subtype.QUERY, self.get_location())
            return [nodes.inline("?", "?", classes=["vlmcat-count", "vlmcat-error"])], []
        for message in never_matching(parse_query(query, catalog.schema), catalog):
            log_warning(f"vlm-count: query {message}", Subtype.QUERY, self.get_location())
        get_domain(self.env).note_query(self.env.docname, (query, "", None, ids))
        text = str(len(ids))
        return [nodes.inline(text, text, classes=["vlmcat-count"])], []


def warn_missing_reference(app: Sphinx, domain: Domain, node: pending_xref) -> bool | None:
    """Report unresolved ``vlm`` references once, as ``vlmcatalog.unknown_entry``.

    Known entries without a target fall back to text silently; unknown ids only reach this point
    when intersphinx was active at read time (otherwise the role already warned).
    """
    if domain.name != "vlm":
        return None
    key = node["reftarget"]
    if key not in get_catalog(app.env):
        log_warning(
            f"unknown catalog entry '{key}' (not in this catalog or any inventory)",
            Subtype.UNKNOWN_ENTRY,
            node,
        )
    return True
