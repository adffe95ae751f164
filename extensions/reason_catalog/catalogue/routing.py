"""Which reasons each endpoint may return, worked out from reasons' and groups' endpoint lists.

An endpoint here is what a reader looks up: one operation (``POST /calls``) or a path pattern a
provider documents (``/calls/{id}*``). Its reasons are the ones that name it (or a pattern
covering it), then those of resource groups whose patterns cover it; the reasons of generic
groups apply to every endpoint and are kept apart rather than repeated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from .endpoints import Endpoint
from .model import Catalogue, Reason


@dataclass(frozen=True)
class ReasonLink:
    """A reason an endpoint may return, and why we think so."""

    reason: Reason
    via_group: str | None = None  # the group whose endpoint pattern brought it in

    @property
    def explicit(self) -> bool:
        """Whether the catalogue names this endpoint (or a pattern covering it) for the reason."""
        return self.via_group is None


@dataclass(frozen=True)
class EndpointEntry:
    """One endpoint of an API, its stable page name and the reasons it may return."""

    endpoint: Endpoint
    slug: str
    reasons: tuple[ReasonLink, ...] = field(default=())
    #: The resource groups whose endpoint patterns cover this endpoint, with the pattern.
    groups: tuple[tuple[str, Endpoint], ...] = field(default=())

    @cached_property
    def label(self) -> str:
        """How the endpoint is written: ``GET /calls/{id}`` or ``/calls/{id}*``."""
        return identity(self.endpoint)

    @property
    def prefix(self) -> str:
        """The first path segment, the routing table's section: ``/calls``."""
        first = self.endpoint.path.strip("/").split("/", 1)[0]
        return "/" + first


def identity(endpoint: Endpoint) -> str:
    """An endpoint without its query string: what makes two mentions the same endpoint."""
    target = endpoint.path + ("*" if endpoint.prefix else "")
    return f"{endpoint.method} {target}" if endpoint.method else target


def endpoint_slug(endpoint: Endpoint) -> str:
    """The name of an endpoint's page, from its method and path."""
    words = [endpoint.method.lower()] if endpoint.method else []
    words.append(re.sub(r"[^a-z0-9_]+", "-", endpoint.path.lower()).strip("-") or "root")
    if endpoint.prefix:
        words.append("all")
    return "-".join(words)


def _relates(pattern: Endpoint, endpoint: Endpoint) -> bool:
    """Whether a reason listed for ``pattern`` may come from ``endpoint``, or the reverse."""
    return pattern.covers(endpoint) or (not endpoint.is_operation and endpoint.covers(pattern))


def _unique_endpoints(catalogue: Catalogue) -> list[Endpoint]:
    seen: dict[str, Endpoint] = {}
    mentions: Iterable[Endpoint] = [
        *(e for r in catalogue.reasons for e in r.endpoints),
        *(e for g in catalogue.groups for e in g.endpoints),
    ]
    for endpoint in mentions:
        key = identity(endpoint)
        if key not in seen:
            seen[key] = Endpoint(endpoint.path, endpoint.method, None, endpoint.prefix)
    return sorted(seen.values(), key=_order)


def _key(endpoint: Endpoint) -> tuple[str, str, bool]:
    return (endpoint.method or "", endpoint.shape, endpoint.prefix)


def route(catalogue: Catalogue, unlisted: Iterable[Endpoint] = ()) -> list[EndpointEntry]:
    """Every endpoint of the catalogue, by path, with the reasons it may return.

    ``unlisted`` are operations the catalogue does not list (those of the API's spec): they
    get entries too, named after the catalogue's own, so that no listed endpoint's page name
    depends on them.
    """
    generic_groups = {g.id for g in catalogue.groups if catalogue.is_generic_group(g.id)}
    # Index what each reason lists, so that an endpoint's reasons are found by lookup and
    # only the few patterns are matched one by one (catalogues reach thousands of endpoints).
    listed: dict[tuple[str, str, bool], list[Reason]] = {}
    listed_patterns: list[tuple[Endpoint, Reason]] = []
    listed_operations: dict[tuple[str, str, bool], Endpoint] = {}
    for reason in catalogue.reasons:
        if reason.group in generic_groups:
            continue
        for endpoint in reason.endpoints:
            listed.setdefault(_key(endpoint), []).append(reason)
            if endpoint.is_operation:
                listed_operations.setdefault(_key(endpoint), endpoint)
            else:
                listed_patterns.append((endpoint, reason))
    group_patterns = [
        (g.id, pattern)
        for g in catalogue.groups
        if g.id not in generic_groups
        for pattern in g.endpoints
    ]
    entries = []
    taken: set[str] = set()
    listed_endpoints = _unique_endpoints(catalogue)
    for position, endpoint in enumerate([*listed_endpoints, *unlisted]):
        if position == len(listed_endpoints):  # nor may one take a retired endpoint's page
            taken.update(endpoint_slug(r.endpoint) for r in catalogue.retired_endpoints)
        found: list[Reason] = list(listed.get(_key(endpoint), ()))
        found += [reason for pattern, reason in listed_patterns if _relates(pattern, endpoint)]
        if not endpoint.is_operation:
            for key, operation in listed_operations.items():
                if endpoint.covers(operation):
                    found += listed[key]
        links = {reason.key: ReasonLink(reason) for reason in found}
        covering = tuple((g, p) for g, p in group_patterns if _relates(p, endpoint))
        if not endpoint.is_operation:
            # A pattern's page lists its groups' reasons; an operation's page links to the
            # pattern instead of repeating them on every operation below it.
            for group_id, _ in covering:
                for reason in catalogue.reasons_in(group_id, deep=True):
                    links.setdefault(reason.key, ReasonLink(reason, via_group=group_id))
        slug = base = endpoint_slug(endpoint)
        counter = 2
        while slug in taken:  # two spellings of one path shape: keep both pages apart
            slug, counter = f"{base}-{counter}", counter + 1
        taken.add(slug)
        ordered = sorted(
            links.values(),
            key=lambda link: (
                link.reason.status is None,
                link.reason.status or 0,
                not link.explicit,
                catalogue.position(link.reason),
            ),
        )
        entries.append(EndpointEntry(endpoint, slug, tuple(ordered), covering))
    return sorted(entries, key=lambda e: _order(e.endpoint))  # the unlisted among the rest


def _order(endpoint: Endpoint) -> tuple[str, bool, str]:
    return (endpoint.path, endpoint.prefix, endpoint.method or "")


def reasons_to_endpoints(entries: Iterable[EndpointEntry]) -> dict[str, list[EndpointEntry]]:
    """For each reason (by key), the endpoints whose pages list it: named ones first."""
    found: dict[str, list[tuple[bool, str, EndpointEntry]]] = {}
    for entry in entries:
        for link in entry.reasons:
            found.setdefault(link.reason.key, []).append((not link.explicit, entry.label, entry))
    return {
        code: [entry for *_, entry in sorted(items, key=lambda item: item[:2])]
        for code, items in found.items()
    }
