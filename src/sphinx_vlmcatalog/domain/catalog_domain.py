"""The ``vlm`` domain: catalog entries as cross-referenceable objects.

The domain data holds the catalog of the build (loaded by :mod:`..store`, never merged between
processes) and, per document, plain picklable records of what the document did with it: which
entries it showed, which queries it ran (with their results), which entries it referenced, and the
entries it is the canonical place ("home") of. From those records Sphinx gets purging, parallel
merging, ``:any:`` resolution and ``objects.inv``; :mod:`..store` gets entry-level incremental
rebuilds. The roles (:mod:`.roles`) are added to the domain by :func:`.setup_domain`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.locale import _
from sphinx.util.nodes import make_refnode

from ..catalog.entries import EntryKind
from ..catalog.issues import Subtype
from ..config import get_config
from ..warnings_ import log_warning
from .records import (
    SINGLE_DOCUMENT_FORMATS,
    CitationPlan,
    DocRecord,
    QueryRecord,
    Target,
    Transient,
    new_record,
)

if TYPE_CHECKING:
    from docutils.nodes import Element, Node
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..catalog.index import Catalog


#: The class of every link that mentions a catalog entry in HTML, when previews are on; a
#: second class, this prefix and the id, names the entry (ids are slugs, safe in class names).
MENTION_CLASS = "vlmcat-mention"


def mention_classes(key: str) -> list[str]:
    """The classes that mark a link as a mention of entry ``key`` (:mod:`..previews`)."""
    return [MENTION_CLASS, f"{MENTION_CLASS}-{key}"]


def previews_enabled(env: BuildEnvironment, builder: Builder) -> bool:
    """Whether entry previews are on for this output: HTML pages (not epub, whose readers
    rarely run scripts), with ``vlmcatalog_previews``."""
    if builder.format != "html" or builder.name.startswith("epub"):
        return False
    return bool(get_config(env).previews)


def get_domain(env: BuildEnvironment) -> CatalogDomain:
    """The ``vlm`` domain of ``env``."""
    return cast("CatalogDomain", env.get_domain("vlm"))


def get_catalog(env: BuildEnvironment) -> Catalog:
    """The catalog of the current build (loaded at ``builder-inited``)."""
    catalog = get_domain(env).catalog
    if catalog is None:  # builder-inited always loads it; this guards misuse
        msg = "the vlmcatalog catalog is used before builder-inited loaded it"
        raise RuntimeError(msg)
    return catalog


class CatalogDomain(Domain):
    """Domain ``vlm``: one object per catalog entry, typed by its kind."""

    name = "vlm"
    label = "VLM catalog"
    object_types: ClassVar[dict[str, ObjType]] = {
        kind.value: ObjType(_(kind.value), "entry", kind.value) for kind in EntryKind
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "catalog": None,  # Transient(Catalog of this build); never merged, never pickled
        "fingerprint": "",  # fingerprint of the catalog files it was loaded from
        "digests": {},  # id -> content digest (catalog.digest.entry_digests)
        "field_digests": {},  # file -> (hash of its bytes, catalog.digest.field_digests of it)
        "changed": set(),  # ids changed by this build's reload (empty when up to date)
        "order": "",  # digest of the entry ids in catalog order
        "reordered": False,  # whether this build's reload changed the order
        "schema": "",  # digest of the catalog's schema.yaml (catalog.custom.CatalogSchema)
        "schema_changed": False,  # whether this build's reload changed it
        "docs": {},  # docname -> DocRecord
        "index": {},  # id -> (docname, anchor, priority); computed at env-updated
        "print_index": {},  # the same without entry pages, for single-document builders
        "mentions": {},  # id -> ((docname, anchor, section), ...); computed at env-updated
        "citations": {},  # the citation plan of the HTML site (domain/citations.py)
        "last_changed": {},  # id -> YYYY-MM-DD from the catalog's git history (entry pages)
        "history": {},  # catalog file -> (commit, digest and lines it was blamed at, its dates)
    }
    # 1: first version
    # 2: print_index and mentions (entry pages); the catalog is held in a Transient, kept out
    #    of pickles (reloaded from the file cache)
    # 3: order and reordered (catalog order changes re-read pages)
    # 5: schema and schema_changed (a schema.yaml edit re-reads every page of the catalog);
    # cites and references in the records; the citation plan
    # 6: places in the records; mentions name the place (anchor and section); last_changed
    #    and history
    data_version = 6

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: link targets of each single-document output being written (a PDF), keyed by its
        #: start document; set when the output is assembled (:mod:`.reading`), never pickled
        self.output_targets: dict[str, dict[str, Target]] = {}
        #: the citation plan of each such output, likewise
        self.output_citations: dict[str, CitationPlan] = {}

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        """``VLM catalog model``: the configured name of the catalog's objects, and the kind."""
        if primary:
            return str(type.lname)
        return f"{get_config(self.env).domain_label} {type.lname}"

    # ---------------------------------------------------------------- typed access

    @property
    def catalog(self) -> Catalog | None:
        """The catalog of this build (None before it is loaded)."""
        holder = self.data["catalog"]
        return holder.value if isinstance(holder, Transient) else None

    @property
    def docs(self) -> dict[str, DocRecord]:
        """Per-document records."""
        return self.data["docs"]  # type: ignore[no-any-return]

    @property
    def index(self) -> dict[str, Target]:
        """Entry id -> (docname, anchor, priority) of its link target; 1 = home, 2 = fallback."""
        return self.data["index"]  # type: ignore[no-any-return]

    @property
    def print_index(self) -> dict[str, Target]:
        """Like :attr:`index`, but never pointing into the generated entry pages."""
        return self.data["print_index"]  # type: ignore[no-any-return]

    def record(self, docname: str) -> DocRecord:
        """The record of ``docname``, created on first use."""
        rec = self.docs.get(docname)
        if rec is None:
            rec = self.docs[docname] = new_record()
        return rec

    # ---------------------------------------------------------------- noting usage

    def note_shown(self, docname: str, ids: Iterable[str]) -> None:
        """``docname`` shows the content of these entries."""
        self.record(docname)["shown"].update(ids)

    def note_query(self, docname: str, query: QueryRecord) -> None:
        """``docname`` evaluated this query."""
        self.record(docname)["queries"].append(query)

    def note_refs(self, docname: str, ids: Iterable[str]) -> None:
        """``docname`` links to these entries."""
        self.record(docname)["refs"].update(ids)

    def note_cite(self, docname: str, key: str) -> None:
        """``docname`` cites ``key`` with a ``{vlm}`` role (the first citation fixes its place)."""
        cites = self.record(docname)["cites"]
        if key not in cites:
            cites.append(key)

    def note_references(self, docname: str, patterns: tuple[str, ...]) -> None:
        """``docname`` holds a ``vlm-references`` list of the documents matching ``patterns``."""
        self.record(docname)["references"].append(patterns)

    def note_anchor(self, docname: str, key: str, anchor: str) -> None:
        """A card or list item in ``docname`` may serve as ``key``'s target if it has no home."""
        self.record(docname)["anchors"].setdefault(key, anchor)

    def note_home(self, docname: str, key: str, anchor: str, line: int) -> None:
        """Make ``anchor`` in ``docname`` the home of ``key``, unless another document has it.

        Of two documents claiming one entry, the alphabetically first keeps it and the other is
        warned about, whatever order (or process) they were read in, so that serial, parallel
        and incremental builds agree.
        """
        self._claim(key, docname, anchor, line)

    def _claim(self, key: str, docname: str, anchor: str, line: int) -> None:
        other = next(
            (d for d, rec in self.docs.items() if d != docname and key in rec["homes"]), None
        )
        if other is None or docname < other:
            if other is not None:
                _anchor, other_line = self.docs[other]["homes"].pop(key)
                self._warn_duplicate(key, other, other_line, docname)
            self.record(docname)["homes"][key] = (anchor, line)
        else:
            self._warn_duplicate(key, docname, line, other)

    def _warn_duplicate(self, key: str, docname: str, line: int, other: str) -> None:
        log_warning(
            f"entry '{key}' already has its home in {other!r}; references will go there",
            Subtype.DUPLICATE_HOME,
            (docname, line),
        )

    # ---------------------------------------------------------------- Domain API

    def clear_doc(self, docname: str) -> None:
        """Forget everything ``docname`` recorded."""
        self.docs.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        """Take the records of ``docnames`` from a parallel reader (the catalog is not merged)."""
        for docname in docnames:
            rec = otherdata["docs"].get(docname)
            if rec is None:
                continue
            homes = rec["homes"]
            rec["homes"] = {}
            self.docs[docname] = rec
            for key, (anchor, line) in homes.items():
                self._claim(key, docname, anchor, line)

    def compute_index(self) -> dict[str, tuple[str, str, int]]:
        """Rebuild the link-target index; deterministic whatever order documents were read in.

        A second index leaves out the generated entry pages: single-document builders (LaTeX,
        singlehtml...) do not include them, so their links go to a chapter's card, list item or
        ``vlm-entry`` block, or else to the entry's own URL.
        """
        folder = get_config(self.env).entry_pages
        pages = folder + "/" if folder else None
        index: dict[str, tuple[str, str, int]] = {}
        print_index: dict[str, tuple[str, str, int]] = {}
        for docname in sorted(self.docs):
            rec = self.docs[docname]
            targets = [index]
            if pages is None or not docname.startswith(pages):
                targets.append(print_index)
            for target in targets:
                for key, (anchor, _line) in rec["homes"].items():
                    if key not in target or target[key][2] > 1:
                        target[key] = (docname, anchor, 1)
                for key, anchor in rec["anchors"].items():
                    target.setdefault(key, (docname, anchor, 2))
        self.data["index"] = index
        self.data["print_index"] = print_index
        return index

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        """Link to the entry's home (or fallback anchor); None if it has neither."""
        return self.make_link(builder, fromdocname, target, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        """``:any:`` support: the entry link, if there is one."""
        ref = self.make_link(builder, fromdocname, target, contnode)
        return [("vlm:entry", ref)] if ref is not None else []

    def make_link(
        self,
        builder: Builder,
        fromdocname: str,
        key: str,
        content: Node | list[Node],
        here: Collection[str] = (),
        at: str | None = None,
    ) -> nodes.reference | None:
        """A reference from ``fromdocname`` to entry ``key``, with its title as tooltip.

        Without a home or fallback anchor, the entry's first external link serves; None if the
        entry has no link either (callers then keep the plain text).

        :param here: anchors of the rendering the link is in (a card, list item, table rows):
            a link would lead back to itself when the entry's target is one of them, so the
            external link serves instead
        :param at: the document the link is in, when that is not ``fromdocname`` (in a PDF,
            every chapter is written as part of the start document)
        """
        entry = self.catalog.get(key) if self.catalog is not None else None
        found = self.targets(builder).get(key)
        itself = found is not None and found[0] == (at or fromdocname) and found[1] in here
        if found is not None and not itself:
            docname, anchor, _prio = found
            title = entry.title if entry is not None else key
            ref = self.make_refnode(builder, fromdocname, docname, anchor, content, title)
        elif entry is None or not entry.links:
            return None
        else:
            url = entry.links.get("paper") or next(iter(entry.links.values()))
            ref = nodes.reference("", "", internal=False, refuri=url, reftitle=entry.title)
            ref["classes"].append("vlmcat-external")
            ref += content
        # a preview shows the entry over a mention of it; a rendering that would have linked to
        # itself is the entry already in view, so its link to the paper gets none
        if entry is not None and not itself and previews_enabled(self.env, builder):
            ref["classes"].extend(mention_classes(key))
        return ref

    def make_refnode(
        self,
        builder: Builder,
        fromdocname: str,
        docname: str,
        anchor: str,
        content: Node | list[Node] | str,
        title: str | None = None,
    ) -> nodes.reference:
        """An internal reference to ``anchor`` in ``docname``."""
        if isinstance(content, str):
            content = nodes.Text(content)
        if builder.name == "singlehtml":
            # one page: make_refnode would give "#document-x#anchor", which no browser follows
            ref = nodes.reference("", "", internal=True, refid=anchor, reftitle=title or "")
            ref += content
            return ref
        return make_refnode(builder, fromdocname, docname, anchor, content, title)

    def targets(self, builder: Builder) -> dict[str, Target]:
        """Link targets for the document ``builder`` writes now.

        A single-document output (a PDF, one HTML page) links to the first rendering of the
        entry within itself (:mod:`.citations`, keyed by its start document, which is the
        current document while its assembled tree is resolved); without that, to the index
        without entry pages.
        """
        if builder.name == "singlehtml" or builder.format in SINGLE_DOCUMENT_FORMATS:
            return self.output_targets.get(self.env.docname, self.print_index)
        return self.index

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Entries with a link target, for objects.inv and the search index."""
        catalog = self.catalog
        for key, (docname, anchor, prio) in sorted(self.index.items()):
            entry = catalog.get(key) if catalog is not None else None
            if entry is None:
                continue
            yield key, entry.label, entry.kind, docname, anchor, prio
