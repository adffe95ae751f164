"""Every kind of page the extension writes, checked by axe-core in Chromium: no violation of
impact "serious" or "critical", at desktop width, on a phone (390 px) and in furo's dark scheme.

axe-core comes from the npm registry (``package.json``, installed by ``npm ci``); it is
injected into each page as served, after the page's own scripts have drawn it (results,
filters, a decoded body, a lookup's chooser), and run at each width and scheme in turn on
the same loaded page (loading a page and axe costs more than a check). The sites are the
test roots that hold each page type, built once for the module with the theme the shipped
site uses (furo; the roots pin ``basic`` for their own tests): ``test-real-apis`` (group
tables, scoped reasons, sub-codes, operations, the browser, the lookup, Sphinx's search,
example blocks), ``test-presentation`` (badges, severities, a deprecated reason, several
statuses, an endpoint by status, an index split into pages), ``test-lifecycle`` (renamed and
removed codes) and ``test-drift-site`` (the coverage page, an endpoint's spec facts, generic
reasons).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, ROOTS, run_sphinx
from .realapis import examples_page, write_catalogues

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FAILING = ("serious", "critical")
#: The widths and colour schemes each page is checked at, in this order (one resize).
VARIANTS = {
    "desktop": ({"width": 1200, "height": 900}, "light"),
    "dark": ({"width": 1200, "height": 900}, "dark"),
    "phone": ({"width": 390, "height": 844}, "light"),
}
#: Options of each build beyond the theme: the drift site's findings are its content, not
#: warnings; a presentation index of 4 rows a page shows the pages a large index is split into.
BUILDS = {
    "real": [],
    "presentation": ["-D", "reason_catalog_index_rows=4"],
    "lifecycle": [],
    "drift": ["-D", "reason_catalog_drift_warnings=off"],
}
#: A DynamoDB error body, which the decoder reads as its scoped reason.
DYNAMODB_BODY = json.dumps(
    {
        "__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
        "message": "Requested resource not found",
    }
)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The four sites, built with furo two at a time, each without a warning."""
    base = tmp_path_factory.mktemp("accessibility")
    real = base / "real-source"
    shutil.copytree(ROOTS / "test-real-apis", real)
    write_catalogues(real / "catalogues")
    # The real-looking bodies as reason:example blocks: Sphinx's own code blocks, wide ones.
    (real / "bodies.rst").write_text(examples_page(), encoding="utf-8")
    sources = {
        "real": real,
        "presentation": ROOTS / "test-presentation",
        "lifecycle": ROOTS / "test-lifecycle",
        "drift": ROOTS / "test-drift-site",
    }

    def build(name: str) -> Path:
        out = base / name
        options = ["-D", "html_theme=furo", *BUILDS[name]]
        result = run_sphinx("html", out, sources[name], sources[name], extra_args=options)
        assert result.returncode == 0 and result.stderr == "", (name, result.stderr)
        return out

    with ThreadPoolExecutor(2) as pool:
        return dict(zip(sources, pool.map(build, sources), strict=True))


@pytest.fixture(scope="module")
def base_urls(sites: dict[str, Path], serve: Any) -> dict[str, str]:
    return {name: serve(path) for name, path in sites.items()}


# -- what each page needs before it is checked ---------------------------------------------------


def browse_with_everything_shown(page: Any) -> None:
    """Results, the filters with one chosen, a selected result, and the decoder open on a
    decoded body."""
    page.wait_for_selector("#reason-browser[data-ready=true] .rc-result")
    page.locator("#rc-facets input[name=api]").first.check()
    page.wait_for_function("location.search.includes('api=')")
    page.locator("#rc-decoder summary").click()
    page.fill("#rc-body", DYNAMODB_BODY)
    # The decoder's scripts load after the first results: ask until it answers.
    page.wait_for_function(
        """() => {
            document.getElementById('rc-decode').click();
            return document.querySelector('#rc-decoded .rc-decoded-match') !== null;
        }""",
        polling=100,
    )
    page.focus("#rc-query")
    page.keyboard.press("ArrowDown")
    assert page.locator("#rc-query").get_attribute("aria-activedescendant")


def lookup_chooser(page: Any) -> None:
    """A code several scopes share: the lookup lists them to choose from."""
    page.wait_for_selector("#rc-lookup-list li")


def search_results(page: Any) -> None:
    """Sphinx's search page, once its results are listed."""
    page.wait_for_selector("#search-results li")


@dataclass(frozen=True)
class Case:
    """A page to check: the site it is on, its URL, and what to do before."""

    site: str
    url: str
    prepare: Callable[[Any], None] | None = None
    #: A page that sends the browser on (a renamed code): checked where it stands.
    redirects_to: str = ""


CASES = {
    "group tables": Case("real", "index.html"),
    "group tables with badges and notes": Case("presentation", "index.html"),
    "reason": Case("presentation", "storage/reasons/ThrottlingException.html"),
    "reason, deprecated": Case("presentation", "payments/reasons/api_version_outdated.html"),
    "reason, scoped": Case("real", "aws/DynamoDB/reasons/ResourceNotFoundException.html"),
    "reason with sub-codes": Case("real", "stripe/reasons/card_declined.html"),
    "reason, several statuses": Case("presentation", "payments/reasons/not_a_valid_json.html"),
    "reason, generic": Case("drift", "example/reasons/SERVICE_UNAVAILABLE.html"),
    "endpoint by status": Case("presentation", "payments/endpoints/post-payments.html"),
    "endpoint with spec and generic reasons": Case("drift", "example/endpoints/get-calls-id.html"),
    "endpoint pattern": Case("drift", "example/endpoints/calls-id-all.html"),
    "operation": Case("real", "aws/DynamoDB/operations/PutItem.html"),
    "renamed code": Case(
        "lifecycle", "example/reasons/CALL_STATE_INVALID.html", redirects_to="CALL_STATE_WRONG"
    ),
    "removed code": Case("lifecycle", "example/reasons/SERVICE_UNAVAILABLE.html"),
    "index of reasons": Case("real", "reason-reasonindex.html"),
    "index of endpoints": Case("real", "reason-endpointindex.html"),
    "index split into pages": Case("presentation", "reason-reasonindex.html"),
    "an API's index page": Case("presentation", "payments/reason-index.html"),
    "coverage": Case("drift", "example/coverage.html"),
    "examples in a document": Case("real", "bodies.html"),
    "browser": Case("real", "browse.html?q=not+found", browse_with_everything_shown),
    "lookup": Case("real", "lookup.html?code=ResourceNotFoundException", lookup_chooser),
    "Sphinx's search": Case("real", "search.html?q=card", search_results),
    "404 page": Case("real", "404.html"),
}


def violations(page: Any) -> list[dict[str, Any]]:
    """What axe-core (injected into the page) finds on it as it stands, of the impacts that
    fail."""
    found = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in found["violations"] if v["impact"] in FAILING]


def report(found: list[dict[str, Any]]) -> str:
    """Each violation with the elements it names and what axe says to fix."""
    lines = []
    for violation in found:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"  {node['target']}: {node['html'][:160]}")
            lines.append(f"    {' '.join(node['failureSummary'].split())[:300]}")
    return "\n".join(lines)


def test_axe_core_is_installed() -> None:
    """The pinned axe-core, from npm: without it every check below would be meaningless."""
    package = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    assert package["version"] == pinned["axe-core"]


@pytest.mark.parametrize("name", list(CASES))
def test_no_serious_violation(name: str, tab: Any, base_urls: dict[str, str]) -> None:
    case = CASES[name]
    tab.set_viewport_size(VARIANTS["desktop"][0])
    if case.redirects_to:
        # A 204 keeps the browser on the page that sends it on.
        tab.route(f"**/{case.redirects_to}.html", lambda route: route.fulfill(status=204))
    response = tab.goto(base_urls[case.site] + case.url)
    assert response is not None and response.ok, case.url
    if case.redirects_to:
        tab.wait_for_timeout(100)  # the refresh fires at once; it must have been refused
        assert tab.url.endswith(case.url)
        assert tab.locator("h1").first.text_content().startswith(case.url.rsplit("/")[-1][:-5])
    if case.prepare:
        case.prepare(tab)
    tab.add_script_tag(path=str(AXE))
    failures = []
    for variant, (viewport, scheme) in VARIANTS.items():
        if viewport != tab.viewport_size:
            tab.set_viewport_size(viewport)
            tab.wait_for_timeout(250)  # reason-scroll-focus.js looks again 150 ms after a resize
        tab.emulate_media(color_scheme=scheme)
        toggle = tab.locator("#rc-filters-toggle")
        if (
            toggle.count()
            and toggle.is_visible()
            and toggle.get_attribute("aria-expanded") == "false"
        ):
            toggle.click()  # on a phone, the browser's filters are checked opened
        if found := violations(tab):
            failures.append(f"{variant}:\n{report(found)}")
    assert failures == [], f"{name}\n" + "\n".join(failures)


def test_the_checks_find_what_they_look_for(tab: Any, base_urls: dict[str, str]) -> None:
    """The same check fails a page given a known serious violation (grey on grey, a nameless
    button): a quiet axe is not a broken one."""
    tab.goto(base_urls["presentation"] + "index.html")
    tab.evaluate(
        """() => {
            const p = document.createElement('p');
            p.textContent = 'Hard to read';
            p.style.cssText = 'color: #aaa; background: #bbb';
            document.querySelector('article').append(p, document.createElement('button'));
        }"""
    )
    tab.add_script_tag(path=str(AXE))
    assert {v["id"] for v in violations(tab)} == {"color-contrast", "button-name"}
