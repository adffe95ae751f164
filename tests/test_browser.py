"""The reason browser, driven in Chromium: search, facets, URL state, keyboard, hostile input.

The decoder's agreement with Python's dialects is in test_decoder_parity.py.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import lunr
import pytest
from reason_catalog.search.index import query_settings
from reason_catalog.search.rows import CODES, DOCUMENTS, records
from reason_catalog.search.site import SiteIndex, script_payload

from .conftest import ROOT, ROOTS, build_site, open_browser

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(built_site: Path, serve: Any) -> str:
    return str(serve(built_site))


@pytest.fixture
def page(tab: Any) -> Any:
    """A fresh page that fails the test on any JavaScript error or dialog."""
    return tab


def query(page: Any, text: str) -> list[str]:
    """Type a query the way a reader does and return the result titles."""
    page.fill("#rc-query", text)
    page.wait_for_function(
        "q => new URLSearchParams(location.search).get('q') === q || (q === '' && "
        "!location.search.includes('q='))",
        arg=text,
    )
    page.wait_for_timeout(30)
    return page.locator(".rc-result-title").all_text_contents()  # type: ignore[no-any-return]


def index_data(site: Path) -> dict[str, Any]:
    return script_payload(site / "reason-index.js")


#: Runs every query with the page's own search, once the prose index is in too.
SEARCH_IN_PAGE = "qs => qs.map(q => window.reasonCatalogSearch(q))"


def search_in_page(page: Any, queries: list[str]) -> list[list[str]]:
    """The refs the browse page finds for each query, with its whole index loaded."""
    page.wait_for_selector("#reason-browser[data-prose]", state="attached")
    return page.evaluate(SEARCH_IN_PAGE, queries)  # type: ignore[no-any-return]


QUERY_CLASSES = [
    ("CALL_NOT_FOUND", lambda t: t[0] == "CALL_NOT_FOUND"),
    ("call_not_found", lambda t: t[0] == "CALL_NOT_FOUND"),
    ("not found call", lambda t: t[0] == "CALL_NOT_FOUND"),
    ("CALL_", lambda t: all(x.lower().startswith("call_") for x in t[:5])),
    ("NOT_FOUND", lambda t: all(x.lower().endswith("_not_found") for x in t[:10])),
    ("CALL_NOT_FOUD", lambda t: t[0] == "CALL_NOT_FOUND"),
    ("POST /calls", lambda t: t[0] == "/calls" and "CALL_NOT_FOUND" in t[:5]),
    ("/calls/{id}", lambda t: t[0] == "/calls/{id}*" and "CALL_NOT_FOUND" in t),
    (
        "calls/{id}/recording-start",
        # No endpoint is this path: the pattern that covers it, then the reason that names it.
        lambda t: t[:2] == ["/calls/{id}/recording-*", "RECORDING_NOT_FOUND"],
    ),
    (
        "GET /storage_files/{id}/file",
        lambda t: set(t[:2]) == {"GET /storage_files/{id}/file", "FILE_NOT_FOUND"},
    ),
    ("balance", lambda t: set(t[:2]) == {"INSUFFICIENT_BALANCE", "insufficient_balance"}),
    # Both fixes say it, alike: either may come first.
    ("idempotency key", lambda t: set(t[:2]) == {"REQUEST_TIMEOUT", "SERVICE_UNAVAILABLE"}),
    ("frozen", lambda t: t == ["ACCOUNT_FROZEN"]),
]


@pytest.mark.parametrize(("text", "expected"), QUERY_CLASSES, ids=[q for q, _ in QUERY_CLASSES])
def test_query_classes(page: Any, site_url: str, text: str, expected: Any) -> None:
    open_browser(page, site_url + "browse.html")
    titles = query(page, text)
    assert expected(titles), titles


def test_matched_words_are_highlighted(page: Any, site_url: str) -> None:
    open_browser(page, site_url + "browse.html")
    query(page, "frozen")
    assert page.locator(".rc-result mark").first.text_content() == "frozen"


def test_hostile_queries_never_break_the_page(page: Any, site_url: str) -> None:
    open_browser(page, site_url + "browse.html")
    for text in [
        ":",
        "~",
        "^",
        "*",
        "+",
        "-",
        '"',
        "'unbalanced",
        "title:CALL",
        "CALL~2",
        "+CALL -NOT",
        "a^10",
        "",
        "   ",
        "x" * 10_000,
        "日本語のテキスト",
        "café",
        "Ωμέγα",
        "🙂",
        "<img src=x onerror=alert(1)>",
        "POST /calls/{id",
    ]:
        query(page, text)
        summary = page.locator("#rc-summary").text_content()
        assert summary and ("result" in summary or "No " in summary), (text, summary)
    random.seed(20261122)
    alphabet = "abcXYZ_019 :~^*+-\"'{}/\\[]()!?.,;<>&日é🙂\t"
    queries = ["".join(random.choices(alphabet, k=random.randint(0, 40))) for _ in range(1000)]
    results = search_in_page(page, queries)
    assert len(results) == 1000
    for text in queries[:40]:  # and a share of them through the page itself
        query(page, text)


def test_facets_and_url_state(page: Any, site_url: str) -> None:
    open_browser(page, site_url + "browse.html?q=NOT_FOUND&status=404&api=voipbin")
    titles = page.locator(".rc-result-title").all_text_contents()
    assert titles and all(t.endswith("NOT_FOUND") for t in titles)
    assert set(page.locator(".rc-result-api").all_text_contents()) == {"VoIPbin"}
    assert page.locator("input[name=status][value='404']").is_checked()
    count = page.locator("input[name=api][value=voipbin] ~ .rc-count").text_content()
    assert int(count or 0) >= len(titles) > 0
    # Fone Dynamics documents no status per code: it is offered once the status filter goes.
    assert page.locator("input[name=api][value=fonedynamics]").count() == 0
    page.locator("input[name=status][value='404']").uncheck()
    page.wait_for_function("!location.search.includes('status=')")
    page.locator("input[name=api][value=fonedynamics]").check()
    page.wait_for_function("location.search.includes('api=fonedynamics')")
    assert "Fone Dynamics" in page.locator(".rc-result-api").all_text_contents()
    page.go_back()
    page.wait_for_function("!location.search.includes('api=fonedynamics')")
    assert not page.locator("input[name=api][value=fonedynamics]").is_checked()
    page.go_back()
    page.wait_for_function("location.search.includes('status=404')")
    assert page.locator("input[name=status][value='404']").is_checked()
    assert set(page.locator(".rc-result-api").all_text_contents()) == {"VoIPbin"}
    page.locator("input[name=group]").first.check()
    page.wait_for_function("location.search.includes('group=')")


def test_keyboard(page: Any, site_url: str) -> None:
    open_browser(page, site_url + "browse.html")
    page.locator("h1").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "rc-query"
    page.keyboard.type("call_not_found")
    page.wait_for_function("location.search.includes('q=call_not_found')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    selected = page.locator(".rc-result-link[aria-selected=true] .rc-result-title").text_content()
    page.keyboard.press("ArrowUp")
    first = page.locator(".rc-result-link[aria-selected=true] .rc-result-title").text_content()
    assert first == "CALL_NOT_FOUND" and selected
    page.keyboard.press("Enter")
    page.wait_for_url("**/reasons/CALL_NOT_FOUND.html")


def test_works_from_the_file_system(page: Any, built_site: Path) -> None:
    open_browser(page, (built_site / "browse.html").as_uri() + "?q=frozen")
    assert page.locator(".rc-result-title").all_text_contents() == ["ACCOUNT_FROZEN"]
    page.locator(".rc-result a").first.click()
    page.wait_for_url("**/voipbin/reasons/ACCOUNT_FROZEN.html")


def test_index_loads_after_first_paint(page: Any, site_url: str) -> None:
    response = page.goto(site_url + "browse.html")
    assert "reason-index.js" not in response.text().split('data-index="')[0]  # no blocking tag
    page.wait_for_selector("#reason-browser[data-ready=true]")
    timing = page.evaluate(
        """() => {
            const index = performance.getEntriesByType('resource')
                .find(e => e.name.endsWith('reason-index.js'));
            const paint = performance.getEntriesByName('first-paint')[0];
            return {index: index.startTime, paint: paint ? paint.startTime : null};
        }"""
    )
    # The index is asked for only after the page has painted: it cannot delay first paint.
    assert timing["paint"] is not None
    assert timing["index"] >= timing["paint"]


def test_codes_answer_before_the_prose_and_the_decoder_load(page: Any, site_url: str) -> None:
    """The first results need only the code index: prose and the decoder come after them."""
    held: list[str] = []

    def hold(route: Any) -> None:  # as if the prose were still on its way
        held.append(route.request.url)
        route.abort()

    page.route("**/reason-prose-*.js*", hold)
    page.goto(site_url + "browse.html?q=CALL_NOT_FOUND")
    page.wait_for_selector("#reason-browser[data-first-result-at]", state="attached")
    assert page.locator(".rc-result-title").first.text_content() == "CALL_NOT_FOUND"
    assert held, "the prose shards are asked for once the first results are shown"
    assert page.get_attribute("#reason-browser", "data-prose") is None
    # A phrase from a cause finds nothing until the prose is in…
    phrase = "typically because unregister was scheduled"
    assert "ACCOUNT_FROZEN" not in query(page, phrase)
    # …and its reason once it is (the page runs the query again by itself).
    page.unroute("**/reason-prose-*.js*")
    page.goto(site_url + "browse.html?q=" + phrase.replace(" ", "+"))
    page.wait_for_selector("#reason-browser[data-prose]", state="attached")
    page.wait_for_timeout(30)
    assert page.locator(".rc-result-title").first.text_content() == "ACCOUNT_FROZEN"
    # The decoder's scripts were loaded after the first result, not before.
    timing = page.evaluate(
        """() => {
            const entry = (end) => performance.getEntriesByType('resource')
                .find(e => e.name.endsWith(end));
            return {decoder: entry('reason-decode.js').startTime,
                    index: entry('reason-index.js').responseEnd,
                    first: Number(document.getElementById('reason-browser').dataset.firstResultAt)};
        }"""
    )
    assert timing["decoder"] >= timing["first"] >= timing["index"]


def test_theme_search_box_hands_over_to_the_browser(page: Any, site_url: str) -> None:
    page.goto(site_url + "voipbin.html")
    box = page.locator("form[action$='browse.html'] input[name=q]").first
    box.fill("call_not_found")
    box.press("Enter")
    page.wait_for_selector("#reason-browser[data-ready=true]")
    assert page.locator(".rc-result-title").first.text_content() == "CALL_NOT_FOUND"
    fulltext = page.locator("#rc-fulltext").get_attribute("href")
    assert fulltext == "search.html?q=call_not_found"


PARITY_QUERIES = [
    "CALL_NOT_FOUND",
    "call_not_found",
    "not found call",
    "CALL_",
    "NOT_FOUND",
    "CALL_NOT_FOUD",
    "POST /calls",
    "/calls/{id}",
    "calls/{id}/recording-start",
    "GET /storage_files/{id}/file",
    "balance",
    "idempotency key",
    "frozen",
    "key",
    "permission",
    "invalid",
    "token",
    "rate limit",
    "sms",
    "number",
    "delete /agents/{id}",
    "Äpfel ünd",
    "post",
    "GETS",
    "x_y_z",
    "__init__",
    "/",
    "{id}",
    "PUT /tags/{tag_id}",
    "verify the id",
    "sandbox quota",
]


def test_python_and_lunr_js_rank_alike(page: Any, site_url: str, built_site: Path) -> None:
    site = SiteIndex.load(built_site)
    assert site.prose, "the shipped site indexes its prose"
    open_browser(page, site_url + "browse.html")
    from_js = search_in_page(page, PARITY_QUERIES)
    for text, js_refs in zip(PARITY_QUERIES, from_js, strict=True):
        assert site.search(text)[:20] == js_refs[:20], text


def test_lunr_versions_agree() -> None:
    package = json.loads((ROOT / "node_modules" / "lunr" / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert package["version"] == lunr.__TARGET_JS_VERSION__ == "2.3.9"
    assert lock["packages"]["node_modules/lunr"]["version"] == lunr.__TARGET_JS_VERSION__
    assert json.loads((ROOT / "package.json").read_text())["dependencies"]["lunr"] == "2.3.9"


def test_hostile_catalogue_text_is_shown_not_run(page: Any, tmp_path: Path, serve: Any) -> None:
    source = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", source)
    catalogue = source / "example.yaml"
    catalogue.write_text(
        catalogue.read_text().replace(
            "cause: The call does not exist.",
            'cause: "The call <img src=x onerror=alert(1)> was sent to <Dial> and is gone."',
        )
    )
    out = tmp_path / "out"
    build_site(out, source, source)
    open_browser(page, serve(out) + "browse.html?q=dial")
    summary = page.locator(".rc-result-summary").first.text_content()
    assert summary == "The call <img src=x onerror=alert(1)> was sent to <Dial> and is gone."
    assert page.locator(".rc-results img").count() == 0
    page.goto(serve(out) + "example/reasons/CALL_NOT_FOUND.html")
    assert "<Dial>" in page.locator("#cause").text_content()


def test_lookup_is_case_insensitive_and_suggests(page: Any, site_url: str) -> None:
    page.goto(site_url + "lookup.html?code=account_frozen")
    page.wait_for_url("**/voipbin/reasons/ACCOUNT_FROZEN.html")
    page.goto(site_url + "lookup.html?code=call_not_found&api=fonedynamics")
    page.wait_for_url("**/fonedynamics/reasons/CALL_NOT_FOUND.html")
    page.goto(site_url + "lookup.html?code=call_not_found")  # two APIs have it: choose
    page.wait_for_selector("#rc-lookup-list li")
    assert page.locator("#rc-lookup-list li").all_text_contents() == [
        "CALL_NOT_FOUND Fone Dynamics",
        "CALL_NOT_FOUND VoIPbin",
    ]
    page.goto(site_url + "lookup.html?code=CALL_NOT_FOUDN")
    page.wait_for_selector("#rc-lookup-list li")
    status = page.locator("#rc-lookup-status").text_content()
    assert status.startswith("No reason CALL_NOT_FOUDN. The nearest codes are below")
    assert page.locator("#rc-lookup-list li").first.text_content().startswith("CALL_NOT_FOUND")
    search = page.locator("#rc-lookup-status a").get_attribute("href")
    assert search == "browse.html?q=CALL_NOT_FOUDN"


DECODER_CASES = [
    (
        '{"error": {"status": "NOT_FOUND", "reason": "CALL_NOT_FOUND", "message": "Call 42",'
        ' "request_id": "req_1"}}',
        "VoIPbin: CALL_NOT_FOUND",
        ["Call 42", "req_1", "404"],  # the status, by its name (dialect.py's status names)
    ),
    (
        '{"ResponseStatus": {"ErrorCode": "PARAMETER_REQUIRED", "Message": "To is required",'
        ' "Errors": [{"FieldName": "To"}]}}',
        "Fone Dynamics: PARAMETER_REQUIRED",
        ["To is required", "To"],
    ),
    (
        '{"errors": [{"type": "validation_error", "code": "missing_required_parameter",'
        ' "message": "Name can\'t be blank", "attribute": "name"}]}',
        "SignalWire REST: missing_required_parameter",
        ["Name can't be blank", "name"],
    ),
    (
        '{"error": {"type": "invalid_request_error", "code": "missing_required_parameter",'
        ' "message": "The \'from\' field is required.", "param": "from"},'
        ' "request_id": "req_a1b2c3d4e5f6"}',
        "messages.dev: missing_required_parameter",
        ["The 'from' field is required.", "req_a1b2c3d4e5f6", "from"],
    ),
    (
        '{"type": "https://docs.example.com/voipbin/reasons/ACCOUNT_FROZEN.html", "status": 403,'
        ' "title": "Frozen", "detail": "Account 7 is frozen"}',
        "VoIPbin: ACCOUNT_FROZEN",
        ["Account 7 is frozen", "403"],
    ),
    ("{oops", "This is not JSON:", []),
    ('{"foo": "bar"}', "No catalogue on this site reads this body", []),
    (
        # Off its schema (no message or request id), it still names its reason, and says so.
        '{"error": {"status": "NOT_FOUND", "reason": "call_not_found"}}',
        "VoIPbin: CALL_NOT_FOUND",
        ["404"],
    ),
]


@pytest.mark.parametrize(
    ("body", "head", "facts"),
    DECODER_CASES,
    ids=[
        "voipbin",
        "fonedynamics",
        "signalwire",
        "messagesdev",
        "rfc9457",
        "bad-json",
        "unknown-dialect",
        "off-schema",
    ],
)
def test_decoder(page: Any, site_url: str, body: str, head: str, facts: list[str]) -> None:
    open_browser(page, site_url + "browse.html")
    page.click("#rc-decoder summary")
    page.fill("#rc-body", body)
    page.wait_for_function("typeof jmespath === 'object' && typeof RE2JS === 'object'")
    page.wait_for_timeout(50)
    page.click("#rc-decode")
    text = page.locator("#rc-decoded").inner_text()
    assert text.startswith(head), text
    assert page.locator("#rc-decoded dd").all_text_contents() == facts
    if facts:
        href = page.locator(".rc-decoded-link").get_attribute("href")
        page.goto(site_url + href)
        assert page.locator("h1").first.text_content().startswith(head.split(": ")[1])


def test_every_published_url_resolves(built_site: Path) -> None:
    """reasons.json, the lookup's codes and every page they name exist in the built site."""
    data = json.loads((built_site / "reasons.json").read_text(encoding="utf-8"))
    urls = [r["url"] for api in data["apis"] for r in [*api["reasons"], *api["retired"]]]
    codes = records(CODES, script_payload(built_site / "reason-codes.js")["codes"])
    assert sorted(urls) == sorted(row["url"] for row in codes)
    for url in urls:
        assert (built_site / url).is_file(), url
    for name in (
        "browse.html",
        "lookup.html",
        "reason-index.js",
        "reason-codes.js",
        "_static/lunr.min.js",
        "_static/jmespath.js",
        "_static/re2js.js",
        "reason-reasonindex.html",
        "reason-endpointindex.html",
    ):
        assert (built_site / name).is_file(), name


@pytest.mark.parametrize("name", ["browse.html", "lookup.html?code=CALL_NOT_FOUND"])
def test_without_javascript_the_pages_say_so_and_link_the_indices(
    browser: Any, site_url: str, built_site: Path, name: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site_url + name)
        notice = tab.locator(".rc-noscript")
        assert notice.is_visible()
        assert "needs JavaScript" in (notice.text_content() or "")
        links = notice.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert links == ["reason-reasonindex.html", "reason-endpointindex.html"]
        for link in links:
            assert (built_site / link).is_file(), link
        text = tab.locator("section").first.inner_text()
        assert "Loading" not in text and "Looking the code up" not in text
    finally:
        context.close()


def test_with_javascript_the_notice_is_not_shown(page: Any, site_url: str) -> None:
    page.goto(site_url + "browse.html")
    assert page.locator(".rc-noscript").count() == 0  # <noscript> holds no markup then
    page.wait_for_selector("#reason-browser[data-ready=true]")
    assert "result" in (page.locator("#rc-summary").text_content() or "")


def test_decoder_says_when_a_body_is_off_its_schema(page: Any, site_url: str) -> None:
    open_browser(page, site_url + "browse.html")
    page.click("#rc-decoder summary")
    page.wait_for_function("typeof jmespath === 'object' && typeof RE2JS === 'object'")
    for body, problem in [
        ('{"error": {"status": "NOT_FOUND", "reason": "CALL_NOT_FOUND"}}', "error schema"),
        (
            '{"error": {"status": "GONE", "reason": "CALL_NOT_FOUND", "message": "m",'
            ' "request_id": "r"}}',
            "error schema",  # GONE is not in the schema's enum of statuses
        ),
        (
            '{"error": {"status": "NOT_FOUND", "reason": "CALL_NOT_FOUND", "message": "m",'
            ' "request_id": "r"}}',
            None,
        ),
    ]:
        page.fill("#rc-body", body)
        page.wait_for_timeout(50)
        page.click("#rc-decode")
        assert page.locator(".rc-decoded-link").first.text_content() == "CALL_NOT_FOUND"
        notes = page.locator(".rc-decode-problem").all_text_contents()
        if problem:
            assert len(notes) == 1 and problem in notes[0], notes
        else:
            assert notes == []


def test_rows_are_read_by_column_name(page: Any, site_url: str, built_site: Path) -> None:
    """The payload carries its columns and the query's constants; the page reads rows by name."""
    data = index_data(built_site)
    assert data["columns"]["docs"] == DOCUMENTS.schema()
    assert data["query"] == query_settings()
    codes = script_payload(built_site / "reason-codes.js")
    assert codes["columns"]["codes"] == CODES.schema()
    open_browser(page, site_url + "browse.html")
    from_js = page.evaluate(
        """([schema, rows, names]) => ReasonRows.read(schema, rows, names)""",
        [data["columns"]["docs"], data["docs"], list(DOCUMENTS.names)],
    )
    assert from_js == records(DOCUMENTS, data["docs"])
    endpoints = [r for r in from_js if r["kind"] == "endpoint"]
    assert endpoints and all(r["status"] is None and r["reasons"] >= 0 for r in endpoints)
    # A data file from another build (a column missing) is refused, not misread.
    error = page.evaluate(
        """([schema, rows]) => { try { ReasonRows.read(schema, rows, ['ref', 'nope']); }
            catch (e) { return String(e); } return null; }""",
        [data["columns"]["docs"], data["docs"][:3]],
    )
    assert error and "nope" in error


def test_rows_leave_trailing_defaults_off() -> None:
    row = DOCUMENTS.row(ref="a", kind="reason", api="x", title="C", status=404, group=0)
    assert row == ["a", "reason", "x", "C", 404, 0]
    assert DOCUMENTS.record(row)["deprecated"] == 0
    assert DOCUMENTS.record(row)["reasons"] == 0
    endpoint = DOCUMENTS.row(ref="b", kind="endpoint", api="x", title="GET /a", url="u", reasons=3)
    assert DOCUMENTS.record(endpoint) | {"reasons": 3} == DOCUMENTS.record(endpoint)
    assert DOCUMENTS.record(endpoint)["status"] is None
    with pytest.raises(KeyError, match="no column"):
        DOCUMENTS.row(ref="a", kind="reason", api="x", title="C", colour="red")
    with pytest.raises(KeyError, match="has no default"):
        CODES.row(api="x", code="C")


#: The one parser a script may run: the decoder reads a pasted XML body into an inert XML
#: document that is read, never inserted (the XML parser builds no HTML and runs nothing).
XML_READER = 'new DOMParser().parseFromString(text, "application/xml")'


def test_scripts_put_text_into_the_page_as_text() -> None:
    """No script hands a string to the HTML parser: catalogue text can never become markup."""
    sinks = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "DOMParser")
    for script in sorted((ROOT / "extensions" / "reason_catalog" / "static").glob("*.js")):
        text = script.read_text(encoding="utf-8")
        if script.name == "reason-decode.js":
            assert text.count(XML_READER) == 1
            text = text.replace(XML_READER, "")
        assert not [s for s in sinks if s in text], script.name
        assert text.startswith("// @ts-check\n"), script.name


def test_decoder_libraries_are_pinned_and_shipped(built_site: Path) -> None:
    """re2js and jmespath come pinned from npm, and the built site serves the pinned files."""
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    for name, file, served in [
        ("re2js", "build/index.umd.js", "re2js.js"),
        ("jmespath", "jmespath.js", "jmespath.js"),
    ]:
        version = package["dependencies"][name]
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
        module = ROOT / "node_modules" / name
        assert json.loads((module / "package.json").read_text())["version"] == version
        assert (built_site / "_static" / served).read_bytes() == (module / file).read_bytes()
    assert "typescript" in package["devDependencies"]
