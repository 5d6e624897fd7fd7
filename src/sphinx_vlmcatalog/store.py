"""The catalog inside a build: load it once, report its problems once, and track who uses what.

At ``builder-inited`` the catalog files are fingerprinted (names and contents); the catalog kept
in the environment from the previous build is reused when the fingerprint is unchanged, and
otherwise reloaded and compared entry by entry (:mod:`.catalog.digest`). At ``env-get-outdated``
the documents that showed a changed entry, or ran a query that a changed entry matched then or
matches now, are returned for re-reading; no document depends on the YAML files as a whole, so
editing one entry re-reads only its pages. At ``env-updated`` the link-target index is rebuilt
and documents whose links point at a moved target are returned for rewriting.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from .catalog import cache
from .catalog.digest import changed_keys, entry_digests, field_digests
from .catalog.fields import QueryError
from .catalog.loader import start_load
from .catalog.query import parse_query
from .catalog.selection import run_selection
from .config import get_config
from .domain.catalog_domain import get_domain
from .domain.records import QueryRecord, Transient
from .warnings_ import log_warning

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .catalog.issues import Issue

logger = logging.getLogger(__name__)


def load_catalog_for_build(app: Sphinx) -> None:
    """Load the catalog, or keep the previous build's if its files are unchanged."""
    env = app.env
    cfg = get_config(env)
    domain = get_domain(env)
    base = str(app.confdir)
    paths = [os.path.join(base, p) for p in cfg.paths]
    pending = start_load(paths, base=Path(base), cache_dir=cache.default_dir())
    prints = pending.prints
    print_ = hashlib.sha256(repr(sorted(prints.items())).encode()).hexdigest()
    if domain.data["fingerprint"] == print_:
        domain.data["changed"] = set()
        domain.data["reordered"] = False
        domain.data["schema_changed"] = False
        catalog = domain.catalog
        if catalog is None:  # the environment was unpickled: load it again, quietly
            catalog = pending.result().catalog
            domain.data["catalog"] = Transient(catalog)
        logger.info("vlmcatalog: catalog up to date (%d entries)", len(catalog))
        return
    result = pending.result()
    report_issues(result.issues, strict=cfg.strict, quiet=cfg.quiet, base=base)
    previous = domain.data["digests"]
    # a schema.yaml edit can change every entry's custom values, and how every page shows them
    schema = result.catalog.schema.digest
    schema_changed = bool(previous) and domain.data["schema"] != schema
    # field digests of files whose bytes are unchanged are taken from the last build
    known = {
        name: ids
        for name, (print_then, ids) in domain.data.get("field_digests", {}).items()
        if prints.get(name) == print_then and not schema_changed
    }
    fields = field_digests(result.catalog, known)
    digests = entry_digests(result.catalog, fields)
    domain.data["changed"] = changed_keys(previous, digests) if previous else set()
    # tables, cards and lists without :sort: (and ties of a sort) show entries in catalog order,
    # which moving an entry or renaming a file changes without changing any entry
    order = hashlib.sha256("\n".join(result.catalog.entries).encode()).hexdigest()
    domain.data["reordered"] = bool(previous) and domain.data["order"] != order
    domain.data.update(
        schema=schema,
        schema_changed=schema_changed,
        order=order,
        catalog=Transient(result.catalog),
        fingerprint=print_,
        digests=digests,
        field_digests={name: (prints[name], ids) for name, ids in fields.items() if name in prints},
    )
    logger.info(
        "vlmcatalog: loaded %d entries from %d files (%d problems)",
        len(result.catalog),
        len(result.files),
        len(result.issues),
    )


def report_issues(issues: Sequence[Issue], *, strict: bool, quiet: bool, base: str) -> None:
    """Log catalog problems as ``vlmcatalog.<subtype>`` warnings at ``path:line``.

    :param base: absolute paths below this directory are shown relative to it
    """
    if quiet:
        return
    for issue in issues:
        path, line = issue.where.path, issue.where.line
        if os.path.isabs(path) and Path(path).is_relative_to(base):
            path = os.path.relpath(path, base)
        if line:
            log_warning(issue.message, issue.subtype, f"{path}:{line}", error=strict)
        else:  # Sphinx would take a bare path for a docname, so name it in the message
            log_warning(f"{path}: {issue.message}", issue.subtype, None, error=strict)


def builder_inited(app: Sphinx) -> None:
    """Load the catalog before anything is read (``builder-inited``)."""
    load_catalog_for_build(app)


def outdated_documents(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Documents to re-read because the catalog changed under them (``env-get-outdated``)."""
    domain = get_domain(env)
    changed_ids: set[str] = domain.data["changed"]
    reordered: bool = domain.data["reordered"]
    catalog = domain.catalog
    if domain.data["schema_changed"]:  # every page that uses the catalog
        return sorted(
            docname
            for docname in domain.docs
            if docname not in removed and docname not in changed and docname in env.found_docs
        )
    if not (changed_ids or reordered) or catalog is None:
        return []
    # A query matches each entry on the entry's own fields, so only a changed entry can change
    # its result: by leaving it (it is in the stored result), joining it, or moving within it.
    # Testing the changed entries alone is much cheaper than running every query again, which
    # is only needed when entries changed places in the catalog.
    changed_entries = [e for i in changed_ids if (e := catalog.get(i)) is not None]
    matched: dict[str, bool] = {}

    def matches_changed(filter_: str) -> bool:
        if filter_ not in matched:
            try:
                query = parse_query(filter_, catalog.schema)
            except QueryError:  # the document will warn again when re-read
                matched[filter_] = False
            else:
                matched[filter_] = any(query.matches(e) for e in changed_entries)
        return matched[filter_]

    def result_changed(query: QueryRecord) -> bool:
        filter_, sort, limit, ids = query
        if reordered:
            try:
                return tuple(e.id for e in run_selection(catalog, filter_, sort, limit)) != ids
            except QueryError:
                return False
        return not changed_ids.isdisjoint(ids) or matches_changed(filter_)

    outdated = []
    for docname, rec in sorted(domain.docs.items()):
        if docname in removed or docname in changed or docname not in env.found_docs:
            continue
        if rec["shown"] & changed_ids or any(result_changed(q) for q in rec["queries"]):
            outdated.append(docname)
    logger.info(
        "vlmcatalog: %d catalog entries changed; %d documents show them",
        len(changed_ids),
        len(outdated),
    )
    return outdated


def index_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Rebuild the link-target index; return documents whose links now point elsewhere.

    Runs at ``env-updated``, in the main process, so the write phase only reads domain data.
    """
    domain = get_domain(env)
    old = dict(domain.index)
    new = domain.compute_index()
    moved = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    if not moved or not old:  # first build: everything is written anyway
        return []
    return sorted(
        docname
        for docname, rec in domain.docs.items()
        if ((rec["refs"] | rec["shown"]) & moved) and docname in env.all_docs
    )


def setup_store(app: Sphinx) -> None:
    """Load the catalog at ``builder-inited``; track changes at ``env-get-outdated`` and
    ``env-updated``."""
    app.connect("builder-inited", builder_inited)
    app.connect("env-get-outdated", outdated_documents)
    app.connect("env-updated", index_updated)
