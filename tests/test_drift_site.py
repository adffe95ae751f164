"""The drift check in the site: the spec's operations as endpoint pages, the coverage page, and
drift findings as build warnings (``tests/roots/test-drift-site``).

The root's catalogue names its spec (``openapi.yaml``): it lists ``GET /calls/{id}`` (the
spec's ``/calls/{call_id}``), misspells ``POST /calls/{call_id}/hangup`` as
``POST /calls/{id}/hang-up``, and never lists ``GET /numbers/{id}`` or ``GET /status``.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from reason_catalog.linkcheck import broken_links

from .conftest import ROOTS, build_site, run_sphinx

ROOT = ROOTS / "test-drift-site"
QUIET = ["-D", "reason_catalog_drift_warnings=off"]


def _page(out: Path, name: str) -> BeautifulSoup:
    """The main body of a built page."""
    soup = BeautifulSoup((out / name).read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("div.body")
    assert body is not None, name
    return BeautifulSoup(str(body), "html.parser")


def _text(out: Path, name: str) -> str:
    page = _page(out, name)
    for wbr in page.select("wbr"):  # where a heading's code may wrap: no space in its text
        wbr.decompose()
    page.smooth()
    return page.get_text(" ", strip=True)


def _line_of(path: Path, text: str) -> int:
    """The line (from 1) of the one line holding ``text``."""
    lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    assert len(lines) == 1, lines
    return lines[0]


def _digests(out: Path) -> dict[str, str]:
    return {
        str(path.relative_to(out)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts and path.name != ".buildinfo"
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The root built without drift warnings (its pages are what is looked at)."""
    out = tmp_path_factory.mktemp("drift-site")
    build_site(out, ROOT, ROOT, extra_args=QUIET)
    return out


def test_unlisted_operations_get_pages(site: Path) -> None:
    endpoints = site / "example" / "endpoints"
    hangup = _page(site, "example/endpoints/post-calls-call_id-hangup.html")
    facts = hangup.select_one("dl.rc-spec-facts")
    assert facts is not None
    assert facts.get_text(" ", strip=True) == (
        "operationId hangupCall Declared statuses 200 409 5XX Spec openapi.yaml "
        "Catalogue lists it misspelt, as POST /calls/{id}/hang-up"
    )
    links = [a["href"] for a in facts.select("a")]
    assert links == ["../coverage.html", "post-calls-id-hang-up.html"]
    text = hangup.get_text(" ", strip=True)
    # No reason names it (the catalogue misspells it): its group's pattern covers it, and the
    # generic reasons apply, as on any operation's page.
    assert "The catalogue names no reason specific to this endpoint." in text
    assert "/calls/{id}* — Call reasons" in text
    assert "SERVICE_UNAVAILABLE" in text
    assert "CALL_STATE_INVALID" not in text

    number = _text(site, "example/endpoints/get-numbers-id.html")
    assert "operationId getNumber Declared statuses 200 404" in number
    assert "404 Not Found NUMBER_NOT_FOUND The number does not exist." in number  # its pattern

    status = _text(site, "example/endpoints/get-status.html")
    assert "operationId none given Declared statuses 200 Spec openapi.yaml" in status
    assert "Catalogue does not list it" in status
    assert "The catalogue names no reason specific to this endpoint." in status
    assert sorted(p.name for p in endpoints.iterdir()) == [
        "calls-id-all.html",
        "get-calls-id.html",
        "get-numbers-id.html",
        "get-status.html",
        "numbers-id-all.html",
        "post-calls-call_id-hangup.html",
        "post-calls-id-hang-up.html",
    ]


def test_listed_endpoints_keep_their_pages(site: Path, tmp_path: Path) -> None:
    # The same catalogue without its spec: every page it had, the spec's build has too.
    source = tmp_path / "src"
    shutil.copytree(ROOT, source)
    catalogue = source / "example.yaml"
    catalogue.write_text(catalogue.read_text().replace("openapi: openapi.yaml\n", ""))
    without = tmp_path / "out"
    build_site(without, source, source)
    pages = {
        str(p.relative_to(without)) for p in (without / "example" / "endpoints").rglob("*.html")
    }
    assert pages <= {str(p.relative_to(site)) for p in (site / "example").rglob("*.html")}
    assert not (without / "example" / "coverage.html").exists()

    # The spec's GET /calls/{call_id} is the catalogue's GET /calls/{id}: one page, its own.
    listed = _text(site, "example/endpoints/get-calls-id.html")
    assert listed.startswith("GET /calls/{id}")
    assert "operationId getCall Declared statuses 200 404 Spec openapi.yaml Reasons" in listed
    assert "404 Not Found CALL_NOT_FOUND" in listed
    misspelt = _text(site, "example/endpoints/post-calls-id-hang-up.html")
    assert "Spec not an operation of openapi.yaml" in misspelt
    pattern = _text(site, "example/endpoints/calls-id-all.html")
    assert "Operations of the spec it covers 2 in openapi.yaml" in pattern
    assert "GET /calls/{call_id} POST /calls/{call_id}/hangup" in pattern


def test_the_endpoint_index_is_the_routing_table(site: Path) -> None:
    index = _text(site, "reason-endpointindex.html")
    for label in ("GET /status", "GET /numbers/{id}", "POST /calls/{call_id}/hangup"):
        assert label in index


def test_the_coverage_page_shows_the_findings(site: Path) -> None:
    page = _page(site, "example/coverage.html")
    text = page.get_text(" ", strip=True)
    assert "documents openapi.yaml (OpenAPI 3.0.3, 4 operations)" in text
    assert "error 1 · warning 1 · info 3" in text
    assert (
        "endpoint-unknown (1) error POST /calls/{id}/hang-up POST /calls/{id}/hang-up (listed "
        "by CALL_STATE_INVALID) is not an operation of the spec; the spec spells it "
        "POST /calls/{call_id}/hangup"
    ) in text
    assert "reason-orphaned (1) warning CALL_STATE_INVALID" in text
    assert "Call reasons 2 50.0% Number reasons 1 25.0%" in text
    generic = page.select_one("table.rc-coverage-generic")
    assert generic is not None
    assert generic.get_text(" ", strip=True) == "/status 1 GET /status"
    link = generic.select_one("a")
    assert link is not None and link["href"] == "endpoints/get-status.html"
    # The API's reason table links it; every internal link of the site resolves.
    table = _page(site, "index.html").select_one("p.rc-spec-link")
    assert table is not None
    assert table.get_text(" ", strip=True) == (
        "Its OpenAPI spec: openapi.yaml (4 operations). See how the catalogue covers it, "
        "and where it drifts ."
    )
    assert [a["href"] for a in table.select("a")] == ["example/coverage.html"]
    assert list(broken_links(site)) == []


def test_drift_findings_are_located_warnings(tmp_path: Path) -> None:
    line = _line_of(ROOT / "example.yaml", "- code: CALL_STATE_INVALID")
    result = run_sphinx(
        "html",
        tmp_path / "warn",
        ROOT,
        ROOT,
        strict=False,
        extra_args=["-D", "reason_catalog_drift_warnings=warning"],
    )
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()
    assert [w.split("example.yaml:", 1)[1] for w in warnings] == [
        f"{line}: WARNING: drift error, endpoint-unknown: POST /calls/{{id}}/hang-up (listed "
        "by CALL_STATE_INVALID) is not an operation of the spec; the spec spells it "
        "POST /calls/{call_id}/hangup [reason.drift]",
        f"{line}: WARNING: drift warning, reason-orphaned: none of the operations "
        "CALL_STATE_INVALID names is in the spec; re-point it to "
        "POST /calls/{call_id}/hangup [reason.drift]",
    ]
    # The default, "error", keeps the warning out; -W then fails the build on the error.
    default = run_sphinx("html", tmp_path / "default", ROOT, ROOT)
    assert default.returncode != 0
    assert default.stderr.count("[reason.drift]") == 1, default.stderr


@pytest.mark.parametrize(
    ("spec", "where", "message"),
    [
        (None, "example.yaml:7", "column 10: openapi: the spec 'openapi.yaml' cannot be read"),
        ("openapi: 3.0.3\npaths: [\n", "openapi.yaml:3", "column 1: (document): YAML syntax"),
    ],
    ids=["missing", "bad-yaml"],
)
def test_a_spec_that_cannot_be_read_is_a_located_warning(
    spec: str | None, where: str, message: str, tmp_path: Path
) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(ROOT, source)
    if spec is None:
        (source / "openapi.yaml").unlink()
    else:
        (source / "openapi.yaml").write_text(spec)
    result = run_sphinx("html", out, source, source, strict=False, extra_args=QUIET)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{where}: WARNING: {message}" in result.stderr, result.stderr
    assert result.stderr.count("WARNING") == 1, result.stderr
    assert result.stderr.rstrip().endswith("[reason.drift]"), result.stderr
    # The site is built without the spec: no pages of its operations, the coverage page says why.
    assert not (out / "example" / "endpoints" / "get-status.html").exists()
    assert (out / "example" / "endpoints" / "get-calls-id.html").exists()
    assert "The spec cannot be read" in _text(out, "example/coverage.html")
    assert "openapi.yaml (unreadable)" in _text(out, "index.html")


def test_editing_the_spec_rebuilds_what_shows_it(tmp_path: Path) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(ROOT, source)
    build_site(out, source, source, extra_args=QUIET)
    before = _digests(out)
    spec = source / "openapi.yaml"
    text = spec.read_text()
    text = text.replace("operationId: getNumber", "operationId: fetchNumber")
    text += '  /numbers:\n    get:\n      responses:\n        "200": {description: Numbers.}\n'
    spec.write_text(text)
    build_site(out, source, source, extra_args=QUIET)
    after = _digests(out)

    assert "operationId fetchNumber" in _text(out, "example/endpoints/get-numbers-id.html")
    assert "example/endpoints/get-numbers.html" in set(after) - set(before)
    changed = {name for name in before if name in after and before[name] != after[name]}
    assert {"index.html", "example/coverage.html", "example/endpoints/get-numbers-id.html"} <= (
        changed
    )
    assert "5 operations" in _text(out, "index.html")  # the table's document was read again
    # The incremental build equals a clean one.
    clean = tmp_path / "clean"
    build_site(clean, source, source, extra_args=QUIET)
    assert _digests(clean) == after


def test_the_option_is_checked(tmp_path: Path) -> None:
    result = run_sphinx(
        "html",
        tmp_path,
        ROOT,
        ROOT,
        strict=False,
        extra_args=["-D", "reason_catalog_drift_warnings=loud"],
    )
    assert result.returncode != 0
    assert "reason_catalog_drift_warnings must be one of 'error', 'warning', 'info', 'off'" in (
        result.stderr
    )


def test_parallel_build_equals_serial(site: Path, tmp_path: Path) -> None:
    build_site(tmp_path, ROOT, ROOT, extra_args=[*QUIET, "-j", "2"])
    assert _digests(tmp_path) == _digests(site)
