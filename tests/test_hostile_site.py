"""A catalogue that says hostile things in every text field: the built site runs none of them.

Script payloads in every field a catalogue author writes, and MyST / reStructuredText
directives that would publish a file from outside the project or redirect the reader, are
built with the shipped theme and opened in Chromium: every page type, the browser with
queries typed and a body decoded, the lookup, the changelog, a redirect and a tombstone,
Sphinx's own search. No script may run, no dialog open, no request leave 127.0.0.1, no page
navigate away, and the file outside the project must appear nowhere.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml

from .conftest import build_site

pytestmark = pytest.mark.browser

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
ATTRIBUTE = '"><svg onload="window.__pwned=1">'
SINGLE = "'><svg onload='window.__pwned=1'>"
LINKS = (
    "[click](javascript:window.__pwned=1) <javascript:window.__pwned=1> "
    "[data](data:text/html,<script>window.__pwned=1</script>) [far](//evil.example/x) "
    "![pic](javascript:window.__pwned=1) ![pic2](https://evil.example/pixel.png)"
)
#: Everything a one-line field can hold.
ALL = f"{IMG} {SCRIPT} {ATTRIBUTE} {SINGLE} {LINKS} `{IMG}` {{raw}}`<b>x</b>`"


def directives(secret: str) -> str:
    """Markup that would publish ``secret`` or redirect the reader, were it ever parsed.

    ``secret`` is relative to the project's pages, as an author would write it (Sphinx reads
    an absolute path as one inside the project).
    """
    return f"""{ALL}

```{{literalinclude}} {secret}
```

```{{include}} {secret}
```

```{{eval-rst}}
.. include:: {secret}

.. raw:: html
   :file: {secret}

.. literalinclude:: {secret}

.. meta::
   :http-equiv=refresh: 0; url=https://evil.example/

.. raw:: html

   <script>window.__pwned=1</script>
```

:::{{literalinclude}} {secret}
:::

{{download}}`the secret <{secret}>` and {{eval-rst}}`.. include:: {secret}`

<iframe src="https://evil.example/"></iframe>
"""


def catalogue(secret: str) -> dict[str, Any]:
    """A valid catalogue with a payload in every text field; its codes stay ordinary."""
    long = directives(secret)
    return {
        "format": 1,
        "api": {
            "name": f"Hostile {IMG}{ATTRIBUTE} API",
            "slug": "hostile",
            "version": "v2",
            "description": long,
            "http_statuses": [{"status": 404, "name": ALL, "description": long}],
        },
        "code_style": {"case": "UPPER_SNAKE", "max_length": 63},
        "envelope": {
            "schema": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {
                        "type": "object",
                        "required": ["status", "reason", "message"],
                        "properties": {
                            "status": {"enum": ["NOT_FOUND", "FAILED_PRECONDITION", "UNAVAILABLE"]},
                            "reason": {"type": "string"},
                            "message": {"type": "string"},
                            "field": {"type": "string"},
                            "request_id": {"type": "string"},
                        },
                    }
                },
            },
            "fields": {
                "code": "error.reason",
                "status": {
                    "path": "error.status",
                    "names": {"NOT_FOUND": 404, "FAILED_PRECONDITION": 409, "UNAVAILABLE": 503},
                },
                "message": "error.message",
                "field": "error.field",
                "request_id": "error.request_id",
            },
            "template": {
                "error": {
                    "status": "{status_name}",
                    "reason": "{code}",
                    "message": "{message}",
                    "field": "{field}",
                    "request_id": "{request_id}",
                }
            },
        },
        "retired": [
            {"code": "CALL_OLD", "renamed_to": "CALL_NOT_FOUND", "since": "v2", "message": long},
            {"code": "CALL_REMOVED", "since": "v2", "message": f"{ALL} Use `CALL_NOT_FOUND`."},
        ],
        "groups": [
            {
                "id": "generic",
                "title": f"Generic {IMG}",
                "intro": long,
                "notes": [ALL, long],
                "generic": True,
                "reasons": [
                    {
                        "code": "SERVICE_UNAVAILABLE",
                        "status": 503,
                        "cause": f"A backend is down. {ALL}",
                        "fix": long,
                        "notes": [long],
                        "message": ALL,
                        "field": ATTRIBUTE,
                    }
                ],
            },
            {
                "id": "calls",
                "title": f"Calls {SCRIPT}{ATTRIBUTE}",
                "intro": long,
                "notes": [long],
                "endpoints": ["/calls", "/calls/{id}*"],
                "see_also": ["generic"],
                "status": 404,
                "reasons": [
                    {
                        "code": "CALL_NOT_FOUND",
                        "cause": f"The call {IMG} does not exist; see `CALL_STATE_INVALID`.",
                        "fix": long,
                        "endpoints": ["GET /calls/{id}", "DELETE /calls/{id}"],
                        "notes": [ALL, long],
                        "related": ["CALL_STATE_INVALID"],
                        "message": ALL,
                        "field": SINGLE,
                        "since": "v1",
                    },
                    {
                        "code": "CALL_STATE_INVALID",
                        "status": 409,
                        "cause": f"{ATTRIBUTE} The call is in the wrong state. {ALL}",
                        "endpoints": ["POST /calls/{id}/hangup"],
                        "related": ["CALL_NOT_FOUND"],
                        "since": "v1",
                        "deprecated": {"since": "v2", "message": long},
                        "replaced_by": "CALL_NOT_FOUND",
                        "example": {
                            "error": {
                                "status": "FAILED_PRECONDITION",
                                "reason": "CALL_STATE_INVALID",
                                "message": ALL,
                                "field": f"</pre>{SCRIPT}",
                                "request_id": ATTRIBUTE,
                            }
                        },
                    },
                ],
                "groups": [
                    {
                        "id": "hangup",
                        "title": f"{SINGLE} Hang-up {IMG}",
                        "intro": ALL,
                        "reasons": [
                            {
                                "code": "HANGUP_FAILED",
                                "status": 409,
                                "cause": long,
                                "fix": ALL,
                                "endpoints": ["POST /calls/{id}/hangup"],
                            }
                        ],
                    }
                ],
            },
        ],
    }


CONF = """\
project = "Hostile"
extensions = ["reason_catalog", "myst_parser"]
myst_enable_extensions = ["colon_fence"]
reason_catalog_paths = ["hostile.yaml"]
html_theme = "furo"
nitpicky = True
"""
INDEX = """\
Hostile
=======

.. toctree::

   calls
   changes

.. reason:table:: hostile
"""
CALLS = "# Calls\n\n```{reason:table} hostile\n:group: calls\n```\n"
CHANGES = "# Changes\n\n```{reason:changelog} hostile\n```\n"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The built site and the marker that only the file outside the project holds."""
    base = tmp_path_factory.mktemp("hostile")
    marker = f"SECRET-{uuid.uuid4().hex}"
    secret = base / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(f"{marker}\n<script>window.__pwned=1</script>\n", encoding="utf-8")
    source = base / "src"
    source.mkdir()
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    (source / "index.rst").write_text(INDEX, encoding="utf-8")
    (source / "calls.md").write_text(CALLS, encoding="utf-8")
    (source / "changes.md").write_text(CHANGES, encoding="utf-8")
    text = yaml.safe_dump(
        catalogue("../outside/secret.txt"), sort_keys=False, allow_unicode=True, width=1000
    )
    (source / "hostile.yaml").write_text(text, encoding="utf-8")
    out = base / "out"
    build_site(out, source, source)
    return out, marker


def test_the_outside_file_is_published_nowhere(hostile_site: tuple[Path, str]) -> None:
    out, marker = hostile_site
    leaked = [
        str(path.relative_to(out))
        for path in out.rglob("*")
        if path.is_file() and marker.encode() in path.read_bytes()
    ]
    assert leaked == []
    assert not (out / "_downloads").exists()
    pages = {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.html")
    }
    # Only the renamed code's page redirects, and only to its successor.
    refreshing = sorted(name for name, html in pages.items() if 'http-equiv="refresh"' in html)
    assert refreshing == ["hostile/reasons/CALL_OLD.html"]
    assert "evil.example" not in pages["hostile/reasons/CALL_OLD.html"].split("</head>")[0]


@dataclass
class Tab:
    """A Chromium page on the served site, and what it has seen."""

    page: Any
    base: str
    marker: str
    navigations: list[str] = field(default_factory=list)


@pytest.fixture
def tab(browser: Any, hostile_site: tuple[Path, str], serve: Any) -> Iterator[Tab]:
    """A page on the served site that records what a payload would do."""
    out, marker = hostile_site
    base = str(serve(out))
    context = browser.new_context()
    escaped: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            escaped.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    watched = Tab(page, base, marker)

    def navigated(frame: Any) -> None:
        if frame == page.main_frame:
            watched.navigations.append(frame.url)

    def dialog(opened: Any) -> None:
        dialogs.append(opened.message)
        opened.dismiss()

    page.on("dialog", dialog)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("framenavigated", navigated)
    yield watched
    context.close()
    assert escaped == [], "requests left 127.0.0.1"
    assert dialogs == []
    assert errors == []


def check(tab: Tab, stays: str | None = None) -> None:
    """Nothing ran, nothing redirected, nothing leaked on the page now shown."""
    page = tab.page
    page.wait_for_timeout(150)  # onerror / onload handlers fire after the page loads
    assert page.evaluate("window.__pwned") is None, page.url
    assert page.locator("[onerror], [onload], [onclick], [onmouseover]").count() == 0, page.url
    assert page.locator("a[href^='javascript:' i], a[href^='data:' i]").count() == 0, page.url
    assert page.locator("iframe, img[src='x'], svg[onload]").count() == 0, page.url
    assert page.locator("meta[http-equiv]").count() == 0, page.url
    assert tab.marker not in page.content()
    if stays is not None:
        assert page.url.split("#")[0] == stays, (page.url, stays)
    assert all(url.startswith(tab.base) for url in tab.navigations), tab.navigations


STATIC_PAGES = [
    "index.html",  # the whole catalogue's tables, intros and notes
    "calls.html",  # one group's table
    "changes.html",
    "hostile/reasons/CALL_NOT_FOUND.html",
    "hostile/reasons/CALL_STATE_INVALID.html",  # deprecated, explicit example
    "hostile/reasons/SERVICE_UNAVAILABLE.html",  # generated example with the message
    "hostile/reasons/HANGUP_FAILED.html",
    "hostile/reasons/CALL_REMOVED.html",  # a tombstone
    "hostile/endpoints/get-calls-id.html",
    "hostile/endpoints/calls-id-all.html",
    "reason-reasonindex.html",
    "reason-endpointindex.html",
    "genindex.html",
]


def test_no_page_runs_catalogue_text(tab: Tab) -> None:
    page = tab.page
    for path in STATIC_PAGES:
        page.goto(tab.base + path)
        check(tab, tab.base + path)
    # What the text said is shown as text.
    page.goto(tab.base + "hostile/reasons/CALL_NOT_FOUND.html")
    assert IMG in page.locator("article").inner_text()
    page.goto(tab.base + "reason-reasonindex.html")
    assert f"Hostile {IMG}{ATTRIBUTE} API › Calls {SCRIPT}{ATTRIBUTE}" in page.inner_text("body")
    assert page.title().startswith("Index of error reasons")


def test_the_redirect_goes_only_to_the_successor(tab: Tab) -> None:
    tab.page.goto(tab.base + "hostile/reasons/CALL_OLD.html")
    tab.page.wait_for_url("**/hostile/reasons/CALL_NOT_FOUND.html")
    check(tab, tab.base + "hostile/reasons/CALL_NOT_FOUND.html")


def test_the_browser_lookup_and_search_run_nothing(tab: Tab) -> None:
    page = tab.page
    page.goto(tab.base + "browse.html")
    page.wait_for_selector("#reason-browser[data-ready=true]")
    for text in ["call", IMG, ATTRIBUTE, "javascript:window.__pwned=1", "hang"]:
        page.fill("#rc-query", text)
        page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=text)
        check(tab)
    page.fill("#rc-query", "call")
    page.wait_for_function("document.querySelectorAll('.rc-result').length > 0")
    for facet in page.locator(".rc-facets input").all():
        facet.check()
        check(tab)
    if page.locator("#rc-body").count():
        page.locator("#rc-decoder summary").click()
        body = {
            "error": {
                "status": "NOT_FOUND",
                "reason": "CALL_NOT_FOUND",
                "message": ALL,
                "field": ATTRIBUTE,
                "request_id": SCRIPT,
            }
        }
        for text in (json.dumps(body), IMG, "{" * 5000):
            page.fill("#rc-body", text)
            page.click("#rc-decode")
            page.wait_for_timeout(100)
            check(tab)
    lookup = tab.base + "lookup.html?code=" + quote(f"CALL{IMG}")
    page.goto(lookup)
    page.wait_for_timeout(300)
    check(tab, lookup)
    for text in (IMG, f"Calls {SCRIPT}", "hostile"):
        search = tab.base + "search.html?q=" + quote(text)
        page.goto(search)
        page.wait_for_function(
            "() => !document.querySelector('#search-results') || "
            "!/Searching/.test(document.querySelector('#search-results').textContent)",
            timeout=10_000,
        )
        page.wait_for_timeout(300)  # the summaries of results are fetched afterwards
        check(tab, search)
