"""Sessions: ``docs`` builds the site, ``tests`` runs every test, ``lint`` checks the code."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "tests", "docs"]
nox.options.reuse_existing_virtualenvs = True

CONSTRAINTS = ("-c", "constraints.txt")
SITE = "_build/html"


def install_project(session: nox.Session, *extra: str) -> None:
    """The package with its Sphinx extras, plus ``extra``, at the pinned versions."""
    session.install(*CONSTRAINTS, "-e", ".[sphinx]", "furo", "sphinx-copybutton", *extra)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site into _build/html, with warnings as errors."""
    install_project(session)
    session.run("python", "-m", "reason_catalog", "validate")
    session.run(
        "sphinx-build",
        "-c",
        ".",
        "-nW",
        "--keep-going",
        "-b",
        "html",
        "docs",
        SITE,
        *session.posargs,
    )


@nox.session
def tests(session: nox.Session) -> None:
    """Run every test."""
    install_project(session, "pytest", "hypothesis", "beautifulsoup4")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format) and mypy, all clean."""
    session.install(
        *CONSTRAINTS,
        "-e",
        ".[sphinx]",
        "ruff",
        "mypy",
        "types-pyyaml",
        "types-jsonschema",
        "types-docutils",
        "pytest",
        "hypothesis",
    )
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")
