"""Envelope dialects: the declarative description reads every kind of error body we know of."""

from __future__ import annotations

import json
import pickle
import time
from typing import Any

import pytest
from reason_catalog.catalogue.dialect import Dialect, EnvelopeError, ParsedEnvelope
from reason_catalog.catalogue.errors import DialectError
from reason_catalog.catalogue.spec import EnvelopeSpec


def dialect(fields: dict[str, Any], schema: dict[str, Any] | None = None) -> Dialect:
    return Dialect(
        EnvelopeSpec.model_validate(
            {"schema": schema or {"type": "object"}, "fields": fields, "template": {}}
        )
    )


def nested(levels: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(levels):
        schema = {"not": schema}
    return schema


RFC9457 = dialect(
    {
        "code": {"path": "type", "pattern": r"/reasons/(?P<value>[^/]+)\.html$"},
        "status": "status",
        "message": "detail",
        "request_id": "instance",
    },
    {"type": "object", "required": ["type"], "properties": {"status": {"type": "integer"}}},
)
GOOGLE = dialect(
    {
        "code": (
            "error.details[?\"@type\"=='type.googleapis.com/google.rpc.ErrorInfo'] | [0].reason"
        ),
        "status": "error.code",
        "message": "error.message",
    }
)
AWS = dialect({"code": {"path": "__type", "pattern": "#(?P<value>.+)$"}, "message": "message"})
TWILIO = dialect({"code": "code", "status": "status", "message": "message"})


@pytest.mark.parametrize(
    ("reader", "body", "expected"),
    [
        (
            RFC9457,
            {
                "type": "https://docs.example.com/voipbin/reasons/CALL_NOT_FOUND.html",
                "title": "Not found",
                "status": 404,
                "detail": "Call 42 does not exist.",
                "instance": "/calls/42",
            },
            ParsedEnvelope("CALL_NOT_FOUND", 404, "Call 42 does not exist.", "/calls/42"),
        ),
        (
            GOOGLE,
            {
                "error": {
                    "code": 403,
                    "status": "PERMISSION_DENIED",
                    "message": "API disabled",
                    "details": [
                        {"@type": "type.googleapis.com/google.rpc.Help", "links": []},
                        {
                            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                            "reason": "SERVICE_DISABLED",
                            "domain": "googleapis.com",
                        },
                    ],
                }
            },
            ParsedEnvelope("SERVICE_DISABLED", 403, "API disabled"),
        ),
        (
            AWS,
            {
                "__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                "message": "Requested resource not found",
            },
            ParsedEnvelope("ResourceNotFoundException", None, "Requested resource not found"),
        ),
        (
            TWILIO,
            '{"code": 21603, "message": "From is required", "status": 400}',
            ParsedEnvelope("21603", 400, "From is required"),
        ),
    ],
    ids=["rfc9457", "google-details", "aws-hash", "twilio-number"],
)
def test_wild_dialects(reader: Dialect, body: Any, expected: ParsedEnvelope) -> None:
    assert reader.parse(body) == expected
    assert reader.parse(json.dumps(body) if not isinstance(body, str) else body) == expected


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "the body is not JSON: Expecting property name enclosed in double quotes"),
        (b"\xff\xfe", "the body is not UTF-8 text"),
        ("[]", "the body does not match the error schema: at the top level: [] is not of type"),
        ('{"error": {}}', "the body has no reason code at error.details"),
        (
            '{"error": {"code": "x", "details": [{"@type": "other", "reason": "R"}]}}',
            "the body has no reason code",
        ),
        ('{"error": {"code": "403", "details": []}}', "the body has no reason code"),
    ],
)
def test_unreadable_bodies_say_why(body: str | bytes, message: str) -> None:
    with pytest.raises(EnvelopeError, match=None) as raised:
        GOOGLE.parse(body)
    assert message in str(raised.value)


def test_status_must_be_a_number() -> None:
    body = {
        "error": {
            "code": "nope",
            "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "R"}],
        }
    }
    with pytest.raises(EnvelopeError, match=r"the status 'nope' at error\.code is not a number"):
        GOOGLE.parse(body)


def test_pattern_that_does_not_match_gives_no_code() -> None:
    with pytest.raises(EnvelopeError, match="no reason code at type"):
        RFC9457.parse({"type": "about:blank", "status": 404})


def test_status_names_map_to_http() -> None:
    reader = dialect(
        {"code": "error.reason", "status": {"path": "error.status", "names": {"NOT_FOUND": 404}}}
    )
    assert reader.parse({"error": {"reason": "X", "status": "NOT_FOUND"}}).status == 404
    with pytest.raises(EnvelopeError, match="the status 'GONE' is none of the known names"):
        reader.parse({"error": {"reason": "X", "status": "GONE"}})


def test_template_renders_numbers_and_embedded_placeholders() -> None:
    reader = Dialect(
        EnvelopeSpec.model_validate(
            {
                "schema": {"type": "object"},
                "fields": {
                    "code": {"path": "type", "pattern": "/(?P<value>[^/]+)$"},
                    "status": "status",
                },
                "template": {
                    "type": "https://errors.example.com/{code}",
                    "status": "{status}",
                    "title": "HTTP {status}",
                },
            }
        )
    )
    body = reader.render({"code": "CALL_NOT_FOUND", "status": 404})
    assert body == {
        "type": "https://errors.example.com/CALL_NOT_FOUND",
        "status": 404,
        "title": "HTTP 404",
    }
    assert reader.parse(body) == ParsedEnvelope("CALL_NOT_FOUND", 404)


@pytest.mark.parametrize(
    ("fields", "where", "message"),
    [
        ({"code": "error.[x"}, "path", "not a valid JMESPath expression"),
        ({"code": {"path": "a", "pattern": "("}}, "pattern", "not a valid regular expression"),
        ({"code": {"path": "a", "pattern": "abc"}}, "pattern", "the pattern captures nothing"),
        ({"code": {"path": "a", "pattern": r"(\w)\1"}}, "pattern", "backreferences"),
        ({"code": {"path": "a", "pattern": "(?<=#)(?P<value>.+)"}}, "pattern", "lookbehind"),
        ({"code": {"path": "a", "pattern": "(?P<value>\\p{Lu}+)"}}, "pattern", "Unicode classes"),
        ({"code": {"path": "a", "pattern": "(?<value>.+)"}}, "pattern", r"\(\?P<name>…\) here"),
    ],
)
def test_broken_dialects_are_refused(fields: dict[str, Any], where: str, message: str) -> None:
    with pytest.raises(DialectError, match=message) as raised:
        dialect(fields)
    assert raised.value.path == ("envelope", "fields", "code", where)


def test_location_patterns_run_in_linear_time() -> None:
    reader = dialect({"code": {"path": "type", "pattern": "^(A+)+$|#(?P<value>.+)"}})
    start = time.perf_counter()
    assert reader.parse({"type": "A" * 39 + "_X#CODE"}).code == "CODE"
    assert time.perf_counter() - start < 1


SCHEMA = ("envelope", "schema")


@pytest.mark.parametrize(
    ("schema", "path", "message"),
    [
        ({"type": "objekt"}, ("type",), "not a valid JSON Schema"),
        (
            {"properties": {"a": {"pattern": "(?=x)"}}},
            ("properties", "a", "pattern"),
            "the pattern '(?=x)' is refused: lookahead",
        ),
        (
            {"patternProperties": {"^(a)\\1$": {}}},
            ("patternProperties", "^(a)\\1$"),
            "is refused: \\1 is not accepted",
        ),
        (
            {"allOf": [{"$id": "https://example.com/a.json", "$ref": "b.json"}]},
            ("allOf", 0, "$ref"),
            "the reference 'b.json' does not resolve within the schema (nothing is fetched)",
        ),
        (
            {"$ref": "https://json-schema.org/draft/2020-12/schema"},
            ("$ref",),
            "does not resolve within the schema",
        ),
        ({"$dynamicRef": "#meta"}, ("$dynamicRef",), "does not resolve within the schema"),
        ({"allOf": [{}], "$ref": "#/allOf/x"}, ("$ref",), "does not resolve within the schema"),
        (
            {"enum": [{"pattern": "^(a+)+$"}], "$ref": "#/enum/0"},
            ("$ref",),
            "the reference '#/enum/0' points at something that is not a schema",
        ),
        (
            {"$schema": "http://json-schema.org/draft-07/schema#"},
            ("$schema",),
            "only JSON Schema draft 2020-12 is supported",
        ),
        (
            {"properties": {"a": {"$schema": "https://json-schema.org/draft/2020-12/schema"}}},
            ("properties", "a", "$schema"),
            "$schema may only be given at the top of the schema",
        ),
        (
            {"$defs": {"a": {"$id": "file:///etc/passwd"}}},
            ("$defs", "a", "$id"),
            "a file: URI cannot identify a schema here",
        ),
        ({"$id": "http://[::1"}, ("$id",), "not a valid URI"),
        (
            {"patternProperties": {"^a": {}}, "not": {"unevaluatedProperties": False}},
            ("not", "unevaluatedProperties"),
            "unevaluatedProperties cannot be used in a schema that has patternProperties",
        ),
        (
            {"properties": {"a": {"enum": list(range(20_000))}}},
            (),
            "the schema holds more than 20,000 values",
        ),
        (nested(70), ("not",) * 65, "the schema is nested more than 64 levels deep"),
    ],
)
def test_hostile_schemas_are_refused_where_written(
    schema: dict[str, Any], path: tuple[str | int, ...], message: str
) -> None:
    with pytest.raises(DialectError) as raised:
        dialect({"code": "code"}, schema)
    assert message in raised.value.message
    assert raised.value.path == (*SCHEMA, *path)


@pytest.mark.parametrize(
    "schema",
    [
        {  # $id-relative references inside the schema still resolve
            "$id": "https://example.com/error.json",
            "$defs": {"code": {"$id": "code.json", "type": "string"}},
            "properties": {"code": {"$ref": "code.json"}},
        },
        {
            "$defs": {"c": {"$anchor": "code", "type": "string"}},
            "properties": {"code": {"$ref": "#code"}},
        },
        {
            "$dynamicAnchor": "node",
            "properties": {"code": {"type": "string"}, "next": {"$dynamicRef": "#node"}},
        },
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "properties": {"code": {"$ref": "#/$defs/c"}},
            "$defs": {"c": {"type": "string", "pattern": "^[A-Z_]+$"}},
        },
    ],
    ids=["id-relative", "anchor", "dynamic-anchor", "top-schema"],
)
def test_self_contained_schemas_still_work(schema: dict[str, Any]) -> None:
    reader = dialect({"code": "code"}, schema)
    assert reader.schema_problems({"code": "CALL_NOT_FOUND"}) == []
    assert reader.schema_problems({"code": 3}) != []


def test_ref_loops_are_refused_when_the_catalogue_loads() -> None:
    """A $ref that leads back to itself would apply one schema to one value for ever."""
    with pytest.raises(DialectError) as error:
        dialect({"code": "code"}, {"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"})
    assert error.value.path == ("envelope", "schema", "$defs", "a", "$ref")
    assert error.value.message.endswith("without reading into the body: a $ref loop")
    recursive = dialect(
        {"code": "code"},
        {"type": "object", "properties": {"details": {"type": "array", "items": {"$ref": "#"}}}},
    )
    assert recursive.schema_problems({"code": "X", "details": [{"details": []}]}) == []
    pickled = pickle.loads(pickle.dumps(recursive))
    assert pickled.schema_problems({"details": 1}) == recursive.schema_problems({"details": 1})
