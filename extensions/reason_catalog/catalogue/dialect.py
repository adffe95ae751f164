"""Envelope dialects: how one API shapes its error bodies, and how to read and write them.

A dialect is declarative: a JSON Schema of the body, a JMESPath expression (with an optional
regular expression) or a response header for each value a client wants, and templates for
generated examples. That covers bodies as different as ``{"error": {"reason": …}}``,
``{"errors": [{"code": …}]}``, RFC 9457's ``type`` URIs, AWS's ``"__type": "…#Code"``, its
``X-Amzn-ErrorType`` header and its XML bodies (read by :mod:`.xmlbody`) without code of our
own per API. A body may come with its response: text that starts with ``HTTP/`` is a status
line, header lines, a blank line and the body.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import jmespath
from jmespath.exceptions import JMESPathError

from .envelope_schema import schema_validator
from .errors import DialectError, KeyPath
from .patterns import Pattern, PatternError, compile_pattern
from .spec import EnvelopeSpec, LocationSpec
from .text import pretty_json, status_phrase
from .xmlbody import XmlBodyError, check_template, read_xml, write_xml

#: The values a dialect can locate, in the order a reader cares about them.
FIELD_NAMES = ("code", "status", "message", "request_id", "field", "scope")
#: Placeholders a template may use.
PLACEHOLDERS = frozenset(
    {"code", "status", "status_name", "message", "request_id", "group", "field"}
    | {"scope", "title", "reason_url"}
)
#: ``{name}``, or ``{name?}``: a whole value left out when the reason has none.
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)(\??)\}")
#: An HTTP field name (RFC 9110's token).
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
#: A status line; a status written with an X in it (``XXX``, ``4XX``) says none.
_STATUS_LINE = re.compile(r"HTTP/[0-9](?:\.[0-9])? ([0-9X]{3})(?: [^\n]*)?")
UNKNOWN_STATUS = "XXX"


def is_xml_media_type(media_type: str) -> bool:
    """``application/xml``, ``text/xml`` or any ``…+xml`` type (parameters aside)."""
    essence = media_type.split(";", 1)[0].strip().lower()
    return essence in ("application/xml", "text/xml") or essence.endswith("+xml")


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
    """Where one value sits: a compiled JMESPath expression or a header, and optional extraction."""

    expression: str
    search: Any
    pattern: Pattern | None = None
    names: Mapping[str, int] | None = None
    #: The response header it is read from, in lower case (``expression`` is then empty).
    header: str | None = None
    #: Scope only: what the body says, mapped to scope ids.
    scopes: Mapping[str, str] | None = None

    @property
    def where(self) -> str:
        """Where it reads, for messages: its expression, or ``header X-Amzn-ErrorType``."""
        return f"header {self.header}" if self.header is not None else self.expression

    def find(self, body: Any, headers: Mapping[str, str] | None = None) -> Any:
        """The raw value at this location, or ``None``; ``headers`` by lower-case name."""
        value = self.search(body) if self.header is None else (headers or {}).get(self.header)
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
    if location.scopes is not None and path[-1] != "scope":
        raise DialectError(
            (*path, "scopes"), "only fields.scope maps values to scopes", "remove scopes here"
        )
    if location.header is not None:  # a token: the file format checked it
        header = location.header.lower()
        return FieldLocation("", None, pattern, location.names, header, location.scopes)
    assert location.path is not None  # a location has a path or a header (LocationSpec)
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
    return FieldLocation(
        location.path, compiled.search, pattern, location.names, scopes=location.scopes
    )


class Dialect:
    """A compiled envelope description: parses bodies and renders example bodies."""

    def __init__(self, spec: EnvelopeSpec, path: KeyPath = ("envelope",)) -> None:
        self.spec = spec
        self.media_type = spec.media_type
        #: Whether bodies are XML (read and written by :mod:`.xmlbody`), else JSON.
        self.is_xml = is_xml_media_type(spec.media_type)
        #: The language of its bodies, for highlighting: ``json`` or ``xml``.
        self.language = "xml" if self.is_xml else "json"
        self.schema = spec.schema_
        self.validator = schema_validator(self.schema, (*path, "schema"))
        self.locations: dict[str, FieldLocation] = {}
        for name in FIELD_NAMES:
            location = getattr(spec.fields, name)
            if location is not None:
                self.locations[name] = _location(location, (*path, "fields", name))
        self.sub_codes = {
            name: _location(location, (*path, "fields", "sub_codes", name))
            for name, location in spec.fields.sub_codes.items()
        }
        status = self.locations.get("status")
        self.status_names: dict[int, str] = {}
        if status is not None and status.names:
            for name, number in status.names.items():
                self.status_names.setdefault(number, name)
        self.template = spec.template
        # An XML template's root may declare its namespace, which the value (read back from
        # the body, where xmlns is no attribute) leaves out and the body text carries.
        self._xmlns = check_template(spec.template, path) if self.is_xml else None
        self._body_template = _without_xmlns(spec.template) if self.is_xml else spec.template
        self.header_templates = dict(spec.headers)
        uses = _template_uses(spec, path)
        #: Every placeholder the templates use, ``?`` left off.
        self.placeholders = frozenset(name for name, _, _ in uses)
        #: The placeholders used without ``?``: each needs a value to render.
        self.required_placeholders = frozenset(name for name, optional, _ in uses if not optional)
        if "status_name" in self.placeholders and not self.status_names:
            raise DialectError(
                (*path, "template"),
                "the template uses {status_name} but fields.status has no names",
                "map each status name to its HTTP status under fields.status.names",
            )
        located = [((*path, "fields", n), loc) for n, loc in self.locations.items()]
        located += [((*path, "fields", "sub_codes", n), loc) for n, loc in self.sub_codes.items()]
        _check_headers_written(located, spec.headers)
        self._optional_keys = dict(_optional_keys(self._body_template, ()))

    def __reduce__(self) -> tuple[type[Dialect], tuple[EnvelopeSpec]]:
        # Compiled validators do not pickle; the description they came from does, cheaply.
        return (Dialect, (self.spec,))

    @property
    def has_status(self) -> bool:
        """Whether bodies of this dialect say their HTTP status."""
        return "status" in self.locations

    def schema_problems(self, body: Any, omitted: Collection[str] = ()) -> list[str]:
        """Each way ``body`` breaks the schema, as ``at <path>: <message>``.

        ``omitted`` names the optional placeholders a generated example left out: a key the
        schema requires is no problem when the template gave it exactly ``{name?}``, for such
        a name (the catalogue does not know that value for the reason).
        """
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
            if omitted and self._left_out(error, omitted):
                continue
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.path)
            problems.append(f"at {where.lstrip('.') or 'the top level'}: {error.message}")
        return problems

    def _left_out(self, error: Any, omitted: Collection[str]) -> bool:
        if error.validator != "required" or not isinstance(error.instance, dict):
            return False
        parent = tuple(None if isinstance(p, int) else p for p in error.absolute_path)
        for key in error.validator_value:
            if key not in error.instance and error.message == f"{key!r} is a required property":
                return self._optional_keys.get((parent, key)) in omitted
        return False

    def parse(
        self,
        body: str | bytes | Any,
        headers: Mapping[str, str] | None = None,
        *,
        omitted: Collection[str] = (),
    ) -> ParsedEnvelope:
        """Read an error body; raise :class:`EnvelopeError` if unable.

        ``body`` is text (JSON, or XML in an XML dialect), the same as UTF-8 bytes, a parsed
        body, or a whole response (``HTTP/1.1 404 …``, headers, a blank line, the body), whose
        headers join ``headers`` and whose status stands when the body says none. ``omitted``
        is as :meth:`schema_problems` takes it, for generated examples.
        """
        if isinstance(body, bytes | bytearray):
            try:
                body = body.decode("utf-8")
            except UnicodeDecodeError as error:
                raise EnvelopeError(f"the body is not UTF-8 text: {error.reason}") from None
        heard = _lower(headers)
        status = None
        if isinstance(body, str) and body.startswith("HTTP/"):
            status, said, body = read_response(body)
            heard.update(said)
        if isinstance(body, str):
            body = self._read_text(body)
        problems = self.schema_problems(body, omitted)
        if problems:
            raise EnvelopeError("the body does not match the error schema: " + problems[0])
        return self._read(body, heard, status)

    def _read_text(self, text: str) -> Any:
        if not self.is_xml:
            return _read_json(text)
        try:
            return read_xml(text, MAX_XML_DEPTH)
        except XmlBodyError as error:
            kind = "XML this decoder reads" if error.refused else "XML"
            raise EnvelopeError(f"the body is not {kind}: {error.reason}") from None

    def read(
        self, body: Any, headers: Mapping[str, str] | None = None, *, status: int | None = None
    ) -> ParsedEnvelope:
        """Read a parsed body already known to match the schema, and its response's headers.

        ``status`` is the response's, taken when the body (or its headers) say none.
        """
        return self._read(body, _lower(headers), status)

    def _read(self, body: Any, headers: Mapping[str, str], status: int | None) -> ParsedEnvelope:
        code = self.locations["code"].find(body, headers)
        if isinstance(code, bool) or not isinstance(code, str | int) or code == "":
            where = self.locations["code"].where
            raise EnvelopeError(f"the body has no reason code at {where}")
        said = self._status(body, headers)
        return ParsedEnvelope(
            code=str(code),
            status=said if said is not None else status,
            message=self._text(body, headers, "message"),
            request_id=self._text(body, headers, "request_id"),
            field=self._text(body, headers, "field"),
            scope=self._scope(body, headers),
            sub_codes=tuple(
                (name, str(value))
                for name, location in self.sub_codes.items()
                for value in [location.find(body, headers)]
                if _is_code(value)
            ),
        )

    def _text(self, body: Any, headers: Mapping[str, str], name: str) -> str | None:
        location = self.locations.get(name)
        value = location.find(body, headers) if location else None
        return value if isinstance(value, str) else None

    def _scope(self, body: Any, headers: Mapping[str, str]) -> str | None:
        location = self.locations.get("scope")
        value = location.find(body, headers) if location else None
        if not isinstance(value, str) or value == "" or location is None:
            return None
        return (location.scopes or {}).get(value, value)

    def _status(self, body: Any, headers: Mapping[str, str]) -> int | None:
        location = self.locations.get("status")
        if location is None:
            return None
        value = location.find(body, headers)
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
            raise EnvelopeError(f"the status {value!r} at {location.where} is not a number")
        return value

    def omitted(self, values: Mapping[str, Any]) -> frozenset[str]:
        """The optional placeholders that ``values`` leaves out (their value is ``None``)."""
        optional = self.placeholders - self.required_placeholders
        return frozenset(name for name in optional if values.get(name) is None)

    def render(self, values: Mapping[str, Any]) -> Any:
        """The body template with each placeholder replaced by ``values[name]``.

        A string that is exactly one placeholder takes its value as it is (``{status}`` stays a
        number; in XML, where all is text, it becomes its text); ``{name?}`` whose value is
        ``None`` is left out, with its key or list item.
        """
        return _render(self._body_template, values, text=self.is_xml)

    def render_headers(self, values: Mapping[str, Any]) -> dict[str, str]:
        """The ``headers`` templates filled in (a ``{name?}`` header without a value left out)."""
        headers = {}
        for name, template in self.header_templates.items():
            value = _render(template, values, text=True)
            if value is not _OMIT:
                # One line, as parse reads it back: no header injection from catalogue text.
                headers[name] = re.sub(r"[\r\n]+", " ", str(value)).strip(" \t")
        return headers

    def body_text(self, value: Any) -> str:
        """A body as text: indented JSON, or an XML document that reads back as ``value``."""
        if not self.is_xml:
            return pretty_json(value)
        ours = isinstance(value, dict) and value.keys() == self._body_template.keys()
        return write_xml(value, self._xmlns if ours else None)

    def response_text(self, body: Any, headers: Mapping[str, str], status: int | None) -> str:
        """A whole response, as :meth:`parse` reads it: status line, headers, blank line, body.

        ``Content-Type`` is the dialect's media type unless ``headers`` gives one. Without a
        status the status line says ``XXX``, which reads back as none.
        """
        said = status_phrase(status) if status is not None else f"{UNKNOWN_STATUS} Status unknown"
        lines = [f"HTTP/1.1 {said}"]
        if "content-type" not in {name.lower() for name in headers}:
            lines.append(f"Content-Type: {self.media_type}")
        lines += [f"{name}: {value}" for name, value in headers.items()]
        return "\n".join(lines) + "\n\n" + self.body_text(body)


#: Bodies nested deeper than this are refused: no server sends them, and Python's reader
#: would run out of stack at a depth that depends on the machine (the browser refuses alike).
MAX_BODY_DEPTH = 512
#: XML elements nested deeper than this are refused: each may read as an object in a list, so
#: the value read stays within MAX_BODY_DEPTH.
MAX_XML_DEPTH = MAX_BODY_DEPTH // 2
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


def read_response(text: str) -> tuple[int | None, dict[str, str], str]:
    """An HTTP response as text: its status, its headers (by lower-case name), its body.

    Lines end in CRLF or LF; the head ends at the first empty line (a response without one
    has an empty body). Repeated headers are joined with ``", "``; folded lines are refused.
    """
    head: list[str] = []
    at, body = 0, ""
    while True:
        end = text.find("\n", at)
        line = (text[at:] if end < 0 else text[at:end]).removesuffix("\r")
        if end < 0 or line == "":
            body = "" if end < 0 else text[end + 1 :]
            if line:
                head.append(line)
            break
        head.append(line)
        at = end + 1
    said = _STATUS_LINE.fullmatch(head[0])
    if said is None:
        raise EnvelopeError(
            "the response is not HTTP this decoder reads: its first line is not a status line "
            "(HTTP/1.1 404 Not Found)"
        )
    headers: dict[str, str] = {}
    for number, line in enumerate(head[1:], start=2):
        name, colon, value = line.partition(":")
        if not colon or not _TOKEN.fullmatch(name):
            raise EnvelopeError(
                f"the response is not HTTP this decoder reads: line {number} is not a header "
                "(Name: value)"
            )
        value = value.strip(" \t")
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    status = said.group(1)
    return int(status) if status.isdigit() else None, headers, body


def _lower(headers: Mapping[str, str] | None) -> dict[str, str]:
    return {name.lower(): value for name, value in (headers or {}).items()}


def _is_code(value: Any) -> bool:
    """A code as a body gives one: a non-empty string or an integer (never a boolean)."""
    return not isinstance(value, bool) and isinstance(value, str | int) and value != ""


# -- Templates --------------------------------------------------------------------------------


class _Omit:
    """What an optional placeholder without a value renders as: left out by its container."""


_OMIT = _Omit()


def _template_uses(spec: EnvelopeSpec, path: KeyPath) -> list[tuple[str, bool, KeyPath]]:
    """Each placeholder of the body and header templates, checked: (name, optional, where)."""
    uses = [*_uses(spec.template, (*path, "template"), value=False)]
    for name, value in spec.headers.items():
        if not _TOKEN.fullmatch(name):
            raise DialectError((*path, "headers", name), f"{name!r} is not a header name")
        if "\r" in value or "\n" in value:
            raise DialectError((*path, "headers", name), "a header value is one line")
        uses += _uses(value, (*path, "headers", name), value=True)
    for name, _, where in uses:
        if name not in PLACEHOLDERS:
            raise DialectError(
                where,
                f"unknown placeholder {{{name}}}",
                f"use one of {', '.join(sorted(PLACEHOLDERS))}",
            )
    return uses


def _check_headers_written(
    located: list[tuple[KeyPath, FieldLocation]], headers: Mapping[str, str]
) -> None:
    """Every header a value is read from is one the generated examples write."""
    written = {name.lower() for name in headers}
    for where, location in located:
        if location.header is not None and location.header not in written:
            raise DialectError(
                (*where, "header"),
                f"the value is read from the header {location.header}, which "
                "envelope.headers does not write: generated examples could not carry it",
                "add the header under envelope.headers, with a placeholder for the value",
            )


def _uses(template: Any, at: KeyPath, *, value: bool) -> Iterator[tuple[str, bool, KeyPath]]:
    """Each placeholder in a template: its name, whether optional (``?``), and where.

    ``{name?}`` must be a whole value (of a key, of a list item, of a header), where leaving
    it out has a meaning; anywhere else it is a :class:`DialectError`.
    """
    if isinstance(template, str):
        for match in _PLACEHOLDER.finditer(template):
            optional = bool(match.group(2))
            if optional and not (value and match.group(0) == template):
                raise DialectError(
                    at,
                    f"{match.group(0)} can only be a whole value, left out with its key",
                    f"write {{{match.group(1)}}}, or give the value as exactly {match.group(0)!r}",
                )
            yield match.group(1), optional, at
    elif isinstance(template, dict):
        for key, item in template.items():
            yield from _uses(key, (*at, key), value=False)
            yield from _uses(item, (*at, key), value=True)
    elif isinstance(template, list):
        for index, item in enumerate(template):
            yield from _uses(item, (*at, index), value=True)


def _optional_keys(
    template: Any, at: tuple[str | None, ...]
) -> Iterator[tuple[tuple[tuple[str | None, ...], str], str]]:
    """For each key whose value is exactly ``{name?}``: (its object's path, the key) and name.

    Paths hold keys, and ``None`` for any list index (an optional item shifts the others).
    """
    if isinstance(template, dict):
        for key, item in template.items():
            whole = _PLACEHOLDER.fullmatch(item) if isinstance(item, str) else None
            if whole and whole.group(2) and isinstance(key, str):
                yield (at, key), whole.group(1)
            yield from _optional_keys(item, (*at, key))
    elif isinstance(template, list):
        for item in template:
            yield from _optional_keys(item, (*at, None))


def _without_xmlns(template: Any) -> Any:
    [(name, content)] = template.items()  # check_template saw one root
    if isinstance(content, dict):
        content = {key: item for key, item in content.items() if key != "@xmlns"}
    return {name: content}


def _render(template: Any, values: Mapping[str, Any], *, text: bool) -> Any:
    if isinstance(template, str):
        whole = _PLACEHOLDER.fullmatch(template)
        if whole:
            value = values[whole.group(1)]
            if value is None and whole.group(2):
                return _OMIT
            if isinstance(value, str) or value is None or not text:
                return value  # "{status}" stays a number, where bodies have numbers
            return str(value)
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)
    if isinstance(template, dict):
        rendered = {
            _render(k, values, text=text): _render(v, values, text=text)
            for k, v in template.items()
        }
        return {k: v for k, v in rendered.items() if v is not _OMIT}
    if isinstance(template, list):
        items = [_render(item, values, text=text) for item in template]
        return [item for item in items if item is not _OMIT]
    return template
