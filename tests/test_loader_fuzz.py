"""Whatever a catalogue file holds, loading it ends cleanly: a catalogue, or located problems."""

from __future__ import annotations

import re
import time
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reason_catalog import Catalogue, CatalogueError
from reason_catalog.catalogue.load import parse_catalogue

from .conftest import TEST_CATALOGUES
from .test_yaml_limits import billion_laughs

YAML_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
MINIMAL = (TEST_CATALOGUES / "minimal.yaml").read_text(encoding="utf-8")
LINES = MINIMAL.splitlines(keepends=True)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=30),
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=25,
)


def assert_clean_outcome(text: str | bytes) -> None:
    try:
        result = parse_catalogue(text, "fuzz.yaml")
    except CatalogueError as error:
        assert error.problems, "a CatalogueError must carry at least one problem"
        decoded = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        line_count = len(YAML_LINE_BREAK.split(decoded))  # YAML's line breaks, not only \n
        for problem in error.problems:
            assert problem.file == "fuzz.yaml"
            assert 1 <= problem.line <= line_count + 1, problem
            assert problem.column >= 1
            assert problem.message
        assert error.report().endswith("found.")
    else:
        assert isinstance(result, Catalogue)


@SETTINGS
@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    assert_clean_outcome(text)


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes(raw: bytes) -> None:
    assert_clean_outcome(raw)


@SETTINGS
@given(documents)
def test_random_yaml_documents(document: Any) -> None:
    assert_clean_outcome(yaml.safe_dump(document))


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(["format", "api", "envelope", "groups", "code_style"]),
        documents,
        max_size=5,
    )
)
def test_random_values_under_real_keys(document: dict[str, Any]) -> None:
    assert_clean_outcome(yaml.safe_dump(document))


mutations = st.one_of(
    # delete a run of lines
    st.tuples(st.just("delete"), st.integers(0, len(LINES) - 1), st.integers(1, 5), st.just("")),
    # replace a line with random text, keeping its indentation
    st.tuples(st.just("replace"), st.integers(0, len(LINES) - 1), st.just(0), st.text(max_size=20)),
    # insert random characters inside a line
    st.tuples(
        st.just("insert"),
        st.integers(0, len(LINES) - 1),
        st.integers(0, 40),
        st.text(alphabet=":-{}[]'\"#&*!|>%@` \t\nabcXYZ0123", max_size=6),
    ),
    # duplicate a line
    st.tuples(st.just("duplicate"), st.integers(0, len(LINES) - 1), st.just(0), st.just("")),
    # shift a line's indentation
    st.tuples(st.just("indent"), st.integers(0, len(LINES) - 1), st.integers(-4, 4), st.just("")),
)


def apply(lines: list[str], mutation: tuple[str, int, int, str]) -> list[str]:
    kind, index, amount, text = mutation
    line = lines[index]
    if kind == "delete":
        return lines[:index] + lines[index + amount :]
    if kind == "replace":
        indent = line[: len(line) - len(line.lstrip())]
        return [*lines[:index], indent + text + "\n", *lines[index + 1 :]]
    if kind == "insert":
        cut = min(amount, len(line))
        return [*lines[:index], line[:cut] + text + line[cut:], *lines[index + 1 :]]
    if kind == "duplicate":
        return [*lines[: index + 1], line, *lines[index + 1 :]]
    stripped = line.lstrip(" ")
    indent = max(0, len(line) - len(stripped) + amount)
    return [*lines[:index], " " * indent + stripped, *lines[index + 1 :]]


@SETTINGS
@given(st.lists(mutations, min_size=1, max_size=4))
def test_mutated_catalogue(mutation_list: list[tuple[str, int, int, str]]) -> None:
    lines = list(LINES)
    for mutation in mutation_list:
        if not lines:
            break
        kind, index, amount, text = mutation
        lines = apply(lines, (kind, index % len(lines), amount, text))
    assert_clean_outcome("".join(lines))


# Deep or exploding documents: a run of one opener, then random brackets, anchors and aliases.
openers = st.sampled_from(["[", "{a: ", "- ", "? ", "a:\n ", "&x [", "!!seq ["])
pieces = st.sampled_from(
    ["[", "]", "{", "}", "a: ", "- ", "? ", ", ", "&x ", "*x", "&y [", "*y, ", "\n", "  ", "1"]
)


@SETTINGS
@given(openers, st.integers(0, 3000), st.lists(pieces, max_size=200))
def test_deep_and_aliased_documents(opener: str, depth: int, tail: list[str]) -> None:
    started = time.perf_counter()
    assert_clean_outcome(opener * depth + "".join(tail))
    assert time.perf_counter() - started < 5


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.integers(1, 12))
def test_alias_bombs(levels: int, fanout: int) -> None:
    started = time.perf_counter()
    assert_clean_outcome(billion_laughs(levels, fanout))
    assert time.perf_counter() - started < 5
