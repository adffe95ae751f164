"""Every code the format accepts builds, links and round-trips: one rule makes its file and URL.

A catalogue without a code style may hold codes with spaces, ``:``, ``/``, dots, non-ASCII
letters and up to 1,024 characters. Each must get a page whose URL is the same in the pages'
links, ``reasons.json``, ``objects.inv``, the lookup data and :func:`doc_url`, and that a
static web server actually serves.
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.request
from pathlib import Path
from urllib.parse import unquote

import pytest
from reason_catalog import doc_url
from reason_catalog.catalogue.urls import MAX_STEM, page_stem
from reason_catalog.linkcheck import broken_links, page_links

from .conftest import ROOTS, run_sphinx
from .test_sphinx_extension import read_inventory

ODD_CODES = [
    "with space",
    "a:b",
    "a/b",
    "..",
    ".hidden",
    "a\\b",
    "café#?&%",
    "É" * 60,
    "CON",
    "-32001",
    "<b>bold</b>",
    "q'uote\"s",
    "X" * 1024,
]


def _catalogue(codes: list[str]) -> str:
    text = (ROOTS / "test-basic" / "example.yaml").read_text(encoding="utf-8")
    text = text.replace("  case: UPPER_SNAKE\n  max_length: 63\n", "  max_length: 1024\n")
    odd = "".join(
        f"      - code: {json.dumps(code)}\n        cause: The code number {index}.\n"
        for index, code in enumerate(codes)
    )
    anchor = "        related: [CALL_STATE_INVALID]\n"
    return text.replace(anchor, anchor + odd)


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose catalogue holds every odd code; built with warnings as errors."""
    source = tmp_path_factory.mktemp("odd-codes")
    shutil.copy(ROOTS / "test-basic" / "conf.py", source / "conf.py")
    (source / "example.yaml").write_text(_catalogue(ODD_CODES), encoding="utf-8")
    # reStructuredText reads a backslash as an escape: a role writes it twice.
    roles = "\n".join(
        f"- :reason:code:`example:{code.replace(chr(92), chr(92) * 2)}`" for code in ODD_CODES[:7]
    )
    (source / "index.rst").write_text(
        "Example\n=======\n\n.. toctree::\n\n   guide\n\n.. reason:table:: example\n",
        encoding="utf-8",
    )
    (source / "guide.rst").write_text(
        "Guide\n=====\n\n" + roles + "\n",
        encoding="utf-8",
    )
    out = source / "_build"
    result = run_sphinx("html", out, source, source)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return out


def test_stems_are_portable_file_names() -> None:
    for code in ODD_CODES:
        stem = page_stem(code)
        assert len(stem.encode()) <= MAX_STEM
        assert re.fullmatch(r"[A-Za-z0-9_~%-][A-Za-z0-9._~%-]*", stem), stem
    assert page_stem("CALL_NOT_FOUND") == "CALL_NOT_FOUND"
    assert page_stem("É" * 60) != page_stem("É" * 61)  # shortened stems stay unique


def test_every_odd_code_has_one_url_everywhere(odd_site: Path) -> None:
    data = json.loads((odd_site / "reasons.json").read_text(encoding="utf-8"))
    urls = {r["code"]: r["url"] for r in data["apis"][0]["reasons"]}
    inventory = read_inventory(odd_site / "objects.inv")["reason:code"]
    codes_js = (odd_site / "reason-codes.js").read_text(encoding="utf-8")
    for code in ODD_CODES:
        url = urls[code]
        assert url == doc_url("example", code)
        assert (odd_site / unquote(url)).is_file(), code
        assert inventory[f"example:{code}"].uri == url
        assert json.dumps(url)[1:-1] in codes_js or url in codes_js
        template = re.compile(data["apis"][0]["url_template_codes"])
        if template.match(code):
            assert url == data["apis"][0]["url_template"].format(code=code)


def test_every_link_of_the_odd_site_resolves(odd_site: Path) -> None:
    assert list(broken_links(odd_site)) == []
    guide = (odd_site / "guide.html").read_text(encoding="utf-8")
    linked = [u for u in page_links(guide) if "/reasons/" in u]
    assert len(linked) == 7


def test_a_web_server_serves_every_odd_page(odd_site: Path, serve) -> None:  # type: ignore[no-untyped-def]
    base = serve(odd_site)
    data = json.loads((odd_site / "reasons.json").read_text(encoding="utf-8"))
    for reason in data["apis"][0]["reasons"]:
        with urllib.request.urlopen(base + reason["url"]) as response:
            assert response.status == 200
            page = response.read().decode("utf-8")
        assert "reason-page" in page, reason["code"]
