"""Links: where a URL points (paper, code, model, dataset, project page...), from its label
and its host, and which links are decoration (licence and "awesome" badges).

A label that names a kind (``Paper``, ``Code``, ``Project``...) decides; otherwise the host
does (arXiv, OpenReview, ACL Anthology, CVF and proceedings sites are papers; GitHub and GitLab
are code; Hugging Face model, dataset and Space pages are models, datasets and demos;
``*.github.io`` is a project page), and failing that the place the link sits in (a title links to
the paper, a ``Code`` column to code).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .inline import Node, only_image, plain
from .normalize import arxiv_id, doi_of
from .records import RawRecord

#: link label (lower case, first word) -> links key
LINK_LABELS = {
    "paper": "paper",
    "pdf": "paper",
    "arxiv": "paper",
    "code": "code",
    "codes": "code",
    "github": "code",
    "project": "project",
    "webpage": "webpage",
    "website": "webpage",
    "homepage": "webpage",
    "page": "webpage",
    "video": "video",
    "dataset": "dataset",
    "data": "dataset",
    "model": "model",
    "demo": "webpage",
    "presentations": "slides",
    "presentation": "slides",
    "slides": "slides",
    "link": "webpage",
    "blog": "webpage",
}

#: hosts (and their subdomains) of papers
PAPER_HOSTS = (
    "arxiv.org",
    "openreview.net",
    "aclanthology.org",
    "aclweb.org",
    "thecvf.com",
    "papers.nips.cc",
    "neurips.cc",
    "mlr.press",
    "aaai.org",
    "ijcai.org",
    "ieeexplore.ieee.org",
    "dl.acm.org",
    "doi.org",
    "ecva.net",
    "jmlr.org",
    "semanticscholar.org",
    "nature.com",
    "science.org",
    "sciencedirect.com",
    "biorxiv.org",
    "medrxiv.org",
)
CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "gitee.com", "codeberg.org")
PROJECT_HOSTS = ("github.io", "gitlab.io", "pages.dev", "netlify.app", "vercel.app")
VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "bilibili.com")
SLIDE_HOSTS = ("slideshare.net", "speakerdeck.com")
#: badge and link words that decorate a list rather than describe a work
DECORATION = re.compile(
    r"\b(awesome|licen[cs]e|prs?|pr's|welcome|maintained|maintenance|made with|updated?|"
    r"contributions?|visitors?|hits|twitter|follow|discord|wechat|slack|star history|"
    r"downloads|python|pytorch|last commit)\b",
    re.IGNORECASE,
)
DECORATION_HOSTS = ("awesome.re", "makeapullrequest.com", "opensource.org", "shields.io")
_STARS_BADGE = re.compile(r"img\.shields\.io/github/(?:stars|forks)/([\w.-]+)/([\w.-]+)")


@dataclass(frozen=True)
class Link:
    """A link as a list gives it: label text, URL and line; ``badge`` when it shows an image."""

    label: str
    url: str
    line: int
    badge: bool = False

    @property
    def web(self) -> bool:
        """True for an http(s) URL (anchors such as ``#contents`` are not links to a work)."""
        return self.url.startswith(("http://", "https://"))


def _host(url: str) -> tuple[str, list[str]]:
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().split("@")[-1].split(":")[0].removeprefix("www.")
    return host, [p for p in parts.path.split("/") if p]


def _on(host: str, hosts: Sequence[str]) -> bool:
    return any(host == h or host.endswith("." + h) for h in hosts)


def host_kind(url: str) -> str | None:
    """The links key a URL's host implies, or ``None`` when the host says nothing."""
    host, path = _host(url)
    if arxiv_id(url):
        return "paper"
    if host in ("huggingface.co", "hf.co"):
        first = path[0].lower() if path else ""
        if first == "datasets":
            return "dataset"
        if first == "papers":
            return "paper"
        if first in ("spaces", "blog", "docs", "learn", "") or len(path) < 2:
            return "webpage"
        return "model"
    if _on(host, PAPER_HOSTS) or url.lower().split("?")[0].endswith(".pdf"):
        return "paper"
    if _on(host, CODE_HOSTS):
        return "code"
    if _on(host, PROJECT_HOSTS):
        return "project"
    if _on(host, VIDEO_HOSTS):
        return "video"
    if _on(host, SLIDE_HOSTS):
        return "slides"
    return None


def label_kind(label: str) -> str | None:
    """The links key a label names (``Paper``, ``[Code]``, ``Project page``...), if any."""
    words = re.split(r"[\s&/(]+", label.strip().strip("[]").lower())
    return LINK_LABELS.get(words[0]) if words and words[0] else None


def link_key(link: Link, default: str = "webpage", *, title: bool = False) -> str:
    """The ``links`` key of a link.

    :param default: the key when neither the label nor the host says (the place decides)
    :param title: the label is the work's title, so its words say nothing about the target
    """
    named = None if title else label_kind(link.label)
    if named in (None, "webpage", "model") and arxiv_id(link.url):
        return "paper"
    if named is not None:
        return named
    return host_kind(link.url) or default


def is_decoration(link: Link) -> bool:
    """True for a link that decorates the list (licence, "awesome", PRs-welcome badges...)."""
    host, _ = _host(link.url)
    if _on(host, DECORATION_HOSTS):
        return True
    return link.badge and bool(DECORATION.search(link.label)) and host_kind(link.url) != "paper"


def links_in(nodes: Sequence[Node]) -> list[Link]:
    """The web links among ``nodes`` at any depth, in reading order.

    A GitHub star badge (``img.shields.io/github/stars/OWNER/REPO``) shown without a link of
    its own stands for its repository.
    """
    return [link for link in _links(nodes) if link.web]


def _links(nodes: Sequence[Node]) -> Iterator[Link]:
    for n in nodes:
        if n.kind == "link":
            image = only_image(n)
            if image is not None:
                yield Link(badge_label(image), n.url.strip(), n.line, badge=True)
            else:
                yield Link(plain(n.children), n.url.strip(), n.line)
        elif n.kind == "image":
            m = _STARS_BADGE.search(n.url)
            if m:
                repo = m.group(2).removesuffix(".svg")
                yield Link("GitHub", f"https://github.com/{m.group(1)}/{repo}", n.line, True)
        else:
            yield from _links(n.children)


def badge_label(image: Node) -> str:
    """What a badge says: its alt text, else the label part of a shields.io badge URL."""
    if image.text.strip():
        return image.text.strip()
    m = re.search(r"img\.shields\.io/badge/([^-/?]+)", image.url)
    return unquote(m.group(1)).replace("_", " ") if m else ""


def add_links(
    rec: RawRecord, links: Sequence[Link], default: str = "webpage", *, title: bool = False
) -> None:
    """Store links on a record: the first of each key wins; paper links on arXiv set
    ``rec.arxiv`` and those on ``doi.org`` set ``rec.doi``."""
    for link in links:
        key = link_key(link, default, title=title)
        if key == "paper":
            aid = arxiv_id(link.url)
            if aid and not rec.arxiv:
                rec.arxiv = aid
            if _host(link.url)[0] in ("doi.org", "dx.doi.org") and not rec.doi:
                rec.doi = doi_of(link.url)
        rec.links.setdefault(key, link.url)
