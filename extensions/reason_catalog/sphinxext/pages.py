"""The page of every reason, every endpoint and every API's coverage, written without a doctree.

Each page is its data (:mod:`.pagedata`) rendered by a template into the folder's theme shell
(:mod:`.shell`). The digest of the data, the template, the shell and the extension's own
renderers (every template and module, :func:`renderer_digest`) is the page's key: a page is
rendered and written only when its key changes, and pages no longer generated are removed.
Pages of retired codes and endpoints stay, forwarding to their successors or saying why not.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from sphinx.util import logging

from ..catalogue.model import Catalogue, Operation, Reason, Retired
from ..catalogue.routing import identity
from ..catalogue.text import SCROLLS, code_html, highlight_json
from .indexpages import ENDPOINTS, REASONS, split
from .opengraph import PageMeta
from .pagedata import Data, PageData
from .shell import Shells
from .store import CatalogueStore

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PACKAGE = TEMPLATES.parent


@lru_cache(maxsize=1)
def renderer_digest() -> str:
    """A digest of the templates and the code that render pages: part of every page's key,
    so that a new version of the extension (a template, a badge) rewrites the pages it
    changes, even when their data did not change."""
    digest = hashlib.sha1()
    for path in sorted([*TEMPLATES.glob("*.html"), *PACKAGE.rglob("*.py")]):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


MANIFEST = ".reason-catalog-pages.json"


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while the pages are written.

    Each page's data is plain dicts and strings, freed by reference counting as soon as the
    page is written; a cyclic collection in between finds nothing of ours and rescans the
    build's whole heap (every doctree and the environment): seconds, on a large site.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, what it shows and how."""

    name: str
    template: str
    title: str
    data: Callable[[], Data]
    #: The page whose folder's shell wraps this one (itself, unless it stands in for another).
    shell_of: str = ""
    #: Where browsers are sent at once (a relative URL), for renamed codes and endpoints.
    redirect: str = ""
    #: The page's ``<meta>`` tags (a description, Open Graph), from its data.
    metatags: Callable[[Data], str] | None = None


class PageWriter:
    """Renders and writes the generated pages of one HTML build."""

    def __init__(self, builder: StandaloneHTMLBuilder, store: CatalogueStore) -> None:
        self.builder = builder
        self.store = store
        self.outdir = Path(builder.outdir)
        self.jinja = Environment(
            loader=FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True
        )
        self.jinja.filters["highlight"] = self._highlight
        # A code or path as a heading: it wraps between its words, however short.
        self.jinja.filters["heading_code"] = lambda code: Markup(code_html(code, whole=0))
        self.shells = Shells(builder)
        self.site = PageData(builder, store)
        self.meta = PageMeta(builder)
        self.written = 0
        self.kept = 0

    def pages(self) -> Iterator[Page]:
        """Every generated page; data is computed when asked for."""
        site, store, meta = self.site, self.store, self.meta
        # On a large site, each API's own index pages (the domain's indices list them).
        index_pages = [(kind, split(store, kind)) for kind in (REASONS, ENDPOINTS)]
        for catalogue in store.catalogues:
            loaded, slug, api = store.by_slug[catalogue.slug], catalogue.slug, catalogue.api.name
            for reason in catalogue.reasons:
                name = store.page_of(slug, reason)
                data = partial(site.reason, loaded, reason, name)
                title = f"{reason.code} ({_where(catalogue, reason)})"
                tags = partial(meta.reason, catalogue, reason, name)
                yield Page(name, "reason.html", title, data, metatags=tags)
            for operation in catalogue.operations:
                name = store.operation_page(slug, operation)
                data = partial(site.operation, loaded, operation, name)
                title = f"{operation.name} ({_where(catalogue, operation)})"
                tags = partial(meta.operation, catalogue, operation, title, name)
                yield Page(name, "operation.html", title, data, metatags=tags)
            for entry in loaded.endpoints:
                name = store.endpoint_page(slug, entry)
                data = partial(site.endpoint, loaded, entry, name)
                title = f"{entry.label} ({api})"
                tags = partial(meta.endpoint, title, name)
                yield Page(name, "endpoint.html", title, data, metatags=tags)
            if loaded.spec is not None:
                name = store.coverage_page(slug)
                data = partial(site.coverage, loaded, name)
                yield Page(name, "coverage.html", f"Coverage and drift ({api})", data)
            for retired in catalogue.retired:
                name = store.page_of(slug, retired)
                target = catalogue.reason(retired.renamed_to or "")
                if retired.case_only and target is not None:
                    # Only the letter case changed: on a file system that ignores case the two
                    # names are one file, so the old name shows the reason's own page.
                    current = store.page_of(slug, target)
                    data = partial(site.reason, loaded, target, current)
                    title = f"{target.code} ({_where(catalogue, target)})"
                    tags = partial(meta.reason, catalogue, target, current)  # its URL: current
                    yield Page(name, "reason.html", title, data, current, metatags=tags)
                    continue
                forward = site.href(name, store.page_of(slug, target)) if target else ""
                data = partial(site.retired, loaded, retired, name)
                title = f"{retired.code} ({_where(catalogue, retired)})"
                yield Page(name, "retired.html", title, data, "", forward)
            for kind, split_pages in index_pages:
                parts = split_pages.get(slug, []) if split_pages else []
                for part in parts:
                    data = partial(site.index_page, part, parts)
                    title = f"{kind.title} ({api})"
                    if len(parts) > 1:
                        title = f"{kind.title} ({api}, page {part.number} of {len(parts)})"
                    yield Page(part.name, "index-page.html", title, data)
            for gone in catalogue.retired_endpoints:
                name = store.retired_endpoint_page(slug, gone)
                moved = loaded.labels.get(identity(gone.moved_to)) if gone.moved_to else None
                forward = site.href(name, store.endpoint_page(slug, moved)) if moved else ""
                data = partial(site.retired_endpoint, loaded, gone, name)
                title = f"{identity(gone.endpoint)} ({api})"
                yield Page(name, "retired.html", title, data, "", forward)

    def _highlight(self, text: str, language: str) -> Markup:
        """An example highlighted as Sphinx highlights a code block of ``language``."""
        if language == "json":  # the common case, thousands of times: a cheaper highlighter
            return Markup(highlight_json(text))
        block = self.builder.highlighter.highlight_block(text, language)
        # Pygments opens its block with a bare <pre>; it scrolls, so it takes the focus too.
        block = block.replace("<pre>", f"<pre{SCROLLS}>", 1)
        return Markup(f'<div class="highlight-{language} notranslate">{block}</div>')

    def body(self, page: Page, data: Data) -> str:
        """The page's body: its data rendered by its template."""
        return self.jinja.get_template(page.template).render(data)

    def key(self, page: Page, data: Data, metatags: str = "") -> str:
        """Everything the page shows, as a digest: equal keys, equal pages."""
        shell = self.shells.digest(page.shell_of or page.name)
        parts = [shell, renderer_digest(), page.template, page.title, page.redirect, metatags, data]
        # repr() of plain data built in a fixed order is exact, and much cheaper than JSON.
        return hashlib.sha1(repr(parts).encode()).hexdigest()

    def write_all(self) -> None:
        """Write every page whose key changed; remove pages no longer generated."""
        manifest_path = self.outdir / MANIFEST
        try:
            previous: dict[str, str] = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        current: dict[str, str] = {}
        with _without_cycle_collection():
            self._write(previous, current)
        for name in sorted(set(previous) - set(current)):
            Path(self.builder.get_outfilename(name)).unlink(missing_ok=True)
        manifest_path.write_text(json.dumps(current, sort_keys=True, indent=0), encoding="utf-8")
        logger.info(
            "reason pages: %d written, %d unchanged", self.written, self.kept, color="darkgreen"
        )

    def _write(self, previous: dict[str, str], current: dict[str, str]) -> None:
        """Render and write each page whose key is not in ``previous``; fill ``current``."""
        for page in self.pages():
            data = page.data()
            metatags = page.metatags(data) if page.metatags else ""
            key = current[page.name] = self.key(page, data, metatags)
            target = Path(self.builder.get_outfilename(page.name))
            if previous.get(page.name) == key and target.exists():
                self.kept += 1
                continue
            body = self.body(page, data)
            html = self.shells.page_html(
                page.shell_of or page.name, page.title, body, page.redirect, metatags
            )
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            self.written += 1


def _where(catalogue: Catalogue, item: Reason | Retired | Operation) -> str:
    """The API a page's subject belongs to, and its scope: ``AWS › Amazon DynamoDB``."""
    api = catalogue.api.name
    return api if item.scope is None else f"{api} › {catalogue.group(item.scope).title}"
