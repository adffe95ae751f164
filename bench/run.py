"""Benchmark the site build and its search on synthetic sites, and compare them with targets.

Two profiles (``--profile``, both by default): ``one-api``, one catalogue of 10,000 reasons (see
:mod:`bench.synthetic`), and ``many-apis``, 420 catalogues of 6,000 reasons in all, shaped like
real public APIs (:mod:`bench.manyapis`); ``both`` runs one after the other. Each profile is
generated in a temporary folder, then, as the median of ``--runs`` runs, each build a fresh
``sphinx-build`` process:

* cold build: fresh output and doctree folders; peak memory; output size; the average size
  of the generated pages and the largest page;
* incremental rebuild: one reason's cause edited in its catalogue, rebuilt into the same
  folders, with the HTML files it rewrote and changed;
* the floor: plain Python and Jinja2 writing the same reason, endpoint and operation pages,
  no Sphinx; build times are also given as multiples of it;
* the reason browser in Chromium (:mod:`bench.search`) and its relevance set
  (:mod:`bench.relevance`), and Pagefind on the same site, asked the same queries
  (:mod:`bench.pagefind`).

Prints a table per profile with each figure next to its target (:mod:`bench.report`), and
writes the results as JSON with ``--output``. Exits 0 whether or not targets are met (it is a
report), 1 if a build fails.

    python bench/run.py                                  # both profiles, 3 runs
    python bench/run.py --profile many-apis --runs 1
    python bench/run.py --profile many-apis --runs 1 --apis 60 --reasons 900 --no-pagefind
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

from bench import manyapis, pagefind, relevance, report, synthetic
from bench.floor import FloorResult, write_pages
from bench.search import measure as measure_search
from bench.search import timing_queries
from bench.synthetic import REPO, edit_cause

#: ``ru_maxrss`` is in kibibytes on Linux, in bytes on macOS.
_MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024
PROFILES = ("one-api", "many-apis")


class BuildFailed(Exception):
    """A ``sphinx-build`` exited with an error; the message holds the end of its log."""


@dataclass(frozen=True)
class Site:
    """A generated project, whichever profile made it."""

    profile: str
    root: Path
    catalogues: tuple[Path, ...]
    reasons: int
    apis: int
    #: The reason whose cause the incremental build edits.
    sample_catalogue: Path
    sample_code: str | int
    #: The docs pages showing each API, by slug (the relevance set's ``api`` class).
    api_pages: dict[str, tuple[str, ...]]
    about: dict[str, Any]  # what the report's header says of it


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
    pages: dict[str, Any]  # generated pages: count, average bytes; the largest page
    floor: FloorResult | None = None
    search: dict[str, Any] | None = None  # the reason browser's figures (bench/search.py)
    pagefind: dict[str, Any] | None = None  # Pagefind's (bench/pagefind.py)
    #: The relevance set asked of both (bench/relevance.py).
    queries: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Report:
    """The figures of every run of one profile, with what they were measured on."""

    profile: str
    environment: dict[str, Any]
    config: dict[str, Any]
    project: dict[str, Any]
    runs: list[Run] = field(default_factory=list)


# -- the sites ---------------------------------------------------------------------------------


def make_site(profile: str, dest: Path, args: argparse.Namespace) -> Site:
    """Generate the profile's project into ``dest``."""
    if profile == "one-api":
        spec = synthetic.SyntheticSpec(reasons=args.reasons or 10_000, groups=args.groups)
        one = synthetic.write_project(dest, spec)
        pages = ("index.html", *(f"g{n}.html" for n in range(1, one.groups + 1)))
        return Site(
            profile,
            one.root,
            (one.catalogue,),
            one.reasons,
            1,
            one.catalogue,
            one.sample_code,
            {one.slug: pages},
            {"groups": one.groups, "endpoints": one.endpoints},
        )
    many = manyapis.write_project(dest, manyapis.ManyApisSpec(args.apis, args.reasons or 6000))
    return Site(
        profile,
        many.root,
        many.catalogues,
        many.reasons,
        many.apis,
        many.sample_catalogue,
        many.sample_code,
        {slug: (f"apis/{slug}.html",) for slug, _, _ in many.api_names},
        {
            "operations": many.operations,
            "operations_per_reason": round(many.operations_per_reason, 1),
            "families": {k: [f for _, _, f in many.api_names].count(k) for k in manyapis.FAMILIES},
        },
    )


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


GENERATED = frozenset({"reasons", "endpoints", "operations"})


def page_sizes(html: Path) -> dict[str, Any]:
    """The generated pages (reasons, endpoints, operations): how many, their average size;
    and the largest HTML page of the whole site."""
    sizes = {p.relative_to(html).as_posix(): p.stat().st_size for p in html.rglob("*.html")}
    generated = [s for p, s in sizes.items() if GENERATED & set(p.split("/")[1:-1])]
    largest = max(sizes, key=lambda p: sizes[p])
    return {
        "generated": len(generated),
        "generated_average_bytes": sum(generated) / max(1, len(generated)),
        "generated_max_bytes": max(generated, default=0),
        "largest_page": largest,
        "largest_bytes": sizes[largest],
    }


def one_run(site: Site, workdir: Path, args: argparse.Namespace, say: Callable[[str], None]) -> Run:
    """A cold build, then an incremental one after an edit, of a fresh copy of the project;
    then the floor, and search in Chromium."""
    source = workdir / "src"
    shutil.copytree(site.root, source)
    html, doctrees = workdir / "out" / "html", workdir / "out" / "doctrees"

    say("cold build")
    cold = sphinx_build(source, html, doctrees, workdir / "cold.log", args.jobs)
    before = snapshot(html)
    size = sum(path.stat().st_size for path in html.rglob("*") if path.is_file())

    say(f"incremental build (cause of {site.sample_code} edited)")
    edit_cause(source / site.sample_catalogue.relative_to(site.root), site.sample_code)
    incremental = sphinx_build(source, html, doctrees, workdir / "incremental.log", args.jobs)
    run = Run(
        cold=cold,
        incremental=incremental,
        changes=compare(before, snapshot(html)),
        output_bytes=size,
        output_files=len(before),
        html_files=sum(p.endswith(".html") for p in before),
        pages=page_sizes(html),
    )
    if not args.no_floor:
        say("floor (Jinja2 only)")
        os.sync()
        run.floor = write_pages(site.catalogues, workdir / "floor")
    apis = relevance.load_apis(site.catalogues, site.api_pages)
    queries = relevance.build(apis, relevance.site_urls(html), args.queries)
    run.queries = [asdict(query) for query in queries]
    say(f"reason browser in Chromium ({len(queries)} relevance queries)")
    run.search = measure_search(html, queries)
    if not args.no_pagefind:
        say("Pagefind: indexing the same site, then the same queries in Chromium")
        indexed = pagefind.index(html, workdir / "pagefind.log")
        timing = timing_queries(html)
        run.pagefind = {**indexed, **(pagefind.measure(html, queries, timing) or {})}
    return run


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
    names = ("reason-catalog", "sphinx", "furo", "myst-parser", "jinja2", "pyyaml", "pagefind")
    return {
        "extension_digest": extension_digest(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "packages": {name: _version(name) for name in names},
        "pagefind": pagefind.version(),
    }


# -- command line ------------------------------------------------------------------------------


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark the site build and its search on synthetic sites.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--profile", choices=[*PROFILES, "both"], default="both")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the median is kept)")
    parser.add_argument(
        "--reasons", type=int, default=0, help="reasons in all (0: 10,000 one-api, 6,000 many)"
    )
    parser.add_argument("--groups", type=int, default=20, help="one-api: groups")
    parser.add_argument("--apis", type=int, default=420, help="many-apis: APIs")
    parser.add_argument("--queries", type=int, default=100, help="relevance queries per class")
    parser.add_argument("--jobs", "-j", default=None, help="passed to sphinx-build -j")
    parser.add_argument("--no-floor", action="store_true", help="skip the Jinja2-only floor")
    parser.add_argument("--no-pagefind", action="store_true", help="skip the Pagefind peer")
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


def run_profile(
    profile: str, scratch: Path, args: argparse.Namespace, say: Callable[[str], None]
) -> Report:
    """Generate the profile's site and measure it ``args.runs`` times."""
    site = make_site(profile, scratch / profile / "project", args)
    say(f"{profile}: {site.reasons:,} reasons in {site.apis} API(s) in {site.root}")
    found = Report(
        profile=profile,
        environment=environment(),
        config={"runs": args.runs, "jobs": args.jobs, "queries_per_class": args.queries},
        project={"reasons": site.reasons, "apis": site.apis, **site.about},
    )
    for index in range(args.runs):
        workdir = scratch / profile / f"run{index + 1}"
        workdir.mkdir(parents=True)

        def progress(step: str, number: int = index + 1) -> None:
            say(f"{profile} run {number}/{args.runs}: {step}")

        run = one_run(site, workdir, args, progress)
        found.runs.append(run)
        if not args.keep:
            shutil.rmtree(workdir)
        say(
            f"{profile} run {index + 1}: cold {run.cold.seconds:.1f} s, "
            f"incremental {run.incremental.seconds:.1f} s"
        )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)

    def say(message: str) -> None:
        print(f"[bench] {message}", file=sys.stderr, flush=True)

    scratch = Path(tempfile.mkdtemp(prefix="reason-catalog-bench-", dir=args.workdir))
    if _inside(scratch, REPO):  # e.g. TMPDIR set inside the checkout
        shutil.rmtree(scratch)
        say(f"refusing to work inside the repository ({scratch}); set TMPDIR or --workdir")
        return 2
    profiles = PROFILES if args.profile == "both" else (args.profile,)
    documents = {}
    try:
        for profile in profiles:
            try:
                found = run_profile(profile, scratch, args, say)
            except (BuildFailed, ValueError) as error:
                say(str(error))
                args.keep = True  # keep the logs for inspection
                return 1
            figures = report.summary(found.profile, found.runs)
            if extension_digest() != found.environment["extension_digest"]:
                # Someone edited the (editable) extension while it was measured.
                figures["extension_changed_during_run"] = True
            print(report.render(found.profile, found.project, found.environment, figures))
            documents[profile] = {
                "environment": found.environment,
                "config": found.config,
                "project": found.project,
                "summary": figures,
                "runs": [asdict(run) for run in found.runs],
            }
    finally:
        if args.keep:
            say(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    if args.output is not None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(documents, indent=2, default=str) + "\n", "utf-8")
        say(f"results written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
