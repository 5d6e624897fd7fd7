"""``vlm-chart``: a figure drawn from the catalog at build time.

The directive selects entries like the other catalog directives (``:filter:``), reduces them to a
plain description of the chart (:func:`.data.chart_data`) and draws it as PDF (:mod:`.draw`)
while the document is read, into ``<doctreedir>/vlmcharts/<hash>.pdf``, where the hash covers
the chart's data and the drawing code. The file name therefore changes exactly when the picture
does: a chart is drawn again only when its numbers change, parallel readers drawing the same
chart write the same bytes, and the directory is shared by all builders of one doctree
directory.

The result is an ordinary ``figure`` (numbered by ``numfig`` when it has a caption) with an
``image`` whose URI ends in ``.*`` and the description in ``figure["vlmchart"]``. LaTeX
includes the PDF, text-like builders show the alt text, and HTML builders get an inline SVG
instead of the image (:mod:`.inline`), drawn from the description when the page is written,
where the links to the explorer are known.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ..catalog.issues import Subtype
from ..config import get_config
from ..directive import CatalogDirective
from .data import CHART_TYPES, chart_data, chart_fields, has_data
from .draw import chart_key, draw_chart

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.util.typing import OptionSpec

#: Directory of drawn charts, inside the doctree directory.
CHART_DIR = "vlmcharts"


def chart_type(argument: str | None) -> str:
    """Option converter for ``:type:``."""
    return directives.choice((argument or "").strip(), tuple(CHART_TYPES))


class CatalogChartDirective(CatalogDirective):
    """``vlm-chart``: a chart of the selected entries, with an optional caption as argument."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {
        **CatalogDirective.selection_options,
        **CatalogDirective.common_options,
        "type": chart_type,
        "field": directives.unchanged,  # (checked against the catalog's fields when run)
        "alt": directives.unchanged,
        "width": directives.length_or_percentage_or_unitless,
    }

    def run_catalog(self) -> list[Node]:
        """Select, compute the chart's data, draw it if needed, and build the figure."""
        if "type" not in self.options:
            if "type" in self.refused_options:
                return []  # already warned about: no chart without a type
            known = ", ".join(CHART_TYPES)
            raise self.error(f"{self.name}: the :type: option is required (one of: {known})")
        entries = self.select()
        if entries is None:
            return []
        kind = self.options["type"]
        field = self.chart_field()
        labels = get_config(self.env).chart_labels
        label = labels.get(field) or (self.catalog.schema.label(field) or field).lower()
        # bars link to the entries of the selection's query; a :limit:-ed one is no query's
        base = None if "limit" in self.options else self.options.get("filter", "").strip()
        data = chart_data(kind, entries, self.catalog, field, label, base)
        if kind == "year-by-category":
            self.note_taxonomy()  # the legend shows category titles
        if not has_data(data):  # an empty figure says nothing; the warning says why
            self.warn(f"nothing to draw: {data['alt']}", Subtype.EMPTY_RESULT)
            return []
        key = chart_key(data)
        directory = Path(self.env.doctreedir) / CHART_DIR
        draw_chart(data, directory, key)
        # relative to the document's directory, as Sphinx resolves image URIs
        doc_dir = Path(self.env.doc2path(self.env.docname)).parent
        uri = Path(os.path.relpath(directory / key, doc_dir)).as_posix() + ".*"
        image = nodes.image(uri=uri, alt=self.options.get("alt", data["alt"]))
        if "width" in self.options:
            image["width"] = self.options["width"]
        figure = nodes.figure("", image, classes=["vlmcat-chart", *self.options.get("class", [])])
        figure["align"] = "center"
        figure["vlmchart"] = data
        self.set_source_info(figure)
        if self.arguments:
            inline, messages = self.parse_inline(self.arguments[0], lineno=self.lineno)
            caption = nodes.caption(self.arguments[0], "", *inline)
            self.set_source_info(caption)
            figure += caption
            figure.extend(messages)
        self.add_name(figure)
        return [figure]

    def chart_field(self) -> str:
        """``:field:``, if the catalog has such a number field; else a warning and the default."""
        field = self.options.get("field", "").strip()
        known = chart_fields(self.catalog.schema)
        if field and field not in known:
            self.warn(
                f"invalid :field: value '{field}' (not a number field of the catalog; use "
                + ", ".join(known)
                + "); ignored",
                Subtype.DIRECTIVE,
            )
            field = ""
        return field or "image_text_pairs"
