"""The peer: Pagefind indexing the same built site, asked the same questions in the same Chromium.

Pagefind (``pip install 'pagefind[bin]'``) indexes the HTML files of a static site and is
searched from ``pagefind/pagefind.js``, which fetches the parts of its index a query needs.
It is given the site's main content (``--root-selector``, what ``data-pagefind-body`` on the
theme's article would say), so the theme's navigation, which lists every API on every page,
does not pollute it. Its figures, beside the reason browser's:

- indexing: seconds, and the bundle's files and bytes;
- first result: ms from navigating to a bare page that imports ``pagefind.js`` and searches
  the query in its URL, to the first result's data (its URL and title) in hand; and the bytes
  received by then, measured as for the reason browser;
- query time: ``pagefind.search`` on the browser's 200 timing queries, once the index parts
  they need are loaded (a second pass), so that it compares with lunr's in-memory search;
- relevance: the first five results' URLs for each query of the relevance set. Pagefind has
  no notion of the API a visitor is in (its filters need ``data-pagefind-filter`` markup the
  pages do not have), so a ``shared`` query is asked as the code followed by the API's name.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.relevance import Query, score
from bench.search import NAVIGATIONS, chromium, first_result, first_results, serve

ROOT_SELECTOR = "#furo-main-content"
BUNDLE = "pagefind"
HOST = "/__pagefind__.html"
#: The bare page that searches with Pagefind: the query from the URL, then the first result's
#: data, as its own UI would show it.
HOST_PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind</title></head>
<body><script type="module">
const q = new URLSearchParams(location.search).get("q") || "";
const pagefind = await import("./pagefind/pagefind.js");
window.pagefind = pagefind;
if (q) {
  const found = await pagefind.search(q);
  const first = found.results.length ? await found.results[0].data() : null;
  document.body.dataset.firstUrl = first ? first.url : "";
  document.body.dataset.firstResultAt = String(performance.now());
}
document.body.dataset.ready = "true";
</script></body></html>
"""


def version() -> str:
    """The version of the Pagefind binary, or "not installed"."""
    try:
        out = subprocess.run(
            [sys.executable, "-m", "pagefind", "--version"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "not installed"
    return out.stdout.strip() or "unknown"


def index(html: Path, log: Path) -> dict[str, Any]:
    """Index the built site into ``html/pagefind``: seconds, files and bytes of the bundle."""
    shutil.rmtree(html / BUNDLE, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(html)]
    command += ["--root-selector", ROOT_SELECTOR, "--output-subdir", BUNDLE]
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=True)
        seconds = time.perf_counter() - start
    files = [p for p in (html / BUNDLE).rglob("*") if p.is_file()]
    return {
        "index_s": seconds,
        "bundle_files": len(files),
        "bundle_bytes": sum(p.stat().st_size for p in files),
    }


def measure(
    html: Path,
    relevance: Sequence[Query],
    timing_queries: Sequence[str],
    chromium_path: str | None = None,
) -> dict[str, Any] | None:
    """Pagefind's figures on an indexed site, or ``None`` without a Chromium."""
    chromium_path = chromium_path or shutil.which("chromium")
    if chromium_path is None:
        return None
    asked = [f"{q.text} {q.api_name}" if q.api else q.text for q in relevance]
    with serve(html, {HOST: HOST_PAGE}) as root, chromium(chromium_path) as browser:
        firsts = [
            first_result(
                browser,
                html,
                f"{root}{HOST.lstrip('/')}?{urlencode({'q': query})}",
                "body[data-first-result-at]",
                "data-first-result-at",
            )
            for query in timing_queries[:NAVIGATIONS]
        ]
        page = browser.new_page()
        page.goto(f"{root}{HOST.lstrip('/')}")
        page.wait_for_selector("body[data-ready]", state="attached", timeout=60_000)
        times = page.evaluate(_TIMES, list(timing_queries))
        results = page.evaluate(_TOP5, asked)
        page.close()
    times = sorted(times)
    return {
        **first_results(firsts),
        "query_p95_ms": times[int(0.95 * (len(times) - 1))],
        "query_median_ms": statistics.median(times),
        "relevance": score(relevance, results),
    }


#: Each query searched twice; the second is timed (the index parts it needs are loaded).
_TIMES = """async qs => {
    for (const q of qs) await pagefind.search(q);
    const times = [];
    for (const q of qs) {
        const t = performance.now();
        await pagefind.search(q);
        times.push(performance.now() - t);
    }
    return times;
}"""
#: The URLs of the first five results of each query.
_TOP5 = """async qs => {
    const out = [];
    for (const q of qs) {
        const found = await pagefind.search(q);
        const top = await Promise.all(found.results.slice(0, 5).map(r => r.data()));
        out.push(top.map(d => d.url));
    }
    return out;
}"""
