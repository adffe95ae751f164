"""Every hostile catalogue fails cleanly: exit 1, a located message, no traceback, in bounds.

Each case of :mod:`.hostile_corpus` is run through ``python -m reason_catalog validate`` (a real
process, its address space limited to 500 MiB) and through a Sphinx build of a one-page project
(in a child of :mod:`.forkbuild`'s server, under the same limits); each must end within 5 s of
CPU time (wall time is only a backstop: on a shared machine it also counts everyone else). Both
run once for the whole corpus, two at a time, and the parametrized tests read what happened;
the run's times are printed, and written to ``summary.tsv`` beside the cases.
Hypothesis then mutates the minimal catalogue in ways the corpus only samples.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from .forkbuild import Finished, ForkServer, limit
from .hostile_corpus import CASES, MINIMAL, Case

CPU_SECONDS = 5.0
WALL_SECONDS = 15.0
MEMORY_MIB = 500
JOBS = 2  # the machine has two cores
#: What an uncaught exception leaves in the output of Python, or of Sphinx (which keeps the
#: traceback in a file and prints only that it happened).
CRASH_MARKERS = (
    "Traceback",
    "Exception occurred",
    "sphinx-err-",
    "Extension error",
    "Recursion error",
    "MemoryError",
)
CONF = """\
extensions = ["reason_catalog", "myst_parser"]
reason_catalog_paths = ["example.yaml"]
html_theme = "alabaster"
"""
INDEX = "# Hostile catalogue\n\n```{reason:table} example\n```\n"
CATALOGUE = "example.yaml"


@dataclass
class CorpusRun:
    """Where each case was run, and how its ``validate`` and its build ended."""

    projects: dict[str, Path]
    validate: dict[str, Finished]
    build: dict[str, Finished]
    seconds: dict[str, float]


def run_validations(jobs: list[tuple[str, Path, Path]]) -> dict[str, Finished]:
    """``validate`` on each ``(id, file, log)``, ``JOBS`` at a time, within the limits."""
    pending = list(reversed(jobs))
    running: dict[int, tuple[str, subprocess.Popen[bytes], float, bool, Path]] = {}
    results: dict[str, Finished] = {}
    while pending or running:
        while pending and len(running) < JOBS:
            case_id, file, log = pending.pop()
            with log.open("wb") as output:
                process = subprocess.Popen(
                    [sys.executable, "-m", "reason_catalog", "validate", str(file)],
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    preexec_fn=functools.partial(limit, MEMORY_MIB, CPU_SECONDS),  # noqa: PLW1509
                )
            running[process.pid] = (case_id, process, time.monotonic(), False, log)
        time.sleep(0.005)
        for pid, (case_id, process, started, killed, log) in list(running.items()):
            # wait4, not Popen.wait: it also says how much memory the process held.
            done, status, usage = os.wait4(pid, os.WNOHANG)
            elapsed = time.monotonic() - started
            if done == 0:
                if elapsed > WALL_SECONDS and not killed:
                    process.kill()
                    running[pid] = (case_id, process, started, True, log)
                continue
            process.returncode = os.waitstatus_to_exitcode(status)
            del running[pid]
            results[case_id] = Finished.from_wait(case_id, status, usage, elapsed, killed, str(log))
    return results


@pytest.fixture(scope="module")
def server() -> Iterator[ForkServer]:
    """A fork server with Sphinx and the loader imported."""
    instance = ForkServer(
        jobs=JOBS, memory_mib=MEMORY_MIB, cpu_seconds=CPU_SECONDS, wall_seconds=WALL_SECONDS
    )
    yield instance
    instance.close()


@pytest.fixture(scope="module")
def corpus(
    tmp_path_factory: pytest.TempPathFactory, server: ForkServer, request: pytest.FixtureRequest
) -> CorpusRun:
    """Every selected case validated and built, once; the oversized files are removed after."""
    # Only the cases whose tests were selected (``-k nesting`` runs the nesting cases alone).
    selected: set[str] = set()
    for item in request.session.items:
        params: dict[str, Any] = getattr(getattr(item, "callspec", None), "params", {})
        if isinstance(params.get("case"), Case):
            selected.add(params["case"].id)
    cases = [c for c in CASES if c.id in selected]
    folder = tmp_path_factory.mktemp("hostile")
    projects: dict[str, Path] = {}
    for index, case in enumerate(cases):
        project = folder / f"{index:03d}-{case.kind}-{case.name}"
        project.mkdir()
        (project / "conf.py").write_text(CONF, encoding="utf-8")
        (project / "index.md").write_text(INDEX, encoding="utf-8")
        (project / CATALOGUE).write_bytes(case.content())
        projects[case.id] = project
    started = time.monotonic()
    validate = run_validations(
        [(c.id, projects[c.id] / CATALOGUE, projects[c.id] / "validate.log") for c in cases]
    )
    validated = time.monotonic()
    build = server.run(
        [
            {
                "id": c.id,
                "kind": "build",
                "args": ["-q", "-N", "-b", "html", str(p), str(p / "_build")],
                "log": str(p / "build.log"),
            }
            for c in cases
            for p in [projects[c.id]]
        ]
    )
    built = time.monotonic()
    for case in cases:
        if case.kind == "oversized":
            (projects[case.id] / CATALOGUE).unlink()
    seconds = {"validate": validated - started, "build": built - validated}
    rows = ["case\tvalidate\tbuild"] + [
        f"{c.id}\t{validate[c.id].describe()}\t{build[c.id].describe()}" for c in cases
    ]
    (folder / "summary.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"\nhostile corpus: {len(cases)} cases, validate {seconds['validate']:.1f} s, "
                f"build {seconds['build']:.1f} s, total {sum(seconds.values()):.1f} s "
                f"(each case: {folder / 'summary.tsv'})"
            )
    return CorpusRun(projects, validate, build, seconds)


@dataclass(frozen=True)
class Reported:
    """One located problem found in a tool's output."""

    line: int
    column: int | None
    text: str


def validate_reports(output: str, file: Path) -> list[Reported]:
    """Each ``<file>:<line>:<column>: …`` problem, with its hint line."""
    pattern = re.compile(re.escape(str(file)) + r":(\d+):(\d+):(.*)")
    lines = output.splitlines()
    found = []
    for index, text in enumerate(lines):
        match = pattern.search(text)
        if match:
            hint = lines[index + 1] if index + 1 < len(lines) else ""
            extra = hint if hint.startswith(" ") else ""
            found.append(Reported(int(match[1]), int(match[2]), match[3] + extra))
    return found


def build_reports(output: str) -> list[Reported]:
    """Each ``…example.yaml:<line>[:<column>]: …`` message of a build, column where it says one."""
    pattern = re.compile(re.escape(CATALOGUE) + r":(\d+)(?::(\d+))?(.*)")
    found = []
    for text in output.splitlines():
        match = pattern.search(text)
        if match:
            column = match[2] or next(iter(re.findall(r"column (\d+)", match[3])), None)
            found.append(Reported(int(match[1]), int(column) if column else None, match[3]))
    return found


def location_problem(case: Case, reports: list[Reported]) -> str | None:
    """Why ``reports`` miss the case's location, or ``None`` when one of them names it."""
    fragments = case.fragment.lower().split("|")
    for report in reports:
        said = any(f in report.text.lower() for f in fragments)
        if report.line == case.line and said and case.column in (None, report.column):
            return None
        if report.line in case.also and said:
            return None
    where = f"{case.line}:{case.column}" if case.column else f"{case.line}"
    also = f" (or line {', '.join(map(str, case.also[:4]))})" if case.also else ""
    wanted = f"{CATALOGUE}:{where}{also}" + (f" saying {case.fragment!r}" if case.fragment else "")
    got = "; ".join(f"{r.line}:{r.column}{r.text[:80]}" for r in reports[:3]) or "no location"
    return f"expected {wanted}, got {got}"


def first_lines(output: str, count: int = 2) -> str:
    """The start of an output, on one line, for a failure message."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return " | ".join(line[:160] for line in lines[:count]) or "(no output)"


def common_problems(tool: str, result: Finished, output: str) -> list[str]:
    """What is wrong with how a run ended, whatever it printed."""
    problems = []
    if result.timed_out or result.signal is not None:
        problems.append(result.describe())
    crash = [marker for marker in CRASH_MARKERS if marker in output]
    if crash:
        tail = [line for line in output.splitlines() if line.strip()][-1:] or [""]
        problems.append(f"crashed ({crash[0]}): {tail[0][:160]}")
    if result.cpu_seconds >= CPU_SECONDS and result.signal is None:
        problems.append(f"took {result.cpu_seconds:.1f} s of CPU")
    if result.max_rss_mib >= MEMORY_MIB:
        problems.append(f"held {result.max_rss_mib:.0f} MiB")
    return [f"{tool}: {p}" for p in problems]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_validate_rejects_with_location(case: Case, corpus: CorpusRun) -> None:
    result = corpus.validate[case.id]
    output = Path(result.log).read_text(encoding="utf-8", errors="replace")
    problems = common_problems("validate", result, output)
    if not result.timed_out and result.signal is None:
        if result.exit != 1:
            problems.append(f"validate: exit {result.exit}")
        missing = location_problem(
            case, validate_reports(output, corpus.projects[case.id] / CATALOGUE)
        )
        if missing:
            problems.append(f"validate: {missing}")
    assert not problems, "; ".join(problems) + f" [{result.describe()}] {first_lines(output)}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_build_rejects_with_location(case: Case, corpus: CorpusRun) -> None:
    result = corpus.build[case.id]
    output = Path(result.log).read_text(encoding="utf-8", errors="replace")
    problems = common_problems("build", result, output)
    out = corpus.projects[case.id] / "_build"
    if not result.timed_out and result.signal is None:
        if result.exit == 0 and "ERROR" not in output:
            problems.append("build: exit 0 without an ERROR")
        pages = sorted(out.glob("*/reasons/*.html"))
        if pages:
            problems.append(f"build: wrote {len(pages)} reason pages")
        missing = location_problem(case, build_reports(output))
        if missing:
            problems.append(f"build: {missing}")
    assert not problems, "; ".join(problems) + f" [{result.describe()}] {first_lines(output)}"


def test_the_corpus_covers_every_class() -> None:
    kinds: dict[str, int] = {}
    for case in CASES:
        kinds[case.kind] = kinds.get(case.kind, 0) + 1
    assert len(CASES) >= 100
    assert min(kinds.values()) >= 3, kinds
    assert len({c.id for c in CASES}) == len(CASES)


# Hypothesis on top: mutations of the minimal catalogue, each parsed in a child of the fork
# server, so that a crash, a hang or a blown memory limit fails the example, not the run.

YAML_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: For inputs that hang or crash today: stop at the first failure rather than spend minutes
#: shrinking an input each attempt of which may take the whole time limit.
FUZZ_UNSHRUNK = settings(FUZZ, phases=[Phase.explicit, Phase.reuse, Phase.generate])


@pytest.fixture(scope="module")
def fuzz_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where each fuzzed catalogue is written."""
    return tmp_path_factory.mktemp("fuzz") / "fuzz.yaml"


def assert_clean_outcome(server: ForkServer, file: Path, raw: bytes) -> None:
    """A catalogue, or located problems within the file; nothing else, within the limits."""
    file.write_bytes(raw)
    log = file.with_suffix(".log")
    result = server.run_one(
        {"id": "fuzz", "kind": "parse", "file": str(file), "name": "fuzz.yaml", "log": str(log)}
    )
    output = log.read_text(encoding="utf-8", errors="replace")
    problems = common_problems("parse", result, output)
    assert not problems, f"{problems}: {output[-1500:]}"
    assert result.exit == 0, output[-1500:]
    summary: dict[str, Any] = json.loads(output.splitlines()[-1])
    if summary["outcome"] == "ok":
        return
    text = raw.decode("utf-8", "replace")
    line_count = len(YAML_LINE_BREAK.split(text))
    assert summary["problems"], "a CatalogueError must carry a problem"
    assert summary["report_ends"].endswith("found.")
    for name, line, column, message in summary["problems"]:
        assert name == "fuzz.yaml"
        assert 1 <= line <= line_count, f"line {line} of {line_count}: {message}"
        assert column >= 1, message
        assert message


CONTROL = st.sampled_from(
    [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)]
    + ["\x7f", "\x85", "\x9b", "\xa0", "\u200b", "\u202e", "\ufeff", "\u2028", "\u2029"]
    + ["\ufffe", "\uffff", "\U0010ffff", "\ud800", "\udfff"]
)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(MINIMAL)), CONTROL), min_size=1, max_size=5))
def test_control_characters_anywhere(
    server: ForkServer, fuzz_file: Path, insertions: list[tuple[int, str]]
) -> None:
    text = MINIMAL
    for offset, char in sorted(insertions, reverse=True):
        text = text[:offset] + char + text[offset:]
    assert_clean_outcome(server, fuzz_file, text.encode("utf-8", "surrogatepass"))


MULTIBYTE = MINIMAL.replace("Example API", "Exämple API — ☎ 𝄞").encode()


@FUZZ
@given(st.integers(0, len(MULTIBYTE)), st.binary(max_size=3))
def test_truncated_anywhere(server: ForkServer, fuzz_file: Path, end: int, tail: bytes) -> None:
    assert_clean_outcome(server, fuzz_file, MULTIBYTE[:end] + tail)


LINES = MINIMAL.splitlines(keepends=True)


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(0, len(LINES) - 1), st.integers(1, 12), st.integers(0, len(LINES))),
        min_size=1,
        max_size=3,
    )
)
def test_duplicated_blocks(
    server: ForkServer, fuzz_file: Path, copies: list[tuple[int, int, int]]
) -> None:
    lines = list(LINES)
    for start, length, destination in copies:
        block = lines[start : start + length]
        at = min(destination, len(lines))
        lines[at:at] = block
    assert_clean_outcome(server, fuzz_file, "".join(lines).encode())


#: Each ``key: value`` whose value a mutation may replace: (line index, text up to the value).
SLOTS = [
    (index, match[1])
    for index, line in enumerate(LINES)
    if (match := re.match(r"^(\s*(?:- )?[A-Za-z_$]+: )\S", line))
]
structures = st.one_of(
    st.tuples(
        st.just("deep"),
        st.sampled_from(["[", "{a: ", "[{a: "]),
        st.one_of(st.integers(1, 100), st.integers(100, 200_000)),
        st.booleans(),
    ),
    st.tuples(st.just("alias"), st.integers(0, len(SLOTS) - 1), st.just(0), st.booleans()),
    st.tuples(st.just("recursive"), st.sampled_from(["[*r]", "{k: *r}"]), st.just(0), st.just(0)),
    st.tuples(st.just("bomb"), st.integers(2, 10), st.integers(1, 9), st.just(0)),
)


def structure_text(kind: str, a: Any, b: Any, c: Any, slot: int, anchors: dict[int, str]) -> str:
    """The flow-style YAML one mutation puts in place of a value."""
    if kind == "deep":
        opening, depth = str(a), int(b)
        closing = {"[": "]", "{a: ": "}", "[{a: ": "}]"}[opening]
        return opening * depth + "x" + (closing * depth if c else "")
    if kind == "alias":
        name = anchors.setdefault(a, f"a{a}")
        return f"*{name}" if a != slot else f"&{name} [*{name}]"
    if kind == "recursive":
        return f"&r{slot} " + str(a).replace("*r", f"*r{slot}")
    width, levels = a, b
    parts = [f"&b{slot}_0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        parts.append(f"&b{slot}_{level} [" + ", ".join([f"*b{slot}_{level - 1}"] * width) + "]")
    return "[" + ", ".join(parts) + "]"


@FUZZ_UNSHRUNK
@given(
    st.lists(
        st.tuples(st.integers(0, len(SLOTS) - 1), structures),
        min_size=1,
        max_size=3,
        unique_by=lambda item: item[0],
    )
)
def test_values_replaced_by_deep_or_aliased_structures(
    server: ForkServer, fuzz_file: Path, replacements: list[tuple[int, tuple[str, Any, Any, Any]]]
) -> None:
    lines = list(LINES)
    anchors: dict[int, str] = {}
    new_values = {
        slot: structure_text(*structure, slot, anchors) for slot, structure in replacements
    }
    for slot, (index, prefix) in enumerate(SLOTS):
        value = lines[index][len(prefix) :]
        if slot in new_values:
            value = new_values[slot] + "\n"
        if slot in anchors and not (slot in new_values and new_values[slot].startswith("&")):
            value = f"&{anchors[slot]} {value}"
        lines[index] = prefix + value
    assert_clean_outcome(server, fuzz_file, "".join(lines).encode())
