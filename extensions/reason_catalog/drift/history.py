"""Codes removed and added since an older version of the catalogue, paired as probable renames.

A removed code and an added one are a probable rename when they sit in the same group, have
the same status, and their codes or causes read alike. Each removal without a ``retired``
entry comes with the entry to paste (``compat`` fails until it is there).
"""

from __future__ import annotations

import difflib
import re

import yaml

from ..catalogue.model import Catalogue, Reason
from .findings import Finding

#: How alike two codes (by their words) or two causes must read for a probable rename.
CODE_CUTOFF = 0.6
CAUSE_CUTOFF = 0.6


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _likeness(old: Reason, new: Reason) -> float | None:
    """How alike two reasons read, or ``None`` when they are not a probable rename."""
    if old.group != new.group or old.statuses != new.statuses:
        return None
    code = difflib.SequenceMatcher(None, _words(old.code), _words(new.code)).ratio()
    cause = difflib.SequenceMatcher(None, _words(old.cause), _words(new.cause)).ratio()
    if code < CODE_CUTOFF and cause < CAUSE_CUTOFF:
        return None
    return code + cause


def retired_entry(code: str, renamed_to: str | None, since: str | None) -> str:
    """The ``retired`` list item to paste, on one line (YAML flow style)."""
    entry: dict[str, str] = {"code": code}
    if renamed_to is not None:
        entry["renamed_to"] = renamed_to
    if since:
        entry["since"] = since
    entry["message"] = (
        f"Renamed to {renamed_to}." if renamed_to else "Removed: the API no longer returns it."
    )
    flow = yaml.safe_dump(entry, default_flow_style=True, sort_keys=False, width=10**6)
    return "- " + flow.strip()


def history_findings(old: Catalogue, new: Catalogue) -> list[Finding]:
    """What changed in the codes from ``old`` to ``new`` (one API's catalogue)."""
    known_then = {r.code for r in old.reasons} | {r.code for r in old.retired}
    gone = [
        r for r in old.reasons if new.reason(r.code) is None and new.retired_code(r.code) is None
    ]
    added = [r for r in new.reasons if r.code not in known_then]
    pairs = sorted(
        (
            (score, index_old, index_new)
            for index_old, before in enumerate(gone)
            for index_new, after in enumerate(added)
            if (score := _likeness(before, after)) is not None
        ),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    renamed: dict[int, int] = {}
    taken: set[int] = set()
    for _, index_old, index_new in pairs:  # best first, each code in one pair at most
        if index_old not in renamed and index_new not in taken:
            renamed[index_old] = index_new
            taken.add(index_new)
    # A version the catalogue moved to says when; an unchanged one would say nothing true.
    since = new.api.version if new.api.version != old.api.version else None
    findings = []
    for index, before in enumerate(gone):
        if index in renamed:
            after = added[renamed[index]]
            entry = retired_entry(before.code, after.code, since)
            findings.append(
                Finding(
                    "code-renamed",
                    before.code,
                    f"{before.code} is gone and {after.code} is new, in the same group "
                    f"({after.group}) with the same status ({after.status}): a probable "
                    f"rename; keep the old URL with a retired entry: {entry}",
                    suggestion=entry,
                )
            )
        else:
            entry = retired_entry(before.code, None, since)
            findings.append(
                Finding(
                    "code-removed",
                    before.code,
                    f"{before.code} ({before.group}, {before.status}) is gone without a retired "
                    f"entry; its published URL needs one: {entry}",
                    suggestion=entry,
                )
            )
    for index, after in enumerate(added):
        if index not in taken:
            findings.append(
                Finding(
                    "code-added",
                    after.code,
                    f"{after.code} is new ({after.group}, {after.status})",
                )
            )
    return findings
