"""A generated page's key holds the extension's templates and code, not only the page's data:
a new version of the extension rewrites the pages it draws differently."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reason_catalog.sphinxext import pages


def test_editing_a_template_or_a_renderer_changes_every_page_s_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "reason_catalog"
    shutil.copytree(pages.TEMPLATES, package / "templates")
    (package / "sphinxext").mkdir()
    shutil.copyfile(pages.__file__, package / "sphinxext" / "pages.py")
    monkeypatch.setattr(pages, "TEMPLATES", package / "templates")
    monkeypatch.setattr(pages, "PACKAGE", package)
    digests = []
    for edit in (None, "templates/reason.html", "sphinxext/pages.py"):
        if edit:
            with (package / edit).open("a", encoding="utf-8") as file:
                file.write("\n")
        pages.renderer_digest.cache_clear()
        digests.append(pages.renderer_digest())
    pages.renderer_digest.cache_clear()
    assert len(set(digests)) == 3
