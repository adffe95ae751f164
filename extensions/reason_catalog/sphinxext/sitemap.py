"""``sitemap.xml``: every page of the site, the generated ones included, with absolute URLs.

Sitemap extensions (sphinx-sitemap) list the pages Sphinx renders itself; the reason,
endpoint and operation pages are written without it (:mod:`.pages`), so the site's own
sitemap lists them here. A sitemap holds at most 50,000 URLs (sitemaps.org): a larger site
gets numbered parts and an index of them under the configured name.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from .pages import PageWriter
from .store import CatalogueStore

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder

#: The most URLs one sitemap file may hold (sitemaps.org).
MAX_URLS = 50_000
#: What marks a sitemap this extension wrote, so that it removes only its own.
MARKER = "<!-- written by reason-catalog -->"
_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: Pages Sphinx writes with no source document that are worth a search engine's visit.
EXTRA_PAGES = ("browse",)


def site_pages(builder: StandaloneHTMLBuilder, store: CatalogueStore) -> Iterator[str]:
    """Every page a reader may land on: the documents, the domain's indices, the browser,
    and every generated page except those that forward elsewhere (a renamed code's, or the
    old spelling of a code whose case changed)."""
    yield from sorted(builder.env.found_docs)
    for name, *_ in builder.domain_indices:
        yield name
    for name in EXTRA_PAGES:
        if Path(builder.get_outfilename(name)).is_file():
            yield name
    for page in PageWriter(builder, store).pages():
        if not page.redirect and not page.shell_of:
            yield page.name


def _urlset(urls: list[str]) -> str:
    lines = [f"  <url><loc>{escape(url)}</loc></url>" for url in urls]
    return _document("urlset", lines)


def _document(root: str, lines: list[str]) -> str:
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            MARKER,
            f'<{root} xmlns="{_NAMESPACE}">',
            *lines,
            f"</{root}>",
            "",
        ]
    )


def sitemap_files(urls: list[str], name: str, base_url: str) -> dict[str, str]:
    """The sitemap's files by name: one, or numbered parts (``sitemap-1.xml``) and an index
    of them named ``name``."""
    if len(urls) <= MAX_URLS:
        return {name: _urlset(urls)}
    stem, dot, suffix = name.rpartition(".")
    files = {}
    for number, start in enumerate(range(0, len(urls), MAX_URLS), start=1):
        part = f"{stem}-{number}.{suffix}" if dot else f"{name}-{number}"
        files[part] = _urlset(urls[start : start + MAX_URLS])
    parts = [
        f"  <sitemap><loc>{escape(posixpath.join(base_url, p))}</loc></sitemap>" for p in files
    ]
    return {name: _document("sitemapindex", parts), **files}


def stale_files(outdir: Path, name: str, keep: set[str]) -> Iterator[Path]:
    """The sitemap files an earlier build wrote that this one does not (``keep``)."""
    stem, dot, suffix = name.rpartition(".")
    pattern = f"{stem}-*.{suffix}" if dot else f"{name}-*"
    for path in sorted({outdir / name, *outdir.glob(pattern)}):
        if path.name not in keep and path.is_file() and _ours(path):
            yield path


def _ours(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as handle:
            return MARKER in handle.read(200)
    except (OSError, UnicodeDecodeError):
        return False
