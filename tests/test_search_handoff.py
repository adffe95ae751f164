"""Sphinx's own search page hands a reason code to its reason's page, in Chromium.

Sphinx's ``searchindex.js`` holds no generated page, and links in error messages or old bookmarks
may still say ``search.html?q=CODE``: such a query must land on the reason (a code several APIs
share gets a chooser), while prose stays with Sphinx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def page(tab: Any) -> Any:
    return tab


@pytest.fixture(scope="module")
def site_url(built_site: Path, serve: Any) -> str:
    return str(serve(built_site))


def test_a_code_lands_on_its_reason(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}search.html?q=CALL_STATE_INVALID")
    page.wait_for_url("**/voipbin/reasons/CALL_STATE_INVALID.html")
    assert page.locator("h1").first.inner_text().startswith("CALL_STATE_INVALID")


def test_a_code_in_any_case_lands_on_its_reason(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}search.html?q=call_state_invalid")
    page.wait_for_url("**/reasons/CALL_STATE_INVALID.html")


def test_a_code_several_apis_share_offers_each(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}search.html?q=CALL_NOT_FOUND")
    box = page.locator(".rc-search-codes")
    box.wait_for()
    links = box.locator("a").evaluate_all("(links) => links.map((a) => a.pathname)")
    assert sorted(links) == [
        "/fonedynamics/reasons/CALL_NOT_FOUND.html",
        "/voipbin/reasons/CALL_NOT_FOUND.html",
    ]
    assert page.url.endswith("search.html?q=CALL_NOT_FOUND")


def test_prose_and_unknown_words_stay_with_sphinx(page: Any, site_url: str) -> None:
    for query in ("call%20not%20found", "NO_SUCH_THING"):
        page.goto(f"{site_url}search.html?q={query}")
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"search.html?q={query}")
        assert page.locator(".rc-search-codes").count() == 0
