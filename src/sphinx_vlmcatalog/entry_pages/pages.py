"""The directives of the generated entry pages: ``vlm-entry-page`` and ``vlm-entry-index``.

:mod:`.stubs` writes one tiny stub per entry, holding only ``.. vlm-entry-page:: <id>``;
everything on the page comes from the catalog here, at read time, as nodes: a section titled by
the entry, the ``vlm-entry`` block (fields, links, relations both ways), a few related entries
(sharing categories), a placeholder for "mentioned in" (filled at write time, when every chapter
has been read) and the BibTeX record. The page claims the entry's home, so ``{vlm}`` links land
here. ``vlm-entry-index`` lists every entry, grouped by kind, on the index page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util.nodes import make_id

from ..catalog.entries import KIND_TITLES
from ..catalog.fields import field_value
from ..catalog.selection import run_selection
from ..directive import CatalogDirective, verbatim
from ..domain.links import make_entry_ref
from ..entry import CatalogEntryDirective
from ..export.bibtex import bibtex_record, citable
from ..lineage import lineage_figure_for
from .mentions import mentions_placeholder

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.util.typing import OptionSpec

    from ..catalog.entries import Entry

#: How many related entries an entry page lists.
RELATED_LIMIT = 6


def page_title(entry: Entry) -> str:
    """``CLIP: Learning Transferable ...``: the short name leads when the title lacks it."""
    if entry.short and entry.short.casefold() not in entry.title.casefold():
        return f"{entry.short}: {entry.title}"
    return entry.title


class EntryPageDirective(CatalogEntryDirective):
    """``vlm-entry-page <id>``: the whole page of one entry (used by the generated stubs)."""

    option_spec: ClassVar[OptionSpec] = {}

    def run_catalog(self) -> list[Node]:
        """A section: title, the entry block, related entries, mentions, BibTeX."""
        key = self.arguments[0].strip()
        entry = self.lookup(key)
        if entry is None:
            return []
        title = page_title(entry)
        section = verbatim(
            nodes.section(
                ids=[make_id(self.env, self.state.document, "entry", key)],
                classes=["vlmcat-entry-page"],
            )
        )
        section += nodes.title(title, title)
        section.extend(self.home_target(entry))
        section += self.block(entry, title=False)
        section += lineage_figure_for(self, entry) or []
        related = self.related(entry)
        if related:
            section += nodes.rubric("Related entries", "Related entries")
            items = nodes.bullet_list(classes=["vlmcat-related"])
            for other in related:
                items += nodes.list_item("", nodes.paragraph("", "", *self.item(other)))
            section += items
        section += nodes.rubric("Mentioned in", "Mentioned in")
        section += mentions_placeholder(key)
        if citable([entry]):  # topics are not works one cites
            section += nodes.rubric("Cite", "Cite")
            text = bibtex_record(entry, self.catalog.schema)
            cite = nodes.container(classes=["vlmcat-bibtex"])
            cite += nodes.literal_block(text, text, language="bibtex")
            section += cite
        return [section]

    def item(self, entry: Entry) -> list[Node]:
        """A link to ``entry`` followed by its kind and year."""
        details = ", ".join(str(v) for v in (entry.kind, entry.year) if v)
        return [make_entry_ref(entry), nodes.Text(f" ({details})")]

    def related(self, entry: Entry) -> list[Entry]:
        """Up to :data:`RELATED_LIMIT` entries sharing the most categories with ``entry``.

        The candidate set is recorded as a query, so the page is re-read when it changes; the
        shown entries are recorded too, so a changed label re-reads the page.
        """
        if not entry.categories:
            return []
        filter_ = "category:" + ",".join(entry.categories)
        candidates = [e for e in self.select_quietly(filter_) if e.id != entry.id]
        mine = set(entry.categories)
        order = self.catalog.order

        def score(other: Entry) -> tuple[int, int, int]:
            shared = len(mine & set(other.categories))
            year = other.year or 0
            return (-shared, -year, order[other.id])

        chosen = sorted(candidates, key=score)[:RELATED_LIMIT]
        self.note_shown(e.id for e in chosen)
        self.domain.note_refs(self.env.docname, [e.id for e in chosen])
        return chosen

    def select_quietly(self, filter_: str) -> list[Entry]:
        """Like :meth:`select` for a generated filter (it always parses, never warns empty)."""
        entries = run_selection(self.catalog, filter_, "", None)
        ids = tuple(e.id for e in entries)
        self.domain.note_query(self.env.docname, (filter_, "", None, ids))
        return entries


class EntryIndexDirective(CatalogDirective):
    """``vlm-entry-index``: every entry, grouped by kind, linked to its page."""

    option_spec: ClassVar[OptionSpec] = {}

    def run_catalog(self) -> list[Node]:
        """A titled section with one compact list per kind."""
        catalog = self.catalog
        every = tuple(catalog.entries)
        self.note_shown(every)
        # entries of one year are listed in catalog order: moving one re-reads the page
        self.domain.note_query(self.env.docname, ("", "", None, every))
        section = verbatim(
            nodes.section(
                ids=[make_id(self.env, self.state.document, "", "catalog-entries")],
                classes=["vlmcat-entry-index"],
            )
        )
        title = "Catalog entries"
        section += nodes.title(title, title)
        section += nodes.paragraph(
            "",
            f"Every entry of the catalog has a page of its own; {len(catalog)} entries, "
            "by kind, newest first.",
        )
        for kind, heading in KIND_TITLES.items():
            ids = catalog.by_kind.get(kind, [])
            if not ids:
                continue
            entries = sorted(catalog.in_order(ids), key=lambda e: -(field_value(e, "year") or 0))
            section += nodes.rubric(heading, f"{heading} ({len(entries)})")
            items = nodes.bullet_list(classes=["vlmcat-index-list"])
            for entry in entries:
                para = nodes.paragraph("", "", make_entry_ref(entry))
                if entry.year:
                    para += nodes.Text(f" ({entry.year})")
                items += nodes.list_item("", para, classes=[f"vlmcat-id-{entry.id}"])
            section += items
        return [section]
