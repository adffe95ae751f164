"""The browser's decoder reads error bodies exactly as Python's dialects do.

The same bodies go through ``Dialect.parse`` (catalogue/dialect.py) and through the page's own
``ReasonDecode.parse`` (static/reason-decode.js), in Chromium, on the built site: every shipped
example, and malformed or hostile bodies (not JSON, wrong types, numbers as codes, unknown
status names, huge strings, deep nesting, ``__proto__`` keys, unicode, patterns that do not
match, XML bombs, DOCTYPEs, namespaces, mixed content, whole HTTP responses with odd headers),
each through the shipped dialects and through test dialects with patterns, XML bodies, header
locations, scopes and sub-codes. Both must give the same code, status, message, request id,
field, scope and sub-codes, or fail for the same cause.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import reason_catalog
from reason_catalog.catalogue.dialect import MAX_XML_DEPTH, Dialect, EnvelopeError
from reason_catalog.catalogue.spec import EnvelopeSpec
from reason_catalog.catalogue.xmlbody import XmlBodyError, read_xml
from reason_catalog.sphinxext.browser import dialect_payload

from .conftest import CATALOGUES

pytestmark = pytest.mark.browser

SHIPPED = {c.slug: c for c in reason_catalog.load_catalogues([str(CATALOGUES)])}

#: Dialects with patterns, filters and loose schemas, beside the shipped ones.
TEST_DIALECTS: dict[str, dict[str, Any]] = {
    # RFC 9457: the code is the last part of the `type` URL.
    "rfc9457": {
        "schema": {
            "type": "object",
            "required": ["type"],
            "properties": {
                "type": {"type": "string"},
                "status": {"type": "integer", "minimum": 100},
                "title": {"type": "string"},
                "detail": {"type": "string"},
                "instance": {"type": "string"},
            },
        },
        "fields": {
            "code": {"path": "type", "pattern": r"/reasons/(?P<value>[^/.]+)\.html$"},
            "status": "status",
            "message": "detail",
            "request_id": "instance",
        },
        "template": {"type": "https://example.com/reasons/{code}.html", "status": "{status}"},
    },
    # AWS JSON protocols: "__type": "com.amazon.coral#ThrottlingException".
    "aws": {
        "schema": {
            "type": "object",
            "required": ["__type"],
            "properties": {
                "__type": {"type": "string", "pattern": "#"},
                "message": {"type": "string"},
                "Message": {"type": "string"},
            },
            "additionalProperties": {"type": ["string", "number", "boolean", "null"]},
        },
        "fields": {
            "code": {"path": "__type", "pattern": "#(?P<value>.+)$"},
            "message": "message || Message",
        },
        "template": {"__type": "aws#{code}", "message": "{message}"},
    },
    # Google's: the reason in a detail picked by a filter, the field by a case-blind pattern.
    "google": {
        "schema": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "status"],
                    "properties": {
                        "code": {"type": "integer"},
                        "status": {"type": "string", "pattern": "^[A-Z_]+$"},
                        "message": {"type": "string"},
                        "details": {"type": "array", "items": {"$ref": "#/$defs/detail"}},
                    },
                }
            },
            "$defs": {"detail": {"type": "object", "required": ["@type"]}},
        },
        "fields": {
            "code": "error.details[?\"@type\"=='type.googleapis.com/google.rpc.ErrorInfo']"
            " | [0].reason",
            "status": "error.code",
            "message": "error.message",
            "field": {
                "path": "error.details[?\"@type\"=='type.googleapis.com/google.rpc.BadRequest']"
                " | [0].fieldViolations[0].field",
                "pattern": r"(?i)^(?:body\.)?(?P<value>\w+)$",
            },
        },
        "template": {"error": {"code": "{status}", "status": "X", "message": "{message}"}},
    },
    # Anything goes: the values' own types decide (a status as a string of digits, …).
    "loose": {
        "schema": {},
        "fields": {
            "code": "code",
            "status": "status",
            "message": "message",
            "request_id": "id",
            "field": {"path": "field", "pattern": "^(?:param:)?([a-z_]+)$"},
        },
        "template": {"code": "{code}"},
    },
    # VoIPbin's locations under a schema that lets any status name through to the names.
    "named": {
        "schema": {"type": "object"},
        "fields": {
            "code": "error.reason",
            "status": {"path": "error.status", "names": {"NOT_FOUND": 404, "GONE": 410}},
            "message": "error.message",
            "request_id": "error.request_id",
        },
        "template": {"error": {"reason": "{code}", "status": "{status_name}"}},
    },
    # A pattern that backtracking engines take exponential time over.
    "redos": {
        "schema": {"type": "object", "properties": {"code": {"pattern": "^(a|a)*$"}}},
        "fields": {"code": {"path": "code", "pattern": "^(A+)+$"}},
        "template": {"code": "{code}"},
    },
    # S3's REST XML: <Error><Code>…</Code>…</Error>; the status is the status line's.
    "s3-xml": {
        "media_type": "application/xml",
        "schema": {
            "type": "object",
            "required": ["Error"],
            "properties": {
                "Error": {
                    "type": "object",
                    "required": ["Code"],
                    "properties": {"Code": {"type": "string"}, "Message": {"type": "string"}},
                }
            },
        },
        "fields": {
            "code": "Error.Code",
            "message": "Error.Message",
            "request_id": "Error.RequestId",
            "field": 'Error.Key || Error."@key"',
        },
        "template": {
            "Error": {"Code": "{code}", "Message": "{message}", "RequestId": "{request_id}"}
        },
    },
    # AWS's query protocols (IAM, EC2), attributes and mixed text: any XML shape at all.
    "query-xml": {
        "media_type": "text/xml; charset=utf-8",
        "schema": {},
        "fields": {
            "code": "ErrorResponse.Error.Code || Response.Errors.Error.Code"
            ' || Response.Errors.Error[0].Code || (*."@code" | [0])',
            "status": '*."@status" | [0]',
            "message": "ErrorResponse.Error.Message || Response.Errors.Error.Message"
            ' || (*."#text" | [0])',
            "request_id": "ErrorResponse.RequestId || Response.RequestID",
            "scope": {"path": "ErrorResponse.Error.Type", "scopes": {"Sender": "client"}},
        },
        "template": {
            "ErrorResponse": {
                "@xmlns": "https://iam.amazonaws.com/doc/2010-05-08/",
                "Error": {"Type": "Sender", "Code": "{code}", "Message": "{message}"},
                "RequestId": "{request_id}",
            }
        },
    },
    # AWS JSON protocols: every form of __type, and the service (scope) in its namespace.
    "aws-json": {
        "schema": {
            "type": "object",
            "required": ["__type"],
            "properties": {"__type": {"type": "string"}},
        },
        "fields": {
            "code": {"path": "__type", "pattern": "^(?:[^#]*#)?(?P<value>[^:#]+)"},
            "scope": {
                "path": "__type",
                "pattern": r"^com\.amazonaws\.(?P<value>[a-z0-9]+)\.",
                "scopes": {"dynamodb": "DynamoDB", "kinesis": "Kinesis"},
            },
            "message": "message || Message",
        },
        "template": {"__type": "com.amazonaws.{scope}.v1#{code}", "message": "{message}"},
    },
    # AWS REST JSON: the code in the X-Amzn-ErrorType header, the request id in another.
    "aws-header": {
        "schema": {"type": "object"},
        "fields": {
            "code": {"header": "X-Amzn-ErrorType", "pattern": "^(?P<value>[^:]+)"},
            "request_id": {"header": "x-amzn-requestid"},
            "status": {"header": "X-Status"},
            "message": "message || Message",
        },
        "template": {"message": "{message}"},
        "headers": {
            "X-Amzn-ErrorType": "{code}",
            "X-Amzn-RequestId": "{request_id}",
            "X-Status": "{status?}",
        },
    },
    # Stripe: a sub-code beside the code (decline_code), and the request id in a header.
    "stripe": {
        "schema": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "object", "required": ["type"]}},
        },
        "fields": {
            "code": "error.code",
            "message": "error.message",
            "field": "error.param",
            "request_id": {"header": "Request-Id"},
            "sub_codes": {
                "decline_code": "error.decline_code",
                "network_decline_code": "error.network_decline_code",
            },
        },
        "template": {"error": {"type": "card_error", "code": "{code}", "message": "{message}"}},
        "headers": {"Request-Id": "{request_id}"},
    },
    # JSON-RPC 2.0: integer codes, negative ones among them.
    "jsonrpc": {
        "schema": {
            "type": "object",
            "required": ["jsonrpc", "error"],
            "properties": {
                "jsonrpc": {"const": "2.0"},
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
                },
            },
        },
        "fields": {"code": "error.code", "message": "error.message", "request_id": "id"},
        "template": {
            "jsonrpc": "2.0",
            "error": {"code": "{code}", "message": "{message}"},
            "id": "{request_id}",
        },
    },
}

DIALECTS: dict[str, Dialect] = {
    **{slug: catalogue.dialect for slug, catalogue in SHIPPED.items()},
    **{name: Dialect(EnvelopeSpec.model_validate(spec)) for name, spec in TEST_DIALECTS.items()},
}


def voipbin(**error: Any) -> str:
    """A VoIPbin body, with ``error``'s keys replaced (None removes one)."""
    body = {
        "status": "NOT_FOUND",
        "reason": "CALL_NOT_FOUND",
        "message": "Call 42 was not found.",
        "request_id": "req_1",
    }
    body.update(error)
    return json.dumps({"error": {k: v for k, v in body.items() if v is not None}})


DEEP = 500  # nested well within Python's recursion limit
HOSTILE: dict[str, str] = {
    # Not JSON, or not quite.
    "empty": "",
    "blank": " \n\t",
    "truncated": '{"error": {"reason": "CALL_NOT_FOUND"',
    "single-quotes": "{'error': {'reason': 'CALL_NOT_FOUND'}}",
    "trailing-comma-object": '{"error": {"reason": "CALL_NOT_FOUND",}}',
    "trailing-comma-array": '{"errors": [{"code": "x", "message": "m"},]}',
    "bare-word": "CALL_NOT_FOUND",
    "nul": "nul",
    "unterminated-string": '{"code": "abc',
    "missing-colon": '{"code" "x"}',
    "bom": "\ufeff{}",
    "bad-escape": r'{"code": "\x41"}',
    "short-unicode-escape": r'{"code": "\u12"}',
    "raw-control-character": '{"code": "a\tb"}',
    "raw-nul": '{"code": "a\u0000b"}',
    "leading-zero": "01",
    "trailing-dot": "1.",
    "leading-dot": ".5",
    "lone-minus": "-",
    "bare-exponent": "1e",
    "two-documents": "{} {}",
    "garbage-after": '{"code": "x"}garbage',
    "nan-suffix": "NaNa",
    "hex-number": '{"code": 0x10}',
    "plus-number": '{"code": +1}',
    "unclosed-arrays": "[" * 20,
    "stray-brace": "}",
    # JSON, but not an error body, or the wrong types.
    "null": "null",
    "true": "true",
    "number": "42",
    "string": '"CALL_NOT_FOUND"',
    "empty-array": "[]",
    "array-of-body": "[" + voipbin() + "]",
    "empty-object": "{}",
    "error-null": '{"error": null}',
    "error-array": '{"error": []}',
    "error-string": '{"error": "CALL_NOT_FOUND"}',
    "code-number": voipbin(reason=42),
    "code-true": voipbin(reason=True),
    "code-false": voipbin(reason=False),
    "code-empty": voipbin(reason=""),
    "code-list": voipbin(reason=["CALL_NOT_FOUND"]),
    "code-object": voipbin(reason={"code": "CALL_NOT_FOUND"}),
    "code-missing": voipbin(reason=None),
    "message-number": voipbin(message=7),
    "request-id-list": voipbin(request_id=["a"]),
    "errors-object": '{"errors": {"code": "x", "message": "m"}}',
    "errors-empty": '{"errors": []}',
    "errors-null-item": '{"errors": [null]}',
    "response-status-array": '{"ResponseStatus": []}',
    "messagesdev-no-request-id": '{"error": {"type": "t", "code": "c", "message": "m"}}',
    # Numbers as codes and statuses, as Python reads them.
    "loose-int-code": '{"code": 404, "status": 404}',
    "loose-negative-zero": '{"code": -0, "status": -0}',
    "loose-float-code": '{"code": 404.0}',
    "loose-exponent-code": '{"code": 1e2}',
    "loose-fraction-code": '{"code": 4.5}',
    "loose-big-int-code": '{"code": 123456789012345678901234567890}',
    "loose-nan": '{"code": NaN, "status": NaN}',
    "loose-infinity": '{"code": "x", "status": Infinity}',
    "loose-minus-infinity": '{"code": -Infinity}',
    "loose-huge-float": '{"code": "x", "status": 1e400}',
    "loose-status-digits": '{"code": "x", "status": "404"}',
    "loose-status-arabic-digits": '{"code": "x", "status": "٤٠٤"}',
    "loose-status-mixed-digits": '{"code": "x", "status": "4٠4"}',
    "loose-status-spaced": '{"code": "x", "status": " 404"}',
    "loose-status-empty": '{"code": "x", "status": ""}',
    "loose-status-hex": '{"code": "x", "status": "0x194"}',
    "loose-status-true": '{"code": "x", "status": true}',
    "loose-status-float": '{"code": "x", "status": 404.0}',
    "loose-status-object": '{"code": "x", "status": {}}',
    "loose-status-fraction": '{"code": "x", "status": "½"}',
    "loose-big-status": '{"code": "x", "status": 99999999999999999999}',
    "loose-big-status-string": '{"code": "x", "status": "99999999999999999999"}',
    "loose-duplicate-keys": '{"code": "first", "code": "second"}',
    "rfc-float-status": '{"type": "https://x/reasons/CALL_NOT_FOUND.html", "status": 404.0}',
    "rfc-big-status": '{"type": "https://x/reasons/CALL_NOT_FOUND.html", "status": 1e2}',
    "rfc-low-status": '{"type": "https://x/reasons/CALL_NOT_FOUND.html", "status": 99}',
    "rfc-string-status": '{"type": "https://x/reasons/CALL_NOT_FOUND.html", "status": "404"}',
    "rfc-bool-status": '{"type": "https://x/reasons/CALL_NOT_FOUND.html", "status": true}',
    # Status names the dialect does not know.
    "status-unknown": voipbin(status="GONE"),
    "status-lower-case": voipbin(status="not_found"),
    "status-empty": voipbin(status=""),
    "status-number": voipbin(status=404),
    "status-proto": voipbin(status="__proto__"),
    "status-constructor": voipbin(status="constructor"),
    "status-to-string": voipbin(status="toString"),
    "status-has-own-property": voipbin(status="hasOwnProperty"),
    # Keys that name JavaScript's inherited properties.
    "proto-wrapper": '{"__proto__": ' + voipbin() + "}",
    "proto-in-error": '{"error": {"__proto__": {"reason": "CALL_NOT_FOUND"}, "status": "NOT_FOUND",'
    ' "message": "m", "request_id": "r"}}',
    "constructor-key": '{"constructor": {"prototype": {"reason": "x"}}, "code": "constructor"}',
    "has-own-property-key": '{"hasOwnProperty": 1, "toString": 2, "code": "x", "valueOf": 3}',
    "proto-code": voipbin(reason="__proto__"),
    # Unicode.
    "unicode-code": voipbin(reason="通話が見つかりません"),
    "emoji-code": '{"code": "🙂", "field": "param:naïve", "message": "✓"}',
    "combining-code": voipbin(reason="CALL_NOT_FOUND\u0301"),
    "escaped-lone-surrogate": r'{"code": "\ud800", "message": "\udc00x", "field": "\ud83d"}',
    "escaped-pair": r'{"code": "\ud83d\ude42", "message": "\u00e9"}',
    "right-to-left": voipbin(message="\u202eevil\u202c", request_id="\u200f"),
    "script-in-message": voipbin(message="</script><img src=x onerror=alert(1)>"),
    "nul-in-string": r'{"code": "a\u0000b"}',
    # Huge and deep.
    "huge-message": voipbin(message="m" * 1_000_000),
    "huge-code": voipbin(reason="C" * 100_000),
    "many-keys": json.dumps({f"k{i}": i for i in range(20_000)} | {"code": "x"}),
    "deep-details": voipbin(details=[{"x": "DEEP"}]).replace('"DEEP"', "[" * DEEP + "]" * DEEP),
    "deep-anywhere": '{"code": "x", "deep": ' + "[" * DEEP + "]" * DEEP + "}",
    # Patterns that do not match, or match oddly.
    "aws-ok": '{"__type": "com.amazon.coral#ThrottlingException", "message": "slow down"}',
    "aws-Message": '{"__type": "aws#Throttling", "Message": "capital M"}',
    "aws-no-hash": '{"__type": "ThrottlingException"}',
    "aws-empty-after-hash": '{"__type": "aws#"}',
    "aws-two-hashes": '{"__type": "a#b#c"}',
    "aws-final-newline": '{"__type": "aws#Throttling\\n"}',
    "aws-final-carriage-return": '{"__type": "aws#Throttling\\r"}',
    "aws-lone-surrogate": r'{"__type": "aws#\ud800x"}',
    "aws-type-number": '{"__type": 5}',
    "aws-extra-object": '{"__type": "a#b", "extra": {}}',
    "rfc-ok": '{"type": "https://x/reasons/CALL_NOT_FOUND.html", "status": 404, "detail": "d",'
    ' "instance": "/calls/1"}',
    "rfc-no-html": '{"type": "https://x/reasons/CALL_NOT_FOUND"}',
    "rfc-query": '{"type": "https://x/reasons/CALL_NOT_FOUND.html?x=1"}',
    "rfc-dotted-code": '{"type": "https://x/reasons/a.b.html"}',
    "rfc-relative": '{"type": "/reasons/X.html", "status": 500}',
    "google-ok": json.dumps(
        {
            "error": {
                "code": 400,
                "status": "INVALID_ARGUMENT",
                "message": "bad",
                "details": [
                    {
                        "@type": "type.googleapis.com/google.rpc.BadRequest",
                        "fieldViolations": [{"field": "BODY.Name"}],
                    },
                    {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "NAME_BAD"},
                ],
            }
        }
    ),
    "google-field-unmatched": json.dumps(
        {
            "error": {
                "code": 400,
                "status": "INVALID_ARGUMENT",
                "details": [
                    {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "R"},
                    {
                        "@type": "type.googleapis.com/google.rpc.BadRequest",
                        "fieldViolations": [{"field": "a.b.c"}],
                    },
                ],
            }
        }
    ),
    "google-no-error-info": '{"error": {"code": 500, "status": "INTERNAL", "details": []}}',
    "google-lower-status": '{"error": {"code": 500, "status": "internal"}}',
    "google-detail-without-type": '{"error": {"code": 500, "status": "X", "details": [{}]}}',
    "redos-long": '{"code": "' + "A" * 100_000 + 'B"}',
    "redos-match": '{"code": "AAAA"}',
    "redos-schema": '{"code": "' + "a" * 50_000 + '!"}',
    "loose-field-param": '{"code": "x", "field": "param:user_name"}',
    "loose-field-other": '{"code": "x", "field": "Param:User"}',
    "whitespace-around": " \r\n\t" + voipbin() + "\n\n",
}

#: Every shipped reason's example body.
EXAMPLES = {
    f"example-{slug}-{reason.code}": json.dumps(reason.example)
    for slug, catalogue in SHIPPED.items()
    for reason in catalogue.reasons
}

#: Bodies at and past the decoder's limits (dialect.py's MAX_BODY_DEPTH and MAX_DIGITS), which
#: both sides must refuse alike rather than crash or differ.
LIMITS = {
    "deep-nesting": "[" * 100_000 + "]" * 100_000,
    "depth-at-limit": '{"code": "x", "details": ' + "[" * 511 + "]" * 511 + "}",
    "depth-past-limit": '{"code": "x", "details": ' + "[" * 512 + "]" * 512 + "}",
    "loose-status-superscript": '{"code": "x", "status": "²"}',
    "loose-status-arabic-indic": '{"code": "x", "status": "٤٠٤"}',
    "huge-int": '{"code": ' + "9" * 5000 + "}",
    "int-at-limit": '{"code": "x", "n": -' + "9" * 4300 + "}",
    "int-past-limit": '{"code": "x", "n": ' + "9" * 4301 + "}",
    "loose-huge-status-string": '{"code": "x", "status": "' + "9" * 5000 + '"}',
}
HOSTILE.update(LIMITS)

LOL = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + "]><Error><Code>&lol9;</Code></Error>"
)
S3 = (
    "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
    "<Key>photos/2006/February/sample.jpg</Key><RequestId>4442587FB7D0A2F9</RequestId></Error>"
)
IAM = (
    '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>'
    "<Code>NoSuchEntity</Code><Message>The user with name bob cannot be found.</Message></Error>"
    "<RequestId>9e6ba8a6-5ec2-4e59-98a3-a6bc3a5e4b6f</RequestId></ErrorResponse>"
)
EC2 = (
    "<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID "
    "'i-1a2b3c4d' does not exist</Message></Error></Errors>"
    "<RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>"
)


def deep_xml(levels: int) -> str:
    """An error whose elements nest ``levels`` deep, the root counted."""
    inner = levels - 1
    return "<Error><Code>X</Code>" + "<a>" * inner + "</a>" * inner + "</Error>"


def stripe(**error: Any) -> str:
    body = {"type": "card_error", "code": "card_declined", "message": "Declined.", "param": "card"}
    body.update(error)
    return json.dumps({"error": body})


def aws(type_: str) -> str:
    return json.dumps({"__type": type_, "message": "Requested resource not found"})


AMZN_TYPE = "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/"
#: XML bodies, AWS's, Stripe's and JSON-RPC's, and whole responses, good and hostile.
WIRE: dict[str, str] = {
    # XML as S3, IAM and EC2 send it.
    "xml-s3": S3,
    "xml-s3-declared": '<?xml version="1.0" encoding="UTF-8"?>\n' + S3 + "\n",
    "xml-iam": IAM,
    "xml-ec2": EC2,
    "xml-ec2-two-errors": EC2.replace(
        "</Error></Errors>", "</Error><Error><Code>B</Code></Error></Errors>"
    ),
    "xml-prefixed": '<s3:Error xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/">'
    "<s3:Code>NoSuchKey</s3:Code><s3:Message>m</s3:Message></s3:Error>",
    "xml-unbound-prefix": "<x:Error><x:Code>NoSuchKey</x:Code></x:Error>",
    "xml-attributes": '<Error code="Throttled" status="503">Slow down</Error>',
    "xml-attributes-mixed": '<Error code="C" status="429">Slow <b>x</b> down<b>y</b></Error>',
    "xml-attributes-twice": '<Error xmlns:x="urn:x" code="Throttled" x:code="dup">Slow</Error>',
    "xml-attribute-key": '<Error key="k1"><Code>NoSuchKey</Code></Error>',
    "xml-attribute-whitespace": '<Error code="a&#10;b" status="4&#9;04">t\tt</Error>',
    "xml-attribute-normalised": '<Error code="a\nb\tc" status=" 404">t</Error>',
    "xml-mixed": "<Error>Bad <b>thing</b> happened<Code>X</Code> here</Error>",
    "xml-blank-mixed": "<Error>\n  <Code>X</Code>\n  <Message>m</Message>\n</Error>",
    "xml-cdata": "<Error><Code><![CDATA[No<Such>Key]]></Code></Error>",
    "xml-comment-in-text": "<Error><Code>No<!-- x -->SuchKey</Code><!-- end --></Error>",
    "xml-entities": "<Error><Code>A&amp;B</Code>"
    "<Message>&lt;&#x41;&#65;&gt;&quot;&apos;</Message></Error>",
    "xml-empty-code": "<Error><Code/><Message></Message></Error>",
    "xml-blank-code": "<Error><Code> X </Code></Error>",
    "xml-crlf": "<Error>\r\n  <Code>X</Code>\r\n  <Message>a\r\nb\rc</Message>\r\n</Error>",
    "xml-unicode-names": "<Ошибка><Code>通話</Code><Message>✓ 🙂</Message></Ошибка>",
    "xml-proto-names": "<__proto__><Code>X</Code><constructor>c</constructor>"
    "<hasOwnProperty>h</hasOwnProperty><toString>t</toString></__proto__>",
    "xml-proto-error": "<Error><__proto__><Code>X</Code></__proto__><Code>Y</Code></Error>",
    "xml-parsererror-plain": "<Error><parsererror>x</parsererror><Code>X</Code></Error>",
    "xml-encoding-latin1": '<?xml version="1.0" encoding="ISO-8859-1"?>'
    "<Error><Code>é</Code></Error>",
    "xml-encoding-bogus": '<?xml version="1.0" encoding="bogus"?><Error><Code>X</Code></Error>',
    "xml-standalone": '<?xml version="1.0" standalone="yes"?><Error><Code>X</Code></Error>',
    "xml-single-quotes": "<?xml version='1.0'?><Error><Code>X</Code></Error>",
    "xml-bom": "\ufeff" + S3,
    "xml-deep-at-limit": deep_xml(256),
    "xml-many-siblings": "<Response><Errors>"
    + "<Error><Code>A</Code></Error>" * 5000
    + "</Errors></Response>",
    "xml-huge-text": "<Error><Code>X</Code><Message>" + "m" * 1_000_000 + "</Message></Error>",
    # XML that is refused, or is not XML.
    "xml-billion-laughs": LOL,
    "xml-external-entity": '<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM '
    '"file:///etc/passwd">]><Error><Code>&x;</Code></Error>',
    "xml-parameter-entity": '<!DOCTYPE e [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>'
    "<Error><Code>X</Code></Error>",
    "xml-doctype": "<!DOCTYPE Error><Error><Code>X</Code></Error>",
    "xml-doctype-in-comment": "<!-- <!DOCTYPE x> --><Error><Code>X</Code></Error>",
    "xml-doctype-lower-case": "<!doctype Error><Error><Code>X</Code></Error>",
    "xml-pi-before": '<?xml-stylesheet href="a.xsl"?><Error><Code>X</Code></Error>',
    "xml-pi-inside": "<Error><?php echo 1; ?><Code>X</Code></Error>",
    "xml-pi-after": "<Error><Code>X</Code></Error><?x y?>",
    "xml-declaration-late": "<Error><Code>X</Code></Error><?xml version='1.0'?>",
    "xml-space-before-declaration": ' <?xml version="1.0"?><Error><Code>X</Code></Error>',
    "xml-version-1.1": '<?xml version="1.1"?><Error><Code>X</Code></Error>',
    "xml-version-2.0": '<?xml version="2.0"?><Error><Code>X</Code></Error>',
    "xml-no-version": '<?xml encoding="UTF-8"?><Error><Code>X</Code></Error>',
    "xml-undefined-entity": "<Error><Code>&nbsp;X</Code></Error>",
    "xml-char-ref-fffe": "<Error><Code>&#xFFFE;</Code></Error>",
    "xml-char-ref-zero": "<Error><Code>&#0;</Code></Error>",
    "xml-control-character": "<Error><Code>a\x01b</Code></Error>",
    "xml-lone-surrogate": "<Error><Code>\ud800</Code></Error>",
    "xml-deep-past-limit": deep_xml(257),
    "xml-deep-far-past-limit": deep_xml(20_000),
    "xml-two-roots": "<Error><Code>X</Code></Error><Error/>",
    "xml-text-after": "<Error><Code>X</Code></Error>junk",
    "xml-mismatched": "<Error><Code>X</Error></Code>",
    "xml-duplicate-attribute": '<Error code="a" code="b"/>',
    "xml-colon-name": "<a:b:c>x</a:b:c>",
    "xml-undeclare-prefix": '<Error xmlns:p=""><Code>X</Code></Error>',
    "xml-xhtml-parsererror": '<Error><parsererror xmlns="http://www.w3.org/1999/xhtml">x'
    "</parsererror><Code>X</Code></Error>",
    "xml-truncated": "<Error><Code>X</Code>",
    # AWS's JSON: the three forms of __type, and services as scopes.
    "aws-json-bare": aws("ResourceNotFoundException"),
    "aws-json-namespaced": aws("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"),
    "aws-json-coral-url": aws(
        "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.validate/"
    ),
    "aws-json-kinesis": aws("com.amazonaws.kinesis.v20131202#ResourceNotFoundException"),
    "aws-json-unmapped-service": aws("com.amazonaws.s3control.v20180820#NoSuchPublicAccessBlock"),
    "aws-json-service-constructor": aws("com.amazonaws.constructor.v1#X"),
    "aws-json-empty-after-hash": aws("com.amazonaws.dynamodb.v1#"),
    "aws-json-only-colon": aws(":http://internal"),
    # Stripe's sub-codes.
    "stripe-decline": stripe(decline_code="insufficient_funds"),
    "stripe-two-sub-codes": stripe(decline_code="do_not_honor", network_decline_code="05"),
    "stripe-integer-sub-code": stripe(decline_code=51, network_decline_code=-0),
    "stripe-big-sub-code": stripe(decline_code=123456789012345678901234567890),
    "stripe-odd-sub-codes": stripe(decline_code=True, network_decline_code=""),
    "stripe-float-sub-code": stripe(decline_code=5.0, network_decline_code=[1]),
    "stripe-no-code": stripe(code=None),
    # JSON-RPC's integer codes.
    "jsonrpc-method-not-found": '{"jsonrpc": "2.0", "error": {"code": -32601, "message": '
    '"Method not found"}, "id": "1"}',
    "jsonrpc-server-error": '{"jsonrpc": "2.0", "error": {"code": -32000, "message": "m", '
    '"data": {"x": 1}}, "id": null}',
    "jsonrpc-zero": '{"jsonrpc": "2.0", "error": {"code": 0, "message": "m"}, "id": 1}',
    "jsonrpc-minus-zero": '{"jsonrpc": "2.0", "error": {"code": -0, "message": "m"}, "id": 1}',
    "jsonrpc-float-code": '{"jsonrpc": "2.0", "error": {"code": -32601.0, "message": "m"}}',
    "jsonrpc-string-code": '{"jsonrpc": "2.0", "error": {"code": "-32601", "message": "m"}}',
    "jsonrpc-wrong-version": '{"jsonrpc": "1.0", "error": {"code": -32601, "message": "m"}}',
    # Whole responses: the status line, headers (any case, repeated, blank), then the body.
    "http-aws-crlf": "HTTP/1.1 400 Bad Request\r\nX-Amzn-ErrorType: "
    + AMZN_TYPE
    + "\r\nx-amzn-RequestId: 6ba8a6\r\nContent-Type: application/x-amz-json-1.1\r\n\r\n"
    + '{"message": "1 validation error detected"}',
    "http-aws-lf": "HTTP/1.1 400 Bad Request\nX-Amzn-ErrorType: "
    + AMZN_TYPE
    + '\n\n{"Message": "m"}',
    "http-2": "HTTP/2 404\nx-amzn-errortype: ResourceNotFoundException\nX-AMZN-REQUESTID: r\n\n{}",
    "http-header-status": "HTTP/1.1 400 Bad Request\nX-Amzn-ErrorType: A\nX-Status: 503\n\n{}",
    "http-header-status-word": "HTTP/1.1 400\nX-Amzn-ErrorType: A\nX-Status: four\n\n{}",
    "http-header-status-digits": "HTTP/1.1 400\nX-Amzn-ErrorType: A\nX-Status: ٤٠٤\n\n{}",
    "http-header-status-empty": "HTTP/1.1 400\nX-Amzn-ErrorType: A\nX-Status:\n\n{}",
    "http-repeated-header": "HTTP/1.1 400\nX-Amzn-ErrorType: A\nX-Amzn-ErrorType: B\n\n{}",
    "http-header-blanks": "HTTP/1.1 400\nX-Amzn-ErrorType: \t Throttling \t \nRequest-Id:req\n\n{}",
    "http-empty-header": "HTTP/1.1 400\nX-Amzn-ErrorType:\n\n{}",
    "http-header-unicode": "HTTP/1.1 400\nX-Amzn-ErrorType: Ошибка🙂\n\n{}",
    "http-header-proto": "HTTP/1.1 400\n__proto__: x\nconstructor: y\n"
    "X-Amzn-ErrorType: __proto__\n\n{}",
    "http-folded-header": "HTTP/1.1 400\nX-Amzn-ErrorType: A\n  continued\n\n{}",
    "http-no-colon": "HTTP/1.1 400 Bad Request\nGarbage\n\n{}",
    "http-space-in-name": "HTTP/1.1 400\nX Amzn: A\n\n{}",
    "http-bad-status-line": "HTTP/1.1 4040 Nope\n\n{}",
    "http-no-status": "HTTP/1.1\n\n{}",
    "http-bare": "HTTP/",
    "http-unknown-status": "HTTP/1.1 XXX Status unknown\nRequest-Id: r\n\n" + S3,
    "http-4xx-status": "HTTP/1.1 4XX\nX-Amzn-ErrorType: A\n\n{}",
    "http-no-blank-line": "HTTP/1.1 404 Not Found\nContent-Type: application/json",
    "http-carriage-returns-only": "HTTP/1.1 400 Bad\rX-Amzn-ErrorType: A\r\r{}",
    "http-line-separator": "HTTP/1.1 400 A\u2028B\nX-Amzn-ErrorType: A\u2028B\n\n{}",
    "http-lower-case": "http/1.1 400\n\n{}",
    "http-s3": "HTTP/1.1 404 Not Found\r\nContent-Type: application/xml\r\n\r\n" + S3,
    "http-iam-doctype": "HTTP/1.1 404 Not Found\n\n<!DOCTYPE x>" + IAM,
    "http-stripe": "HTTP/1.1 402 Payment Required\nRequest-Id: req_123\n\n"
    + stripe(decline_code="insufficient_funds"),
    "http-jsonrpc": "HTTP/1.1 200 OK\n\n" + '{"jsonrpc": "2.0", "error": {"code": -32700, '
    '"message": "Parse error"}, "id": null}',
    "http-blank-body-lines": "HTTP/1.1 404\n\n\n\n" + S3,
}
HOSTILE.update(WIRE)


def generated(name: str) -> str:
    """A test dialect's generated example, as a page shows it (a whole response with headers)."""
    dialect = DIALECTS[name]
    values = {
        "code": -32601 if name == "jsonrpc" else "ResourceNotFoundException",
        "status": 404,
        "message": "Requested resource <b>not</b> found & gone.",
        "request_id": "req_1",
        "scope": "dynamodb",
    }
    body = dialect.render(values)
    headers = dialect.render_headers(values)
    if headers:
        return dialect.response_text(body, headers, values["status"])
    return dialect.body_text(body)


#: The test dialects' own generated examples, read back by both sides.
GENERATED = {
    f"generated-{name}": generated(name)
    for name in ("s3-xml", "query-xml", "aws-json", "aws-header", "stripe", "jsonrpc")
}
HOSTILE.update(GENERATED)

BODIES = {**EXAMPLES, **HOSTILE}


class PythonCrashed(Exception):
    """Dialect.parse raised something other than EnvelopeError."""


def failure_class(message: str) -> str:
    """The cause of an EnvelopeError, as the decoder names it."""
    for prefix, name in [
        ("the body is not JSON", "not-json"),
        ("the body is not XML", "not-xml"),
        ("the response is not HTTP", "not-http"),
        ("the body does not match the error schema", "schema"),
        ("the body has no reason code", "no-code"),
    ]:
        if message.startswith(prefix):
            return name
    if message.startswith("the status ") and "is none of the known names" in message:
        return "status-name"
    if message.startswith("the status ") and message.endswith("is not a number"):
        return "status-type"
    raise AssertionError(f"an EnvelopeError of no known cause: {message}")


def python_result(dialect: Dialect, body: str) -> dict[str, Any]:
    """What Python reads from a body: the envelope's values, or the cause of its failure."""
    try:
        parsed = dialect.parse(body)
    except EnvelopeError as error:
        return {"failure": failure_class(str(error))}
    except Exception as error:
        raise PythonCrashed(f"{type(error).__name__}: {str(error)[:200]}") from error
    return {
        "code": parsed.code,
        "status": None if parsed.status is None else str(parsed.status),
        "message": parsed.message,
        "request_id": parsed.request_id,
        "field": parsed.field,
        "scope": parsed.scope,
        "sub_codes": [list(pair) for pair in parsed.sub_codes],
    }


JS_PARSE = """input => {
    const [specs, cases] = JSON.parse(input);
    const dialects = {};
    for (const [name, spec] of Object.entries(specs)) dialects[name] = ReasonDecode.compile(spec);
    const results = {};
    for (const [id, text] of Object.entries(cases)) {
        results[id] = {};
        for (const name of Object.keys(specs)) {
            const r = ReasonDecode.parse(dialects[name], text);
            const e = r.ok ? r.envelope : null;
            results[id][name] = {
                result: e ? {code: e.code, status: e.status === null ? null : String(e.status),
                             message: e.message, request_id: e.request_id, field: e.field,
                             scope: e.scope, sub_codes: e.sub_codes}
                          : {failure: r.failure},
                unchecked: r.unchecked,
            };
        }
    }
    // As JSON: lone surrogates survive it (escaped), not the page's own transfer.
    return JSON.stringify(results);
}"""


@pytest.fixture(scope="module")
def from_js(browser: Any, built_site: Path, serve: Any) -> Iterator[dict[str, Any]]:
    """Every body through every dialect, in the built browse page's own decoder."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(serve(built_site) + "browse.html")
    page.wait_for_function(
        "typeof ReasonDecode === 'object' && typeof RE2JS === 'object' && "
        "typeof jmespath === 'object'"
    )
    specs = {name: dialect_payload(dialect) for name, dialect in DIALECTS.items()}
    text = page.evaluate(JS_PARSE, json.dumps([specs, BODIES]))
    yield json.loads(text)
    context.close()
    assert errors == []


def test_the_page_decodes_with_the_shipped_dialects(built_site: Path) -> None:
    text = (built_site / "reason-codes.js").read_text(encoding="utf-8")
    payload = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    assert payload["dialects"] == {
        slug: dialect_payload(catalogue.dialect) for slug, catalogue in SHIPPED.items()
    }


def test_enough_bodies() -> None:
    assert len(EXAMPLES) == sum(len(c.reasons) for c in SHIPPED.values()) > 300
    assert len(HOSTILE) >= 50
    assert len(DIALECTS) == len(SHIPPED) + len(TEST_DIALECTS) and len(SHIPPED) == 4
    # Each cause of failure, and success, is met by some body in some dialect.
    causes = {
        python_result(dialect, body).get("failure", "read")
        for dialect in DIALECTS.values()
        for body in HOSTILE.values()
    }
    assert causes == {
        *("read", "not-json", "not-xml", "not-http"),
        *("schema", "no-code", "status-name", "status-type"),
    }
    assert len(WIRE) >= 30


@pytest.mark.parametrize(
    "name",
    [
        *EXAMPLES,
        *HOSTILE,
    ],
)
def test_python_and_the_browser_read_a_body_alike(from_js: dict[str, Any], name: str) -> None:
    body = BODIES[name]
    for dialect_name, dialect in DIALECTS.items():
        js = from_js[name][dialect_name]
        # Every schema here is within what the browser checks: none is read unchecked.
        assert js["unchecked"] is None, (dialect_name, js)
        assert js["result"] == python_result(dialect, body), dialect_name


def test_every_example_reads_as_its_own_reason(from_js: dict[str, Any]) -> None:
    for slug, catalogue in SHIPPED.items():
        for reason in catalogue.reasons:
            result = from_js[f"example-{slug}-{reason.code}"][slug]["result"]
            assert result["code"] == reason.code, (slug, reason.code, result)


JS_READ_XML = """input => {
    const [limits, cases] = JSON.parse(input);
    const results = {};
    for (const [id, text] of Object.entries(cases)) {
        const r = ReasonDecode.readXml(text, limits);
        results[id] = r.ok ? {value: r.value} : {failure: r.message};
    }
    return JSON.stringify(results);
}"""


def python_xml(text: str) -> dict[str, Any]:
    """What xmlbody.py makes of a text: the value, or that it is not (or refused) XML."""
    try:
        return {"value": read_xml(text, MAX_XML_DEPTH)}
    except XmlBodyError as error:
        return {"failure": "refused" if error.refused else "not-xml"}


def test_xml_maps_to_the_same_value(browser: Any, built_site: Path, serve: Any) -> None:
    """Every body, read as XML by both sides, gives the same value or fails alike."""
    bodies = {name: text for name, text in HOSTILE.items() if "xml" in name or "http" in name}
    bodies = {n: t.partition("\n\n")[2] if t.startswith("HTTP/") else t for n, t in bodies.items()}
    context = browser.new_context()
    page = context.new_page()
    page.goto(serve(built_site) + "browse.html")
    page.wait_for_function("typeof ReasonDecode === 'object'")
    limits = dialect_payload(DIALECTS["s3-xml"])["limits"]
    results = json.loads(page.evaluate(JS_READ_XML, json.dumps([limits, bodies])))
    context.close()
    for name, text in bodies.items():
        js, python = results[name], python_xml(text)
        if "failure" in python:
            assert "failure" in js, (name, js)
            # The browser names a refusal as Python does, but for the one element its own
            # parser reports errors with (Python refuses it; the browser cannot tell).
            refused = js["failure"].startswith("the body is not XML this decoder reads")
            if name != "xml-xhtml-parsererror":
                assert refused == (python["failure"] == "refused"), (name, js)
        else:
            assert js == python, name


def test_the_browser_reads_wire_bodies_as_documented(from_js: dict[str, Any]) -> None:
    """A few results pinned, so that agreeing on nothing could not pass for parity."""
    assert from_js["xml-iam"]["query-xml"]["result"] == {
        "code": "NoSuchEntity",
        "status": None,
        "message": "The user with name bob cannot be found.",
        "request_id": "9e6ba8a6-5ec2-4e59-98a3-a6bc3a5e4b6f",
        "field": None,
        "scope": "client",
        "sub_codes": [],
    }
    assert from_js["xml-attributes"]["query-xml"]["result"]["status"] == "503"
    assert from_js["aws-json-namespaced"]["aws-json"]["result"]["scope"] == "DynamoDB"
    assert from_js["aws-json-coral-url"]["aws-json"]["result"]["code"] == (
        "ResourceNotFoundException"
    )
    assert from_js["http-aws-crlf"]["aws-header"]["result"]["code"] == "ValidationException"
    assert from_js["http-stripe"]["stripe"]["result"]["sub_codes"] == [
        ["decline_code", "insufficient_funds"]
    ]
    assert from_js["http-s3"]["s3-xml"]["result"]["status"] == "404"
    assert from_js["jsonrpc-method-not-found"]["jsonrpc"]["result"]["code"] == "-32601"
    for bomb in ("xml-billion-laughs", "xml-external-entity", "xml-parameter-entity"):
        assert from_js[bomb]["s3-xml"]["result"] == {"failure": "not-xml"}
    assert from_js["http-folded-header"]["aws-header"]["result"] == {"failure": "not-http"}
