"""404.html in Chromium, served as hosts serve it: at the address that was not found.

A tiny host serves a built site under a path (``/`` or ``/docs/``) and answers every missing
file with the site's ``404.html`` and status 404. The site is the test-discovery root built
twice: with furo and no root configured (the page works the root out from the address), and
with the basic theme and ``html_baseurl`` under ``/docs/`` (the root is known when building).
"""

from __future__ import annotations

import mimetypes
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import ROOTS, build_site

pytestmark = pytest.mark.browser

SOURCE = ROOTS / "test-discovery"


@dataclass
class Host:
    """A static host: a site under ``prefix``; any other address gets its 404 page."""

    site: Path
    prefix: str
    #: Paths (from the host's root) answered with the 404 page although their file exists.
    lost: set[str] = field(default_factory=set)

    def answer(self, raw_path: str) -> tuple[int, Path]:
        path = unquote(urlsplit(raw_path).path)
        if path.startswith(self.prefix) and path not in self.lost:
            local = (self.site / path[len(self.prefix) :]).resolve()
            if local.is_dir():
                local /= "index.html"
            if local.is_file() and self.site.resolve() in local.parents:
                return 200, local
        return 404, self.site / "404.html"


@pytest.fixture(scope="module")
def host() -> Iterator[Callable[..., str]]:
    """``host(site, prefix, lost=…)`` serves a site as a host does; returns its URL."""
    servers: dict[tuple[Path, str, frozenset[str]], ThreadingHTTPServer] = {}

    def start(site: Path, prefix: str, lost: set[str] | None = None) -> str:
        key = (site, prefix, frozenset(lost or ()))
        if key in servers:
            return f"http://127.0.0.1:{servers[key].server_address[1]}{prefix}"
        rules = Host(site, prefix, lost or set())

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                status, file = rules.answer(self.path)
                body = file.read_bytes()
                self.send_response(status)
                kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        server = servers[key] = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}{prefix}"

    yield start
    for server in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def furo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """furo, and no root configured: the 404 page works it out."""
    out = tmp_path_factory.mktemp("not-found-furo")
    build_site(out, SOURCE, SOURCE, extra_args=["-D", "html_theme=furo", "-D", "html_baseurl="])
    return out


@pytest.fixture(scope="module")
def configured_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The basic theme, and html_baseurl under /docs/: the root is known when building."""
    out = tmp_path_factory.mktemp("not-found-configured")
    build_site(out, SOURCE, SOURCE)
    return out


def failed_requests(tab: Any) -> list[str]:
    """Collect, from now on, every request of the tab answered with an error (but the page's
    own, which is the 404 page's)."""
    failed: list[str] = []
    tab.on(
        "response",
        lambda r: (
            r.status >= 400 and r.request.resource_type != "document" and failed.append(r.url)
        ),
    )
    return failed


def looked_up(tab: Any) -> str:
    """Wait for the lookup's answer; return it."""
    tab.wait_for_function(
        "() => { const s = document.getElementById('rc-lookup-status');"
        " return s && s.textContent && !/^Looking/.test(s.textContent); }"
    )
    return str(tab.locator("#rc-lookup-status").text_content())


@pytest.mark.parametrize("prefix", ["/", "/docs/"])
def test_a_code_in_the_wrong_case_lands_on_its_page(
    tab: Any, host: Any, furo_site: Path, prefix: str
) -> None:
    failed = failed_requests(tab)
    base = host(furo_site, prefix)
    tab.goto(base + "example/reasons/call_not_found.html#fix")
    tab.wait_for_url(base + "example/reasons/CALL_NOT_FOUND.html#fix")
    assert tab.locator("h1").first.text_content().startswith("CALL_NOT_FOUND")
    if prefix == "/":  # served from the host's root, the page fetches nothing twice
        assert failed == []


@pytest.mark.parametrize("configured", [False, True], ids=["worked-out", "configured"])
def test_a_typo_offers_the_nearest_codes_from_a_sub_path(
    tab: Any, host: Any, furo_site: Path, configured_site: Path, configured: bool
) -> None:
    failed = failed_requests(tab)
    base = host(configured_site if configured else furo_site, "/docs/")
    tab.goto(base + "example/reasons/CALL_NOT_FOUNDD.html")
    status = looked_up(tab)
    assert status.startswith('No reason CALL_NOT_FOUNDD in Example "API" <b>. The nearest')
    assert tab.locator("#rc-not-found-address code").text_content() == (
        "/docs/example/reasons/CALL_NOT_FOUNDD.html"
    )
    first = tab.locator("#rc-lookup-list li a").first
    assert first.text_content() == "CALL_NOT_FOUND"
    assert first.evaluate("a => a.href") == base + "example/reasons/CALL_NOT_FOUND.html"
    search = tab.locator("#rc-lookup-status a").evaluate("a => a.href")
    assert search == base + "browse.html?q=CALL_NOT_FOUNDD"
    # The theme's styles came from the site's root, and the page is styled by them.
    sheets = tab.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
    assert sheets and all(href.startswith(base + "_static/") for href in sheets)
    if configured:  # known when building: nothing is fetched from a wrong folder
        assert failed == []
    first.click()
    tab.wait_for_url(base + "example/reasons/CALL_NOT_FOUND.html")


def test_scoped_reasons_and_operations_land_on_their_pages(
    tab: Any, host: Any, configured_site: Path
) -> None:
    base = host(configured_site, "/docs/")
    tab.goto(base + "cloud/queues/reasons/resourcenotfoundexception.html")
    tab.wait_for_url(base + "cloud/Queues/reasons/ResourceNotFoundException.html")
    tab.goto(base + "CLOUD/Tables/operations/putitem.html")
    tab.wait_for_url(base + "cloud/Tables/operations/PutItem.html")
    tab.goto(base + "cloud/Tables/operations/PutItm.html")
    assert looked_up(tab).startswith("No operation PutItm in Cloud. The nearest")
    assert tab.locator("#rc-lookup-list li").first.text_content() == (
        "PutItem Cloud › Cloud Tables (operation)"
    )
    # A mistyped API: the code is looked up in every API.
    tab.goto(base + "exampel/reasons/call_not_found.html")
    tab.wait_for_url(base + "example/reasons/CALL_NOT_FOUND.html")


def test_an_unrelated_page_offers_the_search(
    tab: Any, host: Any, furo_site: Path, configured_site: Path
) -> None:
    for base in (host(furo_site, "/"), host(configured_site, "/docs/")):
        failed = failed_requests(tab)
        tab.goto(base + "guide/missing-page.html")
        tab.wait_for_selector("#rc-lookup-status a")
        status = tab.locator("#rc-lookup-status").text_content()
        assert status.startswith("The page may have moved, or the link may be mistyped.")
        assert "Search for “missing page” in the reason browser" in status
        hrefs = tab.locator("#rc-lookup-status a").evaluate_all("links => links.map(a => a.href)")
        assert hrefs == [
            base + "browse.html?q=missing%20page",
            base + "search.html?q=missing%20page",
        ]
        assert tab.locator("#rc-lookup-list li").count() == 0
        assert failed == []
        tab.locator("#rc-lookup-status a").last.click()
        tab.wait_for_url(base + "search.html?q=missing%20page")


def test_an_endpoint_address_offers_the_search(tab: Any, host: Any, configured_site: Path) -> None:
    base = host(configured_site, "/docs/")
    tab.goto(base + "example/endpoints/get-calls-idd.html")
    tab.wait_for_selector("#rc-lookup-status a")
    status = tab.locator("#rc-lookup-status").text_content()
    assert status.startswith('Example "API" <b> has no endpoint with this page.')
    href = tab.locator("#rc-lookup-status a").first.evaluate("a => a.href")
    assert href == base + "browse.html?q=get%20calls%20idd"


def test_a_page_the_host_lost_is_offered_not_reloaded(
    tab: Any, host: Any, configured_site: Path
) -> None:
    """The site lists the code, but the host does not serve its page: no redirect loop."""
    base = host(configured_site, "/docs/", {"/docs/example/reasons/NO_STATUS.html"})
    navigations: list[str] = []
    tab.on("framenavigated", lambda frame: navigations.append(frame.url))
    tab.goto(base + "example/reasons/NO_STATUS.html")
    assert looked_up(tab) == "The page of NO_STATUS is missing from this copy of the site:"
    tab.wait_for_timeout(300)
    assert navigations == [base + "example/reasons/NO_STATUS.html"]


def test_hostile_addresses_stay_on_the_site_and_stay_text(
    tab: Any, host: Any, furo_site: Path
) -> None:
    base = host(furo_site, "/")
    # A path that reads as another host must not become the base the scripts load from.
    tab.goto(base + "/evil.example/example/reasons/call_not_found.html")
    tab.wait_for_url(base + "example/reasons/CALL_NOT_FOUND.html")
    tab.goto(base + "example/reasons/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.html")
    assert looked_up(tab).startswith("No reason <img src=x onerror=alert(1)> in Example")
    assert tab.locator("article img, #reason-lookup img").count() == 0
    # (the tab fixture fails the test on any dialog or script error)


def test_links_within_the_page_stay_on_it(tab: Any, host: Any, furo_site: Path) -> None:
    base = host(furo_site, "/docs/")
    tab.goto(base + "example/reasons/CALL_NOT_FOUNDD.html")
    looked_up(tab)
    skip = tab.locator("a.skip-to-content").evaluate("a => a.href")
    assert skip == base + "example/reasons/CALL_NOT_FOUNDD.html#furo-main-content"


#: Addresses and what the page reads in them, with the test-discovery site's data.
ADDRESSES = [
    ("/example/reasons/CALL_NOT_FOUND.html", ["/", "reason", "example", "", "CALL_NOT_FOUND"]),
    ("/a/b/example/reasons/X", ["/a/b/", "reason", "example", "", "X"]),
    ("/docs/CLOUD/tables/reasons/Y.html/", ["/docs/", "reason", "cloud", "Tables", "Y"]),
    ("/docs/cloud/Queues/operations/Send.html", ["/docs/", "operation", "cloud", "Queues", "Send"]),
    ("/docs/example/endpoints/get-x.html", ["/docs/", "endpoint", "example", "", "get-x"]),
    ("/docs/other/reasons/Z.html", ["/docs/", "reason", "", "", "Z"]),
    ("/x/reasons/card%2520declined.html", ["/", "reason", "", "", "card declined"]),
    ("/x/reasons/100%25.html", ["/", "reason", "", "", "100%"]),
    ("/docs/404.html", ["/docs/", "page", "", "", ""]),
    ("/docs/guide/nothing.html", ["/", "page", "", "", ""]),
    ("/example/reasons/", ["/", "page", "", "", ""]),
]


def test_the_address_reader(tab: Any, host: Any, furo_site: Path) -> None:
    """reason-not-found-url.js, table-driven, with the data the built page carries."""
    tab.goto(host(furo_site, "/") + "nowhere.html")
    read = tab.evaluate(
        """paths => {
            const site = JSON.parse(document.getElementById('rc-not-found-site').textContent);
            return paths.map(p => {
                const r = ReasonNotFoundUrl.read(p, site);
                return [r.root, r.kind, r.api, r.scope, r.name];
            });
        }""",
        [path for path, _ in ADDRESSES],
    )
    assert read == [expected for _, expected in ADDRESSES]
    safe = tab.evaluate(
        """() => [
            ReasonNotFoundUrl.safeBase('//evil.example/', 'http://127.0.0.1:1/x'),
            ReasonNotFoundUrl.safeBase('/docs/', 'http://127.0.0.1:1/docs/x'),
        ]"""
    )
    assert safe == ["http://127.0.0.1:1/", "http://127.0.0.1:1/docs/"]


def test_the_page_fits_a_phone_and_a_desktop(
    tab: Any, host: Any, furo_site: Path, tmp_path: Path
) -> None:
    """Screenshots to look at (kept in the test's folder), and no sideways scrolling."""
    base = host(furo_site, "/docs/")
    for width, height in ((1280, 800), (390, 844)):
        tab.set_viewport_size({"width": width, "height": height})
        tab.goto(base + "example/reasons/CALL_NOT_FOUND_AT_ALL_OF_THE_LONG_NAMES.html")
        looked_up(tab)
        tab.screenshot(path=str(tmp_path / f"404-{width}.png"))
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        box = tab.locator("#reason-lookup h1").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
