"""The page of every reason and every endpoint, written without a doctree.

Thousands of such pages share one layout, so each folder's theme page is rendered once with
placeholders (a "shell") and every page is the shell with its title and body filled in: the
theme's navigation, computed once, is the same for all of them. A page is written only when
its bytes change, and pages of reasons that are gone are removed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
import tempfile
from collections.abc import Callable, Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from ..catalogue import markdown as md
from ..catalogue.model import Catalogue, Reason, Retired
from ..catalogue.routing import EndpointEntry, identity
from ..catalogue.text import (
    CodeLinker,
    badge_html,
    highlight_json,
    inline_html,
    pretty_json,
    status_badge,
    status_name,
    to_html,
)
from .links import CodeLinks, LinkTarget
from .store import CatalogueStore, LoadedCatalogue
from .tables import group_anchor, reason_anchor

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MANIFEST = ".reason-catalog-pages.json"
_PAGE = "rcpagesentinel0"
_TITLE = "rctitlesentinel0"
_BODY = "rcbodysentinel0"
#: Headings in catalogue text sit below the page's sections (h2): ``#`` becomes ``h3``.
TEXT_HEADINGS = 2


def page_context(title: str, body: str) -> dict[str, Any]:
    """What the theme's ``page.html`` needs for a page that has no source document."""
    return {
        "title": title,
        "body": body,
        "toc": "",
        "display_toc": False,
        "meta": {},
        "metatags": "",
        "rellinks": [],
        "sourcename": "",
        "parents": [],
        "prev": None,
        "next": None,
    }


class PageWriter:
    """Renders and writes the generated pages of one HTML build."""

    def __init__(self, builder: StandaloneHTMLBuilder, store: CatalogueStore) -> None:
        self.builder = builder
        self.store = store
        self.outdir = Path(builder.outdir)
        self.jinja = Environment(
            loader=FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True
        )
        self.shells: dict[str, str] = {}
        self._prefixes: dict[tuple[str, str], str] = {}
        self._shell_digests: dict[str, str] = {}
        self._generic_key: dict[str, str] = {}
        self.redirects = self._redirects()
        self.tables = self._table_locations()
        self.written = 0
        self.kept = 0

    # -- where things are ----------------------------------------------------------------------

    def _table_locations(self) -> dict[tuple[str, str], str]:
        """(slug, group id) → the document whose table shows that group ('' = whole catalogue)."""
        uses = self.builder.env.domaindata["reason"]["uses"]
        located: dict[tuple[str, str], str] = {}
        for docname in sorted(uses):
            for kind, slug, key in uses[docname]:
                if kind == "table":
                    located.setdefault((slug, key), docname)
        return located

    def _redirects(self) -> dict[str, str]:
        """Renamed codes' pages → the relative URL of their successor's page."""
        redirects = {}
        for catalogue in self.store.catalogues:
            for retired in catalogue.retired:
                target = catalogue.reason(retired.renamed_to or "")
                if target is not None:
                    page = self.store.reason_page(catalogue.slug, retired.code)
                    to = self.store.reason_page(catalogue.slug, target.code)
                    redirects[page] = self.href(page, to)
        return redirects

    def table_doc(self, catalogue: Catalogue, group_id: str) -> str | None:
        """The document showing a group's table: its own, an ancestor's, or the catalogue's."""
        for group in reversed(catalogue.lineage(group_id)):
            doc = self.tables.get((catalogue.slug, group.id))
            if doc is not None:
                return doc
        return self.tables.get((catalogue.slug, ""))

    def href(self, from_page: str, to_page: str, anchor: str = "") -> str:
        """A relative link from one page to another."""
        # Thousands of pages share a handful of folders: work out each pair of folders once.
        source, target = posixpath.split(from_page), posixpath.split(to_page)
        key = (source[0], target[0])
        prefix = self._prefixes.get(key)
        if prefix is None:
            probe = relative_uri(
                self.builder.get_target_uri(posixpath.join(source[0], "x")),
                self.builder.get_target_uri(posixpath.join(target[0], "_rc_probe_")),
            )
            prefix = self._prefixes[key] = probe[: probe.rindex("_rc_probe_")]
        uri = self.builder.get_target_uri(to_page)
        # The page's file name as it ends the URI: Sphinx percent-encodes page names.
        name = quote(target[1])
        relative = prefix + uri[uri.rindex(name) if name else len(uri) :]
        if from_page == to_page:
            relative = relative or "#"
        return f"{relative}#{anchor}" if anchor else relative

    def group_href(self, page: str, catalogue: Catalogue, group_id: str) -> str | None:
        doc = self.table_doc(catalogue, group_id)
        if doc is None:
            return None
        return self.href(page, doc, group_anchor(catalogue, catalogue.group(group_id)))

    # -- rendering -----------------------------------------------------------------------------

    def shell(self, pagename: str) -> str:
        """The theme's page for the folder of ``pagename``, with placeholders for the rest."""
        folder = posixpath.dirname(pagename)
        if folder not in self.shells:
            sentinel_page = posixpath.join(folder, _PAGE)
            # The theme's navigation is the same for every page of a folder: compute it once.
            navigation: dict[str, str] = {}
            builder = self.builder

            def toctree(**kwargs: Any) -> str:
                key = json.dumps(kwargs, sort_keys=True, default=str)
                if key not in navigation:
                    navigation[key] = builder._get_local_toctree(sentinel_page, **kwargs)
                return navigation[key]

            context = {**page_context(_TITLE, _BODY), "toctree": toctree}
            with tempfile.TemporaryDirectory() as scratch:
                target = Path(scratch, "shell.html")
                builder.handle_page(sentinel_page, context, "page.html", outfilename=target)
                self.shells[folder] = target.read_text(encoding="utf-8")
        return self.shells[folder]

    def page_html(self, pagename: str, title: str, body: str, redirect: str = "") -> str:
        """A whole page: the folder's shell with this page's name, title and body.

        With ``redirect`` (a relative URL), browsers go there at once; the page says so too.
        """
        html = self.shell(pagename)
        html = html.replace(_PAGE, quote(posixpath.basename(pagename)))
        html = html.replace(_TITLE, escape(title))
        if redirect:
            target = escape(redirect)
            html = html.replace(
                "</head>",
                f'<meta http-equiv="refresh" content="0; url={target}">\n'
                f'<link rel="canonical" href="{target}">\n</head>',
                1,
            )
        return html.replace(_BODY, body)

    def code_linker(self, loaded: LoadedCatalogue, page: str) -> CodeLinker:
        """Links for code spans on ``page``: what :class:`.CodeLinks` finds, relative to it."""
        links = CodeLinks(self.store, loaded)

        def link(text: str) -> tuple[str, str] | None:
            target = links(text)
            return None if target is None else (self.href(page, target.page), target.title)

        return link

    def markdown(self, loaded: LoadedCatalogue, page: str) -> Callable[..., Markup]:
        """``markdown(text, tail="")``: catalogue text as HTML for ``page`` (for templates)."""
        link = self.code_linker(loaded, page)

        def render(text: str, tail: str = "") -> Markup:
            tree = md.parse(text, heading_offset=TEXT_HEADINGS)
            return Markup(to_html(tree, link, tail=tail))

        return render

    def retired_body(self, loaded: LoadedCatalogue, retired: Retired, page: str) -> str:
        """The tombstone of a removed code, or the forwarding page of a renamed one."""
        catalogue = loaded.catalogue
        target = catalogue.reason(retired.renamed_to) if retired.renamed_to else None
        target_href = (
            self.href(page, self.store.reason_page(catalogue.slug, target.code)) if target else ""
        )
        return self.jinja.get_template("retired.html").render(
            retired=retired,
            api=catalogue.api,
            anchor=nodes.make_id(f"reason-{catalogue.slug}-{retired.code}"),
            target_href=target_href,
            message=self.markdown(loaded, page)(retired.message),
        )

    def reason_body(self, loaded: LoadedCatalogue, reason: Reason, page: str) -> str:
        """The page of a reason: its status, cause, fix, notes, endpoints and example."""
        catalogue = loaded.catalogue
        slug = catalogue.slug
        markdown = self.markdown(loaded, page)
        link = self.code_linker(loaded, page)
        replaced_by = (
            Markup(inline_html((md.Code(reason.replaced_by),), link))
            if reason.replaced_by
            else None
        )
        deprecation = None
        if reason.deprecated is not None:
            tail = Markup(" Use {} instead.").format(replaced_by) if replaced_by else ""
            deprecation = markdown(reason.deprecated.message, tail=tail)

        lineage = catalogue.lineage(reason.group)
        breadcrumbs = [
            {"title": g.title, "href": self.group_href(page, catalogue, g.id)} for g in lineage
        ]
        endpoint_links = loaded.endpoints_by_reason.get(reason.code, [])
        named_labels = {str(e) for e in reason.endpoints}
        named: list[dict[str, str]] = []
        patterns: list[dict[str, str]] = []
        explicit = loaded.explicit_endpoints.get(reason.code, frozenset())
        for entry in endpoint_links:
            item = {
                "label": entry.label,
                "href": self.href(page, self.store.endpoint_page(slug, entry)),
            }
            named_here = entry.label in explicit or entry.label in named_labels
            (named if named_here else patterns).append(item)
        related = [
            {
                "code": other.code,
                "summary": other.summary,
                "href": self.href(page, self.store.reason_page(slug, other.code)),
            }
            for code in reason.related
            if (other := catalogue.reason(code)) is not None
        ]
        return self.jinja.get_template("reason.html").render(
            reason=reason,
            api=catalogue.api,
            anchor=reason_anchor(catalogue, reason),
            badge=Markup(badge_html(status_badge(reason.status))),
            markdown=markdown,
            deprecation=deprecation,
            breadcrumbs=breadcrumbs,
            generic=catalogue.is_generic(reason),
            group=catalogue.group(reason.group),
            group_href=self.group_href(page, catalogue, reason.group) or "#",
            named=named,
            patterns=patterns,
            related=related,
            replaced_by=replaced_by,
            example=Markup(highlight_json(pretty_json(reason.example))),
        )

    def endpoint_body(self, loaded: LoadedCatalogue, entry: EndpointEntry, page: str) -> str:
        """The page of an endpoint: the reasons it may return, by status."""
        catalogue = loaded.catalogue
        slug = catalogue.slug
        by_status: dict[int | None, list[dict[str, Any]]] = {}
        for link in entry.reasons:
            reason = link.reason
            via = catalogue.group(link.via_group).title if link.via_group else ""
            by_status.setdefault(reason.status, []).append(
                {
                    "code": reason.code,
                    "summary": reason.summary,
                    "via": via,
                    "deprecated": reason.deprecated is not None,
                    "href": self.href(page, self.store.reason_page(slug, reason.code)),
                }
            )
        statuses = [
            (
                {
                    "badge": Markup(badge_html(status_badge(status))),
                    "name": status_name(status),
                    "anchor": status or "none",
                },
                items,
            )
            for status, items in by_status.items()
        ]
        covering = []
        for group_id, pattern in entry.groups:
            pattern_entry = loaded.labels.get(identity(pattern))
            if pattern_entry is not None and pattern_entry is not entry:
                covering.append(
                    {
                        "label": pattern_entry.label,
                        "group": catalogue.group(group_id).title,
                        "href": self.href(page, self.store.endpoint_page(slug, pattern_entry)),
                    }
                )
        generic_groups = [g for g in catalogue.groups if g.generic]
        generic = [
            {
                "code": r.code,
                "summary": r.summary,
                "href": self.href(page, self.store.reason_page(slug, r.code)),
            }
            for g in generic_groups
            for r in catalogue.reasons_in(g.id, deep=True)
        ]
        return self.jinja.get_template("endpoint.html").render(
            entry=entry,
            api=catalogue.api,
            anchor=nodes.make_id(f"endpoint-{slug}-{entry.slug}"),
            index_href=self.href(page, "reason-endpointindex"),
            by_status=statuses,
            covering=covering,
            generic=generic,
            generic_groups=[
                {"title": g.title, "href": self.group_href(page, catalogue, g.id) or "#"}
                for g in generic_groups
            ],
        )

    # -- writing -------------------------------------------------------------------------------

    def shell_digest(self, pagename: str) -> str:
        """A digest of a folder's shell: the theme, the navigation and the assets."""
        folder = posixpath.dirname(pagename)
        if folder not in self._shell_digests:
            shell = self.shell(pagename).encode()
            self._shell_digests[folder] = hashlib.sha1(shell).hexdigest()
        return self._shell_digests[folder]

    def _mentioned(self, loaded: LoadedCatalogue, *texts: str | None) -> list[LinkTarget]:
        """What code spans of ``texts`` link to: their links carry its page and title."""
        links = CodeLinks(self.store, loaded)
        found = []
        for text in texts:
            for code in md.code_spans(md.parse(text or "", heading_offset=TEXT_HEADINGS)):
                target = links(code)
                if target is not None:
                    found.append(target)
        return found

    def reason_key(self, loaded: LoadedCatalogue, reason: Reason, page: str) -> str:
        """Everything a reason's page shows, as a digest: equal keys, equal pages."""
        catalogue = loaded.catalogue
        explicit = loaded.explicit_endpoints.get(reason.code, frozenset())
        parts = [
            self.shell_digest(page),
            repr(reason),
            catalogue.api.name,
            catalogue.is_generic(reason),
            [(g.title, self.table_doc(catalogue, g.id)) for g in catalogue.lineage(reason.group)],
            [
                (e.label, e.label in explicit)
                for e in loaded.endpoints_by_reason.get(reason.code, [])
            ],
            [(c, r.summary) for c in reason.related if (r := catalogue.reason(c)) is not None],
            self._mentioned(
                loaded,
                reason.cause,
                reason.fix,
                *reason.notes,
                reason.deprecated.message if reason.deprecated else None,
            ),
            reason.replaced_by and CodeLinks(self.store, loaded)(reason.replaced_by),
        ]
        return hashlib.sha1(repr(parts).encode()).hexdigest()

    def endpoint_key(self, loaded: LoadedCatalogue, entry: EndpointEntry, page: str) -> str:
        """Everything an endpoint's page shows, as a digest."""
        catalogue = loaded.catalogue
        generic = self._generic_key.get(catalogue.slug)
        if generic is None:
            generic = self._generic_key[catalogue.slug] = repr(
                [
                    (
                        g.title,
                        self.table_doc(catalogue, g.id),
                        [(r.code, r.summary) for r in catalogue.reasons_in(g.id, deep=True)],
                    )
                    for g in catalogue.groups
                    if g.generic
                ]
            )
        parts = [
            self.shell_digest(page),
            catalogue.api.name,
            entry.label,
            [
                (
                    link.reason.code,
                    link.reason.status,
                    link.reason.summary,
                    link.via_group,
                    link.via_group and catalogue.group(link.via_group).title,
                    link.reason.deprecated is not None,
                )
                for link in entry.reasons
            ],
            [(g, identity(p), catalogue.group(g).title) for g, p in entry.groups],
            generic,
        ]
        return hashlib.sha1(repr(parts).encode()).hexdigest()

    def pages(self) -> Iterator[tuple[str, str, str, Callable[[], str]]]:
        """``(page name, title, key, body)`` of every generated page; bodies render lazily."""
        for catalogue in self.store.catalogues:
            loaded = self.store.by_slug[catalogue.slug]
            for reason in catalogue.reasons:
                page = self.store.reason_page(catalogue.slug, reason.code)
                yield (
                    page,
                    f"{reason.code} ({catalogue.api.name})",
                    self.reason_key(loaded, reason, page),
                    functools.partial(self.reason_body, loaded, reason, page),
                )
            for entry in loaded.endpoints:
                page = self.store.endpoint_page(catalogue.slug, entry)
                yield (
                    page,
                    f"{entry.label} ({catalogue.api.name})",
                    self.endpoint_key(loaded, entry, page),
                    functools.partial(self.endpoint_body, loaded, entry, page),
                )
            for retired in catalogue.retired:
                page = self.store.reason_page(catalogue.slug, retired.code)
                key = hashlib.sha1(
                    repr(
                        [self.shell_digest(page), retired, self._mentioned(loaded, retired.message)]
                    ).encode()
                )
                yield (
                    page,
                    f"{retired.code} ({catalogue.api.name})",
                    key.hexdigest(),
                    functools.partial(self.retired_body, loaded, retired, page),
                )

    def write_all(self) -> None:
        """Write every page whose content changed; remove pages no longer generated.

        The manifest keeps each page's key (a digest of all it shows), so a page is rendered
        only when something it shows changed: an edit to one reason renders a few pages.
        """
        manifest_path = self.outdir / MANIFEST
        try:
            previous: dict[str, str] = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        current: dict[str, str] = {}
        for page, title, key, body in self.pages():
            current[page] = key
            target = Path(self.builder.get_outfilename(page))
            if previous.get(page) == key and target.exists():
                self.kept += 1
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            html = self.page_html(page, title, body(), self.redirects.get(page, ""))
            target.write_text(html, encoding="utf-8")
            self.written += 1
        for page in sorted(set(previous) - set(current)):
            Path(self.builder.get_outfilename(page)).unlink(missing_ok=True)
        manifest_path.write_text(json.dumps(current, sort_keys=True, indent=0), encoding="utf-8")
        logger.info(
            "reason pages: %d written, %d unchanged", self.written, self.kept, color="darkgreen"
        )
