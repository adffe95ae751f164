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
