"""Every kind of bad catalogue is rejected with a located, actionable message.

Each case breaks the minimal catalogue in one place, by replacing one piece of its text, and
names the message expected and the text of the line it must point at. The cases of the reader's
limits (hostile files: alias bombs, deep nesting, huge numbers and files) pin the whole problem.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from reason_catalog import CatalogueError
from reason_catalog.catalogue.errors import Problem
from reason_catalog.catalogue.load import parse_catalogue

from .test_yaml_limits import billion_laughs


@dataclass(frozen=True)
class Case:
    id: str
    old: str
    new: str
    message: str
    at: str  # text on the line the problem must be located at
    hint: str = ""


CASES = [
    Case("yaml-syntax", "generic: true", "generic: [true", "YAML syntax error", "reasons:"),
    Case(
        "duplicate-key",
        "        fix: Retry after a short delay.",
        "        fix: Retry after a short delay.\n        fix: Retry.",
        "duplicate key 'fix' (first written on line 44)",
        "fix: Retry.",
    ),
    Case(
        "unknown-key",
        "        cause: The call does not exist.",
        "        caus: The call does not exist.",
        "unknown key 'caus'",
        "caus:",
        hint="did you mean 'cause'?",
    ),
    Case(
        "missing-key",
        "        cause: The call does not exist.\n",
        "",
        "missing required key 'cause'",
        "- code: CALL_NOT_FOUND",
    ),
    Case(
        "wrong-type",
        "        status: 503",
        '        status: "503"',
        "input should be a valid integer, got a string '503'",
        'status: "503"',
        hint="written without quotes",
    ),
    Case(
        "wrong-type-list",
        "    see_also: [generic]",
        "    see_also: generic",
        "got a string 'generic'",
        "see_also: generic",
    ),
    Case(
        "duplicate-code",
        "      - code: CALL_STATE_INVALID",
        "      - code: CALL_NOT_FOUND",
        "duplicate code 'CALL_NOT_FOUND': line 52 has the same code",
        "- code: CALL_NOT_FOUND\n        status: 409",
    ),
    Case(
        "duplicate-code-case",
        "      - code: CALL_STATE_INVALID",
        "      - code: Call_Not_Found",
        "duplicate code 'Call_Not_Found': line 52 has 'CALL_NOT_FOUND', which differs only in case",
        "- code: Call_Not_Found",
    ),
    Case(
        "code-style",
        "      - code: SERVICE_UNAVAILABLE",
        "      - code: ServiceUnavailable",
        "the code 'ServiceUnavailable' is not in the catalogue's style (UPPER_SNAKE)",
        "- code: ServiceUnavailable",
        # A published code can never be renamed: the hint never proposes it.
        hint="a published code cannot change: widen code_style",
    ),
    Case(
        "code-too-long",
        "      - code: SERVICE_UNAVAILABLE",
        "      - code: SERVICE_UNAVAILABLE" + "_X" * 23,
        "is 65 characters long; the catalogue allows at most 63",
        "- code: SERVICE_UNAVAILABLE_X",
    ),
    Case(
        "status-too-high",
        "        status: 503",
        "        status: 999",
        "input should be less than or equal to 599",
        "status: 999",
        hint="from 100 to 599",
    ),
    Case(
        "status-too-low",
        "    status: 404",
        "    status: 42",
        "input should be greater than or equal to 100",
        "status: 42",
    ),
    Case(
        "endpoint-method",
        '"DELETE /calls/{id}"',
        '"FETCH /calls/{id}"',
        "not an endpoint: 'FETCH' is not an HTTP method",
        "FETCH /calls/{id}",
    ),
    Case(
        "endpoint-path",
        '"POST /calls/{id}/hangup"',
        '"POST calls/{id}/hangup"',
        "not an endpoint: the path 'calls/{id}/hangup' must start with '/'",
        "POST calls/{id}/hangup",
    ),
    Case(
        "group-endpoint-path",
        '["/calls", "/calls/{id}*"]',
        '["/calls", "calls/{id}*"]',
        "not an endpoint: the path 'calls/{id}' must start with '/'",
        'endpoints: ["/calls", "calls/{id}*"]',
    ),
    Case(
        "unknown-related",
        "related: [CALL_STATE_INVALID]",
        "related: [CALL_STATE_INVALD]",
        "'CALL_STATE_INVALD' is not a reason in this catalogue",
        "related: [CALL_STATE_INVALD]",
        hint="did you mean 'CALL_STATE_INVALID'?",
    ),
    Case(
        "unknown-replaced-by",
        "        related: [CALL_STATE_INVALID]",
        "        replaced_by: CALL_GONE",
        "'CALL_GONE' is not a reason in this catalogue",
        "replaced_by: CALL_GONE",
    ),
    Case(
        "unknown-group",
        "see_also: [generic]",
        "see_also: [generics]",
        "'generics' is not a group in this catalogue",
        "see_also: [generics]",
        hint="did you mean 'generic'?",
    ),
    Case(
        "duplicate-group",
        "  - id: calls",
        "  - id: generic",
        "duplicate group id 'generic' (first on line 37)",
        "- id: generic\n    title: Call",
    ),
    Case(
        "example-schema",
        "            message: The call has already ended.\n",
        "",
        "the example does not match the envelope schema: at error: 'message' is a required",
        "example:",
    ),
    Case(
        "example-code",
        "            reason: CALL_STATE_INVALID",
        "            reason: CALL_NOT_FOUND",
        "the example carries the code 'CALL_NOT_FOUND', not 'CALL_STATE_INVALID'",
        "example:",
    ),
    Case(
        "example-status",
        "            status: FAILED_PRECONDITION",
        "            status: NOT_FOUND",
        "the example says HTTP 404, but CALL_STATE_INVALID is 409",
        "example:",
    ),
    Case(
        "template-schema",
        '      message: "{message}"',
        '      text: "{message}"',
        "the generated example of SERVICE_UNAVAILABLE does not match the envelope schema",
        "  template:",
    ),
    Case(
        "template-needs-status",
        "        status: 503\n",
        "",
        "SERVICE_UNAVAILABLE has no HTTP status, but the envelope template needs one",
        "- code: SERVICE_UNAVAILABLE",
    ),
    Case(
        "status-without-name",
        "        status: 503",
        "        status: 502",
        "no status name in envelope.fields.status.names maps to HTTP 502",
        "status: 502",
    ),
    Case(
        "template-placeholder",
        '"{request_id}"',
        '"{request}"',
        "unknown placeholder {request}",
        'request_id: "{request}"',
    ),
    Case(
        "jmespath",
        "    code: error.reason",
        "    code: error.[reason",
        "not a valid JMESPath expression",
        "code: error.[reason",
    ),
    Case(
        "json-schema",
        "    type: object\n    required: [error]",
        "    type: objekt\n    required: [error]",
        "not a valid JSON Schema",
        "type: objekt",
    ),
    Case(
        "json-schema-ref",
        "          reason: {type: string}",
        '          reason: {$ref: "#/$defs/code"}',
        "the reference '#/$defs/code' does not resolve within the schema",
        "reason: {$ref:",
    ),
    Case(
        "retired-still-a-reason",
        "groups:\n",
        "retired:\n  - code: CALL_NOT_FOUND\n    message: Gone.\ngroups:\n",
        "'CALL_NOT_FOUND' is retired but still a reason",
        "  - code: CALL_NOT_FOUND\n    message",
    ),
    Case(
        "retired-renamed-to-nothing",
        "groups:\n",
        "retired:\n  - code: CALL_GONE\n    renamed_to: CALL_AWAY\n    message: Gone.\ngroups:\n",
        "'CALL_AWAY' is not a reason",
        "renamed_to: CALL_AWAY",
        hint="rename to a code that is a reason now",
    ),
    Case(
        "slug",
        "  slug: example",
        "  slug: Example API",
        "string should match pattern",
        "slug: Example API",
    ),
]


def mutate(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once in the minimal catalogue"
    return text.replace(old, new)


def line_of(text: str, fragment: str) -> int:
    index = text.index(fragment)
    return text.count("\n", 0, index) + 1


def test_the_minimal_catalogue_is_valid(minimal_text: str) -> None:
    catalogue = parse_catalogue(minimal_text, "minimal.yaml")
    assert [r.code for r in catalogue.reasons] == [
        "SERVICE_UNAVAILABLE",
        "CALL_NOT_FOUND",
        "CALL_STATE_INVALID",
    ]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rejection_is_located(case: Case, minimal_text: str) -> None:
    text = mutate(minimal_text, case.old, case.new)
    with pytest.raises(CatalogueError) as raised:
        parse_catalogue(text, "bad.yaml")
    matching = [p for p in raised.value.problems if case.message in p.message]
    assert matching, f"no problem says {case.message!r}:\n{raised.value.report()}"
    problem = matching[0]
    assert problem.file == "bad.yaml"
    assert problem.line == line_of(text, case.at), raised.value.report()
    assert case.hint in problem.hint
    assert str(problem).startswith(f"bad.yaml:{problem.line}:{problem.column}: ")


def test_every_problem_is_reported_at_once(minimal_text: str) -> None:
    text = minimal_text
    for case_id in ("unknown-key", "code-style", "endpoint-method", "example-code", "wrong-type"):
        case = next(c for c in CASES if c.id == case_id)
        text = mutate(text, case.old, case.new)
    with pytest.raises(CatalogueError) as raised:
        parse_catalogue(text, "bad.yaml")
    report = raised.value.report()
    assert report.endswith("5 problems found.")
    lines = [p.line for p in raised.value.problems]
    assert lines == sorted(lines)


@pytest.mark.parametrize(
    ("raw", "message", "line", "column"),
    [
        (b"", "the file is empty", 1, 1),
        (b"- format: 1\n", "a catalogue must be a mapping", 1, 1),
        (b"format: 1\napi: caf\xe9\n", "the file is not UTF-8 text", 2, 9),
        (b"a: !python/object:os.system x\n", "cannot read this value", 1, 4),
        (b"a: &x [*x]\n", "a YAML alias refers to itself", 1, 8),
        (b"a: 1\n---\nb: 2\n", "YAML syntax error", 2, 1),
        (b"<<: {a: 1}\n", "YAML merge keys (<<) are not supported", 1, 1),
        (b"[1, 2]: x\n", "a key must be a plain string", 1, 1),
        (b"a: " + b"[" * 100 + b"]" * 100, "values are nested more than 64 levels deep", 1, 68),
    ],
)
def test_unreadable_files(raw: bytes, message: str, line: int, column: int) -> None:
    with pytest.raises(CatalogueError) as raised:
        parse_catalogue(raw, "odd.yaml")
    located = [(p.line, p.column) for p in raised.value.problems if message in p.message]
    assert located == [(line, column)], raised.value.report()


@dataclass(frozen=True)
class Limit:
    """A hostile or broken catalogue, refused quickly with exactly this problem."""

    id: str
    old: str
    new: str
    line: int
    column: int
    key_path: str
    message: str
    hint: str


DEEP = "[0]" * 62  # with groups[1].see_also, the 65th level
LIMITS = [
    Limit(
        "billion-laughs",
        "format: 1\n",
        "format: 1\n" + billion_laughs(levels=9, fanout=9),
        8,
        8,
        "f[0]",
        "the document expands to more than 100,000 values through YAML aliases "
        "(this alias repeats 66,430)",
        "write the repeated values out, or repeat fewer of them",
    ),
    Limit(
        "deep-flow-nesting",
        "see_also: [generic]",
        "see_also: " + "[" * 100_000,
        49,
        77,
        f"groups[1].see_also{DEEP}",
        "values are nested more than 64 levels deep",
        "flatten them",
    ),
    Limit(
        "deep-block-nesting",
        "    see_also: [generic]\n",
        "    see_also:\n" + "".join(" " * (6 + 2 * i) + "-\n" for i in range(100)),
        112,
        131,
        f"groups[1].see_also{DEEP}",
        "values are nested more than 64 levels deep",
        "flatten them",
    ),
    Limit(
        "deep-through-alias",
        "format: 1\n",
        "format: 1\nx: &deep "
        + "[" * 40
        + "]" * 40
        + "\ny: "
        + "[" * 30
        + "*deep"
        + "]" * 30
        + "\n",
        4,
        34,
        "y" + "[0]" * 30,
        "values are nested more than 64 levels deep (through the alias *deep)",
        "flatten them",
    ),
    Limit(
        "integer-digits",
        "        status: 503",
        "        status: " + "5" * 5000,
        42,
        17,
        "groups[0].reasons[0].status",
        "the number 55555555555555555555… is too large: integers must fit in 64 bits "
        "(-9223372036854775808 to 9223372036854775807)",
        "write a smaller number, or quote it to make it a string",
    ),
    Limit(
        "float-not-finite",
        "        status: 503",
        "        status: 1.0e+400",
        42,
        17,
        "groups[0].reasons[0].status",
        "the number 1.0e+400 is not finite: numbers must be finite (no .inf or .nan, "
        "at most about 1.8e308)",
        "write a finite number, or quote it to make it a string",
    ),
    Limit(
        "file-size",
        "format: 1\n",
        "format: 1\n" + "#" * (16 * 2**20),
        1,
        1,
        "(file)",
        "the file is larger than 16 MiB, the limit for one catalogue",
        "check that this is the catalogue you meant; split a larger one into several files",
    ),
    Limit(
        "control-character",
        "Retry after a short delay.",
        "Retry after a\x00 short delay.",
        44,
        27,
        "(document)",
        "the control character U+0000 is not allowed in YAML",
        "delete it",
    ),
    Limit(
        "unclosed-bracket",
        "generic: true",
        "generic: [true",
        40,
        12,
        "(document)",
        "YAML syntax error: did not find expected ',' or ']' "
        "(the '[' at line 39, column 14 is never closed)",
        "add the missing ']', or a ',' between its items",
    ),
    Limit(
        "unclosed-quote",
        "cause: The call does not exist.",
        "cause: 'The call does not exist.",
        53,
        16,
        "(document)",
        "YAML syntax error: found unexpected end of stream "
        "(the quote at line 53, column 16 is never closed)",
        "add the closing quote",
    ),
]


@pytest.mark.parametrize("case", LIMITS, ids=[c.id for c in LIMITS])
def test_limits_are_located(case: Limit, minimal_text: str) -> None:
    text = mutate(minimal_text, case.old, case.new)
    started = time.perf_counter()
    with pytest.raises(CatalogueError) as raised:
        parse_catalogue(text, "bad.yaml")
    elapsed = time.perf_counter() - started
    expected = Problem("bad.yaml", case.line, case.column, case.key_path, case.message, case.hint)
    assert expected in raised.value.problems, raised.value.report()[:2000]
    assert elapsed < 5, f"took {elapsed:.1f} s"  # a bound, not a benchmark
