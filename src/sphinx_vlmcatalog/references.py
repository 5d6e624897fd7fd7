"""``vlm-references``: a numbered list of every entry the document set cites.

The directive leaves a placeholder and records the list in the domain; which entries it holds
depends on every document, so :class:`ReferencesTransform` fills it at write time from the
citation plan (:mod:`.domain.citations`): an ``[n]`` item per entry with its authors, title,
venue, year and a printed address (``arXiv:<id>`` or the URL), so that a paper copy still leads
to the work. The number is the one ``vlmcatalog_citation_style = "numeric"`` prints after each
mention, and each item is a link target for the PDF's mentions of entries shown nowhere else.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .catalog.issues import Subtype
from .directive import CatalogDirective, author_text, entry_links, one_line, verbatim
from .domain.catalog_domain import get_catalog
from .domain.citations import citation_plan
from .domain.links import current_builder
from .domain.records import docname_at, reference_anchor

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec

    from .catalog.entries import Entry

_ARXIV_URL = re.compile(r"^https?://arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", re.IGNORECASE)


def document_patterns(argument: str | None) -> tuple[str, ...]:
    """Option converter: docname patterns (``survey/*``), separated by spaces."""
    patterns = tuple((argument or "").split())
    if not patterns:
        msg = "give one or more document names or patterns, like 'index survey/*'"
        raise ValueError(msg)
    return patterns


class ReferencesDirective(CatalogDirective):
    """``vlm-references``: the entries cited in the documents of the output (or those matching
    ``:documents:``), numbered in the order of first citation."""

    option_spec: ClassVar[OptionSpec] = {
        **CatalogDirective.common_options,
        "documents": document_patterns,
    }

    def run_catalog(self) -> list[Node]:
        """Record the list and leave its placeholder."""
        docname = self.env.docname
        if self.domain.record(docname)["references"]:
            self.warn("one references list per document; this one is ignored", Subtype.DIRECTIVE)
            return []
        self.domain.note_references(docname, self.options.get("documents", ()))
        # any entry may be cited, so any change to the catalog re-reads this page
        self.domain.note_query(docname, ("", "", None, ()))
        holder = nodes.container(classes=["vlmcat-references", *self.options.get("class", [])])
        holder["vlm_references"] = True
        self.add_name(holder)
        return [holder]


def printed_links(entry: Entry) -> list[tuple[str, str]]:
    """(text, url) to print: ``arXiv:<id>`` for an arXiv paper, and the paper's (or first) URL
    when it is not that arXiv page; a DOI when there is nothing else."""
    links = entry_links(entry)
    url = links[0][1] if links else None
    found = _ARXIV_URL.match(url) if url else None
    arxiv = entry.arxiv or (found.group(1) if found else None)
    printed = []
    if arxiv:
        printed.append((f"arXiv:{arxiv}", f"https://arxiv.org/abs/{arxiv}"))
    if url and not _ARXIV_URL.match(url):
        printed.append((url, url))
    if not printed and entry.doi:
        printed.append((f"doi:{entry.doi}", f"https://doi.org/{entry.doi}"))
    return printed


def reference_paragraph(entry: Entry) -> nodes.paragraph:
    """Authors. *Title* (short name). Venue, year. Address."""
    para = verbatim(nodes.paragraph())
    para += nodes.target("", "", ids=[reference_anchor(entry.id)])
    authors = author_text(entry.authors)
    if authors:
        para += nodes.Text(authors.rstrip(".") + ". ")
    title = one_line(entry.title).rstrip(".")
    para += nodes.emphasis(title, title)
    if entry.short and entry.short not in entry.title:  # ("CoOp: Learning..." names it)
        short = one_line(entry.short)
        # a short name with its own parentheses ("WIT (CLIP data)") would nest them
        para += nodes.Text(f" \N{EM DASH} {short}" if "(" in short else f" ({short})")
    para += nodes.Text(". ")
    where = ", ".join(x for x in (entry.venue, str(entry.year or "")) if x)
    if where:
        para += nodes.Text(f"{where}. ")
    for i, (text, url) in enumerate(printed_links(entry)):
        if i:
            para += nodes.Text(", ")
        # text == url: LaTeX prints it with \url, which breaks long addresses
        para += nodes.reference(text, text, refuri=url, classes=["vlmcat-ref-url"])
    return para


class ReferencesTransform(SphinxPostTransform):
    """Fill each ``vlm-references`` placeholder with its numbered list (write time)."""

    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        """Build the list the citation plan gives the placeholder's document."""
        start = self.env.docname
        plan = citation_plan(self.env, current_builder(self), start)
        catalog = get_catalog(self.env)
        for node in list(self.document.findall(nodes.container)):
            if not node.get("vlm_references"):
                continue
            ids = plan["lists"].get(docname_at(node) or start, [])
            entries = [e for key in ids if (e := catalog.get(key)) is not None]
            if not entries:
                node += nodes.paragraph("", "No catalog entries are cited.")
                continue
            # "[1]" labels, like the numbers after mentions (LaTeX; CSS does it in HTML)
            items = nodes.enumerated_list(enumtype="arabic", prefix="[", suffix="]")
            items["classes"].append("vlmcat-reference-list")
            for entry in entries:
                items += nodes.list_item("", reference_paragraph(entry))
            node += items


def setup_references(app: Sphinx) -> None:
    """Register ``vlm-references`` and the transform that fills it."""
    app.add_directive("vlm-references", ReferencesDirective)
    app.add_post_transform(ReferencesTransform)
