"""Write a skeleton as a catalogue file: YAML a person reads, with a comment on every key.

Values from a spec are data from other hands, so every string goes through :func:`scalar`,
which writes it plain only when YAML cannot read it as anything else, and quoted otherwise.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from typing import Any

from .skeleton import Envelope, Group, Operation, Reason, Skeleton

_PLAIN = re.compile(r"^[A-Za-z_/][A-Za-z0-9 _./()'-]*$")
# Words YAML 1.1 reads as booleans or null when plain.
_KEYWORDS = frozenset(
    "y n yes no true false on off null".split()  # noqa: SIM905 - a list of words, read as one
)
#: Flow style (``{type: string}``) for a collection this short, as the shipped catalogues do.
_FLOW_WIDTH = 72
_WIDTH = 96


def scalar(value: Any) -> str:
    """One YAML scalar that reads back as ``value``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    text = str(value)
    if (
        _PLAIN.match(text)
        and text == text.strip()
        and text.lower() not in _KEYWORDS
        and not re.fullmatch(r"[0-9._-]+", text)
    ):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    # JSON leaves these as they are; a YAML reader takes them for line breaks.
    for character in ("\u2028", "\u2029", "\x85"):
        quoted = quoted.replace(character, f"\\u{ord(character):04x}")
    return quoted


def _flow(value: Any) -> str | None:
    """``value`` on one line, if it holds no collection inside a collection."""
    if isinstance(value, dict):
        if any(isinstance(v, dict | list) for v in value.values()):
            return None
        return "{" + ", ".join(f"{scalar(k)}: {scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        if any(isinstance(v, dict | list) for v in value):
            return None
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    return scalar(value)


def block(value: Any, indent: int) -> Iterator[str]:
    """The lines of a mapping or list's contents, indented; short leaves in flow style."""
    pad = " " * indent
    items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
    for key, child in items:
        lead = f"{pad}{scalar(key)}:" if key is not None else f"{pad}-"
        flow = _flow(child)
        if flow is not None and len(lead) + 1 + len(flow) <= _FLOW_WIDTH + indent:
            yield f"{lead} {flow}"
        elif isinstance(child, dict | list) and child:
            if key is None:  # a list item's first key shares the dash's line
                inner = list(block(child, indent + 2))
                yield f"{lead} {inner[0].lstrip()}"
                yield from inner[1:]
            else:
                yield lead
                yield from block(child, indent + 2)
        else:
            yield f"{lead} {_flow(child) or ('{}' if isinstance(child, dict) else '[]')}"


def _text(key: str, text: str, indent: int) -> Iterator[str]:
    """A key with Markdown text: a literal block when it runs over lines, folded when long."""
    pad = " " * indent
    lines = text.split("\n")
    plain = not text.startswith(" ") and "\t" not in text and text == text.rstrip()
    if len(lines) > 1 and plain and all(line == line.rstrip() for line in lines):
        yield f"{pad}{key}: |-"
        yield from (f"{pad}  {line}".rstrip() for line in lines)
        return
    single = f"{pad}{key}: {scalar(text)}"
    if len(single) <= _WIDTH or not plain or "  " in text or len(lines) > 1:
        yield single
        return
    # Folded: each line break reads as the one space it replaced.
    yield f"{pad}{key}: >-"
    width = _WIDTH - indent - 2
    parts = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    yield from (f"{pad}  {part}" for part in parts)


def _key(key: str, value: Any, indent: int) -> Iterator[str]:
    """``key: value``, the value on the same line when it fits, else as a block below."""
    yield from block({key: value}, indent)


def _comment(lines: tuple[str, ...], indent: int) -> Iterator[str]:
    """Comment lines, each wrapped to the file's width."""
    pad = f"{' ' * indent}# "
    for line in lines:
        wrapped = textwrap.wrap(
            line, _WIDTH - len(pad), break_long_words=False, break_on_hyphens=False
        )
        yield from (f"{pad}{part}".rstrip() for part in wrapped or [""])


def render(skeleton: Skeleton, schema_file: str | None) -> str:
    """The catalogue file's text."""
    out: list[str] = []
    if schema_file:
        out.append(f"# yaml-language-server: $schema={schema_file}")
    out += _comment(skeleton.header, 0)
    out.append("format: 1  # the version of the catalogue format")
    out += _api(skeleton)
    out += _header_keys(skeleton)
    out += _envelope(skeleton.envelope)
    out.append("groups:")
    out += _comment(
        (
            "Reasons in titled groups, as you would group them on an error page. A group may",
            "hold `groups:` of its own; `generic: true` marks reasons any endpoint may return,",
            "`endpoints:` the endpoints a group's reasons come from (`/widgets/{id}*` covers",
            "every path below), `status:` the HTTP status of its reasons that name none. A",
            "group's id names its anchor on the page: keep it once published.",
        ),
        2,
    )
    for group in skeleton.groups:
        out += _group(group, 2)
    return "\n".join(out) + "\n"


def _api(skeleton: Skeleton) -> Iterator[str]:
    yield "api:"
    yield f"  name: {scalar(skeleton.name)}  # the API's name, as readers know it"
    yield f"  slug: {skeleton.slug}  # in every URL ({skeleton.slug}/reasons/CODE.html): keep it"
    if skeleton.version:
        yield f"  version: {scalar(skeleton.version)}  # the API version this catalogue describes"
    else:
        yield "  # version: v1  # the API version this catalogue describes"
    if skeleton.docs_url:
        yield f"  docs_url: {scalar(skeleton.docs_url)}"
    else:
        yield "  # docs_url: https://docs.example.com/  # where the API's docs are published"
    if skeleton.description:
        yield "  # Shown above the reasons (Markdown)."
        yield from _text("description", skeleton.description, 2)
    else:
        yield "  # description: An introduction shown above the reasons (Markdown)."


def _header_keys(skeleton: Skeleton) -> Iterator[str]:
    if skeleton.sources:
        yield "# Where the content was taken from, and when (a url with a date, or a revision)."
        yield "sources:"
        for source in skeleton.sources:
            yield from block([source], 2)
    if skeleton.openapi:
        yield "# The spec this catalogue documents: `python -m reason_catalog drift` checks the"
        yield "# catalogue against it, and the site shows its coverage."
        yield f"openapi: {scalar(skeleton.openapi)}"
    yield "code_style:"
    yield from _comment(
        (
            "The shape every code must have: `case:` UPPER_SNAKE, lower_snake, digits or",
            "PascalCase, or a regular expression as `pattern:`; `type: integer` for codes sent",
            "as JSON numbers.",
            *skeleton.code_comment,
        ),
        2,
    )
    if skeleton.code_case:
        yield f"  case: {skeleton.code_case}"
    else:
        yield "  # case: UPPER_SNAKE"
    if skeleton.code_type != "string":
        yield f"  type: {skeleton.code_type}"
    yield "  max_length: 255  # the longest code allowed"


_FIELD_MEANINGS = {
    "code": "the reason code (required)",
    "status": "the HTTP status",
    "message": "the message for people",
    "request_id": "the request's id",
    "field": "the offending parameter",
}


def _envelope(envelope: Envelope) -> Iterator[str]:
    yield "envelope:"
    yield from _comment(
        (
            "How the API's error bodies look, so that every tool reads them alike.",
            *envelope.comment,
        ),
        2,
    )
    if envelope.media_type != "application/json":
        yield f"  media_type: {scalar(envelope.media_type)}"
    yield "  # A JSON Schema (draft 2020-12) of a body: every example is checked against it."
    yield "  schema:"
    yield from block(envelope.schema, 4)
    yield "  # Where each value sits: a JMESPath expression into the body."
    yield "  fields:"
    for name, location in envelope.fields.items():
        note = envelope.field_notes.get(name) or _FIELD_MEANINGS.get(name, "")
        if isinstance(location, dict):
            yield f"    {name}:  # {note}" if note else f"    {name}:"
            yield from block(location, 6)
        else:
            comment = f"  # {note}" if note else ""
            yield f"    {name}: {scalar(location)}{comment}"
    for name, note in envelope.field_notes.items():
        if name not in envelope.fields:
            yield f"    # {name}: {note}"
    yield from _comment(
        (
            "The body of each reason's generated example. Placeholders: {code}, {status},",
            "{status_name}, {message} (the cause's first sentence unless the reason gives",
            "`message:`), {request_id}, {field}, {group}, {title}. A value that is exactly",
            '"{status?}" is left out, with its key, for a reason whose status is unknown.',
        ),
        2,
    )
    yield "  template:"
    yield from block(envelope.template, 4)


def _group(group: Group, indent: int) -> Iterator[str]:
    pad = " " * indent
    yield from _comment(group.comment, indent)
    yield f"{pad}- id: {scalar(group.id)}"
    yield f"{pad}  title: {scalar(group.title)}"
    if group.intro:
        yield from _text("intro", group.intro, indent + 2)
    if group.generic:
        yield f"{pad}  generic: true"
    if group.endpoints:
        yield from _key("endpoints", list(group.endpoints), indent + 2)
    if group.operations:
        yield f"{pad}  operations:"
        for operation in group.operations:
            yield from _operation(operation, indent + 4)
    if group.reasons:
        yield f"{pad}  reasons:"
        for reason in group.reasons:
            yield from _reason(reason, indent + 4)
    else:
        yield f"{pad}  reasons: []  # add them here: code, status, cause, fix, endpoints"


def _operation(operation: Operation, indent: int) -> Iterator[str]:
    pad = " " * indent
    yield f"{pad}- name: {scalar(operation.name)}"
    yield f"{pad}  http: {scalar(operation.http)}"
    if operation.summary:
        yield f"{pad}  summary: {scalar(operation.summary)}"


def _reason(reason: Reason, indent: int) -> Iterator[str]:
    pad = " " * indent
    yield from _comment(reason.comment, indent)
    yield f"{pad}- code: {scalar(reason.code)}"
    if reason.status is not None:
        yield f"{pad}  status: {reason.status}"
    yield from _text("cause", reason.cause, indent + 2)
    if reason.fix:
        yield from _text("fix", reason.fix, indent + 2)
    if reason.endpoints:
        yield from _key("endpoints", list(reason.endpoints), indent + 2)
    if reason.example is not None:
        yield f"{pad}  example:"
        yield from block(reason.example, indent + 4)
