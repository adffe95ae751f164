"""Findings of the drift check: a stable id, a kind, a severity and a message for a person.

Each kind has a default severity; a catalogue may replace it (``drift: {severity: {kind:
level}}``) and so may the command line (``--severity kind=level``), in that order. ``off``
leaves a kind's findings out. Only an ``error`` makes the check fail.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from ..catalogue.spec import DriftKind

KINDS: tuple[str, ...] = typing.get_args(DriftKind)
LEVELS = ("error", "warning", "info", "off")

#: What each kind means to a catalogue that should keep up with its API, and how bad it is.
DEFAULT_SEVERITY: dict[str, str] = {
    # The catalogue points readers at operations the spec does not have.
    "endpoint-unknown": "error",
    "endpoint-removed": "error",
    # A reason left with nothing to fire on: retire it or re-point it.
    "reason-orphaned": "warning",
    # One of the two is wrong, and the spec is often the incomplete one.
    "status-undeclared": "warning",
    # Coverage: a map of where the catalogue is thin, not a fault.
    "operations-generic-only": "info",
    "group-coverage": "info",
    # Clients decode bodies with what the catalogue says.
    "envelope-field": "warning",
    "envelope-status-name": "warning",
    # A published code gone without a `retired` entry breaks its links (compat fails too).
    "code-removed": "error",
    "code-renamed": "error",
    "code-added": "info",
    # What servers really send.
    "observed-undocumented": "error",
    "observed-never-seen": "info",
    "observed-status": "warning",
    "observed-status-new": "info",
    "observed-undecodable": "warning",
}

#: The order kinds are reported in: the catalogue against the spec, then against itself
#: (history), then against the servers.
ORDER = {kind: index for index, kind in enumerate(DEFAULT_SEVERITY)}


@dataclass(frozen=True)
class Finding:
    """One thing the drift check found; ``id`` is stable across runs (kind and subject)."""

    kind: str
    subject: str
    message: str
    severity: str = ""
    suggestion: str | None = None
    api: str = ""
    #: Every item behind a summary (the operations of a prefix, the lines of a code).
    details: tuple[str, ...] = field(default=())
    #: The catalogue line of what it is about (the reason or group that lists it), if any.
    line: int | None = field(default=None, compare=False)

    @property
    def id(self) -> str:
        """``kind:subject``, e.g. ``endpoint-unknown:GET /storage-accounts/{id}``."""
        return f"{self.kind}:{self.subject}"

    def as_json(self) -> dict[str, object]:
        """The finding as the JSON output lists it."""
        return {
            "id": self.id,
            "api": self.api,
            "kind": self.kind,
            "severity": self.severity,
            "subject": self.subject,
            "message": self.message,
            "suggestion": self.suggestion,
            "details": list(self.details),
        }


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """``kind=level`` pairs as a mapping; :class:`ValueError` says what is wrong with one."""
    found: dict[str, str] = {}
    for pair in pairs:
        kind, sep, level = pair.partition("=")
        if not sep:
            raise ValueError(f"{pair!r} is not KIND=LEVEL")
        if kind not in DEFAULT_SEVERITY:
            close = difflib.get_close_matches(kind, KINDS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "kinds: " + ", ".join(KINDS)
            raise ValueError(f"{kind!r} is not a kind of finding; {hint}")
        if level not in LEVELS:
            raise ValueError(f"{level!r} is not a severity; use one of {', '.join(LEVELS)}")
        found[kind] = level
    return found


def with_severity(
    findings: Iterable[Finding],
    catalogue: Mapping[str, str],
    command_line: Mapping[str, str],
) -> list[Finding]:
    """Each finding with its severity (default, then catalogue, then command line), in order."""
    out = []
    for finding in findings:
        own = catalogue.get(finding.kind, DEFAULT_SEVERITY[finding.kind])
        level = command_line.get(finding.kind, own)
        if level != "off":
            out.append(replace(finding, severity=level))
    return sorted(out, key=lambda f: (f.api, ORDER[f.kind], f.subject))


def at_least(severity: str, threshold: str) -> bool:
    """Whether ``severity`` is as bad as ``threshold`` or worse (nothing is as bad as ``off``)."""
    if threshold == "off" or severity not in LEVELS:
        return False
    return LEVELS.index(severity) <= LEVELS.index(threshold)


def listing(items: Iterable[str], limit: int = 5) -> str:
    """``a, b, c`` — with ``and N more`` past ``limit``."""
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
