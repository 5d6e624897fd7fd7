"""Two versions of the catalog code side by side, on the generated 10,000-entry catalog.

``python benchmarks/compare_load.py OLD_SRC NEW_SRC [REPS]`` times, for each ``src`` directory
(for example an older commit unpacked with ``git archive <commit> src | tar -x -C /tmp/old``):

- ``load_catalog`` in-process with an empty cache directory (cold) and a filled one (warm), as
  :func:`run.load_in_process` does, in a process of its own per version;
- ``vlmcatalog validate`` as a whole process, cold and warm, the two versions taking turns.

Each version runs with ``PYTHONPATH=<src>``; the numbers are medians of ``REPS`` (default 5).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate  # (this script's directory is on the path)

ENTRIES = 10_000

#: Run in a child process: times ``load_catalog`` cold and warm; prints JSON.
CHILD = """
import json, shutil, sys, tempfile, time
from pathlib import Path
from sphinx_vlmcatalog.catalog import loader

catalog, reps, entries = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])


def timed(directory):
    start = time.perf_counter()
    result = loader.load_catalog([catalog], cache_dir=directory)
    seconds = time.perf_counter() - start
    assert not result.issues and len(result.catalog) == entries, result.issues[:3]
    return seconds


cold = []
for _ in range(reps):
    directory = Path(tempfile.mkdtemp())
    cold.append(timed(directory))
    shutil.rmtree(directory)
warm_dir = Path(tempfile.mkdtemp())
timed(warm_dir)
warm = [timed(warm_dir) for _ in range(reps)]
shutil.rmtree(warm_dir)
print(json.dumps({"file": loader.__file__, "cold": cold, "warm": warm}))
"""


def in_process(src: Path, catalog: Path, reps: int) -> dict[str, list[float]]:
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(catalog), str(reps), str(ENTRIES)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data: dict[str, list[float]] = json.loads(out.stdout)
    if not str(data["file"]).startswith(str(src)):
        sys.exit(f"{src}: loaded {data['file']} instead")
    return data


def validate(src: Path, catalog: Path, cache: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(src), VLMCATALOG_CACHE_DIR=str(cache))
    command = [sys.executable, "-m", "sphinx_vlmcatalog", "validate", str(catalog)]
    start = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    old, new = (Path(arg).resolve() for arg in sys.argv[1:3])
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    versions = {"old": old, "new": new}
    work = Path(tempfile.mkdtemp(prefix="vlmcatalog-compare-"))
    try:
        catalog = generate(work, ENTRIES).catalog
        loads = {name: in_process(src, catalog, reps) for name, src in versions.items()}
        cli = {name: {"cold": list[float](), "warm": list[float]()} for name in versions}
        warm_dirs = {name: work / f"warm-{name}" for name in versions}
        for name, src in versions.items():
            validate(src, catalog, warm_dirs[name])  # fill the warm cache
        for _ in range(reps):
            for name, src in versions.items():
                cold_dir = work / f"cold-{name}"
                cli[name]["cold"].append(validate(src, catalog, cold_dir))
                shutil.rmtree(cold_dir, ignore_errors=True)
                cli[name]["warm"].append(validate(src, catalog, warm_dirs[name]))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def median(values: list[float]) -> str:
        return f"{statistics.median(values):.3f} s"

    print(f"{ENTRIES:,} entries; medians of {reps}; Python {sys.version.split()[0]}, ", end="")
    print(f"{os.cpu_count()} CPUs")
    print(f"| | old ({old}) | new ({new}) |")
    print("| --- | --- | --- |")
    for label, pick in (
        ("`load_catalog` in-process, cold cache", lambda n: loads[n]["cold"]),
        ("`load_catalog` in-process, warm cache", lambda n: loads[n]["warm"]),
        ("`vlmcatalog validate` process, cold cache", lambda n: cli[n]["cold"]),
        ("`vlmcatalog validate` process, warm cache", lambda n: cli[n]["warm"]),
    ):
        print(f"| {label} | {median(pick('old'))} | {median(pick('new'))} |")


if __name__ == "__main__":
    main()
