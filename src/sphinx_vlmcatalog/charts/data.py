"""The data behind each chart type: selected entries -> a plain, JSON-able description.

Pure Python (no Sphinx, no matplotlib): :func:`chart_data` turns entries into the numbers,
labels and an alt-text sentence; :mod:`.draw` draws that description.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..catalog.quantities import quantity

if TYPE_CHECKING:
    from ..catalog.custom import CatalogSchema
    from ..catalog.entries import Entry
    from ..catalog.index import Catalog

#: Chart types and what each shows (the directive's ``:type:`` choices).
CHART_TYPES: dict[str, str] = {
    "year-by-category": "works per year, stacked by top-level category",
    "dataset-size": "dataset sizes (image-text pairs or training samples, or any number field), "
    "log scale",
}

#: Built-in fields ``dataset-size`` can plot, and what their numbers are called (the
#: ``vlmcatalog_chart_labels`` default); any integer or number field of ``schema.yaml`` too.
SIZE_FIELDS: dict[str, str] = {
    "image_text_pairs": "image-text pairs",
    "train_size": "training samples",
}


def chart_fields(schema: CatalogSchema) -> list[str]:
    """The fields ``dataset-size`` can plot in a catalog of ``schema``."""
    own = [f.name for f in schema.fields if f.vtype in ("int", "number")]
    return [*SIZE_FIELDS, *own]


#: Series colours of middle lightness (readable on light and dark), by taxonomy position.
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#59a14f",
    "#b07aa1",
    "#edc948",
    "#76b7b2",
    "#ff9da7",
    "#9c755f",
    "#6b8fd6",
)


def parse_count(value: Any) -> float | None:
    """A positive count for ``"1.8B"``, ``"400M"``, ``50000`` (see :mod:`..catalog.quantities`);
    None for anything else, zero and negative numbers included."""
    number = quantity(value)
    return number if number is not None and number > 0 else None


def human_count(number: float) -> str:
    """4e8 -> ``400M``; 1.8e9 -> ``1.8B``."""
    for suffix, scale in (("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if number >= scale:
            return f"{number / scale:.3g}{suffix}"
    return f"{number:.0f}"


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


def _area_query(key: str, before: list[str]) -> str:
    """The query terms that select the entries :func:`year_by_category` counts under ``key``."""
    if not key:
        return "-has:category"
    terms = [f"top_category:{key}"]
    if before:
        terms.append("-top_category:" + ",".join(before))
    return " ".join(terms)


def year_by_category(
    entries: Sequence[Entry], catalog: Catalog, base: str | None = None
) -> dict[str, Any]:
    """Counts of entries per year, split by top-level category.

    An entry filed under several top-level categories counts under the first of them in the
    taxonomy's order, so that each segment is what one query selects: its ``queries`` (one per
    year, with ``base`` appended; none when ``base`` is None, as for a ``:limit:``-ed chart).
    """
    tops = [c.key for c in catalog.categories.values() if c.parent is None]

    def order(top: str) -> tuple[bool, int, str]:
        return (top not in tops, tops.index(top) if top in tops else 0, top)

    counts: Counter[tuple[int, str]] = Counter()
    undated = 0
    for e in entries:
        if e.year is None:
            undated += 1
            continue
        areas = sorted({c.split(".", 1)[0] for c in e.categories}, key=order)
        counts[(e.year, areas[0] if areas else "")] += 1
    years = sorted({y for y, _ in counts})
    if years:
        years = list(range(years[0], years[-1] + 1))
    keys = sorted({t for _, t in counts if t}, key=order)
    if any(not t for _, t in counts):
        keys.append("")  # uncategorized last
    series: list[dict[str, Any]] = []
    for i, key in enumerate(keys):
        cat = catalog.categories.get(key)
        area = _area_query(key, keys[:i] if key else [])
        series.append(
            {
                "key": key,
                "label": cat.title if cat else (key or "Uncategorized"),
                "colour": PALETTE[(tops.index(key) if key in tops else len(tops)) % len(PALETTE)],
                "counts": [counts[(y, key)] for y in years],
                "queries": None
                if base is None
                else [f"year:{y} {area} {base}".strip() for y in years],
            }
        )
    series.sort(key=lambda s: -sum(s["counts"]))
    total = sum(counts.values())
    if years:
        busiest = max(years, key=lambda y: sum(s["counts"][years.index(y)] for s in series))
        per_cat = "; ".join(f"{s['label']} {sum(s['counts'])}" for s in series)
        alt = (
            f"Bar chart of {_plural(total, 'work')} per year from {years[0]} to {years[-1]}, "
            f"stacked by top-level category ({per_cat}). The busiest year is {busiest} with "
            f"{sum(s['counts'][years.index(busiest)] for s in series)}."
        )
    else:
        alt = "Bar chart of works per year: no dated works match."
    if undated:
        alt += f" {_plural(undated, 'work')} without a year are not shown."
    return {
        "type": "year-by-category",
        "years": years,
        "series": series,
        "ylabel": "works",
        "alt": alt,
    }


def dataset_size(entries: Sequence[Entry], field: str, what: str) -> dict[str, Any]:
    """Sizes of the entries that state ``field``, sorted by year then size; each bar's ``query``
    selects its one entry.

    :param what: what the numbers are called (``image-text pairs``), in the labels
    """
    bars: list[dict[str, Any]] = []
    kinds = set()
    for e in entries:
        number = parse_count(e.get(field))
        if number is None:
            continue
        bars.append({"label": e.label, "year": e.year, "value": number, "query": f"id:{e.id}"})
        kinds.add(e.kind)
    bars.sort(key=lambda b: (b["year"] or 0, b["value"], b["label"]))
    # (a field of the catalog's own may be given by models, papers...)
    noun = "dataset" if kinds <= {"dataset"} else "entry"
    if len(bars) == 1:
        (b,) = bars
        when = f" ({b['year']})" if b["year"] else ""
        alt = f"Bar chart of {what}: {b['label']}{when} with {human_count(b['value'])}."
    elif bars:
        big = max(bars, key=lambda b: b["value"])
        small = min(bars, key=lambda b: b["value"])
        years = sorted(b["year"] for b in bars if b["year"])
        span = ""
        if years:
            span = (
                f" from {years[0]} to {years[-1]}" if years[0] != years[-1] else f" of {years[0]}"
            )
        alt = (
            f"Bar chart, log scale, of {what} in {_plural(len(bars), noun)}{span}: from "
            f"{human_count(small['value'])} ({small['label']}) to {human_count(big['value'])} "
            f"({big['label']})."
        )
    else:
        alt = f"Bar chart of {what}: no {noun} in the selection states it."
    return {"type": "dataset-size", "bars": bars, "xlabel": what, "alt": alt}


def has_data(data: dict[str, Any]) -> bool:
    """False for a chart with nothing to draw (its alt text says why)."""
    return bool(data["years"] if data["type"] == "year-by-category" else data["bars"])


def chart_data(
    chart_type: str,
    entries: Sequence[Entry],
    catalog: Catalog,
    field: str = "image_text_pairs",
    what: str | None = None,
    base: str | None = "",
) -> dict[str, Any]:
    """The plain description of a chart of ``chart_type`` over ``entries``.

    :param what: what ``field``'s numbers are called (default: :data:`SIZE_FIELDS`, else the
        field's ``schema.yaml`` label)
    :param base: the selection's own query, kept in each bar's explorer query (None: the
        selection is no query's, so bars of several entries get none)
    :raises ValueError: for an unknown chart type or size field.
    """
    if chart_type == "year-by-category":
        return year_by_category(entries, catalog, base)
    if chart_type == "dataset-size":
        if field not in chart_fields(catalog.schema):
            raise ValueError(f"unknown size field {field!r}")
        if what is None:
            label = catalog.schema.label(field)
            what = SIZE_FIELDS.get(field) or (label or field).lower()
        return dataset_size(entries, field, what)
    raise ValueError(f"unknown chart type {chart_type!r}")
