"""Each reason's example body: generated from the envelope template, or checked as written.

A generated example says only what the catalogue says: a value the catalogue does not give
for a reason (its status, when the provider's page names none) is left out where the template
marks it optional (``{status?}``), and the schema's ``required`` is not held against it there.
Whatever the source, an example must read back, with the dialect, as its own reason.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .dialect import Dialect, EnvelopeError, ParsedEnvelope
from .errors import KeyPath
from .model import reason_key
from .text import pretty_json
from .urls import provider_url

#: Reports a problem at a key path of the catalogue: (path, message, hint).
Report = Callable[[KeyPath, str, str], None]


@dataclass(frozen=True)
class ReasonFacts:
    """What the catalogue says of one reason that its example may show."""

    api: str
    code: str
    integer_code: bool
    statuses: tuple[int, ...]
    group: str
    scope: str | None
    title: str | None
    message: str
    field: str | None
    reason_url: str | None

    @property
    def key(self) -> str:
        return reason_key(self.scope, self.code)


@dataclass(frozen=True)
class Example:
    """A reason's example: the body (a JSON value, or the text of an XML body or a whole
    response), the text a page shows, and the values a generated one leaves out."""

    body: Any
    text: str
    generated: bool
    omitted: tuple[str, ...] = ()


def example_key(facts: ReasonFacts, written: Any, dialect_key: str) -> str:
    """A digest of everything an example is made and checked from: the reason's facts, its
    written example (if any) and its catalogue's envelope (``dialect_key``)."""
    text = repr((dialect_key, facts, json.dumps(written, sort_keys=True, default=repr)))
    return hashlib.sha256(text.encode()).hexdigest()


def example_for(
    facts: ReasonFacts,
    written: Any,
    path: KeyPath,
    dialect: Dialect,
    report: Report,
) -> Example | None:
    """The reason's example (``written``, or generated when it is ``None``), once checked."""
    if written is None:
        example = _generate(facts, path, dialect, report)
        where: KeyPath = ("envelope", "template")
        origin = f"the generated example of {facts.key}"
    else:
        example = Example(written, _text(written, dialect), generated=False)
        where, origin = (*path, "example"), "the example"
    if example is None:
        return None
    parsed = _read(example, dialect, where, origin, report)
    if parsed is not None:
        _agree(facts, parsed, where, origin, report)
    return example


def _values(facts: ReasonFacts, dialect: Dialect) -> dict[str, Any]:
    status = facts.statuses[0] if facts.statuses else None  # of several, the first documented
    digest = hashlib.sha256(f"{facts.api}/{facts.key}".encode()).hexdigest()
    return {
        "code": int(facts.code) if facts.integer_code else facts.code,
        "status": status,
        "status_name": dialect.status_names.get(status) if status is not None else None,
        "message": facts.message,
        "request_id": f"req_{digest[:12]}",
        "group": facts.group,
        "field": facts.field
        if facts.field is not None or "field" not in dialect.required_placeholders
        else "",
        "scope": facts.scope,
        "title": facts.title,
        "reason_url": provider_url(facts.reason_url, facts.code, facts.scope)
        if facts.reason_url
        else None,
    }


def _generate(
    facts: ReasonFacts, path: KeyPath, dialect: Dialect, report: Report
) -> Example | None:
    values = _values(facts, dialect)
    missing = sorted(n for n in dialect.required_placeholders if values.get(n) is None)
    for name in missing:
        if name == "status_name" and values["status"] is not None:
            report(
                (*path, "status"),
                f"no status name in envelope.fields.status.names maps to HTTP {values['status']}",
                "add a name for it to the dialect",
            )
        else:
            report(
                path,
                f"{facts.key} has no {VALUE_NAMES.get(name, name)}, but the envelope template "
                "needs one",
                f"give the reason {_WHERE.get(name, 'one')}, write {{{name}?}} in the template "
                "to leave it out, or write an explicit example",
            )
    if missing:
        return None
    omitted = tuple(sorted(dialect.omitted(values)))
    body = dialect.render(values)
    headers = dialect.render_headers(values)
    if headers:
        text = dialect.response_text(body, headers, values["status"])
        return Example(text, text, generated=True, omitted=omitted)
    if dialect.is_xml:
        text = dialect.body_text(body)
        return Example(text, text, generated=True, omitted=omitted)
    return Example(body, pretty_json(body), generated=True, omitted=omitted)


#: How messages and pages name a value of the template that a reason may lack.
VALUE_NAMES = {"status": "HTTP status", "status_name": "HTTP status"}
_WHERE = {
    "status": "(or its group) a status",
    "status_name": "(or its group) a status",
    "title": "a title",
    "reason_url": "a provider page (api.reason_url)",
}


def _is_text(body: Any, dialect: Dialect) -> bool:
    """Whether an example is text to parse (an XML body, a whole response), not JSON data."""
    return isinstance(body, str) and (dialect.is_xml or body.startswith("HTTP/"))


def _text(body: Any, dialect: Dialect) -> str:
    return body if _is_text(body, dialect) else pretty_json(body)


def example_language(text: str, dialect: Dialect) -> str:
    """How an example's text is highlighted: ``http`` for a whole response, else the
    dialect's own language (``json`` or ``xml``)."""
    return "http" if text.startswith("HTTP/") else dialect.language


def _read(
    example: Example, dialect: Dialect, where: KeyPath, origin: str, report: Report
) -> ParsedEnvelope | None:
    body = example.body
    if _is_text(body, dialect):
        try:
            return dialect.parse(body, omitted=example.omitted)
        except EnvelopeError as error:
            report(where, f"{origin} cannot be read: {error}", "make it fit the envelope")
            return None
    problems = dialect.schema_problems(body, omitted=example.omitted)
    for problem in problems[:3]:
        report(
            where,
            f"{origin} does not match the envelope schema: {problem}",
            "make the example (or the template) fit envelope.schema",
        )
    if problems:
        return None
    try:
        return dialect.read(body)
    except EnvelopeError as error:
        report(
            where,
            f"{origin} cannot be read with the envelope fields: {error}",
            "check envelope.fields against the example",
        )
        return None


def _agree(
    facts: ReasonFacts, parsed: ParsedEnvelope, where: KeyPath, origin: str, report: Report
) -> None:
    if parsed.code != facts.code:
        report(
            where,
            f"{origin} carries the code {parsed.code!r}, not {facts.code!r}",
            "the example must show this reason's own code",
        )
    if facts.statuses and parsed.status is not None and parsed.status not in facts.statuses:
        said = " or ".join(map(str, facts.statuses))
        report(
            where,
            f"{origin} says HTTP {parsed.status}, but {facts.key} is {said}",
            "make the example's status agree with the reason's",
        )
    scope = parsed.scope
    if facts.scope is not None and scope is not None and scope.casefold() != facts.scope.casefold():
        report(
            where,
            f"{origin} says it comes from {scope!r}, but {facts.key} is in {facts.scope!r}",
            "the example must come from the reason's own scope",
        )
