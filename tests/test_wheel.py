"""The distribution: the wheel, installed in a fresh environment, documents another project.

A team that runs ``pip install reason-catalog[sphinx]`` has no Node.js and no node_modules/;
the wheel carries lunr.js and the decoder's libraries, fetched from npm at build time exactly
as package-lock.json pins them (``setup.py``). The sdist and the wheel are built once, as
``nox -s build`` builds them: the wheel from the sdist.
"""

from __future__ import annotations

import json
import os
import runpy
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from reason_catalog.sphinxext import assets
from reason_catalog.sphinxext.assets import PACKAGED, find_lunr

from .conftest import ROOT, TEST_CATALOGUES, open_browser

CONSTRAINTS = ROOT / "constraints.txt"
LOCK = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))

CONF_PY = """\
project = "Example API errors"
extensions = ["reason_catalog", "myst_parser"]
reason_catalog_paths = ["catalogue/example.yaml"]
"""
INDEX_RST = """\
Example API errors
==================

Every reason, as the API groups them; :reason:code:`example:CALL_NOT_FOUND` is the usual one.

.. toctree::

   calls

.. reason:table:: example
"""
CALLS_MD = """\
# Calls

Hanging up a call that is over gives {reason:code}`CALL_STATE_INVALID`.
"""


def run(
    command: list[str], *, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> str:
    """Run a command to completion; its output, or a failure showing it."""
    result = subprocess.run(
        command, capture_output=True, text=True, check=False, cwd=cwd, env=env, timeout=600
    )
    assert result.returncode == 0, f"{command}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result.stdout + result.stderr


def build_env(**extra: str) -> dict[str, str]:
    """This environment, with the build's own requirements (setuptools) pinned too."""
    return {**os.environ, "PIP_CONSTRAINT": str(CONSTRAINTS), **extra}


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``dist/`` as ``nox -s build`` makes it: the sdist, then the wheel built from it."""
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], env=build_env())
    return out


def only(folder: Path, pattern: str) -> Path:
    """The one file in ``folder`` matching ``pattern``."""
    (found,) = folder.glob(pattern)
    return found


@pytest.fixture(scope="session")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh virtual environment with the wheel and its Sphinx extras."""
    venv = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", str(venv)])
    wheel = only(dist, "*.whl")
    # The same versions as the repository's sessions; pip's cache is reused.
    run(
        [
            *(str(venv / "bin" / "python"), "-m", "pip", "install", "-q"),
            *("--disable-pip-version-check", "-c", str(CONSTRAINTS), f"{wheel}[sphinx]"),
        ]
    )
    return venv / "bin"


def test_the_wheel_carries_the_pinned_libraries_and_their_licences(dist: Path) -> None:
    with zipfile.ZipFile(only(dist, "*.whl")) as wheel:
        names = set(wheel.namelist())
        sources = json.loads(wheel.read("reason_catalog/vendor/sources.json"))
        for library in PACKAGED:
            folder = f"reason_catalog/vendor/{library.package}/"
            script = wheel.read(folder + library.file)
            # npm ci checked the same integrity hash: the two copies are the same bytes.
            assert script == (ROOT / "node_modules" / library.package / library.file).read_bytes()
            assert folder + "LICENSE" in names, library.package
            assert folder + "package.json" in names, library.package
    locked = {
        name.removeprefix("node_modules/"): (entry["version"], entry["integrity"])
        for name, entry in LOCK["packages"].items()
        if name
    }
    assert [s["package"] for s in sources] == [library.package for library in PACKAGED]
    for source in sources:
        assert (source["version"], source["integrity"]) == locked[source["package"]]


def test_the_wheel_holds_every_file_of_the_package(dist: Path) -> None:
    """A template or script missing from package-data would only show in another project."""
    package = ROOT / "extensions"
    built = only(dist, "*.tar.gz").stat().st_mtime
    expected = {
        path.relative_to(package).as_posix()
        for path in (package / "reason_catalog").rglob("*")
        # Not a file written since the build began (the tree may be edited as the tests run).
        if path.is_file() and "__pycache__" not in path.parts and path.stat().st_mtime < built
    }
    with zipfile.ZipFile(only(dist, "*.whl")) as wheel:
        names = set(wheel.namelist())
    assert expected - names == set()
    assert not [n for n in names if "node_modules" in n or n.startswith("tests/")]


@pytest.fixture(scope="module")
def site(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A separate Sphinx project, built with -nW where neither Node.js nor node_modules is.

    Its output is written at ``www/docs/errors/`` so that it can be served from a sub-path.
    """
    home = tmp_path_factory.mktemp("project")
    project = home / "docs"
    (project / "catalogue").mkdir(parents=True)
    shutil.copyfile(TEST_CATALOGUES / "minimal.yaml", project / "catalogue" / "example.yaml")
    (project / "conf.py").write_text(CONF_PY, encoding="utf-8")
    (project / "index.rst").write_text(INDEX_RST, encoding="utf-8")
    (project / "calls.md").write_text(CALLS_MD, encoding="utf-8")
    path = str(installed)  # nothing but the environment's own commands: no node, no npm
    assert shutil.which("node", path=path) is None
    for folder in (project, *project.parents):
        assert not (folder / "node_modules").exists(), folder
    env = {"PATH": path, "HOME": str(home), "LANG": "C.UTF-8"}
    where = run(
        [str(installed / "python"), "-c", "import reason_catalog; print(reason_catalog.__file__)"],
        cwd=project,
        env=env,
    )
    assert where.strip().startswith(str(installed.parent)), where  # the wheel, not this checkout

    out = home / "www" / "docs" / "errors"
    result = subprocess.run(
        [
            *(str(installed / "python"), "-m", "sphinx", "-q", "-N", "-nW", "--keep-going"),
            *("-b", "html", str(project), str(out)),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=project,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return out


@pytest.mark.browser
def test_another_project_builds_with_the_wheel_and_no_node(
    site: Path, serve: Any, tab: Any
) -> None:
    """Its reason browser finds a code, served from a sub-path as hosts often do."""
    base = str(serve(site.parent.parent)) + "docs/errors/"
    open_browser(tab, base + "browse.html")
    tab.fill("#rc-query", "call_state_invalid")
    tab.wait_for_function("new URLSearchParams(location.search).get('q') === 'call_state_invalid'")
    assert tab.locator(".rc-result-title").first.text_content() == "CALL_STATE_INVALID"
    # The decoder's libraries came from the wheel too.
    tab.wait_for_function("typeof jmespath === 'object' && typeof RE2JS === 'object'")
    # The Markdown page links the reason's page.
    tab.goto(base + "calls.html")
    tab.click("a:has-text('CALL_STATE_INVALID')")
    assert tab.url == base + "example/reasons/CALL_STATE_INVALID.html"
    assert (tab.locator("h1").first.text_content() or "").startswith("CALL_STATE_INVALID")


def test_every_url_of_the_site_is_relative(site: Path) -> None:
    """What lets the folder be served at any path: no link or asset from the host's root."""
    from bs4 import BeautifulSoup  # noqa: PLC0415

    pages = list(site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        # 404.html sets its <base> to the site root on purpose: hosts show it at any depth.
        for tag in soup.select("[href]:not(base), [src]"):
            url = str(tag.get("href") or tag.get("src"))
            assert not url.startswith("/"), f"{page.relative_to(site)}: {url}"


@pytest.mark.browser
def test_the_site_works_opened_from_the_file_system(site: Path, tab: Any) -> None:
    open_browser(tab, (site / "browse.html").as_uri() + "?q=CALL_NOT_FOUND")
    assert tab.locator(".rc-result-title").first.text_content() == "CALL_NOT_FOUND"


def test_a_wheel_built_offline_from_the_sdist_fails_saying_why(dist: Path) -> None:
    sdist = only(dist, "*.tar.gz")
    nowhere = "http://127.0.0.1:9/"  # the discard port: nothing listens
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist / "offline"), str(sdist)],
        capture_output=True,
        text=True,
        check=False,
        env=build_env(npm_config_registry=nowhere),
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"error: could not download {nowhere}lunr/-/lunr-2.3.9.tgz" in output
    assert "build where the registry is reachable" in output
    assert "Traceback" not in output


def test_a_tarball_that_does_not_match_the_lock_is_refused() -> None:
    setup_py: dict[str, Any] = runpy.run_path(str(ROOT / "setup.py"), run_name="setup_py")
    integrity = LOCK["packages"]["node_modules/lunr"]["integrity"]
    url = "https://registry.example/lunr-2.3.9.tgz"
    with pytest.raises(setup_py["VendorError"], match=r"does not match package-lock\.json"):
        setup_py["check_integrity"](b"not lunr", integrity, url)
    with pytest.raises(setup_py["VendorError"], match="no sha512, sha384 or sha256"):
        setup_py["check_integrity"](b"not lunr", "md5-AAAA", url)


def test_the_packaged_copy_comes_before_node_modules_and_the_configured_file_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    npm = project / "node_modules" / "lunr" / "lunr.min.js"
    packaged = tmp_path / "vendor" / "lunr" / "lunr.min.js"
    configured = project / "js" / "lunr.js"
    for script in (npm, packaged, configured):
        script.parent.mkdir(parents=True)
        script.write_text("// lunr", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(assets, "VENDOR", tmp_path / "vendor")
    assert find_lunr("js/lunr.js", project) == configured
    assert find_lunr("", project) == packaged
    packaged.unlink()
    assert find_lunr("", project) == npm.resolve()
    npm.unlink()
    assert find_lunr("", project) is None
