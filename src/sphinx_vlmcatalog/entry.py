"""``vlm-entry``: everything about one entry, and the entry's canonical place ("home").

When ``vlmcatalog_entry_pages`` is set, the generated entry page is the home instead, and a
``vlm-entry`` block elsewhere is only a fallback target (used by the PDF, which has no entry
pages). The block is a target (``vlm-<id>``, also an index entry and an ``objects.inv``
object) followed by a container holding the title and a field list: every non-empty field,
the links, and the relations in both directions ("uses" from the entry's own ``relations``,
"used by" from the catalog's reverse index), each related entry linked to its own home.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx import addnodes

from .catalog.entries import Entry, data_fields
from .config import get_config
from .directive import CatalogDirective, is_empty, link_nodes, one_line, verbatim
from .domain.links import make_entry_ref

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec


#: Fields shown elsewhere in the block (title line, links) or not at all.
_SKIP = frozenset({"id", "title", "links", "relations", "arxiv", "doi", "checked", "results"})
#: Field labels that do not read well capitalised.
_LABELS = {
    "short": "Short name",
    "image_text_pairs": "Image-text pairs",
    "train_size": "Training samples",
    "test_size": "Test samples",
}


def _field(name: str, *body: Node) -> nodes.field:
    return nodes.field(
        "", nodes.field_name(name, name), nodes.field_body("", nodes.paragraph("", "", *body))
    )


class CatalogEntryDirective(CatalogDirective):
    """``vlm-entry <id>``: the full record of one entry; references resolve here."""

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {**CatalogDirective.common_options}

    def run_catalog(self) -> list[Node]:
        """Build the block and claim the entry's home."""
        key = self.arguments[0].strip()
        entry = self.lookup(key)
        if entry is None:
            return []
        if get_config(self.env).entry_pages:
            # the generated entry page is the home; this block is a target for the PDF only
            target = self.fallback_anchor(key)
            return [target, self.block(entry, title=True)]
        return [*self.home_target(entry), self.block(entry, title=True)]

    def home_target(self, entry: Entry) -> list[Node]:
        """An index entry and the anchor of the entry's home, claimed for this document."""
        target = self.make_anchor("vlm", entry.id)
        anchor = target["ids"][0]
        self.domain.note_home(self.env.docname, entry.id, anchor, self.lineno)
        index = addnodes.index(
            entries=[("single", f"{one_line(entry.label)} ({entry.kind})", anchor, "", None)]
        )
        return [index, target]

    def block(
        self, entry: Entry, *, title: bool, skip: frozenset[str] = frozenset()
    ) -> nodes.container:
        """The classed container with (optionally) the title, and the field list (without the
        fields named in ``skip``, which an entry page shows elsewhere)."""
        classes = ["vlmcat-entry", f"vlmcat-kind-{entry.kind}", *self.options.get("class", [])]
        block = verbatim(nodes.container(classes=classes))
        self.set_source_info(block)
        self.add_name(block)
        if title:
            block += nodes.paragraph(
                "", "", nodes.strong(entry.title, entry.title), classes=["vlmcat-entry-title"]
            )
        block += self.field_list(entry, skip)
        return block

    def field_list(self, entry: Entry, skip: frozenset[str] = frozenset()) -> nodes.field_list:
        """Fields, links and relations of ``entry``, but for those named in ``skip``."""
        flist = nodes.field_list(classes=["vlmcat-fields"])
        for name in data_fields(type(entry)):
            if name in _SKIP or name in skip or name == "sources":
                continue
            if name == "points" and entry.get("points"):
                items = (nodes.list_item("", nodes.paragraph(p, p)) for p in entry.get("points"))
                body = nodes.field_body("", nodes.bullet_list("", *items, bullet="-"))
                flist += nodes.field("", nodes.field_name("Points", "Points"), body)
                continue
            text = self.field_text(entry, name)
            if text:
                flist += _field(
                    _LABELS.get(name, name.replace("_", " ").capitalize()), nodes.Text(text)
                )
        schema = self.catalog.schema
        for custom in schema.fields_of(entry.kind):  # the catalog's own, after the built-in
            value = entry.extra.get(custom.name)
            if is_empty(value):
                continue
            if custom.vtype == "url":
                shown: Node = nodes.reference(str(value), str(value), refuri=str(value))
            else:
                shown = nodes.Text(self.field_text(entry, custom.name))
            flist += _field(custom.label, shown)
        if entry.arxiv:
            url = f"https://arxiv.org/abs/{entry.arxiv}"
            flist += _field("arXiv", nodes.reference(entry.arxiv, entry.arxiv, refuri=url))
        if entry.doi:
            url = f"https://doi.org/{entry.doi}"
            flist += _field("DOI", nodes.reference(entry.doi, entry.doi, refuri=url))
        links = link_nodes(entry)
        if links:
            flist += _field("Links", *links)
        if entry.checked:
            flist += _field("Checked against", *self.check_records(entry.checked))
        for rel, targets in entry.relations.items():
            wording = schema.relation_kinds.get(rel, rel)
            flist += _field(f"Uses ({wording})", *self.refs(targets))
        used_by: dict[str, list[str]] = {}
        for rel, source in self.catalog.used_by.get(entry.id, ()):
            used_by.setdefault(rel, []).append(source)
        for rel, sources in used_by.items():
            flist += _field(f"Used by ({schema.relation_inverse(rel)})", *self.refs(sources))
        if not is_empty(entry.sources):
            text = "; ".join(
                f"{s.list} ({s.section})" if s.section else s.list for s in entry.sources
            )
            flist += _field("Listed in", nodes.Text(text))
        return flist

    @staticmethod
    def check_records(records: tuple[str, ...]) -> list[Node]:
        """Each primary source as a link with the date it was read, separated by semicolons."""
        result: list[Node] = []
        for record in records:
            url, _, day = record.rpartition(" ")
            if result:
                result.append(nodes.Text("; "))
            result += [nodes.reference(url, url, refuri=url), nodes.Text(f" ({day})")]
        return result

    def refs(self, keys: tuple[str, ...] | list[str]) -> list[Node]:
        """Links to related entries (plain ids for unknown ones), comma-separated."""
        self.note_shown(keys)
        self.domain.note_refs(self.env.docname, keys)
        result: list[Node] = []
        for key in keys:
            if result:
                result.append(nodes.Text(", "))
            other = self.catalog.get(key)
            result.append(make_entry_ref(other) if other is not None else nodes.Text(key))
        return result


def setup_entry(app: Sphinx) -> None:
    """Register ``vlm-entry``."""
    app.add_directive("vlm-entry", CatalogEntryDirective)
