"""The explorer page (``explore.html``) in headless Chromium, for :mod:`run`.

Builds the one-page project of a generated catalog (the explorer comes with every HTML build),
serves it from 127.0.0.1 and measures, in Debian's chromium driven by Playwright:

- the **transfer size**: every file the page loads (HTML, scripts with the data, stylesheets,
  fonts), each gzipped as a web server would send it;
- the **first render**: from the start of navigation to the mark the explorer's script sets
  once the first results are in the page and laid out (median of fresh page loads);
- the **filtering** time per keystroke: for each prefix of a few typed queries, the query set
  without the typing delay (``vlmcatExplorer.setQuery``), up to a forced layout; the median and
  the slowest.

Without Chromium or Playwright, :func:`bench_explorer` returns a note instead of numbers.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import statistics
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

CHROMIUM = Path("/usr/bin/chromium")
#: Typed queries: every prefix of each is one keystroke's filtering.
TYPED = ["vision language", "kind:model has:code", "year:>=2020 -venue:arXiv", "category:tasks"]
#: Whole queries, set at once.
QUERIES = ["kind:paper year:2018..2022 -has:code", "venue:CVPR,ICCV", "title:*learning*", ""]
#: Fresh page loads for the first-render median.
LOADS = 5


@dataclass
class ExplorerResult:
    """What was measured, or why nothing was (``note``)."""

    entries: int = 0
    note: str = ""
    transfer: int = 0  # bytes, gzipped
    files: dict[str, int] = field(default_factory=dict)  # file -> gzipped bytes
    first_render_ms: float = 0.0
    filter_ms: list[float] = field(default_factory=list)

    @property
    def filter_median(self) -> float:
        return statistics.median(self.filter_ms) if self.filter_ms else 0.0

    @property
    def filter_max(self) -> float:
        return max(self.filter_ms, default=0.0)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def measure(html_dir: Path, entries: int) -> ExplorerResult:
    """Measure ``explore.html`` of a built site."""
    if not CHROMIUM.exists():
        return ExplorerResult(entries, note="not measured: /usr/bin/chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return ExplorerResult(entries, note="not measured: Playwright is not installed")
    if not (html_dir / "explore.html").exists():
        return ExplorerResult(entries, note="not measured: the build wrote no explore.html")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(html_dir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/explore.html"
    result = ExplorerResult(entries)
    try:
        with sync_playwright() as pw:
            try:
                browser = pw.chromium.launch(
                    executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
                )
            except Exception as exc:  # noqa: BLE001 (any failure to start is a note, not a crash)
                return ExplorerResult(entries, note=f"not measured: Chromium did not start ({exc})")
            try:
                _measure_in(browser, url, html_dir, result)
            finally:
                browser.close()
    finally:
        server.shutdown()
    return result


def _measure_in(browser: object, url: str, html_dir: Path, result: ExplorerResult) -> None:
    renders = []
    for _ in range(LOADS):
        context = browser.new_context()  # type: ignore[attr-defined]
        page = context.new_page()
        loaded: list[str] = []
        page.on("requestfinished", lambda request, loaded=loaded: loaded.append(request.url))
        page.goto(url)
        page.locator("#vlmcat-explorer.vlmcat-x-ready").wait_for()
        renders.append(
            page.evaluate("performance.getEntriesByName('vlmcat-explorer-ready')[0].startTime")
        )
        if not result.files:
            page.wait_for_load_state("load")
            for address in loaded:
                path = html_dir / unquote(urlparse(address).path).lstrip("/")
                if path.is_file():
                    result.files[path.relative_to(html_dir).as_posix()] = _gzipped(path)
            result.transfer = sum(result.files.values())
            result.filter_ms = _filter_times(page)
        context.close()
    result.first_render_ms = statistics.median(renders)


def _filter_times(page: object) -> list[float]:
    """Milliseconds for each keystroke's query (every prefix of TYPED) and each of QUERIES."""
    queries = [text[:i] for text in TYPED for i in range(1, len(text) + 1)] + QUERIES
    return page.evaluate(  # type: ignore[attr-defined, no-any-return]
        """queries => queries.map(q => {
            const start = performance.now();
            window.vlmcatExplorer.setQuery(q);
            document.body.getBoundingClientRect();  // the layout the new rows need
            return performance.now() - start;
        })""",
        queries,
    )


#: (name, goal text, limit) of each target, checked at the target size.
LIMITS = {
    "transfer": ("≤ 2 MB", 2_000_000),
    "first_render": ("≤ 1 s", 1000.0),
    "filter": ("≤ 50 ms", 50.0),
}


def target_rows(result: ExplorerResult) -> list[tuple[str, str, str, bool]]:
    """(measure, value, goal, met) for the results page's targets; none without numbers."""
    if result.note:
        return []
    n = f"{result.entries:,} entries"
    return [
        (
            f"explorer page transfer (gzipped), {n}",
            f"{result.transfer / 1e6:.2f} MB",
            LIMITS["transfer"][0],
            result.transfer <= LIMITS["transfer"][1],
        ),
        (
            f"explorer first render, {n}",
            f"{result.first_render_ms / 1000:.2f} s",
            LIMITS["first_render"][0],
            result.first_render_ms <= LIMITS["first_render"][1],
        ),
        (
            f"explorer filtering per keystroke (median), {n}",
            f"{result.filter_median:.0f} ms",
            LIMITS["filter"][0],
            result.filter_median <= LIMITS["filter"][1],
        ),
    ]


def report_lines(result: ExplorerResult) -> list[str]:
    """The results page's section on the explorer."""
    lines = [
        "",
        f"## The explorer page, {result.entries:,} entries",
        "",
        "`explore.html` of the one-page project, served from 127.0.0.1 and loaded in headless",
        "Chromium (Playwright). *Transfer* is every file the page loads, each gzipped as a web",
        "server would send it; the entries' BibTeX and JSON records, loaded only when a reader",
        "downloads a selection, are not part of it. *First render* runs from the start of",
        f"navigation until the first results are laid out (median of {LOADS} fresh loads).",
        "*Filtering* is one keystroke's work without the typing delay, up to a forced layout:",
        "for every prefix of " + ", ".join(f"`{t}`" for t in TYPED) + ",",
        "and for a few whole queries.",
        "",
    ]
    if result.note:
        return [*lines, f"The explorer was {result.note}."]
    biggest = sorted(result.files.items(), key=lambda kv: -kv[1])[:4]
    lines += [
        "| Measure | Result |",
        "| --- | --- |",
        f"| transfer, gzipped | {result.transfer / 1e6:.2f} MB in {len(result.files)} files |",
        *(f"| &nbsp;&nbsp;`{name}` | {size / 1e3:,.0f} kB |" for name, size in biggest),
        f"| first render | {result.first_render_ms:.0f} ms |",
        f"| filtering, median of {len(result.filter_ms)} queries | {result.filter_median:.1f} ms |",
        f"| filtering, slowest query | {result.filter_max:.1f} ms |",
    ]
    return lines
