"""The drift check, end to end: which catalogue meets which spec, history and log, and what
they found.

A catalogue names the spec it documents (``openapi:``); ``--spec`` checks it against another
one (a newer revision, say), and then endpoints the documented spec had and the checked one
lacks are told apart as removed. ``--spec`` and ``--observed`` belong to one API: the one
catalogue named, the one that names a spec, or the one ``--api`` picks.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..catalogue.errors import CatalogueError, Problem
from ..catalogue.model import Catalogue
from ..compat import load_version
from .coverage import coverage_findings
from .envelope import envelope_findings
from .findings import Finding, with_severity
from .history import history_findings
from .observed import observed_findings, read_observed
from .openapi import OpenApi, load_openapi
from .operations import SpecIndex, endpoint_findings
from .sources import FileSource, Source, SourceError, spec_source


class UsageError(ValueError):
    """The command was given inputs that do not fit together; the message says how to fix it."""


@dataclass(frozen=True)
class DriftOptions:
    """What the command line asked for."""

    spec: str | None = None
    api: str | None = None
    since: str | None = None
    observed: Path | None = None
    severity: Mapping[str, str] = field(default_factory=dict)


@dataclass
class DriftResult:
    """Findings (each with its severity), problems that kept a check from running, and a line
    per catalogue saying what it was checked against."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Whether the check fails: a problem, or a finding of error severity."""
        return bool(self.problems) or any(f.severity == "error" for f in self.findings)


def _select(catalogues: Sequence[Catalogue], options: DriftOptions) -> list[Catalogue]:
    if options.api is not None:
        chosen = [c for c in catalogues if c.slug == options.api]
        if not chosen:
            known = ", ".join(c.slug for c in catalogues)
            raise UsageError(f"no catalogue has the slug {options.api!r}; known: {known}")
        return chosen
    if (options.spec is None and options.observed is None) or len(catalogues) == 1:
        return list(catalogues)
    with_spec = [c for c in catalogues if c.openapi is not None]
    if options.spec is not None and len(with_spec) == 1:
        return with_spec
    raise UsageError(
        "--spec and --observed belong to one API: name its catalogue, or pick it with --api "
        f"SLUG (loaded: {', '.join(c.slug for c in catalogues)})"
    )


def documented_spec(catalogue: Catalogue, problems: list[Problem]) -> tuple[Source, OpenApi] | None:
    """The spec the catalogue names; a problem at its ``openapi:`` line if it cannot be read."""
    reference = catalogue.openapi
    if reference is None:
        return None
    try:
        source = spec_source(reference.text, catalogue.path.parent)
        return source, load_openapi(source)
    except SourceError as error:
        message = error.message
    except CatalogueError as error:
        first = error.problems[0]
        # The spec's own problems are located in the spec; a missing file at our line.
        if first.key_path != "(file)":
            problems.extend(error.problems)
            return None
        message = first.message
    problems.append(
        Problem(
            str(catalogue.path),
            reference.line,
            reference.column,
            "openapi",
            f"the spec {reference.text!r} cannot be read: {message}",
            "name the spec's file relative to the catalogue, or git:<ref>:<path>",
        )
    )
    return None


def spec_findings(
    catalogue: Catalogue, spec: SpecIndex, previous: SpecIndex | None = None
) -> list[Finding]:
    """The catalogue against a spec (and the one it documents, when that is another): its
    endpoints, its coverage and its error body; without severities."""
    return [
        *endpoint_findings(catalogue, spec, previous),
        *coverage_findings(catalogue, spec),
        *envelope_findings(catalogue, spec.spec),
    ]


def rated(
    catalogue: Catalogue, findings: Sequence[Finding], command_line: Mapping[str, str]
) -> list[Finding]:
    """The API's findings with their severities (the catalogue's, then the command line's),
    those turned off left out, in report order."""
    own = {str(kind): str(level) for kind, level in catalogue.drift.severity.items()}
    graded = [replace(f, api=catalogue.slug) for f in findings]
    return with_severity(graded, own, command_line)


def _same(one: Source, other: Source) -> bool:
    if isinstance(one, FileSource) and isinstance(other, FileSource):
        return one.root.resolve() == other.root.resolve()
    return one == other


def _check(
    catalogue: Catalogue,
    options: DriftOptions,
    old: Sequence[Catalogue],
    result: DriftResult,
) -> list[Finding]:
    findings: list[Finding] = []
    documented = documented_spec(catalogue, result.problems)
    checked = documented
    if options.spec is not None:
        try:
            source = spec_source(options.spec, Path.cwd())
            checked = (source, load_openapi(source))
        except SourceError as error:
            result.problems.append(Problem(options.spec, 1, 1, "(--spec)", error.message))
            checked = None
        except CatalogueError as error:
            result.problems.extend(error.problems)
            checked = None
    if checked is not None:
        spec = checked[1]
        heading = f"against {spec.name} (OpenAPI {spec.version}, {len(spec.operations)} operations"
        previous = None
        if documented is not None and not _same(documented[0], checked[0]):
            previous = SpecIndex(documented[1])
            heading += f"; it documents {documented[1].name}"
        result.headings[catalogue.slug] = heading + ")"
        findings += spec_findings(catalogue, SpecIndex(spec), previous)
    elif catalogue.openapi is None and options.spec is None:
        result.headings[catalogue.slug] = "no spec: add openapi: to the catalogue, or pass --spec"
    else:
        result.headings[catalogue.slug] = "its spec cannot be read (see below)"
    for before in old:
        if before.slug == catalogue.slug:
            findings += history_findings(before, catalogue)
    if options.observed is not None:
        observed = read_observed(options.observed, catalogue)
        result.problems.extend(observed.problems)
        findings += observed_findings(catalogue, observed)
    return findings


def run_drift(catalogues: Sequence[Catalogue], options: DriftOptions) -> DriftResult:
    """Check each selected catalogue; raise :class:`UsageError` for inputs that do not fit."""
    chosen = _select(catalogues, options)
    result = DriftResult()
    old: list[Catalogue] = []
    if options.since is not None:
        with tempfile.TemporaryDirectory() as scratch:
            try:
                old = load_version(options.since, Path(scratch))
            except CatalogueError as error:
                result.problems.extend(error.problems)
    for catalogue in chosen:
        found = _check(catalogue, options, old, result)
        result.findings += rated(catalogue, found, options.severity)
    return result
