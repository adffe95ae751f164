"""Sharing and discovery: the meta tags of generated pages, sitemap.xml, llms.txt and
llms-full.txt, and the 404 page's build-time part (its browser behaviour is in
test_not_found.py). The test-discovery root's catalogue text is hostile on purpose: quotes,
``<script>``, line breaks, Markdown that looks like headings."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from reason_catalog.sphinxext import sitemap
from reason_catalog.sphinxext.opengraph import statuses_text
from reason_catalog.sphinxext.plaintext import (
    code_span,
    markdown_line,
    markdown_text,
    one_line,
    shorten,
)

from .conftest import ROOTS, build_site, run_sphinx

SOURCE = ROOTS / "test-discovery"
BASE = "https://errors.example.com/docs/"
SITE_NAME = 'Errors "quoted" & <tagged>'
API = 'Example "API" <b>'
HOSTILE_SUMMARY = 'The "call" ended\' <script>alert(1)</script> early on a second line & more.'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("discovery")
    build_site(out, SOURCE, SOURCE)
    return out


def meta(page: Path) -> dict[str, str]:
    """A page's meta tags by name or property, as a browser reads them; each only once."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found: dict[str, str] = {}
    assert soup.head is not None
    for tag in soup.head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            assert key not in found, key
            found[str(key)] = str(tag["content"])
    return found


def test_a_reason_page_says_what_the_reason_is(site: Path) -> None:
    tags = meta(site / "example/reasons/QUOTE_BREAKER.html")
    description = (
        f"{API}: {HOSTILE_SUMMARY} Fix: Use bold a link and code. not a heading "
        "<img src=x onerror=alert(2)>"
    )
    assert tags == {
        "viewport": "width=device-width, initial-scale=1.0",
        "description": description,
        "og:type": "website",
        "og:site_name": SITE_NAME,
        "og:title": f"QUOTE_BREAKER (400): {HOSTILE_SUMMARY}",
        "og:description": description,
        "og:url": BASE + "example/reasons/QUOTE_BREAKER.html",
    }
    html = (site / "example/reasons/QUOTE_BREAKER.html").read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    # The text never became markup: no tag of it in the head, no line break in a tag.
    assert "<script>alert" not in head and "<img" not in head
    assert all("\n" not in line or "<meta" not in line for line in head.split("<meta")[1:-1])
    soup = BeautifulSoup(html, "html.parser")
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("CALL_NOT_FOUND", "CALL_NOT_FOUND (404): The call does not exist."),
        (
            "CALL_STATE_INVALID",
            "CALL_STATE_INVALID (400 or 422): "
            "The call is in a state that does not allow the operation.",
        ),
        ("NO_STATUS", "NO_STATUS: A reason the provider gives no HTTP status."),
    ],
)
def test_a_title_says_the_status_as_the_reason_has_it(site: Path, page: str, title: str) -> None:
    assert meta(site / f"example/reasons/{page}.html")["og:title"] == title


def test_endpoint_and_operation_pages_say_what_they_return(site: Path) -> None:
    endpoint = meta(site / "example/endpoints/get-calls-id.html")
    assert endpoint["og:title"] == f"GET /calls/{{id}} ({API})"
    assert endpoint["og:description"] == (
        f"GET /calls/{{id}} ({API}) may return 1 error reason: CALL_NOT_FOUND."
    )
    assert endpoint["og:url"] == BASE + "example/endpoints/get-calls-id.html"
    operation = meta(site / "cloud/Tables/operations/PutItem.html")
    assert operation["og:title"] == "PutItem (Cloud › Cloud Tables)"
    assert operation["description"] == (
        "Creates an item. PutItem (Cloud › Cloud Tables) may return 1 error reason: "
        "ResourceNotFoundException."
    )


def test_the_sitemap_lists_every_page_a_reader_may_land_on(site: Path) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert root.tag == f"{namespace}urlset"
    urls = [loc.text or "" for loc in root.iter(f"{namespace}loc")]
    assert len(urls) == len(set(urls))
    assert all(url.startswith(BASE) for url in urls)
    pages = {url.removeprefix(BASE) for url in urls}
    assert pages == {
        "index.html",
        "guide.html",
        "browse.html",
        "reason-reasonindex.html",
        "reason-endpointindex.html",
        *(f"example/reasons/{code}.html" for code in ("CALL_NOT_FOUND", "CALL_STATE_INVALID")),
        *(f"example/reasons/{code}.html" for code in ("QUOTE_BREAKER", "NO_STATUS")),
        "example/endpoints/get-calls-id.html",
        "example/endpoints/post-calls-id-hangup.html",
        "example/endpoints/calls-id-all.html",
        "cloud/Tables/reasons/ResourceNotFoundException.html",
        "cloud/Queues/reasons/ResourceNotFoundException.html",
        "cloud/Tables/operations/PutItem.html",
        "cloud/Tables/operations/GetItem.html",
        "cloud/Queues/operations/SendMessage.html",
    }
    assert all((site / page).is_file() for page in pages)


def test_a_large_sitemap_is_split_and_indexed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemap, "MAX_URLS", 2)
    urls = [f"{BASE}{n}.html?a=1&b=2" for n in range(5)]
    files = sitemap.sitemap_files(urls, "sitemap.xml", BASE)
    assert list(files) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{namespace}sitemapindex"
    parts = [loc.text for loc in index.iter(f"{namespace}loc")]
    assert parts == [f"{BASE}sitemap-{n}.xml" for n in (1, 2, 3)]
    listed = [
        loc.text
        for name in list(files)[1:]
        for loc in ET.fromstring(files[name]).iter(f"{namespace}loc")
    ]
    assert listed == urls  # "&" escaped in the XML, read back as written


def rendered(text: str) -> BeautifulSoup:
    """Markdown as a renderer that lets raw HTML through would show it."""
    html = MarkdownIt("commonmark", {"html": True}).render(text)
    return BeautifulSoup(html, "html.parser")


def test_llms_txt_lists_every_api_and_reason(site: Path) -> None:
    text = (site / "llms.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == '# Errors "quoted" \\& \\<tagged\\>'
    assert lines[2].startswith("> The error reasons of the HTTP APIs Cloud and Example")
    page = BASE + "example/reasons/"
    assert (
        f"- [`CALL_NOT_FOUND`]({page}CALL_NOT_FOUND.html): 404. The call does not exist." in lines
    )
    assert (
        f"- [`CALL_STATE_INVALID`]({page}CALL_STATE_INVALID.html): 400 or 422. "
        "The call is in a state that does not allow the operation."
    ) in lines
    assert (
        f"- [`NO_STATUS`]({page}NO_STATUS.html): A reason the provider gives no HTTP status."
    ) in lines
    scoped = BASE + "cloud/Queues/reasons/ResourceNotFoundException.html"
    assert (
        f"- [`ResourceNotFoundException`]({scoped}): 400, Cloud Queues. The queue does not exist."
    ) in lines
    assert (
        f"- [llms-full.txt]({BASE}llms-full.txt): every reason with its cause, fix and notes"
        in (lines)
    )
    soup = rendered(text)
    # One title, a section per API; the hostile text is text, its markup inert.
    assert [h.get_text() for h in soup.find_all(["h1", "h2", "h3"])] == [
        SITE_NAME,
        "Cloud",
        API,
    ]
    assert not soup.find_all(["script", "img", "b"])
    items = {li.find("code").get_text(): li.get_text() for li in soup.find_all("li") if li.code}
    assert items["QUOTE_BREAKER"] == f"QUOTE_BREAKER: 400. {HOSTILE_SUMMARY}"
    links = [a["href"] for a in soup.find_all("a")]
    assert all(href.startswith(BASE) for href in links)
    assert len([h for h in links if "/reasons/" in h]) == 6


def test_llms_full_txt_gives_each_reason_in_full(site: Path) -> None:
    soup = rendered((site / "llms-full.txt").read_text(encoding="utf-8"))
    assert [h.get_text() for h in soup.find_all("h2")] == ["Cloud", API]
    codes = [h.get_text() for h in soup.find_all("h3")]
    assert codes == [
        "ResourceNotFoundException",
        "ResourceNotFoundException",
        "CALL_NOT_FOUND",
        "CALL_STATE_INVALID",
        "QUOTE_BREAKER",
        "NO_STATUS",
    ]
    assert not soup.find_all(["script", "img", "b", "h4"])
    text = soup.get_text()
    assert HOSTILE_SUMMARY in text
    assert "HTTP status: 400 Bad Request or 422 Unprocessable Entity" in text
    assert "Service: Cloud Queues" in text
    assert "Returned by: PutItem, GetItem" in text
    # The fix's list stays a list (its heading, flattened, is an item's text), its HTML text.
    fix = [li.get_text() for li in soup.find_all("li")]
    assert "not a heading" in fix and "<img src=x onerror=alert(2)>" in fix


def test_the_404_page_carries_the_root_and_url_forms(site: Path) -> None:
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.head is not None
    first = soup.head.find(["base", "link", "script"])
    assert first is not None and first.name == "base" and first["href"] == "/docs/"
    assert soup.head.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.head.find("link", attrs={"rel": "canonical"}) is None
    data = soup.find("script", id="rc-not-found-site")
    assert data is not None and "</" not in data.get_text()
    import json  # noqa: PLC0415

    site_data = json.loads(data.get_text())
    assert site_data["root"] == "/docs/"
    assert site_data["folders"]["example"] == ["example", "", API]
    assert site_data["folders"]["cloud/tables"] == ["cloud", "Tables", "Cloud"]
    assert [(f["kind"], f["known"]) for f in site_data["forms"]] == [
        (kind, known) for known in (True, False) for kind in ("reason", "operation", "endpoint")
    ]
    assert (site / "reason-operations.js").is_file()


def copy_of(site: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    shutil.copytree(site, out)
    return out


def test_a_rebuild_rewrites_only_what_changed(tmp_path: Path) -> None:
    source, out = tmp_path / "source", tmp_path / "out"
    shutil.copytree(SOURCE, source)
    build_site(out, source, source)
    written = ["sitemap.xml", "llms.txt", "llms-full.txt", "reason-operations.js"]

    def mtimes() -> dict[str, int]:
        return {name: (out / name).stat().st_mtime_ns for name in written}

    before = mtimes()
    build_site(out, source, source)
    assert mtimes() == before
    catalogue = source / "example.yaml"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace("The call does not exist.", "The call is gone."))
    build_site(out, source, source)
    after = mtimes()
    changed = {name for name in written if after[name] != before[name]}
    assert changed == {"llms.txt", "llms-full.txt"}  # the same pages and operations
    page = BASE + "example/reasons/CALL_NOT_FOUND.html"
    assert f"- [`CALL_NOT_FOUND`]({page}): 404. The call is gone." in (
        (out / "llms.txt").read_text(encoding="utf-8").splitlines()
    )
    assert meta(out / "example/reasons/CALL_NOT_FOUND.html")["og:title"] == (
        "CALL_NOT_FOUND (404): The call is gone."
    )


def test_without_a_base_url_no_sitemap_and_relative_links(site: Path, tmp_path: Path) -> None:
    out = copy_of(site, tmp_path)
    build_site(out, SOURCE, SOURCE, extra_args=["-D", "html_baseurl="])
    assert not (out / "sitemap.xml").exists()  # the last build's, removed: it was ours
    assert "og:url" not in meta(out / "example/reasons/CALL_NOT_FOUND.html")
    text = (out / "llms.txt").read_text(encoding="utf-8")
    assert "- [`CALL_NOT_FOUND`](example/reasons/CALL_NOT_FOUND.html): 404." in text
    assert "https://" not in text
    assert '"root":""' in (out / "404.html").read_text(encoding="utf-8")


def test_each_file_can_be_turned_off(tmp_path: Path) -> None:
    off = ["not_found_page", "sitemap", "llms_txt", "llms_full_txt"]
    args = [arg for name in off for arg in ("-D", f"reason_catalog_{name}=")]
    build_site(tmp_path, SOURCE, SOURCE, extra_args=args)
    for name in ("404.html", "sitemap.xml", "llms.txt", "llms-full.txt", "reason-operations.js"):
        assert not (tmp_path / name).exists(), name
    assert (tmp_path / "example/reasons/CALL_NOT_FOUND.html").is_file()


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (
            "reason_catalog_site_path=docs",
            "reason_catalog_site_path = 'docs' must be a path from the host's root, beginning "
            "and ending with '/' ('/docs/', or '/' for the root)",
        ),
        (
            "reason_catalog_llms_txt=ai/llms.txt",
            "reason_catalog_llms_txt = 'ai/llms.txt' must be a file name at the site root",
        ),
    ],
)
def test_a_bad_option_is_refused_by_name(tmp_path: Path, option: str, message: str) -> None:
    result = run_sphinx("html", tmp_path, SOURCE, SOURCE, extra_args=["-D", option])
    assert result.returncode != 0
    assert message in result.stderr  # Sphinx's own report of a ConfigError, as for any option


@pytest.mark.parametrize(
    ("statuses", "text"),
    [((), ""), ((404,), "404"), ((400, 422), "400 or 422"), ((1, 2, 3), "1, 2 or 3")],
)
def test_statuses_as_a_title_says_them(statuses: tuple[int, ...], text: str) -> None:
    assert statuses_text(statuses) == text


PLAIN_TEXT: list[tuple[Any, str, str]] = [
    (one_line, "a\n b\tc\u2028d\x00e", "a b c d e"),
    (one_line, "left\u202eright", "left right"),
    (lambda t: shorten(t, 12), "one two three four", "one two…"),
    (lambda t: shorten(t, 50), "short", "short"),
    (
        markdown_text,
        "a *b* [c](d) <e> & `f` snake_case _g_",
        r"a \*b\* \[c\](d) \<e\> \& \`f\` snake_case \_g\_",
    ),
    (markdown_line, "# title", r"\# title"),
    (markdown_line, "1. one", r"1\. one"),
    (markdown_line, "- item", r"\- item"),
    (code_span, "a`b", "``a`b``"),
    (code_span, "`x", "`` `x ``"),
]


@pytest.mark.parametrize(("function", "text", "expected"), PLAIN_TEXT)
def test_plain_text_for_tags_and_markdown(function: Any, text: str, expected: str) -> None:
    assert function(text) == expected
