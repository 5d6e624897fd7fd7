"""``vlm-list``: a compact list in the style of an awesome list.

One bullet per entry: the linked short name (bold), the full title, venue and year in
parentheses, then its links; a topic's points in a list below. With ``:group-by:`` each group
gets a rubric and a list of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from .catalog.fields import canonical_field
from .catalog.issues import Subtype
from .catalog.ordering import group_entries
from .directive import CatalogDirective, entry_class, link_nodes, verbatim
from .domain.links import make_entry_ref

if TYPE_CHECKING:
    from collections.abc import Sequence

    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec

    from .catalog.entries import Entry


class CatalogListDirective(CatalogDirective):
    """``vlm-list``: the selected entries as a bullet list."""

    option_spec: ClassVar[OptionSpec] = {
        **CatalogDirective.selection_options,
        **CatalogDirective.common_options,
        "group-by": directives.unchanged,
    }

    def run_catalog(self) -> list[Node]:
        """Select, optionally group, and build the list(s)."""
        group_name = self.options.get("group-by", "").strip()
        group_field = canonical_field(group_name, self.catalog.schema) if group_name else None
        if group_name and group_field is None:
            self.warn(f"unknown group-by field '{group_name}'; not grouped", Subtype.DIRECTIVE)
        entries = self.select()
        if not entries:
            return []
        if group_field is None:
            result: list[Node] = [self.build_list(entries)]
        else:
            if group_field in ("categories", "top_category"):
                self.note_taxonomy()
            result = []
            for group in group_entries(entries, group_field, self.catalog):
                rubric = nodes.rubric(group.title, group.title, classes=["vlmcat-group"])
                result.append(verbatim(rubric))
                result.append(self.build_list(group.entries))
        first = next(n for n in result if isinstance(n, nodes.Element))
        self.add_name(first)
        return result

    def build_list(self, entries: Sequence[Entry]) -> nodes.bullet_list:
        """One bullet list."""
        blist = verbatim(nodes.bullet_list(classes=["vlmcat-list", *self.options.get("class", [])]))
        self.set_source_info(blist)
        for entry in entries:
            para = nodes.paragraph()
            anchor = self.fallback_anchor(entry.id)
            para += anchor
            para += nodes.strong("", "", make_entry_ref(entry, here=anchor["ids"]))
            if entry.short:
                para += nodes.Text(f" — {entry.title}")
            where = " ".join(x for x in (entry.venue, str(entry.year or "")) if x)
            if where:
                para += nodes.Text(f" ({where})")
            links = link_nodes(entry, sep=", ")
            if links:
                para += nodes.Text(" · ")
                para.extend(links)
            item = nodes.list_item("", para, classes=[entry_class(entry.id)])
            points = entry.get("points")
            if points:  # a topic's points are its content, as on its card; never leave them out
                item += nodes.bullet_list(
                    "",
                    *(nodes.list_item("", nodes.paragraph(p, p)) for p in points),
                    classes=["vlmcat-points"],
                )
            blist += item
        return blist


def setup_lists(app: Sphinx) -> None:
    """Register ``vlm-list``."""
    app.add_directive("vlm-list", CatalogListDirective)
