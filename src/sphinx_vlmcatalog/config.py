"""The ``vlmcatalog_*`` configuration values, declared once on a dataclass.

Each field of :class:`VlmCatalogConfig` becomes a flat ``vlmcatalog_<name>`` value in ``conf.py``.
Its metadata holds the help text, the rebuild scope and a validator. Values are checked once, at
``config-inited``: an invalid value warns (``vlmcatalog.config``) and is replaced by its default,
the same way on every build, so Sphinx never sees a config that changes between builds. Code reads
the values through :func:`get_config`, never ``app.config.vlmcatalog_*``.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .catalog.custom import BUILTIN, CatalogSchema
from .catalog.fields import QueryError, canonical_field
from .catalog.issues import Subtype
from .catalog.loader import load_schema
from .catalog.ordering import parse_sort
from .warnings_ import log_warning

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: Composite table columns, on top of every catalog field and derived field.
COMPOSITE_COLUMNS: dict[str, str] = {
    "links": "the entry's links (paper, code, project...) as hyperlinks",
    "title+short": "the title followed by the short name in parentheses",
}


def column_problem(name: str, schema: CatalogSchema = BUILTIN) -> str | None:
    """None if ``name`` is a valid table column (of the catalog of ``schema``), else a message
    saying why not."""
    if name in COMPOSITE_COLUMNS or canonical_field(name, schema) is not None:
        return None
    return f"unknown column '{name}'"


#: A validator: None for a good value, else why not; ``schema`` names the catalog's own fields.
Validator = Callable[[Any, CatalogSchema], str | None]


def _paths(value: Any, schema: CatalogSchema) -> str | None:
    if isinstance(value, str):
        return None if value.strip() else "must not be empty"
    if isinstance(value, list | tuple) and all(isinstance(v, str) and v.strip() for v in value):
        return None  # (an empty list: no catalog of its own, the domain only)
    return "must be a path or a list of paths"


def _bool(value: Any, schema: CatalogSchema) -> str | None:
    return None if isinstance(value, bool) else "must be True or False"


def _columns(value: Any, schema: CatalogSchema) -> str | None:
    if (
        not isinstance(value, list | tuple)
        or not value
        or not all(isinstance(v, str) for v in value)
    ):
        return "must be a non-empty list of column names"
    for name in value:
        problem = column_problem(name, schema)
        if problem:
            return problem
    return None


def _grid(value: Any, schema: CatalogSchema) -> str | None:
    if not isinstance(value, str):
        return "must be a string like '1 2 3 3'"
    parts = value.split()
    if len(parts) not in (1, 4) or not all(p.isdigit() and 1 <= int(p) <= 12 for p in parts):
        return "must be 1 or 4 integers from 1 to 12 (xs sm md lg), like '1 2 3 3'"
    return None


def _entry_pages(value: Any, schema: CatalogSchema) -> str | None:
    if not isinstance(value, str):
        return "must be a directory name such as 'entries', or '' (no entry pages)"
    if value and not re.fullmatch(r"[a-z0-9_][a-z0-9_-]*(/[a-z0-9_][a-z0-9_-]*)*", value):
        return "must be a relative directory of lowercase letters, digits, '_' and '-'"
    return None


def _page_name(value: Any, schema: CatalogSchema) -> str | None:
    if isinstance(value, str) and (not value or re.fullmatch(r"[a-z0-9_][a-z0-9_-]*", value)):
        return None
    return "must be a page name of lowercase letters, digits, '_' and '-', or '' (no page)"


def _positive_int(value: Any, schema: CatalogSchema) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return None
    return "must be a positive integer"


def _label(value: Any, schema: CatalogSchema) -> str | None:
    if isinstance(value, str) and value.strip():
        return None
    return "must be a non-empty string"


def _labels(value: Any, schema: CatalogSchema) -> str | None:
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
    ):
        return None
    return "must be a dict of field name to label"


def _sort(value: Any, schema: CatalogSchema) -> str | None:
    if not isinstance(value, str):
        return "must be a string like '-year,title'"
    if not value.strip():
        return None
    try:
        parse_sort(value, schema)
    except QueryError as exc:
        return str(exc)
    return None


def _citation_style(value: Any, schema: CatalogSchema) -> str | None:
    return None if value in ("none", "numeric") else "must be 'none' or 'numeric'"


def _meta(
    doc: str,
    validator: Validator,
    rebuild: str = "env",
) -> dict[str, Any]:
    """Field metadata: help text, validator, and Sphinx rebuild scope."""
    return {"doc": doc, "validator": validator, "rebuild": rebuild}


@dataclass(frozen=True)
class VlmCatalogConfig:
    """All options of the extension; each is set in ``conf.py`` as ``vlmcatalog_<name>``."""

    path: str | list[str] = field(
        default="catalog",
        metadata=_meta(
            "Catalog location: a directory (searched recursively for ``*.yaml``/``*.yml``) "
            "or a file, or a list of them, relative to the directory of ``conf.py``. An empty "
            "list means no catalog of this project's own: the ``vlm`` domain and roles only, "
            "to link to another project's entries through intersphinx.",
            _paths,
        ),
    )
    strict: bool = field(
        default=False,
        metadata=_meta("Report catalog problems as errors instead of warnings.", _bool, ""),
    )
    quiet: bool = field(
        default=False,
        metadata=_meta(
            "Do not report catalog problems at all (they are still counted in the info line).",
            _bool,
            "",
        ),
    )
    table_columns: list[str] = field(
        default_factory=lambda: ["label", "title", "venue", "year", "links"],
        metadata=_meta(
            "Columns of a ``vlm-table`` without ``:columns:``: any catalog field, ``label``, "
            "``links`` or ``title+short``.",
            _columns,
        ),
    )
    table_sort: str = field(
        default="",
        metadata=_meta(
            "Sort order of tables, cards and lists without ``:sort:`` (empty: catalog order).",
            _sort,
        ),
    )
    longtable_rows: int = field(
        default=30,
        metadata=_meta(
            "Tables with more rows than this get the ``longtable`` class (break across PDF pages).",
            _positive_int,
        ),
    )
    card_columns: str = field(
        default="1 2 3 3",
        metadata=_meta(
            "Cards per row of ``vlm-cards`` by screen size (xs sm md lg), as in "
            "sphinx-design grids.",
            _grid,
            "html",
        ),
    )
    entry_pages: str = field(
        default="",
        metadata=_meta(
            "Generate one HTML page per catalog entry in this directory of the source tree "
            "(for example ``entries``), plus an index page ``<dir>/index``; empty: no entry "
            "pages. The pages are small generated stubs (the directory gets its own "
            "``.gitignore``); they become the entries' canonical places, so ``{vlm}`` links "
            "lead there. They are not part of the PDF, where links go to the chapters' tables, "
            "cards and lists instead.",
            _entry_pages,
        ),
    )
    citation_style: str = field(
        default="none",
        metadata=_meta(
            "``numeric``: follow every ``{vlm}`` mention by its number in the ``vlm-references`` "
            "list that covers its page, ``[12]``, linked to the list item; ``none``: no "
            "numbers (the list is still numbered).",
            _citation_style,
        ),
    )
    downloads: bool = field(
        default=True,
        metadata=_meta(
            "Write ``catalog.json``, its JSON Schema, ``catalog.bib`` and ``catalog.md`` into "
            "``downloads/`` of the HTML output on every build (``vlm-downloads`` links to them).",
            _bool,
            "html",
        ),
    )
    explorer: str = field(
        default="explore",
        metadata=_meta(
            "Name of the explorer page written at the root of the HTML output (``explore`` "
            "gives ``explore.html``): every entry of the catalog in one view, with the query "
            "language, facets, sorting, two layouts and downloads of the selection. ``''`` "
            "writes no page. ``{vlm-explore}`` links to it. Not written for single-page "
            "builders, epub, or a project without a catalog of its own.",
            _page_name,
            "html",
        ),
    )
    previews: bool = field(
        default=True,
        metadata=_meta(
            "Show a small card (title, authors, venue, year, a one-line summary, paper and "
            "code links) when a reader hovers over, focuses or taps a mention of an entry in "
            "HTML: ``{vlm}`` links, table titles, card titles and every other link to an "
            "entry's place. Each page carries the data of the entries it mentions only. Not "
            "for epub; no change to other formats.",
            _bool,
            "html",
        ),
    )

    markdown_title: str = field(
        default="Awesome Vision-Language Models",
        metadata=_meta(
            "Title of the awesome-list Markdown download (``catalog.md``).", _label, "html"
        ),
    )
    domain_label: str = field(
        default="VLM catalog",
        metadata=_meta(
            "What the ``vlm`` domain's objects are called in the search results, before the "
            "kind: ``VLM catalog model``.",
            _label,
        ),
    )
    filter_placeholder: str = field(
        default="e.g. year:>=2023 has:code clip",
        metadata=_meta("Example text in the filter box of HTML tables.", _label, "html"),
    )
    chart_labels: dict[str, str] = field(
        default_factory=lambda: {
            "image_text_pairs": "image-text pairs",
            "train_size": "training samples",
        },
        metadata=_meta(
            "What a ``vlm-chart`` of type ``dataset-size`` calls the numbers of a field, in its "
            "axis label and alt text, by field name; a field not named here is called by its "
            "``schema.yaml`` label (lower case) or its name.",
            _labels,
        ),
    )

    @property
    def paths(self) -> list[str]:
        """``path`` as a list."""
        return [self.path] if isinstance(self.path, str) else list(self.path)


def config_fields() -> list[dataclasses.Field[Any]]:
    """The option declarations, in order (the docs render them)."""
    return list(dataclasses.fields(VlmCatalogConfig))


def _default(f: dataclasses.Field[Any]) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    factory: Callable[[], Any] = f.default_factory  # type: ignore[assignment]
    return factory()


def register_config(app: Sphinx) -> None:
    """Declare every option as a ``vlmcatalog_*`` config value."""
    for f in config_fields():
        # types=Any: our validator checks the values (and falls back), so Sphinx need not
        app.add_config_value(
            f"vlmcatalog_{f.name}",
            _default(f),
            f.metadata["rebuild"],
            types=Any,
            description=f.metadata["doc"],
        )


def validate_config(app: Sphinx, config: Config) -> None:
    """Replace invalid values by their defaults, with a warning (``config-inited``).

    Columns and sort keys may name the catalog's own fields, so its ``schema.yaml`` is read
    first (its problems are reported when the catalog is loaded).
    """
    schema = BUILTIN
    for f in config_fields():
        name = f"vlmcatalog_{f.name}"
        problem = f.metadata["validator"](config[name], schema)
        if problem:
            default = _default(f)
            log_warning(
                f"invalid {name} = {config[name]!r}: {problem}; using {default!r}",
                Subtype.CONFIG,
                None,
            )
            config[name] = default
        if f.name == "path":
            base = str(app.confdir)
            paths = [config[name]] if isinstance(config[name], str) else config[name]
            schema, _issues = load_schema([os.path.join(base, p) for p in paths])


def get_config(env: BuildEnvironment) -> VlmCatalogConfig:
    """The validated options of the current build."""
    cfg = env.config
    return VlmCatalogConfig(**{f.name: cfg[f"vlmcatalog_{f.name}"] for f in config_fields()})


def explorer_page(builder: Builder) -> str:
    """The explorer's page name for this build, or "" when there is none: builders that write a
    website of pages (not singlehtml or epub), in a project with a catalog of its own."""
    config = get_config(builder.env)
    if builder.format != "html" or builder.name.startswith(("epub", "singlehtml")):
        return ""
    return config.explorer if config.paths else ""
