"""Patterns and schemas in a catalogue can never hang a build, fetch a URL or read a file.

Every regular expression a catalogue holds runs on RE2, in linear time, and only in the syntax
RE2 and the browser's re2js read alike; an envelope schema's references resolve within the
schema or not at all. The hostile inputs here would take minutes on Python's ``re``, or make
jsonschema ask a server or the file system for a schema.
"""

from __future__ import annotations

import errno
import http.server
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from reason_catalog import CatalogueError
from reason_catalog.catalogue.load import parse_catalogue
from reason_catalog.catalogue.patterns import (
    MAX_LENGTH,
    MAX_PROGRAM_SIZE,
    PatternError,
    compile_pattern,
)
from reason_catalog.catalogue.spec import CODE_STYLES

from .conftest import ROOT, ROOTS, TEST_CATALOGUES, run_sphinx

#: 41 characters on which ``^(A+)+$`` backtracks about 2**39 times in Python's ``re``.
CODE = "A" * 39 + "_X"
EVIL = "^(A+)+$"


def mutate(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} must occur once in the minimal catalogue"
        text = text.replace(old, new)
    return text


def minimal(*changes: tuple[str, str]) -> str:
    return mutate((TEST_CATALOGUES / "minimal.yaml").read_text(encoding="utf-8"), *changes)


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def problems_of(text: str) -> list[str]:
    try:
        parse_catalogue(text, "hostile.yaml")
    except CatalogueError as error:
        return [str(problem) for problem in error.problems]
    return []


def within(seconds: float, task: Callable[[], Any]) -> tuple[float, Any]:
    """How long ``task()`` took and what it gave, run in a forked process killed after ``seconds``.

    A regression would backtrack for minutes; the fork keeps it from hanging the test run.
    """
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def run() -> None:
        start = time.perf_counter()
        result = task()
        send.send((time.perf_counter() - start, result))

    process = context.Process(target=run)
    process.start()
    try:
        if not receive.poll(seconds):
            pytest.fail(f"still running after {seconds} s")
        outcome: tuple[float, Any] = receive.recv()
        return outcome
    finally:
        process.kill()
        process.join()


# --- ReDoS: each place a catalogue pattern runs ------------------------------------------------

CODE_CHANGE = ("      - code: SERVICE_UNAVAILABLE", f"      - code: {CODE}")
EXTRA_KEY = (
    "            request_id: req_0123456789ab",
    f"            request_id: req_0123456789ab\n            {CODE}: x",
)
STRING_REASON = "reason: {type: string}"
ERROR_OBJECT = "        type: object\n        required: [status,"


def error_object(*lines: str) -> tuple[str, str]:
    """Add keywords to the schema of the ``error`` object."""
    added = "".join(f"        {line}\n" for line in lines)
    return ERROR_OBJECT, ERROR_OBJECT.replace("        required", added + "        required")


REDOS = {
    "code_style.pattern": (
        [CODE_CHANGE, ("  case: UPPER_SNAKE", f"  pattern: '{EVIL}'")],
        f"the code '{CODE}' is not in the catalogue's style (the pattern {EVIL})",
    ),
    # The second alternative reads the code, so the catalogue loads.
    "fields.code.pattern": (
        [
            CODE_CHANGE,
            (
                "    code: error.reason",
                f"    code: {{path: error.reason, pattern: '{EVIL}|(?P<value>.+)'}}",
            ),
        ],
        None,
    ),
    "schema-pattern": (
        [CODE_CHANGE, (STRING_REASON, f"reason: {{type: string, pattern: '{EVIL}'}}")],
        f"at error.reason: '{CODE}' does not match '{EVIL}'",
    ),
    # The key does not match, so the value under it is not checked: the catalogue loads.
    "schema-patternProperties": (
        [EXTRA_KEY, error_object(f"patternProperties: {{'{EVIL}': {{type: integer}}}}")],
        None,
    ),
    "schema-additionalProperties": (
        [
            EXTRA_KEY,
            error_object(f"patternProperties: {{'{EVIL}': {{}}}}", "additionalProperties: false"),
        ],
        f"'{CODE}' does not match any of the regexes: '{EVIL}'",
    ),
}


@pytest.mark.parametrize("case", list(REDOS))
def test_backtracking_patterns_run_in_linear_time(case: str) -> None:
    changes, expected = REDOS[case]
    text = minimal(*changes)
    elapsed, problems = within(20, lambda: problems_of(text))
    assert elapsed < 1, f"took {elapsed:.2f} s"
    if expected is None:
        assert problems == []
    else:
        assert any(expected in problem for problem in problems), problems


# --- the accepted subset ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        *CODE_STYLES.values(),
        r"#(?P<value>.+)$",
        r"/reasons/(?P<value>[^/]+)\.html$",
        r"(?i)^call_",
        r"(?m)^x$",
        r"(?s:.)",
        r"(?U)a+",
        r"(?i-s:a.)",
        r"[[:upper:]_]+",
        r"\x{41}\x41[\x{41}-\x{5A}]",
        r"[\d_-][-a][^-\d][]a]",
        r"\bA\B\Aabc\z",
        r"a{2,5}?b{3}c{1,}",
        r"\.\*\[\(\?\\",
        r"\d\s\w\D\S\W[\d\s\w]",
        r"\a\f\n\r\t\v",
        "é+",
    ],
)
def test_patterns_of_the_accepted_subset_compile(pattern: str) -> None:
    compile_pattern(pattern)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (r"(a)\1", "backreferences and octal escapes are not supported"),
        (r"(?P<n>a)(?P=n)", "backreferences are not supported"),
        (r"\0", "backreferences and octal escapes"),
        ("(?=a)", "lookahead and lookbehind"),
        ("(?!a)", "lookahead and lookbehind"),
        ("(?<=a)b", "lookahead and lookbehind"),
        ("(?<!a)b", "lookahead and lookbehind"),
        ("a++", "not a valid regular expression: bad repetition operator: ++"),
        ("a*+", "not a valid regular expression: bad repetition operator: *+"),
        ("(?>a)", "the group (?>… is not supported"),
        ("(?#note)a", "the group (?#… is not supported"),
        ("(?)a", "the group (?)… is not supported"),
        (r"\pL", "Unicode classes"),
        (r"\p{Greek}", "Unicode classes"),
        (r"[\PN]", "Unicode classes"),
        (r"\C", "any byte"),
        (r"\Qa.b\E", "\\Q…\\E quoting"),
        ("(?<name>a)", "a named group is written (?P<name>…) here"),
        ("(?P<é>a)", "the group name 'é' is not accepted"),
        ("(?P<1a>a)", "the group name '1a' is not accepted"),
        ("(?P<a>x)(?P<a>y)", "two groups are named 'a'"),
        (r"\Z", "the escape \\Z is not accepted"),
        (r"\é", "the escape \\é is not accepted"),
        (r"[\b]", "the escape \\b is not accepted inside [...]"),
        (r"[\d-z]", "a range inside [...] cannot start or end with a class"),
        (r"[a-\w]", "a range inside [...] cannot start or end with a class"),
        ("[[:alpha:]-z]", "a range inside [...] cannot start or end with a class"),
        ("a{1001}", "the repetition {1001} counts more than 1000"),
        ("^A{4294967296}$", "the repetition {4294967296} counts more than 1000"),
        ("(", "not a valid regular expression: missing ): ("),
        ("\ud800", "not valid Unicode text"),
        ("x" * (MAX_LENGTH + 1), f"at most {MAX_LENGTH:,} are allowed"),
        (".{1000}.{300}", f"at most {MAX_PROGRAM_SIZE:,} are allowed"),
    ],
)
def test_constructs_outside_the_subset_are_refused(pattern: str, message: str) -> None:
    with pytest.raises(PatternError) as raised:
        compile_pattern(pattern)
    assert message in raised.value.message
    assert raised.value.hint


def test_matching_follows_re2() -> None:
    # The whole code, for code styles; and $ is the end of the text, with no newline before it.
    upper = compile_pattern("[A-Z]+")
    assert upper.fullmatch("ABC")
    assert not upper.fullmatch("ABCd")
    assert compile_pattern("^A$").search("A\n") is None
    value = compile_pattern("#(?P<value>.+)$").search("com.example#NotFound")
    assert value is not None
    assert value.group("value") == "NotFound"
    # JSON may hold a lone surrogate, which RE2's UTF-8 cannot: it is read as U+FFFD.
    assert compile_pattern("a.b").search("a\ud800b") is not None


# --- refused where they are written -------------------------------------------------------------


@dataclass(frozen=True)
class Located:
    id: str
    old: str
    new: str
    message: str
    at: str  # text on the line the problem must be located at


LOCATED = [
    Located(
        "code_style.pattern",
        "  case: UPPER_SNAKE",
        "  pattern: '^(?=[A-Z])[A-Z_]+$'",
        "code_style.pattern: lookahead and lookbehind",
        "pattern: '^(?=",
    ),
    Located(
        "fields.code.pattern",
        "    code: error.reason",
        "    code:\n      path: error.reason\n      pattern: '(?P<value>\\pL+)'",
        "envelope.fields.code.pattern: Unicode classes",
        "pattern: '(?P<value>",
    ),
    Located(
        "schema-pattern",
        "reason: {type: string}",
        "reason: {type: string, pattern: '(a)\\1'}",
        "envelope.schema.properties.error.properties.reason.pattern: the pattern '(a)\\\\1' is "
        "refused: \\1 is not accepted",
        "reason: {type: string, pattern:",
    ),
    Located(
        "schema-patternProperties",
        "          message: {type: string}",
        "          message: {type: string}\n        patternProperties:\n          '\\C+': {}",
        "envelope.schema.properties.error.patternProperties.\\C+: the pattern '\\\\C+' is "
        "refused: \\C (any byte)",
        "'\\C+': {}",
    ),
    Located(
        "unevaluatedProperties",
        "    required: [error]",
        "    required: [error]\n    patternProperties: {'^x': {}}\n"
        "    unevaluatedProperties: false",
        "envelope.schema.unevaluatedProperties: unevaluatedProperties cannot be used in a "
        "schema that has patternProperties",
        "unevaluatedProperties: false",
    ),
]


@pytest.mark.parametrize("case", LOCATED, ids=[case.id for case in LOCATED])
def test_refused_patterns_are_located(case: Located) -> None:
    text = minimal((case.old, case.new))
    problems = problems_of(text)
    line = line_of(text, case.at)
    assert any(
        problem.startswith(f"hostile.yaml:{line}:") and case.message in problem
        for problem in problems
    ), problems


# --- nothing is fetched, nothing is read --------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that would serve any schema; the requests it saw."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            body = b'{"$defs": {"meta": {"$dynamicAnchor": "meta"}}, "type": "string"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/schema+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def unread_file(tmp_path: Path) -> Iterator[tuple[Path, list[str]]]:
    """A named pipe that notes every time anything opens it to read; a file: URI points at it."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = folder / "schema.json"
    os.mkfifo(path)
    opened: list[str] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:  # succeeds only while a reader has the pipe open
                descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as error:
                if error.errno != errno.ENXIO:
                    raise
                stop.wait(0.005)
                continue
            opened.append(str(path))
            os.close(descriptor)  # the reader gets an empty file and goes on

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield path, opened
    finally:
        stop.set()
        thread.join()


@dataclass(frozen=True)
class Retrieval:
    changes: tuple[tuple[str, str], ...]  # {url} and {file} are filled in
    key_path: str
    message: str
    at: str  # text on the line the problem must be located at


TOP = "    type: object\n    required: [error]"
RETRIEVALS = {
    "id-then-ref": Retrieval(
        (
            (
                TOP,
                TOP.replace("\n", "\n    allOf: [{$id: '{url}/a.json', $ref: b.json}]\n"),
            ),
        ),
        "envelope.schema.allOf[0].$ref",
        "the reference 'b.json' does not resolve within the schema (nothing is fetched)",
        "allOf:",
    ),
    "root-id-then-ref": Retrieval(
        (
            (TOP, "    $id: '{url}/error.json'\n" + TOP),
            (STRING_REASON, "reason: {$ref: code.json}"),
        ),
        "envelope.schema.properties.error.properties.reason.$ref",
        "the reference 'code.json' does not resolve within the schema (nothing is fetched)",
        "reason: {$ref:",
    ),
    "dynamic-ref": Retrieval(
        ((STRING_REASON, "reason: {$dynamicRef: '{url}/meta.json#meta'}"),),
        "envelope.schema.properties.error.properties.reason.$dynamicRef",
        "the reference '{url}/meta.json#meta' does not resolve within the schema",
        "reason: {$dynamicRef:",
    ),
    "ref-to-url": Retrieval(
        ((STRING_REASON, "reason: {$ref: '{url}/code.json'}"),),
        "envelope.schema.properties.error.properties.reason.$ref",
        "the reference '{url}/code.json' does not resolve within the schema",
        "reason: {$ref:",
    ),
    "schema-url": Retrieval(
        ((TOP, "    $schema: '{url}/schema'\n" + TOP),),
        "envelope.schema.$schema",
        "only JSON Schema draft 2020-12 is supported, not '{url}/schema'",
        "$schema:",
    ),
    "file-id": Retrieval(
        ((TOP, "    $id: 'file://{file}'\n" + TOP),),
        "envelope.schema.$id",
        "a file: URI cannot identify a schema here ('file://{file}'); no file is ever read",
        "$id:",
    ),
    "file-ref": Retrieval(
        ((STRING_REASON, "reason: {$ref: 'file://{file}'}"),),
        "envelope.schema.properties.error.properties.reason.$ref",
        "the reference 'file://{file}' does not resolve within the schema (nothing is fetched)",
        "reason: {$ref:",
    ),
}


@pytest.mark.parametrize("case", list(RETRIEVALS))
def test_schemas_never_fetch_or_read(
    case: str,
    tmp_path: Path,
    listener: tuple[str, list[str]],
    unread_file: tuple[Path, list[str]],
) -> None:
    url, requests = listener
    fifo, opened = unread_file

    def fill(text: str) -> str:
        return text.replace("{url}", url).replace("{file}", str(fifo))

    retrieval = RETRIEVALS[case]
    text = minimal(*((old, fill(new)) for old, new in retrieval.changes))
    line = line_of(text, retrieval.at)
    problem = f"{re.escape(retrieval.key_path)}: {re.escape(fill(retrieval.message))}"
    source = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", source)
    catalogue = source / "example.yaml"
    catalogue.write_text(text, encoding="utf-8")

    validate = run("-m", "reason_catalog", "validate", str(catalogue))
    assert validate.returncode == 1
    located = rf"{re.escape(str(catalogue))}:{line}:\d+: {problem}"
    assert re.search(located, validate.stderr), validate.stderr

    build = run_sphinx("html", tmp_path / "out", source, source, timeout=120)
    assert "Traceback" not in build.stdout + build.stderr, build.stderr
    assert build.returncode == 1
    located = rf"example\.yaml:{line}: ERROR: column \d+: {problem}"
    assert re.search(located, build.stderr), build.stderr

    assert requests == []
    assert opened == []


def run(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=120
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result
