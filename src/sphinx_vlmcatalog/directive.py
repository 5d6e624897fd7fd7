"""The base of every catalog directive, and the small renderers they share.

:class:`CatalogDirective` gives access to the catalog and the domain, declares the selection
options every family accepts (``:filter:``, ``:sort:``, ``:limit:``, ``:class:``, ``:name:``),
evaluates them with the pure query layer, and records what the document showed so that
:mod:`.store` can re-read exactly the right documents when the catalog changes. Catalog strings
always go into ``Text`` and ``reference`` nodes; nothing is rendered to markup and re-parsed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, final

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from .catalog.digest import TAXONOMY_KEY
from .catalog.entries import LINK_KINDS, Entry, SourceMention
from .catalog.fields import QueryError, field_value
from .catalog.issues import Subtype
from .catalog.ordering import parse_sort
from .catalog.query import parse_query
from .catalog.query_hints import never_matching
from .catalog.selection import run_selection
from .config import get_config
from .domain.catalog_domain import get_catalog, get_domain
from .warnings_ import log_warning

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec

    from .catalog.index import Catalog
    from .domain.catalog_domain import CatalogDomain

#: Display names of link kinds.
LINK_LABELS = {
    "paper": "Paper",
    "code": "Code",
    "project": "Project",
    "dataset": "Dataset",
    "model": "Model",
    "webpage": "Web",
    "video": "Video",
    "slides": "Slides",
}


def is_empty(value: Any) -> bool:
    """True for None and empty strings or collections (rendered as an empty cell)."""
    return value is None or value == "" or (isinstance(value, tuple | list | Mapping) and not value)


def value_text(value: Any, catalog: Catalog | None = None, name: str = "") -> str:
    """Plain text for a field value (lists joined; categories by title when known)."""
    if isinstance(value, SourceMention):
        return value.list
    if isinstance(value, tuple | list):
        if name in ("categories", "top_category") and catalog is not None:
            return ", ".join(
                catalog.categories[c].title if c in catalog.categories else c for c in value
            )
        # a topic's points are sentences that may hold commas themselves
        return ("; " if name == "points" else ", ").join(value_text(v) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {value_text(v)}" for k, v in value.items())
    if isinstance(value, bool):  # (a boolean field of the catalog's own)
        return "yes" if value else "no"
    return str(value)


def entry_links(entry: Entry) -> tuple[tuple[str, str], ...]:
    """The entry's links as (label, url), in :data:`LINK_KINDS` order."""
    links = entry.links
    return tuple((LINK_LABELS.get(kind, kind), links[kind]) for kind in LINK_KINDS if kind in links)


def link_references(
    links: tuple[tuple[str, str], ...], classes: tuple[str, ...] = ("vlmcat-link",), sep: str = ", "
) -> list[nodes.Node]:
    """External references for (label, url) pairs, ``sep`` between them."""
    result: list[nodes.Node] = []
    for label, url in links:
        if result and sep:
            result.append(nodes.Text(sep))
        result.append(nodes.reference(label, label, refuri=url, classes=list(classes)))
    return result


def link_nodes(
    entry: Entry, *, classes: tuple[str, ...] = ("vlmcat-link",), sep: str = ", "
) -> list[Node]:
    """The entry's links, in :data:`LINK_KINDS` order, as external references."""
    return link_references(entry_links(entry), classes, sep)


ElementT = TypeVar("ElementT", bound=nodes.Element)
#: A line break with only white space around it: a paragraph break in LaTeX.
BLANK_LINE = re.compile(r"[ \t]*\r?\n[ \t\r\n]*")


#: Authors named before "et al.".
MAX_AUTHORS = 3


def author_text(authors: tuple[str, ...]) -> str:
    """``A, B and C``, or ``A, B, C et al.`` for more than :data:`MAX_AUTHORS`."""
    names = [" ".join(a.split()) for a in authors]
    if len(names) > MAX_AUTHORS:
        return ", ".join(names[:MAX_AUTHORS]) + " et al."
    if len(names) > 1:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return names[0] if names else ""


def one_line(text: str) -> str:
    """``text`` with its line breaks as spaces: what HTML shows anyway, and what LaTeX needs
    (a blank line inside a command's argument stops the PDF with "Paragraph ended before")."""
    return BLANK_LINE.sub(" ", text) if "\n" in text else text


def verbatim(node: ElementT) -> ElementT:
    """Mark ``node`` as catalog data: Sphinx's SmartQuotes then leaves the text inside exactly as
    written (``--flag`` keeps two hyphens, quotes stay straight, as in tables)."""
    node["support_smartquotes"] = False
    return node


def flatten_catalog_text(node: nodes.Element) -> None:
    """Put the catalog text below ``node`` (in :func:`verbatim` elements) on one line, but for
    literal blocks (a BibTeX record keeps its lines)."""

    def is_catalog(element: nodes.Node) -> bool:
        return isinstance(element, nodes.Element) and element.get("support_smartquotes") is False

    for element in node.findall(is_catalog):
        for text in list(element.findall(nodes.Text)):
            if "\n" in text and not isinstance(text.parent, nodes.FixedTextElement):
                text.parent.replace(text, nodes.Text(one_line(text)))


#: Prefix of the class that marks every rendering of an entry (a row, card or list item).
ENTRY_CLASS_PREFIX = "vlmcat-id-"


def entry_class(key: str) -> str:
    """The class that marks every rendering of entry ``key``.

    Ids are lowercase slugs, so they are safe inside a class name; readers' scripts, user CSS and
    the coverage test find an entry's renderings by it.
    """
    return ENTRY_CLASS_PREFIX + key


class _RefusedOption:
    """An option value its converter refused; :meth:`CatalogDirective.run` warns and drops it."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _tolerant(name: str, convert: Callable[[str], Any]) -> Callable[[str], Any]:
    """``convert``, with a refused value kept as a :class:`_RefusedOption` instead of raised.

    docutils turns a converter's error into an error message that replaces the whole directive,
    so one mistyped option would drop a table of every entry from the page.
    """

    def converter(value: str) -> Any:  # (None for an option given without a value)
        try:
            return convert(value)
        except (ValueError, TypeError) as exc:
            reason = " ".join(str(exc).split()).rstrip(".")
            return _RefusedOption(
                f"invalid :{name}: value {(value or '').strip()!r} ({reason}); ignored"
            )

    return converter


class CatalogDirective(SphinxDirective):
    """Base of the catalog directives: selection options, catalog access, usage records."""

    refused_options: set[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Make every option converter of a directive tolerant (see :func:`_tolerant`)."""
        super().__init_subclass__(**kwargs)
        spec = cls.option_spec or {}
        cls.option_spec = {name: _tolerant(name, convert) for name, convert in spec.items()}

    #: options every selecting directive accepts
    selection_options: ClassVar[OptionSpec] = {
        "filter": directives.unchanged,
        "sort": directives.unchanged,
        "limit": directives.positive_int,
    }
    #: options every catalog directive accepts
    common_options: ClassVar[OptionSpec] = {
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    @final
    def run(self) -> list[Node]:
        """Drop refused options with a warning, build the nodes (:meth:`run_catalog`) and give
        them source info."""
        #: options whose value was refused (warned about, then dropped)
        self.refused_options = set()
        for name, value in list(self.options.items()):
            if isinstance(value, _RefusedOption):
                self.warn(value.message, Subtype.DIRECTIVE)
                del self.options[name]
                self.refused_options.add(name)
        result = self.run_catalog()
        for node in result:
            if isinstance(node, nodes.Element):
                if node.source is None:
                    self.set_source_info(node)
                flatten_catalog_text(node)
        return result

    def run_catalog(self) -> list[Node]:
        """Validate options, build nodes, record usage; overridden by each directive."""
        raise NotImplementedError

    # ------------------------------------------------------------------ access

    @property
    def catalog(self) -> Catalog:
        """The catalog of this build."""
        return get_catalog(self.env)

    @property
    def domain(self) -> CatalogDomain:
        """The ``vlm`` domain."""
        return get_domain(self.env)

    def warn(self, message: str, subtype: Subtype) -> None:
        """Warn at this directive's line."""
        log_warning(f"{self.name}: {message}", subtype, self.get_location())

    # ------------------------------------------------------------------ selection

    def select(self) -> list[Entry] | None:
        """Entries chosen by ``:filter:``, ``:sort:`` and ``:limit:``; None after a warning.

        The query and its result are recorded, so the document is re-read when the result
        changes; the entries are recorded as shown.
        """
        filter_ = self.options.get("filter", "").strip()
        sort = self.options.get("sort", get_config(self.env).table_sort).strip()
        limit = self.options.get("limit")
        try:
            query = parse_query(filter_, self.catalog.schema)
        except QueryError as exc:
            self.warn(f"invalid filter: {exc}", Subtype.QUERY)
            return None
        impossible = never_matching(query, self.catalog)
        for message in impossible:
            self.warn(f"filter {message}", Subtype.QUERY)
        try:
            parse_sort(sort, self.catalog.schema) if sort else None
        except QueryError as exc:
            self.warn(f"invalid sort: {exc}", Subtype.QUERY)
            return None
        entries = run_selection(self.catalog, filter_, sort, limit)
        ids = tuple(e.id for e in entries)
        self.domain.note_query(self.env.docname, (filter_, sort, limit, ids))
        self.note_shown(ids)
        if not entries and not impossible:  # (an impossible term was just warned about)
            self.warn(f"no entries match {filter_!r}", Subtype.EMPTY_RESULT)
        return entries

    def lookup(self, key: str) -> Entry | None:
        """The entry ``key``, or None after an ``unknown_entry`` warning.

        Either way the id is recorded as shown, so adding the entry later re-reads the document.
        """
        self.note_shown([key])
        entry = self.catalog.get(key)
        if entry is None:
            self.warn(f"unknown catalog entry '{key}'", Subtype.UNKNOWN_ENTRY)
        return entry

    def note_shown(self, ids: Any) -> None:
        """Record entries whose content this document shows."""
        self.domain.note_shown(self.env.docname, ids)

    def note_taxonomy(self) -> None:
        """Record that this document shows category titles."""
        self.domain.note_shown(self.env.docname, [TAXONOMY_KEY])

    # ------------------------------------------------------------------ nodes

    def make_anchor(self, prefix: str, key: str) -> nodes.target:
        """A target with a document-unique id derived from ``key`` (for links and LaTeX labels)."""
        node_id = make_id(self.env, self.state.document, prefix, key)
        target = nodes.target("", "", ids=[node_id])
        self.state.document.note_explicit_target(target)
        return target

    def fallback_anchor(self, key: str) -> nodes.target:
        """An anchor that links to ``key`` may use when the entry has no ``vlm-entry`` home."""
        target = nodes.target("", "")
        target["ids"].append(self.entry_anchor(key, target))
        return target

    def entry_anchor(self, key: str, owner: nodes.Element) -> str:
        """A new id in this document for one rendering of entry ``key`` (a card, list item or
        table row): ``vlmcat-<key>``, then ``vlmcat-<key>-2``... so that ids stay the same from
        build to build. The first in a document may serve as the entry's link target when it
        has no home."""
        ids = self.state.document.ids
        anchor, n = f"vlmcat-{key}", 1
        while anchor in ids:
            n += 1
            anchor = f"vlmcat-{key}-{n}"
        ids[anchor] = owner
        self.domain.note_anchor(self.env.docname, key, anchor)
        return anchor

    def field_text(self, entry: Entry, name: str) -> str:
        """Text of field ``name`` of ``entry`` ("" when empty)."""
        value = field_value(entry, name)
        if is_empty(value):
            return ""
        if name in ("categories", "top_category"):
            self.note_taxonomy()
        return value_text(value, self.catalog, name)


#: A paragraph that begins like a catalog directive in a MyST colon fence.
_UNPARSED_FENCE = re.compile(r":::\s*\{(vlm-[a-z-]+)\}")


def warn_unparsed_directives(app: Sphinx, doctree: nodes.document) -> None:
    """Warn about ``:::{vlm-...}`` left as text (``doctree-read``).

    Without MyST's ``colon_fence`` extension, a colon fence is an ordinary paragraph: the table
    would silently be a line of text, even under ``-W``.
    """
    for para in doctree.findall(nodes.paragraph):
        found = _UNPARSED_FENCE.match(para.astext())
        if found is not None:
            log_warning(
                f"'{found.group()}' is text, not a directive: add \"colon_fence\" to "
                f"myst_enable_extensions, or write the directive as ```{{{found.group(1)}}}",
                Subtype.DIRECTIVE,
                para,
            )
