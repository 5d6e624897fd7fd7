"""Catalog downloads: the files written with every HTML build, and the directive and role that
link to them.

At ``build-finished`` the catalog is written into ``downloads/`` of the output directory, in the
formats of :mod:`.export`: ``catalog.json`` with ``catalog.schema.json``, ``catalog.bib`` and the
awesome-list ``catalog.md``. A file is rewritten only when its content changed.
``vlmcatalog_downloads = False`` turns this off.

Rendering every entry of a large catalog is most of the cost (half a second for ten thousand
entries), and after an author edits one entry only that entry's texts change. So each entry's
JSON line, BibTeX record and Markdown bullet is kept in the doctree directory under the entry's
content digest (:class:`~.rendered.RenderedEntries`, a JSON file per format), and a rebuild
renders only the entries that changed. The files are made one after the other, so only one
file's texts are in memory at a time.

``vlm-downloads`` lists the files, and the ``vlm-download`` role links to one inline. Their
links are placeholders resolved by a post-transform, which knows the builder: HTML pages get a
relative link to the file, other formats (where the files do not exist) the file name as
literal text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.osutil import relative_uri

from .catalog.issues import Subtype
from .catalog.schema import export_schema
from .config import get_config
from .domain.catalog_domain import get_catalog, get_domain
from .domain.links import current_builder
from .export.bibtex import bibtex_record, export_bibtex
from .export.json import entry_json, export_json
from .export.markdown import entry_bullet, export_markdown
from .rendered import RENDERED_DIR, RenderedEntries
from .warnings_ import log_warning

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.util.typing import OptionSpec

    from .catalog.entries import Entry
    from .catalog.index import Catalog

logger = logging.getLogger(__name__)

#: Directory of the downloads, relative to the HTML output directory.
DOWNLOAD_DIR = "downloads"

#: File name -> what it holds, in the order ``vlm-downloads`` lists them.
DOWNLOAD_FILES: dict[str, str] = {
    "catalog.json": "every entry with the field names of the YAML files, and the taxonomy",
    "catalog.schema.json": "the JSON Schema of catalog.json",
    "catalog.bib": "every paper, model, dataset, benchmark and resource as a BibTeX record",
    "catalog.md": "the catalog as an awesome-list README in Markdown",
}


def download_files(
    catalog: Catalog,
    rendered: Path | None = None,
    digests: dict[str, str] | None = None,
    title: str = "Awesome Vision-Language Models",
) -> Iterator[tuple[str, str]]:
    """Each file of :data:`DOWNLOAD_FILES` and its content, made one after the other (so that
    only one file's texts are in memory at a time).

    :param rendered: a directory to reuse entries' texts from (and keep this build's in),
        with the entries' ``digests``
    :param title: the Markdown list's title
    """
    entries = list(catalog)
    categories = list(catalog.categories.values())
    schema = catalog.schema

    def made(
        name: str,
        renderer: Callable[[Entry], str],
        write: Callable[[Callable[[Entry], str]], str],
    ) -> str:
        if rendered is None or digests is None:
            return write(renderer)
        store = RenderedEntries(rendered / f"{name}.json", digests, schema.digest)
        text = write(store.reusing(renderer))
        store.save()
        return text

    def bib(entry: Entry) -> str:
        return bibtex_record(entry, schema)

    def write_md(render: Callable[[Entry], str]) -> str:
        return export_markdown(entries, categories, title, render=render)

    yield (
        "catalog.json",
        made("entry_json", entry_json, lambda r: export_json(entries, categories, render=r)),
    )
    schema_text = json.dumps(export_schema(schema), indent=2, ensure_ascii=False)
    yield "catalog.schema.json", schema_text + "\n"
    yield "catalog.bib", made("bibtex_record", bib, lambda r: export_bibtex(entries, render=r))
    yield "catalog.md", made("entry_bullet", entry_bullet, write_md)


def download_texts(catalog: Catalog) -> dict[str, str]:
    """The content of every file of :data:`DOWNLOAD_FILES`, rendered afresh."""
    return dict(download_files(catalog))


def writes_downloads(builder: Builder) -> bool:
    """True for builders whose output directory is a website (not epub, which is zipped first),
    in a project with a catalog of its own."""
    config = get_config(builder.env)
    return (
        builder.format == "html"
        and not builder.name.startswith("epub")
        and config.downloads
        and bool(config.paths)
    )


def write_files(texts: Iterable[tuple[str, str]], directory: Path) -> int:
    """Write ``texts`` (file name, content) into ``directory``; the number of files changed."""
    directory.mkdir(parents=True, exist_ok=True)
    written = 0
    for name, text in texts:
        path = directory / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue  # unchanged: keep the file (and its mtime) as it is
        path.write_text(text, encoding="utf-8")
        written += 1
    return written


def write_downloads(app: Sphinx, exception: BaseException | None) -> None:
    """Write the downloads and report (``build-finished``)."""
    if exception is not None or not writes_downloads(app.builder):
        return
    digests = get_domain(app.env).data["digests"]
    rendered = Path(app.doctreedir) / RENDERED_DIR
    directory = Path(app.outdir) / DOWNLOAD_DIR
    title = get_config(app.env).markdown_title
    texts = download_files(get_catalog(app.env), rendered, digests, title)
    try:
        written = write_files(texts, directory)
    except OSError as exc:
        problem = f"{exc.strerror or exc} ({exc.filename or directory})"
        log_warning(f"cannot write the catalog downloads: {problem}", Subtype.DOWNLOAD, None)
    else:
        logger.info("vlmcatalog: downloads in %s (%d file(s) updated)", DOWNLOAD_DIR, written)


class download_ref(nodes.reference):  # noqa: N801 - docutils node naming
    """A link to a download file, resolved per builder by :class:`DownloadLinksTransform`."""


def _download_ref(name: str) -> download_ref:
    return download_ref(name, "", nodes.literal(name, name), download=name)


class DownloadsDirective(SphinxDirective):
    """``vlm-downloads``: a list of the download files with what each holds."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {"class": lambda arg: arg.split()}

    def run(self) -> list[Node]:
        """One bullet per file; links are placeholders until the write phase."""
        blist = nodes.bullet_list(classes=["vlmcat-downloads", *self.options.get("class", [])])
        self.set_source_info(blist)
        for name, what in DOWNLOAD_FILES.items():
            para = nodes.paragraph()
            para += _download_ref(name)
            para += nodes.Text(f": {what}.")
            blist += nodes.list_item("", para)
        return [blist]


class DownloadRole(SphinxRole):
    """``{vlm-download}`catalog.bib```: an inline link to one download file."""

    def run(self) -> tuple[list[Node], list[nodes.system_message]]:
        """A download link, or an error for a name that is not a download file."""
        name = self.text.strip()
        if name not in DOWNLOAD_FILES:
            known = ", ".join(DOWNLOAD_FILES)
            msg = self.inliner.reporter.error(
                f"vlm-download: unknown download file {name!r} (known: {known})", line=self.lineno
            )
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        return [_download_ref(name)], []


class DownloadLinksTransform(SphinxPostTransform):
    """Point each :class:`download_ref` at its file, or turn it into text where there is none."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        """Resolve every download link of the document."""
        builder = current_builder(self)
        links = writes_downloads(builder)
        base = builder.get_target_uri(self.env.docname) if links else ""
        for node in list(self.document.findall(download_ref)):
            if links:
                uri = relative_uri(base, f"{DOWNLOAD_DIR}/{node['download']}")
                ref = nodes.reference("", "", *node.children, refuri=uri, internal=False)
                ref["classes"] = ["vlmcat-download"]
                node.replace_self(ref)
            else:
                node.replace_self(node.children)


def setup_downloads(app: Sphinx) -> None:
    """Register ``vlm-downloads``, ``vlm-download``, their transform and the file writer."""
    app.add_node(download_ref)
    app.add_directive("vlm-downloads", DownloadsDirective)
    app.add_role("vlm-download", DownloadRole())
    app.add_post_transform(DownloadLinksTransform)
    app.connect("build-finished", write_downloads)
