"""Validation: raw YAML mappings become entries and categories, and the whole catalog is checked
across entries.

Each field is converted by the converter of its declared type (:mod:`.converters`), after its
control characters are removed (:mod:`.controls`). A bad optional value is reported and left
out; a bad item of a list or mapping is reported at its own line and left out, and the good
ones are kept; an entry without a usable ``id``, ``kind`` or ``title`` is reported and not
built. Nothing is dropped without an :class:`Issue` that says where.

String fields take a scalar's text as written: YAML 1.1 would read ``arxiv: 2103.00020`` as the
float 2103.0002 (another paper), ``short: 3.10`` as 3.1 and ``venue: 0x1f`` as 31.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .controls import clean_value
from .converters import LINK_FIELDS, NUMBER_FIELDS, converters, custom_converters
from .custom import BUILTIN, CatalogSchema
from .entries import KIND_CLASSES, Category, Entry, SourceRef
from .issues import Issue, Subtype
from .result_checks import check_results
from .values import (
    ARXIV_RE,
    DATE_RE,
    DOI_RE,
    ID_RE,
    MAX_TEXT,
    MIN_YEAR,
    NUMBER_TYPES,
    BadValue,
    Partial,
    as_id,
    as_str,
    check_url,
    describe,
    max_year,
)
from .yamlfile import LineDict, LineList

#: (the value checks live in :mod:`.values`; these names are also used from here)
__all__ = [
    "ARXIV_RE",
    "DATE_RE",
    "DOI_RE",
    "ID_RE",
    "MAX_TEXT",
    "MIN_YEAR",
    "build_entry",
    "build_taxonomy",
    "check_url",
    "cross_check",
    "max_year",
]


def build_entry(
    raw: Any, path: str, line: int, schema: CatalogSchema = BUILTIN
) -> tuple[Entry | None, list[Issue]]:
    """Turn one raw mapping into an :class:`Entry`, reporting every problem.

    :param raw: the value found in the file's ``entries`` list
    :param path: the file as it should appear in messages
    :param line: the line of the list item, used when ``raw`` is not a mapping
    :param schema: the catalog's own fields and relations (values go to ``Entry.extra``)
    """
    issues: list[Issue] = []
    if not isinstance(raw, LineDict):
        issues.append(
            Issue(
                Subtype.CATALOG_SCHEMA,
                f"an entry must be a mapping of fields, got {describe(raw)}",
                SourceRef(path, line),
            )
        )
        return None, issues
    here = SourceRef(path, raw.line)

    def at(key: str) -> SourceRef:
        return SourceRef(path, raw.key_lines.get(key, raw.line))

    ident = raw.written("id")
    name = f"entry '{ident}'" if isinstance(ident, str) else "entry"
    kind = raw.get("kind")
    cls = KIND_CLASSES.get(kind) if isinstance(kind, str) else None
    missing = [k for k in ("id", "kind", "title") if raw.get(k) in (None, "")]
    if missing:
        issues.append(
            Issue(
                Subtype.CATALOG_SCHEMA,
                f"{name}: missing required field{'s' if len(missing) > 1 else ''} "
                + ", ".join(f"'{m}'" for m in missing),
                here,
            )
        )
        return None, issues
    if cls is None:
        issues.append(
            Issue(
                Subtype.CATALOG_SCHEMA,
                f"{name}: kind '{kind}' is not one of " + ", ".join(KIND_CLASSES),
                at("kind"),
            )
        )
        return None, issues

    fields = converters(cls)
    custom = custom_converters(schema, cls.kind_name.value) if schema is not BUILTIN else {}
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    texts = raw.texts
    for key, value in raw.items():
        convert = custom.get(key) or fields.get(key)
        if convert is None:
            hint = _close_match(key, [*fields, *custom])
            issues.append(
                Issue(
                    Subtype.UNKNOWN_FIELD,
                    f"{name}: unknown field '{key}' for kind '{kind}'{hint}; ignored",
                    at(key),
                )
            )
            continue
        if value is None:
            continue
        own = schema.custom(key)
        keeps_number = key in NUMBER_FIELDS if own is None else own.vtype in NUMBER_TYPES
        if texts and key in texts and not keeps_number:
            value = texts[key]  # (a string field: the text as written, not YAML's number)
        problems: list[BadValue] = []
        if key not in LINK_FIELDS and (own is None or own.vtype != "url"):
            value, problems = clean_value(value)
        into = values if own is None else extra
        try:
            into[key] = convert(value)
        except Partial as part:
            if part.value:
                into[key] = part.value
            problems += part.problems
        except BadValue as exc:
            problems.append(exc)
            if key in ("id", "title"):
                issues += _field_issues(name, raw, key, path, problems)
                return None, issues
        issues += _field_issues(name, raw, key, path, problems)
    if "id" not in values or "title" not in values:
        return None, issues
    required = schema.required_for(cls.kind_name.value, values.get("tags", ()))
    missing = [k for k in required if k not in values and k not in extra]
    if missing:
        issues.append(
            Issue(
                Subtype.CATALOG_SCHEMA,
                f"{name}: missing field{'s' if len(missing) > 1 else ''} "
                + ", ".join(f"'{m}'" for m in missing)
                + f" (schema.yaml requires {'them' if len(missing) > 1 else 'it'} of every {kind})",
                here,
            )
        )
    lines = dict(raw.key_lines)
    return cls(**values, source=here, lines=lines, extra=extra), issues


def _field_issues(
    name: str, raw: LineDict, key: str, path: str, problems: list[BadValue]
) -> list[Issue]:
    return [
        Issue(
            Subtype.UNSAFE_URL if exc.unsafe_url else Subtype.CATALOG_SCHEMA,
            f"{name}: field '{key}' {exc}",
            _item_line(raw, key, path, exc),
        )
        for exc in problems
    ]


def _item_line(raw: LineDict, key: str, path: str, exc: BadValue) -> SourceRef:
    """Point at the list item or mapping key that failed, as deep as the error names it."""
    value = raw.get(key)
    where = raw.key_lines.get(key, raw.line)
    for step in exc.at:
        if isinstance(step, int) and isinstance(value, LineList) and step < len(value):
            where, value = value.item_lines[step], value[step]
        elif isinstance(step, str) and isinstance(value, LineDict) and step in value.key_lines:
            where, value = value.key_lines[step], value[step]
        else:
            break
    return SourceRef(path, where)


def _close_match(key: str, fields: Iterable[str]) -> str:
    import difflib

    match = difflib.get_close_matches(key, list(fields), n=1)
    return f" (did you mean '{match[0]}'?)" if match else ""


#: Levels of categories in the taxonomy (the survey uses three); deeper ones are reported.
MAX_TAXONOMY_DEPTH = 16


def build_taxonomy(
    raw: Any, path: str, line: int, parent: str | None = None
) -> tuple[list[Category], list[Issue]]:
    """Flatten a nested ``taxonomy`` list into categories with dotted keys, in tree order.

    Categories more than :data:`MAX_TAXONOMY_DEPTH` levels deep are reported and left out,
    with everything under them.
    """
    issues: list[Issue] = []
    depth = 1 if parent is None else parent.count(".") + 2
    cats: list[Category] = []
    if not isinstance(raw, LineList):
        issues.append(
            Issue(
                Subtype.CATALOG_SCHEMA,
                f"'taxonomy' must be a list of categories, got {describe(raw)}",
                SourceRef(path, line),
            )
        )
        return cats, issues
    for item, item_line in zip(raw, raw.item_lines, strict=True):
        where = SourceRef(path, item_line)
        if not isinstance(item, LineDict):
            issues.append(
                Issue(
                    Subtype.CATALOG_SCHEMA,
                    f"a category must be a mapping, got {describe(item)}",
                    where,
                )
            )
            continue
        unknown = set(item) - {"key", "title", "description", "children"}
        for k in sorted(unknown):
            issues.append(
                Issue(
                    Subtype.UNKNOWN_FIELD,
                    f"unknown category field '{k}'; ignored",
                    SourceRef(path, item.key_lines[k]),
                )
            )
        missing = [k for k in ("key", "title") if item.get(k) in (None, "")]
        if missing:
            issues.append(
                Issue(
                    Subtype.CATALOG_SCHEMA,
                    "category without " + " and ".join(f"'{m}'" for m in missing),
                    where,
                )
            )
            continue
        raw_key, raw_title, raw_description = (
            _category_text(item, k, path, issues) for k in ("key", "title", "description")
        )
        try:
            local = as_id(raw_key)
            if "." in local:
                raise BadValue(f"'{local}' must not contain '.'; nest categories with 'children'")
            title = as_str(raw_title)
            description = as_str(raw_description) if raw_description else ""
        except BadValue as exc:
            issues.append(Issue(Subtype.CATALOG_SCHEMA, f"category {exc}", where))
            continue
        if depth > MAX_TAXONOMY_DEPTH:
            issues.append(
                Issue(
                    Subtype.CATALOG_SCHEMA,
                    f"category '{local}' is more than {MAX_TAXONOMY_DEPTH} levels deep; "
                    "it and the categories under it are ignored",
                    where,
                )
            )
            continue
        key = f"{parent}.{local}" if parent else local
        cats.append(Category(key, title, description, parent, where))
        if item.get("children") is not None:
            sub, sub_issues = build_taxonomy(
                item["children"], path, item.key_lines.get("children", item_line), key
            )
            cats += sub
            issues += sub_issues
    return cats, issues


def _category_text(item: LineDict, key: str, path: str, issues: list[Issue]) -> Any:
    """A category's ``key``, ``title`` or ``description`` as written, without control
    characters (reported)."""
    value, problems = clean_value(item.written(key))
    where = SourceRef(path, item.key_lines.get(key, item.line))
    issues += [
        Issue(Subtype.CATALOG_SCHEMA, f"category field '{key}' {p}", where) for p in problems
    ]
    return value


def _related(a: Entry, b: Entry) -> bool:
    return any(b.id in ids for ids in a.relations.values()) or any(
        a.id in ids for ids in b.relations.values()
    )


def cross_check(entries: Iterable[Entry], categories: Mapping[str, Category]) -> list[Issue]:
    """Checks that need the whole catalog: arXiv duplicates, categories, relation targets and
    results (:mod:`.result_checks`).

    Duplicate ids are found by the loader, which must decide which entry to keep.
    """
    issues: list[Issue] = []
    entries = list(entries)
    ids = {e.id for e in entries}
    arxiv_seen: dict[str, Entry] = {}
    for e in entries:
        if e.arxiv:
            first = arxiv_seen.setdefault(e.arxiv, e)
            # One paper may introduce two entries (a model and its training data); they say
            # so by naming each other in relations. Otherwise it is one work listed twice.
            if first is not e and not _related(first, e):
                issues.append(
                    Issue(
                        Subtype.DUPLICATE_ARXIV,
                        f"entry '{e.id}': arXiv id {e.arxiv} is also given by "
                        f"'{first.id}' ({first.line_of('arxiv')}); merge the two",
                        e.line_of("arxiv"),
                    )
                )
        for cat in e.categories:
            if cat not in categories:
                issues.append(
                    Issue(
                        Subtype.UNKNOWN_CATEGORY,
                        f"entry '{e.id}': unknown category '{cat}'" + _close_match(cat, categories),
                        e.line_of("categories"),
                    )
                )
        for rel, targets in e.relations.items():
            for target in targets:
                if target not in ids:
                    issues.append(
                        Issue(
                            Subtype.UNKNOWN_ENTRY,
                            f"entry '{e.id}': relation '{rel}' names unknown entry "
                            f"'{target}'" + _close_match(target, ids),
                            e.line_of("relations"),
                        )
                    )
                elif target == e.id:
                    issues.append(
                        Issue(
                            Subtype.CATALOG_SCHEMA,
                            f"entry '{e.id}': relation '{rel}' names the entry itself",
                            e.line_of("relations"),
                        )
                    )
    return issues + check_results(entries)
