"""Sessions: ``docs`` builds the site, ``tests`` runs every test, ``lint`` checks the code.

Only when asked for: ``bench`` times the build of a large synthetic catalogue, ``build`` makes
the sdist and the wheel, ``serve`` previews the site live while you edit it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.options.sessions = ["lint", "tests", "docs"]
nox.options.reuse_existing_virtualenvs = True

CONSTRAINTS = ("-c", "constraints.txt")
SITE = "_build/html"
#: nox -s serve builds apart from the site, so that `nox -s docs` can run beside it.
PREVIEW = "_build/preview"


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
    # build: tests/test_wheel.py builds the wheel as `nox -s build` does.
    install_project(session, "pytest", "hypothesis", "beautifulsoup4", "playwright", "build")
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
def build(session: nox.Session) -> None:
    """The sdist and the wheel in dist/; the wheel carries lunr.js and the decoder's libraries.

    setup.py fetches them from the npm registry as package-lock.json pins them (no Node.js
    needed), so a project that installs the wheel needs neither npm nor node_modules/. The
    wheel is built from the sdist, as a user's pip would build it.
    """
    session.install(*CONSTRAINTS, "build")
    # PIP_CONSTRAINT pins the build's own requirements (setuptools) in its isolated environment.
    pins = {"PIP_CONSTRAINT": str(Path(CONSTRAINTS[1]).resolve())}
    session.run("python", "-m", "build", "--outdir", "dist", *session.posargs, env=pins)


#: Files editors write beside the one being saved: never worth a rebuild.
EDITOR_FILES = r"(~|\.sw[px]|\.tmp|/\.#[^/]*|/4913)$"


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000: rebuilt on every change, the browser reloaded.

    sphinx-autobuild watches docs/, the catalogues and conf.py, and rebuilds incrementally (only
    what shows an edited reason); arguments after ``--`` go to it (``-- --port 8001``). Warnings
    are shown, not fatal, so a half-written page still previews; ``nox -s docs`` is the gate.
    """
    install_project(session, "sphinx-autobuild")
    session.run(
        "sphinx-autobuild",
        "-c",
        ".",
        "-n",
        # The catalogues and conf.py are outside docs/, the folder it watches by default.
        "--watch",
        "source_catalog",
        "--watch",
        "conf.py",
        # Never what a build writes: the output holds the extension's cache too (the
        # environment in .doctrees, the generated pages' manifest). sphinx-autobuild ignores
        # its own output; this adds the rest of _build/, where `nox -s docs` writes.
        "--ignore",
        "_build",
        "--re-ignore",
        EDITOR_FILES,
        *session.posargs,
        "docs",
        PREVIEW,
    )


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
