"""The reason browser's search on catalogues shaped like real APIs, driven in Chromium.

The site holds the catalogues of tests/realapis.py (AWS's scoped PascalCase codes and
operations, Twilio's and JSON-RPC's integer codes, Stripe's lower_snake ones), a catalogue of
the canonical RPC status codes (UPPER_SNAKE words: ``UNKNOWN``, ``INTERNAL``) and 400 tiny
catalogues, so that the API facet has hundreds of values. Each class of query a reader types
is checked for what comes first; Python's search and lunr.js's must agree on all of them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from reason_catalog.search.index import clause_groups, code_words
from reason_catalog.search.rows import DOCUMENTS, records
from reason_catalog.search.site import SiteIndex

from .conftest import ROOTS, build_site, open_browser
from .realapis import Data, catalogue_text, examples_page, write_catalogues

pytestmark = pytest.mark.browser

TINY = 400
PAGED = (7, 8, 70)  # the tiny APIs with a page of their own
#: A tiny API's name that must reach the page as text, never as markup.
HOSTILE_NAME = 'Tiny <img src=x onerror="window.pwned=1"> API'


def rpc_status() -> Data:
    """The canonical RPC status codes (google.rpc.Code) as an API's reasons: UPPER_SNAKE."""
    codes = [
        ("CANCELLED", 499, "The operation was cancelled, typically by the caller."),
        ("UNKNOWN", 500, "Unknown error: the server could not say more."),
        ("INVALID_ARGUMENT", 400, "The client specified an invalid argument."),
        ("DEADLINE_EXCEEDED", 504, "The deadline expired before the operation could complete."),
        ("NOT_FOUND", 404, "Some requested entity was not found."),
        ("ALREADY_EXISTS", 409, "The entity that a client attempted to create already exists."),
        ("PERMISSION_DENIED", 403, "The caller does not have permission to run the operation."),
        ("RESOURCE_EXHAUSTED", 429, "Some resource has been exhausted, such as a quota."),
        ("FAILED_PRECONDITION", 400, "The system is not in a state the operation requires."),
        ("ABORTED", 409, "The operation was aborted, typically by a concurrency issue."),
        ("OUT_OF_RANGE", 400, "The operation was attempted past the valid range."),
        ("UNIMPLEMENTED", 501, "The operation is not implemented or not supported."),
        ("INTERNAL", 500, "Internal errors: an invariant of the system is broken."),
        ("UNAVAILABLE", 503, "The service is currently unavailable."),
        ("DATA_LOSS", 500, "Unrecoverable data loss or corruption."),
        ("UNAUTHENTICATED", 401, "The request does not have valid credentials."),
    ]
    return {
        "format": 1,
        "api": {"name": "RPC status", "slug": "rpc"},
        "code_style": {"case": "UPPER_SNAKE"},
        "envelope": _envelope("error.status"),
        "groups": [
            {
                "id": "codes",
                "title": "Canonical codes",
                "reasons": [
                    {"code": code, "status": status, "cause": cause}
                    for code, status, cause in codes
                ],
            }
        ],
    }


def _envelope(code_path: str) -> Data:
    """``{"error": {"status": CODE, "message": ...}}``."""
    return {
        "schema": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["status"],
                    "properties": {"status": {"type": "string"}, "message": {"type": "string"}},
                }
            },
        },
        "fields": {"code": code_path, "message": "error.message"},
        "template": {"error": {"status": "{code}", "message": "{message}"}},
    }


def tiny(number: int) -> Data:
    """One of many small APIs: one reason each, its own code."""
    return {
        "format": 1,
        "api": {
            "name": HOSTILE_NAME if number == TINY else f"Tiny API {number:04d}",
            "slug": f"tiny{number:04d}",
        },
        "code_style": {"case": "UPPER_SNAKE"},
        "envelope": _envelope("error.status"),
        "groups": [
            {
                "id": "errors",
                "title": "Errors",
                "reasons": [
                    {
                        "code": f"TINY{number:04d}_FAILED",
                        "status": 500,
                        "cause": "The tiny service failed.",
                    }
                ],
            }
        ],
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of every catalogue, built once for the module (without a warning)."""
    source = tmp_path_factory.mktemp("search-real") / "source"
    shutil.copytree(ROOTS / "test-real-apis", source)
    folder = source / "catalogues"
    write_catalogues(folder)
    (folder / "rpc.yaml").write_text(catalogue_text(rpc_status()), encoding="utf-8")
    for number in range(1, TINY + 1):
        (folder / f"tiny{number:04d}.yaml").write_text(
            catalogue_text(tiny(number)), encoding="utf-8"
        )
    (source / "bodies.rst").write_text(examples_page(), encoding="utf-8")
    # A few of the tiny APIs have a page of their own, as an API's docs would.
    for number in PAGED:
        (source / f"tiny{number:04d}.rst").write_text(
            f":orphan:\n\nTiny API {number}\n=============\n\n.. reason:table:: tiny{number:04d}\n",
            encoding="utf-8",
        )
    out = source.parent / "html"
    build_site(out, source, source)
    return out


@pytest.fixture(scope="module")
def site_url(site: Path, serve: Any) -> str:
    return str(serve(site))


def results(tab: Any, site_url: str, query: str, extra: str = "") -> list[str]:
    """The links of the results for ``query`` (and URL parameters ``extra``), in order."""
    open_browser(tab, f"{site_url}browse.html?q={query.replace('&', '%26')}{extra}")
    return [str(a.get_attribute("href")) for a in tab.locator(".rc-result-link").all()]


#: (query, the page that must come first): one case per class of query.
FIRST = [
    # the exact code, and in other letter cases
    ("ConditionalCheckFailedException", "aws/DynamoDB/reasons/ConditionalCheckFailedException"),
    ("conditionalcheckfailedexception", "aws/DynamoDB/reasons/ConditionalCheckFailedException"),
    ("CARD_DECLINED", "stripe/reasons/card_declined"),
    ("permission_denied", "rpc/reasons/PERMISSION_DENIED"),
    ("-32601", "jsonrpc/reasons/-32601"),
    # a typo of each form of code: UPPER_SNAKE, one upper-case word, PascalCase, integers
    ("PERMISION_DENIED", "rpc/reasons/PERMISSION_DENIED"),
    ("UNKNWON", "rpc/reasons/UNKNOWN"),
    ("INTERNL", "rpc/reasons/INTERNAL"),
    ("NoSuchKy", "aws-xml/S3/reasons/NoSuchKey"),
    ("ConditionalCheckFaildException", "aws/DynamoDB/reasons/ConditionalCheckFailedException"),
    ("13272", "twilio/reasons/13227"),
    ("21601", "twilio/reasons/21610"),
    # the words of a PascalCase code, in any order
    ("conditional check", "aws/DynamoDB/reasons/ConditionalCheckFailedException"),
    (
        "throughput exceeded provisioned",
        "aws/DynamoDB/reasons/ProvisionedThroughputExceededException",
    ),
    # a phrase from a cause, and a title
    ("nonexistent table or index", "aws/DynamoDB/reasons/ResourceNotFoundException"),
    ("method not found", "jsonrpc/reasons/-32601"),
    # an operation's name: its own page first
    ("PutItem", "aws/DynamoDB/operations/PutItem"),
    ("putitem", "aws/DynamoDB/operations/PutItem"),
    ("eth_getBalance", "jsonrpc/operations/eth_getBalance"),
    ("Invoke", "aws-rest/Lambda/operations/Invoke"),
]


@pytest.mark.parametrize(("query", "first"), FIRST, ids=[q for q, _ in FIRST])
def test_what_comes_first(tab: Any, site_url: str, query: str, first: str) -> None:
    hrefs = results(tab, site_url, query)
    assert hrefs[:1] == [first + ".html"], hrefs[:5]


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("Tiny API 0007", "tiny0007.html"),
        ("tiny API 0070", "tiny0070.html"),
    ],
)
def test_an_api_s_name_finds_its_page(tab: Any, site_url: str, name: str, page: str) -> None:
    hrefs = results(tab, site_url, name)
    assert hrefs[:1] == [page], hrefs[:5]
    assert tab.locator(".rc-kind").first.text_content() == "API"


def test_group_labels_tell_groups_of_the_same_title_apart(tab: Any, site_url: str) -> None:
    open_browser(tab, site_url + "browse.html")
    labels = tab.evaluate(
        """values => Array.from(ReasonFacets.groupLabels(values, api => api.toUpperCase()))""",
        ["a:Calls › Common", "a:Queues › Common", "a:Billing", "b:Calls › Common", "a:X › Y › Z"],
    )
    assert dict(labels) == {
        "a:Calls › Common": "A › Calls › Common",
        "a:Queues › Common": "A › Queues › Common",
        "a:Billing": "A › Billing",
        "b:Calls › Common": "B › Common",
        "a:X › Y › Z": "A › Z",
    }


def test_the_words_of_a_pascal_case_code_find_it_before_any_endpoint(
    tab: Any, site_url: str
) -> None:
    hrefs = results(tab, site_url, "access denied")
    codes = [h.rpartition("/")[2] for h in hrefs[:6]]
    # S3's AccessDenied and the five services' AccessDeniedException, before anything else.
    assert sorted(codes) == ["AccessDenied.html"] + ["AccessDeniedException.html"] * 5, hrefs


@pytest.mark.parametrize(
    ("service", "folder", "title"),
    [
        ("DynamoDB", "aws/DynamoDB/", "Amazon DynamoDB"),
        ("Lambda", "aws-rest/Lambda/", "AWS Lambda"),
        ("kinesis", "aws/Kinesis/", "Amazon Kinesis Data Streams"),
    ],
)
def test_a_service_s_name_finds_its_reasons_and_operations(
    tab: Any, site_url: str, service: str, folder: str, title: str
) -> None:
    hrefs = results(tab, site_url, service)
    assert len(hrefs) >= 5
    assert all(h.startswith(folder) for h in hrefs[:5]), hrefs[:8]
    scopes = tab.locator(".rc-result-scope").all_text_contents()
    assert scopes[:5] == [f" › {title}"] * 5


#: ResourceNotFoundException's pages, in the catalogues' order.
SHARED = [
    f"{scope}/reasons/ResourceNotFoundException.html"
    for scope in ["aws/DynamoDB", "aws/Kinesis", "aws-rest/Lambda", "aws-rest/EKS"]
]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        # every service that has the code, in the catalogues' order
        ("", SHARED),
        # the API the facet names first, then the others
        ("&api=aws-rest", SHARED[2:]),
        ("&api=aws-rest&api=aws", SHARED[2:] + SHARED[:2]),
        ("&api=aws&api=aws-rest", SHARED),
    ],
)
def test_a_shared_code_is_one_group_with_the_chosen_api_first(
    tab: Any, site_url: str, extra: str, expected: list[str]
) -> None:
    hrefs = results(tab, site_url, "ResourceNotFoundException", extra)
    assert hrefs[: len(expected)] == expected
    group = tab.locator(".rc-shared").first
    links = [a.get_attribute("href") for a in group.locator(".rc-result-link").all()]
    assert links == expected
    heading = group.locator(".rc-shared-head").text_content()
    assert heading == f"{len(expected)} results share the code ResourceNotFoundException"
    # Each row names its API and its service.
    apis = group.locator(".rc-result-api").all_text_contents()
    scopes = group.locator(".rc-result-scope").all_text_contents()
    assert [f"{a}{s}" for a, s in zip(apis, scopes, strict=True)][:1] == [
        {
            "aws": "AWS (JSON protocols) › Amazon DynamoDB",
            "aws-rest": "AWS (REST-JSON protocol) › AWS Lambda",
        }[expected[0].split("/")[0]]
    ]


def test_the_keyboard_moves_through_a_group(tab: Any, site_url: str) -> None:
    open_browser(tab, site_url + "browse.html")
    tab.fill("#rc-query", "ResourceNotFoundException")
    tab.wait_for_function("location.search.includes('ResourceNotFoundException')")
    tab.wait_for_timeout(50)
    for _ in range(3):
        tab.keyboard.press("ArrowDown")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/aws-rest/Lambda/reasons/ResourceNotFoundException.html")


@pytest.mark.parametrize(
    ("query", "nearest"),
    [("13272", ["13227"]), ("20004", ["20003", "20005"]), ("-32611", ["-32601"])],
)
def test_a_number_that_is_no_code_gets_the_nearest_codes(
    tab: Any, site_url: str, query: str, nearest: list[str]
) -> None:
    open_browser(tab, f"{site_url}browse.html?q={query}")
    tab.wait_for_selector("#rc-nearest:not([hidden])")
    assert tab.locator("#rc-nearest .rc-nearest-head").text_content() == (
        f"No code is {query}. The nearest codes:"
    )
    codes = tab.locator("#rc-nearest .rc-nearest-link").all_text_contents()
    assert codes[: len(nearest)] == nearest
    first = tab.locator("#rc-nearest li").first.text_content()
    assert first.endswith(" Twilio" if query != "-32611" else " Ethereum JSON-RPC")
    # A code that is one says nothing of the kind.
    tab.fill("#rc-query", nearest[0])
    tab.wait_for_function("q => location.search.includes(q)", arg=nearest[0])
    tab.wait_for_timeout(50)
    assert tab.locator("#rc-nearest").is_hidden()


def test_the_api_facet_shows_hundreds_of_values_and_filters_them(tab: Any, site_url: str) -> None:
    open_browser(tab, site_url + "browse.html")
    api = tab.locator("fieldset.rc-facet").first
    assert api.locator("legend").text_content() == "API"
    values = api.locator(".rc-facet-value")
    assert values.count() == TINY + 8  # every API, not the first 40
    counts = api.locator(".rc-facet-value .rc-count").all_text_contents()
    assert all(int(c) > 0 for c in counts)
    # The hostile name is text, and ran nothing.
    names = api.locator(".rc-facet-name").all_text_contents()
    assert HOSTILE_NAME in names
    assert api.locator("img").count() == 0
    assert tab.evaluate("window.pwned") is None
    # Typing filters the values; the counts stay.
    box = api.locator("input.rc-facet-filter")
    box.click()
    tab.keyboard.type("api 0042")
    shown = api.locator(".rc-facet-value:visible")
    assert shown.count() == 1
    assert shown.locator(".rc-facet-name").text_content() == "Tiny API 0042"
    assert shown.locator(".rc-count").text_content() == "1"
    # Arrow Down reaches it, Space chooses it; the filter and the focus survive the update.
    tab.keyboard.press("ArrowDown")
    assert tab.evaluate("document.activeElement.value") == "tiny0042"
    tab.keyboard.press("Space")
    tab.wait_for_function("location.search.includes('api=tiny0042')")
    assert tab.locator(".rc-result-title").all_text_contents() == ["TINY0042_FAILED"]
    assert tab.evaluate("document.activeElement.value") == "tiny0042"
    assert api.locator("input.rc-facet-filter").input_value() == "api 0042"
    # Back to the filter, another one chosen with Enter; nothing matches "zzz".
    tab.keyboard.press("ArrowUp")
    assert tab.evaluate("document.activeElement.className") == "rc-facet-filter"
    tab.keyboard.press("Control+A")
    tab.keyboard.type("0007")
    tab.keyboard.press("Enter")
    tab.wait_for_function("location.search.includes('api=tiny0007')")
    assert sorted(tab.locator(".rc-result-title").all_text_contents()) == [
        "TINY0007_FAILED",
        "TINY0042_FAILED",
    ]
    # A chosen value stays in view whatever the filter says.
    tab.keyboard.press("Control+A")
    tab.keyboard.type("zzz")
    visible = api.locator(".rc-facet-value:visible .rc-facet-name").all_text_contents()
    assert sorted(visible) == ["Tiny API 0007", "Tiny API 0042"]
    tab.keyboard.press("Control+A")
    tab.keyboard.type("no such api at all")
    tab.locator("input[name=api][value=tiny0007]").uncheck()
    tab.locator("input[name=api][value=tiny0042]").uncheck()
    tab.wait_for_function("!location.search.includes('api=')")
    assert api.locator(".rc-facet-none").is_visible()
    tab.locator("input.rc-facet-filter").first.press("Escape")
    assert api.locator(".rc-facet-value:visible").count() > 15


#: Every class of query above, and more: Python's search and lunr.js's must agree.
PARITY_QUERIES = [
    *(q for q, _ in FIRST),
    "access denied",
    "DynamoDB",
    "Lambda",
    "ResourceNotFoundException",
    "ResourceNotFoundExeption",
    "InvalidInstanceID.NotFound",
    "AccessDenied",
    "accessDenied",
    "OAuth2Error",
    "S3Bucket",
    "20004",
    "2003",
    "-3260",
    "UNKNOWN",
    "Unknown",
    "unknown",
    "TINY0042_FAILD",
    "tiny api",
    "GetQueueUrl",
    "get queue url",
    "amazon",
    "POST /",
    "Äpfel ÜBER",
    "ÉCOLE_ÉTÉ",
]


def test_python_and_lunr_js_rank_alike(tab: Any, site_url: str, site: Path) -> None:
    index = SiteIndex.load(site)
    open_browser(tab, site_url + "browse.html")
    tab.wait_for_selector("#reason-browser[data-prose]", state="attached")
    from_js = tab.evaluate("qs => qs.map(q => window.reasonCatalogSearch(q))", PARITY_QUERIES)
    titles = {r["ref"]: r["title"] for r in records(DOCUMENTS, index.payload["docs"])}
    for query, js_refs in zip(PARITY_QUERIES, from_js, strict=True):
        python = index.search(query)[:20]
        assert python == js_refs[:20], (query, [titles[r] for r in python[:5]])


def test_the_browser_makes_python_s_words_and_clauses(tab: Any, site_url: str, site: Path) -> None:
    """Clause for clause, not only results: codeWords and clauseGroups mirror index.py."""
    text = (site / "reason-index.js").read_text(encoding="utf-8")
    settings = json.loads(text[text.index("(") + 1 : text.rindex(")")])["query"]
    queries = [*PARITY_QUERIES, "RES3TARGET", "ListObjectsV2 GET /a/{id}", "x_Y_z9", "İstanbul"]
    open_browser(tab, site_url + "browse.html")
    from_js = tab.evaluate(
        """([settings, qs]) => {
            const s = ReasonQuery.settings(settings, lunr);
            return qs.map(q => [ReasonQuery.codeWords(q), ReasonQuery.clauseGroups(s, q)]);
        }""",
        [settings, queries],
    )
    for query, (words, groups) in zip(queries, from_js, strict=True):
        assert words == code_words(query), query
        python = [
            [
                {
                    "term": c.term,
                    "fields": list(c.fields),
                    "boost": c.boost,
                    "wildcard": c.wildcard,
                    "editDistance": c.edit_distance,
                }
                for c in group
            ]
            for group in clause_groups(query)
        ]
        assert groups == python, query
