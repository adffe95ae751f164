"""Which operations of the spec the catalogue says something specific about, and which it leaves
to the generic reasons (``generic: true`` groups), summed by path prefix.

An operation is covered by a group when one of the group's endpoint patterns, or an endpoint a
reason of it (or of a group inside it) lists, names or covers the operation. The reasons of a
generic group apply to every operation, so they cover nothing in particular.
"""

from __future__ import annotations

from collections import defaultdict

from ..catalogue.endpoints import Endpoint
from ..catalogue.model import Catalogue, Group
from .findings import Finding, listing
from .operations import SpecIndex


def _endpoints(catalogue: Catalogue, group: Group) -> list[Endpoint]:
    """The patterns of the group and of the groups inside it, and their reasons' endpoints."""
    found = list(group.endpoints)
    found += [e for r in catalogue.reasons_in(group.id) for e in r.endpoints]
    for child in group.children:
        found += _endpoints(catalogue, catalogue.group(child))
    return found


def covered_by_group(catalogue: Catalogue, spec: SpecIndex) -> dict[str, set[str]]:
    """For each group that is not generic, the labels of the operations it covers."""
    covered: dict[str, set[str]] = {}
    for group in catalogue.groups:
        if catalogue.is_generic_group(group.id):
            continue
        labels: set[str] = set()
        for endpoint in _endpoints(catalogue, group):
            labels.update(op.label for op in spec.matches(endpoint))
        covered[group.id] = labels
    return covered


def _prefix(path: str) -> str:
    return "/" + path.strip("/").split("/", 1)[0]


def coverage_findings(catalogue: Catalogue, spec: SpecIndex) -> list[Finding]:
    """Operations only generic reasons cover, by prefix; the share each group covers."""
    covered = covered_by_group(catalogue, spec)
    specific = set().union(*covered.values()) if covered else set()
    total = len(spec.operations)
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for operation in spec.operations:
        if operation.label not in specific:
            by_prefix[_prefix(operation.path)].append(operation.label)
    findings = []
    for prefix, labels in sorted(by_prefix.items()):
        count = len(labels)
        noun = "operation" if count == 1 else "operations"
        findings.append(
            Finding(
                "operations-generic-only",
                prefix,
                f"{count} {noun} under {prefix} only the generic reasons cover: {listing(labels)}",
                suggestion=f"document the reasons of {prefix} in a group with endpoints: "
                f"[{prefix}*]",
                details=tuple(labels),
            )
        )
    for group in catalogue.groups:
        if group.id not in covered:
            continue
        count = len(covered[group.id])
        share = f"{100 * count / total:.1f}%" if total else "–"
        findings.append(
            Finding(
                "group-coverage",
                group.id,
                f"the group {group.id} ({group.title}) covers {count} of {total} operations "
                f"({share})",
                details=tuple(sorted(covered[group.id])),
                line=group.line,
            )
        )
    return findings
