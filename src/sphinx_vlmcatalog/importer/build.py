"""Turn resolved groups into catalog :class:`Entry` objects: ids, kind fields and overrides.

A group holding an entry of the Markdown export (its data comment) becomes exactly that entry;
the other mentions in the group only add their lists to its ``sources``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..catalog.converters import as_list
from ..catalog.entries import (
    KIND_CLASSES,
    RELATION_KINDS,
    Entry,
    SourceMention,
    data_fields,
)
from ..catalog.result_values import as_metrics, as_result
from .data import entry_from_data
from .mapping import Mapping, record_matches
from .merge import Resolved
from .normalize import slugify, title_key
from .records import Conflict, Problem


def _base_id(v: dict[str, Any]) -> str:
    if v.get("explicit_id"):
        return str(v["explicit_id"])
    if v.get("short"):
        return slugify(v["short"])
    return slugify(v["title"], 5)


def unique_id(base: str, kind: str, year: int | None, taken: set[str]) -> str:
    """``base`` made unique: add the kind for datasets, then the year, then a number."""
    cands = [base]
    if kind in ("dataset", "benchmark"):
        cands.append(f"{base}-{kind}")
    if year:
        cands.append(f"{base}-{year}")
    for cand in cands:
        if cand not in taken:
            return cand
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _apply(values: dict[str, Any], ov: dict[str, Any]) -> None:
    for key, val in (ov.get("set") or {}).items():
        if key in (
            "summary",
            "notes",
            "publisher",
            "resource_type",
            "topic_type",
            "task",
            "architecture",
            "parameters",
            "vision_encoder",
            "language_backbone",
            "languages",
            "context_length",
            "image_text_pairs",
            "classes",
            "train_size",
            "test_size",
            "metric",
            "size",
            "license",
            "modalities",
        ):
            values["fields"][key] = val
        elif key == "links":
            values["links"] = dict(val)
        else:
            values[key] = val
    for key, val in (ov.get("add") or {}).items():
        if key == "categories":
            values["categories"] = list(dict.fromkeys([*values["categories"], *val]))
        elif key == "relations":
            rel = values.setdefault("relations", {})
            for name, ids in val.items():
                rel[name] = list(dict.fromkeys([*rel.get(name, []), *ids]))
        elif key == "links":
            values["links"].update(val)
        elif key == "tags":
            values["tags"] = list(dict.fromkeys([*values.get("tags", []), *val]))
        elif key == "notes":
            prev = values["fields"].get("notes")
            values["fields"]["notes"] = f"{prev} {val}" if prev else val
        else:
            values["fields"][key] = val


def build_entries(
    resolved: list[Resolved], mapping: Mapping, problems: list[Problem]
) -> tuple[list[Entry], list[list[Conflict]]]:
    """Entries for the resolved groups (same order), with overrides applied and unique ids.

    Returns the entries and, per entry, the conflicts still unresolved: a conflict is resolved
    when an override for the entry sets the disputed field (or writes ``notes`` about it).
    """
    taken: set[str] = set()
    entries: list[Entry] = []
    remaining: list[list[Conflict]] = []
    used = [False] * len(mapping.overrides)
    for res in resolved:
        recs = res.records
        exported = _exported(res, taken, problems)
        if exported is not None:
            taken.add(exported.id)
            entries.append(exported)
            remaining.append(res.conflicts)
            continue
        v = {**res.values, "fields": dict(res.values["fields"]), "relations": {}, "tags": []}
        touched: set[str] = set()
        for n, ov in enumerate(mapping.overrides):
            if record_matches(
                ov["match"],
                list_slug=None,
                titles=[r.title for r in recs] + [v["title"]],
                arxivs=[r.arxiv for r in recs if r.arxiv] + ([v["arxiv"]] if v["arxiv"] else []),
                shorts=[r.short for r in recs if r.short] + ([v["short"]] if v["short"] else []),
                # an id an earlier override gave is the entry's id from then on
                entry_id=str(v["id"]) if v.get("id") else _base_id(v),
                kind=v["kind"],
            ):
                _apply(v, ov)
                used[n] = True
                touched |= set(ov.get("set") or {}) | set(ov.get("add") or {})
        kind = v["kind"]
        cls = KIND_CLASSES[kind]
        if v.get("year") is None and v.get("arxiv") and v["arxiv"][:2].isdigit():
            v["year"] = 2000 + int(v["arxiv"][:2])
        if v.get("year") is None and v.get("date"):
            v["year"] = int(str(v["date"])[:4])
        base = str(v["id"]) if v.get("id") else _base_id(v)
        eid = base if v.get("id") else unique_id(base, kind, v.get("year"), taken)
        if eid in taken:
            problems.append(
                Problem(
                    recs[0].path, recs[0].line, f"override id {eid!r} is already used", "warning"
                )
            )
            eid = unique_id(base, kind, v.get("year"), taken)
        taken.add(eid)
        entries.append(_make(cls, eid, v, recs))
        remaining.append(
            [
                c
                for c in res.conflicts
                if c.field.split(".")[0] not in touched and "notes" not in touched
            ]
        )
    for n, ov in enumerate(mapping.overrides):
        if not used[n]:
            problems.append(
                Problem(
                    str(mapping.path), 0, f"override matches no entry: {ov['match']}", "warning"
                )
            )
    return entries, remaining


def _exported(res: Resolved, taken: set[str], problems: list[Problem]) -> Entry | None:
    """The entry of a group that holds an exported entry's data, or ``None``."""
    data = res.values.get("data")
    if data is None:
        return None
    first = next(r for r in res.records if r.data is not None)
    try:
        entry = entry_from_data(data)
    except (TypeError, ValueError) as exc:
        msg = f"unusable data comment ({exc}); the entry is read from its text"
        problems.append(Problem(first.path, first.line, msg, "warning"))
        return None
    if entry.id in taken:
        msg = f"id {entry.id!r} of the data comment is already used; the entry gets another"
        problems.append(Problem(first.path, first.line, msg, "warning"))
        return None
    mentions = list(entry.sources)
    for r in res.records:
        if r.data is None and SourceMention(r.list, r.section) not in mentions:
            mentions.append(SourceMention(r.list, r.section))
    return dataclasses.replace(entry, sources=tuple(mentions))


def _make(cls: type[Entry], eid: str, v: dict[str, Any], recs: list[Any]) -> Entry:
    allowed = data_fields(cls)
    f = dict(v["fields"])
    extra_notes: list[str] = []
    venue_text = f.pop("venue_text", None)
    venue_extra = f.pop("venue_extra", None)
    kw: dict[str, Any] = {"id": eid, "kind": cls.kind_name.value, "title": v["title"]}
    for name in ("short", "venue", "year", "date", "arxiv", "doi"):
        if v.get(name) is not None:
            kw[name] = v[name]
    if (
        kw.get("short")
        and title_key(kw["short"]) == title_key(kw["title"])
        and cls.kind_name.value not in ("model",)
    ):
        kw.pop("short")
    if v.get("authors"):
        kw["authors"] = tuple(v["authors"])
    if v.get("checked"):
        kw["checked"] = tuple(v["checked"])
    if v.get("results"):  # (checked when the mapping was read)
        kw["results"] = as_list(as_result)(v["results"])
    if v.get("metrics"):
        kw["metrics"] = as_metrics(v["metrics"])
    if cls.kind_name.value == "resource":
        if venue_text and (
            kw.get("year") is None
            or venue_extra
            or "venue" not in kw
            or len(venue_text.split()) > 3
        ):
            f.setdefault("publisher", venue_text)
            if "venue" in kw and " " in str(kw["venue"]) and kw.get("year") is None:
                kw.pop("venue")
    elif venue_extra:
        extra_notes.append(f"The source gives the venue as {venue_text!r}.")
    elif venue_text and "venue" not in kw:
        extra_notes.append(f"The source gives {venue_text!r} as the venue.")
    if cls.kind_name.value == "topic" and v.get("points"):
        kw["points"] = tuple(v["points"])
    for key, val in f.items():
        if key in ("summary", "notes"):
            continue
        if key in allowed:
            kw[key] = tuple(val) if key == "modalities" and isinstance(val, list) else val
        else:
            extra_notes.append(f"{key}: {val}")
    if v.get("links"):
        kw["links"] = dict(v["links"])
    if v.get("categories"):
        kw["categories"] = tuple(v["categories"])
    if v.get("tags"):
        kw["tags"] = tuple(v["tags"])
    if f.get("summary"):
        kw["summary"] = f["summary"]
    notes = " ".join(x for x in [f.get("notes"), *extra_notes] if x)
    if notes:
        kw["notes"] = notes
    rel = {
        k: tuple(ids)
        for k, ids in (v.get("relations") or {}).items()
        if k in RELATION_KINDS and ids
    }
    if rel:
        kw["relations"] = rel
    kw["sources"] = tuple(SourceMention(lst, sec) for lst, sec in v["sources"])
    return cls(**{k: val for k, val in kw.items() if k in allowed})
