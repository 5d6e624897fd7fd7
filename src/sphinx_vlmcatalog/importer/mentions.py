"""What one line of a list says about a work: :class:`Mention`, read from inline nodes.

The shapes, tried in this order on the first line of a list item or paragraph:

* ``* [NeurIPS 2024] Title [[Paper](..)][[Code](..)]`` (``venue-bullet``);
* ``- **Name** (2024) - [description](url)`` (``bold-bullet``);
* ``- `CLIP` Title. ICML 2021.`` with the links on the next line (``tick-bullet``);
* ``- [Title](url) - Venue Year``, with ``,``, ``:``, ``(Venue Year)`` or ``[Venue Year]``
  instead of the dash (``title-link``);
* ``- **Name**: Title [[Paper](..)]`` and ``- **Name**: [Title](url)`` (``name-bullet``);
* ``- Title. Venue Year. [[Paper](..)]`` and the same with the links below (``text-bullet``).

:func:`looks_like_entry` decides whether a line is entry-like at all, :func:`names_a_work`
whether it names a work of its own or only gives links for the one above it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .data import entry_data
from .inline import Node, comments, meaningful, only_image, plain, split_lines, without_links
from .links import Link, host_kind, is_decoration, label_kind, links_in
from .normalize import parse_model_description, split_venue
from .paragraphs import is_bold_title
from .syntax import explicit_id, title_and_venue, venue_text

_VENUE_LEAD = re.compile(r"^\[(?P<venue>[^\]\[]+?)\]\s+(?P<title>[^\[]+?)\s*\[*\s*$")
_YEAR_LEAD = re.compile(r"^\s*\((?P<year>\d{4})\)\s*[-–—:]?\s*")
_SEPARATORS = " -–—:,|."
_RESIDUE = re.compile(r"(?:\s*\[|\s[-–—]+|[:,])+\s*$")


@dataclass
class Mention:
    """What an item says about one work, before it becomes a record."""

    fmt: str
    title: str
    short: str | None = None
    venue: str | None = None
    year: int | None = None
    #: (links, default key, whether the label is the title)
    links: list[tuple[list[Link], str, bool]] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def looks_like_entry(nodes: Sequence[Node], *, in_list: bool) -> bool:
    """Whether inline content reads as an entry: it has a link to a work, or starts with a
    bold or back-ticked name, a ``[Venue Year]`` or a title link.

    Links to ``#anchors`` (tables of contents) and rows of decoration badges do not count.
    Outside lists, a paragraph that starts with a bold phrase needs a link or the shape of a
    bold-title block (``**Note:** ...`` is prose), and a link inside prose counts only when it
    points at a paper.
    """
    lines = split_lines(nodes)
    if not lines:
        return False
    lead = _lead(lines[0])
    if lead is not None and lead.kind in ("strong", "code"):
        if not in_list and not links_in(nodes) and not is_bold_title(nodes):
            return False
        return bool(plain([lead]).strip())
    if lead is not None and lead.kind == "link" and _web(lead.url) and only_image(lead) is None:
        return True
    if (
        lead is not None
        and lead.kind == "text"
        and lead.text.lstrip().startswith("[")
        and _VENUE_LEAD.match(plain(_before_link(lines[0])))
    ):
        return True
    if explicit_id(comments(nodes))[0] or any(entry_data(c) for c in comments(nodes)):
        return True
    links = [x for x in links_in(nodes) if not is_decoration(x)]
    if all(x.badge for x in links) and not plain(nodes).strip():
        return False  # a row of badges says nothing about which work
    if in_list:
        return bool(links)
    return any(host_kind(x.url) == "paper" for x in links)


def names_a_work(nodes: Sequence[Node]) -> bool:
    """Whether inline content is an entry of its own, rather than a line of links for the work
    above it (``Code: [GitHub](...)``, ``[Paper](...) | [Code](...)``, ``**Paper:** ...``)."""
    cmts = comments(nodes)
    if explicit_id(cmts)[0] or any(entry_data(c) for c in cmts):
        return True
    if not looks_like_entry(nodes, in_list=True):
        return False
    men = parse_mention(nodes)
    if men is None:
        return False
    if men.fmt in ("text-bullet", "name-bullet"):
        lines = split_lines(nodes)
        raw = plain(without_links(lines[0])).strip(" |·,;-–—[]") if lines else ""
        words = raw.split()
        if raw.endswith(":") and len(words) <= 4:
            return False
        if words and all(label_kind(w.strip(":|[]()")) or not w.strip(":|") for w in words):
            return False
    return True


def _web(url: str) -> bool:
    return url.strip().startswith(("http://", "https://"))


def _lead(line: Sequence[Node]) -> Node | None:
    """The first node that shows something, skipping badges and images before a title."""
    for n in meaningful(line):
        if n.kind == "image" or (n.kind == "link" and only_image(n) is not None):
            continue
        return n
    return None


def _before_link(line: Sequence[Node]) -> list[Node]:
    out: list[Node] = []
    for n in line:
        if n.kind == "link" or any(c.kind == "link" for c in n.children):
            break
        out.append(n)
    return out


def _after(line: Sequence[Node], node: Node) -> list[Node]:
    at = next((i for i, n in enumerate(line) if n is node), None)
    return [] if at is None else list(line[at + 1 :])


def _text(nodes: Sequence[Node]) -> str:
    """Plain text without links, with empty ``[]`` left by bracketed links removed."""
    return " ".join(plain(without_links(nodes)).replace("[]", " ").split())


def _title_like(label: str) -> bool:
    return label_kind(label) is None and len(label.split()) >= 2


def parse_mention(nodes: Sequence[Node]) -> Mention | None:
    """Read one work from inline content, or ``None`` when no title can be found."""
    lines = split_lines([n for n in nodes if not (n.kind == "html" and "<!--" in n.text)])
    if not lines:
        return None
    first, later = lines[0], lines[1:]
    later_links = [x for line in later for x in links_in(line)]
    lead = _lead(first)
    if lead is None:
        return None
    m = _VENUE_LEAD.match(plain(_before_link(first))) if lead.kind == "text" else None
    if m and split_venue(m.group("venue"))[1] is not None:
        venue, year, _ = split_venue(m.group("venue"))
        men = Mention("venue-bullet", m.group("title").strip(), venue=venue, year=year)
        men.links.append(([*links_in(first), *later_links], "webpage", False))
        return men
    rest = _after(first, lead)
    if lead.kind == "strong" and rest and rest[0].kind == "text":
        ym = _YEAR_LEAD.match(plain(_before_link(rest)))
        if ym:
            return _bold_year(lead, rest, int(ym.group("year")), later_links)
    if lead.kind == "code":
        return _titled(
            "tick-bullet", _text(rest), lead.text.strip(), first, later_links, tails=False
        )
    if lead.kind == "link" and _web(lead.url):
        if label_kind(plain(lead.children)) is None:
            return _title_link(lead, rest, later_links)
        return _titled("text-bullet", _text(rest), None, first, later_links)
    if lead.kind == "strong":
        return _named(lead, rest, first, later_links)
    if lead.kind in ("text", "em", "s"):
        return _titled("text-bullet", _text(first), None, first, later_links)
    return None


def _bold_year(lead: Node, rest: list[Node], year: int, later: list[Link]) -> Mention:
    men = Mention("bold-bullet", plain([lead]), year=year)
    links = links_in(rest)
    if links:
        desc = links[0].label
        men.fields["summary"] = desc
        men.fields.update(parse_model_description(desc))
        men.links.append(([links[0]], "webpage", True))
        men.links.append(([*links[1:], *later], "webpage", False))
    else:
        men.fields["summary"] = _YEAR_LEAD.sub("", _text(rest)).strip(" -")
        men.links.append((later, "webpage", False))
    return men


def _titled(
    fmt: str,
    text: str,
    short: str | None,
    first: list[Node],
    later: list[Link],
    *,
    tails: bool = True,
) -> Mention | None:
    title, venue, year, extra = title_and_venue(text, tails=tails)
    # what links leave at the end ("Title - [[Paper](..)]"); a title may begin with "[" or end
    # with "|", so nothing else is cut
    title = _RESIDUE.sub("", title.strip()).rstrip(". ")
    if not title and not short:
        return None
    men = Mention(fmt, title or short or "", short=short, venue=venue, year=year)
    if extra:
        men.fields["venue_extra"] = extra
    if fmt == "tick-bullet" and venue is None and year is None:
        men.warnings.append(f"no venue/year found in {text!r}")
    men.links.append(([*links_in(first), *later], "webpage", False))
    return men


def _title_link(lead: Node, rest: list[Node], later: list[Link]) -> Mention:
    men = Mention("title-link", plain(lead.children))
    after = _text(rest)
    venue, year, extra = venue_text(after)
    men.venue, men.year = venue, year
    if venue is None and year is None and extra:
        men.fields["summary"] = extra
    elif extra:
        men.fields["venue_extra"] = extra
    men.links.append(([Link(men.title, lead.url.strip(), lead.line)], "paper", True))
    men.links.append(([*links_in(rest), *later], "webpage", False))
    return men


def _named(lead: Node, rest: list[Node], first: list[Node], later: list[Link]) -> Mention:
    """``**Name**: Title [[Paper](..)]``, ``**Name**: [Title](url)`` or a bold name alone."""
    name = plain([lead]).strip()
    inner = links_in([lead])
    text = _text(rest).strip(_SEPARATORS)
    titles = [x for x in links_in(rest) if not x.badge and _title_like(x.label)]
    if inner and not text and label_kind(inner[0].label) is None:  # **[Title](url)**
        men = Mention("title-link", name)
        men.links.append((inner, "paper", True))
        men.links.append(([*links_in(rest), *later], "webpage", False))
        return men
    if text:
        title, venue, year, extra = title_and_venue(text)
        men = Mention("name-bullet", title.strip(_SEPARATORS), short=name, venue=venue, year=year)
        if extra:
            men.fields["venue_extra"] = extra
    elif titles:
        men = Mention("name-bullet", titles[0].label, short=name)
        men.links.append(([titles[0]], "paper", True))
    else:
        men = Mention("name-bullet", name)
    men.links.append(([*links_in(first), *later], "webpage", False))
    return men
