"""Inline Markdown as a small tree of :class:`Node` items, with the line each one starts on.

markdown-it gives a flat stream of inline tokens (``link_open``, ``text``, ``image``,
``html_inline``...). :func:`inline_nodes` nests them (a badge is an image inside a link, a bold
title may hold a link) and numbers lines through soft and hard breaks; raw HTML (``<a href>``,
``<img>``, ``<br>``, ``<b>``) becomes the same nodes as its Markdown spelling. The helpers below
read text, links and lines out of a node list; the entry shapes are built on them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

#: Node kinds: ``text``, ``code``, ``strong``, ``em``, ``link``, ``image``, ``html`` (a tag or
#: comment kept as written), ``br`` (a line break: soft, hard or ``<br>``).
BREAK = "br"


@dataclass(eq=False)  # nodes are compared by identity: two equal texts are two nodes
class Node:
    """One inline item: text, code, emphasis, a link, an image, raw HTML or a line break."""

    kind: str
    #: text of ``text``/``code``; alt text of ``image``; the raw tag of ``html``
    text: str = ""
    #: href of ``link``, src of ``image``
    url: str = ""
    line: int = 0
    children: list[Node] = field(default_factory=list)


_CONTAINERS = {"strong_open": "strong", "em_open": "em", "s_open": "s", "link_open": "link"}
_CLOSERS = {"strong_close", "em_close", "s_close", "link_close"}
_TAG = re.compile(r"^<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>$", re.DOTALL)
_HTML_CONTAINERS = {"a": "link", "b": "strong", "strong": "strong", "i": "em", "em": "em"}


def inline_nodes(tokens: Sequence[Any], line: int) -> list[Node]:
    """Nodes for markdown-it inline ``tokens`` (the children of an ``inline`` token).

    :param line: the 1-based line the inline content starts on
    """
    root = Node("root")
    stack = [root]
    for tok in tokens:
        top = stack[-1]
        ttype = tok.type
        if ttype in _CONTAINERS:
            node = Node(_CONTAINERS[ttype], url=str(tok.attrs.get("href") or ""), line=line)
            top.children.append(node)
            stack.append(node)
        elif ttype in _CLOSERS:
            if len(stack) > 1:
                stack.pop()
        elif ttype in ("softbreak", "hardbreak"):
            top.children.append(Node(BREAK, line=line))
            line += 1
        elif ttype == "text":
            top.children.extend(_bare_urls(tok.content, line, inside_link=len(stack) > 1))
        elif ttype == "code_inline":
            top.children.append(Node("code", tok.content, line=line))
        elif ttype == "image":
            alt = "".join(c.content for c in tok.children or () if c.type == "text")
            top.children.append(
                Node("image", alt or tok.content, str(tok.attrs.get("src") or ""), line)
            )
        elif ttype == "html_inline":
            _inline_html(stack, tok.content, line)
            line += tok.content.count("\n")
    return root.children


_BARE_URL = re.compile(r"https?://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]")


def _bare_urls(text: str, line: int, *, inside_link: bool) -> list[Node]:
    """A text token, with bare ``https://...`` URLs made links (markdown-it's linkify needs an
    extra package; lists write ``Code: https://github.com/...``)."""
    if inside_link or "://" not in text:
        return [Node("text", text, line=line)]
    out: list[Node] = []
    pos = 0
    for m in _BARE_URL.finditer(text):
        if m.start() > pos:
            out.append(Node("text", text[pos : m.start()], line=line))
        out.append(
            Node("link", url=m.group(), line=line, children=[Node("text", m.group(), line=line)])
        )
        pos = m.end()
    if pos < len(text):
        out.append(Node("text", text[pos:], line=line))
    return out


def _inline_html(stack: list[Node], raw: str, line: int) -> None:
    m = _TAG.match(raw.strip())
    top = stack[-1]
    if m is None:  # a comment or something that is not one simple tag: keep it as written
        top.children.append(Node("html", raw, line=line))
        return
    closing, tag, attrs = m.group(1), m.group(2).lower(), _attrs(m.group(3))
    if tag == "br":
        top.children.append(Node(BREAK, line=line))
    elif tag == "img":
        top.children.append(Node("image", attrs.get("alt", ""), attrs.get("src", ""), line))
    elif tag in _HTML_CONTAINERS and not closing:
        node = Node(_HTML_CONTAINERS[tag], url=attrs.get("href", ""), line=line)
        top.children.append(node)
        stack.append(node)
    elif tag in _HTML_CONTAINERS and closing:
        if len(stack) > 1 and stack[-1].kind == _HTML_CONTAINERS[tag]:
            stack.pop()
    else:
        top.children.append(Node("html", raw, line=line))


class _AttrReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = {k: v or "" for k, v in attrs}


def _attrs(text: str) -> dict[str, str]:
    reader = _AttrReader()
    reader.feed(f"<x {text.rstrip('/')}>")
    return reader.attrs


class _HtmlNodes(HTMLParser):
    """An HTML fragment as nodes: text, links (``<a href>``), images and line breaks."""

    def __init__(self, line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.stack = [Node("root")]
        self.line = line

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        top = self.stack[-1]
        if tag == "img":
            top.children.append(Node("image", a.get("alt", ""), a.get("src", ""), self.line))
        elif tag == "br":
            top.children.append(Node(BREAK, line=self.line))
        elif tag in _HTML_CONTAINERS:
            node = Node(_HTML_CONTAINERS[tag], url=a.get("href", ""), line=self.line)
            top.children.append(node)
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_CONTAINERS and len(self.stack) > 1:
            self.stack.pop()
        elif tag in ("p", "div", "summary", "li", "tr"):
            self.stack[-1].children.append(Node(BREAK, line=self.line))

    def handle_data(self, data: str) -> None:
        parts = data.split("\n")
        for n, part in enumerate(parts):
            if n:
                self.line += 1
            if part:
                self.stack[-1].children.append(Node("text", part, line=self.line))


def html_nodes(raw: str, line: int) -> list[Node]:
    """Nodes for an HTML block (``<details>``, ``<p><a href=...><img ...></a></p>``...)."""
    reader = _HtmlNodes(line)
    reader.feed(re.sub(r"<!--.*?-->", "", raw, flags=re.DOTALL))
    reader.close()
    return reader.stack[0].children


def plain(nodes: Sequence[Node]) -> str:
    """The text a reader sees: link labels kept; images, HTML and markup dropped; spaces
    squeezed."""
    return " ".join(_plain(nodes).split())


def _plain(nodes: Sequence[Node]) -> str:
    out: list[str] = []
    for n in nodes:
        if n.kind in ("text", "code"):
            out.append(n.text)
        elif n.kind == BREAK:
            out.append(" ")
        elif n.kind in ("strong", "em", "s", "link"):
            out.append(_plain(n.children))
    return "".join(out)


def split_lines(nodes: Sequence[Node]) -> list[list[Node]]:
    """The nodes of each line (split at top-level breaks); empty lines are dropped."""
    lines: list[list[Node]] = [[]]
    for n in nodes:
        if n.kind == BREAK:
            lines.append([])
        else:
            lines[-1].append(n)
    return [ln for ln in lines if any(not is_blank(n) for n in ln)]


def is_blank(node: Node) -> bool:
    """True for whitespace text and HTML that shows nothing (comments, closing tags)."""
    if node.kind == "text":
        return not node.text.strip()
    return node.kind == "html" and not node.text.lstrip().startswith("<!--")


def walk(nodes: Sequence[Node]) -> Iterator[Node]:
    """Every node, depth first, in reading order."""
    for n in nodes:
        yield n
        yield from walk(n.children)


def meaningful(nodes: Sequence[Node]) -> list[Node]:
    """The nodes without blank text, breaks and HTML (comments included)."""
    return [n for n in nodes if not is_blank(n) and n.kind not in (BREAK, "html")]


def comments(nodes: Sequence[Node]) -> list[str]:
    """The HTML comments among the nodes (at any depth), as written."""
    return [n.text for n in walk(nodes) if n.kind == "html" and n.text.lstrip().startswith("<!--")]


def without_links(nodes: Sequence[Node]) -> list[Node]:
    """The nodes with every link (and image) left out, at any depth."""
    out: list[Node] = []
    for n in nodes:
        if n.kind in ("link", "image"):
            continue
        if n.children:
            out.append(Node(n.kind, n.text, n.url, n.line, without_links(n.children)))
        else:
            out.append(n)
    return out


def only_image(node: Node) -> Node | None:
    """The image a link shows instead of text (a badge), if that is all it shows."""
    shown = meaningful(node.children)
    if len(shown) == 1 and shown[0].kind == "image":
        return shown[0]
    if len(shown) == 1 and shown[0].kind in ("strong", "em"):
        return only_image(shown[0])
    return None
