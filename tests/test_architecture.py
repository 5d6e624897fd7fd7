"""The shape of the package: rooms by feature, pure layers below, no cycles, small modules, and
none of the process-global speed tricks.

The import graph comes from grimp (the graph behind import-linter), with imports under
``TYPE_CHECKING`` included: a cycle there still ties two modules together for a reader.
"""

from __future__ import annotations

import re
from pathlib import Path

import grimp
import pytest

PACKAGE = "sphinx_vlmcatalog"
SOURCE = Path(__file__).parent.parent / "src" / PACKAGE
#: The layers that import nothing from Sphinx or docutils, and what each may import of ours.
PURE_LAYERS = {
    "catalog": set(),
    "export": {"catalog"},
    "importer": {"catalog"},
    "lineage.graph": {"catalog"},
    "lineage.svg": {"lineage.graph"},
    "lineage.tex": {"lineage.graph"},
}
MAX_LINES = 400
#: The feature rooms above the shared glue; they do not import each other, but for these.
ROOMS = (
    "tables",
    "cards",
    "lists",
    "entry",
    "entry_pages",
    "charts",
    "downloads",
    "references",
    "explorer",
    "lineage",
    "leaderboards",
)
ROOM_USES = {"entry_pages": {"entry", "lineage", "leaderboards"}, "leaderboards": {"tables"}}


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # (no cache: a stale one in the checkout could hide a module that is gone)
    return grimp.build_graph(PACKAGE, include_external_packages=True, cache_dir=None)


def own_modules(graph: grimp.ImportGraph) -> list[str]:
    return sorted(m for m in graph.modules if m == PACKAGE or m.startswith(PACKAGE + "."))


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iteratively)."""
    modules = own_modules(graph)
    edges = {
        m: sorted(n for n in graph.find_modules_directly_imported_by(m) if n in modules)
        for m in modules
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(edges[child])))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_no_import_cycles(graph) -> None:
    assert cycles(graph) == []


def test_cycle_finder_finds_a_cycle() -> None:
    # the check above must be able to fail: a graph with a -> b -> a
    fake = grimp.ImportGraph()
    for name in (PACKAGE, f"{PACKAGE}.a", f"{PACKAGE}.b"):
        fake.add_module(name)
    fake.add_import(importer=f"{PACKAGE}.a", imported=f"{PACKAGE}.b")
    fake.add_import(importer=f"{PACKAGE}.b", imported=f"{PACKAGE}.a")
    assert cycles(fake) == [[f"{PACKAGE}.a", f"{PACKAGE}.b"]]


def test_nothing_imports_the_package_root(graph) -> None:
    # the root registers the extension; everything else reads the version from version.py
    assert graph.find_modules_that_directly_import(PACKAGE) == set()


@pytest.mark.parametrize("layer", sorted(PURE_LAYERS))
def test_pure_layers_import_no_sphinx_and_only_the_layers_below(graph, layer) -> None:
    prefix = f"{PACKAGE}.{layer}"
    allowed = {f"{PACKAGE}.{below}" for below in PURE_LAYERS[layer]} | {
        f"{PACKAGE}.version",
        prefix,
    }
    for module in own_modules(graph):
        if module != prefix and not module.startswith(prefix + "."):
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            top = imported.split(".")[0]
            assert top not in ("sphinx", "docutils"), f"{module} imports {imported}"
            if top == PACKAGE:
                assert any(imported == a or imported.startswith(a + ".") for a in allowed), (
                    f"{module} imports {imported}"
                )


def room_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ROOMS else None


def test_rooms_do_not_import_each_other(graph) -> None:
    crossings = sorted(
        f"{module} -> {imported}"
        for module in own_modules(graph)
        if (room := room_of(module)) is not None
        for imported in graph.find_modules_directly_imported_by(module)
        if (other := room_of(imported)) not in (None, room) and other not in ROOM_USES.get(room, ())
    )
    assert crossings == []


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(SOURCE)): n
        for path in SOURCE.rglob("*")
        if path.suffix in (".py", ".js", ".css")
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


#: Process-global tricks: the collector frozen or paused, forks outside Sphinx's own -j,
#: pickled caches, and a Sphinx writer's private attributes.
FORBIDDEN = re.compile(
    r"\bgc\.(?:freeze|unfreeze|disable|enable)\b|\bos\.fork\b|\bpickle\b|\bmultiprocessing\b"
    r"|_table_row_indices"
)


def test_no_process_global_speed_tricks() -> None:
    found = [
        f"{path.relative_to(SOURCE)}:{number}: {line.strip()}"
        for path in SOURCE.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert found == []
