"""``python -m reason_catalog new``: a project that validates and builds with -nW, from nothing,
beside an existing conf.py, or from an OpenAPI spec; refusals with exit 2 and no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from reason_catalog.catalogue.load import load_catalogue
from reason_catalog.catalogue.model import Catalogue, Reason
from reason_catalog.cli import main
from reason_catalog.scaffold.project import BROWSER_PACKAGES
from reason_catalog.scaffold.render import scalar
from reason_catalog.scaffold.toctree import add_entry

from .conftest import ROOT, run_sphinx


def new(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    """Run ``new`` in ``folder``, in this process: exit status, standard output and error."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        code = main(["new", *args])
    finally:
        os.chdir(here)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "_build" not in p.parts
    }


def build(capsys: pytest.CaptureFixture[str], docs: Path, conf: Path | None = None) -> Path:
    """Build the project's site with -nW; it must build without a warning."""
    out = docs.parent / "_build" / "html"
    result = run_sphinx("html", out, docs, conf or docs)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    return out


def reason(catalogue: Catalogue, code: str) -> Reason:
    found = catalogue.reason(code)
    assert found is not None, code
    return found


def validate(capsys: pytest.CaptureFixture[str], path: Path) -> Catalogue:
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("OK: 1 catalogue")
    return load_catalogue(path)


# --- a project from nothing ----------------------------------------------------------------------


def test_new_in_an_empty_folder_validates_and_builds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = new(capsys, tmp_path, "acme-pay", "--title", "Acme Pay")
    assert code == 0, err
    assert set(files(tmp_path)) == {
        "source_catalog/acme-pay.yaml",
        "source_catalog/catalogue.schema.json",
        "docs/acme-pay.md",
        "docs/conf.py",
        "docs/index.md",
        "package.json",
    }
    assert "wrote source_catalog/acme-pay.yaml (the catalogue)" in out
    assert "python -m reason_catalog validate source_catalog/acme-pay.yaml" in out
    catalogue = validate(capsys, tmp_path / "source_catalog" / "acme-pay.yaml")
    assert catalogue.api.name == "Acme Pay"
    # The examples are marked as such, in their codes, their causes and a comment above each.
    assert [r.code for r in catalogue.reasons] == [
        "EXAMPLE_RATE_LIMITED",
        "EXAMPLE_WIDGET_NOT_FOUND",
    ]
    assert all(r.cause.startswith("EXAMPLE to replace") for r in catalogue.reasons)
    text = (tmp_path / "source_catalog" / "acme-pay.yaml").read_text()
    assert text.count("# EXAMPLE: replace it") == 2
    for key in ("format:", "slug:", "code_style:", "schema:", "fields:", "template:", "groups:"):
        line = next(i for i, t in enumerate(text.splitlines()) if t.strip().startswith(key))
        before = text.splitlines()[line - 1 : line + 2]  # the line, and the ones around it
        assert any("#" in t for t in before), f"{key} has no comment near it: {before}"
    conf = (tmp_path / "docs" / "conf.py").read_text()
    assert "reason_catalog_paths = ['../source_catalog']" in conf
    assert "extensions = ['reason_catalog', 'myst_parser', 'sphinx_design']" in conf
    site = build(capsys, tmp_path / "docs")
    page = (site / "acme-pay.html").read_text()
    assert "EXAMPLE_WIDGET_NOT_FOUND" in page
    assert 'href="acme-pay.html"' in (site / "index.html").read_text()
    assert (site / "acme-pay" / "reasons" / "EXAMPLE_RATE_LIMITED.html").is_file()
    # Both examples, the written one and the generated one, pass the doctests.
    doctest = run_sphinx(
        "doctest", tmp_path / "_build" / "doctest", tmp_path / "docs", tmp_path / "docs"
    )
    assert doctest.returncode == 0, doctest.stdout + doctest.stderr
    report = (tmp_path / "_build" / "doctest" / "output.txt").read_text()
    assert "2 tests" in report
    assert "0 failures in tests" in report


def test_the_package_json_pins_what_the_repository_pins(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]
    assert {name: pinned[name] for name in BROWSER_PACKAGES} == BROWSER_PACKAGES
    assert new(capsys, tmp_path, "acme")[0] == 0
    written = json.loads((tmp_path / "package.json").read_text())
    assert written["dependencies"] == BROWSER_PACKAGES


def test_new_next_to_an_existing_conf_py_keeps_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    conf = docs / "conf.py"
    conf.write_text(
        'extensions = ["reason_catalog"]\n'
        'reason_catalog_paths = ["../errors"]\n'
        'html_theme = "basic"\n'
        "nitpicky = True\n"
    )
    index = docs / "index.rst"
    index.write_text("Docs\n====\n\n.. toctree::\n   :maxdepth: 1\n\n   guide\n")
    (docs / "guide.rst").write_text("Guide\n=====\n\nHow to call us.\n")
    before = conf.read_bytes()
    code, out, err = new(capsys, tmp_path, "acme")
    assert code == 0, err
    assert conf.read_bytes() == before
    # The catalogue goes where conf.py reads catalogues; the page is reStructuredText, as
    # the project has no MyST; it joins the only toctree.
    assert (tmp_path / "errors" / "acme.yaml").is_file()
    assert (docs / "acme.rst").is_file()
    assert not (docs / "index.md").exists()
    assert index.read_text().endswith("   guide\n   acme\n")
    assert "added `acme` to the toctree of docs/index.rst" in out
    assert "todo:" not in out
    validate(capsys, tmp_path / "errors" / "acme.yaml")
    site = build(capsys, docs)
    assert "EXAMPLE_WIDGET_NOT_FOUND" in (site / "acme.html").read_text()


def test_what_an_existing_conf_py_lacks_is_said_not_edited(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser"]\nreason_catalog_paths = []\n')
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Docs\n\nNo toctree here.\n")
    code, out, _ = new(capsys, tmp_path, "acme")
    assert code == 0
    assert 'todo: add "reason_catalog" to extensions in conf.py' in out
    assert "todo: add 'source_catalog' to reason_catalog_paths in conf.py" in out
    assert "todo: add `acme` to a toctree of docs/index.md (it has no toctree" in out
    assert "sphinx-build -nW -c . -b html docs" in out  # conf.py is not in the source folder
    assert (tmp_path / "docs" / "index.md").read_text() == "# Docs\n\nNo toctree here.\n"


# --- refusals --------------------------------------------------------------------------------


def test_new_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert new(capsys, tmp_path, "acme")[0] == 0
    catalogue = tmp_path / "source_catalog" / "acme.yaml"
    catalogue.write_text("# ours\n")
    before = files(tmp_path)
    code, out, err = new(capsys, tmp_path, "acme")
    assert code == 2
    assert out == ""
    assert err == (
        "error: source_catalog/acme.yaml exists; docs/acme.md exists: `new` writes over no file "
        "(--force replaces the catalogue and its page)\n"
    )
    assert files(tmp_path) == before
    # A .yml twin is in the way too.
    catalogue.rename(catalogue.with_suffix(".yml"))
    code, _, err = new(capsys, tmp_path, "acme")
    assert code == 2
    assert "source_catalog/acme.yml exists" in err
    catalogue.with_suffix(".yml").rename(catalogue)
    # --force replaces the catalogue and its page, and nothing else.
    code, _, err = new(capsys, tmp_path, "acme", "--force")
    assert code == 0, err
    after = files(tmp_path)
    assert after["source_catalog/acme.yaml"] != b"# ours\n"
    assert {k: v for k, v in after.items() if k != "source_catalog/acme.yaml"} == {
        k: v for k, v in before.items() if k != "source_catalog/acme.yaml"
    }


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("Acme", "'Acme' is not a valid API slug: it must start with a lowercase letter"),
        ("acme_pay", "try 'acme-pay'"),
        ("1acme", "not a valid API slug"),
        ("a" * 41, "40 characters at most"),
        ("acme/../x", "try 'acme-x'"),
        ("search", "the API's page would be docs/search.md, which Sphinx"),
        ("index", "choose another slug"),
    ],
)
def test_bad_slugs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, slug: str, message: str
) -> None:
    code, out, err = new(capsys, tmp_path, slug)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ")
    assert message in err
    assert files(tmp_path) == {}


def test_a_slug_another_catalogue_has(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert new(capsys, tmp_path, "acme")[0] == 0
    folder = tmp_path / "source_catalog"
    (folder / "acme.yaml").rename(folder / "other.yaml")
    before = files(tmp_path)
    code, _, err = new(capsys, tmp_path, "acme", "--force")
    assert code == 2
    assert err == (
        "error: the slug 'acme' is already used by source_catalog/other.yaml; every API needs "
        "its own\n"
    )
    assert files(tmp_path) == before


# --- from an OpenAPI spec --------------------------------------------------------------------

#: The mapping VoIPbin documents (seeds/README.md), which its spec says only in prose.
VOIPBIN_STATUS_NAMES = {
    "INVALID_ARGUMENT": 400,
    "UNAUTHENTICATED": 401,
    "PAYMENT_REQUIRED": 402,
    "PERMISSION_DENIED": 403,
    "NOT_FOUND": 404,
    "ALREADY_EXISTS": 409,
    "FAILED_PRECONDITION": 409,
    "RESOURCE_EXHAUSTED": 429,
    "INTERNAL": 500,
    "UNAVAILABLE": 503,
}


def test_new_from_voipbins_spec(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seeds: Path
) -> None:
    spec_file = seeds / "voipbin-openapi-2026-08-22.yaml"
    code, out, err = new(capsys, tmp_path, "voipbin", "--openapi", str(spec_file))
    assert code == 0, err
    assert "python -m reason_catalog drift source_catalog/voipbin.yaml" in out
    path = tmp_path / "source_catalog" / "voipbin.yaml"
    catalogue = validate(capsys, path)
    spec = yaml.safe_load(spec_file.read_text())
    operations = [
        (method.upper(), route, op.get("tags", [None])[0])
        for route, item in spec["paths"].items()
        for method, op in item.items()
    ]
    tags = list(dict.fromkeys(tag for _, _, tag in operations))
    assert catalogue.api.name == "VoIPBin API"
    assert catalogue.api.version == "1.0.0"
    assert "https://api.voipbin.net/v1.0" in (catalogue.api.description or "")
    # A group per tag, listing the tag's operations.
    assert [g.title for g in catalogue.groups] == tags
    listed = [(e.method, e.path, g.title) for g in catalogue.groups for e in g.endpoints]
    assert sorted(listed) == sorted(operations)
    # The envelope: the error body's schema, its fields, and the status names as the
    # responses' descriptions map them.
    dialect = catalogue.dialect
    assert {n: loc.expression for n, loc in dialect.locations.items()} == {
        "status": "error.status",
        "code": "error.reason",
        "message": "error.message",
        "request_id": "error.request_id",
    }
    assert dialect.locations["status"].names == VOIPBIN_STATUS_NAMES
    assert dialect.schema["properties"]["error"]["required"] == [
        "status",
        "reason",
        "message",
        "request_id",
    ]
    # The spec enumerates no codes: one example to replace, on an operation that declares 404.
    (example,) = catalogue.reasons
    assert example.code == "EXAMPLE_NOT_FOUND"
    assert example.statuses == (404,)
    assert example.example["error"]["status"] == "NOT_FOUND"
    text = path.read_text()
    assert "# Read from the spec's error body (voipbin-openapi-2026-08-22.yaml:7513)" in text
    assert "openapi: " in text
    # The drift check finds nothing wrong: the envelope is the spec's, every endpoint its.
    code = main(["drift", str(path), "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [f for f in found if f["severity"] != "info"] == []
    site = build(capsys, tmp_path / "docs")
    assert (site / "voipbin" / "coverage.html").is_file()


#: A small spec with what a spec may say about errors: tags (one described), a shared error
#: body whose code enumerates values (two described), a narrower body for one operation, an
#: untagged operation, and text no catalogue may hold (a control character, raw HTML).
SHOP = """\
openapi: 3.1.0
info: {title: Shop API, version: "2.3"}
servers: [{url: "https://api.shop.test/v2"}]
tags:
  - {name: Orders, description: "Placing and <b>cancelling</b> orders.\\u0007"}
  - {name: Carts}
paths:
  /orders:
    get:
      tags: [Orders]
      operationId: listOrders
      summary: List orders
      responses:
        "200": {description: OK}
        "401": {$ref: "#/components/responses/Problem"}
  /orders/{id}:
    get:
      tags: [Orders]
      operationId: getOrder
      responses:
        "404":
          description: No such order
          content:
            application/json:
              schema: {$ref: "#/components/schemas/OrderProblem"}
    delete:
      tags: [Orders]
      operationId: cancelOrder
      responses:
        "409": {$ref: "#/components/responses/Problem"}
  /carts:
    post:
      tags: [Carts]
      operationId: createCart
      responses:
        "400": {$ref: "#/components/responses/Problem"}
  /health:
    get:
      responses: {"200": {description: OK}}
components:
  responses:
    Problem:
      description: A problem
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
  schemas:
    Error:
      type: object
      required: [code, message]
      properties:
        code:
          type: string
          enum: [cart_empty, payment_declined, order_locked]
          x-enum-descriptions: ["The cart holds no items.", "", "The order is being shipped."]
        message: {type: string}
        status: {type: integer}
        request_id: {type: string}
        param: {type: string, nullable: true}
    OrderProblem:
      type: object
      required: [code, message]
      properties:
        code: {type: string, enum: [order_not_found, order_archived]}
        message: {type: string}
        status: {type: integer}
"""


def test_new_from_a_small_spec(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    spec = tmp_path / "specs" / "shop.yaml"
    spec.write_text(SHOP)
    code, _, err = new(capsys, tmp_path, "shop", "--openapi", "specs/shop.yaml")
    assert code == 0, err
    path = tmp_path / "source_catalog" / "shop.yaml"
    catalogue = validate(capsys, path)
    assert catalogue.openapi is not None
    assert catalogue.openapi.text == "../specs/shop.yaml"
    groups = {g.id: g for g in catalogue.groups}
    assert list(groups) == ["orders", "carts", "untagged", "spec-reasons"]
    orders = groups["orders"]
    assert orders.title == "Orders"
    assert orders.intro == "Placing and <b>cancelling</b> orders."  # shown as text, not run
    assert [str(e) for e in orders.endpoints] == [
        "GET /orders",
        "GET /orders/{id}",
        "DELETE /orders/{id}",
    ]
    assert [str(e) for e in groups["untagged"].endpoints] == ["GET /health"]
    # The shared body's codes, in its order, described where the spec describes them; the
    # narrower body's codes in the group of the one operation that gives them, with its status.
    shared = [reason(catalogue, c) for c in ("cart_empty", "payment_declined", "order_locked")]
    assert [r.group for r in shared] == ["spec-reasons"] * 3
    assert [r.statuses for r in shared] == [()] * 3  # 400, 401 or 409: the spec does not say
    assert [r.endpoints for r in shared] == [()] * 3
    assert shared[0].cause == "The cart holds no items."
    assert "not why it happens" in shared[1].cause
    for code in ("order_not_found", "order_archived"):
        narrow = reason(catalogue, code)
        assert (narrow.group, narrow.statuses) == ("orders", (404,))
        assert [str(e) for e in narrow.endpoints] == ["GET /orders/{id}"]
    assert catalogue.api.docs_url is None
    assert {n: loc.expression for n, loc in catalogue.dialect.locations.items()} == {
        "code": "code",
        "message": "message",
        "status": "status",
        "request_id": "request_id",
        "field": "param",
    }
    # OpenAPI 3.0's nullable, as JSON Schema says it.
    assert catalogue.dialect.schema["properties"]["param"]["type"] == ["string", "null"]
    text = path.read_text()
    assert text.count("# TODO: say why it happens") == 5
    assert "EXAMPLE" not in text  # the spec's codes leave no room for examples
    build(capsys, tmp_path / "docs")


def test_new_from_a_spec_declares_operations_when_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = tmp_path / "shop.json"
    spec.write_text(json.dumps(yaml.safe_load(SHOP)))
    code, _, err = new(capsys, tmp_path, "shop", "--openapi", "shop.json", "--operations")
    assert code == 0, err
    catalogue = validate(capsys, tmp_path / "source_catalog" / "shop.yaml")
    assert [(o.name, str(o.http), o.summary) for o in catalogue.operations] == [
        ("listOrders", "GET /orders", "List orders"),
        ("getOrder", "GET /orders/{id}", None),
        ("cancelOrder", "DELETE /orders/{id}", None),
        ("createCart", "POST /carts", None),
    ]
    groups = {g.id: g for g in catalogue.groups}
    assert groups["orders"].endpoints == ()
    assert [str(e) for e in groups["untagged"].endpoints] == ["GET /health"]  # no operationId


#: A spec that bends the rules: an integer version, tags no id can be made of as they are, an
#: operation of two tags, an operationId used twice, a path no catalogue can name, codes
#: that differ only in case, and a body schema that refuses what a template would make of its
#: message and request id.
ODD = """\
openapi: 3.0.0
info: {title: "Odd\\u0001 API", version: 7}
tags: [{name: "\u65e5\u672c"}, {name: Call}, {name: call}]
paths:
  /a b:
    get: {tags: [Call], operationId: spaced, responses: {"400": {$ref: "#/components/responses/E"}}}
  /b:
    get: {tags: [call], operationId: twice, responses: {"404": {$ref: "#/components/responses/E"}}}
  /c:
    post:
      tags: ["\u65e5\u672c", call]
      operationId: twice
      responses: {"404": {$ref: "#/components/responses/E"}}
components:
  responses:
    E:
      description: An error
      content:
        application/json:
          schema:
            type: object
            required: [code, message, request_id, meta]
            properties:
              code: {type: string, enum: [A, a, card declined, " pad"]}
              message: {type: string, enum: [fixed]}
              request_id: {type: string, pattern: "^id-[0-9]+$"}
              meta: {type: object, required: [v], properties: {v: {type: integer}}}
"""


def test_new_from_an_odd_spec(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "odd.yaml").write_text(ODD)
    code, _, err = new(capsys, tmp_path, "odd", "--openapi", "odd.yaml", "--operations")
    assert code == 0, err
    path = tmp_path / "source_catalog" / "odd.yaml"
    catalogue = validate(capsys, path)
    assert catalogue.api.name == "Odd API"
    assert catalogue.sources[0].revision == "7"
    assert [(g.id, g.title) for g in catalogue.groups] == [
        ("group", "\u65e5\u672c"),
        ("call", "Call"),
        ("call-2", "call"),
        ("spec-reasons", "Reasons the spec lists"),
    ]
    # Each operation is declared once; where it is listed again, it is an endpoint.
    assert [(o.name, o.group) for o in catalogue.operations] == [("twice", "group")]
    assert [str(e) for e in catalogue.group("call-2").endpoints] == ["GET /b", "POST /c"]
    assert [r.code for r in catalogue.reasons] == ["A", "card declined"]
    # The schema refuses a generated message or request id: only the code is read, and the
    # catalogue says why; what no example can fill is no longer required, and says so too.
    assert set(catalogue.dialect.locations) == {"code"}
    assert catalogue.dialect.schema["required"] == ["code", "message", "meta"]
    text = path.read_text()
    assert "# Left out, as no catalogue can name it: GET /a b" in text
    assert "refuses an example with message, request_id" in text
    assert "The spec requires request_id, meta.v, which a generated example cannot fill" in text
    build(capsys, tmp_path / "docs")


#: An error body that refers to itself every way a schema can: as a property, twice in an
#: anyOf (each level doubles the ways through it), and in an allOf with nothing in between (a
#: loop no JSON Schema validator can follow, which the catalogue refuses).
LOOP = """\
openapi: 3.1.0
info: {title: Loop, version: "1"}
paths:
  /a:
    get:
      responses:
        "400":
          description: bad
          content: {application/json: {schema: {$ref: "#/components/schemas/E"}}}
components:
  schemas:
    E:
      type: object
      required: [code]
      properties:
        code: {type: string, enum: [LOOPED]}
        child: {$ref: "#/components/schemas/E"}
        pair: {anyOf: [{$ref: "#/components/schemas/E"}, {$ref: "#/components/schemas/E"}]}
      anyOf: [{$ref: "#/components/schemas/E"}, {$ref: "#/components/schemas/E"}]
      allOf: [{$ref: "#/components/schemas/E"}]
"""


def test_a_spec_whose_error_body_loops(tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").write_text(LOOP)
    command = [sys.executable, "-m", "reason_catalog", "new", "loop", "--openapi", "loop.yaml"]
    done = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    path = tmp_path / "source_catalog" / "loop.yaml"
    catalogue = load_catalogue(path)
    assert [r.code for r in catalogue.reasons] == ["LOOPED"]
    text = path.read_text()
    # The spec's schema is refused, and the catalogue says why, at the common shape it uses.
    line = LOOP.splitlines().index("    E:") + 1
    assert f"# TODO: the spec's error body (loop.yaml:{line}) could not be used as it is." in text
    assert "# With the spec's schema: envelope.schema.$defs.E.allOf[0].$ref: this reference" in text


_SPEC_HEAD = 'openapi: 3.0.3\ninfo: {title: T, version: "1"}\n'
_RESPONSE = _SPEC_HEAD + 'paths:\n  /a:\n    get:\n      responses:\n        "404": '


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "swagger.yaml",
            'swagger: "2.0"\ninfo: {title: T}\n',
            "swagger.yaml:1:1: (document): not an OpenAPI 3.0 or 3.1 spec (openapi: swagger 2.0)",
        ),
        ("no-version.yaml", "info: {title: T}\npaths: {}\n", "not an OpenAPI 3.0 or 3.1 spec"),
        (
            "syntax.yaml",
            _SPEC_HEAD + "paths: [\n",
            "syntax.yaml:4:1: (document): YAML syntax error",
        ),
        (
            "syntax.json",
            '{"openapi": "3.0.0", "paths": {',
            "syntax.json:1:32: (document): JSON syntax error",
        ),
        ("list.yaml", "- openapi\n", "an OpenAPI spec must be a mapping"),
        ("empty.yaml", "", "empty.yaml:1:1: (document): the file is empty"),
        ("binary.yaml", b"\xff\xfe\x00", "binary.yaml:1:1: (file): the file is not UTF-8 text"),
        (
            "other-file.yaml",
            _RESPONSE + '{$ref: "errors.yaml#/NotFound"}\n',
            "other-file.yaml:7:17: paths./a.get.responses.404.$ref: cannot resolve $ref "
            "'errors.yaml#/NotFound': `new` reads the spec's own file only and follows no $ref",
        ),
        (
            "url.yaml",
            _RESPONSE + "\n          description: x\n          content:\n"
            "            application/json:\n              schema:\n"
            "                properties:\n                  code: {$ref: 'https://x.test/e#/C'}\n",
            "url.yaml:13:26: paths./a.get.responses.404.content.application/json.schema.properties"
            ".code.$ref: $ref 'https://x.test/e#/C' is not followed: it points out of the file",
        ),
        (
            "nowhere.yaml",
            _RESPONSE + '{$ref: "#/components/responses/Gone"}\n',
            "nowhere.yaml:7:17: paths./a.get.responses.404.$ref: cannot resolve $ref",
        ),
        (
            "bad-status.yaml",
            _RESPONSE.replace('"404"', "oops") + "{description: x}\n",
            "'oops' is not a response status",
        ),
    ],
)
def test_malformed_specs(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    content: str | bytes,
    message: str,
) -> None:
    spec = tmp_path / name
    if isinstance(content, bytes):
        spec.write_bytes(content)
    else:
        spec.write_text(content)
    code, out, err = new(capsys, tmp_path, "x", "--openapi", name)
    assert (code, out) == (2, "")
    assert message in err, err
    assert err.endswith("error: the spec cannot be read; nothing was written\n")
    assert list(tmp_path.iterdir()) == [spec]


def test_a_spec_that_cannot_be_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = new(capsys, tmp_path, "x", "--openapi", "missing.yaml")
    assert code == 2
    assert "missing.yaml:1:1: (file): no such file" in err
    # Bounded: a file past the reader's limit is refused before it is read.
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(65 * 2**20)
    code, _, err = new(capsys, tmp_path, "x", "--openapi", "huge.yaml")
    assert code == 2
    assert "huge.yaml:1:1: (file): the file is larger than 64 MiB" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["huge.yaml"]


# --- the pieces ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["plain words", "yes", "Null", "1.0", "007", "a: b", "# x", "-x", "'q'", '"', "x #y",
     "\u2028", "caf\u00e9", "[x]", "{code}", "/calls/{id}*", " lead", "trail ", "", "a\nb", 12, -3,
     True, None],
)  # fmt: skip
def test_scalars_read_back_as_written(value: object) -> None:
    assert yaml.safe_load(f"key: {scalar(value)}") == {"key": value}


MYST_TWO_TREES = """\
# Site

```{toctree}
:caption: APIs
:maxdepth: 1

voipbin
```

```{toctree}
:caption: Guide

guide
```
"""


@pytest.mark.parametrize(
    ("root", "pages", "expected"),
    [
        # Into the toctree that lists an API page, after its last entry.
        (MYST_TWO_TREES, {"voipbin.md": "```{reason:table} voipbin\n```\n"},
         MYST_TWO_TREES.replace("voipbin\n", "voipbin\nacme\n")),
        # Two toctrees and no API page among them: which one is not ours to say.
        (MYST_TWO_TREES, {}, None),
        # The only toctree, as a colon fence with options in YAML, entries indented.
        ("# S\n\n:::{toctree}\n---\nmaxdepth: 1\n---\n  guide\n:::\n", {},
         "# S\n\n:::{toctree}\n---\nmaxdepth: 1\n---\n  guide\n  acme\n:::\n"),
        # An empty toctree gets the entry after its options.
        ("# S\n\n```{toctree}\n:hidden:\n```\n", {},
         "# S\n\n```{toctree}\n:hidden:\n\nacme\n```\n"),
        # reStructuredText, with Windows line ends kept.
        ("S\n=\n\n.. toctree::\n   :maxdepth: 2\n\n   guide\n\nAfter.\n", {},
         "S\n=\n\n.. toctree::\n   :maxdepth: 2\n\n   guide\n   acme\n\nAfter.\n"),
        ("S\r\n=\r\n\r\n.. toctree::\r\n\r\n   guide\r\n", {},
         "S\r\n=\r\n\r\n.. toctree::\r\n\r\n   guide\r\n   acme\r\n"),
        # Already listed, by name or by a glob.
        ("```{toctree}\nTitle <acme>\n```\n", {}, "```{toctree}\nTitle <acme>\n```\n"),
        ("```{toctree}\n:glob:\n\napis/*\nac*\n```\n", {},
         "```{toctree}\n:glob:\n\napis/*\nac*\n```\n"),
        # An unclosed fence is no toctree.
        ("```{toctree}\nguide\n", {}, None),
    ],
)  # fmt: skip
def test_the_root_toctree(
    tmp_path: Path, root: str, pages: dict[str, str], expected: str | None
) -> None:
    index = tmp_path / "index.md"
    index.write_bytes(root.encode())
    for name, text in pages.items():
        (tmp_path / name).write_text(text)
    outcome = add_entry(index, "acme", tmp_path)
    assert index.read_bytes().decode() == (expected or root)
    assert bool(outcome.advice) == (expected is None)
    if expected is None:
        assert outcome.advice.startswith(f"add `acme` to a toctree of {index}")
