"""The benchmark's figures against their targets: medians over runs, verdicts, and the tables.

Build times are given in seconds and as multiples of the Jinja floor measured in the same run
(the floor writes the same generated pages with plain Jinja2, no Sphinx). Search figures stand
beside Pagefind's on the same site; relevance is hit@1 and hit@5 per class of the relevance
set (:mod:`bench.relevance`). A target is met (PASS) or not (MISS); the benchmark reports, it
never fails on a miss.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from bench.relevance import CLASSES

if TYPE_CHECKING:
    from bench.run import Run

KB, MB = 1000, 1_000_000
#: Build targets per profile (seconds, bytes): a figure passes at or under its target.
BUILD_TARGETS: dict[str, dict[str, float]] = {
    "one-api": {
        "cold_build_s": 20,
        "incremental_build_s": 3,
        "cold_peak_memory_bytes": 1000 * MB,
        "incremental_peak_memory_bytes": 1000 * MB,
    },
    "many-apis": {
        "cold_build_s": 40,
        "incremental_build_s": 5,
        "generated_average_bytes": 15 * KB,
        "largest_bytes": 1 * MB,
    },
}
SEARCH_TARGETS = {"first_result_ms": 250.0, "index_gzip_bytes": 1 * MB, "query_p95_ms": 5.0}
#: The relevance targets: per class, the measure and the share of queries it must reach.
RELEVANCE_TARGETS = {
    "exact": ("hit1", 1.0),
    "case": ("hit1", 1.0),
    "typo": ("hit5", 0.95),
    "phrase": ("hit5", 0.90),
    "shared": ("hit1", 0.95),
}


def _figure(values: Sequence[float]) -> dict[str, Any]:
    return {"median": statistics.median(values), "runs": list(values)}


def _medians(found: Sequence[dict[str, Any] | None]) -> dict[str, Any] | None:
    """The median of every number over the runs; anything else (relevance) from the last run."""
    runs = [f for f in found if f]
    if not runs:
        return None
    out = dict(runs[-1])
    for key, value in runs[-1].items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[key] = statistics.median(r[key] for r in runs)
    return out


def summary(profile: str, runs: Sequence[Run]) -> dict[str, Any]:
    """The medians over ``runs``, each build figure with its target and verdict."""
    floors = [(r, r.floor) for r in runs if r.floor is not None]
    last = runs[-1]
    figures: dict[str, Any] = {
        "cold_build_s": _figure([r.cold.seconds for r in runs]),
        "incremental_build_s": _figure([r.incremental.seconds for r in runs]),
        "cold_build_cpu_s": _figure([r.cold.cpu_seconds for r in runs]),
        "incremental_build_cpu_s": _figure([r.incremental.cpu_seconds for r in runs]),
        "cold_peak_memory_bytes": _figure([r.cold.peak_bytes for r in runs]),
        "incremental_peak_memory_bytes": _figure([r.incremental.peak_bytes for r in runs]),
        "output_bytes": _figure([r.output_bytes for r in runs]),
        "generated_average_bytes": _figure([r.pages["generated_average_bytes"] for r in runs]),
        "largest_bytes": _figure([r.pages["largest_bytes"] for r in runs]),
        "pages": last.pages,
        "output_files": last.output_files,
        "html_files": last.html_files,
        "changes": asdict(last.changes),
        "warnings": max(r.cold.warnings + r.incremental.warnings for r in runs),
        "search": _medians([r.search for r in runs]),
        "pagefind": _medians([r.pagefind for r in runs]),
    }
    if floors:
        figures["floor_s"] = _figure([f.seconds for _, f in floors])
        figures["floor_pages"] = floors[-1][1].reason_pages + floors[-1][1].endpoint_pages
        figures["floor_bytes"] = floors[-1][1].bytes
        for kind in ("cold", "incremental"):
            ratios = [getattr(r, kind).seconds / f.seconds for r, f in floors]
            figures[f"{kind}_vs_floor"] = _figure(ratios)
    for key, target in BUILD_TARGETS[profile].items():
        figures[key] |= {"target": target, "pass": figures[key]["median"] <= target}
    return figures


# -- the tables --------------------------------------------------------------------------------


def _s(value: float) -> str:
    return f"{value:.1f} s"


def _mb(value: float) -> str:
    return f"{value / MB:,.2f} MB" if value < 10 * MB else f"{value / MB:,.0f} MB"


def _kb(value: float) -> str:
    return f"{value / KB:,.1f} KB" if value < 100 * KB else f"{value / KB:,.0f} KB"


def _verdict(ok: bool | None) -> str:
    return {True: "PASS", False: "MISS", None: ""}[ok]


def _table(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [headings, *rows]) for i in range(len(headings))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return [line.rstrip() for line in lines]


def _build_rows(figures: dict[str, Any]) -> list[list[str]]:
    rows: list[list[str]] = []

    def row(label: str, key: str, show: Callable[[float], str], extra: str = "") -> None:
        figure = figures[key]
        ratio = figures.get(key.replace("_build_s", "_vs_floor"), {}).get("median")
        target = figure.get("target")
        each = " / ".join(show(v) for v in figure["runs"]) if len(figure["runs"]) > 1 else ""
        rows.append(
            [
                label,
                show(figure["median"]),
                f"{ratio:.1f}x" if ratio and key.endswith("_build_s") else "",
                f"<= {show(target)}" if target is not None else "",
                _verdict(figure.get("pass")),
                "; ".join(part for part in (extra, each) if part),
            ]
        )

    cpu = figures["cold_build_cpu_s"]["median"], figures["incremental_build_cpu_s"]["median"]
    row("Cold build", "cold_build_s", _s, f"CPU {_s(cpu[0])}")
    row("Incremental rebuild", "incremental_build_s", _s, f"CPU {_s(cpu[1])}")
    row("Peak memory, cold build", "cold_peak_memory_bytes", _mb)
    row("Peak memory, incremental", "incremental_peak_memory_bytes", _mb)
    pages = figures["pages"]
    rows.append(
        ["Output", _mb(figures["output_bytes"]["median"]), "", "", "",
         f"{figures['output_files']:,} files, {figures['html_files']:,} HTML"]
    )  # fmt: skip
    row(
        "Generated page, average",
        "generated_average_bytes",
        _kb,
        f"{pages['generated']:,} reason, endpoint and operation pages; largest "
        f"{_kb(pages['generated_max_bytes'])}",
    )
    row("Largest page", "largest_bytes", _kb, pages["largest_page"])
    changes = figures["changes"]
    rows.append(
        ["HTML files after the edit", f"{changes['changed']:,} changed", "", "", "",
         f"{changes['rewritten']:,} rewritten, {changes['added']} added, "
         f"{changes['removed']} removed"]
    )  # fmt: skip
    if "floor_s" in figures:
        floor = f"{figures['floor_pages']:,} pages, {_mb(figures['floor_bytes'])}"
        row("Floor: Jinja2, no Sphinx", "floor_s", _s, floor)
        rows[-1][2] = "1.0x"
    return rows


def _search_rows(ours: dict[str, Any], peer: dict[str, Any] | None) -> list[list[str]]:
    peer = peer or {}

    def versus(key: str, fewer_wins: bool = True) -> str:
        if key not in peer:
            return ""
        a, b = ours[key], peer[key]
        won = a < b if fewer_wins else a > b
        return "better" if won else ("same" if a == b else "worse")

    first, bytes_ = ours["first_result_ms"], ours["first_result_gzip_bytes"]
    rows = [
        ["Code index transfer (gzip)", _mb(ours["index_gzip_bytes"]),
         f"bundle {_mb(peer['bundle_bytes'])}" if peer else "", "<= 1 MB",
         _verdict(ours["index_gzip_bytes"] <= SEARCH_TARGETS["index_gzip_bytes"]), "",
         f"reason-index.js {_mb(ours['index_bytes'])} raw"
         + (f"; Pagefind: {peer['bundle_files']:,} files" if peer else "")],
        ["Prose index transfer (gzip)", _mb(ours.get("prose_gzip_bytes", 0)), "", "", "", "",
         f"{ours.get('prose_files', 0)} shards, {_mb(ours.get('prose_bytes', 0))} raw, "
         "loaded after the first result"],
        ["First result, from navigation", f"{first:.0f} ms",
         f"{peer['first_result_ms']:.0f} ms" if peer else "", "<= 250 ms",
         _verdict(first <= SEARCH_TARGETS["first_result_ms"]), versus("first_result_ms"),
         "median of 5 cold navigations (fresh browser context each)"],
        ["Bytes before first result (gzip)", _kb(bytes_),
         _kb(peer["first_result_gzip_bytes"]) if peer else "", "fewer than Pagefind", "",
         versus("first_result_gzip_bytes"),
         f"as served: {_kb(ours['first_result_bytes'])}"
         + (f" / {_kb(peer['first_result_bytes'])}" if peer else "")
         + f"; {ours['first_result_files']} files, largest (gzip): "
         + ", ".join(f"{name} {_kb(size)}" for name, size in ours["first_result_largest"][:3])],
        ["Query time, p95", f"{ours['query_p95_ms']:.2f} ms",
         f"{peer['query_p95_ms']:.2f} ms" if peer else "", "<= 5 ms",
         _verdict(ours["query_p95_ms"] <= SEARCH_TARGETS["query_p95_ms"]), versus("query_p95_ms"),
         f"median {ours['query_median_ms']:.2f} ms"
         + (f" / {peer['query_median_ms']:.2f} ms" if peer else "")
         + f" over {ours['queries']} queries"],
        ["Same top result as Python", f"{ours['same_top_result']}/{ours['queries']}", "",
         "all", _verdict(ours["same_top_result"] == ours["queries"]), "", ""],
    ]  # fmt: skip
    if peer:
        rows.append(["Pagefind indexing", "", _s(peer["index_s"]), "", "", "", ""])
    return rows


def _share(cell: dict[str, Any], key: str) -> str:
    return f"{cell[key] / cell['queries']:.0%}"


def _relevance_rows(ours: dict[str, Any], peer: dict[str, Any] | None) -> list[list[str]]:
    rows = []
    for kind in CLASSES:
        if kind not in ours:
            continue
        mine, theirs = ours[kind], (peer or {}).get(kind)
        measure, share = RELEVANCE_TARGETS.get(kind, ("", None))
        target = f"{measure.replace('hit', 'hit@')} >= {share:.0%}" if share is not None else ""
        ok = None if share is None else mine[measure] / mine["queries"] >= share - 1e-9
        versus = ""
        if theirs:
            versus = " / ".join(
                "better" if mine[k] > theirs[k] else "same" if mine[k] == theirs[k] else "worse"
                for k in ("hit1", "hit5")
            )
        rows.append(
            [kind, str(mine["queries"]), _share(mine, "hit1"), _share(mine, "hit5"),
             _share(theirs, "hit1") if theirs else "", _share(theirs, "hit5") if theirs else "",
             target, _verdict(ok), versus]
        )  # fmt: skip
    return rows


def _about(value: Any) -> str:
    if isinstance(value, dict):  # families: aws 189, google 105, …
        return ", ".join(f"{name} {count}" for name, count in value.items())
    return f"{value:,}" if isinstance(value, int) else str(value)


def render(
    profile: str, project: dict[str, Any], env: dict[str, Any], figures: dict[str, Any]
) -> str:
    """Every table of one profile, with its header and notes."""
    runs = len(figures["cold_build_s"]["runs"])
    about = ", ".join(
        f"{key.replace('_', ' ')} {_about(value)}"
        for key, value in project.items()
        if key not in ("reasons", "apis")
    )
    lines = [
        f"== {profile}: {project['reasons']:,} reasons in {project['apis']} API(s) ({about}); "
        f"median of {runs} run(s); Python {env['python']}, Sphinx {env['packages']['sphinx']}, "
        f"{env['pagefind']}, {env['cpus']} CPUs",
        "",
        *_table(("Build", "Result", "x floor", "Target", "Result", "Runs / details"),
                _build_rows(figures)),
    ]  # fmt: skip
    ours, peer = figures["search"], figures["pagefind"]
    if ours is None:
        lines += ["", "Search: not measured (no Chromium; `apt-get install chromium`)"]
    else:
        search = ("Search", "Reason browser", "Pagefind", "Target", "Result", "vs Pagefind")
        lines += ["", *_table((*search, "Details"), _search_rows(ours, peer))]
        columns = ("Relevance", "n", "hit@1", "hit@5", "PF hit@1", "PF hit@5", "Target")
        relevant = _relevance_rows(ours["relevance"], peer and peer.get("relevance"))
        lines += ["", *_table((*columns, "Result", "vs Pagefind @1 / @5"), relevant)]
    return "\n".join([*lines, "", *_notes(figures)]).rstrip() + "\n"


def _notes(figures: dict[str, Any]) -> list[str]:
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
    changes = figures["changes"]
    if changes["changed_pages"]:
        notes.append("changed pages: " + ", ".join(changes["changed_pages"]))
    if changes["rewritten_pages"] != changes["changed_pages"]:
        notes.append("rewritten pages: " + ", ".join(changes["rewritten_pages"]))
    if changes["other_changed"]:
        notes.append("other changed files: " + ", ".join(changes["other_changed"]))
    if figures["pagefind"]:
        notes.append(
            "note: Pagefind has no API facet; a shared-code query is asked of it as the code "
            "followed by the API's name. Its first result is timed on a bare page."
        )
    for who, found in (("browser", figures["search"]), ("Pagefind", figures["pagefind"])):
        for kind, cell in ((found or {}).get("relevance") or {}).items():
            for miss in cell["misses"][:2]:
                notes.append(
                    f"{who} miss ({kind}): {miss['query']!r}"
                    + (f" in {miss['api']}" if miss["api"] else "")
                    + f" -> {miss['got'][:2] or 'nothing'}; wanted {miss['intended']}"
                )
    return notes
