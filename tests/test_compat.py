"""The append-only check, and the permanent URL contract."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reason_catalog import doc_url
from reason_catalog.catalogue.load import parse_catalogue
from reason_catalog.compat import compare_catalogues

from .conftest import ROOT


@pytest.fixture
def old(minimal_text: str) -> str:
    return minimal_text


def load(text: str):  # type: ignore[no-untyped-def]
    return parse_catalogue(text, "example.yaml")


def problems(old_text: str, new_text: str) -> list[str]:
    return compare_catalogues(load(old_text), load(new_text)).problems


def test_a_pure_addition_passes(old: str) -> None:
    new = old.replace(
        "      - code: CALL_STATE_INVALID",
        "      - code: CALL_TOO_LONG\n        cause: The call ran too long.\n"
        "      - code: CALL_STATE_INVALID",
    )
    report = compare_catalogues(load(old), load(new))
    assert report.ok
    assert report.added == ["example: CALL_TOO_LONG"]


def test_a_rename_without_an_entry_fails(old: str) -> None:
    new = old.replace("CALL_STATE_INVALID", "CALL_STATE_WRONG")
    assert problems(old, new) == [
        "example: CALL_STATE_INVALID: was published and is gone without a lifecycle entry; "
        "add it to `retired` (with `renamed_to` for a rename)"
    ]


def test_a_rename_with_an_entry_passes(old: str) -> None:
    new = old.replace("CALL_STATE_INVALID", "CALL_STATE_WRONG").replace(
        "groups:\n",
        "retired:\n  - code: CALL_STATE_INVALID\n    renamed_to: CALL_STATE_WRONG\n"
        "    since: v2\n    message: Renamed for consistency.\ngroups:\n",
        1,
    )
    report = compare_catalogues(load(old), load(new))
    assert report.ok, report.problems
    assert report.retired == ["example: CALL_STATE_INVALID: renamed to CALL_STATE_WRONG"]
    assert report.added == ["example: CALL_STATE_WRONG"]


def test_a_removal_fails_and_a_tombstone_passes(old: str) -> None:
    start = old.index("      - code: CALL_STATE_INVALID")
    removed = old[:start].replace("        related: [CALL_STATE_INVALID]\n", "")
    assert problems(old, removed) == [
        "example: CALL_STATE_INVALID: was published and is gone without a lifecycle entry; "
        "add it to `retired` (with `renamed_to` for a rename)"
    ]
    tombstone = removed.replace(
        "groups:\n",
        "retired:\n  - code: CALL_STATE_INVALID\n    message: No longer returned.\ngroups:\n",
        1,
    )
    assert problems(old, tombstone) == []


def test_a_status_change_fails(old: str) -> None:
    new = (
        old.replace("        status: 409\n", "        status: 400\n")
        .replace("status: FAILED_PRECONDITION", "status: NOT_FOUND")
        .replace("names: {NOT_FOUND: 404,", "names: {NOT_FOUND: 404, BAD: 400,")
    )
    new = new.replace(
        "status: NOT_FOUND\n            reason: CALL_STATE_INVALID",
        "status: BAD\n            reason: CALL_STATE_INVALID",
    )
    new = new.replace("status: {enum: [NOT_FOUND,", "status: {enum: [BAD, NOT_FOUND,")
    assert problems(old, new) == [
        "example: CALL_STATE_INVALID: HTTP status changed from 409 to 400; a published reason "
        "keeps its status"
    ]


def test_a_dropped_endpoint_needs_a_note(old: str) -> None:
    new = old.replace('["GET /calls/{id}", "DELETE /calls/{id}"]', '["GET /calls/{id}"]')
    assert problems(old, new) == [
        "example: CALL_NOT_FOUND: no longer lists DELETE /calls/{id}; keep it, or say why in "
        "a note of the reason that names it"
    ]
    noted = new.replace(
        "        related: [CALL_STATE_INVALID]",
        '        notes: ["DELETE /calls/{id} now answers 204 for a missing call."]\n'
        "        related: [CALL_STATE_INVALID]",
    )
    assert problems(old, noted) == []


def test_moving_a_reason_between_groups_keeps_its_url(old: str) -> None:
    block = "      - code: CALL_STATE_INVALID\n        status: 409\n"
    start = old.index(block)
    moved_text = old[start:]
    new = old[:start].replace(
        "        fix: Retry after a short delay.\n",
        "        fix: Retry after a short delay.\n" + moved_text,
        1,
    )
    assert problems(old, new) == []
    assert load(new).reason("CALL_STATE_INVALID").group == "generic"


def test_doc_url() -> None:
    assert doc_url("voipbin", "CALL_NOT_FOUND") == "voipbin/reasons/CALL_NOT_FOUND.html"
    assert doc_url("voipbin", "CALL_NOT_FOUND", "https://docs.example.com/") == (
        "https://docs.example.com/voipbin/reasons/CALL_NOT_FOUND.html"
    )
    assert doc_url("twilio", "21 603/x") == "twilio/reasons/21%20603%2Fx.html"


def test_compat_command_against_git(tmp_path: Path) -> None:
    """The shipped catalogues are compatible with themselves at HEAD (git:<ref>:<path>)."""
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if head.returncode != 0:
        pytest.skip("not a git checkout")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reason_catalog",
            "compat",
            "git:HEAD:source_catalog",
            "source_catalog",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("OK: 324 published reasons kept\n")


def test_compat_command_reports_problems(tmp_path: Path, old: str) -> None:
    (tmp_path / "old.yaml").write_text(old)
    (tmp_path / "new.yaml").write_text(old.replace("CALL_STATE_INVALID", "CALL_STATE_WRONG"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reason_catalog",
            "compat",
            str(tmp_path / "old.yaml"),
            str(tmp_path / "new.yaml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: example: CALL_STATE_INVALID: was published")
    assert "added: example: CALL_STATE_WRONG" in result.stdout
