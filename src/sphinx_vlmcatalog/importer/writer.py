"""Write entries and the taxonomy as stable, readable YAML (fixed key order, no tags or anchors)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from ..catalog.entries import Category, Entry
from ..catalog.serialize import category_tree, entry_to_dict

#: fields written as quoted strings
QUOTED = {"arxiv", "date", "doi"}


class _Quoted(str):
    """A string always written in single quotes."""


class _Flow(dict):
    """A mapping written on one line."""


class _FlowList(list):
    """A list written on one line (wrapped at the line width)."""


class CatalogDumper(yaml.SafeDumper):
    """SafeDumper with block style, no aliases, and a wide line."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


CatalogDumper.add_representer(str, _str)
CatalogDumper.add_representer(
    _Quoted, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", str(s), style="'")
)
CatalogDumper.add_representer(
    _Flow, lambda d, m: d.represent_mapping("tag:yaml.org,2002:map", m.items(), flow_style=True)
)
CatalogDumper.add_representer(
    _FlowList, lambda d, s: d.represent_sequence("tag:yaml.org,2002:seq", s, flow_style=True)
)
CatalogDumper.add_representer(
    dict, lambda d, m: d.represent_mapping("tag:yaml.org,2002:map", m.items())
)


def yaml_entry(entry: Entry) -> dict[str, Any]:
    """The entry's mapping (:func:`..catalog.serialize.entry_to_dict`) in the catalog's YAML style:
    identifiers quoted so they stay strings, short lists and ``sources`` items on one line."""
    out = entry_to_dict(entry)
    for name, value in out.items():
        if name in QUOTED:
            out[name] = _Quoted(value)
        elif name in ("sources", "results"):
            out[name] = [_Flow(item) for item in value]
        elif name == "metrics":
            out[name] = {metric: _FlowList(bounds) for metric, bounds in value.items()}
        elif name == "relations":
            out[name] = {rel: _FlowList(ids) for rel, ids in value.items()}
        elif isinstance(value, list) and name not in ("points", "checked"):
            out[name] = _FlowList(value)
    return out


def flatten_tree(nodes: Iterable[dict[str, Any]], parent: str | None = None) -> list[Category]:
    """Flat categories (dotted keys, in tree order) from ``taxonomy:`` nodes."""
    out: list[Category] = []
    for node in nodes:
        key = f"{parent}.{node['key']}" if parent else str(node["key"])
        out.append(
            Category(
                key, str(node.get("title", node["key"])), str(node.get("description", "")), parent
            )
        )
        out.extend(flatten_tree(node.get("children") or (), key))
    return out


def dump_yaml(data: Any) -> str:
    """YAML text in the catalog style."""
    return yaml.dump(
        data,
        Dumper=CatalogDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def file_for(entry: Entry) -> str:
    """Relative path of the catalog file an entry is written to."""
    kind = entry.kind
    cat = entry.categories[0] if entry.categories else ""
    parts = cat.split(".")
    if kind == "topic":
        return "topics.yaml"
    if kind == "resource":
        return "resources.yaml"
    if kind == "benchmark":
        return "benchmarks.yaml"
    if kind == "dataset":
        sub = parts[1] if parts[0] == "datasets" and len(parts) > 1 else "other"
        return f"datasets/{sub}.yaml"
    folder = "models" if kind == "model" else "papers"
    if not cat:
        return f"{folder}/uncategorized.yaml"
    name = parts[1] if parts[0] == "mllm" and kind == "model" and len(parts) > 1 else parts[0]
    return f"{folder}/{name}.yaml"


def write_catalog(
    out: Path,
    entries: Sequence[Entry],
    categories: Sequence[Category],
    order: dict[str, int] | None = None,
) -> list[Path]:
    """Write ``taxonomy.yaml`` and one file per area under ``out``; returns the files written.

    Entries in a file are sorted by first category (taxonomy order), year and id, so the output
    does not depend on the order of the input lists.
    """
    order = order or {c.key: n for n, c in enumerate(categories)}
    files: dict[str, list[Entry]] = {}
    for e in entries:
        files.setdefault(file_for(e), []).append(e)
    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)
    if categories:
        path = out / "taxonomy.yaml"
        path.write_text(
            "# Category tree of the catalog.\n"
            + dump_yaml({"taxonomy": category_tree(categories)}),
            encoding="utf-8",
        )
        written.append(path)
    for rel in sorted(files):
        items = sorted(
            files[rel],
            key=lambda e: (
                order.get(e.categories[0], len(order)) if e.categories else len(order),
                e.year or 0,
                e.id,
            ),
        )
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        body = dump_yaml({"entries": [yaml_entry(e) for e in items]})
        path.write_text(
            body.replace("\n  - id: ", "\n\n  - id: ").replace("entries:\n\n", "entries:\n", 1),
            encoding="utf-8",
        )
        written.append(path)
    return written
