"""Shared fixtures: paths to the catalogues, the seeds and the test catalogues."""

from __future__ import annotations

import os
from pathlib import Path

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
