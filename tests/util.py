"""Helpers shared by the tests: parsed HTML bodies and colour-free logs."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences


def html(app: Any, docname: str) -> BeautifulSoup:
    """The main body of a built HTML page."""
    text = (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(text, "html.parser")
    body = soup.select_one("div.body") or soup
    return BeautifulSoup(str(body), "html.parser")


def warnings(app: Any) -> str:
    """The warning stream without colour codes."""
    return strip_escape_sequences(app.warning.getvalue())


def status(app: Any) -> str:
    """The status stream without colour codes."""
    return strip_escape_sequences(app.status.getvalue())


def cells(table: Any) -> list[list[str]]:
    """Body rows of an HTML table as lists of cell texts."""
    return [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in table.select("tbody tr")
    ]


def make_app_copy(root: str, dest: Path, buildername: str = "html", **kwargs: Any) -> Any:
    """A :class:`~sphinx.testing.util.SphinxTestApp` over a fresh copy of ``tests/roots/<root>``.

    For module-scoped fixtures (Sphinx's ``make_app`` is function-scoped) and for tests that edit
    the sources between builds.
    """
    import shutil

    from sphinx.testing.util import SphinxTestApp

    if not dest.exists():
        shutil.copytree(Path(__file__).parent / "roots" / root, dest)
    return SphinxTestApp(buildername, srcdir=dest, **kwargs)


def build_once(root: str, dest: Path, buildername: str = "html", **kwargs: Any) -> Any:
    """Build a fresh copy of ``tests/roots/<root>`` once, for a module's tests to read.

    The app is cleaned up as soon as it has built: an app another test of the module makes,
    in whatever order, must not meet this one's docutils registrations. Its output and
    environment stay readable.
    """
    app = make_app_copy(root, dest, buildername, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def latexmk(directory: Path, tex: str, engine: str = "-pdfxe") -> Any:
    """Compile ``tex`` in ``directory`` with latexmk, as CI's PDF build does; the result.

    On a timeout the whole process group goes, so no TeX engine keeps running (and slowing the
    rest of the tests) after latexmk is killed.
    """
    import os
    import signal
    import subprocess

    command = ["latexmk", engine, "-interaction=nonstopmode", "-halt-on-error", tex]
    with subprocess.Popen(
        command,
        cwd=directory,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as proc:
        try:
            out, err = proc.communicate(timeout=600)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise
    return subprocess.CompletedProcess(command, proc.returncode, out, err)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 (a free port) while inside; yields the base
    URL, without a trailing slash."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
