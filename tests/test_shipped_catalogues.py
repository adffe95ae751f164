"""The four shipped catalogues say what their providers' pages say: every code, status and text.

Each seed page is parsed here independently of the catalogue, and the loaded catalogue is
compared with it code by code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reason_catalog import Catalogue, load_catalogues
from reason_catalog.export import export_data

from .conftest import CATALOGUES

EXPECTED_COUNTS = {"voipbin": 74, "fonedynamics": 53, "signalwire": 181, "messagesdev": 16}
_ENDPOINT = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE) (/[^\s,;)]+)")


@pytest.fixture(scope="module")
def shipped() -> dict[str, Catalogue]:
    return {c.slug: c for c in load_catalogues([CATALOGUES])}


def flat(text: str | None) -> str:
    """Text with Markdown code marks removed and white space folded."""
    return " ".join((text or "").replace("`", "").split())


def sentences(text: str) -> list[str]:
    return sorted(re.split(r"(?<=[.!?])\s+", flat(text)))


def test_counts(shipped: dict[str, Catalogue]) -> None:
    assert {slug: len(c.reasons) for slug, c in shipped.items()} == EXPECTED_COUNTS
    assert export_data(list(shipped.values()))["total_reasons"] == 324


# -- VoIPbin -----------------------------------------------------------------------------------


def voipbin_seed(seeds: Path) -> list[tuple[str, str, int, str]]:
    """(group title, code, status, text) for every row of the VoIPbin page."""
    paragraphs = [
        p.strip() for p in (seeds / "voipbin-error-reason-codes.txt").read_text().split("\n\n")
    ]
    rows, group, index = [], "", 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if paragraphs[index : index + 3] == ["Reason", "HTTP", "Cause → Fix"]:
            index += 3
            while index + 2 < len(paragraphs) and re.fullmatch(
                r"[A-Z][A-Z0-9_]+", paragraphs[index]
            ):
                code, status, text = paragraphs[index : index + 3]
                rows.append((group, code, int(status), text))
                index += 3
            continue
        if paragraph.endswith(" Reasons") and "\n" not in paragraph:
            group = paragraph
        index += 1
    return rows


def without_endpoint_lists(text: str) -> str:
    """The seed text less its "Fired by A, B, and C." sentences that only list endpoints."""
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        rest = sentence.removeprefix("Fired by ")
        if rest != sentence and not re.sub(
            r"(?:GET|POST|PUT|PATCH|DELETE) /\S+?(?=[,.]?(?:\s|$))"
            r"|,|\band\b|the agent-surface counterparts|\s",
            "",
            rest,
        ).strip("."):
            continue
        kept.append(sentence)
    return " ".join(kept)


def test_voipbin_matches_its_page(shipped: dict[str, Catalogue], seeds: Path) -> None:
    catalogue = shipped["voipbin"]
    rows = voipbin_seed(seeds)
    assert len(rows) == 74
    assert [r.code for r in catalogue.reasons] == [code for _, code, _, _ in rows]
    for group_title, code, status, text in rows:
        reason = catalogue.reason(code)
        assert reason is not None
        assert reason.status == status, code
        assert catalogue.group(reason.group).title == group_title, code
        # Same sentences, though a cause sentence written after the fix on the page moves up.
        written = sentences(f"{reason.cause} {reason.fix or ''}")
        assert written in (
            sentences(text.replace("Fix: ", "")),
            sentences(without_endpoint_lists(text).replace("Fix: ", "")),
        ), code
        # Every endpoint a "Fired by" sentence names is data now.
        fired = re.findall(r"Fired by ([^.]*(?:\.[a-z][^.]*)*)\.", text)
        named = {f"{m} {p}" for sentence in fired for m, p in _ENDPOINT.findall(sentence)}
        assert named <= {str(e) for e in reason.endpoints}, code


def test_voipbin_groups(shipped: dict[str, Catalogue]) -> None:
    catalogue = shipped["voipbin"]
    top = catalogue.top_groups()
    assert [g.title for g in top] == [
        "Generic / Cross-cutting Reasons",
        "Resource-Prefixed Reasons",
    ]
    assert top[0].generic
    assert len(top[1].children) == 25
    call = catalogue.group("call")
    assert [str(e) for e in call.endpoints] == [
        "/calls",
        "/calls/{id}*",
        "/groupcalls",
        "/service_agents/calls*",
    ]
    assert len(catalogue.group("flow-activeflow").notes) == 1
    assert catalogue.reason("TALK_MESSAGE_NOT_FOUND").related == ("MESSAGE_NOT_FOUND",)


def test_voipbin_examples(shipped: dict[str, Catalogue]) -> None:
    catalogue = shipped["voipbin"]
    frozen = catalogue.reason("ACCOUNT_FROZEN")
    details = frozen.example["error"]["details"][0]
    assert set(details) == {"deletion_scheduled_at", "deletion_effective_at", "recovery_endpoint"}
    assert frozen.example["error"]["status"] == "PERMISSION_DENIED"
    limited = catalogue.reason("RATE_LIMIT_EXCEEDED").example["error"]
    assert limited["details"][0]["limited_by"] in {"ip", "customer"}
    assert limited["status"] == "RESOURCE_EXHAUSTED"
    call = catalogue.reason("CALL_NOT_FOUND").example["error"]
    assert call["status"] == "NOT_FOUND"
    assert call["request_id"].startswith("req_")
    for reason in catalogue.reasons:
        parsed = catalogue.parse_envelope(reason.example)
        assert (parsed.code, parsed.status) == (reason.code, reason.status)


# -- Fone Dynamics, SignalWire, messages.dev ---------------------------------------------------


def fonedynamics_seed(seeds: Path) -> list[tuple[str, str]]:
    text = (seeds / "fonedynamics-error-codes.txt").read_text()
    table = text.split("Error Code Description\n", 1)[1]
    return [tuple(line.split(" ", 1)) for line in table.strip().splitlines()]  # type: ignore[misc]


def signalwire_seed(seeds: Path) -> list[tuple[str, str]]:
    lines = (seeds / "signalwire-error-codes.txt").read_text().splitlines()
    return [
        (lines[i - 1], lines[i + 1].removeprefix("  • "))
        for i, line in enumerate(lines)
        if line == "Error"
    ]


def messagesdev_seed(seeds: Path) -> list[tuple[str, int, str, str]]:
    """(error type, its status, code, meaning) for every row of the messages.dev page."""
    rows, error_type, status = [], "", 0
    for line in (seeds / "messagesdev-errors.txt").read_text().splitlines():
        heading = re.fullmatch(r"([a-z_]+_error) \((\d{3})\)", line)
        if heading:
            error_type, status = heading.group(1), int(heading.group(2))
            continue
        row = re.fullmatch(r"([a-z_]+) \| (.+) \|", line)
        if row and error_type and row.group(1) != "Code":
            rows.append((error_type, status, row.group(1), row.group(2)))
    return rows


def test_fonedynamics_matches_its_page(shipped: dict[str, Catalogue], seeds: Path) -> None:
    catalogue = shipped["fonedynamics"]
    rows = fonedynamics_seed(seeds)
    assert [(r.code, r.cause) for r in catalogue.reasons] == rows
    assert all(r.status is None for r in catalogue.reasons)  # the page gives none per code
    assert [s.status for s in catalogue.api.http_statuses] == [400, 401, 403, 500]
    example = catalogue.reason("CALL_NOT_FOUND").example
    assert example == {
        "ResponseStatus": {
            "ErrorCode": "CALL_NOT_FOUND",
            "Message": "A matching call could not be found.",
        }
    }


def test_signalwire_matches_its_page(shipped: dict[str, Catalogue], seeds: Path) -> None:
    catalogue = shipped["signalwire"]
    assert [(r.code, r.cause) for r in catalogue.reasons] == signalwire_seed(seeds)
    assert all(r.status is None for r in catalogue.reasons)
    assert catalogue.reason("already_verified").example == {
        "errors": [{"code": "already_verified", "message": "This number is already verified."}]
    }


def test_messagesdev_matches_its_page(shipped: dict[str, Catalogue], seeds: Path) -> None:
    catalogue = shipped["messagesdev"]
    rows = messagesdev_seed(seeds)
    assert len(rows) == 16
    assert [(r.group, r.status, r.code, r.cause) for r in catalogue.reasons] == rows
    example = catalogue.reason("chat_not_found").example
    assert example["error"]["type"] == "not_found_error"
    assert example["request_id"].startswith("req_")
    assert catalogue.parse_envelope(example).request_id == example["request_id"]
