"""The sidebar stays small however many pages a table of contents lists (navigation.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from reason_catalog.sphinxext.navigation import trim
from sphinx import addnodes

from tests.conftest import build_site

ROOTS = Path(__file__).parent / "roots"
APIS = 12


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """test-basic with furo, as one API among a dozen listed by the root's table of contents."""
    source = tmp_path_factory.mktemp("navigation") / "src"
    shutil.copytree(ROOTS / "test-basic", source)
    with (source / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('html_theme = "furo"\nreason_catalog_sidebar_entries = 5\n')
    pages = [f"api{n:02d}" for n in range(APIS)]
    for page in pages:
        (source / f"{page}.md").write_text(f"# API {page}\n\nAnother API.\n", encoding="utf-8")
    index = (source / "index.rst").read_text(encoding="utf-8")
    index = index.replace("   guide\n", "   guide\n" + "".join(f"   {p}\n" for p in pages))
    (source / "index.rst").write_text(index, encoding="utf-8")
    out = source.parent / "html"
    build_site(out, source, source)
    return out


def sidebar(page: Path) -> list[tuple[str, str]]:
    """The sidebar's links on a page: (text, href)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    tree = soup.select_one(".sidebar-tree")
    assert tree is not None
    return [(a.get_text(strip=True), str(a["href"])) for a in tree.select("a")]


def test_a_long_list_keeps_the_page_s_own_entry_and_a_link_to_them_all(site: Path) -> None:
    links = sidebar(site / "api03.html")
    assert ("API api03", "#") in links
    assert ("12 more…", "index.html") in links  # guide and 11 other APIs
    assert not any(text == "API api04" for text, _ in links)


def test_generated_pages_list_none_of_them(site: Path) -> None:
    [reason] = sorted((site / "example" / "reasons").glob("CALL_NOT_FOUND.html"))
    links = sidebar(reason)
    assert ("13 more…", "../../index.html") in links
    assert len(links) <= 3  # the site's title, the link, and nothing per API


def test_the_page_that_lists_them_links_to_itself(site: Path) -> None:
    links = sidebar(site / "index.html")
    assert ("13 more…", "#") in links  # its own body lists them all


def toc(count: int, current: int | None = None) -> nodes.bullet_list:
    items = []
    for n in range(count):
        link = nodes.reference("", f"page {n}", internal=True, refuri=f"p{n}.html")
        item = nodes.list_item("", addnodes.compact_paragraph("", "", link))
        item["classes"] = ["toctree-l1", *(["current"] if n == current else [])]
        items.append(item)
    return nodes.bullet_list("", *items)


def test_a_list_within_the_limit_is_left_as_the_theme_draws_it() -> None:
    root = addnodes.compact_paragraph("", "", toc(5, current=2))
    trim(root, 5, "index.html")
    assert [r.astext() for r in root.findall(nodes.reference)] == [f"page {n}" for n in range(5)]
    root = addnodes.compact_paragraph("", "", toc(6, current=2))
    trim(root, 5, "index.html")
    assert [(r.astext(), r["refuri"]) for r in root.findall(nodes.reference)] == [
        ("page 2", "p2.html"),
        ("5 more…", "index.html"),
    ]
