"""Envelope dialects: how one API shapes its error bodies, and how to read and write them.

A dialect is declarative: a JSON Schema of the body, a JMESPath expression (with an optional
regular expression) for each value a client wants, and a template for generated examples.
That covers bodies as different as ``{"error": {"reason": …}}``, ``{"errors": [{"code": …}]}``,
RFC 9457's ``type`` URIs and AWS's ``"__type": "…#Code"`` without code of our own per API.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jmespath
from jmespath.exceptions import JMESPathError

from .envelope_schema import schema_validator
from .errors import DialectError, KeyPath
from .patterns import Pattern, PatternError, compile_pattern
from .spec import EnvelopeSpec, LocationSpec

#: The values a dialect can locate, in the order a reader cares about them.
FIELD_NAMES = ("code", "status", "message", "request_id", "field")
#: Placeholders a template may use.
PLACEHOLDERS = frozenset(
    {"code", "status", "status_name", "message", "request_id", "group", "field"}
)
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")


class EnvelopeError(ValueError):
    """An error body that cannot be read with a dialect; the message says why in plain words."""


@dataclass(frozen=True)
class ParsedEnvelope:
    """What an error body says, read with its dialect."""

    code: str
    status: int | None = None
    message: str | None = None
    request_id: str | None = None
    field: str | None = None
    #: What the body or its headers say the scope is (mapped to a scope id where the
    #: dialect maps it), in a scoped catalogue.
    scope: str | None = None
    #: The sub-codes the body carries, by name, in the order the dialect names them.
    sub_codes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FieldLocation:
    """Where one value sits: a compiled JMESPath expression and optional extraction."""

    expression: str
    search: Any
    pattern: Pattern | None = None
    names: Mapping[str, int] | None = None

    def find(self, body: Any) -> Any:
        """The raw value at this location in ``body``, or ``None``."""
        value = self.search(body)
        if value is None or self.pattern is None:
            return value
        if not isinstance(value, str):
            return None
        match = self.pattern.search(value)
        if match is None:
            return None
        return match.group("value" if "value" in self.pattern.groupindex else 1)


def _location(spec: LocationSpec | str, path: KeyPath) -> FieldLocation:
    location = LocationSpec(path=spec) if isinstance(spec, str) else spec
    at = path if isinstance(spec, str) else (*path, "path")
    try:
        compiled = jmespath.compile(location.path)
    except JMESPathError as error:
        # The text's first line says what is wrong; the lines after it draw a caret.
        message = str(error).splitlines()[0].rstrip(": ")
        position = getattr(error, "lex_position", None)
        if position is not None:
            message += f" (at character {position + 1})"
        raise DialectError(
            at, f"not a valid JMESPath expression: {message}", "see jmespath.org for the syntax"
        ) from None
    pattern = None
    if location.pattern is not None:
        try:
            pattern = compile_pattern(location.pattern)
        except PatternError as error:
            raise DialectError((*path, "pattern"), error.message, error.hint) from None
        if "value" not in pattern.groupindex and pattern.groups < 1:
            raise DialectError(
                (*path, "pattern"),
                "the pattern captures nothing",
                "add a group named value: (?P<value>…)",
            )
    return FieldLocation(location.path, compiled.search, pattern, location.names)


class Dialect:
    """A compiled envelope description: parses bodies and renders example bodies."""

    def __init__(self, spec: EnvelopeSpec, path: KeyPath = ("envelope",)) -> None:
        self.spec = spec
        self.media_type = spec.media_type
        self.schema = spec.schema_
        self.validator = schema_validator(self.schema, (*path, "schema"))
        self.locations: dict[str, FieldLocation] = {}
        for name in FIELD_NAMES:
            location = getattr(spec.fields, name)
            if location is not None:
                self.locations[name] = _location(location, (*path, "fields", name))
        status = self.locations.get("status")
        self.status_names: dict[int, str] = {}
        if status is not None and status.names:
            for name, number in status.names.items():
                self.status_names.setdefault(number, name)
        self.template = spec.template
        self.placeholders = _placeholders(self.template)
        unknown = sorted(self.placeholders - PLACEHOLDERS)
        if unknown:
            raise DialectError(
                (*path, "template"),
                f"unknown placeholder {{{unknown[0]}}}",
                f"use one of {', '.join(sorted(PLACEHOLDERS))}",
            )
        if "status_name" in self.placeholders and not self.status_names:
            raise DialectError(
                (*path, "template"),
                "the template uses {status_name} but fields.status has no names",
                "map each status name to its HTTP status under fields.status.names",
            )

    def __reduce__(self) -> tuple[type[Dialect], tuple[EnvelopeSpec]]:
        # Compiled validators do not pickle; the description they came from does, cheaply.
        return (Dialect, (self.spec,))

    @property
    def has_status(self) -> bool:
        """Whether bodies of this dialect say their HTTP status."""
        return "status" in self.locations

    def schema_problems(self, body: Any) -> list[str]:
        """Each way ``body`` breaks the schema, as ``at <path>: <message>``."""
        try:
            if self.validator.is_valid(body):  # the common case, and much cheaper
                return []
            errors = sorted(
                self.validator.iter_errors(body),
                key=lambda e: [(isinstance(p, str), p) for p in e.path],
            )
        except RecursionError:
            return ["at the top level: the schema nests too deeply for this body (a $ref loop?)"]
        except Exception as failure:  # whatever a schema from many hands does, never a traceback
            return [f"at the top level: the schema cannot be applied: {failure}"]
        problems = []
        for error in errors:
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.path)
            problems.append(f"at {where.lstrip('.') or 'the top level'}: {error.message}")
        return problems

    def parse(self, body: str | bytes | Any) -> ParsedEnvelope:
        """Read an error body (JSON text or parsed JSON); raise :class:`EnvelopeError` if unable."""
        if isinstance(body, bytes | bytearray):
            try:
                body = body.decode("utf-8")
            except UnicodeDecodeError as error:
                raise EnvelopeError(f"the body is not UTF-8 text: {error.reason}") from None
        if isinstance(body, str):
            body = _read_json(body)
        problems = self.schema_problems(body)
        if problems:
            raise EnvelopeError("the body does not match the error schema: " + problems[0])
        return self.read(body)

    def read(self, body: Any) -> ParsedEnvelope:
        """Read a parsed body already known to match the schema."""
        code = self.locations["code"].find(body)
        if isinstance(code, bool) or not isinstance(code, str | int) or code == "":
            where = self.locations["code"].expression
            raise EnvelopeError(f"the body has no reason code at {where}")
        return ParsedEnvelope(
            code=str(code),
            status=self._status(body),
            message=self._text(body, "message"),
            request_id=self._text(body, "request_id"),
            field=self._text(body, "field"),
        )

    def _text(self, body: Any, name: str) -> str | None:
        location = self.locations.get(name)
        value = location.find(body) if location else None
        return value if isinstance(value, str) else None

    def _status(self, body: Any) -> int | None:
        location = self.locations.get("status")
        if location is None:
            return None
        value = location.find(body)
        if value is None:
            return None
        if location.names is not None:
            if isinstance(value, str) and value in location.names:
                return location.names[value]
            known = ", ".join(location.names)
            raise EnvelopeError(f"the status {value!r} is none of the known names ({known})")
        # Decimal digits of any script, as int() reads them (not "²", which isdigit() takes),
        # and no more of them than int() converts.
        if isinstance(value, str) and value.isdecimal() and len(value) <= MAX_DIGITS:
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise EnvelopeError(f"the status {value!r} at {location.expression} is not a number")
        return value

    def render(self, values: Mapping[str, Any]) -> Any:
        """The template with each placeholder replaced by ``values[name]``."""
        return _render(self.template, values)


#: Bodies nested deeper than this are refused: no server sends them, and Python's reader
#: would run out of stack at a depth that depends on the machine (the browser refuses alike).
MAX_BODY_DEPTH = 512
#: Python converts integers of at most this many digits (sys.get_int_max_str_digits()).
MAX_DIGITS = 4300
_NESTING = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[{]|[\]}]')


def _read_json(text: str) -> Any:
    """JSON text as Python reads it, or :class:`EnvelopeError` saying why not."""
    if text.count("[") + text.count("{") > MAX_BODY_DEPTH:
        depth = 0
        for token in _NESTING.finditer(text):
            bracket = token.group()
            depth += 1 if bracket in "[{" else -1 if bracket in "]}" else 0
            if depth > MAX_BODY_DEPTH:
                raise EnvelopeError(
                    f"the body is not JSON this decoder reads: nested more than "
                    f"{MAX_BODY_DEPTH} levels deep (char {token.start()})"
                )
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise EnvelopeError(
            f"the body is not JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    except ValueError:  # an integer literal with more digits than Python converts
        raise EnvelopeError(
            f"the body is not JSON this decoder reads: a number has more than {MAX_DIGITS} digits"
        ) from None


def _placeholders(template: Any) -> set[str]:
    if isinstance(template, str):
        return set(_PLACEHOLDER.findall(template))
    if isinstance(template, dict):
        return set().union(*map(_placeholders, template.values()), *map(_placeholders, template))
    if isinstance(template, list):
        return set().union(*map(_placeholders, template))
    return set()


def _render(template: Any, values: Mapping[str, Any]) -> Any:
    if isinstance(template, str):
        whole = _PLACEHOLDER.fullmatch(template)
        if whole and not isinstance(values[whole.group(1)], str):
            return values[whole.group(1)]  # "{status}" stays a number
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)
    if isinstance(template, dict):
        return {_render(k, values): _render(v, values) for k, v in template.items()}
    if isinstance(template, list):
        return [_render(item, values) for item in template]
    return template
