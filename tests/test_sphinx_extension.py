"""The Sphinx extension on small test projects (``tests/roots/test-*``)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from reason_catalog.linkcheck import broken_links
from sphinx.util.inventory import InventoryFile

from .conftest import ROOTS, build_site, main_body, run_sphinx


def tree_digest(outdir: Path) -> dict[str, str]:
    """Every output file (bar Sphinx's own build bookkeeping) and the hash of its bytes."""
    return {
        str(path.relative_to(outdir)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts and path.name != ".buildinfo"
    }


def read_inventory(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return InventoryFile.load(handle, "", lambda base, uri: uri)  # type: ignore[no-any-return]


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one ``old`` in a file with ``new``: a run-time change to a copied root."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_basic_build_is_clean(app: Any) -> None:
    app.build()
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_reason_table_snapshot(app: Any, snapshot: Any) -> None:
    app.build()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    snapshot("basic-index.html", main_body(html))


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_generated_page_snapshots(app: Any, snapshot: Any) -> None:
    app.build()
    out = Path(app.outdir)
    for page, name in [
        ("example/reasons/CALL_NOT_FOUND.html", "basic-reason.html"),
        ("example/reasons/SERVICE_UNAVAILABLE.html", "basic-reason-generic.html"),
        ("example/endpoints/calls-id-all.html", "basic-endpoint-pattern.html"),
        ("example/endpoints/delete-calls-id.html", "basic-endpoint.html"),
    ]:
        snapshot(name, main_body((out / page).read_text(encoding="utf-8")))


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_roles_resolve_from_markdown(app: Any) -> None:
    app.build()
    html = (Path(app.outdir) / "guide.html").read_text(encoding="utf-8")
    assert html.count('href="example/reasons/CALL_NOT_FOUND.html"') == 2
    assert 'href="example/endpoints/delete-calls-id.html"' in html
    assert 'href="example/endpoints/calls-id-all.html"' in html
    assert 'href="reason-reasonindex.html"' in html
    assert 'href="reason-endpointindex.html"' in html


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_objects_inventory(app: Any) -> None:
    app.build()
    inventory = read_inventory(Path(app.outdir) / "objects.inv")
    reasons = inventory["reason:code"]
    assert sorted(reasons) == [
        "example:CALL_NOT_FOUND",
        "example:CALL_STATE_INVALID",
        "example:SERVICE_UNAVAILABLE",
    ]
    assert reasons["example:CALL_NOT_FOUND"].uri == "example/reasons/CALL_NOT_FOUND.html"
    endpoints = inventory["reason:endpoint"]
    assert endpoints["example:DELETE /calls/{id}"].uri == "example/endpoints/delete-calls-id.html"
    assert "example:/calls/{id}*" in endpoints
    labels = inventory["std:label"]
    assert labels["reason-reasonindex"].uri == "reason-reasonindex.html"


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_reasons_json(app: Any) -> None:
    app.build()
    data = json.loads((Path(app.outdir) / "reasons.json").read_text(encoding="utf-8"))
    (api,) = data["apis"]
    assert api["slug"] == "example"
    assert api["url_template"] == "example/reasons/{code}.html"
    call = next(r for r in api["reasons"] if r["code"] == "CALL_NOT_FOUND")
    assert call == {
        "code": "CALL_NOT_FOUND",
        "status": 404,
        "group": "calls",
        "summary": "The call does not exist.",
        # the pages that list it: those it is named for (and patterns covering them) first
        "endpoints": ["/calls/{id}*", "DELETE /calls/{id}", "GET /calls/{id}", "/calls"],
        "deprecated": False,
        "url": "example/reasons/CALL_NOT_FOUND.html",
    }
    for reason in api["reasons"]:
        assert (Path(app.outdir) / reason["url"]).is_file()


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_shell_rendering_equals_the_theme(app: Any) -> None:
    """A generated page is byte for byte what the theme renders for it directly."""
    _assert_rendered_as_the_theme_does(app)


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    freshenv=True,
    confoverrides={"html_theme": "furo", "html_baseurl": "https://errors.example.com/docs/"},
)
def test_shell_rendering_equals_furo_with_canonical_urls(app: Any) -> None:
    """The shell is rendered once per folder depth: the folder's names (in furo's navigation
    and the canonical URL) must still be each page's own."""
    _assert_rendered_as_the_theme_does(app)
    html = (Path(app.outdir) / "example/reasons/CALL_STATE_INVALID.html").read_text()
    assert (
        '<link rel="canonical" href="https://errors.example.com/docs/example/reasons/'
        'CALL_STATE_INVALID.html"'
    ) in html
    assert "sentinel" not in html


def _assert_rendered_as_the_theme_does(app: Any) -> None:
    from reason_catalog.sphinxext.pages import PageWriter  # noqa: PLC0415
    from reason_catalog.sphinxext.shell import page_context  # noqa: PLC0415

    app.build()
    writer = PageWriter(app.builder, app.env.get_domain("reason").store)
    page = "example/reasons/CALL_STATE_INVALID"
    generated = next(p for p in writer.pages() if p.name == page)
    data = generated.data()
    body = writer.body(generated, data)
    assert generated.metatags is not None
    metatags = generated.metatags(data)  # in the theme's slot, as Sphinx's meta directive's
    direct = Path(app.outdir) / "direct.html"
    app.builder.handle_page(
        page,
        page_context("CALL_STATE_INVALID (Example API)", body, metatags),
        "page.html",
        outfilename=direct,
    )
    written = (Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8")
    assert written == direct.read_text(encoding="utf-8")


def test_missing_and_ambiguous_targets_warn(tmp_path: Path) -> None:
    root = ROOTS / "test-missing-targets"
    result = run_sphinx("html", tmp_path, root, root, strict=False)
    assert result.returncode == 0, result.stderr
    warnings = result.stderr
    assert "guide.md:3: WARNING: unknown reason code: NO_SUCH_CODE" in warnings
    assert "guide.md:3: WARNING: unknown endpoint: GET /nowhere" in warnings
    assert (
        "guide.md:5: WARNING: 'CALL_NOT_FOUND' names more than one reason: "
        "example:CALL_NOT_FOUND, other:CALL_NOT_FOUND; write one of them in full"
    ) in warnings
    assert len(warnings.splitlines()) == 3, warnings  # and nothing else is wrong in the root


def test_catalogue_problem_stops_the_build_cleanly(tmp_path: Path) -> None:
    root = ROOTS / "test-catalogue-error"
    result = run_sphinx("html", tmp_path, root, root)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert (
        "example.yaml:15: ERROR: column 17: groups[0].reasons[0].status: input should be less "
        "than or equal to 599\n    hint: an HTTP status is a number from 100 to 599"
    ) in result.stderr
    assert not (tmp_path / "example").exists()  # no page of a broken catalogue


def test_bad_option_is_refused(tmp_path: Path) -> None:
    root = ROOTS / "test-bad-option"
    # Not strict: the refusal must stop the build by itself, not as a warning made an error.
    result = run_sphinx("html", tmp_path, root, root, strict=False)
    assert result.returncode != 0
    assert "reason_catalog_reason_page = '{api}/{reason}' cannot be filled in" in result.stderr


def test_two_builds_are_identical(tmp_path: Path) -> None:
    root = ROOTS / "test-basic"
    for name in ("one", "two"):
        build_site(tmp_path / name, root, root, extra_args=["-E"])
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    root = ROOTS / "test-basic"
    build_site(tmp_path / "serial", root, root)
    build_site(tmp_path / "parallel", root, root, extra_args=["-j", "2"])
    assert tree_digest(tmp_path / "serial") == tree_digest(tmp_path / "parallel")


def test_editing_one_reason_rewrites_only_what_shows_it(tmp_path: Path) -> None:
    source, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(ROOTS / "test-basic", source)
    build_site(out, source, source)
    before = tree_digest(out)
    edit(source / "example.yaml", "The call does not exist.", "No such call exists.")
    build_site(out, source, source)
    after = tree_digest(out)
    changed = {name for name in after if before.get(name) != after[name]}
    changed -= {
        "searchindex.js",
        "reason-index.js",  # the browser's index holds every summary
        "reason-prose-0.js",  # and the shard of the prose index that holds this cause
        "objects.inv",
        "reasons.json",
        ".reason-catalog-pages.json",
        "llms.txt",  # every summary, for assistants
        "llms-full.txt",  # and every cause
        ".reason-catalog-llms",  # what they were made of
        "reason-reasonindex.html",
        "genindex.html",
        "search.html",
    }
    assert changed == {
        "index.html",  # the table that shows it
        "guide.html",  # its links carry the summary as a tooltip
        "example/reasons/CALL_NOT_FOUND.html",
        "example/endpoints/calls.html",
        "example/endpoints/calls-id-all.html",
        "example/endpoints/delete-calls-id.html",
        "example/endpoints/get-calls-id.html",
    }


def test_intersphinx_links_into_the_site(tmp_path: Path) -> None:
    site, client = tmp_path / "site", ROOTS / "test-intersphinx"
    build_site(site, ROOTS / "test-basic", ROOTS / "test-basic")
    # Built strict and nitpicky: every external reference resolves, with no warning.
    build_site(tmp_path / "client", client, client, env={"RC_INVENTORY": str(site / "objects.inv")})
    html = (tmp_path / "client" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://errors.example.com/example/reasons/SERVICE_UNAVAILABLE.html"' in html
    assert 'href="https://errors.example.com/example/reasons/CALL_NOT_FOUND.html"' in html
    assert 'href="https://errors.example.com/example/endpoints/get-calls-id.html"' in html


def test_doctests_pass_and_a_broken_example_fails(tmp_path: Path) -> None:
    root, broken = ROOTS / "test-basic", ROOTS / "test-broken-example"
    good = run_sphinx("doctest", tmp_path / "good", root, root)
    assert good.returncode == 0, good.stdout + good.stderr
    report = (tmp_path / "good" / "output.txt").read_text()
    assert "4 tests" in report  # three catalogue examples and one in the guide
    # Not strict: the failing example alone must fail the build.
    bad = run_sphinx("doctest", tmp_path / "bad", broken, broken, strict=False)
    assert bad.returncode != 0
    output = bad.stdout + bad.stderr
    assert 'File "index.md", line 13, in reason-example' in output
    assert "Expected:\n    ('CALL_STATE_INVALID', 409)\nGot:\n    ('CALL_STATE_INVALID', 404)" in (
        output
    )


def test_catalogue_text_is_always_escaped(tmp_path: Path) -> None:
    root = ROOTS / "test-hostile-text"
    build_site(tmp_path, root, root)
    pages = [p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.html")]
    assert not [p for p in pages if "<img src=x" in p or "<script>alert" in p]
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in index
    assert "&lt;Dial&gt;" in index
    guide = (tmp_path / "guide.html").read_text(encoding="utf-8")
    assert 'title="The call &lt;img src=x onerror=alert(1)&gt; is gone."' in guide


def test_retired_codes_keep_their_urls(tmp_path: Path, browser: Any) -> None:
    root, out = ROOTS / "test-lifecycle", tmp_path
    build_site(out, root, root)
    reasons = out / "example" / "reasons"
    renamed = (reasons / "CALL_STATE_INVALID.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=CALL_STATE_WRONG.html">' in renamed
    assert '<link rel="canonical" href="CALL_STATE_WRONG.html">' in renamed
    removed = (reasons / "SERVICE_UNAVAILABLE.html").read_text(encoding="utf-8")
    assert "No longer returned since v2" in removed
    assert "retry on <code" in removed
    inventory = read_inventory(out / "objects.inv")["reason:code"]
    assert inventory["example:CALL_STATE_INVALID"].uri == "example/reasons/CALL_STATE_INVALID.html"
    data = json.loads((out / "reasons.json").read_text(encoding="utf-8"))
    assert [(r["code"], r["renamed_to"], r["url"]) for r in data["apis"][0]["retired"]] == [
        ("CALL_STATE_INVALID", "CALL_STATE_WRONG", "example/reasons/CALL_STATE_INVALID.html"),
        ("SERVICE_UNAVAILABLE", None, "example/reasons/SERVICE_UNAVAILABLE.html"),
    ]
    for entry in data["apis"][0]["retired"]:
        assert (out / entry["url"]).is_file()
    page = browser.new_page()
    page.goto((reasons / "CALL_STATE_INVALID.html").as_uri())
    page.wait_for_url("**/reasons/CALL_STATE_WRONG.html")
    assert page.locator("h1").first.text_content().startswith("CALL_STATE_WRONG")
    page.close()


def test_changelog_lists_lifecycle_events(tmp_path: Path) -> None:
    root, out = ROOTS / "test-lifecycle", tmp_path
    build_site(out, root, root)
    body = main_body((out / "changes.html").read_text(encoding="utf-8"))
    text_only = " ".join(body.split())
    assert text_only.index("v2") < text_only.index("v1")  # newest first
    for expected in (
        "Deprecated",
        "CALL_NOT_FOUND",
        "Renamed",
        "CALL_STATE_INVALID",
        "CALL_STATE_WRONG",
        "Removed",
        "SERVICE_UNAVAILABLE",
        "Added",
    ):
        assert expected in text_only, expected


def test_a_second_build_sees_the_same_configuration(tmp_path: Path) -> None:
    """The extension's own settings do not make every rebuild look like a new configuration."""
    root = ROOTS / "test-basic"
    for _ in range(2):  # not quiet: the second build's status says how it found the last one
        result = run_sphinx("html", tmp_path, root, root, quiet=False)
        assert result.returncode == 0, result.stderr
    assert "loading pickled environment... done" in result.stdout
    assert "configuration has changed" not in result.stdout


def test_retired_endpoints_and_case_only_renames_keep_their_urls(
    tmp_path: Path, browser: Any
) -> None:
    root, out = ROOTS / "test-retired-urls", tmp_path
    build_site(out, root, root)
    endpoints = out / "example" / "endpoints"
    moved = (endpoints / "post-calls-id-hangup.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=post-calls-call_id-hangup.html">' in moved
    assert "Moved to POST /calls/{call_id}/hangup since v2" in moved
    removed = (endpoints / "get-legacy.html").read_text(encoding="utf-8")
    assert "No longer exists since v2" in removed
    assert 'http-equiv="refresh"' not in removed
    # Only the letter case changed: the old name serves the reason's own page, no redirect
    # (on a file system that ignores case, the two names are one file).
    reasons = out / "example" / "reasons"
    old = (reasons / "CALL_GONE.html").read_text(encoding="utf-8")
    assert old == (reasons / "Call_Gone.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' not in old
    inventory = read_inventory(out / "objects.inv")["reason:endpoint"]
    assert inventory["example:POST /calls/{id}/hangup"].uri == (
        "example/endpoints/post-calls-id-hangup.html"
    )
    assert inventory["example:GET /legacy"].uri == "example/endpoints/get-legacy.html"
    guide = (out / "guide.html").read_text(encoding="utf-8")
    # Parameter names need not match: the old spelling finds the endpoint as it is now.
    assert 'href="example/endpoints/post-calls-call_id-hangup.html"' in guide
    assert 'href="example/endpoints/get-legacy.html"' in guide
    assert list(broken_links(out)) == []
    page = browser.new_page()
    page.goto((endpoints / "post-calls-id-hangup.html").as_uri())
    page.wait_for_url("**/endpoints/post-calls-call_id-hangup.html")
    page.close()


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_a_badge_is_drawn_in_one_place(
    app: Any, monkeypatch: pytest.MonkeyPatch, browser: Any, serve: Any
) -> None:
    """Changing the badge's class in catalogue/text.py changes it wherever a status shows."""
    from reason_catalog.catalogue import text  # noqa: PLC0415

    monkeypatch.setattr(text, "BADGE_CLASS", "rc-badge-changed-{}")
    app.build()
    out = Path(app.outdir)
    badge = 'class="rc-status rc-badge-changed-4xx"'
    assert badge in (out / "index.html").read_text(encoding="utf-8")  # the group table
    assert badge in (out / "example/reasons/CALL_NOT_FOUND.html").read_text(encoding="utf-8")
    assert badge in (out / "example/endpoints/delete-calls-id.html").read_text(encoding="utf-8")
    page = browser.new_page()
    page.goto(serve(out) + "browse.html?q=CALL_NOT_FOUND")
    first = page.locator(".rc-result .rc-status").first
    first.wait_for()
    assert first.get_attribute("class") == "rc-status rc-badge-changed-4xx"
    assert first.get_attribute("title") == "404 Not Found"
    page.close()
