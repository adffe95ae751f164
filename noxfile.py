"""Sessions: ``docs`` builds the site, ``tests`` runs every test, ``lint`` checks the code.

``bench`` (only when asked for: ``nox -s bench``) times the build of a large synthetic catalogue.
"""

from __future__ import annotations

import os
import shutil

import nox

nox.options.sessions = ["lint", "tests", "docs"]
nox.options.reuse_existing_virtualenvs = True

CONSTRAINTS = ("-c", "constraints.txt")
SITE = "_build/html"


def install_project(session: nox.Session, *extra: str) -> None:
    """The package with its Sphinx extras, plus ``extra``, at the pinned versions, and lunr.js."""
    session.install(*CONSTRAINTS, "-e", ".[sphinx]", "furo", "sphinx-copybutton", *extra)
    # lunr.js, exactly as package-lock.json pins it, into node_modules/ (never committed).
    session.run("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error", external=True)


def ensure_chromium(session: nox.Session) -> None:
    """A Chromium for the browser tests: Debian's package, where Playwright cannot download."""
    if shutil.which("chromium") or os.environ.get("REASON_CATALOG_CHROMIUM"):
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        quiet = {"DEBIAN_FRONTEND": "noninteractive"}
        session.run("apt-get", "update", "-qq", external=True, env=quiet)
        session.run(
            "apt-get",
            "install",
            "-y",
            "-qq",
            "--no-install-recommends",
            "chromium",
            "fonts-dejavu-core",
            external=True,
            env=quiet,
        )
    else:
        session.warn("no Chromium: install Debian's chromium package for the browser tests")


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
    # Every internal link, redirect and asset of the built site must resolve (Sphinx's
    # linkcheck builder looks at external URLs only).
    session.run("python", "-m", "reason_catalog", "check-links", SITE)


@nox.session
def tests(session: nox.Session) -> None:
    """Run every test."""
    install_project(session, "pytest", "hypothesis", "beautifulsoup4", "playwright")
    ensure_chromium(session)
    session.run("pytest", *session.posargs)
    # The append-only check against the last release, when there is one (a git tag).
    tag = session.run(
        "git",
        "describe",
        "--tags",
        "--abbrev=0",
        external=True,
        silent=True,
        success_codes=[0, 128],
    )
    if tag and tag.strip() and "fatal" not in tag:
        release = tag.strip()
        session.run(
            "python",
            "-m",
            "reason_catalog",
            "compat",
            f"git:{release}:source_catalog",
            "source_catalog",
        )


#: The peer the reason browser is measured against (its binary comes inside the wheel).
PAGEFIND = ("pagefind[bin]==1.5.2", "pagefind-bin==1.5.2")


@nox.session
def bench(session: nox.Session) -> None:
    """Time synthetic builds and their search against targets (``-- --runs 1`` for a quick look).

    Arguments after ``--`` go to ``bench/run.py``: ``--profile one-api|many-apis|both``,
    ``--runs``, ``--reasons``, ``--apis``, ``--output``, … Not among the default sessions: it
    takes minutes and measures the machine it runs on.
    """
    # The reason browser is measured in Chromium, beside Pagefind on the same site.
    install_project(session, "playwright", *PAGEFIND)
    ensure_chromium(session)
    session.run("python", "bench/run.py", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format), mypy, and tsc on the browser's scripts: all clean."""
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
    # The scripts are `// @ts-check` JavaScript; tsc (pinned in package-lock.json) checks them
    # against typings/ without emitting anything (tsconfig.json).
    session.run("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error", external=True)
    session.run("npx", "--no-install", "tsc", "-p", "tsconfig.json", external=True)
