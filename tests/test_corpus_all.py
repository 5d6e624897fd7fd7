"""Every case of the bad-input corpus at once, in one project: HTML and LaTeX build, and the PDF
compiles (LuaLaTeX, with the survey's fonts), with nothing but ``vlmcatalog.*`` warnings.

``test_corpus.py`` checks each case on its own, with its exact messages; this checks that the
cases do not break anything together: no traceback, no error, no stopped PDF. Each YAML case
goes into a directory of its own as it is (ids repeat across cases, and are reported as
duplicates), and once more with its ids made unique, so that every good entry of every case is
shown (and printed) too; each directive case is a document, and one more document shows every
field that numbers, controls and line breaks reach: a table sorted by them, with summaries,
and both charts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from sphinx_vlmcatalog.catalog.loader import load_catalog
from test_corpus import CASES, CORPUS
from test_pdf_unicode import pytestmark as pdf_marks
from test_pdf_unicode import survey_fontpkg
from util import warnings

pytestmark = pdf_marks

#: An entry's ``id:`` key (block or flow), and where its value starts.
ID_KEY = re.compile(rb"(?m)((?:^|[{,])[ \t-]*id:[ \t]*['\"]?)(?=[A-Za-z0-9])")
#: What every line of the build's warning stream must look like.
OURS = re.compile(r"^(?:\S+: )?WARNING: .* \[vlmcatalog\.(\w+)\]$")

FIELDS_PAGE = """\
Every field
===========

.. vlm-table:: Numbers, sizes and summaries
   :columns: id, title, short, authors, venue, year, classes, train_size, parameters,
             image_text_pairs, summary
   :sort: -classes, -train_size, -parameters, -image_text_pairs, title

.. vlm-chart:: Sizes
   :type: dataset-size
   :field: image_text_pairs

.. vlm-chart:: Training samples
   :type: dataset-size
   :field: train_size

.. vlm-chart:: Works per year
   :type: year-by-category
"""


def install_all(dest: Path) -> Path:
    """A copy of the corpus root with every case in it; returns the source directory."""
    src = dest / "src"
    shutil.copytree(CORPUS / "root", src)
    for n, case in enumerate(CASES):
        for path in case.files:
            data = path.read_bytes()
            if case.pad_to:
                data += b"#" * (case.pad_to - len(data))
            if case.is_document:
                (src / f"case-{path.name}").write_bytes(data)
                continue
            for top, prefix in (("catalog", b""), ("unique", f"u{n}-".encode())):
                target = src / top / case.group / case.name / path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(ID_KEY.sub(rb"\g<1>" + prefix, data) if prefix else data)
    (src / "case-zz-every-field.rst").write_text(FIELDS_PAGE, encoding="utf-8")
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + 'vlmcatalog_path = ["catalog", "unique"]\n'
        + 'vlmcatalog_entry_pages = "entries"\n'
        + 'latex_engine = "lualatex"\n'
        + "latex_use_xindy = False\n"
        + 'latex_documents = [("index", "corpus.tex", "Corpus", "Tests", "manual")]\n'
        + f"latex_elements = {{'fontpkg': {survey_fontpkg()!r}}}\n",
        encoding="utf-8",
    )
    return src


def build(src: Path, builder: str) -> tuple[str, Path]:
    """Build ``src`` with ``builder``; its warnings (paths relative) and output directory."""
    app = SphinxTestApp(builder, srcdir=src)
    try:
        app.build()
        return warnings(app).replace(f"{src}/", ""), Path(app.outdir)
    finally:
        app.cleanup()


def subtypes(log: str) -> Counter[str]:
    """Warnings by subtype; fails on any line that is not a ``vlmcatalog.*`` warning."""
    counts: Counter[str] = Counter()
    for line in log.splitlines():
        m = OURS.match(line)
        assert m is not None, line
        counts[m.group(1)] += 1
    return counts


def test_every_case_at_once(tmp_path: Path) -> None:
    assert len(CASES) > 100
    catalog = load_catalog([install_all(tmp_path / "load") / "unique"]).catalog
    for n, case in enumerate(CASES):
        for key in case.good:
            assert f"u{n}-{key}" in catalog, (case.name, key)
    # (a project each: a second builder would reuse the first one's environment, and so not
    # report the catalog's problems again)
    html_log, html_out = build(install_all(tmp_path / "html"), "html")
    html_counts = subtypes(html_log)
    assert (html_out / "index.html").is_file()
    assert (html_out / "case-zz-every-field.html").is_file()
    assert (html_out / "entries" / "index.html").is_file()

    latex_log, latex_out = build(install_all(tmp_path / "latex"), "latex")
    latex_counts = subtypes(latex_log)
    proc = subprocess.run(
        ["latexmk", "-lualatex", "-interaction=nonstopmode", "-halt-on-error", "corpus.tex"],
        cwd=latex_out,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=1200,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert (latex_out / "corpus.pdf").stat().st_size > 10_000
    # the catalog's problems are the same in both builds (the directives' may differ)
    for sub in ("catalog_file", "catalog_syntax", "catalog_schema", "unsafe_url"):
        assert html_counts[sub] == latex_counts[sub], sub
    print("html warnings:", dict(sorted(html_counts.items())), sum(html_counts.values()))
    print("latex warnings:", dict(sorted(latex_counts.items())), sum(latex_counts.values()))
