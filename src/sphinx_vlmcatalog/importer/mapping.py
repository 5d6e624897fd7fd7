"""The editable mapping file: list names, section -> category rules, fixes and overrides.

Example::

    taxonomy_file: taxonomy.yaml       # the category tree, relative to this file
    lists:                             # file stem -> list slug
      000_a5a6f9161ef4b49a: awesome-vlm-models
    topic_sections:                    # "## heading" -> topic_type
      Research Directions: research-direction
    skip_sections: [Contributing]      # bullets there are not entries
    sections:                          # heading, "Parent > Heading" or "list-slug: Heading"
      Foundation VLM Models: {categories: [pretraining.contrastive], kind: paper}
      Presentations: {category: resources.presentations, kind: resource,
                      set: {resource_type: presentation}}
      Segmentation: applications.segmentation
    fixes:                             # change a raw record before merging
      - match: {list: vlm-hub, title: LLaVA-1.5}
        set: {arxiv: '2310.03744'}
    overrides:                         # change a merged entry (match arxiv, title, short or id)
      - match: {arxiv: '2103.00020'}
        set: {id: clip, kind: model}
        add: {categories: [mllm.foundation], relations: {trained_on: [clip-data]}}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..catalog.converters import as_list
from ..catalog.entries import KIND_CLASSES
from ..catalog.result_values import as_metrics, as_result
from ..catalog.values import BadValue, Partial
from .normalize import title_key
from .syntax import DEFAULT_TOPIC_SECTIONS


class MappingError(ValueError):
    """The mapping file cannot be used."""


@dataclass
class SectionRule:
    """Where the entries of one section go."""

    categories: list[str] = field(default_factory=list)
    kind: str | None = None
    #: field values given to every record of the section (e.g. ``resource_type``)
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class Mapping:
    """A parsed mapping file (or the empty default)."""

    path: Path | None = None
    taxonomy_path: Path | None = None
    lists: dict[str, str] = field(default_factory=dict)
    topic_sections: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TOPIC_SECTIONS))
    skip_sections: set[str] = field(default_factory=set)
    sections: dict[str, SectionRule] = field(default_factory=dict)
    fixes: list[dict[str, Any]] = field(default_factory=list)
    overrides: list[dict[str, Any]] = field(default_factory=list)

    def list_slug(self, path: Path) -> str:
        """Slug of the list in ``path``: from ``lists`` or derived from the file name."""
        from .normalize import slugify

        return self.lists.get(path.stem) or self.lists.get(path.name) or slugify(path.stem, 8)

    def rule_for(self, list_slug: str, section_path: tuple[str, ...]) -> SectionRule | None:
        """The most specific rule for a section.

        Keys are a heading, ``"Parent > Heading"`` or ``"list-slug: ..."``; the longest
        matching suffix wins, list-qualified keys before plain ones. A section without a rule
        of its own inherits the rule of its parent heading.
        """
        low = [s.lower() for s in section_path]
        for cut in range(len(low), 0, -1):
            path = low[:cut]
            best: tuple[int, SectionRule] | None = None
            for key, rule in self.sections.items():
                qual, sep, spec = key.partition(": ")
                if not sep or qual not in self.lists.values():
                    qual, spec = "", key
                if qual and qual != list_slug:
                    continue
                parts = [p.strip().lower() for p in spec.split(">")]
                if len(parts) <= len(path) and path[len(path) - len(parts) :] == parts:
                    score = len(parts) * 2 + (1 if qual else 0)
                    if best is None or score > best[0]:
                        best = (score, rule)
            if best:
                return best[1]
        return None

    def is_skipped(self, section_path: tuple[str, ...]) -> bool:
        """True when any heading of the path is listed in ``skip_sections``."""
        return any(s.lower() in self.skip_sections for s in section_path)


def load_mapping(path: Path | None) -> Mapping:
    """Read a mapping file; ``None`` gives the default (no rules, built-in topic sections)."""
    if path is None:
        return Mapping()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise MappingError(f"{path}: cannot read mapping: {exc}".splitlines()[0]) from exc
    if not isinstance(data, dict):
        raise MappingError(f"{path}: mapping file must be a YAML mapping")
    m = Mapping(path=path)
    if data.get("taxonomy_file"):
        m.taxonomy_path = (path.parent / str(data["taxonomy_file"])).resolve()
    m.lists = {str(k): str(v) for k, v in (data.get("lists") or {}).items()}
    if data.get("topic_sections"):
        m.topic_sections = {str(k).lower(): str(v) for k, v in data["topic_sections"].items()}
    m.skip_sections = {str(s).lower() for s in data.get("skip_sections") or ()}
    for key, val in (data.get("sections") or {}).items():
        if isinstance(val, str):
            rule = SectionRule([val])
        elif isinstance(val, list):
            rule = SectionRule([str(v) for v in val])
        elif isinstance(val, dict):
            cats = val.get("categories", val.get("category", []))
            rule = SectionRule(
                [cats] if isinstance(cats, str) else list(cats or ()),
                val.get("kind"),
                dict(val.get("set") or {}),
            )
        else:
            raise MappingError(f"{path}: section {key!r}: expected a category or a mapping")
        _check_kind(path, f"section {key!r}", rule.kind)
        m.sections[str(key)] = rule
    for name in ("fixes", "overrides"):
        items = data.get(name) or []
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("match"), dict):
                raise MappingError(f"{path}: every item of {name} needs a 'match' mapping")
            changes = item.get("set") or {}
            if not isinstance(changes, dict) or not isinstance(item.get("add") or {}, dict):
                raise MappingError(f"{path}: {name}: 'set' and 'add' must be mappings")
            _check_kind(path, f"{name} {item['match']}", changes.get("kind"))
            _check_results(path, f"{name} {item['match']}", changes)
        setattr(m, name, list(items))
    return m


def _check_results(path: Path, where: str, changes: dict[str, Any]) -> None:
    """Refuse ``results`` and ``metrics`` that the catalog would not read."""
    try:
        if "results" in changes:
            as_list(as_result)(changes["results"])
        if "metrics" in changes:
            as_metrics(changes["metrics"])
    except (BadValue, Partial) as exc:
        problems = exc.problems if isinstance(exc, Partial) else [exc]
        raise MappingError(f"{path}: {where}: " + "; ".join(map(str, problems))) from None


def _check_kind(path: Path, where: str, kind: object) -> None:
    if kind is not None and kind not in KIND_CLASSES:
        raise MappingError(
            f"{path}: {where}: unknown kind {kind!r} (one of {', '.join(KIND_CLASSES)})"
        )


def record_matches(
    match: dict[str, Any],
    *,
    list_slug: str | None,
    titles: list[str],
    arxivs: list[str],
    shorts: list[str],
    entry_id: str | None = None,
    kind: str | None = None,
) -> bool:
    """Whether a ``match:`` clause selects a record or entry (all given keys must agree)."""
    for key, want in match.items():
        want_s = str(want)
        if key == "list":
            ok = list_slug == want_s
        elif key == "title":
            ok = title_key(want_s) in {title_key(t) for t in titles}
        elif key == "arxiv":
            ok = want_s in arxivs
        elif key == "short":
            # exact (case-insensitive): punctuation matters in names such as LISA vs LISA++
            ok = want_s.casefold() in {s.casefold() for s in shorts}
        elif key == "id":
            ok = entry_id == want_s
        elif key == "kind":
            ok = kind == want_s
        else:
            return False
        if not ok:
            return False
    return True
