"""An incremental build after a catalogue edit equals a clean build of the same sources.

Each case edits the catalogue of ``tests/roots/test-incremental`` (whose pages render tables
and cite reasons and endpoints with roles), rebuilds the first build's output in place, builds
the edited sources afresh elsewhere, and requires the two outputs to be the same bytes and the
two builds to warn alike.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOTS, run_sphinx

ROOT = ROOTS / "test-incremental"


def _cause(text: str) -> str:
    return text.replace("cause: The call does not exist.", "cause: No call has this ID.")


def _status(text: str) -> str:
    return text.replace(
        "      - code: CALL_NOT_FOUND\n", "      - code: CALL_NOT_FOUND\n        status: 409\n"
    )


def _move(text: str) -> str:
    """CALL_STATE_INVALID leaves the calls group for the generic one."""
    start = text.index("      - code: CALL_STATE_INVALID")
    reason = text[start:]
    text = text[:start]
    anchor = "        fix: Retry after a short delay.\n"
    return text.replace(
        anchor, anchor + reason.replace('        endpoints: ["POST /calls/{id}/hangup"]\n', "", 1)
    )


def _rename(text: str) -> str:
    """CALL_STATE_INVALID becomes CALL_STATE_CONFLICT; the old code is retired."""
    text = text.replace("code: CALL_STATE_INVALID", "code: CALL_STATE_CONFLICT")
    text = text.replace("reason: CALL_STATE_INVALID", "reason: CALL_STATE_CONFLICT")
    text = text.replace("related: [CALL_STATE_INVALID]", "related: [CALL_STATE_CONFLICT]")
    return text.replace(
        "groups:\n",
        "retired:\n  - code: CALL_STATE_INVALID\n    renamed_to: CALL_STATE_CONFLICT\n"
        "    message: Renamed.\ngroups:\n",
        1,
    )


def _delete_endpoint(text: str) -> str:
    return text.replace('        endpoints: ["POST /calls/{id}/hangup"]\n', "")


def _delete_reason(text: str) -> str:
    start = text.index("      - code: SERVICE_UNAVAILABLE")
    end = text.index("  - id: calls")
    return (
        text[:start] + "      - code: SERVICE_DEGRADED\n        status: 503\n"
        "        cause: A backend service is slow.\n" + text[end:]
    )


def _add(text: str) -> str:
    return text.replace(
        "        related: [CALL_STATE_INVALID]\n",
        "        related: [CALL_STATE_INVALID]\n"
        "      - code: CALL_TOO_LONG\n        cause: The call ran past `CALL_NOT_FOUND`'s limit.\n"
        '        endpoints: ["POST /calls/{id}/hangup"]\n',
    )


def _longer_fix(text: str) -> str:
    """SERVICE_UNAVAILABLE's fix takes two more lines: every later reason moves down."""
    return text.replace(
        "        fix: Retry after a short delay.\n",
        "        fix: >-\n          Retry after a short delay,\n          twice at most.\n",
        1,
    )


EDITS: dict[str, Callable[[str], str]] = {
    "longer-fix": _longer_fix,
    "cause": _cause,
    "status": _status,
    "move": _move,
    "rename": _rename,
    "delete-endpoint": _delete_endpoint,
    "delete-reason": _delete_reason,
    "add": _add,
}


def _outputs(outdir: Path) -> dict[str, str]:
    """Every file a reader gets, with the digest of its bytes."""
    return {
        str(path.relative_to(outdir)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts and path.name != ".buildinfo"
    }


def _build(source: Path, out: Path) -> list[str]:
    """Build ``source`` into ``out``; the warnings, with the source folder taken out."""
    result = run_sphinx("html", out, source, source, strict=False)
    assert result.returncode == 0, result.stderr
    return sorted(line.replace(str(source), "<src>") for line in result.stderr.splitlines())


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The unedited project built once; a pristine copy is kept for each case to start from."""
    base = tmp_path_factory.mktemp("incremental")
    source, out = base / "src", base / "out"
    shutil.copytree(ROOT, source)
    assert _build(source, out) == []
    for path in (source, out):
        shutil.copytree(path, path.with_name("pristine-" + path.name))
    return source, out


@pytest.fixture
def project(first_build: tuple[Path, Path]) -> tuple[Path, Path]:
    """The first build, restored where it was built: Sphinx rebuilds everything elsewhere."""
    for path in first_build:
        shutil.rmtree(path)
        shutil.copytree(path.with_name("pristine-" + path.name), path)
    return first_build


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_incremental_equals_clean(edit: str, project: tuple[Path, Path], tmp_path: Path) -> None:
    source, out = project
    catalogue = source / "example.yaml"
    edited = EDITS[edit](catalogue.read_text(encoding="utf-8"))
    assert edited != catalogue.read_text(encoding="utf-8"), "the edit changed nothing"
    catalogue.write_text(edited, encoding="utf-8")

    incremental_warnings = _build(source, out)
    clean = tmp_path / "clean"
    clean_warnings = _build(source, clean)

    assert incremental_warnings == clean_warnings
    incremental, fresh = _outputs(out), _outputs(clean)
    assert sorted(incremental) == sorted(fresh), "different files"
    differing = [name for name in fresh if incremental[name] != fresh[name]]
    assert differing == [], f"{edit}: differs from a clean build: {differing}"


def test_an_edit_that_moves_later_reasons_rereads_only_the_page_that_shows_it(
    project: tuple[Path, Path],
) -> None:
    """Where a reason is written in its catalogue shows in no HTML page: a longer fix rereads
    the page of its table, not the pages of the reasons below it (their doctests' lines are
    the doctest builder's business, which reads them again)."""
    source, out = project
    catalogue = source / "example.yaml"
    catalogue.write_text(_longer_fix(catalogue.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_sphinx("html", out, source, source, strict=False, quiet=False)
    assert result.returncode == 0, result.stderr
    # (Sphinx may clear the terminal's line before each, with an escape sequence.)
    read = re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", result.stdout)
    assert read == ["index"], result.stdout
