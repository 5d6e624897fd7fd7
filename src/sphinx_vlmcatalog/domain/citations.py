"""Numbered citations, and the link targets of a PDF.

A ``vlm-references`` list holds every entry cited by a ``{vlm}`` role in the documents it covers
(the documents of the output, or those matching its patterns), numbered in the order of first
citation: documents in reading order (:mod:`.reading`), each document's citations in its own
order. The same documents give the same numbers in the HTML site (the order of the root
document's toctrees) and in a PDF (the documents it holds). With ``vlmcatalog_citation_style =
"numeric"`` the role puts a :class:`cite` after each mention, which becomes its ``[n]``, linked
to the list item.

The HTML site's plan is computed at ``env-updated``, and pages whose numbers changed are
returned for rewriting; a PDF's plan, and its link targets, when the PDF is assembled
(:class:`AssembledOutput`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.matching import patmatch

from .catalog_domain import get_domain
from .links import current_builder
from .reading import adopt_parts, first_targets, toctree_order, tree_order
from .records import SINGLE_DOCUMENT_FORMATS, CitationPlan, DocRecord, docname_at, reference_anchor

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.docutils import SphinxTranslator


class cite(nodes.Inline, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where the number of entry ``node["entry"]`` goes, after a mention (numeric style)."""


def plan_citations(docs: Mapping[str, DocRecord], order: Iterable[str]) -> CitationPlan:
    """Number the citations of the documents of ``order`` for the references lists among them.

    A document's citations are numbered by the first list in reading order that covers it.
    """
    order = list(order)
    lists: dict[str, list[str]] = {}
    covers: dict[str, str] = {}
    for refdoc in order:
        rec = docs.get(refdoc)
        if rec is None or not rec["references"]:
            continue
        patterns = rec["references"][0]  # (the directive allows one list per document)
        scope = [d for d in order if not patterns or any(patmatch(d, p) for p in patterns)]
        ids: dict[str, None] = {}
        for docname in scope:
            cited = docs.get(docname)
            ids.update(dict.fromkeys(cited["cites"] if cited is not None else ()))
        lists[refdoc] = list(ids)
        for docname in scope:
            covers.setdefault(docname, refdoc)
    return {"lists": lists, "covers": covers}


def is_single_document(builder: Builder) -> bool:
    """Whether ``builder`` writes one document assembled from the start document's toctree."""
    return builder.name == "singlehtml" or builder.format in SINGLE_DOCUMENT_FORMATS


def citation_plan(env: BuildEnvironment, builder: Builder, fromdocname: str) -> CitationPlan:
    """The plan that numbers the citations written from ``fromdocname``."""
    domain = get_domain(env)
    if is_single_document(builder):
        found = domain.output_citations.get(fromdocname)
        if found is not None:
            return found
    return domain.data["citations"]  # type: ignore[no-any-return]


class AssembledOutput(SphinxPostTransform):
    """Number the citations of a single-document output and find its entries' link targets.

    Runs first (priority 3), on the assembled tree of a PDF, before any link is resolved.
    """

    default_priority = 3

    def is_supported(self) -> bool:
        """Only builders that write one assembled document."""
        return is_single_document(current_builder(self))

    def run(self, **kwargs: Any) -> None:
        """Record the plan and the targets of this output, under its start document."""
        domain = get_domain(self.env)
        start = self.env.docname
        adopt_parts(self.document)
        order = tree_order(self.document, current_builder(self).tags, start)
        plan = plan_citations(domain.docs, order)
        domain.output_citations[start] = plan
        domain.output_targets[start] = first_targets(domain.docs, order, plan["lists"])


class CiteResolver(SphinxPostTransform):
    """Turn each :class:`cite` into `` [n]`` linked to the references list, or drop it when no
    list numbers the mention's document."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        """Number every citation of the document."""
        builder = current_builder(self)
        start = self.env.docname
        plan = citation_plan(self.env, builder, start)
        domain = get_domain(self.env)
        numbers = {
            refdoc: {key: n for n, key in enumerate(ids, 1)}
            for refdoc, ids in plan["lists"].items()
        }
        for node in list(self.document.findall(cite)):
            key = node["entry"]
            refdoc = plan["covers"].get(docname_at(node) or start)
            number = numbers.get(refdoc, {}).get(key) if refdoc is not None else None
            if refdoc is None or number is None:
                node.parent.remove(node)
                continue
            text = f"[{number}]"
            ref = domain.make_refnode(builder, start, refdoc, reference_anchor(key), text)
            ref["classes"].append("vlmcat-cite")
            node.replace_self([nodes.Text("\u00a0"), ref])  # (no line break before the number)


def _view(plan: Mapping[str, Any], docs: Mapping[str, DocRecord], docname: str) -> Any:
    """What ``docname`` shows of ``plan``: its citations' numbers, and its own list."""
    refdoc = plan.get("covers", {}).get(docname)
    listed = plan.get("lists", {}).get(refdoc, [])
    numbers = [listed.index(key) if key in listed else None for key in docs[docname]["cites"]]
    return refdoc, numbers, plan.get("lists", {}).get(docname)


def citations_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Number the HTML site's citations; return pages whose numbers changed (``env-updated``)."""
    domain = get_domain(env)
    old: Mapping[str, Any] = domain.data.get("citations") or {}
    new = plan_citations(domain.docs, toctree_order(env))
    domain.data["citations"] = new
    if old == new:
        return []
    return sorted(
        docname
        for docname in domain.docs
        if docname in env.all_docs
        and _view(old, domain.docs, docname) != _view(new, domain.docs, docname)
    )


def skip_cite(self: SphinxTranslator, node: cite) -> None:
    """A :class:`cite` that escaped its resolver writes nothing."""
    raise nodes.SkipNode


#: Visitors of :class:`cite` for every builder format.
CITE_VISITORS = (skip_cite, None)
