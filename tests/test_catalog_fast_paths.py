"""The shortcuts of the catalog layer give exactly what the plain code gives.

``build_entry`` builds an entry with nothing to report through a :class:`.entries.Layout`
(slots set directly); the reporting path builds it with the dataclass's own ``__init__``. Both
must give equal entries, field by field and type by type, with the same source and lines.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from sphinx_vlmcatalog.catalog import validate, yamlfile
from sphinx_vlmcatalog.catalog.entries import KIND_CLASSES, LAYOUTS, Entry, SourceRef

ROOT = Path(__file__).parent.parent


def same_entry(a: Entry | None, b: Entry | None) -> None:
    assert type(a) is type(b)
    if a is None or b is None:
        return
    for f in dataclasses.fields(a):
        va, vb = getattr(a, f.name), getattr(b, f.name)
        assert type(va) is type(vb), f.name
        assert va == vb, f.name


def both_ways(raw: Any, path: str = "c.yaml", line: int = 1) -> tuple[Entry | None, list[Any]]:
    """``build_entry`` of ``raw``, checked against the reporting path."""
    fast = validate.build_entry(raw, path, line)
    slow = validate._build_entry_reporting(raw, path, line)
    same_entry(fast[0], slow[0])
    assert fast[1] == slow[1]
    return fast


def raw_entries(text: str) -> list[tuple[Any, int]]:
    data = yamlfile.parse(text)
    return list(zip(data["entries"], data["entries"].item_lines, strict=True))


def test_real_catalog_entries() -> None:
    count = 0
    for path in sorted((ROOT / "catalog").rglob("*.yaml")):
        text = yamlfile.decode(path.read_bytes())
        if "entries" not in yamlfile.parse(text):
            continue
        for raw, line in raw_entries(text):
            entry, issues = both_ways(raw, str(path), line)
            assert entry is not None
            assert not issues
            count += 1
    assert count > 100


UNUSUAL = """\
entries:
  - id: a
    kind: paper
    title: 2021
    short: ' padded '
    authors: One Author
    venue: 1.5
    year: 1900
    date: 2021-02
    links: {paper: 'HTTP://Example.org/x', code: 'https://x.org/a b'}
    tags: [x, x, ' y ', 3]
    categories: [a.b, a.b]
    sources: [plain-list, {list: l, section: s}]
    relations: {related: [b, b], builds_on: c}
  - id: b
    kind: dataset
    title: t
    classes: '1,000'
    train_size: 5
    modalities: image
  - id: c
    kind: model
    title: t
    architecture: dual-encoder
    notes:
  - id: d
    kind: topic
    title: t
    points: [one, two]
    topic_type: challenge
  - id: e
    kind: resource
    title: t
    year: '2020'
    resource_type: survey
  - id: f
    kind: benchmark
    title: t
    links: {paper: 'https://x.org/<script>'}
  - {id: g, kind: paper}
  - id: h
    kind: paper
    title: ''
  - id: i
    kind: paper
    title: t
    yaer: 2020
  - just a string
"""


def test_unusual_and_refused_values() -> None:
    results = [both_ways(raw, "c.yaml", line) for raw, line in raw_entries(UNUSUAL)]
    built = {entry.id: issues for entry, issues in results if entry is not None}
    assert set(built) == {"a", "b", "c", "d", "e", "f", "i"}
    assert [len(issues) for _, issues in results] == [1, 0, 0, 0, 1, 1, 1, 1, 1, 1]


@pytest.mark.parametrize("cls", KIND_CLASSES.values(), ids=lambda c: c.__name__)
def test_layout_makes_what_the_dataclass_makes(cls: type[Entry]) -> None:
    layout = LAYOUTS[cls]
    given = {"id": "x", "kind": cls.kind_name.value, "title": "T", "year": 2020}

    def make() -> Entry:
        values = layout.values()
        for name, value in given.items():
            values[layout.slot[name]] = value
        values[layout.slot["source"]] = SourceRef("f.yaml", 3)
        return layout.make(values)

    made = make()
    same_entry(made, cls(**given, source=SourceRef("f.yaml", 3)))  # type: ignore[arg-type]
    again = make()  # mutable defaults are made afresh for each entry
    assert made.links is not again.links
    assert made.lines is not again.lines
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.title = "changed"  # type: ignore[misc]


def reference_links(value: Any) -> dict[str, str]:
    """``_links`` as it was written before its shortcut for simple URLs."""
    if not isinstance(value, dict):
        raise validate._Bad(
            f"must be a mapping of link kind to URL, got {validate._describe(value)}"
        )
    out: dict[str, str] = {}
    for kind, url in value.items():
        if kind not in validate.LINK_KINDS:
            kinds = ", ".join(validate.LINK_KINDS)
            raise validate._Bad(f"'{kind}' is not a link kind (use {kinds})", key=str(kind))
        try:
            out[kind] = validate.check_url(url)
        except validate._Bad as exc:
            raise validate._Bad(f"'{kind}' {exc}", key=kind, unsafe_url=exc.unsafe_url) from None
    return out


def reference_year(value: Any) -> int:
    """``_year`` as it was written before its shortcut for plain years."""
    year = validate._int(value)
    if not validate.MIN_YEAR <= year <= validate.max_year():
        raise validate._Bad(f"{year} is not a plausible year")
    return year


def outcome(convert: Any, value: Any) -> Any:
    try:
        result = convert(value)
    except validate._Bad as exc:
        return ("bad", str(exc).split(" (")[0], exc.key, exc.item, exc.unsafe_url)
    return ("ok", result, type(result))


LONG_URL = "https://x.org/" + "a" * validate.MAX_TEXT


@pytest.mark.parametrize(
    "value",
    [
        {"paper": "https://arxiv.org/abs/2103.00020", "code": "https://github.com/a/b"},
        {"paper": " https://x.org "},
        {"paper": "https://x.org/a b"},
        {"paper": "HTTP://X.ORG"},
        {"paper": "ftp://x.org"},
        {"paper": LONG_URL},
        {"paper": LONG_URL[: validate.MAX_TEXT]},
        {"paper": 5},
        {"paper": ""},
        {"code": "https://x.org", "nope": "https://x.org"},
        {"video": "https://[::1"},
        ["https://x.org"],
    ],
)
def test_links_shortcut(value: Any) -> None:
    assert outcome(validate._links, value) == outcome(reference_links, value)


@pytest.mark.parametrize(
    "value",
    [2021, 1900, 1899, 0, -1, validate.max_year(), validate.max_year() + 1, True, "1,999", 2.0],
)
def test_year_shortcut(value: Any) -> None:
    assert outcome(validate._year, value) == outcome(reference_year, value)


def test_max_year_is_next_year() -> None:
    import datetime

    assert validate.max_year() == datetime.date.today().year + 1


def test_build_entries_packs_what_layout_packs(fixture_catalog: Path) -> None:
    texts = [yamlfile.decode(p.read_bytes()) for p in sorted(fixture_catalog.rglob("*.yaml"))]
    texts.append(UNUSUAL)
    for text in texts:
        if "entries" not in yamlfile.parse(text):
            continue
        raws = raw_entries(text)
        built, packed = validate.build_entries(raws, "c.yaml")
        assert len(built) == len(packed) == len(raws)
        for (entry, issues), values, (raw, line) in zip(built, packed, raws, strict=True):
            assert (entry, issues) == validate.build_entry(raw, "c.yaml", line)
            if values is not None:
                assert entry is not None
                assert values == LAYOUTS[type(entry)].pack(entry)
        assert any(values is not None for values in packed)


def test_data_fields_are_made_once_and_read_only() -> None:
    from sphinx_vlmcatalog.catalog.entries import data_fields

    for cls in (Entry, *KIND_CLASSES.values()):
        fields = data_fields(cls)
        assert fields is data_fields(cls)
        expected = [f.name for f in dataclasses.fields(cls) if not f.metadata.get("internal")]
        assert list(fields) == expected
        with pytest.raises(TypeError):
            fields["extra"] = fields["id"]  # type: ignore[index]
