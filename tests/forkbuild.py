"""A fork server: imports Sphinx and the loader once, then runs each job in a forked child.

Spawning ``sphinx-build`` costs about a second of imports per run on a two-core machine; a child
forked from a process that has already imported everything starts in milliseconds. Each child
gets its own log file and the limits of :func:`limit` (address space, CPU time); the server kills
it when its wall time runs out too, and reports its exit status, wall and CPU time and peak
memory (from ``wait4``). CPU time is the bound that holds on a shared machine: wall time there
also counts whoever else is busy, so its limit is only a backstop for a child that waits.

Run as a script, it reads one JSON job per line on stdin and answers one JSON line per job on
stdout, in the order the jobs finish, at most ``--jobs`` at a time. :class:`ForkServer` is the
client the tests use. Jobs:

- ``{"id": …, "kind": "build", "args": [...], "log": path}``: ``sphinx-build args``;
- ``{"id": …, "kind": "parse", "file": path, "name": str, "log": path}``: ``parse_catalogue``
  on the file's bytes; the log receives a JSON summary of the outcome.
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

MIB = 1 << 20


@dataclass(frozen=True)
class Finished:
    """How one job ended."""

    id: str
    exit: int | None  # None when a signal ended it
    signal: int | None
    seconds: float  # wall time
    cpu_seconds: float
    max_rss_mib: float
    timed_out: bool  # killed for its wall time
    log: str

    @classmethod
    def from_wait(
        cls, job_id: str, status: int, usage: Any, elapsed: float, killed: bool, log: str
    ) -> Finished:
        """What ``os.wait4`` said about a child."""
        return cls(
            id=job_id,
            exit=os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            signal=os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            seconds=round(elapsed, 3),
            cpu_seconds=round(usage.ru_utime + usage.ru_stime, 3),
            max_rss_mib=round(usage.ru_maxrss / 1024, 1),
            timed_out=killed,
            log=log,
        )

    def describe(self) -> str:
        """One line: how it ended, how long it took, how much memory it held."""
        if self.timed_out:
            how = "killed after the wall-time limit"
        elif self.signal == signal.SIGXCPU:
            how = "killed after the CPU-time limit"
        elif self.signal is not None:
            how = f"killed by {signal.Signals(self.signal).name}"
        else:
            how = f"exit {self.exit}"
        return (
            f"{how} in {self.seconds:.2f} s ({self.cpu_seconds:.2f} s CPU), "
            f"{self.max_rss_mib:.0f} MiB"
        )


def limit(memory_mib: int, cpu_seconds: float) -> None:
    """Limit this process's address space and CPU time (SIGXCPU when it runs out)."""
    memory = memory_mib * MIB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = max(1, int(cpu_seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


class ForkServer:
    """The client: starts the server, sends it jobs and collects what it answers."""

    def __init__(
        self,
        *,
        jobs: int = 2,
        memory_mib: int = 500,
        cpu_seconds: float = 5,
        wall_seconds: float = 15,
    ) -> None:
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            f"--jobs={jobs}",
            f"--memory-mib={memory_mib}",
            f"--cpu-seconds={cpu_seconds}",
            f"--wall-seconds={wall_seconds}",
        ]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )
        self.jobs = jobs

    def run(self, jobs: list[dict[str, Any]]) -> dict[str, Finished]:
        """Run ``jobs`` and return how each ended, by id (never more than a few in flight)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        results: dict[str, Finished] = {}
        pending = list(reversed(jobs))
        in_flight = 0
        while pending or in_flight:
            # Keep the server's queue short, so neither pipe ever fills up.
            while pending and in_flight < 2 * self.jobs:
                self.process.stdin.write(json.dumps(pending.pop()) + "\n")
                in_flight += 1
            self.process.stdin.flush()
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError(f"the fork server stopped (exit {self.process.wait()})")
            answer = json.loads(line)
            results[answer["id"]] = Finished(**answer)
            in_flight -= 1
        return results

    def run_one(self, job: dict[str, Any]) -> Finished:
        """Run one job and wait for it."""
        return self.run([job])[job["id"]]

    def close(self) -> None:
        """Stop the server (it finishes nothing further)."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _preload() -> None:
    """Import everything a job needs, once, before any child is forked."""
    import alabaster  # noqa: F401, PLC0415
    import myst_parser.parsers.sphinx_  # noqa: F401, PLC0415
    import reason_catalog.catalogue.load  # noqa: PLC0415
    import reason_catalog.sphinxext  # noqa: F401, PLC0415
    import sphinx.builders.html  # noqa: PLC0415
    import sphinx.cmd.build  # noqa: F401, PLC0415


def _parse(job: dict[str, Any]) -> int:
    from reason_catalog.catalogue.errors import CatalogueError  # noqa: PLC0415
    from reason_catalog.catalogue.load import parse_catalogue  # noqa: PLC0415

    raw = Path(job["file"]).read_bytes()
    try:
        parse_catalogue(raw, job["name"])
    except CatalogueError as error:
        problems = [[p.file, p.line, p.column, p.message] for p in error.problems[:200]]
        summary: dict[str, Any] = {"outcome": "problems", "problems": problems}
        summary["report_ends"] = error.report()[-40:]
    else:
        summary = {"outcome": "ok"}
    sys.stdout.write(json.dumps(summary) + "\n")
    return 0


def _child(job: dict[str, Any], memory_mib: int, cpu_seconds: float) -> None:
    """In the forked child: redirect the output, set the limits, run the job, never return."""
    status = 70
    try:
        log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        limit(memory_mib, cpu_seconds)
        if job["kind"] == "build":
            from sphinx.cmd.build import build_main  # noqa: PLC0415

            status = build_main(job["args"])
        else:
            status = _parse(job)
    except BaseException:  # report it, as an uncaught exception would be
        import traceback  # noqa: PLC0415

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(status)


def serve(jobs: int, memory_mib: int, cpu_seconds: float, wall_seconds: float) -> None:
    """Read jobs from stdin, run them in forked children, answer on stdout as each ends."""
    _preload()
    queue: list[dict[str, Any]] = []
    running: dict[int, tuple[dict[str, Any], float, bool]] = {}
    buffer = b""
    closed = False
    while not closed or queue or running:
        if not closed:
            ready, _, _ = select.select([0], [], [], 0.005 if running else None)
            if ready:
                chunk = os.read(0, 1 << 16)
                closed = not chunk
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                queue.extend(json.loads(line) for line in lines if line.strip())
        else:
            time.sleep(0.005)
        while queue and len(running) < jobs:
            job = queue.pop(0)
            sys.stdout.flush()  # nothing buffered may be written twice
            pid = os.fork()
            if pid == 0:
                _child(job, memory_mib, cpu_seconds)
            running[pid] = (job, time.monotonic(), False)
        for pid, (job, started, killed) in list(running.items()):
            done, status, usage = os.wait4(pid, os.WNOHANG)
            elapsed = time.monotonic() - started
            if done == 0:
                if elapsed > wall_seconds and not killed:
                    os.kill(pid, signal.SIGKILL)
                    running[pid] = (job, started, True)
                continue
            del running[pid]
            answer = Finished.from_wait(job["id"], status, usage, elapsed, killed, job["log"])
            sys.stdout.write(json.dumps(asdict(answer)) + "\n")
            sys.stdout.flush()


def main() -> None:
    """``forkbuild.py --jobs=N --memory-mib=M --cpu-seconds=S --wall-seconds=W``."""
    options = dict(arg.removeprefix("--").split("=", 1) for arg in sys.argv[1:])
    serve(
        int(options.get("jobs", "2")),
        int(options.get("memory-mib", "500")),
        float(options.get("cpu-seconds", "5")),
        float(options.get("wall-seconds", "15")),
    )


if __name__ == "__main__":
    main()
