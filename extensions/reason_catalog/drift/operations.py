"""The catalogue's endpoints against the spec's operations: unknown, removed, orphaned, statuses.

Endpoints are compared by shape (parameter names erased: ``/calls/{}``), so that
``/billings/{id}`` is the spec's ``/billings/{billing-id}``; a pattern (``/calls/{id}*``)
matches every operation it covers. An endpoint that matches nothing gets the spec's nearest
spelling when one is close: same number of segments, each differing segment close by difflib's
ratio. Close means a slip (``storage-accounts`` for ``storage_accounts``), not a neighbour
(``emails`` is not ``tags``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..catalogue.endpoints import Endpoint
from ..catalogue.model import Catalogue, Reason
from ..catalogue.routing import identity
from .findings import Finding, listing
from .openapi import OpenApi, Operation

#: How alike a differing path segment must be to count as a misspelling of the spec's.
SEGMENT_CUTOFF = 0.8


class SpecIndex:
    """The operations of one spec, looked up by method and shape."""

    def __init__(self, spec: OpenApi) -> None:
        self.spec = spec
        self.operations = spec.operations
        self.by_key: dict[tuple[str, str], Operation] = {}
        for operation in spec.operations:
            self.by_key.setdefault((operation.method, _shape(operation.path)), operation)

    def matches(self, endpoint: Endpoint) -> list[Operation]:
        """The operations ``endpoint`` names (or, for a pattern, covers)."""
        for candidate in self._spellings(endpoint):
            if candidate.is_operation:
                found = self.by_key.get((candidate.method or "", candidate.shape))
                if found is not None:
                    return [found]
                continue
            covered = [op for op in self.operations if candidate.covers(op.endpoint)]
            if covered:
                return covered
        return []

    def _spellings(self, endpoint: Endpoint) -> list[Endpoint]:
        """The endpoint as written, without a trailing '/', and without a server's base path."""
        path = endpoint.path.rstrip("/") or "/"
        spellings = [Endpoint(path, endpoint.method, None, endpoint.prefix)]
        for base in self.spec.base_paths:
            if path.startswith(base + "/"):
                spellings.append(
                    Endpoint(path[len(base) :], endpoint.method, None, endpoint.prefix)
                )
        return spellings

    def suggest(self, endpoint: Endpoint) -> str | None:
        """The spec's nearest spelling of an endpoint that matches nothing, if one is close."""
        want = _segments(_shape(endpoint.path))
        scores: dict[str, float] = {}
        for operation in self.operations:
            if endpoint.method is not None and operation.method != endpoint.method:
                continue
            shape = _segments(_shape(operation.path))
            if endpoint.prefix:
                if len(shape) < len(want):
                    continue
                shape = [*shape[: len(want) - 1], shape[len(want) - 1][: len(want[-1])]]
            score = _similarity(want, shape)
            if score is not None:
                label = _spelling(endpoint, operation)
                scores[label] = max(score, scores.get(label, 0.0))
        if scores:  # the closest; of equals, the first in order
            return min(scores, key=lambda label: (-scores[label], label))
        if endpoint.is_operation:
            methods = sorted(
                op.method for op in self.operations if _shape(op.path) == endpoint.shape
            )
            if methods:
                return f"{' or '.join(methods)} {endpoint.path}"
        return None


def _shape(path: str) -> str:
    return Endpoint(path.rstrip("/") or "/").shape


def _segments(shape: str) -> list[str]:
    return shape.strip("/").split("/")


def _similarity(want: Sequence[str], have: Sequence[str]) -> float | None:
    """The mean likeness of two segment lists, or ``None`` when a segment is not a slip."""
    if len(want) != len(have):
        return None
    scores = []
    for mine, theirs in zip(want, have, strict=True):
        if mine == theirs:
            scores.append(1.0)
            continue
        if "{}" in (mine, theirs):
            return None
        ratio = difflib.SequenceMatcher(None, mine.lower(), theirs.lower()).ratio()
        if ratio < SEGMENT_CUTOFF:
            return None
        scores.append(ratio)
    return sum(scores) / len(scores)


def _spelling(endpoint: Endpoint, operation: Operation) -> str:
    """The operation's path written the way ``endpoint`` is (a pattern stays a pattern)."""
    if not endpoint.prefix:
        path = operation.path
    else:
        want = _segments(_shape(endpoint.path))
        parts = operation.path.strip("/").split("/")[: len(want)]
        if want[-1] != "{}":
            parts[-1] = parts[-1][: len(want[-1])]
        path = "/" + "/".join(parts) + "*"
    return f"{endpoint.method} {path}" if endpoint.method else path


@dataclass(frozen=True)
class Mention:
    """An endpoint as the catalogue lists it, and who lists it."""

    endpoint: Endpoint
    listed_by: tuple[str, ...]  # reason codes, and groups as "group <id>"
    line: int  # of the first group or reason that lists it


def mentions(catalogue: Catalogue) -> list[Mention]:
    """Every endpoint the catalogue lists, once, with the reasons and groups that list it."""
    found: dict[str, tuple[Endpoint, list[str], int]] = {}
    listed: Iterable[tuple[str, Endpoint, int]] = [
        *((f"group {g.id}", e, g.line) for g in catalogue.groups for e in g.endpoints),
        *((r.code, e, r.line) for r in catalogue.reasons for e in r.endpoints),
    ]
    for who, endpoint, line in listed:
        entry = found.setdefault(identity(endpoint), (endpoint, [], line))
        if who not in entry[1]:
            entry[1].append(who)
    return [Mention(e, tuple(who), line) for e, who, line in found.values()]


def endpoint_findings(
    catalogue: Catalogue, spec: SpecIndex, documented: SpecIndex | None
) -> list[Finding]:
    """Endpoints that match no operation (unknown, or removed since the documented spec),
    reasons left with none, and statuses the spec does not declare."""
    findings: list[Finding] = []
    unmatched: dict[str, str | None] = {}  # identity → suggestion
    for mention in mentions(catalogue):
        endpoint = mention.endpoint
        if spec.matches(endpoint):
            continue
        label = identity(endpoint)
        suggestion = spec.suggest(endpoint)
        unmatched[label] = suggestion
        who = listing(mention.listed_by)
        was = documented.matches(endpoint) if documented is not None else []
        if was:
            message = (
                f"{label} (listed by {who}) was in {documented.spec.name if documented else ''} "
                f"and is gone from {spec.spec.name}"
            )
            kind = "endpoint-removed"
        else:
            kind = "endpoint-unknown"
            message = f"{label} (listed by {who}) is not an operation of the spec"
        if suggestion is not None:
            message += f"; the spec spells it {suggestion}"
        elif kind == "endpoint-unknown":
            message += "; nothing in it comes close (removed, or never there?)"
        findings.append(Finding(kind, label, message, suggestion=suggestion, line=mention.line))
    findings += _orphans(catalogue, unmatched)
    findings += _statuses(catalogue, spec)
    return findings


def _orphans(catalogue: Catalogue, unmatched: dict[str, str | None]) -> list[Finding]:
    findings = []
    for reason in catalogue.reasons:
        labels = [identity(e) for e in reason.endpoints]
        if not labels or any(label not in unmatched for label in labels):
            continue
        spelled = [unmatched[label] for label in labels]
        if all(s is not None for s in spelled):
            fix = "re-point it to " + ", ".join(s for s in spelled if s is not None)
            message = f"none of the operations {reason.code} names is in the spec; {fix}"
        else:
            fix = "retire it (a `retired` entry), or re-point it to operations of the spec"
            message = f"every operation {reason.code} names is gone from the spec; {fix}"
        findings.append(
            Finding("reason-orphaned", reason.code, message, suggestion=fix, line=reason.line)
        )
    return findings


def _statuses(catalogue: Catalogue, spec: SpecIndex) -> list[Finding]:
    """A reason's status on an operation it names that does not declare it."""
    findings = []
    for reason in catalogue.reasons:
        for status in reason.statuses:
            findings.extend(_undeclared(reason, status, spec))
    return findings


def _undeclared(reason: Reason, status: int, spec: SpecIndex) -> list[Finding]:
    findings = []
    for endpoint in reason.endpoints:
        if not endpoint.is_operation:
            continue  # a pattern is a reader's summary, not a claim about each operation
        for operation in spec.matches(endpoint):
            if operation.declares(status):
                continue
            declared = ", ".join(operation.responses) or "no response"
            subject = f"{reason.code} on {operation.label}"
            findings.append(
                Finding(
                    "status-undeclared",
                    subject,
                    f"{reason.code} ({status}) names {operation.label}, which "
                    f"declares only {declared} ({operation.where})",
                    suggestion=f"declare {status} for {operation.label} in the spec, "
                    f"or stop listing it under {reason.code}",
                    line=reason.line,
                )
            )
    return findings
