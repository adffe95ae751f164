"""The shipped site: every reason has its page, its row and its doctest; links hold."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from docutils.nodes import make_id
from reason_catalog import load_catalogues
from reason_catalog.linkcheck import broken_links

from .conftest import CATALOGUES, run_sphinx
from .test_sphinx_extension import read_inventory


@pytest.fixture
def site(built_site: Path) -> Path:
    return built_site


def test_every_reason_has_its_page_and_inventory_entry(site: Path) -> None:
    inventory = read_inventory(site / "objects.inv")["reason:code"]
    catalogues = load_catalogues([CATALOGUES])
    expected = {f"{c.slug}:{r.code}" for c in catalogues for r in c.reasons}
    assert len(expected) == 324
    assert set(inventory) == expected
    for name, item in inventory.items():
        uri = item.uri
        assert (site / uri).is_file(), name
        assert uri == f"{name.split(':')[0]}/reasons/{name.split(':')[1]}.html"


def test_every_reason_has_its_row(site: Path) -> None:
    for catalogue in load_catalogues([CATALOGUES]):
        page = (site / f"{catalogue.slug}.html").read_text(encoding="utf-8")
        rows = set(re.findall(r'<tr class="row-(?:odd|even)" id="([^"]+)"', page))
        expected = {make_id(f"reason-{catalogue.slug}-{r.code}") for r in catalogue.reasons}
        assert rows == expected


def test_reasons_json(site: Path) -> None:
    data = json.loads((site / "reasons.json").read_text(encoding="utf-8"))
    reasons = [(api["slug"], r) for api in data["apis"] for r in api["reasons"]]
    assert len(reasons) == 324
    for _, reason in reasons:
        assert (site / reason["url"]).is_file()
        assert {"code", "status", "group", "summary", "endpoints", "url"} <= set(reason)
    voipbin = next(api for api in data["apis"] if api["slug"] == "voipbin")
    assert voipbin["url_template"] == "voipbin/reasons/{code}.html"
    file_not_found = next(r for r in voipbin["reasons"] if r["code"] == "FILE_NOT_FOUND")
    assert "GET /storage_files/{id}/file" in file_not_found["endpoints"]


def test_internal_links_resolve(site: Path, tmp_path: Path) -> None:
    """Every relative link and asset of every page points at a file of the site."""
    assert list(broken_links(site)) == []
    # ...and the check can fail: a page linking to nothing is reported.
    broken = tmp_path / "site"
    (broken / "a").mkdir(parents=True)
    (broken / "a" / "page.html").write_text('<a href="../gone.html#x">x</a><img src="ok.png">')
    (broken / "a" / "ok.png").write_bytes(b"")
    assert list(broken_links(broken)) == ["a/page.html -> ../gone.html"]


def test_site_doctests(tmp_path: Path) -> None:
    result = run_sphinx("doctest", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = (tmp_path / "output.txt").read_text(encoding="utf-8")
    assert "324 tests" in report
    assert "0 failures in tests" in report
