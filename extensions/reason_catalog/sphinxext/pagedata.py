"""What each generated page shows, as plain data: strings, numbers, lists and mappings.

The data of a page is all its template renders (catalogue text already rendered to HTML, links
already relative to the page), so its digest is the page's key: equal data, equal page. Nothing
else describes what a page shows, and so nothing can fall out of step with it.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from sphinx.util.osutil import relative_uri

from ..catalogue import markdown as md
from ..catalogue.examples import VALUE_NAMES, example_language
from ..catalogue.model import Catalogue, Group, Operation, Reason, Retired, RetiredEndpoint
from ..catalogue.routing import EndpointEntry, identity
from ..catalogue.text import (
    badge_html,
    code_html,
    inline_html,
    response_badge,
    severity_badge,
    status_badge,
    status_name,
    to_html,
)
from ..catalogue.urls import provider_url
from ..drift.findings import Finding
from .indexpages import IndexPage, own_heading
from .links import CodeLinks
from .store import CatalogueStore, LoadedCatalogue
from .tables import group_anchor, reason_anchor

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder

#: Headings in catalogue text sit below the page's sections (h2): ``#`` becomes ``h3``.
TEXT_HEADINGS = 2
#: A page's data: what its template renders. Keys ending in ``_html`` hold markup.
Data = dict[str, Any]


class PageLinks:
    """A :data:`CodeLinker` for one page's catalogue text, with the base of its other links."""

    def __init__(self, site: PageData, links: CodeLinks, page: str) -> None:
        self.site = site
        self.links = links
        self.page = page
        #: Where relative links of the text point: the API's own docs (``None``: nowhere).
        self.base = links.loaded.catalogue.api.docs_url

    def __call__(self, text: str) -> tuple[str, str] | None:
        target = self.links(text)
        return None if target is None else (self.site.href(self.page, target.page), target.title)


class PageData:
    """Where things are in the built site, and the data of every generated page."""

    def __init__(self, builder: StandaloneHTMLBuilder, store: CatalogueStore) -> None:
        self.builder = builder
        self.store = store
        self._prefixes: dict[tuple[str, str], str] = {}
        self._tails: dict[str, str] = {}
        self._group_hrefs: dict[tuple[str, str, str], str | None] = {}
        self._badges: dict[tuple[int, ...], str] = {}
        self.tables = self._table_locations()

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
        source, target = from_page.rpartition("/")[::2], to_page.rpartition("/")[::2]
        key = (source[0], target[0])
        prefix = self._prefixes.get(key)
        if prefix is None:
            probe = relative_uri(
                self.builder.get_target_uri(posixpath.join(source[0], "x")),
                self.builder.get_target_uri(posixpath.join(target[0], "_rc_probe_")),
            )
            prefix = self._prefixes[key] = probe[: probe.rindex("_rc_probe_")]
        tail = self._tails.get(to_page)
        if tail is None:  # the end of the page's URI after its folder, once per page
            uri = self.builder.get_target_uri(to_page)
            # The page's file name as it ends the URI: Sphinx percent-encodes page names.
            name = quote(target[1])
            tail = self._tails[to_page] = uri[uri.rindex(name) if name else len(uri) :]
        relative = prefix + tail
        if from_page == to_page:
            relative = relative or "#"
        return f"{relative}#{anchor}" if anchor else relative

    def _badge(self, statuses: tuple[int, ...] | int | None) -> str:
        """A reason's status badge as HTML (nothing when it has none), or a by-status heading's.

        A handful of statuses, drawn on thousands of pages.
        """
        if not isinstance(statuses, tuple):
            statuses = () if statuses is None else (statuses,)
        if statuses not in self._badges:
            self._badges[statuses] = badge_html(status_badge(statuses))
        return self._badges[statuses]

    def group_href(self, page: str, catalogue: Catalogue, group_id: str) -> str | None:
        """The link from ``page`` to a group's table, where a document shows one."""
        # The same for every page of a folder: thousands of pages, a few groups.
        key = (page.rpartition("/")[0], catalogue.slug, group_id)
        if key not in self._group_hrefs:
            doc = self.table_doc(catalogue, group_id)
            anchor = group_anchor(catalogue, catalogue.group(group_id))
            self._group_hrefs[key] = None if doc is None else self.href(page, doc, anchor)
        return self._group_hrefs[key]

    def code_linker(
        self, loaded: LoadedCatalogue, page: str, scope: str | None = None
    ) -> PageLinks:
        """Links for catalogue text on ``page``: code spans to what :class:`.CodeLinks` finds,
        relative to the page, and relative links to the API's ``docs_url``."""
        return PageLinks(self, CodeLinks(self.store, loaded, scope), page)

    def _markdown(self, link: PageLinks, text: str, tail: str = "") -> str:
        """Catalogue text as HTML."""
        document = md.parse(text, heading_offset=TEXT_HEADINGS, base=link.base)
        return to_html(document, link, tail=tail)

    # -- the pages -----------------------------------------------------------------------------

    def reason(self, loaded: LoadedCatalogue, reason: Reason, page: str) -> Data:
        """A reason's page: its status, cause, fix, notes, endpoints and example."""
        catalogue = loaded.catalogue
        slug = catalogue.slug
        link = self.code_linker(loaded, page, reason.scope)
        language = example_language(reason.example_text, catalogue.dialect)
        replaced_by = (
            inline_html((md.Code(_written(reason, reason.replaced_by)),), link)
            if reason.replaced_by
            else None
        )
        deprecation = None
        if reason.deprecated is not None:
            tail = f" Use {replaced_by} instead." if replaced_by else ""
            deprecation = self._markdown(link, reason.deprecated.message, tail)
        named: list[Data] = []
        patterns: list[Data] = []
        explicit = loaded.explicit_endpoints.get(reason.key, frozenset())
        named_labels = {str(e) for e in reason.endpoints}
        for entry in loaded.endpoints_by_reason.get(reason.key, []):
            item = {
                "label": entry.label,
                "href": self.href(page, self.store.endpoint_page(slug, entry)),
            }
            named_here = entry.label in explicit or entry.label in named_labels
            (named if named_here else patterns).append(item)
        return {
            "anchor": reason_anchor(catalogue, reason),
            "code": reason.code,
            "api_name": catalogue.api.name,
            "badge_html": self._badge(reason.statuses),
            "breadcrumbs": [
                {"title": g.title, "href": self.group_href(page, catalogue, g.id)}
                for g in catalogue.lineage(reason.group)
            ],
            "deprecated": reason.deprecated is not None,
            "deprecated_since": reason.deprecated.since if reason.deprecated else None,
            "deprecation_html": deprecation,
            "cause_html": self._markdown(link, reason.cause),
            "fix_html": self._markdown(link, reason.fix) if reason.fix else None,
            "notes_html": [self._markdown(link, note) for note in reason.notes],
            "generic": catalogue.is_generic(reason),
            "group_title": catalogue.group(reason.group).title,
            "group_href": self.group_href(page, catalogue, reason.group) or "#",
            "named": named,
            "patterns": patterns,
            "related": [
                {
                    "code": other.code,
                    "summary": other.summary,
                    "href": self.href(page, self.store.page_of(slug, other)),
                }
                for key in reason.related
                if (other := catalogue.reason(key)) is not None
            ],
            "since": reason.since,
            "replaced_by_html": replaced_by,
            "title": reason.title,
            "severity_html": badge_html(severity_badge(reason.severity)),
            "provider_url": provider_url(catalogue.api.reason_url, reason.code, reason.scope)
            if catalogue.api.reason_url
            else None,
            "scope_title": catalogue.group(reason.scope).title if reason.scope else None,
            "scope_noun": catalogue.scope_noun,
            # A code other scopes share is a different error there: say where, and link it.
            "elsewhere": [
                {
                    "title": catalogue.group(other.scope).title,
                    "summary": other.summary,
                    "href": self.href(page, self.store.page_of(slug, other)),
                }
                for other in catalogue.reasons_with(reason.code)
                if other is not reason and other.scope is not None
            ],
            "operations": [
                {
                    "name": operation.name,
                    "http": str(operation.http) if operation.http else "",
                    "href": self.href(page, self.store.operation_page(slug, operation)),
                }
                for key in reason.operations
                if (operation := catalogue.operation(key)) is not None
            ],
            "operations_generic": bool(catalogue.operations) and catalogue.is_generic(reason),
            "operations_only": bool(catalogue.operations) and not loaded.endpoints,
            "sub_codes": self._sub_codes(link, catalogue, reason),
            # Highlighted as the page is rendered: the text says all the highlighting shows.
            "example_text": reason.example_text,
            "example_language": language,
            "example_noun": "response" if language == "http" else "body",
            "example_generated": reason.example_generated,
            "example_omitted": " or ".join(VALUE_NAMES.get(n, n) for n in reason.omitted),
        }

    def _sub_codes(self, link: PageLinks, catalogue: Catalogue, reason: Reason) -> list[Data]:
        by_field: dict[str, list[Data]] = {}
        for sub in reason.sub_codes:
            by_field.setdefault(sub.field, []).append(
                {
                    "code": sub.code,
                    "title": sub.title,
                    "anchor": nodes.make_id(f"{sub.field}-{sub.code}"),
                    "cause_html": self._markdown(link, sub.cause),
                    "fix_html": self._markdown(link, sub.fix) if sub.fix else None,
                }
            )
        return [
            {"name": name, "anchor": nodes.make_id(f"sub-code-{name}"), "items": items}
            for name, items in by_field.items()
        ]

    def operation(self, loaded: LoadedCatalogue, operation: Operation, page: str) -> Data:
        """An operation's page: its binding and the reasons it may return, by status."""
        catalogue = loaded.catalogue
        slug = catalogue.slug
        generic_groups = [
            g for g in catalogue.groups if g.generic and g.scope in {None, operation.scope}
        ]
        link = self.code_linker(loaded, page, operation.scope)
        http_entry = loaded.labels.get(str(operation.http)) if operation.http else None
        return {
            "anchor": nodes.make_id(f"operation-{slug}-{operation.key}"),
            "name": operation.name,
            "api_name": catalogue.api.name,
            "breadcrumbs": [
                {"title": g.title, "href": self.group_href(page, catalogue, g.id)}
                for g in catalogue.lineage(operation.scope or operation.group)
            ],
            "index_href": self.href(page, "reason-endpointindex"),
            "summary_html": self._markdown(link, operation.summary) if operation.summary else "",
            "http": str(operation.http) if operation.http else "",
            "http_href": self.href(page, self.store.endpoint_page(slug, http_entry))
            if http_entry
            else "",
            "query": list(operation.query),
            "headers": list(operation.headers),
            "by_status": self._by_status(
                page, slug, ((r, "") for r in loaded.operation_reasons.get(operation.key, ()))
            ),
            **self._generic(page, catalogue, generic_groups),
        }

    def endpoint(self, loaded: LoadedCatalogue, entry: EndpointEntry, page: str) -> Data:
        """An endpoint's page: the reasons it may return, by status."""
        catalogue = loaded.catalogue
        slug = catalogue.slug
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
        return {
            "spec": self._endpoint_spec(loaded, entry, page),
            "anchor": nodes.make_id(f"endpoint-{slug}-{entry.slug}"),
            "label": entry.label,
            "api_name": catalogue.api.name,
            "index_href": self.href(page, "reason-endpointindex"),
            "below": entry.endpoint.path if entry.endpoint.prefix else None,
            "by_status": self._by_status(
                page,
                slug,
                (
                    (r.reason, catalogue.group(r.via_group).title if r.via_group else "")
                    for r in entry.reasons
                ),
            ),
            "covering": covering,
            **self._generic(page, catalogue, generic_groups),
        }

    def _by_status(self, page: str, slug: str, listed: Iterable[tuple[Reason, str]]) -> list[Data]:
        """Reasons (each with the group that brought it in, or "") by status, for a table per
        status; a reason with several statuses is listed under each of them."""
        by_status: dict[int | None, list[Data]] = {}
        for reason, via in listed:
            item = {
                "code": reason.code,
                "code_html": code_html(reason.code),
                "summary": reason.summary,
                "via": via,
                "deprecated": reason.deprecated is not None,
                "href": self.href(page, self.store.page_of(slug, reason)),
            }
            for status in reason.statuses or (None,):
                by_status.setdefault(status, []).append(item)
        return [
            {
                "badge_html": self._badge(status),
                "name": status_name(status),
                "anchor": status or "none",
                "items": items,
            }
            for status, items in sorted(by_status.items(), key=lambda i: (i[0] is None, i[0] or 0))
        ]

    def _generic(self, page: str, catalogue: Catalogue, groups: list[Group]) -> Data:
        """The reasons of generic groups, which any endpoint or operation may return."""
        return {
            "generic": [
                {
                    "code": r.code,
                    "summary": r.summary,
                    "href": self.href(page, self.store.page_of(catalogue.slug, r)),
                }
                for g in groups
                for r in catalogue.reasons_in(g.id, deep=True)
            ],
            "generic_groups": [
                {"title": g.title, "href": self.group_href(page, catalogue, g.id) or "#"}
                for g in groups
            ],
        }

    def _endpoint_spec(self, loaded: LoadedCatalogue, entry: EndpointEntry, page: str) -> Data:
        """What the API's spec says of an endpoint: the operation, or those a pattern covers."""
        spec = loaded.spec
        if spec is None or spec.problems:
            return {}
        operation = spec.by_label.get(entry.label)
        covers = spec.covered.get(entry.label, ())
        slug = loaded.catalogue.slug
        return {
            "listed": entry.label not in spec.unlisted,
            "written_as": [
                {"label": label, "href": self.href(page, self.store.endpoint_page(slug, listed))}
                for label in spec.written_as.get(entry.label, ())
                if (listed := loaded.labels.get(label)) is not None
            ],
            "reference": spec.reference,
            "coverage_href": self.href(page, self.store.coverage_page(slug)),
            "operation": entry.endpoint.is_operation,
            "found": operation is not None,
            "operation_id": operation.operation_id if operation else None,
            "statuses_html": [badge_html(response_badge(key)) for key in operation.responses]
            if operation
            else [],
            "covers": [self._operation_link(loaded, label, page) for label in covers],
        }

    def _operation_link(self, loaded: LoadedCatalogue, label: str, page: str) -> Data:
        """An operation of the spec (by its label), linked to the endpoint page showing it."""
        assert loaded.spec is not None
        entry = loaded.labels.get(loaded.spec.shown_as.get(label, ""))
        slug = loaded.catalogue.slug
        href = self.href(page, self.store.endpoint_page(slug, entry)) if entry else None
        return {"label": label, "href": href}

    def coverage(self, loaded: LoadedCatalogue, page: str) -> Data:
        """An API's coverage page: its drift from its spec, and what its groups cover."""
        catalogue = loaded.catalogue
        spec = loaded.spec
        assert spec is not None
        total = len(spec.operations)
        findings: dict[str, list[Finding]] = {}
        for finding in spec.findings:
            findings.setdefault(finding.kind, []).append(finding)
        groups = []
        order = {group.id: index for index, group in enumerate(catalogue.groups)}
        by_group = sorted(findings.pop("group-coverage", []), key=lambda f: order[f.subject])
        for finding in by_group:
            group, count = catalogue.group(finding.subject), len(finding.details)
            groups.append(
                {
                    "title": group.title,
                    "depth": group.depth,
                    "href": self.group_href(page, catalogue, group.id),
                    "count": count,
                    "share": f"{100 * count / total:.1f}" if total else "0.0",
                }
            )
        generic_only = [
            {
                "prefix": finding.subject,
                "operations": [self._operation_link(loaded, d, page) for d in finding.details],
            }
            for finding in findings.pop("operations-generic-only", [])
        ]
        tally = Counter(f.severity for f in spec.findings)
        table = self.tables.get((catalogue.slug, ""))
        return {
            "anchor": nodes.make_id(f"coverage-{catalogue.slug}"),
            "api_name": catalogue.api.name,
            "table_href": self.href(page, table) if table else None,
            "index_href": self.href(page, "reason-endpointindex"),
            "reference": spec.reference,
            "version": spec.version,
            "total": total,
            "problems": [
                {
                    "where": f"{PurePath(p.file).name}:{p.line}",
                    "message": p.message,
                    "hint": p.hint,
                }
                for p in spec.problems
            ],
            "tally": [
                {"severity": level, "count": tally[level]}
                for level in ("error", "warning", "info")
                if tally[level]
            ],
            "kinds": [
                {
                    "kind": kind,
                    "items": [
                        {
                            "severity": f.severity,
                            "subject": f.subject,
                            "href": self._subject_href(loaded, f.subject, page),
                            "message": f.message,
                            "suggestion": f.suggestion,
                        }
                        for f in items
                    ],
                }
                for kind, items in findings.items()
            ],
            "groups": groups,
            "generic_only": generic_only,
            "generic_only_count": sum(len(p["operations"]) for p in generic_only),
        }

    def _subject_href(self, loaded: LoadedCatalogue, subject: str, page: str) -> str | None:
        """The page of the endpoint or reason a finding is about, when it has one."""
        slug = loaded.catalogue.slug
        entry = loaded.labels.get(subject)
        if entry is not None:
            return self.href(page, self.store.endpoint_page(slug, entry))
        reason = loaded.catalogue.reason(subject)
        return self.href(page, self.store.page_of(slug, reason)) if reason else None

    def retired(self, loaded: LoadedCatalogue, retired: Retired, page: str) -> Data:
        """The tombstone of a removed code, or the forwarding page of a renamed one."""
        catalogue = loaded.catalogue
        target = catalogue.reason(retired.renamed_to) if retired.renamed_to else None
        return {
            "anchor": nodes.make_id(f"reason-{catalogue.slug}-{retired.code}"),
            "name": retired.code,
            "is_code": False,
            "api_name": catalogue.api.name,
            "state": "renamed" if retired.renamed_to else "removed",
            "heading": f"Renamed to {retired.renamed_to}"
            if retired.renamed_to
            else "No longer returned",
            "since": retired.since,
            "message_html": self._markdown(self.code_linker(loaded, page), retired.message),
            "target": retired.renamed_to,
            "target_href": self.href(page, self.store.page_of(catalogue.slug, target))
            if target
            else "",
        }

    def index_page(self, part: IndexPage, parts: Sequence[IndexPage]) -> Data:
        """One page of an API's own index of reasons, or of endpoints and operations."""
        page, kind = part.name, part.kind
        api = part.loaded.catalogue.api.name
        return {
            "anchor": nodes.make_id(f"{kind.page_stem}-{page}"),
            "title": f"{kind.title}: {api}",
            "api_name": api,
            "index_href": self.href(page, f"reason-{kind.name}"),
            "index_title": kind.title,
            "number": part.number,
            "parts": [
                {
                    "label": str(other.number),
                    "href": "" if other is part else self.href(page, other.name),
                }
                for other in parts
            ],
            "sections": [
                {
                    "heading": own_heading(heading, api),
                    "anchor": nodes.make_id(heading),
                    "rows": [
                        {
                            "name_html": code_html(row.name),
                            "href": self.href(page, row.page),
                            "extra": row.extra,
                            "description": row.description,
                        }
                        for row in rows
                    ],
                }
                for heading, rows in part.sections
            ],
        }

    def retired_endpoint(self, loaded: LoadedCatalogue, gone: RetiredEndpoint, page: str) -> Data:
        """The page an endpoint keeps once it is gone: a forward to its successor, or why."""
        catalogue = loaded.catalogue
        label = identity(gone.endpoint)
        moved = loaded.labels.get(identity(gone.moved_to)) if gone.moved_to else None
        return {
            "anchor": nodes.make_id(f"endpoint-{catalogue.slug}-{label}"),
            "name": label,
            "is_code": True,
            "api_name": catalogue.api.name,
            "state": "moved" if moved else "removed",
            "heading": f"Moved to {moved.label}" if moved else "No longer exists",
            "since": gone.since,
            "message_html": self._markdown(self.code_linker(loaded, page), gone.message),
            "target": moved.label if moved else None,
            "target_href": self.href(page, self.store.endpoint_page(catalogue.slug, moved))
            if moved
            else "",
        }


def _written(reason: Reason, key: str) -> str:
    """How ``reason``'s text names the reason ``key``: by its code, within its own scope."""
    scope = reason.scope
    return key[len(scope) + 1 :] if scope and key.startswith(f"{scope}/") else key
