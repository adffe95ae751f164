"""The envelope a spec's error body implies: its schema, where each value sits, a template.

Values are found by their property names, as APIs name them (``reason``, ``code``,
``error_code``; ``status``; ``message``, ``detail``; ``request_id``; ``param``, ``field``),
shallowest first. A status written as a name (``NOT_FOUND``) is mapped to its HTTP status only
where the spec says which: a name that the descriptions of the responses of one status, and
only one, mention (``Resource not found (NOT_FOUND).`` under ``404``). Nothing else is guessed:
what cannot be found is left for the team, with a note saying so.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .schema import Field, Segments, deref, fields, kind, object_parts, open_values
from .skeleton import Envelope

#: Property names (lower case, without ``_`` and ``-``) of each value, most telling first.
NAMES: dict[str, tuple[str, ...]] = {
    "code": ("reason", "reasoncode", "errorcode", "code"),
    "status": ("status", "statuscode", "httpstatus", "httpstatuscode", "httpcode"),
    "message": ("message", "errormessage", "detail", "errordescription", "description"),
    "request_id": ("requestid", "traceid", "correlationid"),
    "field": ("param", "parameter", "field", "fieldname", "attribute"),
}
_PLACEHOLDERS = {
    "code": "{code}",
    "status": "{status?}",
    "message": "{message}",
    "request_id": "{request_id}",
    "field": "{field?}",
}
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class ErrorUse:
    """One error response of one operation that gives a body schema."""

    operation: str
    status: str
    media_type: str
    schema: Any
    description: str


@dataclass
class Inferred:
    """What the spec's error body says: the fields found, and notes for the team."""

    found: dict[str, Field] = field(default_factory=dict)
    #: For a status written as a name: each name with its HTTP status, in the spec's order.
    names: dict[str, int] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    comment: list[str] = field(default_factory=list)


def _normal(name: str) -> str:
    return re.sub(r"[_\-\s]", "", name).lower()


def expression(segments: Segments) -> str:
    """A field's place as JMESPath: ``errors[0].code``; odd names quoted."""
    parts = []
    for name, listed in segments:
        part = name if _IDENTIFIER.match(name) else json.dumps(name)
        parts.append(part + ("[0]" if listed else ""))
    return ".".join(parts)


def infer(root: Any, schema: Any, uses: Sequence[ErrorUse]) -> Inferred:
    """Find each value in the body's fields."""
    inferred = Inferred()
    every = list(fields(root, schema))
    for value, names in NAMES.items():
        ranked = sorted(
            (names.index(_normal(f.name)), f.depth, order, f)
            for order, f in enumerate(every)
            if _normal(f.name) in names
            and kind(f.schema) not in ("object", "array")
            and f not in inferred.found.values()
            and (value != "code" or kind(f.schema) in (None, "string", "integer"))
        )
        if ranked:
            inferred.found[value] = ranked[0][3]
    # In the schema's order, as the template then writes them.
    inferred.found = dict(sorted(inferred.found.items(), key=lambda item: every.index(item[1])))
    if "code" not in inferred.found:
        return inferred
    _status(inferred, uses)
    for value, what in (
        ("message", "a message"),
        ("request_id", "a request id"),
        ("field", "the offending parameter"),
    ):
        if value not in inferred.found:
            inferred.notes[value] = (
                f"no field of the spec's error body looks like {what}; add its place if bodies "
                "carry one"
            )
    return inferred


def _status(inferred: Inferred, uses: Sequence[ErrorUse]) -> None:
    found = inferred.found.get("status")
    if found is None:
        inferred.notes["status"] = (
            "the spec's error body has no status field; the status line carries it"
        )
        return
    where = expression(found.segments)
    if kind(found.schema) in ("integer", "number"):
        return
    values = [v for v in found.schema.get("enum") or () if isinstance(v, str)]
    if not values:
        del inferred.found["status"]
        inferred.notes["status"] = (
            f"the spec's {where} is text it does not enumerate, so it is not read as the HTTP "
            "status; if it is a status name, map each name under `names:`"
        )
        return
    names, evidence = status_names(values, uses)
    unknown = [v for v in values if v not in names]
    if not names:
        del inferred.found["status"]
        inferred.notes["status"] = (
            f"the spec's {where} holds status names ({', '.join(values[:6])}…) without saying "
            "their HTTP statuses: write `{path: " + where + ", names: {NAME: 404, …}}`"
        )
        return
    inferred.names = names
    inferred.comment.append(
        "The status names are mapped as the spec's response descriptions say: "
        + "; ".join(evidence[:3])
        + ("; …" if len(evidence) > 3 else "")
        + "."
    )
    if unknown:
        inferred.comment.append(
            f"TODO: the spec enumerates {', '.join(unknown)} at {where} without saying their "
            "HTTP status: add each under fields.status.names."
        )


def status_names(
    values: Iterable[str], uses: Sequence[ErrorUse]
) -> tuple[dict[str, int], list[str]]:
    """Each name that the descriptions of one status's responses (and only one's) mention."""
    found: list[tuple[int, int, str]] = []
    evidence: dict[int, str] = {}
    for order, value in enumerate(values):
        word = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(value)}(?![A-Za-z0-9_])")
        statuses = {
            int(use.status): use.description
            for use in uses
            if use.status.isdigit() and word.search(use.description)
        }
        if len(statuses) == 1:
            ((status, description),) = statuses.items()
            found.append((status, order, value))
            evidence.setdefault(status, f"{status}: {description.strip()!r}")
    ordered = sorted(found)
    return {value: status for status, _, value in ordered}, [evidence[s] for s in sorted(evidence)]


def envelope(schema: dict[str, Any], inferred: Inferred, media_type: str) -> Envelope:
    """The envelope: ``schema`` (self-contained) with the fields found and a template.

    A property the schema requires and no generated example can fill (it is none of the
    fields found, and no ``const`` or one-value ``enum`` says its value) is taken out of
    ``required``, with a note: an example must match the schema.
    """
    template: dict[str, Any] = {}
    locations: dict[str, Any] = {}
    for value, found in inferred.found.items():
        placeholder = _PLACEHOLDERS[value]
        if value == "status" and inferred.names:
            placeholder = "{status_name?}"
            locations[value] = {"path": expression(found.segments), "names": inferred.names}
        else:
            locations[value] = expression(found.segments)
        _place(template, found.segments, placeholder)
    dropped: list[str] = []
    _fill(schema, schema, template, "", dropped)
    comment = list(inferred.comment)
    code = inferred.found.get("code")
    if code is not None and open_values(schema, schema, code.segments):
        comment.append(
            f"The spec enumerates the codes at {expression(code.segments)}; here they are the "
            "reasons below, so the schema leaves them open: a new reason needs no schema change."
        )
    if dropped:
        comment.append(
            f"The spec requires {', '.join(dropped)}, which a generated example cannot fill: "
            "taken out of `required`. Put it back and give the template a value for it."
        )
    return Envelope(
        schema=schema,
        fields=locations,
        template=template,
        media_type=media_type,
        comment=tuple(comment),
        field_notes=dict(inferred.notes),
    )


def _place(template: dict[str, Any], segments: Segments, placeholder: str) -> None:
    node: Any = template
    for index, (name, listed) in enumerate(segments):
        last = index == len(segments) - 1
        if listed:
            items = node.setdefault(name, [placeholder if last else {}])
            node = items[0]
        elif last:
            node[name] = placeholder
        else:
            node = node.setdefault(name, {})


def _fill(root: dict[str, Any], schema: Any, value: Any, where: str, dropped: list[str]) -> None:
    """Give ``value`` (a template's object) what the schema requires, or stop requiring it."""
    if not isinstance(value, dict):
        return
    parts = list(object_parts(root, schema))
    properties: dict[str, Any] = {}
    for part in parts:
        if isinstance(part.get("properties"), dict):
            properties.update(part["properties"])
    for part in parts:
        required = part.get("required")
        if not isinstance(required, list):
            continue
        for name in list(required):
            if name in value or not isinstance(name, str):
                continue
            known = _known_value(root, properties.get(name))
            if known is not None:
                value[name] = known[0]
            else:
                required.remove(name)
                dropped.append(f"{where}{name}")
        if not required:
            del part["required"]
    for name, child in value.items():
        sub = properties.get(name)
        if sub is None:
            continue
        if isinstance(child, list) and child:
            items = deref(root, sub).get("items") if isinstance(deref(root, sub), dict) else None
            _fill(root, items, child[0], f"{where}{name}[].", dropped)
        else:
            _fill(root, sub, child, f"{where}{name}.", dropped)


def _known_value(root: Any, schema: Any) -> tuple[Any] | None:
    """The one value a schema allows (``const``, a one-value ``enum``), or an object to fill."""
    node = deref(root, schema)
    if not isinstance(node, dict):
        return None
    if "const" in node:
        return (node["const"],)
    if isinstance(node.get("enum"), list) and len(node["enum"]) == 1:
        return (node["enum"][0],)
    if kind(node) == "object" or isinstance(node.get("properties"), dict):
        return ({},)  # what it requires in turn is filled, or no longer required, by _fill
    return None
