"""The drift check: the shipped VoIPbin catalogue against two revisions of its OpenAPI spec,
specs split over files and in 3.1, logged bodies in every shipped dialect, the catalogue's
history, and inputs that cannot be read (a located message, exit 1, never a traceback).

The pinned lists below were made by comparing the files by hand (a short script over the raw
YAML that knows nothing of this package), then checked against the tool.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from reason_catalog.catalogue.errors import CatalogueError
from reason_catalog.catalogue.load import catalogue_paths, load_catalogue, parse_catalogue
from reason_catalog.catalogue.model import Catalogue, Reason
from reason_catalog.catalogue.spec import DriftKind
from reason_catalog.cli import main
from reason_catalog.compat import compare_catalogues
from reason_catalog.drift.findings import DEFAULT_SEVERITY

from .conftest import CATALOGUES, ROOT

VOIPBIN = CATALOGUES / "voipbin.yaml"
SPEC_0428 = CATALOGUES / "openapi" / "voipbin-2026-04-28.yaml"
SPEC_0822 = CATALOGUES / "openapi" / "voipbin-2026-08-22.yaml"


def drift(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``drift`` in this process: exit status, standard output, standard error."""
    code = main(["drift", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def findings(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, Any]]]:
    code, out, _err = drift(capsys, *args, "--format", "json")
    return code, json.loads(out)


def reason(catalogue: Catalogue, code: str) -> Reason:
    found = catalogue.reason(code)
    assert found is not None
    return found


def by_kind(found: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {f["subject"]: f for f in found if f["kind"] == kind}


# --- the shipped catalogue against VoIPbin's spec ---------------------------------------------

#: Every endpoint the catalogue spells differently from both revisions of the spec, with the
#: spec's spelling (hyphens where the spec has underscores, and the reverse).
MISSPELT = {
    "/billing-accounts/{id}*": "/billing_accounts/{id}*",
    "/calls/{id}/recording-*": "/calls/{id}/recording_*",
    "/conversation-accounts/{id}": "/conversation_accounts/{id}",
    "/service-agents/conversations/{id}*": "/service_agents/conversations/{id}*",
    "/storage-accounts/{id}": "/storage_accounts/{id}",
    "GET /storage-accounts/{id}": "GET /storage_accounts/{id}",
    "DELETE /storage-accounts/{id}": "DELETE /storage_accounts/{id}",
    "GET /conversation-accounts/{id}": "GET /conversation_accounts/{id}",
    "PUT /conversation-accounts/{id}": "PUT /conversation_accounts/{id}",
    "DELETE /conversation-accounts/{id}": "DELETE /conversation_accounts/{id}",
    "POST /agents/{id}/direct_hash_regenerate": "POST /agents/{id}/direct-hash-regenerate",
    "POST /ais/{id}/direct_hash_regenerate": "POST /ais/{id}/direct-hash-regenerate",
    "POST /conferences/{id}/direct_hash_regenerate": (
        "POST /conferences/{id}/direct-hash-regenerate"
    ),
    "POST /extensions/{id}/direct_hash_regenerate": "POST /extensions/{id}/direct-hash-regenerate",
    "POST /queues/{id}/direct_hash_regenerate": "POST /queues/{id}/direct-hash-regenerate",
    "POST /teams/{id}/direct_hash_regenerate": "POST /teams/{id}/direct-hash-regenerate",
}
#: Statuses a reason gives an operation whose responses (200, 401, 500) do not include them.
UNDECLARED = {
    "CONTACT_NOT_FOUND on GET /contacts/lookup",
    "CHAT_NOT_FOUND on GET /service_agents/talk_messages",
}
#: Gone from the 2026-08-22 spec: /contacts/{id}/phone-numbers… and …/emails… gave way to
#: /contacts/{id}/addresses.
REMOVED_0822 = {
    "POST /contacts/{id}/phone-numbers",
    "PUT /contacts/{id}/phone-numbers/{phone_number_id}",
    "DELETE /contacts/{id}/phone-numbers/{phone_number_id}",
    "POST /contacts/{id}/emails",
    "PUT /contacts/{id}/emails/{email_id}",
    "DELETE /contacts/{id}/emails/{email_id}",
}

GENERIC_ONLY_0428 = {
    "/ais": [
        "POST /ais/{id}/direct-hash-regenerate",
    ],
    "/auth": [
        "POST /auth/boot",
        "POST /auth/signup",
        "POST /auth/email-verify",
        "POST /auth/unregister",
        "DELETE /auth/unregister",
    ],
    "/available_numbers": [
        "GET /available_numbers",
    ],
    "/billing_account": [
        "GET /billing_account",
        "PUT /billing_account",
        "PUT /billing_account/payment_info",
        "POST /billing_account/paddle_portal_session",
    ],
    "/billing_accounts": [
        "GET /billing_accounts",
        "GET /billing_accounts/{id}",
        "PUT /billing_accounts/{id}",
        "PUT /billing_accounts/{id}/payment_info",
        "POST /billing_accounts/{id}/balance_add_force",
        "POST /billing_accounts/{id}/balance_subtract_force",
    ],
    "/billings": [
        "GET /billings",
    ],
    "/conversation_accounts": [
        "GET /conversation_accounts/{id}",
        "PUT /conversation_accounts/{id}",
        "DELETE /conversation_accounts/{id}",
        "GET /conversation_accounts",
        "POST /conversation_accounts",
    ],
    "/conversations": [
        "GET /conversations",
    ],
    "/customer": [
        "PUT /customer/metadata",
        "PUT /customer/billing_account_id",
        "PUT /customer/default_outgoing_source_number_id",
        "GET /customer",
        "PUT /customer",
    ],
    "/customers": [
        "POST /customers/{id}/freeze",
        "POST /customers/{id}/recover",
        "PUT /customers/{id}/billing_account_id",
        "PUT /customers/{id}/default_outgoing_source_number_id",
        "PUT /customers/{id}/metadata",
        "GET /customers",
        "POST /customers",
    ],
    "/flows": [
        "POST /flows/{id}/direct-hash-regenerate",
    ],
    "/groupcalls": [
        "POST /groupcalls/{id}/hangup",
        "GET /groupcalls/{id}",
        "DELETE /groupcalls/{id}",
    ],
    "/me": [
        "GET /me",
    ],
    "/numbers": [
        "PUT /numbers/{id}/flow_ids",
        "PUT /numbers/{id}/metadata",
    ],
    "/recordingfiles": [
        "GET /recordingfiles/{id}",
    ],
    "/recordings": [
        "GET /recordings/{id}",
        "DELETE /recordings/{id}",
    ],
    "/service_agents": [
        "GET /service_agents/conversations/{id}/messages",
        "POST /service_agents/conversations/{id}/messages",
        "GET /service_agents/conversations/{id}",
        "GET /service_agents/conversations",
        "GET /service_agents/customer",
        "PUT /service_agents/me/addresses",
        "PUT /service_agents/me/password",
        "PUT /service_agents/me/status",
        "GET /service_agents/me",
        "PUT /service_agents/me",
        "GET /service_agents/ws",
    ],
    "/storage_account": [
        "GET /storage_account",
    ],
    "/storage_accounts": [
        "GET /storage_accounts/{id}",
        "DELETE /storage_accounts/{id}",
        "GET /storage_accounts",
        "POST /storage_accounts",
    ],
    "/teams": [
        "POST /teams/{id}/direct-hash-regenerate",
    ],
    "/transcripts": [
        "GET /transcripts",
    ],
    "/transfers": [
        "POST /transfers",
    ],
    "/ws": [
        "GET /ws",
    ],
}
GENERIC_ONLY_0822 = {
    "/aiaudits": [
        "GET /aiaudits/{id}",
        "DELETE /aiaudits/{id}",
        "GET /aiaudits",
        "POST /aiaudits",
    ],
    "/aicalls": [
        "POST /aicalls/{id}/terminate",
        "GET /aicalls/{id}/participants",
    ],
    "/aipromptproposals": [
        "GET /aipromptproposals/{id}",
        "DELETE /aipromptproposals/{id}",
        "POST /aipromptproposals/{id}/accept",
        "POST /aipromptproposals/{id}/reject",
        "GET /aipromptproposals",
        "POST /aipromptproposals",
    ],
    "/ais": [
        "POST /ais/{id}/activate_insight",
        "POST /ais/{id}/direct-hash-regenerate",
        "GET /ais/{id}/prompt_histories",
        "GET /ais/{id}/prompt_histories/{history_id}",
        "GET /ais/{id}/participants",
    ],
    "/auth": [
        "POST /auth/boot",
        "POST /auth/signup",
        "POST /auth/email-verify",
        "POST /auth/unregister",
        "DELETE /auth/unregister",
        "POST /auth/password-forgot",
        "GET /auth/password-reset",
        "POST /auth/password-reset",
    ],
    "/available_numbers": [
        "GET /available_numbers",
    ],
    "/billing_account": [
        "GET /billing_account",
        "PUT /billing_account",
        "PUT /billing_account/payment_info",
        "POST /billing_account/paddle_portal_session",
    ],
    "/billing_accounts": [
        "GET /billing_accounts",
        "GET /billing_accounts/{id}",
        "PUT /billing_accounts/{id}",
        "PUT /billing_accounts/{id}/payment_info",
        "POST /billing_accounts/{id}/balance_add_force",
        "POST /billing_accounts/{id}/balance_subtract_force",
    ],
    "/billings": [
        "GET /billings",
    ],
    "/contact_addresses": [
        "GET /contact_addresses",
        "POST /contact_addresses",
        "GET /contact_addresses/{id}",
        "PUT /contact_addresses/{id}",
        "DELETE /contact_addresses/{id}",
        "POST /contact_addresses/{id}/claim",
    ],
    "/contact_cases": [
        "GET /contact_cases",
        "GET /contact_cases/unresolved",
        "GET /contact_cases/{id}",
        "PUT /contact_cases/{id}",
        "POST /contact_cases/{id}/close",
        "POST /contact_cases/{id}/continue",
        "GET /contact_cases/{id}/notes",
        "POST /contact_cases/{id}/notes",
        "DELETE /contact_cases/{id}/notes/{note_id}",
        "POST /contact_cases/{id}/messages",
    ],
    "/contact_interactions": [
        "GET /contact_interactions",
    ],
    "/contact_peer_events": [
        "GET /contact_peer_events",
    ],
    "/conversation_accounts": [
        "GET /conversation_accounts/{id}",
        "PUT /conversation_accounts/{id}",
        "DELETE /conversation_accounts/{id}",
        "GET /conversation_accounts",
        "POST /conversation_accounts",
    ],
    "/conversations": [
        "GET /conversations",
    ],
    "/customer": [
        "PUT /customer/metadata",
        "PUT /customer/billing_account_id",
        "GET /customer",
        "PUT /customer",
    ],
    "/customers": [
        "POST /customers/{id}/freeze",
        "POST /customers/{id}/recover",
        "PUT /customers/{id}/billing_account_id",
        "PUT /customers/{id}/metadata",
        "GET /customers",
        "POST /customers",
    ],
    "/flows": [
        "POST /flows/{id}/direct-hash-regenerate",
    ],
    "/groupcalls": [
        "POST /groupcalls/{id}/hangup",
        "GET /groupcalls/{id}",
        "DELETE /groupcalls/{id}",
    ],
    "/me": [
        "GET /me",
    ],
    "/numbers": [
        "PUT /numbers/{id}/flow_ids",
        "PUT /numbers/{id}/metadata",
    ],
    "/outbound_config": [
        "GET /outbound_config",
        "PUT /outbound_config",
    ],
    "/outbound_configs": [
        "GET /outbound_configs/{id}",
        "PUT /outbound_configs/{id}",
        "DELETE /outbound_configs/{id}",
        "GET /outbound_configs",
        "POST /outbound_configs",
    ],
    "/recordingfiles": [
        "GET /recordingfiles/{id}",
    ],
    "/recordings": [
        "GET /recordings/{id}",
        "DELETE /recordings/{id}",
    ],
    "/service_agents": [
        "GET /service_agents/aicalls",
        "POST /service_agents/aicalls",
        "GET /service_agents/aimessages",
        "POST /service_agents/aimessages",
        "GET /service_agents/conversations/{id}/messages",
        "POST /service_agents/conversations/{id}/messages",
        "POST /service_agents/conversations/{id}/unassign",
        "GET /service_agents/conversations/{id}",
        "PUT /service_agents/conversations/{id}",
        "GET /service_agents/conversations",
        "POST /service_agents/contact_cases/{id}/close",
        "POST /service_agents/contact_cases/{id}/assign",
        "GET /service_agents/contact_cases/{id}/notes",
        "POST /service_agents/contact_cases/{id}/notes",
        "DELETE /service_agents/contact_cases/{id}/notes/{note_id}",
        "GET /service_agents/contact_cases/{id}",
        "PUT /service_agents/contact_cases/{id}",
        "GET /service_agents/contact_cases",
        "GET /service_agents/customer",
        "PUT /service_agents/me/addresses",
        "PUT /service_agents/me/password",
        "PUT /service_agents/me/status",
        "GET /service_agents/me",
        "PUT /service_agents/me",
        "GET /service_agents/ws",
        "GET /service_agents/contact_addresses",
        "POST /service_agents/contact_addresses",
        "GET /service_agents/contact_addresses/{id}",
        "PUT /service_agents/contact_addresses/{id}",
        "DELETE /service_agents/contact_addresses/{id}",
        "POST /service_agents/contact_addresses/{id}/claim",
        "GET /service_agents/contact_interactions",
        "GET /service_agents/contact_peer_events",
        "GET /service_agents/transcribes",
        "POST /service_agents/transcribes",
        "GET /service_agents/transcripts",
    ],
    "/storage_account": [
        "GET /storage_account",
    ],
    "/storage_accounts": [
        "GET /storage_accounts/{id}",
        "DELETE /storage_accounts/{id}",
        "GET /storage_accounts",
        "POST /storage_accounts",
    ],
    "/teams": [
        "POST /teams/{id}/direct-hash-regenerate",
    ],
    "/timeline-analyses": [
        "GET /timeline-analyses",
        "POST /timeline-analyses",
        "GET /timeline-analyses/{id}",
        "DELETE /timeline-analyses/{id}",
    ],
    "/transcripts": [
        "GET /transcripts",
    ],
    "/transfers": [
        "POST /transfers",
    ],
    "/webchat_messages": [
        "GET /webchat_messages",
        "POST /webchat_messages",
        "GET /webchat_messages/{id}",
        "DELETE /webchat_messages/{id}",
    ],
    "/webchat_sessions": [
        "GET /webchat_sessions",
        "POST /webchat_sessions",
        "GET /webchat_sessions/{id}",
        "DELETE /webchat_sessions/{id}",
        "POST /webchat_sessions/{id}/end",
    ],
    "/webchat_widgets": [
        "GET /webchat_widgets",
        "POST /webchat_widgets",
        "GET /webchat_widgets/{id}",
        "PUT /webchat_widgets/{id}",
        "DELETE /webchat_widgets/{id}",
        "POST /webchat_widgets/{id}/direct_hash_regenerate",
    ],
    "/ws": [
        "GET /ws",
    ],
}
COVERAGE_0428 = {
    "resource-prefixed": 263,
    "call": 21,
    "recording": 1,
    "flow-activeflow": 10,
    "billing": 1,
    "number": 6,
    "trunk-provider": 20,
    "storage": 10,
    "conversation": 4,
    "message": 4,
    "email": 4,
    "ai": 22,
    "rag": 7,
    "speaking": 7,
    "transcribe": 5,
    "agent": 13,
    "tag": 7,
    "customer-accesskey": 8,
    "campaign": 20,
    "outdial": 11,
    "conference": 14,
    "queue": 13,
    "contact": 28,
    "extension": 8,
    "talk": 15,
    "timeline": 4,
}
COVERAGE_0822 = {
    "resource-prefixed": 258,
    "call": 21,
    "recording": 1,
    "flow-activeflow": 10,
    "billing": 1,
    "number": 6,
    "trunk-provider": 20,
    "storage": 10,
    "conversation": 5,
    "message": 4,
    "email": 4,
    "ai": 22,
    "rag": 7,
    "speaking": 7,
    "transcribe": 5,
    "agent": 13,
    "tag": 7,
    "customer-accesskey": 8,
    "campaign": 20,
    "outdial": 11,
    "conference": 14,
    "queue": 13,
    "contact": 22,
    "extension": 8,
    "talk": 15,
    "timeline": 4,
}


def test_every_kind_has_a_default_severity() -> None:
    assert set(DEFAULT_SEVERITY) == set(typing.get_args(DriftKind))
    assert set(DEFAULT_SEVERITY.values()) <= {"error", "warning", "info"}


def test_specs_beside_the_catalogues_are_not_catalogues() -> None:
    assert [p.name for p in catalogue_paths([CATALOGUES])] == [
        "fonedynamics.yaml",
        "messagesdev.yaml",
        "signalwire.yaml",
        "voipbin.yaml",
    ]
    catalogue = load_catalogue(VOIPBIN)
    assert catalogue.openapi is not None
    assert (VOIPBIN.parent / catalogue.openapi.text) == SPEC_0428
    assert [s.date or s.revision for s in catalogue.sources] == ["1b3ed5505", "1b3ed5505"]


def test_voipbin_against_the_spec_it_documents(capsys: pytest.CaptureFixture[str]) -> None:
    code, found = findings(capsys, str(VOIPBIN))
    assert code == 1  # misspelt endpoints are errors
    unknown = by_kind(found, "endpoint-unknown")
    assert {s: f["suggestion"] for s, f in unknown.items()} == MISSPELT
    assert all(f["severity"] == "error" for f in unknown.values())
    assert not by_kind(found, "endpoint-removed")
    assert set(by_kind(found, "status-undeclared")) == UNDECLARED
    assert set(by_kind(found, "reason-orphaned")) == {
        "ACCOUNT_NOT_FOUND",
        "BILLING_ACCOUNT_NOT_FOUND",
        "CONVERSATION_ACCOUNT_NOT_FOUND",
    }
    generic_only = by_kind(found, "operations-generic-only")
    assert {p: f["details"] for p, f in generic_only.items()} == GENERIC_ONLY_0428
    coverage = by_kind(found, "group-coverage")
    assert {g: len(f["details"]) for g, f in coverage.items()} == COVERAGE_0428
    assert "covers 263 of 329 operations (79.9%)" in coverage["resource-prefixed"]["message"]
    # VoIPbin's envelope is the spec's ErrorResponse, field for field and name for name.
    assert not by_kind(found, "envelope-field")
    assert not by_kind(found, "envelope-status-name")


def test_voipbin_against_the_spec_four_months_on(capsys: pytest.CaptureFixture[str]) -> None:
    code, found = findings(capsys, str(VOIPBIN), "--spec", str(SPEC_0822))
    assert code == 1
    unknown = by_kind(found, "endpoint-unknown")
    assert {s: f["suggestion"] for s, f in unknown.items()} == MISSPELT
    removed = by_kind(found, "endpoint-removed")
    assert set(removed) == REMOVED_0822
    assert all(f["suggestion"] is None for f in removed.values())
    assert (
        "was in source_catalog/openapi/voipbin-2026-04-28.yaml and is gone"
        in (removed["POST /contacts/{id}/emails"]["message"])
    )
    assert set(by_kind(found, "status-undeclared")) == UNDECLARED
    orphaned = by_kind(found, "reason-orphaned")
    assert set(orphaned) == {
        "ACCOUNT_NOT_FOUND",
        "BILLING_ACCOUNT_NOT_FOUND",
        "CONVERSATION_ACCOUNT_NOT_FOUND",
        "CONTACT_EMAIL_NOT_FOUND",
        "CONTACT_PHONE_NUMBER_NOT_FOUND",
    }
    assert "retire it" in orphaned["CONTACT_EMAIL_NOT_FOUND"]["message"]
    assert "re-point it to GET /storage_accounts/{id}" in orphaned["ACCOUNT_NOT_FOUND"]["message"]
    generic_only = by_kind(found, "operations-generic-only")
    assert {p: f["details"] for p, f in generic_only.items()} == GENERIC_ONLY_0822
    coverage = by_kind(found, "group-coverage")
    assert {g: len(f["details"]) for g, f in coverage.items()} == COVERAGE_0822


def test_the_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = drift(capsys, str(VOIPBIN), "--spec", str(SPEC_0822))
    assert code == 1
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == (
        "voipbin: against source_catalog/openapi/voipbin-2026-08-22.yaml (OpenAPI 3.0.0, 410 "
        "operations; it documents source_catalog/openapi/voipbin-2026-04-28.yaml)"
    )
    assert "  endpoint-unknown (16)" in lines
    assert (
        "    error endpoint-unknown:GET /storage-accounts/{id}: GET /storage-accounts/{id} "
        "(listed by ACCOUNT_NOT_FOUND) is not an operation of the spec; the spec spells it "
        "GET /storage_accounts/{id}"
    ) in lines
    assert (
        "    warning status-undeclared:CONTACT_NOT_FOUND on GET /contacts/lookup: "
        "CONTACT_NOT_FOUND (404) names GET /contacts/lookup, which declares only 200, 401, 500 "
        "(source_catalog/openapi/voipbin-2026-08-22.yaml:2748)"
    ) in lines
    assert lines[-1] == "22 errors, 7 warnings, 62 info."
    kinds = [
        line.strip().split(" (")[0]
        for line in lines
        if line.startswith("  ") and not line.startswith("    ")
    ]
    assert kinds == [
        "endpoint-unknown",
        "endpoint-removed",
        "reason-orphaned",
        "status-undeclared",
        "operations-generic-only",
        "group-coverage",
    ]


def test_the_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    _, found = findings(capsys, str(VOIPBIN))
    first = found[0]
    assert set(first) == {
        "id",
        "api",
        "kind",
        "severity",
        "subject",
        "message",
        "suggestion",
        "details",
    }
    assert first["id"] == f"{first['kind']}:{first['subject']}"
    ids = [f["id"] for f in found]
    assert len(ids) == len(set(ids))  # stable and unique
    assert "endpoint-unknown:GET /storage-accounts/{id}" in ids


def test_severity_overrides(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, found = findings(
        capsys, str(VOIPBIN), "--severity", "endpoint-unknown=warning", "group-coverage=off"
    )
    assert code == 0  # nothing left at error severity
    assert not by_kind(found, "group-coverage")
    assert {f["severity"] for f in by_kind(found, "endpoint-unknown").values()} == {"warning"}
    # The catalogue's own settings, which the command line overrides.
    text = VOIPBIN.read_text(encoding="utf-8").replace(
        "openapi: openapi/",
        "drift:\n  severity: {endpoint-unknown: info, reason-orphaned: off}\nopenapi: openapi/",
    )
    (tmp_path / "openapi").mkdir()
    (tmp_path / "openapi" / SPEC_0428.name).write_bytes(SPEC_0428.read_bytes())
    copy = tmp_path / "voipbin.yaml"
    copy.write_text(text, encoding="utf-8")
    code, found = findings(capsys, str(copy))
    assert code == 0
    assert not by_kind(found, "reason-orphaned")
    assert {f["severity"] for f in by_kind(found, "endpoint-unknown").values()} == {"info"}
    code, found = findings(capsys, str(copy), "--severity", "endpoint-unknown=error")
    assert code == 1


def test_bad_severity_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = drift(capsys, str(VOIPBIN), "--severity", "endpoint-unkown=warning")
    assert code == 2
    assert "'endpoint-unkown' is not a kind of finding; did you mean 'endpoint-unknown'?" in err
    code, _out, err = drift(capsys, str(VOIPBIN), "--severity", "endpoint-unknown=fatal")
    assert code == 2
    assert "'fatal' is not a severity" in err


def test_spec_and_observed_belong_to_one_api(capsys: pytest.CaptureFixture[str]) -> None:
    # The shipped folder holds four catalogues; only VoIPbin names a spec, so --spec is its.
    code, out, err = drift(capsys, str(CATALOGUES), "--spec", str(SPEC_0428))
    assert out.startswith("voipbin: against")
    code, out, err = drift(capsys, str(CATALOGUES), "--observed", str(SPEC_0428))
    assert code == 2
    assert "--spec and --observed belong to one API" in err
    code, out, err = drift(capsys, str(CATALOGUES), "--api", "nope")
    assert code == 2
    assert "no catalogue has the slug 'nope'" in err


def test_the_command_runs_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reason_catalog", "drift", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert {f["api"] for f in json.loads(result.stdout)} == {"voipbin"}


# --- specs of our own: split over files, OpenAPI 3.1 ------------------------------------------

CATALOGUE = """\
format: 1
api: {name: Example, slug: example, version: "2"}
openapi: spec/openapi.yaml
envelope:
  schema:
    type: object
    required: [error]
    properties:
      error:
        type: object
        required: [status, reason]
        properties:
          status: {enum: [INVALID_ARGUMENT, NOT_FOUND, GONE]}
          reason: {type: string}
          request_id: {type: string}
  fields:
    code: error.reason
    status: {path: error.status, names: {INVALID_ARGUMENT: 400, NOT_FOUND: 404, GONE: 410}}
    request_id: error.request_id
  template:
    error: {status: "{status_name}", reason: "{code}"}
groups:
  - id: generic
    title: Generic
    generic: true
    reasons:
      - code: BAD_REQUEST
        status: 400
        cause: The request is malformed.
        endpoints: [GET /v2/admin/stats]
  - id: calls
    title: Calls
    endpoints: ["/calls*"]
    reasons:
      - code: CALL_NOT_FOUND
        status: 404
        cause: No call has this id.
        endpoints: ["GET /calls/{id}", "POST /calls/{id}/hang-up", "DELETE /calls/{call_id}"]
      - code: CALL_GONE
        status: 410
        cause: The call has ended and is gone.
        endpoints: ["GET /calls/{id}"]
  - id: queues
    title: Queues
    endpoints: ["/queue/{id}*"]
    reasons:
      - code: QUEUE_NOT_FOUND
        status: 404
        cause: No queue has this id.
        endpoints: ["GET /queue/{id}"]
"""

SPLIT_SPEC = {
    "openapi.yaml": """\
openapi: 3.0.3
info: {title: Example, version: "2"}
servers: [{url: "https://api.example.com/v2"}]
paths:
  /calls:
    $ref: "paths/calls.yaml#/collection"
  /calls/{call-id}:
    $ref: "paths/calls.yaml#/item"
  /calls/{id}/hangup:
    post:
      responses:
        "200": {description: ok}
        4XX: {$ref: "components/responses.yaml#/Error"}
  /queues/{id}:
    get:
      responses:
        "200": {description: ok}
        "404": {$ref: "components/responses.yaml#/NotFound"}
  /admin/stats:
    get:
      responses:
        200: {description: ok}
""",
    "paths/calls.yaml": """\
collection:
  get:
    responses:
      "200": {description: ok}
      default: {$ref: "../components/responses.yaml#/Error"}
item:
  get:
    responses:
      "200": {description: ok}
      "404": {$ref: "../components/responses.yaml#/NotFound"}
  delete:
    responses:
      "204": {description: gone}
      4XX: {$ref: "../components/responses.yaml#/Error"}
""",
    "components/responses.yaml": """\
NotFound:
  description: Not found.
  content:
    application/json:
      schema: {$ref: "schemas.yaml#/ErrorResponse"}
Error:
  description: An error.
  content:
    application/json:
      schema: {$ref: "schemas.yaml#/ErrorResponse"}
""",
    "components/schemas.yaml": """\
ErrorResponse:
  type: object
  properties:
    error: {$ref: "#/ErrorBody"}
ErrorBody:
  type: object
  properties:
    status: {type: string, enum: [INVALID_ARGUMENT, NOT_FOUND, RESOURCE_EXHAUSTED]}
    reason: {type: string}
    trace_id: {type: string}
""",
}


def write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A catalogue whose spec is split over four files joined by relative $refs."""
    write_tree(tmp_path, {"example.yaml": CATALOGUE})
    write_tree(tmp_path / "spec", SPLIT_SPEC)
    return tmp_path / "example.yaml"


def check_example(found: list[dict[str, Any]]) -> None:
    """What drift finds on the example catalogue, whatever format its spec is in."""
    unknown = by_kind(found, "endpoint-unknown")
    assert {s: f["suggestion"] for s, f in unknown.items()} == {
        "POST /calls/{id}/hang-up": "POST /calls/{id}/hangup",
        "/queue/{id}*": "/queues/{id}*",
        "GET /queue/{id}": "GET /queues/{id}",
    }
    # GET /calls/{id} is the spec's /calls/{call-id}, which declares 404 but not 410;
    # DELETE declares 4XX and GET /calls a default response, so any status will do there.
    # The generic reason names GET /v2/admin/stats: the spec's /admin/stats below its server's
    # base path /v2, which declares only 200.
    assert set(by_kind(found, "status-undeclared")) == {
        "CALL_GONE on GET /calls/{call-id}",
        "BAD_REQUEST on GET /admin/stats",
    }
    assert set(by_kind(found, "reason-orphaned")) == {"QUEUE_NOT_FOUND"}
    # A generic reason covers nothing in particular, even an operation it names.
    assert {s: f["details"] for s, f in by_kind(found, "operations-generic-only").items()} == {
        "/admin": ["GET /admin/stats"],
        "/queues": ["GET /queues/{id}"],
    }
    fields = by_kind(found, "envelope-field")
    assert set(fields) == {"error.trace_id", "error.request_id", "fields.request_id"}
    assert "the spec's error body (" in fields["error.trace_id"]["message"]
    names = by_kind(found, "envelope-status-name")
    assert set(names) == {"RESOURCE_EXHAUSTED", "GONE"}
    assert "does not map it" in names["RESOURCE_EXHAUSTED"]["message"]
    assert "does not enumerate" in names["GONE"]["message"]


def test_a_spec_split_over_files(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    code, found = findings(capsys, str(example))
    assert code == 1
    check_example(found)


def test_an_openapi_31_spec_in_json(
    capsys: pytest.CaptureFixture[str], example: Path, tmp_path: Path
) -> None:
    bundled = {
        "openapi": "3.1.0",
        "info": {"title": "Example", "version": "2"},
        "servers": [{"url": "https://api.example.com/v2/"}],
        "webhooks": {"callEnded": {"post": {"responses": {"200": {"description": "ok"}}}}},
        "paths": {
            "/calls": {
                "get": {
                    "responses": {
                        "200": {"description": "ok"},
                        "default": {"$ref": "#/components/responses/Error"},
                    }
                }
            },
            "/calls/{call-id}": {
                "summary": "a call",
                "get": {
                    "responses": {
                        "200": {"description": "ok"},
                        "404": {
                            "$ref": "#/components/responses/Error",
                            "description": "3.1 allows this",
                        },
                    }
                },
                "delete": {"responses": {"4XX": {"$ref": "#/components/responses/Error"}}},
            },
            "/calls/{id}/hangup": {
                "post": {"responses": {"4XX": {"$ref": "#/components/responses/Error"}}}
            },
            "/queues/{id}": {"get": {}},  # 3.1: responses may be left out
            "/admin/stats": {"get": {"responses": {"200": {"description": "ok"}}}},
        },
        "components": {
            "responses": {
                "Error": {
                    "description": "error",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/ErrorResponse"}
                        }
                    },
                }
            },
            "schemas": {
                "ErrorResponse": {
                    "type": ["object"],
                    "properties": {
                        "error": {
                            "$ref": "#/components/schemas/ErrorBody",
                            "description": "the error",
                        }
                    },
                },
                "ErrorBody": {
                    "type": "object",
                    "allOf": [
                        {
                            "properties": {
                                "status": {
                                    "type": ["string", "null"],
                                    "enum": ["INVALID_ARGUMENT", "NOT_FOUND", "RESOURCE_EXHAUSTED"],
                                }
                            }
                        },
                        {
                            "properties": {
                                "reason": {"type": "string"},
                                "trace_id": {"type": "string"},
                            }
                        },
                    ],
                },
            },
        },
    }
    spec = tmp_path / "bundled.json"
    spec.write_text(json.dumps(bundled, separators=(",", ":")), encoding="utf-8")
    code, found = findings(capsys, str(example), "--spec", str(spec))
    assert code == 1
    check_example(found)
    # The documented (split) spec has the operation too: nothing was removed.
    assert not by_kind(found, "endpoint-removed")


def test_nothing_is_fetched(
    capsys: pytest.CaptureFixture[str], example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the drift check opened a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    spec = example.parent / "spec" / "openapi.yaml"
    text = (
        spec.read_text()
        .replace(
            '"components/responses.yaml#/NotFound"',
            '"https://example.com/responses.yaml#/NotFound"',
        )
        .replace('"paths/calls.yaml#/item"', '"ftp://example.com/calls.yaml#/item"')
    )
    spec.write_text(text)
    code, out, err = drift(capsys, str(example))
    assert code == 1
    assert out == "example: its spec cannot be read (see below)\n0 errors, 0 warnings, 0 info.\n"
    line = text[: text.index("ftp://")].count("\n") + 1
    assert (
        f"spec/openapi.yaml:{line}:5: paths./calls/{{call-id}}.$ref: cannot resolve $ref "
        "'ftp://example.com/calls.yaml#/item': a spec is read from local files only; nothing is "
        "fetched"
    ) in err
    assert "'https://example.com/responses.yaml#/NotFound': a spec is read from local" in err


# --- bodies as servers logged them, in each shipped dialect ----------------------------------

#: Per API: a documented code seen with its own status (or, with no status documented, any),
#: a documented code seen with a status other than the documented one, and that status.
DIALECTS = {
    "voipbin": ("CALL_NOT_FOUND", 404, "CALL_ALREADY_HANGUP", 500),
    "fonedynamics": ("ACCOUNT_NOT_FOUND", 400, "CALL_NOT_FOUND", 404),
    "signalwire": ("already_verified", 422, "account_limit_exceeded", 429),
    "messagesdev": ("missing_api_key", 401, "invalid_api_key", 403),
}


@pytest.mark.parametrize("slug", sorted(DIALECTS))
def test_observed_bodies(capsys: pytest.CaptureFixture[str], tmp_path: Path, slug: str) -> None:
    catalogue = load_catalogue(CATALOGUES / f"{slug}.yaml")
    right, right_status, wrong, wrong_status = DIALECTS[slug]
    right_body = reason(catalogue, right).example
    wrong_body = reason(catalogue, wrong).example
    undocumented = json.loads(json.dumps(right_body).replace(right, "NOT_IN_THE_CATALOGUE"))
    lines = [
        json.dumps({"status": right_status, "body": right_body}),
        json.dumps(right_body),  # a bare body counts too
        "",
        json.dumps({"status": 404, "body": undocumented}),
        json.dumps({"unexpected": True}),
        json.dumps({"status": 502, "body": "<html>Bad gateway</html>"}),
        json.dumps({"status": wrong_status, "body": json.dumps(wrong_body)}),  # body as text
        json.dumps({"status": 404, "body": undocumented}),
    ]
    log = tmp_path / "errors.jsonl"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, found = findings(capsys, str(CATALOGUES / f"{slug}.yaml"), "--observed", str(log))
    assert code == 1  # an undocumented code is an error
    undocumented_found = by_kind(found, "observed-undocumented")
    assert list(undocumented_found) == ["NOT_IN_THE_CATALOGUE"]
    assert (
        "was seen 2 times (first on line 4: "
        in undocumented_found["NOT_IN_THE_CATALOGUE"]["message"]
    )
    never = by_kind(found, "observed-never-seen")
    assert set(never) == {r.code for r in catalogue.reasons} - {right, wrong}
    undecodable = by_kind(found, "observed-undecodable")[str(log)]
    assert [d.split(":")[0] for d in undecodable["details"]] == ["line 5", "line 6"]
    assert "line 6: the body is not JSON" in undecodable["details"][1]
    status = by_kind(found, "observed-status")
    new = by_kind(found, "observed-status-new")
    documented = reason(catalogue, wrong).status
    if documented is not None:
        assert set(status) == {wrong}
        assert (
            f"{wrong} is documented as {documented}, but was seen with {wrong_status}"
            in (status[wrong]["message"])
        )
        assert not new
    elif catalogue.api.http_statuses:  # Fone Dynamics: statuses for the API as a whole
        assert set(status) == {wrong}
        assert (
            "has no status; the API documents 400, 401, 403, 500, but was seen with 404"
            in (status[wrong]["message"])
        )
        assert set(new) == {right}
    else:  # SignalWire documents no status at all: what is seen is news, not a contradiction
        assert not status
        assert {code: f["suggestion"] for code, f in new.items()} == {
            right: f"status: {right_status}",
            wrong: f"status: {wrong_status}",
        }


def test_a_body_whose_status_contradicts_the_response(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    catalogue = load_catalogue(VOIPBIN)
    body = reason(catalogue, "CALL_NOT_FOUND").example
    log = tmp_path / "errors.jsonl"
    log.write_text(json.dumps({"status": 409, "body": body}) + "\n")
    _, found = findings(capsys, str(VOIPBIN), "--observed", str(log), "--spec", str(SPEC_0428))
    message = by_kind(found, "observed-status")["CALL_NOT_FOUND"]["message"]
    assert message == (
        "CALL_NOT_FOUND is documented as 404, but was seen with 409 (1×, first on line 1); "
        "the body said 404 where the response was 409 (line 1)"
    )


def test_unreadable_log_lines_are_located(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "errors.jsonl"
    log.write_bytes(
        b'{"error": {"status": "NOT_FOUND", "reason": "CALL_NOT_FOUND", "message": "m", '
        b'"request_id": "r"}}\n'
        b'{"status": 404, "body": \n'
        b'{"status": "teapot", "body": {}}\n'
        b'"caf\xe9"\n'
    )
    code, out, err = drift(capsys, str(VOIPBIN), "--observed", str(log))
    assert code == 1
    assert f"{log}:2:24: (line): not JSON: Expecting value" in err
    assert f"{log}:3:2: (line): the status 'teapot' is not an HTTP status" in err
    assert f"{log}:4:5: (line): the line is not UTF-8 text" in err
    assert "3 problems found." in err
    assert "observed-never-seen:CALL_ALREADY_HANGUP" in out  # the readable lines still count


# --- history: codes removed, added and renamed -----------------------------------------------

HISTORY = """\
format: 1
api: {{name: Example, slug: example, version: "{version}"}}
envelope:
  schema: {{type: object, required: [code], properties: {{code: {{type: string}}}}}}
  fields: {{code: code}}
  template: {{code: "{{code}}"}}
{retired}groups:
  - id: calls
    title: Calls
    status: 404
    reasons:
{reasons}
"""
V1 = [
    ("CALL_MISSING", "No call has this id, or it belongs to another customer."),
    ("CALL_ENDED", "The call ended before the request arrived."),
    ("CALL_LOCKED", "Another request holds the call."),
]
V2 = [
    ("CALL_NOT_FOUND", "No call has this id, or it belongs to another customer."),
    ("CALL_LOCKED", "Another request holds the call."),
    ("QUEUE_FULL", "The queue takes no more calls."),
]


def history(reasons: list[tuple[str, str]], version: str, retired: Sequence[str] = ()) -> str:
    listed = "\n".join(f"      - code: {code}\n        cause: {cause}" for code, cause in reasons)
    entries = "retired:\n" + "".join(f"  {entry}\n" for entry in retired) if retired else ""
    return HISTORY.format(version=version, reasons=listed, retired=entries)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.parametrize("from_git", [True, False], ids=["git", "file"])
def test_since_pairs_renames(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    from_git: bool,
) -> None:
    monkeypatch.chdir(tmp_path)
    current = tmp_path / "example.yaml"
    if from_git:
        git(tmp_path, "init", "-q")
        current.write_text(history(V1, "1"))
        git(tmp_path, "add", "example.yaml")
        git(tmp_path, "commit", "-q", "-m", "v1")
        since = "git:HEAD:example.yaml"
    else:
        (tmp_path / "v1.yaml").write_text(history(V1, "1"))
        since = "v1.yaml"
    current.write_text(history(V2, "2"))
    code, found = findings(capsys, str(current), "--since", since)
    assert code == 1
    renamed = by_kind(found, "code-renamed")
    assert list(renamed) == ["CALL_MISSING"]
    assert renamed["CALL_MISSING"]["suggestion"] == (
        "- {code: CALL_MISSING, renamed_to: CALL_NOT_FOUND, since: '2', message: Renamed to "
        "CALL_NOT_FOUND.}"
    )
    removed = by_kind(found, "code-removed")
    assert list(removed) == ["CALL_ENDED"]
    assert list(by_kind(found, "code-added")) == ["QUEUE_FULL"]
    # Pasting the suggested entries makes the new version keep every published URL.
    entries = [renamed["CALL_MISSING"]["suggestion"], removed["CALL_ENDED"]["suggestion"]]
    current.write_text(history(V2, "2", entries))
    old = parse_catalogue(history(V1, "1"), "v1.yaml")
    assert compare_catalogues(old, load_catalogue(current)).ok
    code, found = findings(capsys, str(current), "--since", since)
    assert code == 0
    assert [f["id"] for f in found] == ["code-added:CALL_NOT_FOUND", "code-added:QUEUE_FULL"]


# --- what cannot be read: located, exit 1, no traceback --------------------------------------


def test_a_spec_the_catalogue_names_is_missing(
    capsys: pytest.CaptureFixture[str], example: Path
) -> None:
    (example.parent / "spec" / "openapi.yaml").unlink()
    code, _out, err = drift(capsys, str(example))
    assert code == 1
    assert (
        f"{example}:3:10: openapi: the spec 'spec/openapi.yaml' cannot be read: no such file"
    ) in err


def test_missing_inputs_on_the_command_line(
    capsys: pytest.CaptureFixture[str], example: Path
) -> None:
    code, _out, err = drift(capsys, str(example), "--spec", "no/such/spec.yaml")
    assert code == 1
    assert "no/such/spec.yaml:1:1: (file): no such file" in err
    code, _out, err = drift(capsys, str(example), "--observed", "no/such/log.jsonl")
    assert code == 1
    assert "no/such/log.jsonl:1:1: (file): cannot read the file: No such file or directory" in err
    code, _out, err = drift(capsys, str(example), "--since", "no/such/old.yaml")
    assert code == 1
    assert "no/such/old.yaml:1:1: (file): no such file or folder" in err
    code, _out, err = drift(capsys, str(example), "--spec", "https://example.com/openapi.yaml")
    assert code == 1
    assert "is a URL; specs are read from files, never fetched" in err


BAD_SPECS = [
    ("paths:\n  /calls: [\n", "openapi.yaml:3:1: (document): YAML syntax error"),
    ("swagger: '2.0'\npaths: {}\n", "not an OpenAPI 3.0 or 3.1 spec (openapi: swagger 2.0)"),
    (
        "openapi: 3.0.0\npaths:\n  /calls:\n    get:\n      responses:\n        ok: {}\n",
        "openapi.yaml:6:9: paths./calls.get.responses.ok: 'ok' is not a response status",
    ),
    (
        "openapi: 3.0.0\npaths:\n  calls:\n    get: {}\n",
        "openapi.yaml:3:3: paths.calls: the path 'calls' does not start with '/'",
    ),
    (
        "openapi: 3.0.0\npaths:\n  /a: {$ref: '#/paths/~1b'}\n  /b: {$ref: '#/paths/~1a'}\n",
        "openapi.yaml:3:3: paths./a: its $ref goes round in a loop",
    ),
    (
        "openapi: 3.0.0\npaths:\n  /a:\n    get: {}\n  /a:\n    put: {}\n",
        "openapi.yaml:5:3: paths./a: duplicate key '/a' (first on line 3)",
    ),
    (
        "openapi: 3.0.0\npaths:\n  /a:\n    get: [1]\n",
        "openapi.yaml:4:5: paths./a.get: an operation must be a mapping",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD_SPECS)
def test_bad_specs_are_located(
    capsys: pytest.CaptureFixture[str], example: Path, text: str, expected: str
) -> None:
    (example.parent / "spec" / "openapi.yaml").write_text(text)
    code, _out, err = drift(capsys, str(example))
    assert code == 1
    assert expected in err


OPENAPI_KEYS = [
    ("openapi: https://example.com/openapi.yaml", "is a URL; the spec is read from a file"),
    ("openapi: /srv/openapi.yaml", "is not a path relative to the catalogue"),
    ("openapi: 'git:main'", "is not git:<ref>:<path>"),
    ("openapi: spec/openapi.txt", "is not a YAML or JSON file"),
    ("sources: [{url: 'https://example.com/errors'}]", "says neither when nor at which revision"),
    ("sources: [{revision: v2}]", "a source needs a url or a title"),
    ("sources: [{url: example.com, date: 2026-04-28}]", "sources[0].url: string should match"),
    ("drift: {severity: {endpoint-unkown: error}}", "drift.severity.endpoint-unkown"),
]


@pytest.mark.parametrize(("line", "expected"), OPENAPI_KEYS)
def test_validate_checks_the_new_keys(line: str, expected: str) -> None:
    text = CATALOGUE.replace("openapi: spec/openapi.yaml", line)
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(text, "example.yaml")
    assert expected in caught.value.report()
    assert caught.value.problems[0].line == 3


def test_validate_accepts_the_new_keys() -> None:
    text = CATALOGUE.replace(
        "openapi: spec/openapi.yaml",
        "sources:\n  - {url: 'https://example.com/errors', date: 2026-04-28}\n"
        "  - {url: 'https://example.com/spec', revision: abc123, title: The spec}\n"
        "openapi: 'git:main:api/openapi.json'\ndrift: {severity: {group-coverage: off}}",
    )
    catalogue = parse_catalogue(text, "example.yaml")
    assert [s.date for s in catalogue.sources] == ["2026-04-28", None]
    assert catalogue.openapi is not None
    assert catalogue.openapi.text == "git:main:api/openapi.json"
    assert catalogue.drift.severity == {"group-coverage": "off"}
    # The spec's file is not looked for here: drift reads it, and says where it is missing.
    assert parse_catalogue(CATALOGUE, "elsewhere/example.yaml").openapi is not None


def test_a_spec_from_git(
    capsys: pytest.CaptureFixture[str], example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = example.parent
    monkeypatch.chdir(root)
    git(root, "init", "-q")
    git(root, "add", "spec")
    git(root, "commit", "-q", "-m", "spec")
    for file in (root / "spec").rglob("*.yaml"):
        file.unlink()
    example.write_text(
        CATALOGUE.replace("openapi: spec/openapi.yaml", "openapi: 'git:HEAD:spec/openapi.yaml'")
    )
    code, found = findings(capsys, str(example))
    assert code == 1
    check_example(found)
    code, found = findings(capsys, str(example), "--spec", "git:HEAD:spec/openapi.yaml")
    assert code == 1
    check_example(found)
    assert not by_kind(found, "endpoint-removed")


def test_a_broken_file_behind_a_ref_is_located_twice(
    capsys: pytest.CaptureFixture[str], example: Path
) -> None:
    (example.parent / "spec" / "components" / "schemas.yaml").write_text("ErrorResponse: [\n")
    code, _out, err = drift(capsys, str(example))
    assert code == 1
    # Where the $ref is, and where in the file it names the trouble is.
    assert (
        "spec/components/responses.yaml:5:16: NotFound.content.application/json.schema.$ref: "
        "cannot resolve $ref 'schemas.yaml#/ErrorResponse': "
    ) in err
    assert "spec/components/schemas.yaml:2:1: YAML syntax error" in err
