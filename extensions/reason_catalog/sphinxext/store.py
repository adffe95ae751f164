"""The catalogues of one Sphinx build: loaded once, cached on the environment, fingerprinted.

Documents record which parts of which catalogue they render (their "uses"); a document is
re-read when the fingerprint of those parts changes, not whenever its catalogue file is
touched, so that editing one reason rebuilds only the pages that show it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from ..catalogue.endpoints import Endpoint, EndpointSyntaxError
from ..catalogue.load import Cache, load
from ..catalogue.model import Catalogue, Group, Operation, Reason, Retired, RetiredEndpoint
from ..catalogue.routing import (
    EndpointEntry,
    endpoint_slug,
    identity,
    reasons_to_endpoints,
    route,
)
from ..catalogue.urls import endpoint_page, operation_page, reason_page
from .config import ReasonCatalogConfig
from .specs import COVERAGE_PAGE, SiteSpec, SpecCache, read_spec, report
from .warnings import WarningKind, report_problem

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


#: A catalogue part a document renders or cites: ("table", slug, group id or ""),
#: ("reason", slug, reason key), or ("xref", the role's type, the role's target).
Use = tuple[str, str, str]
#: What a role's target resolves to: (page name, object name, title).
Match = tuple[str, str, str]


@dataclass(frozen=True)
class LoadedCatalogue:
    """A catalogue with what the site derives from it."""

    catalogue: Catalogue
    endpoints: tuple[EndpointEntry, ...]
    #: For each reason key, the endpoints whose pages list it.
    endpoints_by_reason: dict[str, list[EndpointEntry]]
    #: For each reason key, the labels of the endpoints that name it (not via a group).
    explicit_endpoints: dict[str, frozenset[str]]
    #: The OpenAPI spec the catalogue names, as read for the site (``None``: it names none).
    spec: SiteSpec | None = None
    #: The endpoints by label (``GET /calls/{id}``), for links from code spans.
    labels: dict[str, EndpointEntry] = field(init=False, repr=False)
    #: The retired endpoints by label: their pages stay.
    retired_endpoints: dict[str, RetiredEndpoint] = field(init=False, repr=False)
    #: For each operation key, the reasons that name it, in catalogue order.
    operation_reasons: dict[str, tuple[Reason, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", {e.label: e for e in self.endpoints})
        retired = {identity(r.endpoint): r for r in self.catalogue.retired_endpoints}
        object.__setattr__(self, "retired_endpoints", retired)
        by_operation: dict[str, list[Reason]] = {}
        for reason in self.catalogue.reasons:
            for key in reason.operations:
                by_operation.setdefault(key, []).append(reason)
        operation_reasons = {key: tuple(found) for key, found in by_operation.items()}
        object.__setattr__(self, "operation_reasons", operation_reasons)


class CatalogueStore:
    """Every catalogue of the build, by slug, with page names and lookups."""

    def __init__(
        self,
        loaded: Sequence[LoadedCatalogue],
        options: ReasonCatalogConfig,
        *,
        complete: bool = True,
        lines: bool = True,
    ) -> None:
        self.options = options
        self.by_slug = {item.catalogue.slug: item for item in loaded}
        #: False when a catalogue could not be loaded: then no page may be written.
        self.complete = complete
        #: Whether what a document renders includes where each reason is written in its
        #: catalogue: only the doctests (which report failures there) need it. An edit that
        #: lengthens one cause moves every later reason's line, and would otherwise have
        #: every later group's page read again for nothing an HTML reader sees.
        self.lines = lines

    @property
    def catalogues(self) -> list[Catalogue]:
        """The catalogues, in slug order."""
        return [self.by_slug[slug].catalogue for slug in sorted(self.by_slug)]

    def get(self, slug: str) -> LoadedCatalogue | None:
        """The catalogue with this slug, or ``None``."""
        return self.by_slug.get(slug)

    def reason_page(self, slug: str, code: str, scope: str | None = None) -> str:
        """The page name of a reason (``code`` in ``scope``, in a scoped catalogue)."""
        return reason_page(self.options.reason_page, slug, code, scope)

    def page_of(self, slug: str, reason: Reason | Retired) -> str:
        """The page name of a reason, or of a retired code (which keeps its page)."""
        return reason_page(self.options.reason_page, slug, reason.code, reason.scope)

    def operation_page(self, slug: str, operation: Operation) -> str:
        """The page name of an operation."""
        return operation_page(self.options.operation_page, slug, operation.name, operation.scope)

    def endpoint_page(self, slug: str, entry: EndpointEntry) -> str:
        """The page name of an endpoint."""
        return endpoint_page(self.options.endpoint_page, slug, entry.slug)

    def retired_endpoint_page(self, slug: str, retired: RetiredEndpoint) -> str:
        """The page name a retired endpoint had, and keeps."""
        return endpoint_page(self.options.endpoint_page, slug, endpoint_slug(retired.endpoint))

    def coverage_page(self, slug: str) -> str:
        """The page name of an API's coverage of its spec."""
        return COVERAGE_PAGE.format(api=slug)

    def _candidates(self, target: str) -> list[tuple[LoadedCatalogue, str]]:
        """The catalogues a target may name, and the target without its ``api:`` prefix."""
        slug, sep, rest = target.partition(":")
        if sep and slug in self.by_slug and not slug.startswith("/"):
            return [(self.by_slug[slug], rest.strip())]
        return [(self.by_slug[s], target.strip()) for s in sorted(self.by_slug)]

    def find(self, typ: str, target: str) -> list[Match]:
        """Matches of ``target`` as ``(page name, object name, title)``."""
        found = []
        for loaded, name in self._candidates(target):
            slug = loaded.catalogue.slug
            if typ == "code":
                catalogue = loaded.catalogue
                reason = catalogue.reason(name)
                retired = catalogue.retired_code(name)
                # A code several scopes share names each of them: the role is ambiguous.
                reasons = [reason] if reason else list(catalogue.reasons_with(name))
                for each in reasons:
                    found.append((self.page_of(slug, each), f"{slug}:{each.key}", each.summary))
                if not reasons and retired is not None:
                    page = self.page_of(slug, retired)
                    found.append((page, f"{slug}:{retired.key}", retired.message))
            elif typ == "operation":
                operation = loaded.catalogue.operation(name)
                if operation is not None:
                    page = self.operation_page(slug, operation)
                    found.append((page, f"{slug}:{operation.key}", operation.name))
            else:
                entry = loaded.labels.get(name) or _find_endpoint(loaded.endpoints, name)
                gone = loaded.retired_endpoints.get(name)
                if entry is not None:
                    page = self.endpoint_page(slug, entry)
                    found.append((page, f"{slug}:{entry.label}", entry.label))
                elif gone is not None:
                    page = self.retired_endpoint_page(slug, gone)
                    found.append((page, f"{slug}:{identity(gone.endpoint)}", gone.message))
        return found

    def fingerprint(self, uses: Iterable[Use]) -> str:
        """A digest of everything the given uses render; it changes when any of it does."""
        parts: list[Any] = []
        for kind, slug, key in sorted(set(uses)):
            if kind == "xref":  # a role: what its target resolves to (``slug`` is its type)
                parts.append([kind, slug, key, self.find(slug, key)])
                continue
            loaded = self.get(slug)
            if loaded is None:
                parts.append([kind, slug, key, None])
                continue
            catalogue = loaded.catalogue
            # repr() of the frozen model objects is exact and much cheaper than JSON.
            if kind == "reason":
                parts.append([kind, slug, key, self._shown(catalogue.reason(key))])
                continue
            groups = [catalogue.group(key)] if key and key in catalogue.group_ids else None
            if groups is None:
                groups = list(catalogue.top_groups()) if not key else []
                parts.append(repr(catalogue.api))
                parts.append(repr(catalogue.openapi))  # the link to its coverage page
            parts.append([kind, slug, key])
            for group in groups:
                for member in _subtree(catalogue, group.id):
                    parts.append(self._shown(catalogue.group(member)))
                    parts.extend(map(self._shown, catalogue.reasons_in(member)))
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def _shown(self, part: Reason | Group | None) -> str:
        """A model object as a document renders it: with its catalogue line, or without."""
        if part is None or self.lines:
            return repr(part)
        if isinstance(part, Reason):
            subs = tuple(replace(sub, line=0) for sub in part.sub_codes)
            return repr(replace(part, line=0, sub_codes=subs))
        return repr(replace(part, line=0))


class _Caches(Protocol):
    """What the environment keeps (pickled with it) for the next build to reuse."""

    reason_catalog_cache: Cache
    reason_catalog_specs: SpecCache


def _subtree(catalogue: Catalogue, group_id: str) -> list[str]:
    ids = [group_id]
    for child in catalogue.group(group_id).children:
        ids.extend(_subtree(catalogue, child))
    return ids


def load_store(app: Sphinx) -> CatalogueStore:
    """Load the configured catalogues; report each problem as a located Sphinx error.

    A catalogue with problems is left out (its directives then say so) and no page is
    written for any catalogue: a build must not replace good pages with half of them.
    """
    options = ReasonCatalogConfig.from_sphinx(app.config)
    # Reloading a large catalogue costs seconds; its pickled form, kept on the environment,
    # costs a fraction of that. The digest makes an edited file load afresh.
    kept = cast("_Caches", app.env)
    cache: Cache = getattr(kept, "reason_catalog_cache", {})
    result = load((Path(app.confdir, p) for p in options.paths), cache)
    # So is each catalogue's spec as read and checked (see :func:`.specs.read_spec`).
    specs: SpecCache = getattr(kept, "reason_catalog_specs", {})
    loaded = []
    for catalogue in result.catalogues:
        spec = read_spec(catalogue, specs)
        if spec is not None:
            report(catalogue, spec.spec, options.drift_warnings)
        endpoints = tuple(route(catalogue, spec.unlisted if spec else ()))
        explicit: dict[str, set[str]] = {}
        for entry in endpoints:
            for link in entry.reasons:
                if link.explicit:
                    explicit.setdefault(link.reason.key, set()).add(entry.label)
        loaded.append(
            LoadedCatalogue(
                catalogue,
                endpoints,
                reasons_to_endpoints(endpoints),
                {code: frozenset(labels) for code, labels in explicit.items()},
                spec.spec if spec else None,
            )
        )
    for problem in result.problems:
        report_problem(problem, WarningKind.CATALOGUE, error=True)
    kept.reason_catalog_cache = cache
    current = {str(c.path) for c in result.catalogues}  # forget the specs of removed ones
    kept.reason_catalog_specs = {key: read for key, read in specs.items() if key in current}
    # HTML builders show no catalogue line; the doctest builder reports failures at them.
    lines = app.builder.format != "html"
    return CatalogueStore(loaded, options, complete=not result.problems, lines=lines)


def outdated_documents(env: BuildEnvironment, store: CatalogueStore) -> set[str]:
    """Documents whose rendered catalogue parts have changed since they were read."""
    uses: dict[str, list[Use]] = env.domaindata.get("reason", {}).get("uses", {})
    fingerprints: dict[str, str] = env.domaindata.get("reason", {}).get("fingerprints", {})
    return {
        docname
        for docname, doc_uses in uses.items()
        if docname in env.all_docs and store.fingerprint(doc_uses) != fingerprints.get(docname)
    }


def _find_endpoint(entries: Iterable[EndpointEntry], text: str) -> EndpointEntry | None:
    """The endpoint written as ``text``; parameter names may differ (``{id}``, ``{call_id}``)."""
    try:
        wanted = Endpoint.parse(text)
    except EndpointSyntaxError:
        return None
    label = identity(wanted)
    shape = (wanted.method, wanted.shape, wanted.prefix)
    same_shape = None
    for entry in entries:
        if entry.label == label:
            return entry
        endpoint = entry.endpoint
        if same_shape is None and (endpoint.method, endpoint.shape, endpoint.prefix) == shape:
            same_shape = entry
    return same_shape
