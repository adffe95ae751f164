"""Envelope dialects: the declarative description reads every kind of error body we know of."""

from __future__ import annotations

import json
from typing import Any

import pytest
from reason_catalog.catalogue.dialect import Dialect, DialectError, EnvelopeError, ParsedEnvelope
from reason_catalog.catalogue.spec import EnvelopeSpec


def dialect(fields: dict[str, Any], schema: dict[str, Any] | None = None) -> Dialect:
    return Dialect(
        EnvelopeSpec.model_validate(
            {"schema": schema or {"type": "object"}, "fields": fields, "template": {}}
        )
    )


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
    ("fields", "message"),
    [
        ({"code": "error.[x"}, "not a valid JMESPath expression"),
        ({"code": {"path": "a", "pattern": "("}}, "not a valid regular expression"),
        ({"code": {"path": "a", "pattern": "abc"}}, "the pattern captures nothing"),
    ],
)
def test_broken_dialects_are_refused(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(DialectError, match=message):
        dialect(fields)
