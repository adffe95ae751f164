"""The spec's error body against the catalogue's envelope: fields and status names.

Both are JSON Schemas; each is read as the set of its field paths (``error.status``,
``errors[].code``), through ``properties``, ``items`` and ``allOf``/``anyOf``/``oneOf``, with
``$ref``s followed. The catalogue's dialect names where it reads each value
(``envelope.fields``) and, for a status written as a name, which names it knows; the spec's
schema may enumerate them.
"""

from __future__ import annotations

import re
from typing import Any

from jsonschema_path import SchemaPath

from ..catalogue.dialect import FIELD_NAMES
from ..catalogue.model import Catalogue
from .findings import Finding, listing
from .openapi import ErrorBody, OpenApi, schema_path

#: Nesting followed into a schema; error bodies are shallow, and schemas may be recursive.
MAX_DEPTH = 12
_SIMPLE = re.compile(r"^[A-Za-z_$@][\w$@-]*(?:\[\d+\])?(?:\.[A-Za-z_$@][\w$@-]*(?:\[\d+\])?)*$")


def schema_fields(schema: SchemaPath) -> dict[str, Any]:
    """Each field path of a schema, with the (resolved) schema of that field."""
    fields: dict[str, Any] = {}
    stack: list[tuple[SchemaPath, str, int]] = [(schema, "", 0)]
    while stack:
        node, prefix, depth = stack.pop()
        try:
            with node.resolve() as resolved:
                contents = resolved.contents
        # A part that cannot be read has no fields to compare; the spec's loader has already
        # reported what is wrong with it.
        except Exception:
            continue
        if not isinstance(contents, dict) or depth > MAX_DEPTH:
            continue
        for combinator in ("allOf", "anyOf", "oneOf"):
            options = contents.get(combinator)
            for index in range(len(options) if isinstance(options, list) else 0):
                stack.append((node // combinator // index, prefix, depth + 1))
        properties = contents.get("properties")
        for name in properties if isinstance(properties, dict) else ():
            path = f"{prefix}.{name}" if prefix else name
            child = node // "properties" // name
            fields.setdefault(path, child)
            stack.append((child, path, depth + 1))
        if isinstance(contents.get("items"), dict):
            stack.append((node // "items", f"{prefix}[]", depth + 1))
    return fields


def _field_path(expression: str) -> str | None:
    """``errors[0].code`` as a field path (``errors[].code``); ``None`` for richer JMESPath."""
    if not _SIMPLE.match(expression):
        return None
    return re.sub(r"\[\d+\]", "[]", expression)


def _enum(node: SchemaPath) -> list[str]:
    try:
        with node.resolve() as resolved:
            values = resolved.contents.get("enum") if isinstance(resolved.contents, dict) else None
    except Exception:
        return []
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def error_body(catalogue: Catalogue, spec: OpenApi) -> ErrorBody | None:
    """The spec's usual error body in the catalogue's media type (or any JSON one)."""
    wanted = catalogue.dialect.media_type
    same = [b for b in spec.error_bodies if b.media_type == wanted]
    json_like = [b for b in spec.error_bodies if "json" in b.media_type]
    found = same or json_like
    return found[0] if found else None  # ordered by use, most used first


def envelope_findings(catalogue: Catalogue, spec: OpenApi) -> list[Finding]:
    """Fields one schema has and the other lacks; status names only one side knows."""
    body = error_body(catalogue, spec)
    if body is None:
        return []
    theirs = schema_fields(body.schema)
    ours = schema_fields(schema_path(catalogue.dialect.schema))
    where = f"the spec's error body ({body.where})"
    findings = []
    for path in sorted(set(theirs) - set(ours)):
        findings.append(
            Finding(
                "envelope-field",
                path,
                f"{where} has {path}; the catalogue's envelope.schema does not",
                suggestion=f"add {path} to envelope.schema",
            )
        )
    for path in sorted(set(ours) - set(theirs)):
        findings.append(
            Finding(
                "envelope-field",
                path,
                f"the catalogue's envelope.schema has {path}; {where} does not",
                suggestion=f"remove {path} from envelope.schema, or add it to the spec",
            )
        )
    for name in FIELD_NAMES:
        location = catalogue.dialect.locations.get(name)
        read = _field_path(location.expression) if location else None
        if read is not None and read not in theirs:
            findings.append(
                Finding(
                    "envelope-field",
                    f"fields.{name}",
                    f"envelope.fields.{name} reads {location.expression if location else ''}, "
                    f"which {where} does not have",
                    suggestion=f"point envelope.fields.{name} at a field of the spec's error body",
                )
            )
    findings += _status_names(catalogue, theirs, where)
    return findings


def _status_names(catalogue: Catalogue, theirs: dict[str, Any], where: str) -> list[Finding]:
    location = catalogue.dialect.locations.get("status")
    path = _field_path(location.expression) if location else None
    if location is None or path is None or path not in theirs:
        return []
    enumerated = _enum(theirs[path])
    mapped = dict(location.names or {})
    if not enumerated and not mapped:
        return []
    findings = []
    for name in enumerated:
        if name not in mapped:
            findings.append(
                Finding(
                    "envelope-status-name",
                    name,
                    f"{where} enumerates the status {name} at {path}; "
                    "envelope.fields.status.names does not map it",
                    suggestion=f"map {name} to its HTTP status under envelope.fields.status.names",
                )
            )
    for name in mapped:
        if enumerated and name not in enumerated:
            findings.append(
                Finding(
                    "envelope-status-name",
                    name,
                    f"envelope.fields.status.names maps {name}, which {where} does not "
                    f"enumerate at {path} (it has {listing(enumerated)})",
                    suggestion=f"remove {name}, or add it to the spec's enum",
                )
            )
    return findings
