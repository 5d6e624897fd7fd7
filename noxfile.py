"""Developer sessions: tests, docs (HTML and PDF), lint, and catalog validation.

``nox -s docs`` builds the survey site into ``docs/_build/html``; ``nox -s tests`` runs the test
suite. Both install everything they need into their own virtual environment.
"""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "tests", "docs"]
nox.options.reuse_existing_virtualenvs = True

PYTHON = "3.11"


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (pass pytest arguments after --, e.g. ``-- -k query``)."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session(name="tests-sphinx-floor", python=PYTHON)
def tests_sphinx_floor(session: nox.Session) -> None:
    """Run the tests against the oldest Sphinx and docutils we support (pyproject's floor)."""
    session.install("-e", ".[test]", "sphinx==8.0.2", "docutils==0.20.1")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the survey site (HTML) with warnings as errors."""
    session.install("-e", ".[docs]")
    session.run(
        "sphinx-build",
        "-W",
        "--keep-going",
        "-n",
        "-b",
        "html",
        "docs",
        "docs/_build/html",
        *session.posargs,
    )


@nox.session(python=PYTHON)
def pdf(session: nox.Session) -> None:
    """Build the survey as a PDF with latexmk (needs the Debian LaTeX packages in the README)."""
    session.install("-e", ".[docs]")
    # -M must come first; latexmk runs inside make mode.
    session.run(
        "sphinx-build",
        "-M",
        "latexpdf",
        "docs",
        "docs/_build",
        "-W",
        "--keep-going",
        "-n",
        *session.posargs,
    )


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Ruff (lint and format check) and mypy."""
    session.install("-e", ".[lint,test]")
    paths = ("src", "tests", "docs", "benchmarks", "noxfile.py")
    session.run("ruff", "check", *paths)
    session.run("ruff", "format", "--check", *paths)
    session.run("mypy")


@nox.session(python=PYTHON)
def catalog(session: nox.Session) -> None:
    """Validate the real catalog with the command-line validator."""
    session.install("-e", ".")
    session.run("vlmcatalog", "validate", "catalog")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmark vlm-table against a hand-written table; writes docs/guide/benchmarks.md.

    Not a default session: a full run takes tens of minutes. ``nox -s bench -- --quick`` is short.
    """
    session.install("-e", ".")
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session(python=PYTHON)
def package(session: nox.Session) -> None:
    """Build the sdist and wheel and check them as PyPI would (twine check)."""
    session.install("build", "twine")
    dist = session.create_tmp() + "/dist"
    session.run("python", "-m", "build", "--outdir", dist, ".")
    session.run("twine", "check", "--strict", f"{dist}/*")
