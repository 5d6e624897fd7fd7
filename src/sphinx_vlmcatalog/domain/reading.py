"""Reading order: the documents of an output in the order a reader meets them.

A PDF (or one single HTML page) is assembled from the start document by inlining its toctrees,
each document in a ``start_of_file`` node; the documents inside an ``only`` directive that is
false for the builder are dropped later. :func:`tree_order` reads which documents the assembled
tree holds, and in what order; :func:`toctree_order` gives the same order for the HTML site,
from the root document's toctrees. :func:`first_targets` then gives each entry its link target
inside the output: the first place that shows it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from sphinx import addnodes

from .records import reference_anchor

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.environment import BuildEnvironment
    from sphinx.util.tags import Tags

    from .records import DocRecord, Target


def toctree_order(env: BuildEnvironment) -> list[str]:
    """Documents reachable from the root document through toctrees, in reading order.

    Pre-order, a document before the documents its toctrees include, each once: the order in
    which a single-document builder inlines them.
    """
    order: list[str] = []
    seen: set[str] = set()
    stack = [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname in seen or docname not in env.all_docs:
            continue
        seen.add(docname)
        order.append(docname)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    return order


def tree_order(document: nodes.document, tags: Tags, start: str) -> list[str]:
    """The documents an assembled output holds, in reading order, ``start`` first.

    Documents inlined inside an ``only`` directive that is false for ``tags`` are left out:
    they are removed from the output before it is written.
    """
    order = [start]
    for part in document.findall(addnodes.start_of_file):
        docname = str(part["docname"])
        if docname not in order and _kept(part, tags):
            order.append(docname)
    return order


def adopt_parts(document: nodes.document) -> None:
    """Make each inlined document's top-level nodes children of their ``start_of_file``.

    Sphinx moves them there by assigning the list of children, so their ``parent`` is still
    the document they were read in, and :func:`.records.docname_at` could not walk up
    from a node to the part it is in.
    """
    for part in document.findall(addnodes.start_of_file):
        for child in part.children:
            child.parent = part


def _kept(node: nodes.Node, tags: Tags) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.only) and not tags.eval_condition(parent["expr"]):
            return False
        parent = parent.parent
    return True


def first_targets(
    docs: Mapping[str, DocRecord], order: Iterable[str], listed: Mapping[str, Iterable[str]]
) -> dict[str, Target]:
    """Each entry's link target inside the documents of ``order``.

    A ``vlm-entry`` home, if the output holds one; else the first table row, card or list item
    that shows the entry, in reading order; else its item in a references list (``listed``:
    docname -> ids it lists, each at ``reference_anchor(id)``).
    """
    homes: dict[str, Target] = {}
    found: dict[str, Target] = {}
    for docname in order:
        rec = docs.get(docname)
        if rec is not None:
            for key, (anchor, _line) in rec["homes"].items():
                homes.setdefault(key, (docname, anchor, 1))
            for key, anchor in rec["anchors"].items():
                found.setdefault(key, (docname, anchor, 2))
        for key in listed.get(docname, ()):
            found.setdefault(key, (docname, reference_anchor(key), 2))
    return found | homes
