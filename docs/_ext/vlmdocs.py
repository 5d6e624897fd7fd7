"""Directives that generate reference pages of this documentation from the code.

``vlmdocs-fields`` renders the catalog format (the fields of each entry kind) from the entry
dataclasses, the same declaration the JSON Schema and the validator use, so the reference is
never written twice. ``vlmdocs-subtypes`` renders the warning subtypes from their Enum and
``vlmdocs-config`` the configuration options from their dataclass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_vlmcatalog.catalog.entries import KIND_CLASSES, data_fields
from sphinx_vlmcatalog.catalog.issues import Subtype
from sphinx_vlmcatalog.config import config_fields

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TYPE_NAMES = {
    "id": "id",
    "str": "string",
    "text": "text",
    "int": "integer",
    "year": "year (integer)",
    "date": "date (string)",
    "url": "URL",
    "str_list": "list of strings",
    "id_list": "list of ids",
    "links": "mapping: link kind → URL",
    "sources": "list of {list, section}",
    "relations": "mapping: relation → list of ids",
}


def _table(
    headers: list[str], rows: list[list[nodes.Node | str]], widths: list[int]
) -> nodes.table:
    table = nodes.table(classes=["colwidths-given"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    group.extend(nodes.colspec(colwidth=w) for w in widths)
    head = nodes.thead()
    group += head
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(text=h)) for h in headers))
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += cell if isinstance(cell, nodes.Node) else nodes.paragraph(text=cell)
            row += entry
        body += row
    return table


def _doc_paragraph(text: str) -> nodes.paragraph:
    """A paragraph where ``double-backticked`` spans become literals."""
    para = nodes.paragraph()
    for i, part in enumerate(text.split("``")):
        para += nodes.literal(text=part) if i % 2 else nodes.Text(part)
    return para


class FieldsDirective(SphinxDirective):
    """Table of the fields of one entry kind (``common`` for the fields every kind has)."""

    required_arguments = 1
    option_spec: ClassVar = {"caption": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0]
        common = data_fields(KIND_CLASSES["paper"])
        if kind == "common":
            fields = common
        elif kind in KIND_CLASSES:
            fields = {k: f for k, f in data_fields(KIND_CLASSES[kind]).items() if k not in common}
        else:
            raise self.error(f"unknown kind {kind!r}")
        rows: list[list[nodes.Node | str]] = []
        for name, f in fields.items():
            meta = f.metadata
            typ = TYPE_NAMES[meta["type"]]
            if meta.get("choices"):
                typ = "one of " + ", ".join(meta["choices"])
            rows.append(
                [
                    nodes.paragraph("", "", nodes.literal(text=name)),
                    typ,
                    "yes" if meta.get("required") else "",
                    _doc_paragraph(meta["doc"]),
                ]
            )
        if not rows:
            return [nodes.paragraph(text="This kind has only the common fields.")]
        return [_table(["Field", "Type", "Required", "Meaning"], rows, [18, 20, 8, 54])]


class SubtypesDirective(SphinxDirective):
    """Table of warning subtypes, from :class:`Subtype`."""

    def run(self) -> list[nodes.Node]:
        rows: list[list[nodes.Node | str]] = []
        for member in Subtype:
            rows.append(
                [
                    nodes.paragraph("", "", nodes.literal(text=f"vlmcatalog.{member.value}")),
                    _doc_paragraph(member.description),
                ]
            )
        return [_table(["Subtype", "When"], rows, [30, 70])]


class ConfigDirective(SphinxDirective):
    """Table of the ``vlmcatalog_*`` options, from the configuration dataclass."""

    def run(self) -> list[nodes.Node]:
        rows: list[list[nodes.Node | str]] = []
        for f in config_fields():
            default = f.default_factory() if callable(f.default_factory) else f.default
            rows.append(
                [
                    nodes.paragraph("", "", nodes.literal(text=f"vlmcatalog_{f.name}")),
                    nodes.paragraph("", "", nodes.literal(text=repr(default))),
                    _doc_paragraph(f.metadata["doc"]),
                ]
            )
        return [_table(["Option", "Default", "Meaning"], rows, [28, 22, 50])]


def caption_levels(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give toctree captions the ``aria-level`` their ``role="heading"`` requires.

    Sphinx writes ``<p class="caption" role="heading">`` without a level (axe-core:
    ``aria-required-attr``, critical), in the page body and in furo's navigation tree, which furo
    computes in its own ``html-page-context`` handler; this one runs after it.
    """
    for key in ("body", "furo_navigation_tree"):
        value = context.get(key)
        if isinstance(value, str):
            context[key] = value.replace(
                '<p class="caption" role="heading">',
                '<p class="caption" role="heading" aria-level="2">',
            )


def setup(app: Sphinx) -> dict[str, object]:
    """Register the documentation-only directives and the caption fix."""
    app.add_directive("vlmdocs-fields", FieldsDirective)
    app.add_directive("vlmdocs-subtypes", SubtypesDirective)
    app.add_directive("vlmdocs-config", ConfigDirective)
    app.connect("html-page-context", caption_levels, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
