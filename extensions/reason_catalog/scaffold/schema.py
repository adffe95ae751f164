"""An OpenAPI schema as the envelope's JSON Schema, and the fields a body's schema has.

A spec's schemas point at each other (``$ref: '#/components/schemas/Error'``); a catalogue's
envelope schema must stand alone. So references within the spec's file are followed: a part
used once is written in place, a part used more often or recursively goes to ``$defs``. A
reference out of the file (another file, a URL) is never followed: it is an
:class:`OutsideReference`, which the caller reports where it is written. OpenAPI 3.0's own
keywords become JSON Schema's (``nullable``, boolean ``exclusiveMinimum``) or are left out
(``example``, ``discriminator``, ``x-…``).
"""

from __future__ import annotations

import copy
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from ..drift.envelope import MAX_DEPTH as ENVELOPE_DEPTH

#: Nesting followed into a schema, as drift's envelope check follows it; error bodies are
#: shallow, and this is the envelope's own limit.
MAX_DEPTH = 64
#: ``$ref`` hops followed from one node: a chain longer than this is a loop.
MAX_HOPS = 64
#: How deep fields are looked for, as drift's envelope check looks (error bodies are shallow,
#: and a schema may recurse), and how many parts of a schema are read in looking.
FIELD_DEPTH = ENVELOPE_DEPTH
MAX_VISITS = 20_000
# OpenAPI's own keywords, which JSON Schema does not have (nullable is translated first).
_OPENAPI_ONLY = frozenset({"nullable", "discriminator", "xml", "externalDocs", "example"})
# Keywords whose value is data, never a schema: copied as they are.
_DATA = frozenset({"enum", "const", "required", "type", "default", "examples", "format"})
# Keywords holding a mapping of name → schema.
_SCHEMA_MAPS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)
_COMBINATORS = ("allOf", "anyOf", "oneOf")


class OutsideReference(Exception):
    """A ``$ref`` that leaves the spec's file, or leads nowhere in it; ``holder`` holds it."""

    def __init__(self, reference: str, holder: dict[str, Any], why: str) -> None:
        super().__init__(f"$ref {reference!r}: {why}")
        self.reference, self.holder, self.why = reference, holder, why


def _pointer(root: Any, reference: str, holder: dict[str, Any]) -> Any:
    fragment = unquote(reference[1:])
    node = root
    for raw in fragment.split("/")[1:] if fragment else ():
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise OutsideReference(reference, holder, "it points at nothing in the file")
    return node


def deref(root: Any, node: Any) -> Any:
    """``node`` with every ``$ref`` within the file followed; :class:`OutsideReference` else."""
    for _ in range(MAX_HOPS):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node
        reference = node["$ref"]
        if not reference.startswith("#"):
            raise OutsideReference(
                reference, node, "it points out of the file, and nothing outside is read"
            )
        node = _pointer(root, reference, node)
    raise OutsideReference(str(node.get("$ref")), node, "its $refs go round in a loop")


def _references(root: Any, schema: Any) -> dict[str, int]:
    """How often each reference within the file is made, in everything ``schema`` reaches."""
    counts: dict[str, int] = {}
    pending = [schema]
    seen: set[int] = set()
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            reference = node.get("$ref")
            if isinstance(reference, str):
                counts[reference] = counts.get(reference, 0) + 1
                pending.append(deref(root, node))
            pending.extend(v for k, v in node.items() if k not in _DATA and k != "$ref")
    return counts


class _Converter:
    def __init__(self, root: Any, counts: dict[str, int]) -> None:
        self.root = root
        self.counts = counts
        self.defs: dict[str, Any] = {}
        self.names: dict[str, str] = {}
        self.open: set[str] = set()

    def schema(self, node: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise ValueError(f"the schema nests more than {MAX_DEPTH} levels")
        if isinstance(node, list):
            return [self.schema(item, depth + 1) for item in node]
        if not isinstance(node, dict):
            return node
        reference = node.get("$ref")
        if isinstance(reference, str):
            return self.reference(reference, node, depth)
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key.startswith("x-") or key in _OPENAPI_ONLY:
                continue
            if key in _DATA:
                out[key] = copy.deepcopy(value)
            elif key in _SCHEMA_MAPS and isinstance(value, dict):
                out[key] = {name: self.schema(sub, depth + 1) for name, sub in value.items()}
            else:
                out[key] = self.schema(value, depth + 1)
        _openapi_30(node, out)
        return out

    def reference(self, reference: str, holder: dict[str, Any], depth: int) -> Any:
        target = deref(self.root, holder)
        if self.counts.get(reference, 0) <= 1 and reference not in self.open:
            self.open.add(reference)
            try:
                return self.schema(target, depth + 1)
            finally:
                self.open.discard(reference)
        name = self.names.get(reference)
        if name is None:
            name = self.names[reference] = self._name(reference)
            self.open.add(reference)
            self.defs[name] = self.schema(target, depth + 1)
            self.open.discard(reference)
        return {"$ref": f"#/$defs/{name}"}

    def _name(self, reference: str) -> str:
        last = unquote(reference.rsplit("/", 1)[-1]).replace("~1", "/").replace("~0", "~")
        base = re.sub(r"[^A-Za-z0-9_.-]+", "_", last).strip("_") or "part"
        name, number = base, 2
        while name in self.defs or name in self.names.values():
            name, number = f"{base}_{number}", number + 1
        return name


def _openapi_30(node: dict[str, Any], out: dict[str, Any]) -> None:
    """OpenAPI 3.0's ``nullable`` and boolean exclusive bounds, as JSON Schema says them."""
    if node.get("nullable") is True:
        kind = out.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
        elif isinstance(kind, list) and "null" not in kind:
            out["type"] = [*kind, "null"]
        if isinstance(out.get("enum"), list) and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
    for exclusive, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(out.get(exclusive), bool):
            if out[exclusive] and bound in out:
                out[exclusive] = out.pop(bound)
            else:
                del out[exclusive]


def json_schema(root: Any, schema: Any) -> dict[str, Any]:
    """The schema, self-contained: references within the file in place or in ``$defs``.

    Raises :class:`OutsideReference`, or :class:`ValueError` for a schema nested too deeply.
    """
    top = deref(root, schema)
    converter = _Converter(root, _references(root, top))
    converted = converter.schema(top, 0)
    if not isinstance(converted, dict):
        raise ValueError("the error body's schema is not an object")
    if converter.defs:
        converted = {**converted, "$defs": {**converted.get("$defs", {}), **converter.defs}}
    return converted


#: A field's place: each property name, and whether the value there is a list of them.
Segments = tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class Field:
    """One field of a body: where it is and its schema (references followed)."""

    segments: Segments
    schema: dict[str, Any]

    @property
    def name(self) -> str:
        """The property's own name: ``code`` of ``error.code``."""
        return self.segments[-1][0]

    @property
    def depth(self) -> int:
        """How deep it sits."""
        return len(self.segments)


def fields(root: Any, schema: Any) -> Iterator[Field]:
    """Every field of a body's schema, shallowest first, in the order the schema lists them.

    Through ``properties``, list ``items`` and ``allOf``/``anyOf``/``oneOf``, as drift's
    envelope check reads a schema; a field seen twice is given once.
    """
    pending: deque[tuple[Any, Segments, int]] = deque([(schema, (), 0)])
    seen: set[Segments] = set()
    budget = MAX_VISITS
    # Each part is read once at each place: a schema that refers to itself twice over
    # (``anyOf: [$ref A, $ref A]``) would otherwise double the work at every level.
    visited: set[tuple[int, Segments]] = set()
    while pending:
        node, segments, depth = pending.popleft()
        node = deref(root, node)
        if not isinstance(node, dict) or depth > FIELD_DEPTH or (id(node), segments) in visited:
            continue
        visited.add((id(node), segments))
        budget -= 1
        if budget < 0:
            return  # a schema that recurses into fields of fields: the shallow ones are found
        for combinator in _COMBINATORS:
            options = node.get(combinator)
            for option in options if isinstance(options, list) else ():
                pending.append((option, segments, depth + 1))
        items = node.get("items")
        if isinstance(items, dict) and segments and not segments[-1][1]:
            listed = (*segments[:-1], (segments[-1][0], True))
            pending.append((items, listed, depth + 1))
        properties = node.get("properties")
        for name, child in properties.items() if isinstance(properties, dict) else ():
            place = (*segments, (name, False))
            resolved = deref(root, child)
            if place not in seen and isinstance(resolved, dict):
                seen.add(place)
                yield Field(place, resolved)
            pending.append((child, place, depth + 1))


def object_parts(root: Any, schema: Any) -> Iterator[dict[str, Any]]:
    """The schema and every ``allOf`` part of it: together they say what an object holds."""
    pending = [schema]
    for _ in range(MAX_DEPTH * 4):
        if not pending:
            return
        node = deref(root, pending.pop(0))
        if isinstance(node, dict):
            yield node
            parts = node.get("allOf")
            pending.extend(parts if isinstance(parts, list) else ())


def kind(schema: dict[str, Any]) -> str | None:
    """The one JSON type a schema gives (``nullable`` aside), or ``None``."""
    found = schema.get("type")
    if isinstance(found, list):
        found = [t for t in found if t != "null"]
        found = found[0] if len(found) == 1 else None
    return found if isinstance(found, str) else None


#: A value a schema allows, with its description where the spec gives one.
Allowed = list[tuple[Any, str | None]]


def _listed(node: dict[str, Any]) -> Allowed | None:
    """What one schema node enumerates itself: ``enum`` (with ``x-enum-descriptions``) or
    ``const`` (with its ``description``); ``None`` when it says nothing."""
    if isinstance(node.get("enum"), list):
        said = node.get("x-enum-descriptions", node.get("x-enumDescriptions"))
        found: Allowed = []
        for index, value in enumerate(node["enum"]):
            described = None
            if isinstance(said, list) and index < len(said):
                described = said[index]
            elif isinstance(said, dict):
                described = said.get(str(value))
            found.append((value, described if isinstance(described, str) else None))
        return found
    if "const" in node:
        described = node.get("description", node.get("title"))
        return [(node["const"], described if isinstance(described, str) else None)]
    return None


def _both(constraints: list[Allowed]) -> Allowed:
    """The values every constraint allows (``allOf``), in the first one's order."""
    first, *rest = constraints
    kept = [
        (value, said)
        for value, said in first
        if all(any(value == other for other, _ in allowed) for allowed in rest)
    ]
    # A description from whichever part gives one.
    return [
        (value, said or next((s for a in rest for v, s in a if v == value and s), None))
        for value, said in kept
    ]


def allowed(
    root: Any,
    schema: Any,
    segments: Segments,
    depth: int = 0,
    known: dict[tuple[int, Segments], Allowed | None] | None = None,
) -> Allowed | None:
    """The values a body's schema allows at ``segments``, or ``None`` when it leaves them open.

    ``allOf`` parts all apply (the values they share); of ``anyOf``/``oneOf`` options any one
    does (every value one of them allows, unless one leaves them open). Each part is worked
    out once at each place (``known``); a part met again inside itself leaves them open.
    """
    node = deref(root, schema)
    known = {} if known is None else known
    if not isinstance(node, dict) or depth > MAX_DEPTH:
        return None
    key = (id(node), segments)
    if key not in known:
        known[key] = None  # while it is worked out: a loop back to it says nothing
        known[key] = _allowed(root, node, segments, depth, known)
    return known[key]


def _property(root: Any, node: dict[str, Any], segment: tuple[str, bool]) -> tuple[bool, Any]:
    """Whether ``node`` declares the property ``segment`` names, and its schema (that of its
    items, for a listed one: ``None`` when it says none)."""
    name, listed = segment
    properties = node.get("properties")
    if not isinstance(properties, dict) or name not in properties:
        return False, None
    child = properties[name]
    if listed:
        resolved = deref(root, child)
        child = resolved.get("items") if isinstance(resolved, dict) else None
    return True, child


def _allowed(
    root: Any,
    node: dict[str, Any],
    segments: Segments,
    depth: int,
    known: dict[tuple[int, Segments], Allowed | None],
) -> Allowed | None:
    constraints: list[Allowed | None] = []
    if segments:
        declared, child = _property(root, node, segments[0])
        if declared:
            constraints.append(allowed(root, child, segments[1:], depth + 1, known))
    else:
        constraints.append(_listed(node))
    parts = node.get("allOf")
    for part in parts if isinstance(parts, list) else ():
        constraints.append(allowed(root, part, segments, depth + 1, known))
    for combinator in ("anyOf", "oneOf"):
        options = node.get(combinator)
        if isinstance(options, list) and options:
            found = [allowed(root, option, segments, depth + 1, known) for option in options]
            if all(f is not None for f in found):
                union: Allowed = []
                for values in found:
                    union += [v for v in values or () if v[0] not in [u[0] for u in union]]
                constraints.append(union)
    given = [c for c in constraints if c is not None]
    return _both(given) if given else None


def open_values(
    root: Any,
    schema: Any,
    segments: Segments,
    depth: int = 0,
    visited: set[tuple[int, Segments]] | None = None,
) -> bool:
    """Take every ``enum`` and ``const`` (and ``oneOf``/``anyOf`` of consts) off the values at
    ``segments``, wherever the schema says them; whether any was taken off."""
    node = deref(root, schema)
    visited = set() if visited is None else visited
    if not isinstance(node, dict) or depth > MAX_DEPTH or (id(node), segments) in visited:
        return False
    visited.add((id(node), segments))
    taken = False
    if segments:
        declared, child = _property(root, node, segments[0])
        if declared:
            taken = open_values(root, child, segments[1:], depth + 1, visited)
    else:
        for key in ("enum", "const"):
            taken = node.pop(key, None) is not None or taken
    for combinator in ("allOf", "anyOf", "oneOf"):
        options = node.get(combinator)
        if not isinstance(options, list):
            continue
        if (
            not segments
            and combinator != "allOf"
            and all(
                isinstance(o, dict) and set(o) <= {"const", "description", "title"} for o in options
            )
        ):
            del node[combinator]
            taken = True
            continue
        for option in options:
            taken = open_values(root, option, segments, depth + 1, visited) or taken
    return taken
