"""The drift report: text for a person (grouped by API and kind, one line per finding), JSON for
CI (a list of findings)."""

from __future__ import annotations

import json
from collections import Counter
from itertools import groupby

from .run import DriftResult


def text_report(result: DriftResult) -> str:
    """``severity id: message`` lines under a heading per API and per kind, and a tally."""
    lines: list[str] = []
    slugs = list(dict.fromkeys([*result.headings, *(f.api for f in result.findings)]))
    for slug in slugs:
        heading = result.headings.get(slug)
        lines.append(f"{slug}: {heading}" if heading else f"{slug}:")
        mine = [f for f in result.findings if f.api == slug]
        for kind, group in groupby(mine, key=lambda f: f.kind):
            items = list(group)
            lines.append(f"  {kind} ({len(items)})")
            lines.extend(f"    {f.severity} {f.id}: {f.message}" for f in items)
    tally = Counter(f.severity for f in result.findings)
    summary = ", ".join(
        f"{tally[level]} {level if tally[level] == 1 else plural}"
        for level, plural in (("error", "errors"), ("warning", "warnings"), ("info", "info"))
    )
    lines.append(f"{summary}.")
    return "\n".join(lines) + "\n"


def json_report(result: DriftResult) -> str:
    """Every finding as a JSON object, in report order."""
    return json.dumps([f.as_json() for f in result.findings], indent=2, ensure_ascii=False) + "\n"
