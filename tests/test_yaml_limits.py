"""The YAML reader's limits: hostile files end in located problems, in bounded time and memory.

The exhausting ones also run through the command line in a child process whose address space is
capped, so that a crash, a traceback or a blown memory bound shows as such.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path

import pytest
from reason_catalog import CatalogueError
from reason_catalog.catalogue import yamlsource
from reason_catalog.catalogue.load import MAX_FILE_BYTES, load_catalogue
from reason_catalog.catalogue.yamlsource import MAX_INT, MIN_INT, read_yaml

from .conftest import ROOT

MEMORY_CAP = 500 * 2**20
TIME_BOUND = 5.0


def billion_laughs(levels: int, fanout: int) -> str:
    """Top-level keys a, b, c, …, each a list repeating the one before ``fanout`` times."""
    names = [chr(ord("a") + level) for level in range(levels)]
    lines = [f"a: &a [{', '.join(['x'] * fanout)}]"]
    lines += [f"{n}: &{n} [{', '.join([f'*{p}'] * fanout)}]" for p, n in pairwise(names)]
    return "\n".join(lines) + "\n"


# --- through the command line, memory capped -----------------------------------------------


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


HOSTILE = [
    ("billion-laughs", billion_laughs(levels=9, fanout=9), 6, 8, "through YAML aliases"),
    ("deep-flow-nesting", "a: " + "[" * 100_000, 1, 68, "nested more than 64 levels"),
    ("deep-block-nesting", "- " * 100_000 + "x\n", 1, 131, "nested more than 64 levels"),
    ("deep-mapping-nesting", "{a: " * 100_000, 1, 261, "nested more than 64 levels"),
    ("integer-digits", "format: " + "1" * 5000 + "\n", 1, 9, "integers must fit in 64 bits"),
    ("control-character", "format: 1\r\napi: x\x00\n", 2, 7, "U+0000 is not allowed"),
    ("unclosed-bracket", "format: 1\napi: [1,\n  2\nb: 3\n", 4, 2, "is never closed"),
]


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [case[1:] for case in HOSTILE],
    ids=[case[0] for case in HOSTILE],
)
def test_command_line_refuses_hostile_files(
    tmp_path: Path, text: str, line: int, column: int, message: str
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "reason_catalog", "validate", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_capped,
        timeout=60,
    )
    elapsed = time.perf_counter() - started
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 1, result.stderr[-3000:]  # not -11 (crashed) nor 0
    assert result.stdout == ""
    located = [row for row in result.stderr.splitlines() if row.startswith(f"{path}:")]
    assert any(row.startswith(f"{path}:{line}:{column}: ") and message in row for row in located), (
        result.stderr[-3000:]
    )
    assert elapsed < TIME_BOUND, f"took {elapsed:.1f} s"


def test_command_line_refuses_a_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:  # sparse: the size is checked before anything is read
        file.truncate(MAX_FILE_BYTES + 1)
    result = subprocess.run(
        [sys.executable, "-m", "reason_catalog", "validate", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_capped,
        timeout=60,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert f"{path}:1:1: (file): the file is larger than 16 MiB" in result.stderr


def test_a_device_is_read_only_up_to_the_limit() -> None:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue("/dev/zero")  # endless, and its size says 0
    assert "the file is larger than 16 MiB" in raised.value.report()


# --- the reader's bounds, in process ---------------------------------------------------------


def only_problem(text: str) -> tuple[int, int, str, str, str]:
    located = read_yaml(text, "x.yaml")
    assert located.data is None or located.problems
    assert len(located.problems) == 1, located.problems
    p = located.problems[0]
    return (p.line, p.column, p.key_path, p.message, p.hint)


@pytest.mark.parametrize(
    "text",
    [
        str(MAX_INT),
        str(MIN_INT),
        "0x7fff_ffff_ffff_ffff",
        "0b" + "1" * 63,
        "1" + "_0" * 18,
        "0" * 100 + "1",  # leading zeros are not digits of the value
        "1.7976931348623157e+308",
        "-1.5",
    ],
)
def test_numbers_within_the_bounds(text: str) -> None:
    located = read_yaml(f"n: {text}\n", "x.yaml")
    assert located.problems == []
    assert isinstance(located.data["n"], int | float)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (str(MAX_INT + 1), "the number 9223372036854775808 is too large"),
        (str(MIN_INT - 1), "the number -9223372036854775809 is too large"),
        ("0x1" + "0" * 16, "the number 0x10000000000000000 is too large"),
        ("1" + ":59" * 12, "the number 1:59:59:59:59:59:59:… is too large"),
        ("!!int " + "7" * 100_000, "the number 77777777777777777777… is too large"),
        ("1" + "_1" * 100_000, "the number 1_1_1_1_1_1_1_1_1_1_… is too large"),
        (".inf", "the number .inf is not finite"),
        ("-.inf", "the number -.inf is not finite"),
        (".nan", "the number .nan is not finite"),
        ("9" * 400 + ".0", "the number 99999999999999999999… is not finite"),
        ("!!int abc", "cannot read this value: 'abc' is not a valid int"),
        ("!!float abc", "cannot read this value: 'abc' is not a valid float"),
        ("!!bool maybe", "cannot read this value: 'maybe' is not a valid bool"),
        ("2024-13-45", "cannot read this value: '2024-13-45' is not a valid timestamp"),
        ("!!timestamp x", "cannot read this value: 'x' is not a valid timestamp"),
    ],
)
def test_numbers_beyond_the_bounds(text: str, message: str) -> None:
    started = time.perf_counter()
    line, column, key_path, found, _ = only_problem(f"n: {text}\n")
    assert (line, column, key_path) == (1, 4, "n")
    assert found.startswith(message), found
    assert time.perf_counter() - started < TIME_BOUND


def test_a_number_key_is_not_converted() -> None:
    key = "9" * 1000  # YAML keys on one line end within 1,024 characters
    assert only_problem(f"{key}: x\n")[:4] == (1, 1, "(document)", "a key must be a plain string")


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a: 1\nb: x\x00\n", 2, 5, "the control character U+0000 is not allowed in YAML"),
        ("a: 1\r\nb: \x07\n", 2, 4, "the control character U+0007 is not allowed in YAML"),
        ("a: é\u2028b: \x7f", 2, 4, "the control character U+007F is not allowed in YAML"),
        ("a: '\x85x'\n\n\x1b", 4, 1, "the control character U+001B is not allowed in YAML"),
        ("a: x\ud800\n", 1, 5, "the character U+D800 is not allowed in YAML"),
        ("a: \ufffe\n", 1, 4, "the character U+FFFE is not allowed in YAML"),
    ],
)
def test_characters_are_located(text: str, line: int, column: int, message: str) -> None:
    assert only_problem(text)[:4] == (line, column, "(document)", message)


@pytest.mark.parametrize(
    ("text", "line", "column", "message", "hint"),
    [
        (
            "a: {b: 1\n",
            1,
            4,
            "YAML syntax error: did not find expected ',' or '}' "
            "(the '{' at line 1, column 4 is never closed)",
            "add the missing '}', or a ',' between its entries",
        ),
        (
            'a: "x\n\n',
            1,
            4,
            "YAML syntax error: found unexpected end of stream "
            "(the quote at line 1, column 4 is never closed)",
            "add the closing quote",
        ),
        (
            "a:\n  - b\n c: 1\n",
            3,
            2,
            "YAML syntax error: did not find expected key "
            "(in the mapping that begins at line 1, column 1)",
            "check indentation and quoting near this position",
        ),
        (
            "a: b: c\n",
            1,
            5,
            "YAML syntax error: mapping values are not allowed in this context",
            "check indentation and quoting near this position",
        ),
        (
            "a: 1\n---\nb: 2\n",
            2,
            1,
            "YAML syntax error: a second YAML document starts here",
            "keep one document in each catalogue file",
        ),
    ],
)
def test_syntax_errors_name_where_the_construct_began(
    text: str, line: int, column: int, message: str, hint: str
) -> None:
    assert only_problem(text) == (line, column, "(document)", message, hint)


def test_aliases_share_values_located_at_the_alias() -> None:
    located = read_yaml("a: &x {b: [1, 2]}\nc: *x\n", "x.yaml")
    assert located.problems == [], located.problems
    assert located.data == {"a": {"b": [1, 2]}, "c": {"b": [1, 2]}}
    assert located.position(("a", "b", 1)) == (1, 15)
    assert located.position(("c", "b", 1)) == (2, 4)  # inside the alias: at the alias


def test_alias_problems() -> None:
    assert only_problem("a: *nowhere\n")[:4] == (
        1,
        4,
        "a",
        "the alias *nowhere names no anchor written before it",
    )
    assert only_problem("a: &x {b: [*x]}\n")[:4] == (
        1,
        12,
        "a.b[0]",
        "a YAML alias refers to itself",
    )


def test_the_value_count_bounds_plain_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "MAX_VALUES", 1000)
    assert only_problem("[" + "0, " * 2000 + "]")[:4] == (
        1,
        2999,
        "[999]",
        "the document holds more than 1,000 values",
    )


def test_problems_stop_reading_at_a_thousand() -> None:
    located = read_yaml("{" + "a: 1, " * 5000 + "}", "x.yaml")
    assert located.data is None
    assert len(located.problems) == 1001  # and the last says why there are no more
    assert located.problems[-1].message == "reading stopped after 1,000 problems"


def test_a_refused_key_is_skipped_within_the_bounds() -> None:
    located = read_yaml("? " + "[" * 100_000 + "\n", "x.yaml")
    assert [(p.line, p.column, p.message) for p in located.problems] == [
        (1, 3, "a key must be a plain string"),
        (1, 67, "values are nested more than 64 levels deep"),
    ]
