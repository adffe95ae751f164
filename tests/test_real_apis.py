"""Catalogues shaped like real APIs (tests/realapis.py), end to end.

Each catalogue validates, builds with ``-nW`` and passes its doctests; each real-looking body
reads back as its reason in Python (``Catalogue.parse``/``explain``) and in the browser's
decoder, and its ``doc_url`` is a page of the built site: a body that names its scope (a
DynamoDB ``__type``, an S3 ``<Error>``) lands on that scope's page; a bare code several
services share lists every one of them. The site is built once for the module.
"""

from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from reason_catalog import Catalogue, CatalogueError, EnvelopeError, cli, doc_url, load_catalogues
from reason_catalog.catalogue.load import parse_catalogue
from sphinx.util.inventory import InventoryFile

from .conftest import ROOT, ROOTS, open_browser, run_sphinx
from .realapis import (
    BODIES,
    CATALOGUES,
    STRIPE_LONGEST,
    STRIPE_OWN,
    Body,
    catalogue_text,
    examples_page,
    stripe,
    write_catalogues,
)

#: How many reasons each catalogue holds: small, as real APIs' samples.
COUNTS = {
    "aws": 22,
    "aws-rest": 14,
    "aws-xml": 23,
    "twilio": 16,
    "stripe": 14,
    "jsonrpc": 12,
    "signalwire": 10,
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test root, copied, with the catalogues and the page of bodies written into it."""
    source = tmp_path_factory.mktemp("real-apis") / "source"
    shutil.copytree(ROOTS / "test-real-apis", source)
    write_catalogues(source / "catalogues")
    (source / "bodies.rst").write_text(examples_page(), encoding="utf-8")
    return source


@pytest.fixture(scope="module")
def catalogues(project: Path) -> dict[str, Catalogue]:
    return {c.slug: c for c in load_catalogues([project / "catalogues"])}


@pytest.fixture(scope="module")
def builds(project: Path) -> dict[str, tuple[Path, subprocess.CompletedProcess[str]]]:
    """The HTML site and the doctests, built at once (two processes, two cores)."""
    out = project.parent
    with ThreadPoolExecutor(2) as pool:
        runs = {
            builder: (
                out / builder,
                pool.submit(run_sphinx, builder, out / builder, project, project),
            )
            for builder in ("html", "doctest")
        }
        return {builder: (path, future.result()) for builder, (path, future) in runs.items()}


@pytest.fixture(scope="module")
def site(builds: dict[str, tuple[Path, subprocess.CompletedProcess[str]]]) -> Path:
    """The built HTML site (``--keep-going``: whole even when a warning fails the build, which
    :func:`test_the_site_builds_without_a_warning` reports once)."""
    path, result = builds["html"]
    assert (path / "index.html").is_file(), result.stderr
    return path


def page(site: Path, url: str) -> BeautifulSoup:
    """A built page, by its URL relative to the site root."""
    return BeautifulSoup((site / unquote(url)).read_text(encoding="utf-8"), "html.parser")


def one(soup: Tag, selector: str) -> Tag:
    """The element ``selector`` finds; the test fails if there is none."""
    found = soup.select_one(selector)
    assert found is not None, f"no {selector}"
    return found


def text_of(soup: Tag, selector: str) -> str:
    """The text of the element ``selector`` finds."""
    return one(soup, selector).get_text()


def resolve(base: str, href: str) -> str:
    """A relative link on the page ``base`` as a URL relative to the site root."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), href.partition("#")[0]))


def reason_url(catalogue: Catalogue, key: str) -> str:
    """The doc_url of a reason, by key, relative to the site root."""
    reason = catalogue.reason(key)
    assert reason is not None, key
    code: str | int = int(reason.code) if catalogue.code_type == "integer" else reason.code
    return doc_url(catalogue.slug, code, scope=reason.scope)


# -- the catalogues ----------------------------------------------------------------------------


def test_every_catalogue_validates(project: Path, catalogues: dict[str, Catalogue]) -> None:
    files = sorted(str(p) for p in (project / "catalogues").glob("*.yaml"))
    result = subprocess.run(
        [sys.executable, "-m", "reason_catalog", "validate", *files],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"OK: 7 catalogues, {sum(COUNTS.values())} reasons"
    assert {slug: len(c.reasons) for slug, c in catalogues.items()} == COUNTS
    assert set(catalogues) == set(CATALOGUES)
    # Small, as the samples of real APIs they are: a few scopes or groups each.
    for catalogue in catalogues.values():
        assert 3 <= len(catalogue.top_groups()) <= 6, catalogue.slug


def test_integer_codes_are_written_and_read_as_numbers(catalogues: dict[str, Catalogue]) -> None:
    for slug, written in [("twilio", ["20003", "21211", "30003"]), ("jsonrpc", ["-32601", "3"])]:
        data = yaml.safe_load(catalogue_text(CATALOGUES[slug]()))
        codes = [r["code"] for g in data["groups"] for r in g.get("reasons", [])]
        assert all(type(code) is int for code in codes), slug
        catalogue = catalogues[slug]
        assert catalogue.code_type == "integer"
        assert all(catalogue.reason(code) is not None for code in written)
    twilio, rpc = catalogues["twilio"].reason("20003"), catalogues["jsonrpc"].reason("-32601")
    assert twilio is not None and twilio.example["code"] == 20003
    assert rpc is not None and rpc.example["error"]["code"] == -32601


def test_stripe_codes_are_as_long_as_the_style_allows(tmp_path: Path) -> None:
    assert len(STRIPE_LONGEST) == len(STRIPE_OWN) == 65
    data = stripe()
    data["groups"][1]["reasons"].append({"code": STRIPE_OWN + "s", "cause": "One too long."})
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(catalogue_text(data), tmp_path / "stripe.yaml")
    report = caught.value.report()
    assert "is 66 characters long; the catalogue allows at most 65" in report, report


def test_codes_shared_by_services_have_a_reason_each(catalogues: dict[str, Catalogue]) -> None:
    aws = catalogues["aws"]
    for code, services in [
        ("ResourceNotFoundException", ["DynamoDB", "Kinesis"]),
        ("ValidationException", ["DynamoDB", "Kinesis"]),
        ("AccessDeniedException", ["DynamoDB", "Kinesis", "SQS"]),
        ("ThrottlingException", ["DynamoDB", "Kinesis", "SQS"]),
    ]:
        shared = aws.reasons_with(code)
        assert [r.scope for r in shared] == services
        assert aws.reason(code) is None  # a bare shared code names none of them
        assert {doc_url("aws", code, scope=s) for s in services} == {
            f"aws/{s}/reasons/{code}.html" for s in services
        }
    found = aws.reason("ResourceNotFoundException", "DynamoDB")
    assert found is aws.reason("DynamoDB/ResourceNotFoundException")
    assert found is not None and found.operations[:1] == ("DynamoDB/PutItem",)
    assert aws.reason("ExpiredIteratorException") is aws.reason("Kinesis/ExpiredIteratorException")
    assert doc_url(
        "aws", "ResourceNotFoundException", "https://errors.example.com/", scope="DynamoDB"
    ) == ("https://errors.example.com/aws/DynamoDB/reasons/ResourceNotFoundException.html")
    # The same code in the other AWS families, each a reason of its own service.
    assert [r.key for r in catalogues["aws-rest"].reasons_with("ResourceNotFoundException")] == [
        "Lambda/ResourceNotFoundException",
        "EKS/ResourceNotFoundException",
    ]
    assert [r.key for r in catalogues["aws-xml"].reasons_with("InvalidAction")] == [
        "IAM/InvalidAction",
        "EC2/InvalidAction",
    ]


def test_operations_are_bound_as_each_protocol_binds_them(catalogues: dict[str, Catalogue]) -> None:
    put = catalogues["aws"].operation("DynamoDB/PutItem")
    assert put is not None and str(put.http) == "POST /"
    assert put.headers == (("X-Amz-Target", "DynamoDB_20120810.PutItem"),)
    get_object = catalogues["aws-xml"].operation("S3/GetObject")
    assert get_object is not None and str(get_object.http) == "GET /{Bucket}/{Key+}"
    acl = catalogues["aws-xml"].operation("S3/GetBucketAcl")
    assert acl is not None and str(acl.http) == "GET /{Bucket}" and acl.query == (("acl", ""),)
    get_user = catalogues["aws-xml"].operation("IAM/GetUser")
    assert get_user is not None and dict(get_user.query)["Action"] == "GetUser"
    rpc = catalogues["jsonrpc"]
    balance, call = rpc.operation("eth_getBalance"), rpc.operation("eth_call")
    assert balance is not None and balance.http is None
    assert call is not None and str(call.http) == "POST /"


# -- bodies, in Python -------------------------------------------------------------------------


def test_every_shape_has_bodies_of_each_form() -> None:
    by_api: dict[str, list[Body]] = {}
    for body in BODIES:
        by_api.setdefault(body.api, []).append(body)
    assert set(by_api) == set(CATALOGUES)
    aws = [b.text for b in by_api["aws"]]
    # The three forms of __type, and a capitalised Message.
    assert any('"__type": "com.amazonaws.dynamodb.v20120810#' in t for t in aws)
    assert any('"__type": "ResourceNotFoundException"' in t for t in aws)
    assert any(":http://internal.amazon.com/coral/" in t for t in aws)
    assert any('"Message"' in t for t in aws)
    xml = [b.text for b in by_api["aws-xml"]]
    for root in ("<Error>", "<ErrorResponse", "<Response>"):  # REST-XML, query, EC2
        assert any(root in t and "<Error>" in t for t in xml), root
    assert all(
        "X-Amzn-ErrorType" in b.text or "x-amzn-ErrorType" in b.text for b in by_api["aws-rest"]
    )
    assert any(b.status is not None for b in by_api["signalwire"])


@pytest.mark.parametrize("body", BODIES, ids=[b.name for b in BODIES])
def test_a_body_reads_as_its_reason(
    catalogues: dict[str, Catalogue], site: Path, body: Body
) -> None:
    catalogue = catalogues[body.api]
    parsed = catalogue.parse_envelope(body.text)
    assert (parsed.code, parsed.status, parsed.scope) == (body.code, body.status, body.scope)
    assert parsed.sub_codes == body.sub_codes
    assert tuple(r.key for r in catalogue.candidates(parsed)) == body.keys
    if len(body.keys) == 1:
        said, reason = catalogue.explain(body.text)
        assert said == parsed and reason.key == body.keys[0]
    else:
        with pytest.raises(EnvelopeError) as caught:
            catalogue.explain(body.text)
        scopes = ", ".join(key.split("/")[0] for key in body.keys)
        assert f"is a code of {len(body.keys)} services ({scopes})" in str(caught.value)
    for key in body.keys:
        url = reason_url(catalogue, key)
        assert (site / unquote(url)).is_file(), url
        h1 = page(site, url).select_one("h1")
        assert h1 is not None and h1.get_text().rstrip("¶") == body.code


#: One body of each API whose reason it names alone, for the command line.
ONE_PER_API = {b.api: b for b in reversed(BODIES) if len(b.keys) == 1}


@pytest.mark.parametrize("body", ONE_PER_API.values(), ids=list(ONE_PER_API))
def test_the_command_line_names_a_body_s_reason(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], body: Body
) -> None:
    saved = tmp_path / "body.txt"
    saved.write_bytes(body.text.encode())  # as received: CRLF stays CRLF
    command = ["parse", "--api", body.api, "--body", str(saved), str(project / "catalogues")]
    assert cli.main(command) == 0
    said = json.loads(capsys.readouterr().out)
    assert (said["code"], said["status"], said["scope"]) == (body.code, body.status, body.scope)
    assert said["reason"]["code"] == body.code


def test_a_body_naming_its_service_lands_on_its_page(catalogues: dict[str, Catalogue]) -> None:
    urls = {b.name: reason_url(catalogues[b.api], b.keys[0]) for b in BODIES if len(b.keys) == 1}
    assert urls["dynamodb-namespaced"] == "aws/DynamoDB/reasons/ResourceNotFoundException.html"
    assert urls["lambda-header"] == "aws-rest/Lambda/reasons/ResourceNotFoundException.html"
    assert urls["s3-rest-xml"] == "aws-xml/S3/reasons/NoSuchKey.html"
    assert urls["iam-query"] == "aws-xml/IAM/reasons/NoSuchEntity.html"
    assert urls["ec2-shared"] == "aws-xml/EC2/reasons/InternalError.html"
    assert urls["sqs-shared"] == "aws/SQS/reasons/AccessDeniedException.html"
    assert urls["twilio-20003"] == "twilio/reasons/20003.html"
    assert urls["jsonrpc-method-not-found"] == "jsonrpc/reasons/-32601.html"
    assert urls["stripe-longest"] == f"stripe/reasons/{STRIPE_LONGEST}.html"


# -- the built site ----------------------------------------------------------------------------


def test_the_site_builds_without_a_warning(
    builds: dict[str, tuple[Path, subprocess.CompletedProcess[str]]], site: Path
) -> None:
    build = builds["html"][1]
    assert build.stderr == "", build.stderr
    assert build.returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "reason_catalog", "check-links", str(site)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_reason_has_its_page_at_its_doc_url(
    site: Path, catalogues: dict[str, Catalogue]
) -> None:
    urls = [reason_url(c, r.key) for c in catalogues.values() for r in c.reasons]
    assert len(set(urls)) == len(urls) == sum(COUNTS.values())
    missing = [url for url in urls if not (site / unquote(url)).is_file()]
    assert missing == []


def test_doctests_read_every_example(
    builds: dict[str, tuple[Path, subprocess.CompletedProcess[str]]],
) -> None:
    out, result = builds["doctest"]
    report = (out / "output.txt").read_text(encoding="utf-8")
    failing = [line for line in report.splitlines() if line.startswith(("File ", "    reason_"))]
    assert result.returncode == 0, "\n".join(failing)
    # Every reason's example, and every body of the bodies page.
    assert f"{sum(COUNTS.values()) + len(BODIES)} tests" in report
    assert "0 failures in tests" in report


def test_reasons_json_keeps_codes_as_the_bodies_carry_them(site: Path) -> None:
    data = json.loads((site / "reasons.json").read_text(encoding="utf-8"))
    apis = {api["slug"]: api for api in data["apis"]}
    assert set(apis) == set(CATALOGUES)
    twilio = {r["code"]: r for r in apis["twilio"]["reasons"]}
    assert twilio[20003]["title"] == "Permission Denied"
    assert twilio[20003]["status"] == 401
    assert twilio[30003]["status"] is None
    assert twilio[15003]["severity"] == "warning"
    assert apis["twilio"]["provider_url_template"] == "https://www.twilio.com/docs/errors/{code}"
    rpc = {r["code"]: r for r in apis["jsonrpc"]["reasons"]}
    assert set(rpc) >= {-32700, -32600, -32601, -32602, -32603, -32001, 3}
    assert rpc[-32601]["url"] == "jsonrpc/reasons/-32601.html"
    assert rpc[-32602]["operations"] == [
        "eth_call",
        "eth_getBalance",
        "eth_sendRawTransaction",
        "eth_getLogs",
        "eth_estimateGas",
    ]
    aws = apis["aws"]
    assert aws["url_template"] == "aws/{scope}/reasons/{code}.html"
    assert [s["id"] for s in aws["scopes"]] == ["DynamoDB", "Kinesis", "SQS"]
    shared = [r for r in aws["reasons"] if r["code"] == "ResourceNotFoundException"]
    assert [(r["scope"], r["url"]) for r in shared] == [
        ("DynamoDB", "aws/DynamoDB/reasons/ResourceNotFoundException.html"),
        ("Kinesis", "aws/Kinesis/reasons/ResourceNotFoundException.html"),
    ]
    assert all("scope" in r for a in ("aws", "aws-rest", "aws-xml") for r in apis[a]["reasons"])
    assert shared[0]["operations"] == ["PutItem", "GetItem", "DescribeTable", "Query", "UpdateItem"]
    stripe_reasons = {r["code"]: r for r in apis["stripe"]["reasons"]}
    assert stripe_reasons["card_declined"]["sub_codes"]["decline_code"][0] == "insufficient_funds"
    multi = {r["code"]: r for r in apis["signalwire"]["reasons"]}["not_a_valid_json"]
    assert (multi["status"], multi["statuses"]) == (None, [400, 422])
    for api in data["apis"]:
        for reason in api["reasons"]:
            assert (site / unquote(reason["url"])).is_file(), reason["url"]


def test_objects_inv_names_scoped_reasons_and_operations(site: Path) -> None:
    with (site / "objects.inv").open("rb") as handle:
        inventory = InventoryFile.load(handle, "", lambda base, uri: uri)
    codes, operations = inventory["reason:code"], inventory["reason:operation"]
    expected = {
        "aws:DynamoDB/ResourceNotFoundException": (
            "aws/DynamoDB/reasons/ResourceNotFoundException.html"
        ),
        "aws:Kinesis/ResourceNotFoundException": (
            "aws/Kinesis/reasons/ResourceNotFoundException.html"
        ),
        "aws-xml:EC2/InvalidInstanceID.NotFound": (
            "aws-xml/EC2/reasons/InvalidInstanceID.NotFound.html"
        ),
        "twilio:20003": "twilio/reasons/20003.html",
        "jsonrpc:-32601": "jsonrpc/reasons/-32601.html",
    }
    assert {name: codes[name].uri for name in expected} == expected
    assert len(codes) == sum(COUNTS.values())
    assert operations["aws:DynamoDB/PutItem"].uri == "aws/DynamoDB/operations/PutItem.html"
    assert operations["aws-xml:S3/GetBucketAcl"].uri == "aws-xml/S3/operations/GetBucketAcl.html"
    assert operations["jsonrpc:eth_call"].uri == "jsonrpc/operations/eth_call.html"
    assert {n for n in operations if n.startswith("aws:DynamoDB/")} == {
        f"aws:DynamoDB/{name}"
        for name in ("PutItem", "GetItem", "DescribeTable", "Query", "UpdateItem")
    }


def test_roles_link_scoped_reasons_and_operations(site: Path) -> None:
    index = page(site, "index.html")
    hrefs = {a["href"] for a in index.select("a.reference.internal")}
    for url in (
        "aws/DynamoDB/reasons/ResourceNotFoundException.html",
        "aws/Kinesis/reasons/ResourceNotFoundException.html",
        "aws/Kinesis/reasons/ExpiredIteratorException.html",
        "aws/DynamoDB/operations/PutItem.html",
        "aws-xml/S3/operations/GetBucketAcl.html",
        "aws-rest/Lambda/operations/Invoke.html",
        "jsonrpc/operations/eth_call.html",
        "twilio/reasons/20003.html",
        "jsonrpc/reasons/-32601.html",
        "jsonrpc/reasons/3.html",
    ):
        assert url in hrefs, url


def test_tables_link_each_row_to_its_own_scope(site: Path) -> None:
    """A row of a scoped table links its own service's page, not the first that has the code."""
    index = page(site, "index.html")
    for scope in ("DynamoDB", "Kinesis"):
        row = index.select_one(f"tr#reason-aws-{scope.lower()}-resourcenotfoundexception")
        assert row is not None, scope
        link = row.select_one("a.reference.internal")
        assert link is not None
        assert link["href"] == f"aws/{scope}/reasons/ResourceNotFoundException.html"


def test_operation_pages_show_the_binding_and_the_reasons(site: Path) -> None:
    name = "aws/DynamoDB/operations/PutItem.html"
    put = page(site, name)
    binding = [dd.get_text() for dd in put.select("dl.rc-binding dd")]
    assert binding == ["POST /", "X-Amz-Target: DynamoDB_20120810.PutItem"]
    listed = {resolve(name, a["href"]) for a in put.select("#reasons a")}
    assert "aws/DynamoDB/reasons/ResourceNotFoundException.html" in listed
    assert not [url for url in listed if not url.startswith("aws/DynamoDB/")]
    generic = {resolve(name, a["href"]) for a in put.select("#generic a")}
    assert "aws/DynamoDB/reasons/ThrottlingException.html" in generic
    acl = page(site, "aws-xml/S3/operations/GetBucketAcl.html")
    assert [dd.get_text() for dd in acl.select("dl.rc-binding dd")] == ["GET /{Bucket}", "acl"]
    balance = page(site, "jsonrpc/operations/eth_getBalance.html")
    assert balance.select("dl.rc-binding") == []
    reason = "aws/DynamoDB/reasons/ResourceNotFoundException.html"
    named = [resolve(reason, a["href"]) for a in page(site, reason).select("#operations a")]
    assert named[0] == "aws/DynamoDB/operations/PutItem.html"


def test_notes_keep_their_markdown_and_links_go_to_the_docs(site: Path) -> None:
    body = page(site, "twilio/reasons/21211.html")
    assert text_of(body, ".rc-title") == "Invalid 'To' Phone Number"
    provider = one(body, ".rc-provider a")
    assert provider["href"] == "https://www.twilio.com/docs/errors/21211"
    notes = one(body, "#notes")
    assert [h.get_text() for h in notes.select("h3, h4, h5, h6")] == [
        "Possible causes",
        "Possible solutions",
    ]
    assert len(notes.select("ul li")) == 4
    assert text_of(notes, "pre").startswith("curl -X POST https://api.twilio.com/")
    # Written relative to the provider's docs, they go there (api.docs_url).
    assert {a["href"] for a in notes.select("a")} == {
        "https://www.twilio.com/docs/glossary/what-e164",
        "https://www.twilio.com/docs/lookup/v2-api",
    }


def test_a_warning_says_so_on_its_page(site: Path) -> None:
    index = page(site, "index.html")
    row = one(index, "tr#reason-twilio-15003")
    assert text_of(row, ".rc-severity") == "warning"
    assert text_of(page(site, "twilio/reasons/15003.html"), ".rc-facts .rc-severity") == "warning"


def test_a_code_without_a_status_leaves_it_out_of_its_example(site: Path) -> None:
    body = page(site, "twilio/reasons/30003.html")
    example = json.loads(text_of(body, "#example pre"))
    assert example == {
        "code": 30003,
        "message": "The destination handset is switched off or out of coverage.",
        "more_info": "https://www.twilio.com/docs/errors/30003",
    }
    assert "HTTP status" in text_of(body, ".rc-omitted")
    known = json.loads(text_of(page(site, "twilio/reasons/20003.html"), "#example pre"))
    assert known["status"] == 401


def test_stripe_pages(site: Path) -> None:
    body = page(site, "stripe/reasons/card_declined.html")
    assert (
        one(body, ".rc-provider a")["href"] == "https://docs.stripe.com/error-codes/card-declined"
    )
    values = [dt.get_text().rstrip("¶") for dt in body.select("#sub-codes dt")]
    assert values[:2] == ["insufficient_funds", "lost_card"]
    example = json.loads(text_of(body, "#example pre"))
    assert example["error"]["doc_url"] == "https://docs.stripe.com/error-codes/card-declined"
    assert example["error"]["type"] == "card_error"
    assert "param" not in example["error"]  # {field?}: the reason names no field
    longest = page(site, f"stripe/reasons/{STRIPE_LONGEST}.html")
    assert one(longest, ".rc-provider a")["href"] == (
        "https://docs.stripe.com/error-codes/" + STRIPE_LONGEST.replace("_", "-")
    )
    missing = json.loads(text_of(page(site, "stripe/reasons/parameter_missing.html"), "pre"))
    assert missing["error"]["param"] == "amount"


def test_a_code_with_two_statuses_shows_both(site: Path) -> None:
    row = one(page(site, "index.html"), "tr#reason-signalwire-not-a-valid-json")
    badge = one(row, ".rc-status")
    assert (badge.get_text(), badge["title"]) == ("varies", "HTTP 400 or 422")
    badge = one(page(site, "signalwire/reasons/not_a_valid_json.html"), ".rc-facts .rc-status")
    assert (badge.get_text(), badge["title"]) == ("varies", "HTTP 400 or 422")


# -- the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_url(site: Path, serve: Any) -> str:
    return str(serve(site))


#: Every body through the page's own decoder, with the page's own codes and dialects.
DECODE_IN_PAGE = """async bodies => {
    const text = await (await fetch('reason-codes.js')).text();
    const site = ReasonDecode.prepare(JSON.parse(text.slice(text.indexOf('(') + 1,
                                                            text.lastIndexOf(')'))));
    const out = {};
    for (const [name, body] of Object.entries(bodies)) {
        const result = ReasonDecode.decode(site, body);
        out[name] = 'error' in result ? {error: result.error} : result.matches.map(m => ({
            api: m.row.api, code: m.row.code, scope: m.row.scope, url: m.row.url,
            status: m.status === null ? null : Number(m.status),
            sub_codes: m.sub_codes ?? [],
        }));
    }
    return JSON.stringify(out);
}"""


@pytest.mark.browser
def test_the_browser_decodes_every_body_to_its_pages(
    tab: Any, site_url: str, catalogues: dict[str, Catalogue]
) -> None:
    open_browser(tab, site_url + "browse.html")
    tab.wait_for_function("typeof jmespath === 'object' && typeof RE2JS === 'object'")
    decoded = json.loads(tab.evaluate(DECODE_IN_PAGE, {b.name: b.text for b in BODIES}))
    expected = {}
    for body in BODIES:
        catalogue = catalogues[body.api]
        expected[body.name] = [
            {
                "api": body.api,
                "code": body.code,
                "scope": key.split("/")[0] if catalogue.scoped else "",
                "url": reason_url(catalogue, key),
                "status": body.status,
                "sub_codes": [list(pair) for pair in body.sub_codes],
            }
            for key in body.keys
        ]
    wrong = {name: found for name, found in decoded.items() if found != expected[name]}
    assert wrong == {name: expected[name] for name in wrong}


def decode_in_the_page(tab: Any, site_url: str, text: str) -> list[str]:
    """Paste a body into the browser page's decoder; the links to the reasons it names."""
    open_browser(tab, site_url + "browse.html")
    tab.click("#rc-decoder summary")
    tab.fill("#rc-body", text)
    tab.wait_for_function("typeof jmespath === 'object' && typeof RE2JS === 'object'")
    tab.wait_for_timeout(50)
    tab.click("#rc-decode")
    return [a.get_attribute("href") for a in tab.locator(".rc-decoded-link").all()]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("dynamodb-namespaced", "aws/DynamoDB/reasons/ResourceNotFoundException.html"),
        # Codes of several services, named by the body's scope: not the first service's page.
        ("sqs-shared", "aws/SQS/reasons/AccessDeniedException.html"),
        ("ec2-shared", "aws-xml/EC2/reasons/InternalError.html"),
        ("lambda-header", "aws-rest/Lambda/reasons/ResourceNotFoundException.html"),
    ],
)
def test_decoding_a_body_lands_on_its_service_s_page(
    tab: Any, site_url: str, name: str, url: str
) -> None:
    body = next(b for b in BODIES if b.name == name)
    assert decode_in_the_page(tab, site_url, body.text) == [url]
    tab.goto(site_url + url)
    assert tab.locator("h1").first.text_content().startswith(body.code)


@pytest.mark.browser
def test_decoding_a_bare_shared_code_lists_every_service(tab: Any, site_url: str) -> None:
    body = next(b for b in BODIES if b.name == "kinesis-bare-shared")
    assert decode_in_the_page(tab, site_url, body.text) == [
        "aws/DynamoDB/reasons/ResourceNotFoundException.html",
        "aws/Kinesis/reasons/ResourceNotFoundException.html",
    ]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("PutItem", "aws/DynamoDB/operations/PutItem.html"),
        ("-32601", "jsonrpc/reasons/-32601.html"),
        ("20003", "twilio/reasons/20003.html"),
        (STRIPE_LONGEST, f"stripe/reasons/{STRIPE_LONGEST}.html"),
        ("InvalidInstanceID.NotFound", "aws-xml/EC2/reasons/InvalidInstanceID.NotFound.html"),
    ],
)
def test_searching_puts_the_right_page_first(
    tab: Any, site_url: str, query: str, first: str
) -> None:
    open_browser(tab, f"{site_url}browse.html?q={query}")
    tab.wait_for_timeout(50)
    hrefs = [a.get_attribute("href") for a in tab.locator(".rc-result-link").all()]
    assert hrefs[:1] == [first], hrefs[:5]
