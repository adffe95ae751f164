"""The append-only check, and the permanent URL contract."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reason_catalog import CatalogueError, doc_url
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
        "add it to `retired` (with `renamed_to` for a rename)",
        "example: endpoint POST /calls/{id}/hangup: its page "
        "example/endpoints/post-calls-id-hangup.html was published and is gone; "
        "add it to `retired_endpoints` (with `moved_to` when it was renamed)",
    ]
    tombstone = removed.replace(
        "groups:\n",
        "retired:\n  - code: CALL_STATE_INVALID\n    message: No longer returned.\n"
        "retired_endpoints:\n  - endpoint: POST /calls/{id}/hangup\n"
        "    message: No longer exists.\ngroups:\n",
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
        "a note of the reason that names it",
        "example: endpoint DELETE /calls/{id}: its page "
        "example/endpoints/delete-calls-id.html was published and is gone; "
        "add it to `retired_endpoints` (with `moved_to` when it was renamed)",
    ]
    noted = new.replace(
        "        related: [CALL_STATE_INVALID]",
        '        notes: ["DELETE /calls/{id} now answers 204 for a missing call."]\n'
        "        related: [CALL_STATE_INVALID]",
    ).replace(
        "groups:\n",
        "retired_endpoints:\n  - endpoint: DELETE /calls/{id}\n"
        "    message: Answers 204 for a missing call.\ngroups:\n",
        1,
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
    # The file is named 21%20603%2Fx.html; its URL encodes that name once more.
    assert doc_url("twilio", "21 603/x") == "twilio/reasons/21%2520603%252Fx.html"


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


def test_dropping_a_group_pattern_fails_without_an_entry(old: str) -> None:
    new = old.replace('endpoints: ["/calls", "/calls/{id}*"]', 'endpoints: ["/calls"]')
    assert problems(old, new) == [
        "example: endpoint /calls/{id}*: its page example/endpoints/calls-id-all.html was "
        "published and is gone; add it to `retired_endpoints` (with `moved_to` when it was "
        "renamed)"
    ]
    kept = new.replace(
        "groups:\n",
        "retired_endpoints:\n  - endpoint: /calls/{id}*\n    moved_to: /calls\n"
        "    message: The group covers /calls and all below it.\ngroups:\n",
        1,
    )
    report = compare_catalogues(load(old), load(kept))
    assert report.ok, report.problems
    assert report.retired == ["example: endpoint /calls/{id}*: moved to /calls"]


def test_renaming_a_path_parameter_fails_without_an_entry(old: str) -> None:
    new = old.replace('"POST /calls/{id}/hangup"', '"POST /calls/{call_id}/hangup"')
    assert problems(old, new) == [
        "example: CALL_STATE_INVALID: no longer lists POST /calls/{id}/hangup; keep it, or say "
        "why in a note of the reason that names it",
        "example: endpoint POST /calls/{id}/hangup: its page "
        "example/endpoints/post-calls-id-hangup.html was published and is gone; add it to "
        "`retired_endpoints` (with `moved_to` when it was renamed)",
    ]
    kept = new.replace(
        "groups:\n",
        "retired_endpoints:\n  - endpoint: POST /calls/{id}/hangup\n"
        "    moved_to: POST /calls/{call_id}/hangup\n    message: Renamed.\ngroups:\n",
        1,
    )
    assert problems(old, kept) == []


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "  - endpoint: POST /calls/{id}/hangup\n    message: Gone.\n",
            "'POST /calls/{id}/hangup' is retired but still an endpoint of the catalogue",
        ),
        (
            "  - endpoint: GET /gone\n    moved_to: GET /calls/{idd}\n    message: Moved.\n",
            "'GET /calls/{idd}' is not an endpoint of the catalogue",
        ),
    ],
)
def test_retired_endpoints_are_checked(old: str, entry: str, message: str) -> None:
    text = old.replace("groups:\n", "retired_endpoints:\n" + entry + "groups:\n", 1)
    with pytest.raises(CatalogueError) as error:
        load(text)
    assert [p.message for p in error.value.problems] == [message]


def test_a_case_only_rename_keeps_its_url_working(old: str) -> None:
    renamed = old.replace("CALL_STATE_INVALID", "Call_State_Invalid").replace(
        "case: UPPER_SNAKE", "pattern: '^[A-Za-z_]+$'"
    )
    with pytest.raises(CatalogueError) as error:  # without an entry: the loader says how
        load(
            renamed.replace(
                "groups:\n", "retired:\n  - code: CALL_STATE_INVALID\n    message: x\ngroups:\n", 1
            )
        )
    assert (
        error.value.problems[0].hint
        == "its letter case changed: write renamed_to: Call_State_Invalid"
    )
    entry = (
        "retired:\n  - code: CALL_STATE_INVALID\n    renamed_to: Call_State_Invalid\n"
        "    message: Now in mixed case.\ngroups:\n"
    )
    new = renamed.replace("groups:\n", entry, 1)
    report = compare_catalogues(load(old), load(new))
    assert report.ok, report.problems
    assert report.retired == ["example: CALL_STATE_INVALID: renamed to Call_State_Invalid"]
