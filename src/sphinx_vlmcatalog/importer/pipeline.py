"""The import run: parse lists, map sections, apply fixes, merge, build entries, write YAML."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import yaml

from ..catalog.entries import Category
from .build import build_entries
from .mapping import Mapping, load_mapping, record_matches
from .markdown import parse_markdown
from .merge import group_records, resolve
from .normalize import arxiv_id, slugify
from .records import ImportReport, MergeNote, Problem, RawRecord
from .writer import flatten_tree, write_catalog

#: top-level category that receives sections the mapping does not place
IMPORTED_ROOT = "imported"


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def parse_lists(
    paths: list[Path], mapping: Mapping, report: ImportReport, progress: Callable[[str], None]
) -> list[RawRecord]:
    """Parse every list and give each record its categories, kind and fixes."""
    records: list[RawRecord] = []
    for n, path in enumerate(paths, 1):
        progress(f"[{n}/{len(paths)}] parsing {path}")
        text = path.read_text(encoding="utf-8", errors="replace")
        recs, probs = parse_markdown(
            text, str(path), mapping.list_slug(path), mapping.topic_sections, mapping.skip_sections
        )
        report.files.append(path)
        report.problems.extend(probs)
        records.extend(recs)
    warned: set[tuple[str, str]] = set()
    for rec in records:
        rule = mapping.rule_for(rec.list, rec.section_path)
        if rule is not None:
            rec.categories = list(rule.categories)
            if rule.kind and rec.kind != "topic" and not rec.explicit_id:
                rec.kind = rule.kind
            for key, val in rule.fields.items():
                rec.fields.setdefault(key, val)
        else:
            rec.categories = [f"{IMPORTED_ROOT}.{slugify(rec.section or rec.list)}"]
            if (rec.list, rec.section) not in warned:
                warned.add((rec.list, rec.section))
                report.problems.append(
                    Problem(
                        rec.path,
                        rec.line,
                        f"section {rec.section!r} is not in the mapping; "
                        f"filed under {rec.categories[0]}",
                        "warning",
                    )
                )
        _apply_fixes(rec, mapping)
    return records


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
    """Categories of a taxonomy file (``taxonomy:`` nodes), or none."""
    if path is None or not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return flatten_tree(data.get("taxonomy") or [])


def run_import(
    paths: list[Path],
    out: Path,
    mapping: Path | None,
    progress: Callable[[str], None] | None = _stderr,
) -> ImportReport:
    """Import awesome lists into a catalog directory and report what happened.

    :param paths: Markdown lists, read in this order (earlier lists win ties)
    :param out: catalog directory to write (``taxonomy.yaml`` and entry files)
    :param mapping: the section mapping file, or ``None`` for headings-derived categories
    :param progress: called with one line per step (default: stderr); ``None`` for silence
    :raises MappingError: when the mapping file is unusable
    :raises OSError: when a list cannot be read or the output cannot be written
    """
    say = progress or (lambda _msg: None)
    report = ImportReport()
    mp = load_mapping(mapping)
    records = parse_lists(paths, mp, report, say)
    report.records = len(records)
    say(f"merging {len(records)} records")
    groups = group_records(records)
    resolved = [resolve(g) for g in groups]
    entries, remaining = build_entries(resolved, mp, report.problems)
    for group, entry, conflicts in zip(groups, entries, remaining, strict=True):
        report.merges.append(MergeNote(entry.id, [r.where for r in group.records], conflicts))
        report.separated.extend(group.separated)
    categories = load_taxonomy(mp.taxonomy_path)
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
    for entry in entries:
        report.counts[entry.kind] = report.counts.get(entry.kind, 0) + 1
    report.entries = len(entries)
    say(f"writing {len(entries)} entries to {out}")
    report.written = write_catalog(out, entries, [*categories, *derived])
    return report
