"""The command line: exit codes, output, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from reason_catalog.catalogue.spec import catalogue_json_schema

from .conftest import CATALOGUES, ROOT, TEST_CATALOGUES


def run(
    *args: str, stdin: bytes | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "reason_catalog", *args],
        cwd=cwd,
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_validate_the_shipped_catalogues() -> None:
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "OK: 4 catalogues, 324 reasons\n"


def test_validate_reports_located_errors(tmp_path: Path) -> None:
    text = (TEST_CATALOGUES / "minimal.yaml").read_text()
    bad = tmp_path / "bad.yaml"
    text = text.replace("status: 503", "status: 999").replace(
        "cause: A backend", "kause: A backend"
    )
    bad.write_text(text)
    line = text[: text.index("status: 999")].count("\n") + 1
    result = run("validate", str(bad), str(TEST_CATALOGUES / "minimal.yaml"))
    assert result.returncode == 1
    assert result.stdout == ""
    assert (
        f"{bad}:{line}:17: groups[0].reasons[0].status: input should be less than" in result.stderr
    )
    assert "unknown key 'kause'" in result.stderr
    assert result.stderr.endswith("problems found.\n")


def test_validate_a_missing_path() -> None:
    result = run("validate", "no/such/place")
    assert result.returncode == 1
    assert "no/such/place:1:1: (file): no such file or folder" in result.stderr


def test_export_gives_every_reason() -> None:
    result = run("export")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    reasons = [r for c in data["catalogues"] for r in c["reasons"]]
    assert len(reasons) == data["total_reasons"] == 324
    call = next(r for r in reasons if r["code"] == "CALL_NOT_FOUND" and r["status"] == 404)
    assert call["group"] == "call"
    assert {"code", "status", "group", "cause", "fix", "endpoints", "example"} <= set(call)


def test_export_writes_nothing_on_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: [")
    out = tmp_path / "out.json"
    result = run("export", str(bad), "--output", str(out))
    assert result.returncode == 1
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_published_schema_is_current() -> None:
    published = json.loads((CATALOGUES / "catalogue.schema.json").read_text())
    assert published == catalogue_json_schema(), (
        "run: python -m reason_catalog schema -o source_catalog/catalogue.schema.json"
    )


def test_schema_validates_the_shipped_catalogues() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")
    validator = jsonschema.Draft202012Validator(catalogue_json_schema())
    for path in sorted(CATALOGUES.glob("*.yaml")):
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text())))
        assert not errors, (path, errors[0].message)


@pytest.mark.parametrize(
    ("api", "body", "code"),
    [
        (
            "voipbin",
            '{"error": {"status": "NOT_FOUND", "reason": "CALL_NOT_FOUND", '
            '"message": "m", "request_id": "req_1"}}',
            "CALL_NOT_FOUND",
        ),
        (
            "fonedynamics",
            '{"ResponseStatus": {"ErrorCode": "PARAMETER_REQUIRED", "Message": "m", '
            '"Errors": [{"FieldName": "To"}]}}',
            "PARAMETER_REQUIRED",
        ),
        (
            "signalwire",
            '{"errors": [{"type": "validation_error", "code": "missing_required_parameter"'
            ', "message": "Name can\'t be blank", "attribute": "name"}]}',
            "missing_required_parameter",
        ),
        (
            "signalwire",
            '{"errors": [{"code": "Already_Verified", "message": "m"}]}',
            "Already_Verified",
        ),
        (
            "messagesdev",
            '{"error": {"type": "invalid_request_error", "code": '
            '"missing_required_parameter", "message": "The \'from\' field is '
            'required.", "param": "from"}, "request_id": "req_a1b2c3d4e5f6"}',
            "missing_required_parameter",
        ),
    ],
)
def test_parse_each_dialect(api: str, body: str, code: str) -> None:
    result = run("parse", "--api", api, "--body", "-", stdin=body.encode())
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert parsed["code"] == code
    assert parsed["reason"]["code"].casefold() == code.casefold()


def test_parse_an_unknown_code() -> None:
    body = b'{"errors": [{"code": "no_such_code", "message": "m"}]}'
    result = run("parse", "--api", "signalwire", "--body", "-", stdin=body)
    assert result.returncode == 1
    assert result.stderr == "error: 'no_such_code' is not a reason code of SignalWire REST\n"


def test_parse_bad_json() -> None:
    result = run("parse", "--api", "voipbin", "--body", "-", stdin=b"{oops")
    assert result.returncode == 1
    assert result.stderr.startswith("error: the body is not JSON: Expecting property name")


def test_check_links_reads_html_not_text(tmp_path: Path) -> None:
    """A link written as text in a catalogue (Twilio's notes hold ``<a href=…>``) is shown
    escaped, ``&lt;a href=…&gt;``: text, not a link, so check-links must not follow it; a real
    link to a missing page, with its attribute escaped as HTML allows, is still broken."""
    page = (
        '<html><body><p>See &lt;a href="/docs/errors/nowhere"&gt;the docs&lt;/a&gt;.</p>'
        '<a href="here.html?a=1&amp;b=2">here</a></body></html>'
    )
    (tmp_path / "index.html").write_text(page)
    (tmp_path / "here.html").write_text("<html></html>")
    result = run("check-links", str(tmp_path))
    assert result.returncode == 0, result.stderr
    (tmp_path / "index.html").write_text(page + '<a href="gone.html">gone</a>')
    result = run("check-links", str(tmp_path))
    assert result.returncode == 1
    assert "gone.html" in result.stdout + result.stderr
    assert "nowhere" not in result.stdout + result.stderr
