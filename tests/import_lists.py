"""Three large awesome lists in the public formats, generated (never copied), with their truth.

* :func:`table_list`: an MLLM list of about 600 table rows: star badges and ``<br>`` in the
  title cell, rows without the outer pipes, a Title + Paper table, dataset tables with a Paper
  column and audio-text pair counts, works listed twice, versions sharing one repository, and
  a few rows without a name.
* :func:`badge_list`: about 150 works, a ``###`` heading each, with arXiv, GitHub and Hugging
  Face badges (Markdown or HTML), an authors and venue line, and a ``<details>`` abstract.
* :func:`bullet_list`: about 400 bullets in the ``- [Title](url) - Venue Year`` family (dash,
  comma, parentheses, brackets, em dash with a note), bold names with a colon, back-ticked
  names with a link line, nested groups, and a few bullets of links without a title.

Each returns the Markdown and a :class:`Truth`: the works (by arXiv id) with their title, venue
and year, how many lines repeat a work, and the lines that cannot be entries.
``python tests/import_lists.py DIR`` writes the three lists into DIR.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

WORDS = (
    *("adaptive", "aligned", "compact", "contrastive", "dense", "efficient", "grounded"),
    *("hierarchical", "interleaved", "latent", "modular", "multilingual", "robust"),
    *("scalable", "sparse", "temporal", "unified", "visual", "spoken", "causal"),
)
NOUNS = (
    *("tokens", "adapters", "encoders", "decoders", "captions", "dialogues", "prompts"),
    *("experts", "queries", "frames", "regions", "patches", "memories", "rewards"),
    *("signals", "streams", "graphs", "layouts", "scenes", "sounds"),
)
TASKS = (
    "reasoning",
    "retrieval",
    "grounding",
    "captioning",
    "question answering",
    "segmentation",
    "instruction following",
    "speech understanding",
    "video understanding",
    "chart reading",
)
SYLLABLES = "ka lo mi nu re so ta vi xe zu bra cle dro fli gra plo qui stre tor"
VENUES = ("CVPR", "ICCV", "ECCV", "NeurIPS", "ICML", "ICLR", "ACL", "EMNLP", "AAAI", "arXiv")


@dataclass
class Work:
    """One generated work."""

    arxiv: str
    name: str
    title: str
    venue: str
    year: int
    repo: str


@dataclass
class Truth:
    """What an importer must find in a generated list."""

    works: dict[str, Work] = field(default_factory=dict)
    #: lines that mention a work listed before
    repeats: int = 0
    #: lines that look like entries but name no work
    broken: list[int] = field(default_factory=list)
    #: pairs of works that share a code repository (two versions of one model)
    shared: list[tuple[str, str]] = field(default_factory=list)


class Maker:
    """Unique names, titles and arXiv ids from a seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.names: set[str] = set()
        self.serial = 0

    def name(self) -> str:
        syl = SYLLABLES.split()
        while True:
            word = "".join(self.rng.choice(syl) for _ in range(self.rng.randint(2, 3)))
            name = word.capitalize() + self.rng.choice(["", "", "LM", "-VL", "GPT", "Net"])
            if name.lower() not in self.names:
                self.names.add(name.lower())
                return name

    def work(self, *, venue: str | None = None, year: int | None = None) -> Work:
        self.serial += 1
        year = year or self.rng.choice((2022, 2023, 2024, 2025))
        aid = f"{year % 100}{self.rng.randint(1, 12):02d}.{10000 + self.serial:05d}"
        name = self.name()
        r = self.rng
        title = (
            f"{name}: {r.choice(WORDS).capitalize()} {r.choice(NOUNS)} for "
            f"{r.choice(WORDS)} {r.choice(TASKS)} {self.serial}"
        )
        venue = r.choice(VENUES) if venue is None else venue
        return Work(aid, name, title, venue, year, f"lab-{self.serial % 37}/{name.lower()}")


def _line(out: list[str]) -> int:
    """The number the next line of ``out`` will have (an item may hold several lines)."""
    return sum(s.count("\n") + 1 for s in out) + 1


def _when(w: Work) -> str:
    return "arXiv" if w.venue == "arXiv" else f"{w.venue} {w.year}"


def table_list(seed: int = 1) -> tuple[str, Truth]:
    """An MLLM list of tables, about 600 rows."""
    mk, truth = Maker(seed), Truth()
    out = [
        "# Awesome Generated Multimodal Large Language Models",
        "",
        "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)",
        "",
        "## Table of Contents",
        "- [Instruction Tuning](#instruction-tuning)",
        "- [Datasets](#datasets)",
        "",
    ]
    listed: list[Work] = []
    sections = ("Instruction Tuning", "Hallucination", "Video LLMs", "Agents", "Efficiency")
    for k, section in enumerate(sections):
        # GFM needs one dash a column; most lists write three
        rule = "|:-|:-:|:-:|:-:|:-:|" if k == 4 else "| :--- | :---: | :---: | :---: | :---: |"
        out += [f"## {section}", "", "| Title | Venue | Date | Code | Demo |", rule]
        for n in range(100):
            if listed and n % 20 == 7:  # the same paper under a second heading, pdf link
                w = mk.rng.choice(listed)
                truth.repeats += 1
            elif listed and n % 25 == 3:  # a new version in the old version's repository
                old = listed[-1]
                w = mk.work()
                w.repo = old.repo
                truth.shared.append((old.arxiv, w.arxiv))
            else:
                w = mk.work()
            truth.works.setdefault(w.arxiv, w)
            listed.append(w)
            star = f"https://img.shields.io/github/stars/{w.repo}.svg?style=social&label=Star"
            cells = [
                f"![Star]({star}) <br> [**{w.title}**](https://arxiv.org/pdf/{w.arxiv}.pdf) <br>",
                _when(w),
                f"{w.year}-{mk.rng.randint(1, 12):02d}-{mk.rng.randint(1, 28):02d}",
                f"[Github](https://github.com/{w.repo})" if n % 9 else "Coming soon",
                f"[Demo](https://huggingface.co/spaces/{w.repo})" if n % 4 == 0 else "-",
            ]
            row = " | ".join(cells)
            out.append(row if n % 10 == 4 else f"| {row} |")  # some rows lack the outer pipes
        truth.broken.append(_line(out))
        out += ["|  | arXiv | 2024-01-01 | - | - |", ""]
    out += ["## Open Models", "", "| Title | Paper | Code | Venue |", "|---|---|---|---|"]
    for n in range(40):
        w = mk.work()
        truth.works[w.arxiv] = Work(w.arxiv, w.name, w.name, w.venue, w.year, w.repo)
        paper = f"[arXiv](https://arxiv.org/abs/{w.arxiv})"
        out.append(f"| **{w.name}** | {paper} | [Code](https://github.com/{w.repo}) | {_when(w)} |")
        del n
    for kind, pairs in (("Datasets", "Audio-Text"), ("Benchmarks", "Video-Text")):
        out += [
            "",
            f"## {kind}",
            "",
            f"| Name | Paper | Type | Modalities | Num of {pairs} Pairs |",
        ]
        out.append("|---|---|---|---|---|")
        for _ in range(28):
            w = mk.work(venue="")  # no venue column: the year comes from the arXiv id
            truth.works[w.arxiv] = w
            link = f"[{w.title}](https://arxiv.org/pdf/{w.arxiv})"
            count = f"{mk.rng.randint(2, 900)}K"
            out.append(f"| **{w.name}** | {link} | Caption | Audio, Text | {count} |")
    return "\n".join(out) + "\n", truth


def badge_list(seed: int = 2) -> tuple[str, Truth]:
    """A heading-per-entry list with badges, about 150 works."""
    mk, truth = Maker(seed), Truth()
    out = [
        "# Awesome Generated Speech LLMs [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)",
        "",
        "[![License: MIT](https://img.shields.io/badge/License-MIT-green.svg)](https://opensource.org/licenses/MIT)",
        "",
        "Works on speech and language, newest first. Pull requests welcome.",
        "",
    ]
    listed: list[Work] = []
    for year in (2025, 2024, 2023):
        out += [f"## {year}", ""]
        for n in range(50):
            w = mk.work(year=year)
            truth.works[w.arxiv] = w
            listed.append(w)
            abs_url = f"https://arxiv.org/abs/{w.arxiv}"
            out.append(f"### [{w.title}]({abs_url})" if n % 7 == 0 else f"### {w.title}")
            out.append("")
            if n % 5 == 1:  # raw HTML badges
                out.append(
                    f'<a href="{abs_url}"><img src="https://img.shields.io/badge/arXiv-red"></a> '
                    f'<a href="https://github.com/{w.repo}"><img src="https://img.shields.io/'
                    'badge/GitHub-black"></a>'
                )
            elif n % 5 == 2:  # labelled links
                out.append(
                    f"**Paper:** [arXiv]({abs_url}) | **Code:** [GitHub](https://github.com/{w.repo})"
                )
            else:
                out.append(
                    f"[![arXiv](https://img.shields.io/badge/arXiv-{w.arxiv}-b31b1b.svg)]({abs_url})"
                )
                out.append(
                    f"[![GitHub](https://img.shields.io/github/stars/{w.repo}?style=social)]"
                    f"(https://github.com/{w.repo})"
                )
                out.append(
                    "[![Hugging Face](https://img.shields.io/badge/%F0%9F%A4%97-Model-yellow)]"
                    f"(https://huggingface.co/{w.repo})"
                )
            out.append("")
            if w.venue != "arXiv":
                out += [f"*Ann Author, Ben Writer* · {w.venue} {w.year}", ""]
            else:
                w.venue = ""
            out += ["<details><summary>Abstract</summary>", "", f"{w.name} does things.", ""]
            out += ["</details>", ""]
    out += ["## Highlights", ""]
    for w in listed[::30]:  # a second mention of a few works
        truth.repeats += 1
        out += [
            f"### {w.title}",
            "",
            f"[![arXiv](https://img.shields.io/badge/arXiv-x)](https://arxiv.org/pdf/{w.arxiv}v2.pdf)",
            "",
        ]
    return "\n".join(out) + "\n", truth


def bullet_list(seed: int = 3) -> tuple[str, Truth]:
    """A list of bullets in every common variant, about 400 entries."""
    mk, truth = Maker(seed), Truth()
    out = ["# Awesome Generated Audio-Visual Learning", "", "A generated list.", ""]
    listed: list[Work] = []
    shapes = (
        "{link} - {when}",
        "{link}, {when}",
        "{link} ({when})",
        "{link} [{venue}'{yy}]",
        "{link} — {when} (Oral)",
        "**{name}**: {rest} [[Paper]({url})] [[Code]({code})]",
        "`{name}` {title}. {when}.\n  [[Paper]({url})] [[Code]({code})]",
        "{title}. {when}. [[Paper]({url})]",
    )
    for topic in ("Audio-Visual Speech", "Sound Localisation", "Video Captioning", "Music"):
        out += [f"## {topic}", ""]
        for n in range(100):
            if listed and n % 17 == 5:
                w = mk.rng.choice(listed)
                truth.repeats += 1
                out.append(f"- [{w.title}](https://arxiv.org/pdf/{w.arxiv}v2.pdf) - {_when(w)}")
                continue
            if n % 33 == 9:
                truth.broken.append(_line(out))
                out.append(
                    "- [[Paper](https://arxiv.org/abs/2401.99999)] [[Code](https://github.com/x/y)]"
                )
                continue
            w = mk.work(venue=mk.rng.choice(VENUES[:-1]))
            truth.works[w.arxiv] = w
            listed.append(w)
            url = f"https://arxiv.org/abs/{w.arxiv}"
            text = shapes[n % len(shapes)].format(
                link=f"[{w.title}]({url})",
                when=_when(w),
                venue=w.venue,
                yy=w.year % 100,
                name=w.name,
                rest=w.title.split(": ", 1)[1],
                title=w.title,
                url=url,
                code=f"https://github.com/{w.repo}",
            )
            if n % 8 == 5:  # **Name**: rest -> the title is the rest, and there is no venue
                w.title, w.venue = w.title.split(": ", 1)[1], ""
            out.append(f"- {text}")
        out.append("")
    out += ["## Grouped", ""]
    for group in ("Speech", "Vision"):
        out.append(f"- {group}")
        for _ in range(5):
            w = mk.work(venue="ICML")
            truth.works[w.arxiv] = w
            out.append(f"  - [{w.title}](https://arxiv.org/abs/{w.arxiv}) - ICML {w.year}")
            out.append(f"    - Code: [GitHub](https://github.com/{w.repo})")
    return "\n".join(out) + "\n", truth


LISTS = {"mllm-tables": table_list, "speech-badges": badge_list, "av-bullets": bullet_list}

if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    target.mkdir(parents=True, exist_ok=True)
    for stem, make in LISTS.items():
        text, truth = make()
        (target / f"{stem}.md").write_text(text, encoding="utf-8")
        works, broken = len(truth.works), len(truth.broken)
        print(f"{stem}.md: {works} works, {truth.repeats} repeats, {broken} broken")
