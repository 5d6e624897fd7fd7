"""A Markdown file as a flat list of blocks, read by markdown-it (CommonMark plus GFM tables).

The blocks are what the entry shapes look at: headings, paragraphs, list items (with their
nested items), tables (header and rows of cells) and HTML blocks, each with its 1-based source
line. Fenced and indented code is dropped. Block quotes are read as their content. The text is
repaired for mojibake line by line first, so line numbers stay those of the file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt

from .inline import Node, html_nodes, inline_nodes
from .normalize import fix_text


@dataclass
class Heading:
    """``#`` to ``######`` heading."""

    line: int
    level: int
    nodes: list[Node]


@dataclass
class Para:
    """A paragraph: its inline nodes, which carry their own lines."""

    line: int
    end: int
    nodes: list[Node]


@dataclass
class Html:
    """An HTML block (``<details>``, ``<p align=center>``, a comment...)."""

    line: int
    end: int
    raw: str

    @property
    def nodes(self) -> list[Node]:
        """The block's text, links and images as inline nodes."""
        return html_nodes(self.raw, self.line)


@dataclass
class Row:
    """One table row: its line and the inline nodes of each cell."""

    line: int
    cells: list[list[Node]]
    #: raw text of cells beyond the header's width (markdown-it drops them)
    extra: list[str] = field(default_factory=list)


@dataclass
class Table:
    """A GFM table: header cells and body rows."""

    line: int
    end: int
    header: list[list[Node]]
    rows: list[Row]


@dataclass
class Item:
    """A list item: the blocks it holds (paragraphs, HTML, tables) and its nested items."""

    line: int
    end: int
    depth: int
    blocks: list[Block] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)


Block = Heading | Para | Html | Table | Item


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # keep destinations as written (no percent-encoding), and let every scheme through:
    # the shapes decide which links they keep
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = lambda link: link  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_MD = _parser()


def read_document(text: str) -> list[Block]:
    """The blocks of a Markdown text, in source order (list items nest their sub-items)."""
    # CommonMark's line endings only: str.splitlines would also break at U+2028, form feeds
    # and the like, and number lines unlike an editor
    lines = [fix_text(line).replace("\n", " ") for line in re.split(r"\r\n|\r|\n", text)]
    tokens = _MD.parse("\n".join(lines))
    blocks, _ = _blocks(tokens, 0, lines, depth=0, stop="")
    return blocks


def _start(tok: Any) -> int:
    return int(tok.map[0]) + 1 if tok.map else 0


def _end(tok: Any) -> int:
    return int(tok.map[1]) if tok.map else 0


def _blocks(
    tokens: Sequence[Any], i: int, lines: list[str], depth: int, stop: str
) -> tuple[list[Block], int]:
    """Blocks from ``tokens[i:]`` until a token of type ``stop``; returns them and the index
    after it."""
    out: list[Block] = []
    while i < len(tokens):
        tok = tokens[i]
        ttype = tok.type
        if ttype == stop:
            return out, i + 1
        if ttype == "heading_open":
            inline = tokens[i + 1]
            out.append(
                Heading(_start(tok), int(tok.tag[1]), inline_nodes(inline.children, _start(tok)))
            )
            i += 3
        elif ttype == "paragraph_open":
            inline = tokens[i + 1]
            out.append(
                Para(_start(tok), _end(tok), inline_nodes(inline.children or [], _start(tok)))
            )
            i += 3
        elif ttype == "html_block":
            out.append(Html(_start(tok), _end(tok), tok.content))
            i += 1
        elif ttype == "table_open":
            table, i = _table(tokens, i, lines)
            out.append(table)
        elif ttype in ("bullet_list_open", "ordered_list_open"):
            close = ttype.replace("_open", "_close")
            i += 1
            while i < len(tokens) and tokens[i].type != close:
                item_tok = tokens[i]  # list_item_open
                inner, i = _blocks(tokens, i + 1, lines, depth + 1, "list_item_close")
                item = Item(_start(item_tok), _end(item_tok), depth)
                for block in inner:
                    if isinstance(block, Item) and block.depth == depth + 1:
                        item.children.append(block)
                    else:
                        item.blocks.append(block)
                out.append(item)
            i += 1
        else:  # code blocks, rules, blockquote markers, closing tokens
            i += 1
    return out, i


def _raw_cells(line: str) -> list[str]:
    """The cells of a raw table row as GFM splits it: at every pipe not escaped by ``\\``."""
    s = line.strip().removeprefix("|")
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", s)]


def _table(tokens: Sequence[Any], i: int, lines: list[str]) -> tuple[Table, int]:
    table = Table(_start(tokens[i]), _end(tokens[i]), [], [])
    row: Row | None = None
    in_head = False
    i += 1
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "tbody_open":
            in_head = False
        elif tok.type == "tr_open":
            row = Row(_start(tok), [])
        elif tok.type == "inline" and row is not None:
            row.cells.append(inline_nodes(tok.children or [], row.line))
        elif tok.type == "tr_close" and row is not None:
            if in_head:
                table.header = row.cells
            else:
                raw = _raw_cells(lines[row.line - 1]) if 0 < row.line <= len(lines) else []
                row.extra = [c for c in raw[len(table.header) :] if c]
                table.rows.append(row)
            row = None
        i += 1
    return table, i + 1
