"""The reason browser's figures on a built site, measured in Chromium.

- transfer: ``reason-index.js`` raw and gzipped (what a reader downloads to search);
- first result: milliseconds from navigation to the first results shown for a query in the URL;
- query time: the 95th percentile of ``ReasonQuery.search`` over a fixed set of queries;
- agreement: how often Python's search and lunr.js give the same top result.
"""

from __future__ import annotations

import functools
import gzip
import json
import random
import shutil
import statistics
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from lunr.index import Index
from reason_catalog.search.index import search
from reason_catalog.search.rows import DOCUMENTS, records

TARGETS = {"index_gzip_bytes": 1_000_000, "first_result_ms": 300.0, "query_p95_ms": 5.0}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


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


def measure(html: Path, chromium: str | None = None) -> dict[str, Any] | None:
    """The browser figures for a built site, or ``None`` without a Chromium."""
    chromium = chromium or shutil.which("chromium")
    if chromium is None:
        return None
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    script = (html / "reason-index.js").read_bytes()
    payload = json.loads(script[script.index(b"(") + 1 : script.rindex(b")")])
    queries = _queries(records(DOCUMENTS, payload["docs"]))
    python_index = Index.load(payload["index"])
    python_top: list[str | None] = [
        next(iter(search(python_index, q, limit=1)), None) for q in queries
    ]

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=html))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/browse.html"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page()
            first = []
            for query in queries[:5]:
                page.goto(f"{base}?q={query}")
                page.wait_for_selector("#reason-browser[data-first-result-at]")
                first.append(
                    float(page.get_attribute("#reason-browser", "data-first-result-at") or "nan")
                )
            timing = _in_page(page, queries)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    times = sorted(timing["times"])
    p95 = times[int(0.95 * (len(times) - 1))]
    same = sum(a == b for a, b in zip(python_top, timing["tops"], strict=True))
    return {
        "index_bytes": len(script),
        "index_gzip_bytes": len(gzip.compress(script, 6)),
        "first_result_ms": statistics.median(first),
        "query_p95_ms": p95,
        "query_median_ms": statistics.median(times),
        "queries": len(queries),
        "same_top_result": same,
    }


def _in_page(page: Any, queries: list[str]) -> dict[str, Any]:
    """Time every query with the page's own lunr.js and search logic."""
    return page.evaluate(  # type: ignore[no-any-return]
        """qs => new Promise(resolve => {
            window.reasonCatalogIndexLoaded = d => {
                const idx = lunr.Index.load(d.index);
                const settings = ReasonQuery.settings(d.query);
                for (const q of qs.slice(0, 20)) ReasonQuery.search(lunr, idx, settings, q);
                const times = [], tops = [];
                for (const q of qs) {
                    const t = performance.now();
                    const refs = ReasonQuery.search(lunr, idx, settings, q);
                    times.push(performance.now() - t);
                    tops.push(refs.length ? refs[0] : null);
                }
                resolve({times, tops});
            };
            const s = document.createElement('script');
            s.src = 'reason-index.js';
            document.body.append(s);
        })""",
        queries,
    )


def table(figures: dict[str, Any] | None) -> str:
    """The search figures against their targets."""
    if figures is None:
        return "Search: not measured (no Chromium; `apt-get install chromium`)\n"
    rows = [
        (
            "Index transfer (gzip)",
            f"{figures['index_gzip_bytes'] / 1e6:.2f} MB",
            "<= 1 MB",
            figures["index_gzip_bytes"] <= TARGETS["index_gzip_bytes"],
            f"{figures['index_bytes'] / 1e6:.1f} MB raw",
        ),
        (
            "First result usable",
            f"{figures['first_result_ms']:.0f} ms",
            "< 300 ms",
            figures["first_result_ms"] < TARGETS["first_result_ms"],
            "median of 5 navigations",
        ),
        (
            "Query time, p95",
            f"{figures['query_p95_ms']:.2f} ms",
            "< 5 ms",
            figures["query_p95_ms"] < TARGETS["query_p95_ms"],
            f"median {figures['query_median_ms']:.2f} ms over {figures['queries']} queries",
        ),
        (
            "Same top result as Python",
            f"{figures['same_top_result']}/{figures['queries']}",
            "all",
            figures["same_top_result"] == figures["queries"],
            "",
        ),
    ]
    lines = ["", f"{'Search':<27}{'Median':<11}{'Target':<10}{'Result':<8}Details", "-" * 78]
    for label, value, target, ok, details in rows:
        lines.append(f"{label:<27}{value:<11}{target:<10}{'PASS' if ok else 'MISS':<8}{details}")
    return "\n".join(lines) + "\n"
