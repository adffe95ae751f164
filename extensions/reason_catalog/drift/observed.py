"""Error bodies as servers logged them, against the catalogue: what is sent that the docs lack.

The file holds JSON lines: each a body, or ``{"status": 404, "body": …}`` where the body is an
object or the text as sent. Bodies are read with the API's dialect
(:meth:`Catalogue.parse_envelope`). A line that is not JSON is a problem of the file, located
where it breaks; a JSON body the dialect cannot read is a finding, counted with its line
number. Nothing is dropped silently.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalogue.dialect import EnvelopeError
from ..catalogue.errors import Problem
from ..catalogue.model import Catalogue
from .findings import Finding, listing

#: The longest line read; a body this size is not an error body.
MAX_LINE_BYTES = 1024 * 1024
_SHOWN = 100  # characters of an example line quoted in a message


@dataclass
class Seen:
    """One code as the file has it."""

    count: int = 0
    first_line: int = 0
    first_text: str = ""
    statuses: Counter[int] = field(default_factory=Counter)
    status_lines: dict[int, int] = field(default_factory=dict)  # status → its first line
    disagreements: list[tuple[int, int, int]] = field(default_factory=list)  # line, http, body


@dataclass
class Observed:
    """What one file of bodies says."""

    name: str
    bodies: int = 0
    codes: dict[str, Seen] = field(default_factory=dict)
    undecodable: list[tuple[int, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def read_observed(path: Path, catalogue: Catalogue) -> Observed:
    """Read every line of ``path``; unreadable lines become located problems."""
    observed = Observed(str(path))
    try:
        with path.open("rb") as file:
            for number, raw in enumerate(file, start=1):
                _line(observed, catalogue, number, raw)
    except OSError as error:
        observed.problems.append(
            Problem(str(path), 1, 1, "(file)", f"cannot read the file: {error.strerror}")
        )
    return observed


def _line(observed: Observed, catalogue: Catalogue, number: int, raw: bytes) -> None:
    def problem(column: int, message: str, hint: str = "") -> None:
        observed.problems.append(Problem(observed.name, number, column, "(line)", message, hint))

    if len(raw) > MAX_LINE_BYTES:
        problem(1, f"the line is longer than {MAX_LINE_BYTES // 1024} KiB")
        return
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        problem(error.start + 1, "the line is not UTF-8 text", "save the log as UTF-8")
        return
    text = line.strip()
    if not text:
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        leading = len(line) - len(line.lstrip())  # columns count in the line as written
        problem(leading + error.colno, f"not JSON: {error.msg}", "write one JSON value per line")
        return
    except RecursionError:
        problem(1, "not JSON this program can read: nested too deeply")
        return
    status: int | None = None
    body: Any = value
    if isinstance(value, dict) and "body" in value and ("status" in value or len(value) == 1):
        body, status_value = value["body"], value.get("status")
        if status_value is not None:
            status = _status(status_value)
            if status is None:
                problem(
                    text.find('"status"') + 1 or 1,
                    f"the status {status_value!r} is not an HTTP status",
                    "write the response's status as a number, e.g. 404",
                )
                return
    observed.bodies += 1
    try:
        parsed = catalogue.parse_envelope(body)
    except EnvelopeError as error:
        observed.undecodable.append((number, str(error)))
        return
    seen = observed.codes.setdefault(parsed.code, Seen(first_line=number, first_text=text))
    seen.count += 1
    if status is not None and parsed.status is not None and status != parsed.status:
        seen.disagreements.append((number, status, parsed.status))
    final = status if status is not None else parsed.status
    if final is not None:
        seen.statuses[final] += 1
        seen.status_lines.setdefault(final, number)


def _status(value: Any) -> int | None:
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 100 <= value <= 599:
        return value
    return None


def observed_findings(catalogue: Catalogue, observed: Observed) -> list[Finding]:
    """Codes sent but not documented, documented but never seen, seen with another status."""
    findings = []
    name = observed.name
    for code, seen in sorted(observed.codes.items()):
        times = "once" if seen.count == 1 else f"{seen.count} times"
        example = f"first on line {seen.first_line}: {_shown(seen.first_text)}"
        reason = catalogue.reason(code)
        if reason is None or reason.code != code:
            retired = catalogue.retired_code(code)
            why = "the catalogue does not document it"
            suggestion = f"document {code}"
            if reason is not None:
                why, suggestion = f"the catalogue writes it {reason.code}", f"write {code}"
            elif retired is not None:
                why = "the catalogue says it is retired, yet servers still send it"
                suggestion = f"bring {code} back, or find what still sends it"
            findings.append(
                Finding(
                    "observed-undocumented",
                    code,
                    f"{code} was seen {times} ({example}); {why}",
                    suggestion=suggestion,
                )
            )
            continue
        findings += _status_findings(catalogue, code, seen, reason.status)
    seen_codes = set(observed.codes)
    for reason in catalogue.reasons:
        if reason.code not in seen_codes:
            findings.append(
                Finding(
                    "observed-never-seen",
                    reason.code,
                    f"{reason.code} was never seen in {name} ({observed.bodies} bodies)",
                )
            )
    if observed.undecodable:
        count = len(observed.undecodable)
        lines = [f"line {n}: {why}" for n, why in observed.undecodable]
        findings.append(
            Finding(
                "observed-undecodable",
                name,
                f"{count} {'body' if count == 1 else 'bodies'} in {name} could not be read as "
                f"{catalogue.api.name} error bodies: {listing(lines, 3)}",
                suggestion="check them: another API's bodies, or an envelope that changed",
                details=tuple(lines),
            )
        )
    return findings


def _status_findings(
    catalogue: Catalogue, code: str, seen: Seen, documented: int | None
) -> list[Finding]:
    findings = []
    api_statuses = sorted({s.status for s in catalogue.api.http_statuses})
    notes = [
        f"the body said {body} where the response was {http} (line {line})"
        for line, http, body in seen.disagreements[:3]
    ]
    wrong = [
        s
        for s in sorted(seen.statuses)
        if (documented is not None and s != documented)
        or (documented is None and api_statuses and s not in api_statuses)
    ]
    if wrong or notes:
        seen_as = ", ".join(
            f"{s} ({seen.statuses[s]}×, first on line {seen.status_lines[s]})" for s in wrong
        )
        if documented is not None:
            said = f"{code} is documented as {documented}"
        else:
            said = f"{code} has no status; the API documents {', '.join(map(str, api_statuses))}"
        message = f"{said}" + (f", but was seen with {seen_as}" if wrong else "")
        findings.append(
            Finding(
                "observed-status",
                code,
                "; ".join([message, *notes]),
                suggestion="correct the catalogue's status, or the server's",
            )
        )
    if documented is None:
        new = [s for s in sorted(seen.statuses) if s not in wrong]
        if new:
            findings.append(
                Finding(
                    "observed-status-new",
                    code,
                    f"{code} has no status in the catalogue and was seen with "
                    + ", ".join(f"{s} ({seen.statuses[s]}×)" for s in new),
                    suggestion=f"status: {new[0]}" if len(new) == 1 else None,
                )
            )
    return findings
