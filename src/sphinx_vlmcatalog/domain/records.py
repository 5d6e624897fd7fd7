"""The plain data the ``vlm`` domain keeps: per-document records, link targets, citation plans.

Plain dicts, tuples and sets, so that Sphinx can save, merge and compare them; the catalog
itself is held in a :class:`Transient`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from sphinx import addnodes

if TYPE_CHECKING:
    from docutils.nodes import Node


class Transient:
    """A value for this process only: it pickles as empty.

    The catalog lives in the domain data, but not in the pickled environment: Sphinx pickles the
    whole environment at the end of a build and once per chunk of documents a parallel reader
    sends back, and a catalog of thousands of entries would be copied every time. The catalog
    is loaded again at the next build (from the file cache when its files are unchanged).
    """

    __slots__ = ("value",)

    def __init__(self, value: Any = None) -> None:
        self.value = value

    def __reduce__(self) -> tuple[type[Transient], tuple[()]]:
        return (Transient, ())


#: Builder formats that assemble one document from the root toctree (without entry pages).
SINGLE_DOCUMENT_FORMATS = frozenset({"latex", "texinfo", "man"})


def docname_at(node: Node) -> str | None:
    """The document ``node`` was read from, inside a single-document output (a PDF) that holds
    every chapter in ``start_of_file`` nodes; None outside one (see ``reading.adopt_parts``)."""
    parent: Node | None = node
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return str(parent["docname"])
        parent = parent.parent
    return None


#: A query a document evaluated: (filter, sort, limit, resulting ids in display order).
QueryRecord = tuple[str, str, int | None, tuple[str, ...]]


class DocRecord(TypedDict):
    """What one document did with the catalog (plain data: pickled, merged, compared)."""

    #: ids of entries whose content the document shows (plus "@taxonomy" for category titles)
    shown: set[str]
    #: queries evaluated, to re-run when the catalog changes
    queries: list[QueryRecord]
    #: ids referenced through roles or links (their targets may move)
    refs: set[str]
    #: entries this document is the home of: id -> (anchor, line)
    homes: dict[str, tuple[str, int]]
    #: fallback anchors (cards, list items): id -> anchor
    anchors: dict[str, str]
    #: ids cited by ``{vlm}`` roles, each once, in the order of first citation
    cites: list[str]
    #: the ``vlm-references`` lists of the document: each its docname patterns (() = all)
    references: list[tuple[str, ...]]
    #: where the document mentions entries, in document order, once per entry and section:
    #: (id, anchor, section title or "" for the page's own); noted at ``doctree-read`` when
    #: there are entry pages, for their "Mentioned in" lists
    places: list[tuple[str, str, str]]


def new_record() -> DocRecord:
    return {
        "shown": set(),
        "queries": [],
        "refs": set(),
        "homes": {},
        "anchors": {},
        "cites": [],
        "references": [],
        "places": [],
    }


#: A link target: (docname, anchor, priority); priority 1 = home, 2 = a rendering or reference.
Target = tuple[str, str, int]


class CitationPlan(TypedDict):
    """Which ``vlm-references`` list numbers the citations of which document (plain data)."""

    #: document holding a list -> the ids it lists, in number order
    lists: dict[str, list[str]]
    #: document -> the document whose list numbers its citations
    covers: dict[str, str]


def reference_anchor(key: str) -> str:
    """The id of entry ``key``'s item in a ``vlm-references`` list (``vlmcat-`` ids are the
    renderings' own, see ``CatalogDirective.entry_anchor``)."""
    return f"vlmref-{key}"
