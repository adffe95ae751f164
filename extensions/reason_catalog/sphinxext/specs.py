"""The OpenAPI spec a catalogue names, as the site shows it: its operations become endpoints of
the API, its drift findings go on the API's coverage page and, past a set severity, into the
build's warnings.

The spec is read the way ``python -m reason_catalog drift`` reads it (local files or a git
revision, never the network) and checked by the same functions, so the site and the command
agree. A spec that cannot be read is a located warning; the site is then built without it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.util import logging

from ..catalogue.endpoints import Endpoint
from ..catalogue.errors import Problem
from ..catalogue.model import Catalogue
from ..catalogue.routing import identity
from ..drift.findings import Finding, at_least
from ..drift.openapi import Operation
from ..drift.operations import SpecIndex, mentions
from ..drift.run import documented_spec, rated, spec_findings
from ..drift.sources import FileSource, SourceError, local_path, spec_source
from .warnings import WARNING_TYPE, WarningKind, report_problem

logger = logging.getLogger(__name__)

#: Where an API's coverage page lives.
COVERAGE_PAGE = "{api}/coverage"
#: The label of an API's coverage page, for ``{ref}`` (and the reason table's link to it).
COVERAGE_LABEL = "reason-coverage-{api}"


@dataclass(frozen=True)
class SiteSpec:
    """What the site shows of the spec a catalogue names (``problems`` when it cannot be read)."""

    #: The spec as the catalogue names it (its ``openapi:`` value).
    reference: str
    name: str = ""
    version: str = ""
    #: Every operation of the spec, in the spec's order.
    operations: tuple[Operation, ...] = ()
    #: The spec's operation behind an endpoint, by the endpoint's label as the site writes it.
    by_label: dict[str, Operation] = field(default_factory=dict)
    #: The label of the endpoint that shows an operation, by the operation's label.
    shown_as: dict[str, str] = field(default_factory=dict)
    #: The labels of the operations a pattern (or a path without a method) covers.
    covered: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The labels of the operations the catalogue does not list (their pages are the spec's).
    unlisted: frozenset[str] = frozenset()
    #: For an operation the catalogue misspells, the catalogue's spellings of it.
    written_as: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The drift findings against the spec, with their severities, in report order.
    findings: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    #: The spec's files on disk (none from a git revision): a document showing it depends on
    #: them.
    files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class SpecRead:
    """A catalogue's spec as read for the site, and the operations the catalogue never lists."""

    spec: SiteSpec
    unlisted: tuple[Endpoint, ...] = ()


#: Specs read by earlier builds, by catalogue file: the digest of what the reading depends on
#: (the catalogue's file and the spec's), and what was read.
SpecCache = MutableMapping[str, tuple[str, SpecRead]]


def read_spec(catalogue: Catalogue, cache: SpecCache | None = None) -> SpecRead | None:
    """The spec ``catalogue`` names, or ``None`` when it names none.

    Reading and checking a spec of a few hundred operations costs half a second; a build whose
    catalogue and spec files are unchanged takes what the last one read from ``cache``.
    """
    if catalogue.openapi is None:
        return None
    key = str(catalogue.path)
    cached = cache.get(key) if cache is not None else None
    if cached is not None and cached[0] == _digest(catalogue, cached[1].spec.files):
        return cached[1]
    read = _read(catalogue)
    # A spec read from git, or one that failed, is read afresh: no file says it is unchanged.
    if cache is not None and read.spec.files and not read.spec.problems:
        cache[key] = (_digest(catalogue, read.spec.files), read)
    return read


def _digest(catalogue: Catalogue, files: Iterable[Path]) -> str:
    """A digest of the catalogue's file and the spec's; '' when one cannot be read."""
    digest = hashlib.sha256()
    for path in (catalogue.path, *files):
        try:
            content = path.read_bytes()
        except OSError:
            return ""
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def _read(catalogue: Catalogue) -> SpecRead:
    reference = catalogue.openapi
    assert reference is not None
    problems: list[Problem] = []
    found = documented_spec(catalogue, problems)
    if found is None:
        return SpecRead(
            SiteSpec(
                reference.text,
                problems=tuple(problems),
                files=_failed_files(catalogue, problems),
            )
        )
    source, spec = found
    index = SpecIndex(spec)
    named: dict[str, str] = {}  # operation label → the catalogue's label for it
    by_label: dict[str, Operation] = {}
    for mention in mentions(catalogue):
        if mention.endpoint.is_operation:
            label = identity(mention.endpoint)
            for operation in index.matches(mention.endpoint):
                named.setdefault(operation.label, label)
                by_label.setdefault(label, operation)
    # A retired endpoint keeps its page, which says what became of it.
    retired = {
        operation.label
        for gone in catalogue.retired_endpoints
        if gone.endpoint.is_operation
        for operation in index.matches(gone.endpoint)
    }
    unlisted = [op for op in spec.operations if op.label not in named and op.label not in retired]
    shown_as = {**named, **{op.label: op.label for op in unlisted}}
    by_label.update((op.label, op) for op in unlisted)
    covered = {
        identity(m.endpoint): tuple(op.label for op in index.matches(m.endpoint))
        for m in mentions(catalogue)
        if not m.endpoint.is_operation
    }
    files = tuple(local_path(uri) for uri in spec.files) if isinstance(source, FileSource) else ()
    findings = spec_findings(catalogue, index)
    written_as: dict[str, tuple[str, ...]] = {}
    for finding in findings:
        if finding.kind == "endpoint-unknown" and finding.suggestion in shown_as:
            spelt = written_as.get(finding.suggestion, ())
            written_as[finding.suggestion] = (*spelt, finding.subject)
    site = SiteSpec(
        reference.text,
        spec.name,
        spec.version,
        spec.operations,
        by_label,
        shown_as,
        covered,
        frozenset(op.label for op in unlisted),
        written_as,
        tuple(rated(catalogue, findings, {})),
        files=files,
    )
    return SpecRead(site, tuple(op.endpoint for op in unlisted))


def _failed_files(catalogue: Catalogue, problems: list[Problem]) -> tuple[Path, ...]:
    """The files to watch for a spec that cannot be read: its root and those with problems."""
    assert catalogue.openapi is not None
    try:
        source = spec_source(catalogue.openapi.text, catalogue.path.parent)
    except SourceError:
        return ()
    if not isinstance(source, FileSource):
        return ()
    named = {source.root, *(Path.cwd() / p.file for p in problems)}
    return tuple(sorted(path for path in named if path != catalogue.path))


def report(catalogue: Catalogue, spec: SiteSpec, threshold: str) -> None:
    """Warn of the spec's problems, and of the findings at ``threshold`` or worse, located."""
    for problem in spec.problems:
        report_problem(problem, WarningKind.DRIFT)
    assert catalogue.openapi is not None
    for finding in spec.findings:
        if not at_least(finding.severity, threshold):
            continue
        logger.warning(
            "drift %s, %s: %s",
            finding.severity,
            finding.kind,
            finding.message,
            location=f"{catalogue.path}:{finding.line or catalogue.openapi.line}",
            type=WARNING_TYPE,
            subtype=WarningKind.DRIFT,
        )
