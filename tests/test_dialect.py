"""Envelope dialects: the declarative description reads every kind of error body we know of."""

from __future__ import annotations

import json
import pickle
import re
import time
from typing import Any

import pytest
from reason_catalog.catalogue.dialect import (
    MAX_BODY_DEPTH,
    MAX_XML_DEPTH,
    Dialect,
    EnvelopeError,
    ParsedEnvelope,
    is_xml_media_type,
    read_response,
)
from reason_catalog.catalogue.errors import DialectError
from reason_catalog.catalogue.spec import EnvelopeSpec
from reason_catalog.catalogue.xmlbody import read_xml, write_xml


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


# -- AWS's __type, in all three forms -------------------------------------------------------------

AWS_TYPE = dialect(
    {
        "code": {"path": "__type", "pattern": "^(?:[^#]*#)?(?P<value>[^:#]+)"},
        "scope": {
            "path": "__type",
            "pattern": r"^com\.amazonaws\.(?P<value>[a-z0-9]+)\.",
            "scopes": {"dynamodb": "DynamoDB"},
        },
        "message": "message || Message",
    }
)


@pytest.mark.parametrize(
    ("type_", "scope"),
    [
        ("ResourceNotFoundException", None),
        ("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "DynamoDB"),
        (
            "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            None,
        ),
        ("com.amazonaws.kinesis.v20131202#ResourceNotFoundException", "kinesis"),
    ],
    ids=["bare", "namespaced", "coral-url", "unmapped-scope"],
)
def test_every_form_of_aws_type_reads(type_: str, scope: str | None) -> None:
    parsed = AWS_TYPE.parse({"__type": type_, "Message": "Requested resource not found"})
    assert parsed == ParsedEnvelope(
        "ResourceNotFoundException", message="Requested resource not found", scope=scope
    )


# -- XML bodies -----------------------------------------------------------------------------------

S3_BODY = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code>'
    "<Message>The specified key does not exist.</Message><RequestId>4442587FB7D0A2F9</RequestId>"
    "</Error>"
)
IAM_BODY = (
    '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">\n  <Error>\n'
    "    <Type>Sender</Type>\n    <Code>NoSuchEntity</Code>\n"
    "    <Message>The user with name bob cannot be found.</Message>\n  </Error>\n"
    "  <RequestId>9e6ba8a6</RequestId>\n</ErrorResponse>"
)
EC2_BODY = (
    "<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>No such instance"
    "</Message></Error><Error><Code>Second</Code><Message>m</Message></Error></Errors>"
    "<RequestID>ea966190</RequestID></Response>"
)


def xml_dialect(
    fields: dict[str, Any],
    template: Any = None,
    schema: dict[str, Any] | None = None,
    media_type: str = "application/xml",
) -> Dialect:
    return Dialect(
        EnvelopeSpec.model_validate(
            {
                "media_type": media_type,
                "schema": schema or {"type": "object"},
                "fields": fields,
                "template": template or {"Error": {"Code": "{code}"}},
            }
        )
    )


S3 = xml_dialect(
    {"code": "Error.Code", "message": "Error.Message", "request_id": "Error.RequestId"},
    {"Error": {"Code": "{code}", "Message": "{message}", "RequestId": "{request_id}"}},
    {
        "type": "object",
        "required": ["Error"],
        "properties": {"Error": {"type": "object", "required": ["Code", "Message"]}},
    },
)
QUERY = xml_dialect(
    {
        "code": "ErrorResponse.Error.Code || Response.Errors.Error[0].Code",
        "message": "ErrorResponse.Error.Message || Response.Errors.Error[0].Message",
        "request_id": "ErrorResponse.RequestId || Response.RequestID",
        "scope": {"path": "ErrorResponse.Error.Type", "scopes": {"Sender": "client"}},
    },
    {
        "ErrorResponse": {
            "@xmlns": "https://iam.amazonaws.com/doc/2010-05-08/",
            "Error": {"Type": "Sender", "Code": "{code}", "Message": "{message}"},
            "RequestId": "{request_id}",
        }
    },
    media_type="text/xml; charset=utf-8",
)


@pytest.mark.parametrize(
    ("reader", "body", "value", "expected"),
    [
        (
            S3,
            S3_BODY,
            {
                "Error": {
                    "Code": "NoSuchKey",
                    "Message": "The specified key does not exist.",
                    "RequestId": "4442587FB7D0A2F9",
                }
            },
            ParsedEnvelope(
                "NoSuchKey", None, "The specified key does not exist.", "4442587FB7D0A2F9"
            ),
        ),
        (
            QUERY,
            IAM_BODY,
            {
                "ErrorResponse": {
                    "Error": {
                        "Type": "Sender",
                        "Code": "NoSuchEntity",
                        "Message": "The user with name bob cannot be found.",
                    },
                    "RequestId": "9e6ba8a6",
                }
            },
            ParsedEnvelope(
                "NoSuchEntity",
                message="The user with name bob cannot be found.",
                request_id="9e6ba8a6",
                scope="client",
            ),
        ),
        (
            QUERY,
            EC2_BODY,
            {
                "Response": {
                    "Errors": {
                        "Error": [
                            {"Code": "InvalidInstanceID.NotFound", "Message": "No such instance"},
                            {"Code": "Second", "Message": "m"},
                        ]
                    },
                    "RequestID": "ea966190",
                }
            },
            ParsedEnvelope(
                "InvalidInstanceID.NotFound", message="No such instance", request_id="ea966190"
            ),
        ),
    ],
    ids=["s3", "iam", "ec2"],
)
def test_aws_xml_bodies(reader: Dialect, body: str, value: Any, expected: ParsedEnvelope) -> None:
    assert read_xml(body, MAX_XML_DEPTH) == value
    assert reader.parse(body) == expected
    assert reader.parse(body.encode()) == expected
    assert reader.parse(value) == expected  # an already mapped body reads the same


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("<a/>", {"a": ""}),
        ("<a>  </a>", {"a": "  "}),  # a leaf's text exactly as written
        ("<a>404</a>", {"a": "404"}),  # numbers stay strings
        ('<a x="1" y="2"/>', {"a": {"@x": "1", "@y": "2"}}),
        ('<a x="1"> t </a>', {"a": {"@x": "1", "#text": " t "}}),
        ('<a x="1">  \n </a>', {"a": {"@x": "1"}}),  # blank text beside others is left out
        ("<a><b>1</b><c/><b>2</b></a>", {"a": {"b": ["1", "2"], "c": ""}}),
        ("<a>x <b>1</b> y</a>", {"a": {"b": "1", "#text": "x  y"}}),
        ("<a>no<!-- c -->te<![CDATA[<&>]]></a>", {"a": "note<&>"}),
        ("<a>&lt;&amp;&#65;&#x42;</a>", {"a": "<&AB"}),
        ("<a>1\r\n2\r3</a>", {"a": "1\n2\n3"}),
        ('<a b="x\ty&#10;z"/>', {"a": {"@b": "x y\nz"}}),
        (
            '<p:a xmlns:p="urn:p" xmlns="urn:d" p:x="1" xml:lang="en"><b/></p:a>',
            {"a": {"@x": "1", "@lang": "en", "b": ""}},
        ),
        ('<a xmlns:p="urn:p" xmlns:q="urn:q" p:x="1" q:x="2"/>', {"a": {"@x": ["1", "2"]}}),
        (
            "<__proto__><constructor>c</constructor></__proto__>",
            {"__proto__": {"constructor": "c"}},
        ),
        ('<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>', {"a": "é"}),
        ("\ufeff<a>x</a>", {"a": "x"}),
        ("<a><!-- only a comment --></a>", {"a": ""}),
    ],
)
def test_the_xml_mapping_rule(text: str, value: Any) -> None:
    assert read_xml(text, MAX_XML_DEPTH) == value


LOL = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(2, 10))
    + '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    + "]><Error><Code>&lol9;</Code></Error>"
)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (LOL, "the body is not XML this decoder reads: it declares a DOCTYPE"),
        (
            '<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<Error><Code>&x;</Code></Error>",
            "the body is not XML this decoder reads: it declares a DOCTYPE",
        ),
        ("<!DOCTYPE Error><Error/>", "it declares a DOCTYPE"),
        ("<!-- <!DOCTYPE x> --><Error/>", "it declares a DOCTYPE"),
        ('<?xml-stylesheet href="a.xsl"?><Error/>', "a processing instruction (<?xml-stylesheet"),
        ("<Error><?php x ?></Error>", "this decoder reads: it holds a processing instruction"),
        ('<?xml version="1.1"?><Error/>', "it is XML version 1.1, not 1.0"),
        (
            "<a>" * 257 + "</a>" * 257,
            f"this decoder reads: its elements nest more than {MAX_XML_DEPTH} deep",
        ),
        (
            '<Error><parsererror xmlns="http://www.w3.org/1999/xhtml"/></Error>',
            "an XHTML parsererror element",
        ),
        ("<Error>\ud800</Error>", "the body is not XML: it holds a lone surrogate"),
        ("<Error>&nbsp;</Error>", "the body is not XML: undefined entity at line 1 column 8"),
        ("<Error><Code>X</Error>", "the body is not XML: mismatched tag"),
        (
            '{"Error": {}}',
            "the body is not XML: not well-formed (invalid token) at line 1 column 1",
        ),
        ("", "the body is not XML: no element found"),
        ("<Error/><Error/>", "junk after document element"),
    ],
)
def test_xml_that_is_refused_says_why(body: str, message: str) -> None:
    start = time.perf_counter()
    with pytest.raises(EnvelopeError) as raised:
        S3.parse(body)
    assert message in str(raised.value)
    assert time.perf_counter() - start < 1


def test_xml_nests_to_its_limit() -> None:
    assert read_xml("<a>" * MAX_XML_DEPTH + "</a>" * MAX_XML_DEPTH, MAX_XML_DEPTH)
    assert MAX_XML_DEPTH * 2 <= MAX_BODY_DEPTH  # each element may be an object in a list


@pytest.mark.parametrize(
    ("media_type", "language"),
    [
        ("application/xml", "xml"),
        ("text/xml; charset=utf-8", "xml"),
        ("application/problem+xml", "xml"),
        ("Application/XML", "xml"),
        ("application/json", "json"),
        ("application/problem+json", "json"),
        ("application/x-amz-json-1.1", "json"),
    ],
)
def test_the_media_type_says_json_or_xml(media_type: str, language: str) -> None:
    assert is_xml_media_type(media_type) == (language == "xml")
    template = {"Error": {"Code": "{code}"}} if language == "xml" else {"code": "{code}"}
    reader = xml_dialect({"code": "Error.Code"}, template, media_type=media_type)
    assert (reader.language, reader.is_xml) == (language, language == "xml")


def test_xml_examples_are_written_and_read_back() -> None:
    values = {"code": "NoSuchEntity", "message": 'a < b & "c" ]]>', "request_id": "req_1"}
    body = QUERY.render(values)
    assert body == {
        "ErrorResponse": {
            "Error": {"Type": "Sender", "Code": "NoSuchEntity", "Message": 'a < b & "c" ]]>'},
            "RequestId": "req_1",
        }
    }
    text = QUERY.body_text(body)
    assert text == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">\n'
        "  <Error>\n"
        "    <Type>Sender</Type>\n"
        "    <Code>NoSuchEntity</Code>\n"
        '    <Message>a &lt; b &amp; "c" ]]&gt;</Message>\n'
        "  </Error>\n"
        "  <RequestId>req_1</RequestId>\n"
        "</ErrorResponse>"
    )
    assert read_xml(text, MAX_XML_DEPTH) == body
    assert QUERY.parse(text).message == 'a < b & "c" ]]>'
    assert (QUERY.language, S3.language, AWS.language) == ("xml", "xml", "json")


@pytest.mark.parametrize(
    "value",
    [
        {"a": {"@x": 'q"<&>\t\n\r', "#text": " t\r\n", "b": ["1", ""], "c": {"@d": ""}}},
        {"a": {"b": {"c": {"d": "deep"}}, "e": [{"@f": "1"}, {"g": "2"}]}},
        {"a": {"@x": "1", "#text": "mixed ", "b": {"c": "1", "d": "2"}}},
        {"a": "  spaced  "},
        {"a": ""},
        {"ДЛЯ": {"é": "✓ 🙂"}},
    ],
)
def test_body_text_reads_back_as_the_value(value: Any) -> None:
    assert read_xml(write_xml(value), MAX_XML_DEPTH) == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"r": {"a": [["x"]]}}, "a list in a list"),
        ({"a": ["x", "y"]}, "one root element"),
        ({"a": "x", "b": "y"}, "one key"),
        ({"1a": "x"}, "not an XML name"),
        ({"p:a": "x"}, "not an XML name"),
        ({"a": {"@x": ["1", "2"]}}, "cannot be given twice"),
        ({"a": "\x01"}, "U+0001 cannot be written"),
        ({"a": 1.5}, "has no XML form"),
    ],
)
def test_values_without_an_xml_form_are_refused(value: Any, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        write_xml(value)


@pytest.mark.parametrize(
    ("template", "where", "message"),
    [
        ({"a": "x", "b": "y"}, ("template",), "an object with one key"),
        ("{code}", ("template",), "an object with one key"),
        ({"Error": {"Status": 404}}, ("template", "Error", "Status"), "has no XML form"),
        ({"Error": {"Code": ["{code}"]}}, ("template", "Error", "Code"), "a list of one"),
        ({"Error": {"#text": "t"}}, ("template", "Error"), "only #text"),
        ({"Error": {}}, ("template", "Error"), "has no XML form"),
        ({"Error": {"A": {"@xmlns": "u"}}}, ("template", "Error", "A", "@xmlns"), "on the root"),
        ({"Error": {"@xmlns": "{code}"}}, ("template", "Error", "@xmlns"), "literal"),
        ({"p:Error": "{code}"}, ("template", "p:Error"), "not an XML name"),
        ({"Error": {"@a": {"b": "c"}}}, ("template", "Error", "@a"), "holds text only"),
    ],
)
def test_xml_templates_must_have_an_xml_form(
    template: Any, where: tuple[str, ...], message: str
) -> None:
    with pytest.raises(DialectError, match=message) as raised:
        xml_dialect({"code": "Error.Code"}, template)
    assert raised.value.path == ("envelope", *where)


def test_xml_dialects_pickle() -> None:
    copy = pickle.loads(pickle.dumps(QUERY))
    assert copy.parse(IAM_BODY) == QUERY.parse(IAM_BODY)


# -- Headers and whole responses ------------------------------------------------------------------


def spec_dialect(**spec: Any) -> Dialect:
    return Dialect(EnvelopeSpec.model_validate({"schema": {"type": "object"}, **spec}))


AWS_REST = spec_dialect(
    fields={
        "code": {"header": "X-Amzn-ErrorType", "pattern": "^(?P<value>[^:]+)"},
        "request_id": {"header": "x-amzn-requestid"},
        "message": "message || Message",
    },
    template={"message": "{message}"},
    headers={"X-Amzn-ErrorType": "{code}", "X-Amzn-RequestId": "{request_id}"},
)
AMZN_TYPE = "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/"


def test_header_locations_read_headers_in_any_case() -> None:
    headers = {"x-amzn-errortype": AMZN_TYPE, "X-AMZN-REQUESTID": "6ba8a6"}
    expected = ParsedEnvelope("ValidationException", None, "m", "6ba8a6")
    assert AWS_REST.parse('{"message": "m"}', headers) == expected
    assert AWS_REST.read({"message": "m"}, headers) == expected
    assert AWS_REST.read({"message": "m"}, headers, status=400).status == 400
    with pytest.raises(EnvelopeError, match="no reason code at header x-amzn-errortype"):
        AWS_REST.parse('{"message": "m"}')


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_whole_responses_are_read(newline: str) -> None:
    text = newline.join(
        [
            "HTTP/1.1 400 Bad Request",
            f"X-Amzn-ErrorType:  {AMZN_TYPE}\t",
            "x-amzn-RequestId: 6ba8a6",
            "Content-Type: application/x-amz-json-1.1",
            "",
            '{"Message": "1 validation error"}',
        ]
    )
    assert AWS_REST.parse(text) == ParsedEnvelope(
        "ValidationException", 400, "1 validation error", "6ba8a6"
    )
    # The response's headers win over those given beside it.
    assert AWS_REST.parse(text, {"X-Amzn-RequestId": "other"}).request_id == "6ba8a6"


def test_read_response() -> None:
    assert read_response("HTTP/2 404\nA: 1\na: 2\nB:\n\nbody\n\nmore") == (
        404,
        {"a": "1, 2", "b": ""},
        "body\n\nmore",
    )
    assert read_response("HTTP/1.1 XXX Status unknown\n\n{}") == (None, {}, "{}")
    assert read_response("HTTP/1.1 204 No Content") == (204, {}, "")


def test_the_body_status_wins_over_the_status_line() -> None:
    assert TWILIO.parse('HTTP/1.1 400 Bad Request\n\n{"code": 1, "status": 429}').status == 429
    assert TWILIO.parse('HTTP/1.1 400 Bad Request\n\n{"code": 1}').status == 400
    assert S3.parse("HTTP/1.1 404 Not Found\r\n\r\n" + S3_BODY).status == 404


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("HTTP/1.1 4040 Nope\n\n{}", "its first line is not a status line"),
        ("HTTP/\n\n{}", "its first line is not a status line"),
        ("HTTP/1.1 400\nGarbage\n\n{}", "line 2 is not a header"),
        ("HTTP/1.1 400\nA: 1\n  folded\n\n{}", "line 3 is not a header"),
        ("HTTP/1.1 400\nX Y: 1\n\n{}", "line 2 is not a header"),
    ],
)
def test_odd_responses_are_refused(text: str, message: str) -> None:
    with pytest.raises(EnvelopeError, match="the response is not HTTP this decoder reads: "):
        AWS_REST.parse(text)
    with pytest.raises(EnvelopeError, match=message):
        AWS_REST.parse(text)


def test_response_text_reads_back() -> None:
    values = {"code": "ResourceNotFoundException", "message": "gone", "request_id": "r\r\n1"}
    headers = AWS_REST.render_headers(values)
    assert headers == {"X-Amzn-ErrorType": "ResourceNotFoundException", "X-Amzn-RequestId": "r 1"}
    text = AWS_REST.response_text(AWS_REST.render(values), headers, 404)
    assert text == (
        "HTTP/1.1 404 Not Found\nContent-Type: application/json\n"
        "X-Amzn-ErrorType: ResourceNotFoundException\nX-Amzn-RequestId: r 1\n\n"
        '{\n  "message": "gone"\n}'
    )
    assert AWS_REST.parse(text) == ParsedEnvelope("ResourceNotFoundException", 404, "gone", "r 1")
    unknown = AWS_REST.response_text({"message": "gone"}, headers, None)
    assert unknown.startswith("HTTP/1.1 XXX Status unknown\n")
    assert AWS_REST.parse(unknown).status is None
    xml = S3.response_text(read_xml(S3_BODY, MAX_XML_DEPTH), {"Content-Type": "text/xml"}, 403)
    assert xml.startswith("HTTP/1.1 403 Forbidden\nContent-Type: text/xml\n\n<?xml")
    assert S3.parse(xml) == ParsedEnvelope(
        "NoSuchKey", 403, "The specified key does not exist.", "4442587FB7D0A2F9"
    )


@pytest.mark.parametrize(
    ("spec", "where", "message"),
    [
        (
            {"fields": {"code": {"header": "X-Error"}}, "template": {}},
            ("fields", "code", "header"),
            "read from the header x-error, which envelope.headers does not write",
        ),
        (
            {
                "fields": {"code": "code", "sub_codes": {"decline": {"header": "X-D"}}},
                "template": {},
                "headers": {"X-Other": "{code}"},
            },
            ("fields", "sub_codes", "decline", "header"),
            "envelope.headers does not write",
        ),
        (
            {"fields": {"code": "code"}, "template": {}, "headers": {"X-A": "{nope}"}},
            ("headers", "X-A"),
            "unknown placeholder {nope}",
        ),
        (
            {"fields": {"code": "code"}, "template": {}, "headers": {"X A": "{code}"}},
            ("headers", "X A"),
            "not a header name",
        ),
        (
            {"fields": {"code": "code"}, "template": {}, "headers": {"X-A": "a\nb"}},
            ("headers", "X-A"),
            "a header value is one line",
        ),
        (
            {"fields": {"code": {"path": "code", "scopes": {"a": "A"}}}, "template": {}},
            ("fields", "code", "scopes"),
            "only fields.scope maps values to scopes",
        ),
    ],
)
def test_broken_header_and_scope_locations(
    spec: dict[str, Any], where: tuple[str, ...], message: str
) -> None:
    with pytest.raises(DialectError, match=re.escape(message)) as raised:
        spec_dialect(**spec)
    assert raised.value.path == ("envelope", *where)


def test_header_names_match_the_template_in_any_case() -> None:
    reader = spec_dialect(
        fields={"code": {"header": "x-error"}}, template={}, headers={"X-Error": "{code}"}
    )
    assert reader.parse("HTTP/1.1 400\nX-ERROR: E\n\n{}") == ParsedEnvelope("E", 400)


# -- Scope and sub-codes --------------------------------------------------------------------------

STRIPE = spec_dialect(
    fields={
        "code": "error.code",
        "scope": {"path": "error.type", "scopes": {"card_error": "cards"}},
        "sub_codes": {
            "decline_code": "error.decline_code",
            "network_decline_code": "error.network_decline_code",
            "advice_code": {"header": "Stripe-Advice"},
        },
    },
    template={"error": {"code": "{code}"}},
    headers={"Stripe-Advice": "{code}"},
)


@pytest.mark.parametrize(
    ("error", "headers", "scope", "sub_codes"),
    [
        (
            {"type": "card_error", "decline_code": "insufficient_funds"},
            {},
            "cards",
            [("decline_code", "insufficient_funds")],
        ),
        (
            {"type": "api_error", "network_decline_code": 51, "decline_code": "x"},
            {"stripe-advice": "try_again_later"},
            "api_error",
            [
                ("decline_code", "x"),
                ("network_decline_code", "51"),
                ("advice_code", "try_again_later"),
            ],
        ),
        ({"type": "", "decline_code": True, "network_decline_code": ""}, {}, None, []),
        ({"type": 5, "decline_code": 5.0, "network_decline_code": [1]}, {}, None, []),
    ],
)
def test_scope_and_sub_codes(
    error: dict[str, Any],
    headers: dict[str, str],
    scope: str | None,
    sub_codes: list[tuple[str, str]],
) -> None:
    parsed = STRIPE.parse({"error": {"code": "card_declined", **error}}, headers)
    assert (parsed.scope, parsed.sub_codes) == (scope, tuple(sub_codes))


# -- Templates: optional placeholders, integer codes ----------------------------------------------

TWILIO_TEMPLATE = Dialect(
    EnvelopeSpec.model_validate(
        {
            "schema": {
                "type": "object",
                "required": ["code", "message", "status", "more_info"],
                "properties": {
                    "code": {"type": "integer"},
                    "status": {"type": "integer"},
                    "details": {"prefixItems": [{"type": "object", "required": ["a"]}]},
                },
            },
            "fields": {"code": "code", "status": "status", "message": "message"},
            "template": {
                "code": "{code}",
                "message": "{message}",
                "status": "{status?}",
                "more_info": "https://www.twilio.com/docs/errors/{code}",
                "details": [{"a": "{field?}"}, "{title?}", "{group}"],
            },
        }
    )
)


def test_optional_placeholders_are_left_out_with_their_key() -> None:
    reader = TWILIO_TEMPLATE
    assert reader.placeholders == {"code", "message", "status", "field", "title", "group"}
    assert reader.required_placeholders == {"code", "message", "group"}
    values = {
        "code": 21603,
        "message": "From is required",
        "status": None,
        "field": None,
        "title": None,
        "group": "messaging",
    }
    assert reader.omitted(values) == {"status", "field", "title"}
    body = reader.render(values)
    assert body == {
        "code": 21603,  # integer codes stay numbers
        "message": "From is required",
        "more_info": "https://www.twilio.com/docs/errors/21603",
        "details": [{}, "messaging"],
    }
    # The schema requires status and details[].a; the catalogue does not know them.
    assert reader.schema_problems(body) == [
        "at the top level: 'status' is a required property",
        "at details[0]: 'a' is a required property",
    ]
    assert reader.schema_problems(body, omitted=reader.omitted(values)) == []
    assert reader.schema_problems(body, omitted={"field"}) == [
        "at the top level: 'status' is a required property"
    ]
    assert reader.parse(json.dumps(body), omitted={"status", "field"}) == ParsedEnvelope(
        "21603", None, "From is required"
    )
    # A required key that is not optional in the template stays a problem.
    del body["more_info"]
    assert reader.schema_problems(body, omitted={"status", "field"}) == [
        "at the top level: 'more_info' is a required property"
    ]
    full = reader.render({**values, "status": 400, "field": "From", "title": "T"})
    assert full["status"] == 400 and full["details"] == [{"a": "From"}, "T", "messaging"]


def test_integer_codes_render_as_numbers_or_text() -> None:
    reader = spec_dialect(
        fields={"code": "error.code"},
        template={"error": {"code": "{code}", "message": "Error {code}"}},
    )
    assert reader.render({"code": -32601}) == {"error": {"code": -32601, "message": "Error -32601"}}
    assert reader.parse({"error": {"code": -32601}}).code == "-32601"
    xml = xml_dialect({"code": "Error.Code"}, {"Error": {"Code": "{code}", "S": "{status}"}})
    assert xml.render({"code": 20003, "status": 404}) == {"Error": {"Code": "20003", "S": "404"}}


@pytest.mark.parametrize(
    ("template", "headers", "where", "message"),
    [
        ({"m": "Error: {message?}"}, {}, ("template", "m"), "can only be a whole value"),
        ({"{code?}": "x"}, {}, ("template", "{code?}"), "can only be a whole value"),
        ("{code?}", {}, ("template",), "can only be a whole value"),
        ({"a": "{nope?}"}, {}, ("template", "a"), "unknown placeholder {nope}"),
        ({}, {"X-A": "v{code?}"}, ("headers", "X-A"), "can only be a whole value"),
    ],
)
def test_misplaced_optional_placeholders(
    template: Any, headers: dict[str, str], where: tuple[str, ...], message: str
) -> None:
    with pytest.raises(DialectError, match=re.escape(message)) as raised:
        spec_dialect(fields={"code": "code"}, template=template, headers=headers)
    assert raised.value.path == ("envelope", *where)


def test_optional_headers_are_left_out() -> None:
    reader = spec_dialect(
        fields={"code": "code"},
        template={"code": "{code}"},
        headers={"X-Scope": "{scope?}", "X-Title": "{title}"},
    )
    assert reader.required_placeholders == {"code", "title"}
    assert reader.render_headers({"code": "C", "scope": None, "title": "T"}) == {"X-Title": "T"}
    assert reader.render_headers({"code": "C", "scope": "S", "title": "T"}) == {
        "X-Scope": "S",
        "X-Title": "T",
    }


def test_new_placeholders_are_known() -> None:
    reader = spec_dialect(
        fields={"code": "code"},
        template={"code": "{code}", "s": "{scope}", "t": "{title}", "u": "{reason_url}"},
    )
    assert reader.placeholders == {"code", "scope", "title", "reason_url"}
