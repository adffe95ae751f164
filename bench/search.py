"""The reason browser's figures on a built site, measured in Chromium.

- transfer: ``reason-index.js`` (the code index, which answers the first keystroke) and the
  prose index's shards (loaded after it), raw and gzipped;
- first result: milliseconds from navigation to the first results shown for a query in the
  URL, each navigation in a fresh browser context (nothing cached), and the bytes fetched
  before it (every file the page had received by then);
- query time: the 95th percentile of the page's search (code and prose index) over a fixed set
  of queries;
- agreement: how often Python's search and lunr.js give the same top result;
- relevance: the relevance set (:mod:`bench.relevance`) asked of the real page, ``browse.html``,
  through its URL (``?q=…&api=…``), as a visitor's link or the back button would.

The serving and fetching helpers are shared with :mod:`bench.pagefind`.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import random
import shutil
import statistics
import threading
from collections.abc import Iterator, Sequence
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from reason_catalog.search.rows import DOCUMENTS, records
from reason_catalog.search.site import SiteIndex

from bench.relevance import Query, normalise, score

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NAVIGATIONS = 5  # first-result navigations, the median kept


class _Quiet(SimpleHTTPRequestHandler):
    """Serves the site, and the pages given in ``extra`` (by path) from memory."""

    extra: dict[str, bytes] = {}  # noqa: RUF012 - set per server through a subclass

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = self.extra.get(self.path.split("?")[0])
        if body is None:
            super().do_GET()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(html: Path, extra: dict[str, bytes] | None = None) -> Iterator[str]:
    """Serve ``html`` on 127.0.0.1 for the duration; yields the root URL (ending in ``/``)."""
    handler = type("Handler", (_Quiet,), {"extra": extra or {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=html))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(path: str) -> Iterator[Any]:
    """A headless Chromium (Debian's, by its path: Playwright cannot download one here)."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def first_result(browser: Any, html: Path, url: str, wait: str, attribute: str) -> dict[str, Any]:
    """Open ``url`` in a fresh context; when ``wait`` matches, the ms ``attribute`` holds, and
    the bytes of every file received by then (the page's and its workers': Pagefind fetches
    its index in a worker), as served and as a gzip-serving host would send them."""
    context = browser.new_context()
    finished: list[Any] = []

    def received(request: Any) -> None:  # Playwright wraps a handler: a bound method won't do
        finished.append(request)

    context.on("requestfinished", received)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(wait, state="attached", timeout=60_000)
        at = float(page.get_attribute(wait, attribute) or "nan")
        cutoff = page.evaluate("performance.timeOrigin") + at
        page.wait_for_timeout(200)  # let the last events arrive
        sizes = {
            request.url: _sizes(html, request)
            for request in finished
            if request.timing["startTime"] + request.timing["responseEnd"] <= cutoff + 1
        }
    finally:
        context.close()
    largest = sorted(sizes, key=lambda name: -sizes[name][1])[:4]
    return {
        "ms": at,
        "bytes": sum(raw for raw, _ in sizes.values()),
        "gzip_bytes": sum(gz for _, gz in sizes.values()),
        "files": len(sizes),
        "largest": [[normalise(name), sizes[name][1]] for name in largest],
    }


def _sizes(html: Path, request: Any) -> tuple[int, int]:
    """A file's bytes as served, and gzipped (never more than as served: some files are
    compressed already). Files of the site are measured on disk: the server sends them as
    they are, and a worker's script reports no size."""
    path = html / normalise(request.url)
    if not path.is_file():  # a page served from memory
        size = int(request.sizes()["responseBodySize"])
        return size, size
    return path.stat().st_size, min(path.stat().st_size, _gzip_size(path))


@functools.cache
def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def first_results(firsts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The medians of several :func:`first_result` navigations, and the last one's files."""
    return {
        "first_result_ms": statistics.median(f["ms"] for f in firsts),
        "first_result_bytes": statistics.median(f["bytes"] for f in firsts),
        "first_result_gzip_bytes": statistics.median(f["gzip_bytes"] for f in firsts),
        "first_result_files": firsts[-1]["files"],
        "first_result_largest": firsts[-1]["largest"],  # (file, gzip bytes)
    }


def _queries(rows: list[dict[str, Any]], count: int = 200) -> list[str]:
    """A fixed mix of what readers type: codes, code parts, typos, endpoints, words."""
    rng = random.Random(7)
    reasons = [r for r in rows if r["kind"] == "reason"]
    endpoints = [r for r in rows if r["kind"] == "endpoint"]
    queries = []
    for _ in range(count):
        kind = rng.choice(["code", "lower", "parts", "prefix", "typo", "endpoint", "word"])
        code = rng.choice(reasons)["title"]
        if kind == "code":
            queries.append(code)
        elif kind == "lower":
            queries.append(code.lower())
        elif kind == "parts":
            queries.append(" ".join(reversed(code.split("_"))))
        elif kind == "prefix":
            queries.append(code[: max(3, len(code) // 2)])
        elif kind == "typo":
            at = rng.randrange(1, len(code))
            queries.append(code[:at] + code[at + 1 :])
        elif kind == "endpoint" and endpoints:
            queries.append(rng.choice(endpoints)["title"].rstrip("*"))
        else:
            queries.append(rng.choice(rng.choice(reasons)["summary"].split() or ["error"]))
    return queries


def timing_queries(html: Path) -> list[str]:
    """The fixed queries the timings use, drawn from the built site's index."""
    script = (html / "reason-index.js").read_bytes()
    payload = json.loads(script[script.index(b"(") + 1 : script.rindex(b")")])
    return _queries(records(DOCUMENTS, payload["docs"]))


def measure(
    html: Path, relevance: Sequence[Query] = (), chromium_path: str | None = None
) -> dict[str, Any] | None:
    """The browser figures for a built site, or ``None`` without a Chromium."""
    chromium_path = chromium_path or shutil.which("chromium")
    if chromium_path is None:
        return None
    script = (html / "reason-index.js").read_bytes()
    site = SiteIndex.load(html)
    prose = [(html / name.partition("?")[0]).read_bytes() for name in site.payload["prose"]]
    queries = _queries(records(DOCUMENTS, site.payload["docs"]))
    python_top: list[str | None] = [next(iter(site.search(q, limit=1)), None) for q in queries]
    with serve(html) as root, chromium(chromium_path) as browser:
        firsts = [
            first_result(
                browser,
                html,
                f"{root}browse.html?{urlencode({'q': query})}",
                "#reason-browser[data-first-result-at]",
                "data-first-result-at",
            )
            for query in queries[:NAVIGATIONS]
        ]
        page = browser.new_page()
        page.goto(f"{root}browse.html")
        page.wait_for_selector("#reason-browser[data-prose]", state="attached", timeout=60_000)
        timing = _in_page(page, queries)
        results = _ask(page, relevance)
        page.close()
    times = sorted(timing["times"])
    same = sum(a == b for a, b in zip(python_top, timing["tops"], strict=True))
    return {
        "index_bytes": len(script),
        "index_gzip_bytes": len(gzip.compress(script, 6)),
        "prose_files": len(prose),
        "prose_bytes": sum(map(len, prose)),
        "prose_gzip_bytes": sum(len(gzip.compress(shard, 6)) for shard in prose),
        **first_results(firsts),
        "query_p95_ms": times[int(0.95 * (len(times) - 1))],
        "query_median_ms": statistics.median(times),
        "queries": len(queries),
        "same_top_result": same,
        "relevance": score(relevance, results) if relevance else None,
    }


def _in_page(page: Any, queries: list[str]) -> dict[str, Any]:
    """Time every query with the page's own search, its whole index loaded."""
    return page.evaluate(  # type: ignore[no-any-return]
        """qs => {
            for (const q of qs.slice(0, 20)) window.reasonCatalogSearch(q);
            const times = [], tops = [];
            for (const q of qs) {
                const t = performance.now();
                const refs = window.reasonCatalogSearch(q);
                times.push(performance.now() - t);
                tops.push(refs.length ? refs[0] : null);
            }
            return {times, tops};
        }""",
        queries,
    )


def _ask(page: Any, queries: Sequence[Query]) -> list[list[str]]:
    """The first five results the page shows for each query, asked through its URL.

    The page reads its state from the URL on ``popstate`` (as after the back button), runs
    the query with its facets and renders the results: the links read here are those shown.
    """
    asked = ["?" + urlencode({"q": q.text} | ({"api": q.api} if q.api else {})) for q in queries]
    return page.evaluate(  # type: ignore[no-any-return]
        """searches => searches.map(search => {
            history.replaceState(null, '', 'browse.html' + search);
            window.dispatchEvent(new PopStateEvent('popstate'));
            return Array.from(document.querySelectorAll('#rc-results .rc-result-link'))
                .slice(0, 5).map(a => a.getAttribute('href'));
        })""",
        asked,
    )
