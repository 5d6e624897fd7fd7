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
from ..config import get_config
from ..directive import CatalogDirective, verbatim
from ..domain.links import make_entry_ref
from ..entry import CatalogEntryDirective
from ..export.bibtex import bibtex_record, citable
from ..leaderboards import entry_results_tables
from ..lineage import lineage_figure_for
from .breadcrumbs import kind_anchor, make_breadcrumbs
from .mentions import mentions_placeholder

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.util.typing import OptionSpec

    from ..catalog.entries import Entry

#: How many related entries an entry page lists.
RELATED_LIMIT = 6
#: Fields an entry page shows outside its facts panel: the summary and a topic's points lead,
#: the curators' notes come last.
SHOWN_APART = frozenset({"summary", "points", "notes"})
#: A field whose value is longer than this, or whose label is, goes to the panel's long part.
WIDE_VALUE = 40
WIDE_LABEL = 14


def split_fields(block: nodes.Element) -> None:
    """Split the block's field list in two: the short fields (``vlmcat-short``), which pair up
    two to a row on wide screens, then the long ones (``vlmcat-long``), one to a row; each
    keeps the order of the fields."""
    flist = block.next_node(nodes.field_list)
    if flist is None:
        return
    long = nodes.field_list(classes=["vlmcat-fields", "vlmcat-long"])
    for field in [f for f in flist.children if isinstance(f, nodes.field)]:
        name, body = field[0].astext(), field[-1].astext()
        if len(body) > WIDE_VALUE or len(name) > WIDE_LABEL:
            flist.remove(field)
            long += field
    flist["classes"].append("vlmcat-short")
    if not flist.children:
        block.remove(flist)
    if long.children:
        block += long


def page_title(entry: Entry) -> str:
    """``CLIP: Learning Transferable ...``: the short name leads when the title lacks it."""
    if entry.short and entry.short.casefold() not in entry.title.casefold():
        return f"{entry.short}: {entry.title}"
    return entry.title


class EntryPageDirective(CatalogEntryDirective):
    """``vlm-entry-page <id>``: the whole page of one entry (used by the generated stubs)."""

    option_spec: ClassVar[OptionSpec] = {}

    def run_catalog(self) -> list[Node]:
        """A section: breadcrumbs, title, summary, the facts, related entries, mentions,
        BibTeX, and the curators' notes last."""
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
        folder = get_config(self.env).entry_pages
        if entry.categories:
            self.note_taxonomy()  # the trail names the categories
        # before the section, not in it: a section's first child is its title for Sphinx
        trail = make_breadcrumbs(entry, self.catalog, f"{folder}/index")
        section += nodes.title(title, title)
        section.extend(self.home_target(entry))
        section.extend(self.lead(entry))
        facts = self.block(entry, title=False, skip=SHOWN_APART)
        facts["classes"].append("vlmcat-facts")
        changed = self.domain.data["last_changed"].get(key)
        fields = facts.next_node(nodes.field_list)
        if changed and fields is not None:  # (the date of the catalog's last commit to it)
            label = "Last changed"
            fields += nodes.field(
                "",
                nodes.field_name(label, label),
                nodes.field_body("", nodes.paragraph(changed, changed)),
                classes=["vlmcat-last-changed"],
            )
        split_fields(facts)
        section += facts
        section += lineage_figure_for(self, entry) or []
        section += entry_results_tables(self, entry)
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
        if entry.notes:
            section += nodes.rubric("Curators' notes", "Curators' notes")
            section += verbatim(nodes.paragraph(entry.notes, entry.notes, classes=["vlmcat-notes"]))
        return [trail, section]

    def lead(self, entry: Entry) -> list[Node]:
        """The summary, and a topic's points, before any field."""
        result: list[Node] = []
        if entry.summary:
            result.append(
                verbatim(nodes.paragraph(entry.summary, entry.summary, classes=["vlmcat-lead"]))
            )
        points = entry.get("points")
        if points:
            items = (nodes.list_item("", nodes.paragraph(p, p)) for p in points)
            result.append(verbatim(nodes.bullet_list("", *items, classes=["vlmcat-points"])))
        return result

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
            text = f"{heading} ({len(entries)})"
            section += nodes.rubric(heading, text, ids=[kind_anchor(kind)])
            items = nodes.bullet_list(classes=["vlmcat-index-list"])
            for entry in entries:
                para = nodes.paragraph("", "", make_entry_ref(entry))
                if entry.year:
                    para += nodes.Text(f" ({entry.year})")
                items += nodes.list_item("", para, classes=[f"vlmcat-id-{entry.id}"])
            section += items
        return [section]
