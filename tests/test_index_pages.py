"""On a large site the indices of reasons and of endpoints are split: the domain index lists
each API's own index pages, each holding at most ``reason_catalog_index_rows`` rows, and
together they list everything once.

Built from the catalogues shaped like real APIs (tests/realapis.py) with a limit of 20 rows,
so that small catalogues show what hundreds of APIs do.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from reason_catalog import load_catalogues
from reason_catalog.linkcheck import broken_links

from .conftest import ROOTS, build_site
from .realapis import write_catalogues

LIMIT = 20


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("index-pages") / "source"
    shutil.copytree(ROOTS / "test-real-apis", source)
    write_catalogues(source / "catalogues")
    (source / "bodies.rst").write_text("Bodies\n======\n")
    out = source.parent / "html"
    build_site(out, source, source, extra_args=["-D", f"reason_catalog_index_rows={LIMIT}"])
    return out


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _pages(site: Path, index: str) -> list[Path]:
    links = _soup(site / f"reason-{index}.html").select("table.indextable a")
    return [site / a["href"].partition("#")[0] for a in links]


@pytest.mark.parametrize("index", ["reasonindex", "endpointindex"])
def test_the_index_lists_each_api_s_pages_and_they_stay_small(site: Path, index: str) -> None:
    pages = _pages(site, index)
    if index == "reasonindex":  # some API needs more than one page
        assert len(pages) > len({p.parent for p in pages})
    for page in pages:
        rows = _soup(page).select("table.rc-index-rows tr")
        assert 0 < len(rows) <= LIMIT, page


def test_every_reason_is_listed_once(site: Path) -> None:
    listed = []
    for page in _pages(site, "reasonindex"):
        for link in _soup(page).select("table.rc-index-rows a"):
            listed.append((page.parent / link["href"]).resolve())
    catalogues = load_catalogues([site.parent / "source" / "catalogues"])
    assert len(listed) == sum(len(c.reasons) for c in catalogues)
    assert len(set(listed)) == len(listed)
    assert all(path.is_file() for path in listed)


def test_a_page_names_its_neighbours_and_leads_back(site: Path) -> None:
    first = site / "aws" / "reason-index.html"
    soup = _soup(first)
    pager = soup.select_one("nav.rc-pager")
    assert pager is not None and "Page 1 of" in pager.get_text()
    assert pager.select_one("a")["href"] == "reason-index-2.html"
    back = soup.select_one(".rc-facts a")
    assert back["href"] == "../reason-reasonindex.html"
    # Headings on an API's own page do not repeat the API's name.
    assert soup.select_one("h2").get_text().startswith("Amazon")


def test_every_link_resolves(site: Path) -> None:
    assert list(broken_links(site)) == []
