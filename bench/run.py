"""Benchmark the site build on a large synthetic catalogue, and compare it with its targets.

Generates a synthetic project (see :mod:`bench.synthetic`) in a temporary folder, then, as the
median of ``--runs`` runs, each build a fresh ``sphinx-build`` process:

* cold build: fresh output and doctree folders;
* incremental rebuild: one reason's cause edited in the catalogue, rebuilt into the same
  folders, with the HTML files it rewrote and changed;
* peak memory (maximum resident set size) of each build process;
* output size: bytes and files of the HTML output;
* the floor: plain Python and Jinja2 writing the same reason and endpoint pages, no Sphinx.

Prints a table with each figure next to its target, and writes the results as JSON with
``--output``. Exits 0 whether or not targets are met (it is a report), 1 if a build fails.

    python bench/run.py                       # 10,000 reasons, 3 runs: 3 to 4 minutes
    python bench/run.py --runs 1 --reasons 2000 --output results.json
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as ``python bench/run.py``: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.floor import FloorResult, write_pages
from bench.search import measure as measure_search
from bench.search import table as search_table
from bench.synthetic import REPO, SyntheticProject, SyntheticSpec, edit_cause, write_project

#: The targets, in seconds and bytes.
COLD_TARGET_S = 30.0
INCREMENTAL_TARGET_S = 5.0
MEMORY_TARGET_B = 1_000_000_000  # 1 GB
#: ``ru_maxrss`` is in kibibytes on Linux, in bytes on macOS.
_MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024


class BuildFailed(Exception):
    """A ``sphinx-build`` exited with an error; the message holds the end of its log."""


@dataclass(frozen=True)
class Build:
    """One ``sphinx-build`` process: wall time, CPU time, peak memory, warnings in its output."""

    seconds: float
    cpu_seconds: float  # user + system; far below ``seconds`` when others compete for the CPUs
    peak_bytes: int
    warnings: int


@dataclass(frozen=True)
class Changes:
    """How the HTML output differs between two snapshots."""

    rewritten: int  # HTML files whose modification time changed
    changed: int  # HTML files whose content changed
    added: int
    removed: int
    rewritten_pages: list[str]  # the HTML files rewritten (the first few)
    changed_pages: list[str]  # the HTML files whose content changed (the first few)
    other_changed: list[str]  # other files whose content changed (search index, JSON map, …)


@dataclass
class Run:
    """Everything measured in one run."""

    cold: Build
    incremental: Build
    changes: Changes
    output_bytes: int
    output_files: int
    html_files: int
    endpoint_pages: int
    floor: FloorResult | None = None
    search: dict[str, Any] | None = None  # the reason browser's figures (bench/search.py)


@dataclass
class Report:
    """The figures of every run, with what they were measured on."""

    environment: dict[str, Any]
    config: dict[str, Any]
    project: dict[str, Any]
    runs: list[Run] = field(default_factory=list)


# -- measuring ---------------------------------------------------------------------------------


def sphinx_build(source: Path, html: Path, doctrees: Path, log: Path, jobs: str | None) -> Build:
    """Run ``sphinx-build -b html`` in a fresh process; its wall and CPU time, peak memory.

    ``os.wait4`` gives the resource usage of this one child, so the peak is per build (not
    the maximum over every child so far, as ``RUSAGE_CHILDREN`` would be).
    """
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-d", str(doctrees)]
    if jobs:
        command += ["-j", jobs]
    command += [str(source), str(html)]
    os.sync()  # flush earlier steps' writes, so that their write-back does not slow this build
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        # From the repository, as the docs session runs: the extension finds lunr.js there
        # (node_modules/), so the reason browser is built as it is for the real site.
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    text = log.read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0:
        tail = "\n".join(text.splitlines()[-30:])
        raise BuildFailed(f"sphinx-build exited with {process.returncode} (log: {log}):\n{tail}")
    warnings = sum("WARNING:" in line or "ERROR:" in line for line in text.splitlines())
    cpu = usage.ru_utime + usage.ru_stime
    return Build(seconds, cpu, usage.ru_maxrss * _MAXRSS_UNIT, warnings)


Snapshot = dict[str, tuple[int, str]]


def snapshot(folder: Path) -> Snapshot:
    """Every file under ``folder``: its modification time (ns) and SHA-1, by relative path."""
    found: Snapshot = {}
    for path in folder.rglob("*"):
        if path.is_file():
            digest = hashlib.sha1(path.read_bytes(), usedforsecurity=False).hexdigest()
            found[path.relative_to(folder).as_posix()] = (path.stat().st_mtime_ns, digest)
    return found


def compare(before: Snapshot, after: Snapshot, shown: int = 10) -> Changes:
    """What changed in the output between two snapshots."""
    common = before.keys() & after.keys()
    changed = sorted(p for p in common if before[p][1] != after[p][1])
    html = [p for p in changed if p.endswith(".html")]
    rewritten = sorted(p for p in common if p.endswith(".html") and before[p][0] != after[p][0])
    return Changes(
        rewritten=len(rewritten),
        changed=len(html),
        added=sum(p.endswith(".html") for p in after.keys() - before.keys()),
        removed=sum(p.endswith(".html") for p in before.keys() - after.keys()),
        rewritten_pages=rewritten[:shown],
        changed_pages=html[:shown],
        other_changed=[p for p in changed if not p.endswith(".html")][:shown],
    )


def one_run(
    pristine: SyntheticProject, workdir: Path, jobs: str | None, say: Callable[[str], None]
) -> Run:
    """A cold build, then an incremental one after an edit, of a fresh copy of the project."""
    source = workdir / "src"
    shutil.copytree(pristine.root, source)
    html, doctrees = workdir / "out" / "html", workdir / "out" / "doctrees"

    say("cold build")
    cold = sphinx_build(source, html, doctrees, workdir / "cold.log", jobs)
    before = snapshot(html)
    size = sum(path.stat().st_size for path in html.rglob("*") if path.is_file())
    endpoint_pages = len(list((html / pristine.slug / "endpoints").glob("*.html")))
    say("reason browser in Chromium")
    browser = measure_search(html)

    say(f"incremental build (cause of {pristine.sample_code} edited)")
    edit_cause(source / pristine.catalogue.relative_to(pristine.root), pristine.sample_code)
    incremental = sphinx_build(source, html, doctrees, workdir / "incremental.log", jobs)
    changes = compare(before, snapshot(html))
    return Run(
        cold=cold,
        incremental=incremental,
        changes=changes,
        output_bytes=size,
        output_files=len(before),
        html_files=sum(p.endswith(".html") for p in before),
        endpoint_pages=endpoint_pages,
        search=browser,
    )


# -- reporting ---------------------------------------------------------------------------------


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def extension_digest() -> str:
    """A digest of the installed extension's files, to notice it changing during a run."""
    spec = importlib.util.find_spec("reason_catalog")
    if spec is None or spec.origin is None:
        return "not installed"
    package = Path(spec.origin).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def environment() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "extension_digest": extension_digest(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "packages": {
            name: _version(name)
            for name in ("reason-catalog", "sphinx", "furo", "myst-parser", "jinja2", "pyyaml")
        },
    }


def _median(values: Sequence[float]) -> float:
    return statistics.median(values)


def summary(report: Report) -> dict[str, Any]:
    """The medians, each with its target (if it has one) and whether it was met."""
    runs = report.runs

    def figure(values: list[float], target: float | None = None) -> dict[str, Any]:
        median = _median(values)
        return {
            "median": median,
            "runs": values,
            "target": target,
            "pass": None if target is None else median < target,
        }

    floors = [r.floor for r in runs if r.floor is not None]
    return {
        "cold_build_s": figure([r.cold.seconds for r in runs], COLD_TARGET_S),
        "incremental_build_s": figure([r.incremental.seconds for r in runs], INCREMENTAL_TARGET_S),
        "cold_build_cpu_s": figure([r.cold.cpu_seconds for r in runs]),
        "incremental_build_cpu_s": figure([r.incremental.cpu_seconds for r in runs]),
        "cold_peak_memory_bytes": figure([float(r.cold.peak_bytes) for r in runs], MEMORY_TARGET_B),
        "incremental_peak_memory_bytes": figure(
            [float(r.incremental.peak_bytes) for r in runs], MEMORY_TARGET_B
        ),
        "output_bytes": figure([float(r.output_bytes) for r in runs]),
        "output_files": figure([float(r.output_files) for r in runs]),
        "html_files": figure([float(r.html_files) for r in runs]),
        "endpoint_pages": figure([float(r.endpoint_pages) for r in runs]),
        "incremental_html_rewritten": figure([float(r.changes.rewritten) for r in runs]),
        "incremental_html_changed": figure([float(r.changes.changed) for r in runs]),
        "floor_s": figure([f.seconds for f in floors]) if floors else None,
        "floor_pages": (floors[0].reason_pages + floors[0].endpoint_pages) if floors else None,
        "floor_bytes": floors[0].bytes if floors else None,
        "warnings": max(r.cold.warnings + r.incremental.warnings for r in runs),
    }


def _seconds(value: float) -> str:
    return f"{value:.1f} s"


def _megabytes(value: float) -> str:
    return f"{value / 1e6:,.0f} MB"


def table(report: Report, figures: dict[str, Any]) -> str:
    """The results as a table a person reads: figure, its runs, target, PASS or MISS."""
    runs = report.runs
    rows: list[tuple[str, str, str, str, str]] = []

    def row(label: str, key: str, show: Callable[[float], str], target: str) -> None:
        figure = figures[key]
        verdict = {True: "PASS", False: "MISS", None: ""}[figure["pass"]]
        each = " / ".join(show(v) for v in figure["runs"]) if len(figure["runs"]) > 1 else ""
        rows.append((label, show(figure["median"]), target, verdict, each))

    row("Cold build", "cold_build_s", _seconds, f"< {COLD_TARGET_S:.0f} s")
    row("  CPU time (user + sys)", "cold_build_cpu_s", _seconds, "")
    row("Incremental rebuild", "incremental_build_s", _seconds, f"< {INCREMENTAL_TARGET_S:.0f} s")
    row("  CPU time (user + sys)", "incremental_build_cpu_s", _seconds, "")
    row("Peak memory, cold build", "cold_peak_memory_bytes", _megabytes, "< 1 GB")
    row("Peak memory, incremental", "incremental_peak_memory_bytes", _megabytes, "< 1 GB")
    last = runs[-1]
    changes = last.changes
    rows.append(
        (
            "Output",
            _megabytes(figures["output_bytes"]["median"]),
            "",
            "",
            f"{last.output_files:,} files, {last.html_files:,} HTML",
        )
    )
    rows.append(
        (
            "HTML files after the edit",
            f"{changes.changed:,} changed",
            "",
            "",
            f"{changes.rewritten:,} rewritten, {changes.added} added, {changes.removed} removed",
        )
    )
    if figures["floor_s"] is not None:
        row("Floor: Jinja2, no Sphinx", "floor_s", _seconds, "")
        label, median, target, verdict, each = rows[-1]
        pages = f"{figures['floor_pages']:,} pages, {_megabytes(figures['floor_bytes'])}"
        rows[-1] = (label, median, target, verdict, f"{pages}; {each}" if each else pages)

    headings = ("Measure", "Median", "Target", "Result", "Runs / details")
    widths = [max(len(r[i]) for r in [headings, *rows]) for i in range(5)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines = [line.rstrip() for line in lines]
    project, env = report.project, report.environment
    header = (
        f"{project['reasons']:,} reasons in {project['groups']} groups, "
        f"{last.endpoint_pages:,} endpoint pages; median of {len(runs)} run(s); "
        f"Python {env['python']}, Sphinx {env['packages']['sphinx']}, {env['cpus']} CPUs"
    )
    notes = []
    if figures.get("extension_changed_during_run"):
        notes.append("WARNING: the extension's files changed during the benchmark; run it again")
    for kind in ("cold_build", "incremental_build"):
        wall, cpu = figures[f"{kind}_s"]["median"], figures[f"{kind}_cpu_s"]["median"]
        if wall > 1.15 * cpu:
            notes.append(
                f"note: {kind.replace('_', ' ')} took {wall:.1f} s but used {cpu:.1f} s of CPU: "
                "other processes were competing for the CPUs, or it waited on the disk"
            )
    if figures["warnings"]:
        notes.append(f"note: the builds printed {figures['warnings']} warning(s); see the logs")
    if changes.changed_pages:
        notes.append("changed pages: " + ", ".join(changes.changed_pages))
    if changes.rewritten_pages != changes.changed_pages:
        notes.append("rewritten pages: " + ", ".join(changes.rewritten_pages))
    if changes.other_changed:
        notes.append("other changed files: " + ", ".join(changes.other_changed))
    return "\n".join([header, "", *lines, "", *notes]).rstrip() + "\n"


# -- command line ------------------------------------------------------------------------------


def search_summary(report: Report) -> dict[str, Any] | None:
    """The median of each reason-browser figure over the runs, if any was measured."""
    searches = [run.search for run in report.runs if run.search is not None]
    if not searches:
        return None
    return {key: statistics.median(s[key] for s in searches) for key in searches[0]}


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    defaults = SyntheticSpec()
    parser = argparse.ArgumentParser(
        description="Benchmark the site build on a synthetic catalogue.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the median is kept)")
    parser.add_argument("--reasons", type=int, default=defaults.reasons)
    parser.add_argument("--groups", type=int, default=defaults.groups)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--jobs", "-j", default=None, help="passed to sphinx-build -j")
    parser.add_argument("--no-floor", action="store_true", help="skip the Jinja2-only floor")
    parser.add_argument("--output", type=Path, help="write the results as JSON to this file")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where to make the temporary folder"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.workdir is not None and _inside(args.workdir, REPO):
        parser.error("--workdir must be outside the repository")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    spec = SyntheticSpec(reasons=args.reasons, groups=args.groups, seed=args.seed)

    def say(message: str) -> None:
        print(f"[bench] {message}", file=sys.stderr, flush=True)

    scratch = Path(tempfile.mkdtemp(prefix="reason-catalog-bench-", dir=args.workdir))
    if _inside(scratch, REPO):  # e.g. TMPDIR set inside the checkout
        shutil.rmtree(scratch)
        say(f"refusing to work inside the repository ({scratch}); set TMPDIR or --workdir")
        return 2
    try:
        say(f"generating {spec.reasons:,} reasons in {spec.groups} groups into {scratch}")
        try:
            project = write_project(scratch / "project", spec)
        except ValueError as error:
            say(str(error))
            return 2
        report = Report(
            environment=environment(),
            config={**asdict(spec), "runs": args.runs, "jobs": args.jobs},
            project={
                "reasons": project.reasons,
                "groups": project.groups,
                "endpoints": project.endpoints,
                "catalogue_bytes": project.catalogue.stat().st_size,
                "edited_reason": project.sample_code,
            },
        )
        for index in range(args.runs):
            workdir = scratch / f"run{index + 1}"
            workdir.mkdir()

            def progress(step: str, number: int = index + 1) -> None:
                say(f"run {number}/{args.runs}: {step}")

            try:
                run = one_run(project, workdir, args.jobs, progress)
            except BuildFailed as error:
                say(str(error))
                args.keep = True  # keep the logs for inspection
                return 1
            if not args.no_floor:
                progress("floor (Jinja2 only)")
                os.sync()
                run.floor = write_pages(project.catalogue, workdir / "floor")
            report.runs.append(run)
            if not args.keep:
                shutil.rmtree(workdir)
            say(
                f"run {index + 1}: cold {run.cold.seconds:.1f} s, "
                f"incremental {run.incremental.seconds:.1f} s"
            )
    finally:
        if args.keep:
            say(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    figures = summary(report)
    if extension_digest() != report.environment["extension_digest"]:
        # Someone edited the (editable) extension while it was measured: runs mix versions.
        figures["extension_changed_during_run"] = True
    print(table(report, figures), end="")
    figures["search"] = search_summary(report)
    print(search_table(figures["search"]), end="")
    if args.output is not None:
        document = {
            "environment": report.environment,
            "config": report.config,
            "project": report.project,
            "summary": figures,
            "runs": [asdict(run) for run in report.runs],
        }
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        say(f"results written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
