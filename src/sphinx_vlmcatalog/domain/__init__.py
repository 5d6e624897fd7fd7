"""The ``vlm`` domain room: entries as cross-referenceable objects, the roles, and entry links.

- :mod:`.catalog_domain`: the domain, its per-document records and link resolution;
- :mod:`.records`: the plain data it keeps (records, link targets, citation plans);
- :mod:`.roles`: ``{vlm}`` (and ``vlm:<kind>``) references and ``{vlm-count}``;
- :mod:`.links`: the ``entry_ref`` node that tables, cards and lists use to link an entry to
  its home, and the post-transform that resolves it;
- :mod:`.reading`: the documents of an output in reading order, and each entry's first place
  in a PDF;
- :mod:`.citations`: the numbers of cited entries (``vlm-references``, ``[n]`` after mentions)
  and the link targets of a PDF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..catalog.entries import EntryKind
from .catalog_domain import CatalogDomain
from .citations import CITE_VISITORS, AssembledOutput, CiteResolver, citations_updated, cite
from .links import ENTRY_REF_VISITORS, EntryRefResolver, entry_ref
from .roles import CountRole, EntryRole, warn_missing_reference

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_domain(app: Sphinx) -> None:
    """Register the domain, its roles, the ``entry_ref`` node and its resolver."""
    app.add_domain(CatalogDomain)
    for name in ("entry", *(kind.value for kind in EntryKind)):
        app.add_role_to_domain("vlm", name, EntryRole())
    app.add_role("vlm", EntryRole())
    app.add_role("vlm-count", CountRole())
    app.add_node(
        entry_ref,
        html=ENTRY_REF_VISITORS,
        latex=ENTRY_REF_VISITORS,
        text=ENTRY_REF_VISITORS,
        man=ENTRY_REF_VISITORS,
        texinfo=ENTRY_REF_VISITORS,
    )
    app.add_post_transform(EntryRefResolver)
    app.add_node(
        cite,
        html=CITE_VISITORS,
        latex=CITE_VISITORS,
        text=CITE_VISITORS,
        man=CITE_VISITORS,
        texinfo=CITE_VISITORS,
    )
    app.add_post_transform(AssembledOutput)
    app.add_post_transform(CiteResolver)
    app.connect("env-updated", citations_updated)
    app.connect("warn-missing-reference", warn_missing_reference)
