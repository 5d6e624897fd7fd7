"""Catalog downloads written with every HTML build, and the ``vlm-downloads`` directive.

The catalog is exported into ``exports/`` of the output directory: ``catalog.json`` with
``catalog.schema.json``, ``catalog.bib`` and the awesome-list ``catalog.md``. A file is rewritten
only when its content changed. ``vlmcatalog_exports = False`` turns this off.

The exports depend on the catalog alone, which is loaded before any document is read, so where
Sphinx can fork (as it does for ``-j``) a child process writes them while the documents are read
and written, and ``build-finished`` only waits for it and reports; for ten thousand entries that
takes the half second they cost off every build, the edit-and-rebuild loop included. Elsewhere
they are written at ``build-finished``. Each entry's JSON line, BibTeX record and Markdown
bullet are kept in the doctree directory under the entry's content digest
(:class:`RenderedEntries`), so a rebuild renders only the entries that changed.

``vlm-downloads`` lists the files, and the ``vlm-download`` role links to one inline. Their
links are placeholders resolved by a post-transform, which knows the builder: HTML pages get a
relative link to the file, other formats (where the files do not exist) the file name as
literal text.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import pickle
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.osutil import relative_uri
from sphinx.util.parallel import parallel_available

from .catalog.issues import Subtype
from .catalog.schema import export_schema
from .config import get_config
from .store import get_catalog, get_domain
from .warnings_ import log_warning

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.util.typing import OptionSpec

    from .catalog.entries import Entry
    from .catalog.index import Catalog

logger = logging.getLogger(__name__)

#: Directory of the exports, relative to the HTML output directory.
EXPORT_DIR = "exports"

#: File name -> what it holds, in the order ``vlm-downloads`` lists them.
EXPORT_FILES: dict[str, str] = {
    "catalog.json": "every entry with the field names of the YAML files, and the taxonomy",
    "catalog.schema.json": "the JSON Schema of catalog.json",
    "catalog.bib": "every paper, model, dataset, benchmark and resource as a BibTeX record",
    "catalog.md": "the catalog as an awesome-list README in Markdown",
}


#: File in the doctree directory that keeps :class:`RenderedEntries` between builds.
RENDERED_FILE = "vlmcatalog-exports.pickle"


@cache
def _code_digest() -> str:
    """Digest of the export code: texts it rendered in another version are not reused."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for source in sorted([*(package / "export").glob("*.py"), package / "importer" / "writer.py"]):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


class RenderedEntries:
    """Each entry's export texts from the last build, reused while its content digest holds.

    Rendering every entry of a large catalog is most of the cost of the exports (half a second
    for ten thousand entries); after an edit, only the changed entries are rendered again. The
    store is only a speed-up: a missing, unreadable or stale file renders everything.
    """

    def __init__(self, path: Path, digests: dict[str, str]) -> None:
        self.path = path
        #: entry id -> content digest, as :mod:`.catalog.digest` computes it
        self.digests = digests
        #: renderer name -> digest -> text, as stored by the last build (read on first use,
        #: which may be in the export process), and as used by this one
        self.stored: dict[str, dict[str, str]] | None = None
        self.used: dict[str, dict[str, str]] = {}

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            with self.path.open("rb") as f:
                code, texts = pickle.load(f)  # noqa: S301 (our own build directory)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            return {}
        return texts if code == _code_digest() and isinstance(texts, dict) else {}

    def reusing(self, render: Callable[[Entry], str]) -> Callable[[Entry], str]:
        """``render``, taking the text stored under the entry's digest when there is one."""
        if self.stored is None:
            self.stored = self._load()
        stored = self.stored.get(render.__name__, {})
        used = self.used.setdefault(render.__name__, {})
        digests = self.digests

        def text(entry: Entry) -> str:
            digest = digests.get(entry.id)
            if digest is None:  # not digested: nothing to key it by
                return render(entry)
            found = stored.get(digest)
            if found is None:
                found = render(entry)
            used[digest] = found
            return found

        return text

    def save(self) -> None:
        """Keep the texts this build used, if they differ from the stored ones."""
        stored = self.stored or {}
        if self.used.keys() == stored.keys() and all(
            self.used[name].keys() == stored[name].keys() for name in self.used
        ):
            return
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            with tmp.open("wb") as f:
                pickle.dump((_code_digest(), self.used), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:  # a speed-up only
            tmp.unlink(missing_ok=True)


def export_texts(catalog: Catalog, rendered: RenderedEntries | None = None) -> dict[str, str]:
    """The content of every file in :data:`EXPORT_FILES`.

    :param rendered: reuse entries' texts from an earlier build (and record this build's)
    """
    # (imported here, in the export process where Sphinx forks: see :mod:`.export`)
    from .export import export_bibtex, export_json, export_markdown
    from .export.bibtex import bibtex_record
    from .export.json import entry_json
    from .export.markdown import entry_bullet

    entries = list(catalog)
    categories = list(catalog.categories.values())

    def render(fn: Callable[[Entry], str]) -> Callable[[Entry], str]:
        return rendered.reusing(fn) if rendered is not None else fn

    return {
        "catalog.json": export_json(entries, categories, render=render(entry_json)),
        "catalog.schema.json": json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n",
        "catalog.bib": export_bibtex(entries, render=render(bibtex_record)),
        "catalog.md": export_markdown(entries, categories, render=render(entry_bullet)),
    }


def writes_exports(builder: Builder) -> bool:
    """True for builders whose output directory is a website (not epub, which is zipped first)."""
    return (
        builder.format == "html"
        and not builder.name.startswith("epub")
        and get_config(builder.env).exports
    )


def write_files(catalog: Catalog, directory: Path, rendered: RenderedEntries | None = None) -> int:
    """Write the export files into ``directory``; the number of files whose content changed."""
    directory.mkdir(parents=True, exist_ok=True)
    written = 0
    texts = export_texts(catalog, rendered)
    if rendered is not None:
        rendered.save()
    for name, text in texts.items():
        path = directory / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue  # unchanged: keep the file (and its mtime) as it is
        path.write_text(text, encoding="utf-8")
        written += 1
    return written


#: Result of writing the exports: files changed, and a problem ("" if none).
Outcome = tuple[int, str]
#: Export processes still running, by the id of their Sphinx application.
_running: dict[int, tuple[BaseProcess, Connection]] = {}


def _write_outcome(catalog: Catalog, directory: Path, rendered: RenderedEntries) -> Outcome:
    try:
        return write_files(catalog, directory, rendered), ""
    except OSError as exc:
        return 0, f"{exc.strerror or exc} ({exc.filename or directory})"


def _export_process(
    catalog: Catalog, directory: Path, rendered: RenderedEntries, sender: Connection
) -> None:
    sender.send(_write_outcome(catalog, directory, rendered))
    sender.close()


def _rendered(app: Sphinx) -> RenderedEntries:
    digests = get_domain(app.env).data["digests"]
    return RenderedEntries(Path(app.doctreedir) / RENDERED_FILE, digests)


def start_exports(app: Sphinx) -> None:
    """Start writing the exports in a child process (``builder-inited``, after loading)."""
    if not writes_exports(app.builder) or not parallel_available:
        return
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    directory = Path(app.outdir) / EXPORT_DIR
    args = (get_catalog(app.env), directory, _rendered(app), sender)
    process = context.Process(target=_export_process, args=args, daemon=True)
    process.start()
    sender.close()
    _running[id(app)] = (process, receiver)


def write_exports(app: Sphinx, exception: BaseException | None) -> None:
    """Wait for the export process, or write the exports here; report (``build-finished``)."""
    running = _running.pop(id(app), None)
    if exception is not None or not writes_exports(app.builder):
        if running is not None:
            running[0].join()
        return
    if running is None:
        directory = Path(app.outdir) / EXPORT_DIR
        written, problem = _write_outcome(get_catalog(app.env), directory, _rendered(app))
    else:
        process, receiver = running
        try:
            written, problem = receiver.recv()
        except EOFError:  # the child died without a word
            written, problem = 0, "the export process ended unexpectedly"
        receiver.close()
        process.join()
    if problem:
        log_warning(f"exports: cannot write the catalog downloads: {problem}", Subtype.EXPORT, None)
    else:
        logger.info("vlmcatalog: exports in %s (%d file(s) updated)", EXPORT_DIR, written)


class download_ref(nodes.reference):  # noqa: N801 - docutils node naming
    """A link to an export file, resolved per builder by :class:`DownloadLinksTransform`."""


class DownloadsDirective(SphinxDirective):
    """``vlm-downloads``: a list of the export files with what each holds."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {"class": lambda arg: arg.split()}

    def run(self) -> list[Node]:
        """One bullet per export file; links are placeholders until the write phase."""
        blist = nodes.bullet_list(classes=["vlmcat-downloads", *self.options.get("class", [])])
        self.set_source_info(blist)
        for name, what in EXPORT_FILES.items():
            para = nodes.paragraph()
            para += download_ref(name, "", nodes.literal(name, name), export=name)
            para += nodes.Text(f": {what}.")
            blist += nodes.list_item("", para)
        return [blist]


class DownloadRole(SphinxRole):
    """``{vlm-download}`catalog.bib```: an inline link to one export file."""

    def run(self) -> tuple[list[Node], list[nodes.system_message]]:
        """A download link, or an error for a name that is not an export file."""
        name = self.text.strip()
        if name not in EXPORT_FILES:
            known = ", ".join(EXPORT_FILES)
            msg = self.inliner.reporter.error(
                f"vlm-download: unknown export file {name!r} (known: {known})", line=self.lineno
            )
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        return [download_ref(name, "", nodes.literal(name, name), export=name)], []


class DownloadLinksTransform(SphinxPostTransform):
    """Point each :class:`download_ref` at its file, or turn it into text where there is none."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        """Resolve every download link of the document."""
        # Sphinx 9 deprecates SphinxTransform.app; read the builder the way its resolver does
        app = getattr(self.env, "_app", None) or self.app
        builder = app.builder
        links = writes_exports(builder)
        base = builder.get_target_uri(self.env.docname) if links else ""
        for node in list(self.document.findall(download_ref)):
            if links:
                uri = relative_uri(base, f"{EXPORT_DIR}/{node['export']}")
                ref = nodes.reference("", "", *node.children, refuri=uri, internal=False)
                ref["classes"] = ["vlmcat-download"]
                node.replace_self(ref)
            else:
                node.replace_self(node.children)


def setup_exports(app: Sphinx) -> None:
    """Register ``vlm-downloads``, ``vlm-download``, their transform and the export writer."""
    app.add_node(download_ref)
    app.add_directive("vlm-downloads", DownloadsDirective)
    app.add_role("vlm-download", DownloadRole())
    app.add_post_transform(DownloadLinksTransform)
    # after the catalog is loaded (store.builder_inited, priority 500)
    app.connect("builder-inited", start_exports, priority=800)
    app.connect("build-finished", write_exports)
