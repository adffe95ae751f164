"""How reasons look: status badges (none, one, several), severities and titles, long codes that
wrap at their words, and catalogue links as the provider published them.

The site is ``tests/roots/test-presentation``: a payments API with long lower_snake codes and
a docs site, and a storage API with a long PascalCase code and none.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from reason_catalog.catalogue.text import (
    Badge,
    badge_html,
    code_html,
    code_pieces,
    severity_badge,
    status_badge,
)

from .conftest import ROOTS, run_sphinx

ROOT = ROOTS / "test-presentation"
LONG_SNAKE = "payment_method_configuration_invalid_for_automatic_payment_method"
LONG_PASCAL = "ProvisionedThroughputExceededExceptionOnGlobalSecondaryIndex"
#: Characters that would change what a reader copies, or hide in it.
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff")

# -- the descriptions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "pieces"),
    [
        ("CALL_NOT_FOUND", ["CALL_NOT_FOUND"]),
        ("ResourceNotFoundException", ["Resource", "Not", "Found", "Exception"]),
        ("card_declined_by_the_issuer", ["card_", "declined_", "by_", "the_", "issuer"]),
        ("InvalidParameterValue.Malformed", ["Invalid", "Parameter", "Value.", "Malformed"]),
        ("storage/bucket-not-found:v2", ["storage/", "bucket-", "not-", "found:", "v2"]),
        ("HTTPServerErrorWasReturned", ["HTTPServer", "Error", "Was", "Returned"]),
        ("a__very__long__double__snake", ["a__", "very__", "long__", "double__", "snake"]),
        ("trailing_separator_code_", ["trailing_", "separator_", "code_"]),
        ("ÉtatInvalideDeLaRequête", ["État", "Invalide", "De", "La", "Requête"]),
        ("0123456789012345678901234", ["0123456789012345678901234"]),
        (
            LONG_PASCAL,
            [
                "Provisioned",
                "Throughput",
                "Exceeded",
                "Exception",
                "On",
                "Global",
                "Secondary",
                "Index",
            ],
        ),
    ],
)
def test_long_codes_are_cut_at_their_words(code: str, pieces: list[str]) -> None:
    assert list(code_pieces(code)) == pieces
    assert "".join(pieces) == code


def test_a_code_as_html_breaks_only_with_wbr() -> None:
    html = code_html("a_code_of<twenty>one&more")
    assert html == "a_<wbr>code_<wbr>of&lt;twenty&gt;one&amp;more"
    assert code_html("CALL_NOT_FOUND") == "CALL_NOT_FOUND"


def test_status_badges_none_one_several() -> None:
    assert status_badge(()) is None
    assert badge_html(status_badge(())) == ""
    assert status_badge((404,)) == Badge("404", ("rc-status", "rc-status-4xx"), "404 Not Found")
    assert status_badge((400, 422)) == Badge(
        "varies", ("rc-status", "rc-status-varies"), "HTTP 400 or 422"
    )
    several = status_badge((400, 409, 422))
    assert several is not None and several.title == "HTTP 400, 409 or 422"
    assert badge_html(status_badge((400, 422))) == (
        '<span class="rc-status rc-status-varies" title="HTTP 400 or 422">varies</span>'
    )


def test_severity_badges_only_for_what_is_not_an_error() -> None:
    assert severity_badge(None) is None
    assert severity_badge("error") is None
    warning = severity_badge("warning")
    assert warning is not None
    assert (warning.text, warning.classes) == ("warning", ("rc-severity", "rc-severity-warning"))
    info = severity_badge("info")
    assert info is not None and info.classes == ("rc-severity", "rc-severity-info")


# -- the built site ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test root built as HTML, as ``nox -s docs`` builds: ``-nW``, no warning."""
    out = tmp_path_factory.mktemp("presentation")
    result = run_sphinx("html", out, ROOT, ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return out


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def _row(soup: BeautifulSoup, code: str) -> Tag:
    """The row of a group table that shows ``code``."""
    for row in soup.select("table.rc-reasons tbody tr"):
        literal = row.select_one("td code")
        if literal is not None and literal.get_text() == code:
            return row
    raise AssertionError(f"no row shows {code}")


def test_badges_in_the_group_table(site: Path) -> None:
    soup = _soup(site, "index.html")
    (varies,) = _row(soup, "not_a_valid_json").select("td:nth-of-type(2) .rc-status")
    assert varies.name == "abbr"
    assert varies["class"] == ["rc-status", "rc-status-varies"]
    assert varies["title"] == "HTTP 400 or 422"
    assert varies.get_text() == "varies"
    # No status: no badge at all, not an empty one.
    for code in ("idempotency_key_reused", "test_mode_notice"):
        cell = _row(soup, code).select("td")[1]
        assert cell.select(".rc-status") == [] and cell.get_text(strip=True) == "", code
    assert "rc-status-none" not in str(soup.select("table.rc-reasons"))
    (one,) = _row(soup, "card_declined").select(".rc-status")
    assert (one.get_text(), one["class"]) == ("402", ["rc-status", "rc-status-4xx"])


def test_severity_and_title_in_the_group_table(site: Path) -> None:
    soup = _soup(site, "index.html")
    warning = _row(soup, "api_version_outdated")
    code_cell, _, cause_cell = warning.select("td")
    (badge,) = code_cell.select(".rc-severity")
    assert (
        badge["class"] == ["rc-severity", "rc-severity-warning"] and badge.get_text() == "warning"
    )
    first = cause_cell.select_one("p")
    assert first is not None
    title = first.contents[0]
    assert isinstance(title, Tag) and title.name == "strong"
    assert title.get_text() == "Outdated API version"
    assert first.get_text() == (
        "Outdated API version — The request used an API version that will be retired."
    )
    info = _row(soup, "test_mode_notice").select(".rc-severity")
    assert [b.get_text() for b in info] == ["info"]
    assert _row(soup, "card_declined").select(".rc-severity") == []
    assert _row(soup, "not_a_valid_json").select("strong.rc-reason-title") == []


def test_long_codes_wrap_at_words_and_copy_whole(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert not any(c in html for c in INVISIBLE)
    soup = BeautifulSoup(html, "html.parser")
    for code in (LONG_SNAKE, LONG_PASCAL):
        literal = _row(soup, code).select_one("td code")
        assert literal is not None
        assert literal.get_text() == code  # what a reader copies
        pieces = [span.get_text() for span in literal.select("span.pre")]
        assert pieces == list(code_pieces(code))
        assert len(literal.select("wbr")) == len(pieces) - 1
    short = _row(soup, "card_declined").select_one("td code")
    assert short is not None and short.select("wbr") == []


def test_other_builders_show_the_code_and_the_statuses(tmp_path: Path) -> None:
    result = run_sphinx("text", tmp_path, ROOT, ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    text = (tmp_path / "index.txt").read_text(encoding="utf-8")
    assert "wbr" not in text
    codes, statuses = _columns(text, 0), _columns(text, 1)
    assert f'"{LONG_SNAKE}"' in codes and f'"{LONG_PASCAL}"' in codes
    assert "varies (HTTP 400 or 422)" in statuses


def _columns(text: str, column: int) -> list[str]:
    """A column of the text builder's tables, each cell's lines joined (it wraps them)."""
    cells: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("|") and not line.startswith("|="):
            current.append(line.split("|")[column + 1].strip())
        elif current:
            joined = "".join(current) if column == 0 else " ".join(current)
            cells.append(" ".join(joined.split()))
            current = []
    return cells


def test_relative_links_go_to_the_providers_docs(site: Path) -> None:
    soup = _soup(site, "index.html")
    hrefs = {a.get_text(): a["href"] for a in soup.select("a.reference.external")}
    assert hrefs == {
        # the API's description, a group's intro and note, a cause, a fix
        "its reference": "https://docs.payments.example/reference/errors",
        "the error guide": "https://docs.payments.example/guides/errors#codes",
        "fix list": "https://docs.payments.example/api/#fixes",
        "idempotently": "https://docs.payments.example/docs/idempotency",
        "declines": "https://docs.payments.example/docs/declines",
        "another card": "https://payments.example/help/cards",
        # the storage API has no docs site: its relative link is text, its absolute one kept
        "the console": "https://console.storage.example/",
    }
    throughput = _row(soup, LONG_PASCAL).select("td")[2]
    assert "see the limits and the console" in " ".join(throughput.get_text().split())
    changes = _soup(site, "changes.html")
    (upgrade,) = changes.select("a.reference.external")
    assert (upgrade.get_text(), upgrade["href"]) == (
        "the upgrade guide",
        "https://docs.payments.example/docs/upgrades",
    )


def test_notes_keep_their_markdown(site: Path) -> None:
    soup = _soup(site, "index.html")
    assert [h.get_text() for h in soup.select("h4.rubric, h5.rubric")] == [
        "Reading them",
        "Retrying",
    ]
    note = soup.select_one(".admonition.note")
    assert note is not None
    assert [li.get_text(" ", strip=True) for li in note.select("li")] == [
        "Retry idempotently .",
        "Never retry a card_declined .",
    ]
    (block,) = note.select("pre")
    assert block.get_text() == '{"error": {"code": "card_declined"}}\n'


def test_an_endpoint_lists_a_reason_under_each_of_its_statuses(site: Path) -> None:
    soup = _soup(site, "payments/endpoints/post-payments.html")
    sections = soup.select("section[id^=status-]")
    listed = {
        section["id"]: [code.get_text() for code in section.select("td code")]
        for section in sections
    }
    assert listed == {
        "status-400": [LONG_SNAKE, "not_a_valid_json"],
        "status-402": ["card_declined"],
        "status-422": ["not_a_valid_json"],
        "status-none": ["idempotency_key_reused"],
    }
    assert [s["id"] for s in sections][-1] == "status-none"
    none = soup.select_one("#status-none h3")
    assert none is not None and none.select(".rc-status") == []
    assert none.get_text(strip=True) == "Status not documented"


def test_the_browser_data_carries_each_badge(site: Path) -> None:
    script = (site / "reason-index.js").read_text(encoding="utf-8")
    data = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    assert "" not in data["badges"]
    assert data["badges"]["400,422"] == {
        "text": "varies",
        "classes": ["rc-status", "rc-status-varies"],
        "title": "HTTP 400 or 422",
    }
    names = data["columns"]["docs"]["columns"]
    rows = [dict(zip(names, row, strict=False)) for row in data["docs"]]
    (varies,) = [row for row in rows if row["title"] == "not_a_valid_json"]
    assert varies["status"] is None
    assert varies["statuses"] == "400,422"


# -- in the browser ------------------------------------------------------------------------------


def test_the_cause_keeps_its_room_and_codes_break_only_between_words(
    site: Path, browser: Any
) -> None:
    for width in (1200, 700):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto((site / "index.html").as_uri())
        report = page.evaluate(
            """() => Array.from(document.querySelectorAll("table.rc-reasons tbody tr")).map(row => {
              const [code, , cause] = Array.from(row.cells);
              const literal = code.querySelector("code");
              return {
                code: literal.textContent,
                codeWidth: code.getBoundingClientRect().width,
                causeWidth: cause.getBoundingClientRect().width,
                clipped: Array.from(row.cells).some(c => c.scrollWidth > c.clientWidth + 1),
                lines: literal.getClientRects().length,
                // a piece drawn on two lines would be broken inside a word
                brokenPieces: Array.from(literal.querySelectorAll(".pre"))
                  .filter(p => p.getClientRects().length > 1).length,
              };
            })"""
        )
        for row in report:
            assert not row["clipped"], (width, row)
            assert row["brokenPieces"] == 0, (width, row)
            assert row["causeWidth"] > 1.5 * row["codeWidth"], (width, row)
        wrapped = {row["code"] for row in report if row["lines"] > 1}
        assert {LONG_SNAKE, LONG_PASCAL} <= wrapped, width
        # Selecting a wrapped code and copying it gives the code exactly.
        copied = page.evaluate(
            """(code) => {
              const literal = Array.from(document.querySelectorAll("table.rc-reasons code"))
                .find(c => c.textContent === code);
              const range = document.createRange();
              range.selectNodeContents(literal);
              const selection = window.getSelection();
              selection.removeAllRanges();
              selection.addRange(range);
              return selection.toString();
            }""",
            LONG_SNAKE,
        )
        assert copied == LONG_SNAKE
        page.close()


def test_the_browser_draws_varies_and_no_badge(site: Path, browser: Any, serve: Any) -> None:
    base = serve(site)
    page = browser.new_page()
    page.goto(base + "browse.html?q=not_a_valid_json")
    first = page.locator(".rc-result").first
    first.wait_for()
    badge = first.locator(".rc-status")
    assert badge.get_attribute("class") == "rc-status rc-status-varies"
    assert badge.get_attribute("title") == "HTTP 400 or 422"
    assert badge.text_content() == "varies"
    page.goto(base + "browse.html?q=idempotency_key_reused")
    first = page.locator(".rc-result").first
    first.wait_for()
    assert first.locator(".rc-result-title").text_content() == "idempotency_key_reused"
    assert first.locator(".rc-status").count() == 0
    page.close()


@pytest.mark.sphinx("html", testroot="presentation", freshenv=True)
def test_a_badge_of_several_statuses_is_drawn_in_one_place(
    app: Any, monkeypatch: pytest.MonkeyPatch, browser: Any, serve: Any
) -> None:
    """Changing the badge's class in catalogue/text.py changes "varies" wherever it shows."""
    from reason_catalog.catalogue import text  # noqa: PLC0415

    monkeypatch.setattr(text, "BADGE_CLASS", "rc-badge-changed-{}")
    app.build()
    out = Path(app.outdir)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'class="rc-status rc-badge-changed-varies"' in index  # the group table
    assert 'class="rc-status rc-badge-changed-4xx"' in index
    assert "rc-badge-changed-none" not in index and "rc-status-" not in index
    endpoint = (out / "payments/endpoints/post-payments.html").read_text(encoding="utf-8")
    assert 'class="rc-status rc-badge-changed-4xx"' in endpoint
    assert "rc-status-" not in endpoint
    page = browser.new_page()
    page.goto(serve(out) + "browse.html?q=not_a_valid_json")
    first = page.locator(".rc-result .rc-status").first
    first.wait_for()
    assert first.get_attribute("class") == "rc-status rc-badge-changed-varies"
    page.close()
