"""The import run: parse lists, map sections, apply fixes, merge, build entries, write YAML,
and account for every entry-like line (:attr:`.records.ImportReport.ledger`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import yaml

from ..catalog.entries import Category, Entry
from .build import build_entries
from .mapping import Mapping, MappingError, load_mapping, record_matches
from .markdown import read_list
from .merge import Group, group_records, resolve, shared_urls
from .normalize import arxiv_id, slugify
from .records import ImportReport, LineFate, MergeNote, Problem, RawRecord
from .state import ParseState
from .writer import flatten_tree, write_catalog

#: top-level category that receives sections the mapping does not place
IMPORTED_ROOT = "imported"

#: called with a stage name, the items done and the items in all (for a progress bar)
Step = Callable[[str, int, int], None]


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def read_lists(
    paths: list[Path],
    mapping: Mapping,
    report: ImportReport,
    progress: Callable[[str], None],
    step: Step | None = None,
) -> list[ParseState]:
    """Parse every list and give each record its categories, kind and fixes."""
    states: list[ParseState] = []
    for n, path in enumerate(paths, 1):
        progress(f"[{n}/{len(paths)}] parsing {path}")
        stage = f"[{n}/{len(paths)}] {path.name}"
        text = path.read_text(encoding="utf-8", errors="replace")
        st = read_list(
            text,
            str(path),
            mapping.list_slug(path),
            mapping.topic_sections,
            mapping.skip_sections,
            _stage(step, stage),
        )
        report.files.append(path)
        report.problems.extend(st.problems)
        states.append(st)
    warned: set[tuple[str, str]] = set()
    for rec in (r for st in states for r in st.records):
        if rec.data is not None:
            continue  # an exported entry keeps its own kind and categories
        rule = mapping.rule_for(rec.list, rec.section_path)
        if rule is not None:
            rec.categories = list(rule.categories)
            if rule.kind and rec.kind != "topic" and not rec.explicit_id:
                rec.kind = rule.kind
            for key, val in rule.fields.items():
                rec.fields.setdefault(key, val)
        else:
            _unmapped(rec, report, warned)
        _apply_fixes(rec, mapping)
    return states


def _stage(step: Step | None, stage: str) -> Callable[[int, int], None] | None:
    """``step`` for one stage (the name of the list being read)."""
    if step is None:
        return None
    report_step = step

    def advance(done: int, total: int) -> None:
        report_step(stage, done, total)

    return advance


def _unmapped(rec: RawRecord, report: ImportReport, warned: set[tuple[str, str]]) -> None:
    """A record of a section the mapping does not place: a category from its heading, and the
    kind its headings name (``Datasets``, ``Surveys``...)."""
    rec.categories = [f"{IMPORTED_ROOT}.{slugify(rec.section or rec.list)}"]
    if rec.hint is not None and rec.kind == "paper" and not rec.explicit_id:
        rec.kind = rec.hint[0]
        for key, val in rec.hint[1].items():
            rec.fields.setdefault(key, val)
    if (rec.list, rec.section) not in warned:
        warned.add((rec.list, rec.section))
        report.problems.append(
            Problem(
                rec.path,
                rec.line,
                f"section {rec.section!r} is not in the mapping; filed under {rec.categories[0]}",
                "note",
            )
        )


def _apply_fixes(rec: RawRecord, mapping: Mapping) -> None:
    for fix in mapping.fixes:
        if not record_matches(
            fix["match"],
            list_slug=rec.list,
            titles=[rec.title],
            arxivs=[rec.arxiv] if rec.arxiv else [],
            shorts=[rec.short] if rec.short else [],
        ):
            continue
        for key, val in (fix.get("set") or {}).items():
            if key == "arxiv":
                rec.arxiv = arxiv_id(str(val))
                if "paper" in rec.links and arxiv_id(rec.links["paper"]):
                    rec.links["paper"] = f"https://arxiv.org/abs/{rec.arxiv}"
            elif key == "links":
                rec.links.update(val)
            elif hasattr(rec, key) and key not in ("fields", "list", "path", "line"):
                setattr(rec, key, val)
            else:
                rec.fields[key] = val


def load_taxonomy(path: Path | None) -> list[Category]:
    """Categories of a taxonomy file (``taxonomy:`` nodes), or none.

    :raises MappingError: when the file is not a readable taxonomy
    """
    if path is None or not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return flatten_tree(data.get("taxonomy") or [])
    except (yaml.YAMLError, AttributeError, KeyError, TypeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise MappingError(f"{path}: not a taxonomy file: {first}") from exc


def ledger(states: list[ParseState], groups: list[Group], entries: list[Entry]) -> list[LineFate]:
    """What became of every entry-like line: an entry, a merge, a problem or a skipped line."""
    fate: dict[tuple[str, int], LineFate] = {}
    for group, entry in zip(groups, entries, strict=True):
        first = group.records[0]
        fate[(first.path, first.line)] = LineFate(first.path, first.line, "entry", entry.id)
        for rec, why in zip(group.records[1:], group.reasons, strict=False):
            detail = f"into {entry.id} at {first.where} ({why})"
            fate[(rec.path, rec.line)] = LineFate(rec.path, rec.line, "merged", detail)
    out: list[LineFate] = []
    for st in states:
        errors = {p.line: p.message for p in st.problems if p.severity == "error"}
        for line in sorted(st.entry_like | st.skipped):
            if (st.path, line) in fate:
                out.append(fate[(st.path, line)])
            elif line in st.skipped:
                out.append(LineFate(st.path, line, "skipped", "in a section the mapping skips"))
            else:
                out.append(LineFate(st.path, line, "problem", errors.get(line, "not read")))
    return out


def run_import(
    paths: list[Path],
    out: Path,
    mapping: Path | None,
    progress: Callable[[str], None] | None = _stderr,
    *,
    step: Step | None = None,
) -> ImportReport:
    """Import awesome lists into a catalog directory and report what happened.

    :param paths: Markdown lists, read in this order (earlier lists win ties)
    :param out: catalog directory to write (``taxonomy.yaml`` and entry files)
    :param mapping: the section mapping file, or ``None`` for headings-derived categories
    :param progress: called with one line per step (default: stderr); ``None`` for silence
    :param step: called as work advances, for a progress bar
    :raises MappingError: when the mapping file is unusable
    :raises OSError: when a list cannot be read or the output cannot be written
    """
    say = progress or (lambda _msg: None)
    report = ImportReport()
    mp = load_mapping(mapping)
    taxonomy = load_taxonomy(mp.taxonomy_path)  # first: a broken file stops before any work
    states = read_lists(paths, mp, report, say, step)
    records = [r for st in states for r in st.records]
    report.records = len(records)
    say(f"merging {len(records)} records")
    if step is not None:
        step("merging", 0, 1)
    groups = group_records(records)
    resolved = [resolve(g) for g in groups]
    entries, remaining = build_entries(resolved, mp, report.problems)
    if step is not None:
        step("merging", 1, 1)
    for group, entry, conflicts in zip(groups, entries, remaining, strict=True):
        report.merges.append(
            MergeNote(entry.id, [r.where for r in group.records], conflicts, group.reasons)
        )
        report.separated.extend(group.separated)
    report.hints = shared_urls(groups, entries)
    report.ledger = ledger(states, groups, entries)
    embedded = next((st.taxonomy for st in states if st.taxonomy is not None), None)
    categories = taxonomy if mp.taxonomy_path else list(embedded or [])
    categories += _derived(entries, categories, mp, report)
    for entry in entries:
        report.counts[entry.kind] = report.counts.get(entry.kind, 0) + 1
    report.entries = len(entries)
    say(f"writing {len(entries)} entries to {out}")
    report.written = write_catalog(out, entries, categories)
    return report


def _derived(
    entries: list[Entry], categories: list[Category], mp: Mapping, report: ImportReport
) -> list[Category]:
    """Categories for the ``imported.*`` keys of unmapped sections; other unknown keys are
    reported."""
    known = {c.key for c in categories}
    derived: list[Category] = []
    for entry in entries:
        for key in entry.categories:
            if key in known:
                continue
            known.add(key)
            if key.startswith(IMPORTED_ROOT + ".") and IMPORTED_ROOT not in known:
                known.add(IMPORTED_ROOT)
                derived.insert(
                    0,
                    Category(
                        IMPORTED_ROOT,
                        "Imported sections",
                        "Sections of imported lists that the mapping does not place yet.",
                        None,
                    ),
                )
            if key.startswith(IMPORTED_ROOT + "."):
                section = next((s.section for s in entry.sources if s.section), key)
                derived.append(
                    Category(
                        key,
                        section or key,
                        f"Entries listed under the heading {section!r}.",
                        IMPORTED_ROOT,
                    )
                )
            else:
                report.problems.append(
                    Problem(
                        str(mp.path),
                        0,
                        f"category {key!r} (entry {entry.id}) is not in the taxonomy",
                        "warning",
                    )
                )
    return derived
