"""The browser's decoder reads error bodies exactly as Python's dialects do.

The same bodies go through ``Dialect.parse`` (catalogue/dialect.py) and through the page's own
``ReasonDecode.parse`` (static/reason-decode.js), in Chromium, on the built site: every shipped
example, and malformed or hostile bodies (not JSON, wrong types, numbers as codes, unknown
status names, huge strings, deep nesting, ``__proto__`` keys, unicode, patterns that do not
match), each through the four shipped dialects and through test dialects with patterns. Both
must give the same code, status, message, request id and field, or fail for the same cause.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import reason_catalog
from reason_catalog.catalogue.dialect import Dialect, EnvelopeError
from reason_catalog.catalogue.spec import EnvelopeSpec
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

BODIES = {**EXAMPLES, **HOSTILE}


class PythonCrashed(Exception):
    """Dialect.parse raised something other than EnvelopeError."""


def failure_class(message: str) -> str:
    """The cause of an EnvelopeError, as the decoder names it."""
    for prefix, name in [
        ("the body is not JSON", "not-json"),
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
                             message: e.message, request_id: e.request_id, field: e.field}
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
    assert causes == {"read", "not-json", "schema", "no-code", "status-name", "status-type"}


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
