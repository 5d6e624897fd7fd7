"""``-j 2`` gives the same HTML as a serial build of a multi-document root."""

from __future__ import annotations

import re

import pytest
from sphinx.util.parallel import parallel_available

from util import make_app_copy, status, warnings


def bodies(app) -> dict[str, str]:
    out = {}
    for page in sorted(app.outdir.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        body = re.search(
            r'<div class="body" role="main">(.*?)</div>\s*</div>\s*</div>', text, re.DOTALL
        )
        out[page.name] = body.group(1) if body else text
    return out


@pytest.mark.skipif(not parallel_available, reason="no parallel build on this platform")
def test_parallel_equals_serial(tmp_path) -> None:
    # one app at a time: Sphinx's test apps share docutils' global registries
    serial = make_app_copy("test-parallel", tmp_path / "serial")
    try:
        serial.build()
    finally:
        serial.cleanup()
    parallel = make_app_copy("test-parallel", tmp_path / "parallel", parallel=2)
    try:
        parallel.build()
        # really forked: parallel reading reports chunks "first .. last"
        assert re.search(r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+", status(parallel))
        assert warnings(serial) == warnings(parallel) == ""
        one, two = bodies(serial), bodies(parallel)
        assert len(one) >= 13
        assert one == two
        assert 'href="clip.html#vlm-clip"' in one["index.html"]  # cross-document links merged
        with (
            (serial.outdir / "objects.inv").open("rb") as f1,
            (parallel.outdir / "objects.inv").open("rb") as f2,
        ):
            assert f1.read() == f2.read()
    finally:
        parallel.cleanup()


@pytest.mark.skipif(not parallel_available, reason="no parallel build on this platform")
def test_parallel_duplicate_home(tmp_path) -> None:
    src = tmp_path / "dup"
    app = make_app_copy("test-parallel", src, parallel=2)
    (src / "tpt.rst").write_text("TPT\n===\n\n.. vlm-entry:: clip\n", encoding="utf-8")
    try:
        app.build()
        out = warnings(app)
        assert "tpt.rst:4: WARNING: entry 'clip' already has its home in 'clip'" in out
        assert out.count("[vlmcatalog.duplicate_home]") == 1
    finally:
        app.cleanup()
