"""Shared fixtures: paths to the catalogues, the seeds and the test catalogues."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "source_catalog"
TEST_CATALOGUES = Path(__file__).resolve().parent / "catalogues"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def minimal_text() -> str:
    """The text of a small valid catalogue."""
    return (TEST_CATALOGUES / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def seeds() -> Path:
    """The folder of the providers' published error pages; required in CI."""
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the seed pages are missing: expected them in {SEEDS}")
        pytest.skip(f"the seed pages are not beside this checkout ({SEEDS})")
    return SEEDS


pytest_plugins = ["sphinx.testing.fixtures"]
ROOTS = Path(__file__).resolve().parent / "roots"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds its ``test-*`` projects."""
    return ROOTS


def main_body(html: str) -> str:
    """The page's main content, pretty-printed: what a snapshot compares (not the theme)."""
    from bs4 import BeautifulSoup  # noqa: PLC0415

    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one("div.body") or soup.select_one("article") or soup.body
    assert main is not None
    for script in main.select("script"):
        script.decompose()
    return main.prettify()


@pytest.fixture
def snapshot(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Compare text with ``tests/snapshots/<name>``; ``UPDATE_SNAPSHOTS=1`` rewrites them."""

    def check(name: str, text: str) -> None:
        path = SNAPSHOTS / name
        if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
            if os.environ.get("CI") and not path.exists():
                pytest.fail(f"snapshot {name} is missing; run the tests with UPDATE_SNAPSHOTS=1")
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), f"snapshot {name} differs"

    return check


def run_sphinx(
    builder: str,
    out: Path,
    source: Path = ROOT / "docs",
    conf: Path = ROOT,
    *,
    strict: bool = True,
    quiet: bool = True,
    extra_args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run sphinx-build in a fresh process, as a user would; the finished process.

    The one place the tests start Sphinx from the command line. ``strict`` builds as
    ``nox -s docs`` does (warnings are errors); otherwise warnings are reported and the build
    goes on. ``quiet`` leaves only warnings and errors to read (on stderr). ``extra_args`` go
    before the folders (``-E``, ``-j 2``, ...); ``env`` holds variables set on top of this
    process's environment. The doctrees go to ``out/.doctrees``. It runs in the project folder,
    where ``node_modules/`` holds lunr.js for projects copied outside it. ``timeout`` (seconds)
    guards builds of hostile input against hanging.
    """
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-N",  # no colour: the tests read the messages, wherever they run
            *(["-q"] if quiet else []),
            *(["-nW", "--keep-going"] if strict else ["-n"]),
            "-b",
            builder,
            "-c",
            str(conf),
            "-d",
            str(out / ".doctrees"),
            *extra_args,
            str(source),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=timeout,
        env={**os.environ, **env} if env is not None else None,
    )


def build_site(
    out: Path,
    source: Path = ROOT / "docs",
    conf: Path = ROOT,
    *,
    extra_args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
) -> None:
    """Build an HTML site into ``out``, which must build without a warning."""
    result = run_sphinx("html", out, source, conf, extra_args=extra_args, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped site, built once per test run."""
    out = tmp_path_factory.mktemp("site")
    build_site(out)
    return out


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium (or $REASON_CATALOG_CHROMIUM); in CI its absence is a failure."""
    import shutil  # noqa: PLC0415

    path = os.environ.get("REASON_CATALOG_CHROMIUM") or shutil.which("chromium")
    if not path:
        message = "no Chromium: `nox -s tests` installs Debian's chromium package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str):  # type: ignore[no-untyped-def]
    """A headless Chromium driven by Playwright."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def serve():  # type: ignore[no-untyped-def]
    """Serve folders over HTTP on 127.0.0.1: ``serve(path)`` returns the base URL."""
    import functools  # noqa: PLC0415
    import threading  # noqa: PLC0415
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer  # noqa: PLC0415

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    servers = []

    def start(folder: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    """A fresh page in Chromium that fails the test on any JavaScript error or dialog."""
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    yield opened
    context.close()
    assert errors == []


def open_browser(tab: Any, url: str) -> None:
    """Open the reason browser at ``url`` and wait until it answers queries with its whole
    index: the codes (``data-ready``), then the prose (``data-prose``)."""
    tab.goto(url)
    tab.wait_for_selector("#reason-browser[data-ready=true]")
    tab.wait_for_selector("#reason-browser[data-prose]", state="attached")
