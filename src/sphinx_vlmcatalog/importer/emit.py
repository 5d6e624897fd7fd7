"""``vlmcatalog import --emit-mapping``: a starting mapping file written from lists' headings.

Every section that holds entries gets a rule that files them under ``imported.<heading>`` with
the kind its heading (or its entries) suggest; sections that usually hold no works
(Contributing, Citation...) are listed under ``skip_sections``; topic sections found are listed
under ``topic_sections``. The user then renames the categories to keys of their taxonomy.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .mapping import Mapping
from .markdown import read_list
from .normalize import slugify

#: headings (lower case, first word) of sections that hold no works in most lists
SKIP_WORDS = (
    "contributing",
    "contribution",
    "contributions",
    "citation",
    "cite",
    "acknowledgement",
    "acknowledgements",
    "acknowledgment",
    "license",
    "licence",
    "contents",
    "table",
    "menu",
    "star",
    "contact",
)


@dataclass
class _Section:
    path: tuple[str, ...]
    lists: set[str] = field(default_factory=set)
    entries: int = 0
    first: str = ""
    kinds: Counter[str] = field(default_factory=Counter)


_PLAIN = re.compile(r"^[A-Za-z][\w .&/+()'-]*$")
#: plain words YAML 1.1 reads as booleans or null
_RESERVED = ("yes", "no", "on", "off", "true", "false", "null", "y", "n")


def _q(text: str) -> str:
    """A string as a YAML scalar on one line: plain when it is safe, else double-quoted (a
    JSON string is a YAML string)."""
    plain_ok = _PLAIN.match(text) and ": " not in text and " #" not in text
    if plain_ok and not text.endswith(":") and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def emit_mapping(paths: list[Path]) -> str:
    """The text of a mapping file for ``paths`` (see the mapping guide for the format)."""
    base = Mapping()
    sections: dict[tuple[str, tuple[str, ...]], _Section] = {}
    skips: dict[str, None] = {}
    topics: dict[str, str] = {}
    for path in paths:
        slug = base.list_slug(path)
        st = read_list(path.read_text(encoding="utf-8", errors="replace"), str(path), slug)
        for heading in st.seen:
            if heading.lower().removeprefix("table of ").split(" ", 1)[0] in SKIP_WORDS:
                skips.setdefault(heading, None)
        for rec in st.records:
            if rec.kind == "topic":
                topics[rec.section_path[-2] if len(rec.section_path) > 1 else rec.section] = str(
                    rec.fields.get("topic_type")
                )
                continue
            path_ = rec.section_path
            if st.title and len(path_) > 1 and path_[0] == st.title[1]:
                path_ = path_[1:]  # the list's title: every section is under it
            path_ = path_ or ("",)
            sec = sections.setdefault((slug, path_), _Section(path_))
            sec.lists.add(slug)
            sec.entries += 1
            sec.first = sec.first or rec.where
            hinted = rec.hint[0] if rec.hint else "paper"
            sec.kinds[rec.kind if rec.kind != "paper" else hinted] += 1
    out = [
        "# A starting mapping written by `vlmcatalog import --emit-mapping`: rename the",
        "# categories to keys of your taxonomy (and set taxonomy_file), adjust kinds, then run",
        "# `vlmcatalog import ... --mapping` with it. See the user guide's mapping page.",
        "# taxonomy_file: catalog/taxonomy.yaml",
        "",
        "lists:",
        *(f"  {_q(p.stem)}: {_q(base.list_slug(p))}" for p in paths),
    ]
    if topics:
        out += ["", "topic_sections:", *(f"  {_q(h)}: {_q(t)}" for h, t in topics.items())]
    out += ["", f"skip_sections: [{', '.join(_q(s) for s in skips)}]", "", "sections:"]
    for key, sec in _keys(sections, len(paths) > 1).items():
        kind = sec.kinds.most_common(1)[0][0]
        cat = f"imported.{slugify(sec.path[-1] or 'entries')}"
        count = f"{sec.entries} entr{'y' if sec.entries == 1 else 'ies'}"
        out.append(f"  # {count}, the first at {sec.first}")
        out.append(f"  {_q(key)}: {{categories: [{cat}], kind: {kind}}}")
    return "\n".join(out) + "\n"


def _keys(sections: dict[tuple[str, tuple[str, ...]], _Section], many: bool) -> dict[str, _Section]:
    """The shortest heading path that names each section alone (``Parent > Heading`` when a
    heading repeats), qualified by the list when several lists are read."""
    out: dict[str, _Section] = {}
    for (slug, path), sec in sections.items():
        for cut in range(1, len(path) + 1):
            tail = path[-cut:]
            if sum(1 for (_, p) in sections if p[-cut:] == tail) == 1 or cut == len(path):
                key = " > ".join(tail) if tail != ("",) else "entries"
                break
        if many and sum(1 for (_, p) in sections if p == path) > 1:
            key = f"{slug}: {key}"
        out[key] = sec
    return out
