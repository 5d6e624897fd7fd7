"""Group mentions of the same work (within and across lists) and resolve their fields.

The same work is the same arXiv id, DOI or paper URL, or the same normalised title or short
name. An identifier is decisive: two mentions that share one are merged even when their titles
disagree, and the disagreement is reported as a conflict (fix the id in the mapping if the list
is wrong). A name is not: a name match between mentions whose arXiv ids differ is kept apart
and reported. A shared code, project or demo URL never merges two mentions (one repository
often hosts several papers); :func:`shared_urls` lists such pairs as hints. Every other
disagreement inside a group (venue, year, identifiers, links, kind) becomes a :class:`Conflict`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..catalog.entries import Entry
from .normalize import arxiv_url, name_keys, normalize_url, short_from_title, title_keys
from .records import Conflict, RawRecord

#: kinds that may be merged with each other
KIND_CLASS = {"dataset": "data", "benchmark": "data", "resource": "resource", "topic": "topic"}
#: when a group mixes kinds, the first of these present wins
KIND_PRIORITY = ("topic", "resource", "model", "dataset", "benchmark", "paper")
#: links keys whose URL two works may share without being one work
SHARED_KEYS = ("code", "project", "webpage")
_REASONS = {"arxiv": "same arXiv id", "doi": "same DOI", "url": "same paper URL"}


@dataclass
class Group:
    """Records judged to describe the same work."""

    records: list[RawRecord] = field(default_factory=list)
    #: notes on pairs kept apart although they shared a name
    separated: list[str] = field(default_factory=list)
    #: why each record after the first joined
    reasons: list[str] = field(default_factory=list)
    #: identifier matches whose titles disagree
    conflicts: list[Conflict] = field(default_factory=list)


def _words(title: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", title.lower()) if len(w) > 2}


def compatible(a: RawRecord, b: RawRecord) -> bool:
    """Whether two mentions can be the same work judging by titles and short names."""
    if title_keys(a.title) & title_keys(b.title):
        return True
    if name_keys(a.title, a.short) & name_keys(b.title, b.short):
        return True
    wa, wb = _words(a.title), _words(b.title)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.5


def _paper_url(rec: RawRecord) -> str | None:
    url = rec.links.get("paper")
    return normalize_url(url) if url and not rec.arxiv else None


def _keys(rec: RawRecord) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if rec.arxiv:
        out.append(("arxiv", rec.arxiv))
    if rec.doi:
        out.append(("doi", rec.doi.lower()))
    url = _paper_url(rec)
    if url:
        out.append(("url", url))
    out += [("title", k) for k in sorted(title_keys(rec.title))]
    out += [("name", k) for k in sorted(name_keys(rec.title, rec.short))]
    return out


def _join(groups: list[Group], rec: RawRecord, kind: str, value: str, gi: int) -> bool:
    """Whether ``rec`` may join group ``gi`` through key (``kind``, ``value``)."""
    group = groups[gi]
    if rec.explicit_id and any(
        o.explicit_id and o.explicit_id != rec.explicit_id for o in group.records
    ):
        return False  # explicit ids are authoritative
    first = group.records[0]
    if (
        kind == "name"
        and rec.arxiv
        and any(o.arxiv and o.arxiv != rec.arxiv for o in group.records)
    ):
        group.separated.append(
            f"{rec.where} {rec.title!r} shares the name {value!r} with {first.where} "
            f"{first.title!r} but the arXiv ids differ"
        )
        return False
    if kind in _REASONS and not any(compatible(rec, o) for o in group.records):
        group.conflicts.append(
            Conflict(
                "title",
                [(first.title, first.where), (rec.title, rec.where)],
                f"merged: {_REASONS[kind]} {value}; correct the id with a fix if these are "
                "different works",
            )
        )
    if kind in _REASONS:
        group.reasons.append(f"{_REASONS[kind]} {value}")
    elif kind == "title":  # as this list writes it, not the key it was compared by
        group.reasons.append(f"same title as {rec.title!r}")
    else:
        name = rec.short or short_from_title(rec.title) or rec.title
        group.reasons.append(f"same name as {name!r}")
    return True


def group_records(records: list[RawRecord]) -> list[Group]:
    """Group records in source order; a group keeps the position of its first record."""
    groups: list[Group] = []
    index: dict[tuple[str, str, str], int] = {}
    for rec in records:
        cls = KIND_CLASS.get(rec.kind, "work")
        found: int | None = None
        for kind, value in _keys(rec):
            gi = index.get((cls, kind, value))
            if gi is None or gi == found:
                continue
            if _join(groups, rec, kind, value, gi):
                found = gi
                break
        if found is None:
            groups.append(Group([rec]))
            found = len(groups) - 1
        else:
            groups[found].records.append(rec)
        for kind, value in _keys(rec):
            index.setdefault((cls, kind, value), found)
    return groups


def shared_urls(groups: list[Group], entries: list[Entry]) -> list[str]:
    """Works that share a code, project or demo URL without sharing an identifier: hints for
    a ``related`` or ``extends`` relation, never a merge. Works already related are left out.
    """
    users: dict[tuple[str, str], dict[int, str]] = {}
    for gi, group in enumerate(groups):
        for rec in group.records:
            for key in SHARED_KEYS:
                if key in rec.links:
                    url = normalize_url(rec.links[key]).lower()
                    users.setdefault((key, url), {}).setdefault(gi, rec.where)
    shared: dict[tuple[int, ...], list[str]] = {}
    for (key, url), found in users.items():
        unrelated = [
            gi
            for gi in found
            if any(not _related(entries[gi], entries[o]) for o in found if o != gi)
        ]
        if len(unrelated) > 1:
            shared.setdefault(tuple(unrelated), []).append(f"{key} {url}")
    hints = []
    for gis, what in shared.items():
        where = users[(what[0].split(" ", 1)[0], what[0].split(" ", 1)[1])]
        names = ", ".join(f"{entries[gi].id} ({where[gi]})" for gi in gis)
        hints.append(f"{names} share {'; '.join(what)} (a relation, not the same work?)")
    return hints


def _related(a: Entry, b: Entry) -> bool:
    return any(b.id in ids for ids in a.relations.values()) or any(
        a.id in ids for ids in b.relations.values()
    )


def _distinct(values: list[tuple[Any, str]], norm: Any = None) -> list[tuple[Any, str]]:
    seen: dict[Any, tuple[Any, str]] = {}
    for v, w in values:
        if v is None or v == "":
            continue
        key = norm(v) if norm else v
        seen.setdefault(key, (v, w))
    return list(seen.values())


@dataclass
class Resolved:
    """The values of a merged group, before ids and overrides."""

    records: list[RawRecord]
    values: dict[str, Any]
    conflicts: list[Conflict]


def resolve(group: Group) -> Resolved:
    """Pick one value per field for a group and list every disagreement."""
    recs = group.records
    conflicts: list[Conflict] = []
    v: dict[str, Any] = {}

    kinds = _distinct([(r.kind, r.where) for r in recs])
    present = {k for k, _ in kinds}
    v["kind"] = next((k for k in KIND_PRIORITY if k in present), "paper")
    if len(present) > 1 and present != {"model", "paper"}:
        conflicts.append(Conflict("kind", kinds, f"kept {v['kind']}"))

    long_titles = [r.title for r in recs if len(r.title.split()) >= 4]
    v["title"] = long_titles[0] if long_titles else recs[0].title
    full = [(r.title, r.where) for r in recs if len(r.title.split()) >= 4]
    titles = _distinct(full, lambda t: min(title_keys(t) or {t}))
    named = any(c.field == "title" for c in group.conflicts)
    if len(titles) > 1 and not named and not set.intersection(*(title_keys(t) for t, _ in titles)):
        conflicts.append(Conflict("title", titles, f"kept {v['title']!r}"))

    shorts = [r.short for r in recs if r.short] + [
        s for s in (short_from_title(r.title) for r in recs) if s
    ]
    if not shorts:
        shorts = [r.title for r in recs if len(r.title.split()) <= 3 and ":" not in r.title]
    v["short"] = shorts[0] if shorts else None

    venues = _distinct([(r.venue, r.where) for r in recs])
    published = [r for r in recs if r.venue and r.venue != "arXiv"]
    chosen = published[0] if published else next((r for r in recs if r.venue), None)
    v["venue"] = chosen.venue if chosen else None
    years = _distinct([(r.year, r.where) for r in recs])
    v["year"] = chosen.year if chosen and chosen.year else (years[0][0] if years else None)
    if len(venues) > 1:
        conflicts.append(Conflict("venue", venues, f"kept {v['venue']}"))
    if len(years) > 1:
        conflicts.append(Conflict("year", years, f"kept {v['year']}"))

    for name in ("arxiv", "doi", "date"):
        vals = _distinct([(getattr(r, name), r.where) for r in recs])
        v[name] = vals[0][0] if vals else None
        if len(vals) > 1 and name != "date":
            conflicts.append(Conflict(name, vals, f"kept {v[name]}"))

    links: dict[str, str] = {}
    for kind in dict.fromkeys(k for r in recs for k in r.links):
        if kind == "paper" and v["arxiv"]:
            links["paper"] = arxiv_url(v["arxiv"])
            others = _distinct(
                [(r.links["paper"], r.where) for r in recs if "paper" in r.links and not r.arxiv],
                lambda u: normalize_url(u).lower(),
            )
            if others:
                conflicts.append(Conflict("links.paper", others, f"kept {links['paper']} (arXiv)"))
            continue
        vals = _distinct(
            [(r.links[kind], r.where) for r in recs if kind in r.links],
            lambda u: normalize_url(u).lower(),
        )
        links[kind] = vals[0][0]
        if len(vals) > 1:
            conflicts.append(Conflict(f"links.{kind}", vals, f"kept {vals[0][0]}"))
    v["links"] = links

    v["authors"] = max((r.authors for r in recs), key=len)
    fields: dict[str, Any] = {}
    for r in recs:
        for key, val in r.fields.items():
            if key in ("summary", "notes"):
                prev = fields.get(key)
                if prev is None:
                    fields[key] = val
                elif val not in prev:
                    fields[key] = f"{prev} {val}" if key == "notes" else f"{prev} / {val}"
            else:
                fields.setdefault(key, val)
    v["fields"] = fields
    v["points"] = [p for r in recs for p in r.points]
    v["categories"] = list(dict.fromkeys(c for r in recs for c in r.categories))
    v["sources"] = list(dict.fromkeys((r.list, r.section) for r in recs))
    v["explicit_id"] = next((r.explicit_id for r in recs if r.explicit_id), None)
    v["data"] = next((r.data for r in recs if r.data is not None), None)
    return Resolved(recs, v, [*group.conflicts, *conflicts])
