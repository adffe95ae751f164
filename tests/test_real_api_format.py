"""The format's features for real APIs, at the loader: scopes, operations, typed codes, several
statuses, severity, titles, sub-codes and the provider's page, and the located error for each
way of getting them wrong.

The end-to-end proof (sites built from catalogues shaped like AWS, Twilio, Stripe and JSON-RPC)
is ``test_real_apis.py``; these tests pin the model and the messages.
"""

from __future__ import annotations

import json

import pytest
from reason_catalog import CatalogueError
from reason_catalog.catalogue.dialect import EnvelopeError
from reason_catalog.catalogue.load import parse_catalogue
from reason_catalog.catalogue.urls import doc_url, provider_url

from .test_loader_rejects import line_of, mutate

#: Two services sharing codes, an operation each, a generic group, a retired code.
SCOPED = """\
format: 1
api:
  name: Cloud
  slug: cloud
  reason_url: https://docs.example.com/{scope}/errors/{code:kebab}
scopes:
  level: 1
  name: service
code_style:
  case: PascalCase
envelope:
  schema:
    type: object
    required: [__type, message]
    properties:
      __type: {type: string}
      message: {type: string}
  fields:
    code: {path: __type, pattern: '^(?:[^#]*#)?(?P<value>[^:#]+)'}
    scope: {path: __type, pattern: '^com\\.example\\.(?P<value>[a-z]+)\\.', scopes: {db: Database}}
    message: message
  template:
    __type: "com.example.{scope}.v1#{code}"
    message: "{message}"
groups:
  - id: Database
    title: Example Database
    operations:
      - name: PutItem
        http: POST /
        headers: {X-Target: Database.PutItem}
      - name: GetItem
        http: POST /
    reasons:
      - code: ResourceNotFoundException
        status: 400
        cause: The table does not exist.
        operations: [PutItem, GetItem]
        related: [ValidationException]
      - code: ValidationException
        status: [400, 422]
        title: Validation failed
        cause: The request is not valid.
        operations: [PutItem]
        example:
          __type: com.example.Database.v1#ValidationException
          message: Bad.
  - id: Functions
    title: Example Functions
    operations:
      - name: Invoke
        http: POST /functions/{name}/invocations
    reasons:
      - code: ResourceNotFoundException
        status: 404
        severity: warning
        cause: The function does not exist.
        operations: [Invoke]
        related: [Database/ValidationException]
retired:
  - code: TableGoneException
    scope: Database
    message: Now ResourceNotFoundException.
    renamed_to: ResourceNotFoundException
"""


def test_a_code_is_unique_per_scope_and_each_has_its_own_page() -> None:
    catalogue = parse_catalogue(SCOPED, "cloud.yaml")
    database, functions = catalogue.reasons_with("resourcenotfoundexception")
    assert (database.key, functions.key) == (
        "Database/ResourceNotFoundException",
        "Functions/ResourceNotFoundException",
    )
    assert catalogue.reason("ResourceNotFoundException") is None  # two scopes have it
    assert catalogue.reason("ResourceNotFoundException", "Functions") is functions
    assert catalogue.reason("functions/resourcenotfoundexception") is functions
    assert catalogue.reason("ValidationException") is not None  # only one scope has it
    assert doc_url("cloud", "ResourceNotFoundException", scope="Functions") == (
        "cloud/Functions/reasons/ResourceNotFoundException.html"
    )
    assert catalogue.scope_ids == ("Database", "Functions")
    # References name the same scope first, or another by scope/code.
    assert database.related == ("Database/ValidationException",)
    assert functions.related == ("Database/ValidationException",)
    retired = catalogue.retired_code("TableGoneException", "Database")
    assert retired is not None and retired.renamed_to == "Database/ResourceNotFoundException"


def test_operations_statuses_severity_and_title() -> None:
    catalogue = parse_catalogue(SCOPED, "cloud.yaml")
    put = catalogue.operation("Database/PutItem")
    assert put is not None and str(put.http) == "POST /"
    assert put.headers == (("X-Target", "Database.PutItem"),)
    assert catalogue.operation("PutItem") is put  # one scope has it
    validation = catalogue.reason("ValidationException")
    assert validation is not None
    assert validation.statuses == (400, 422) and validation.status is None
    assert validation.title == "Validation failed"
    assert validation.operations == ("Database/PutItem",)
    functions = catalogue.reason("ResourceNotFoundException", "Functions")
    assert functions is not None and functions.severity == "warning"


def test_the_body_names_the_scope_or_the_candidates_are_listed() -> None:
    catalogue = parse_catalogue(SCOPED, "cloud.yaml")
    body = {"__type": "com.example.db.v1#ResourceNotFoundException", "message": "No."}
    parsed, reason = catalogue.explain(json.dumps(body))
    assert (parsed.scope, reason.key) == ("Database", "Database/ResourceNotFoundException")
    bare = {"__type": "ResourceNotFoundException", "message": "No."}
    assert {r.scope for r in catalogue.candidates(catalogue.parse_envelope(bare))} == {
        "Database",
        "Functions",
    }
    with pytest.raises(EnvelopeError, match="a code of 2 services"):
        catalogue.explain(bare)


def test_the_provider_page_transforms_the_code() -> None:
    catalogue = parse_catalogue(SCOPED, "cloud.yaml")
    template = catalogue.api.reason_url
    assert template is not None
    assert provider_url(template, "ResourceNotFoundException", "Database") == (
        "https://docs.example.com/Database/errors/resource-not-found-exception"
    )
    assert provider_url("https://x.test/{code:kebab}", "card_declined") == (
        "https://x.test/card-declined"
    )
    assert provider_url("https://x.test/{code:hyphens}", "Card_Declined") == (
        "https://x.test/Card-Declined"
    )
    assert provider_url("https://x.test/{code}", "a b/c") == "https://x.test/a%20b%2Fc"


REJECTIONS = [
    pytest.param(
        "      - code: ValidationException\n        status: [400, 422]",
        "      - code: ResourceNotFoundException\n        status: [400, 422]",
        "duplicate code 'ResourceNotFoundException' in the service Database",
        "      - code: ResourceNotFoundException\n        status: [400, 422]",
        "keep one entry",
        id="duplicate-in-scope",
    ),
    pytest.param(
        "        operations: [Invoke]",
        "        operations: [Invoke, PutItem]",
        "'PutItem' is not an operation of the service Functions",
        "operations: [Invoke, PutItem]",
        "declare it",
        id="operation-of-another-scope",
    ),
    pytest.param(
        "        operations: [PutItem, GetItem]",
        "        operations: [PutItem, GetItm]",
        "'GetItm' is not an operation of the service Database",
        "operations: [PutItem, GetItm]",
        "did you mean 'GetItem'?",
        id="operation-misspelt",
    ),
    pytest.param(
        "    scope: Database\n",
        "",
        "codes are unique per service: say which one it was in",
        "  - code: TableGoneException",
        "add scope:",
        id="retired-without-scope",
    ),
    pytest.param(
        "        related: [ValidationException]",
        "        related: [Functions/ValidationException]",
        "'Functions/ValidationException' is not a reason of this service",
        "related: [Functions/ValidationException]",
        "",
        id="related-in-the-wrong-scope",
    ),
    pytest.param(
        "  reason_url: https://docs.example.com/{scope}/errors/{code:kebab}",
        "  reason_url: https://docs.example.com/{scope}/errors/{code:snake}",
        "unknown transformation 'snake'",
        "reason_url:",
        "",
        id="reason-url-transform",
    ),
    pytest.param(
        "  level: 1",
        "  level: 2",
        "codes are unique per service, but this group is above the services",
        "    reasons:\n      - code: ResourceNotFoundException\n        status: 400",
        "move its reasons into a service's group",
        id="reason-above-the-scopes",
    ),
    pytest.param(
        "code_style:\n  case: PascalCase",
        "code_style:\n  case: PascalCase\n  max_length: 20",
        "the code 'ResourceNotFoundException' is 25 characters long",
        "      - code: ResourceNotFoundException\n        status: 400",
        "a published code cannot change: raise code_style.max_length to 25",
        id="too-long-never-shorten",
    ),
]


@pytest.mark.parametrize(("old", "new", "message", "at", "hint"), REJECTIONS)
def test_mistakes_are_located(old: str, new: str, message: str, at: str, hint: str) -> None:
    text = mutate(SCOPED, old, new)
    with pytest.raises(CatalogueError) as raised:
        parse_catalogue(text, "bad.yaml")
    matching = [p for p in raised.value.problems if message in p.message]
    assert matching, raised.value.report()
    assert matching[0].line == line_of(text, at), raised.value.report()
    assert hint in matching[0].hint


#: JSON-RPC: negative integer codes, kept as numbers.
INTEGER = """\
format: 1
api: {name: RPC, slug: rpc}
code_style: {type: integer}
envelope:
  schema:
    type: object
    required: [jsonrpc, error, id]
    properties:
      jsonrpc: {const: "2.0"}
      id: {type: [integer, string, "null"]}
      error:
        type: object
        required: [code, message]
        properties:
          code: {type: integer}
          message: {type: string}
  fields:
    code: error.code
    message: error.message
  template: {jsonrpc: "2.0", error: {code: "{code}", message: "{message}"}, id: 1}
groups:
  - id: standard
    title: Standard errors
    reasons:
      - code: -32601
        cause: Method not found.
      - code: 32601
        cause: An application error that differs from -32601 only by its sign.
"""


def test_integer_codes_stay_numbers_and_keep_their_sign() -> None:
    catalogue = parse_catalogue(INTEGER, "rpc.yaml")
    negative, positive = catalogue.reasons
    assert (negative.code, positive.code) == ("-32601", "32601")
    assert negative.example["error"]["code"] == -32601
    body = '{"jsonrpc": "2.0", "error": {"code": -32601, "message": "x"}, "id": 7}'
    assert catalogue.explain(body)[1] is negative
    assert doc_url("rpc", -32601) == "rpc/reasons/-32601.html"


@pytest.mark.parametrize(
    ("old", "new", "message", "hint"),
    [
        (
            "      - code: -32601",
            '      - code: "-32601"',
            "is text, but this catalogue's codes are integers",
            "write it without quotes",
        ),
        (
            "code_style: {type: integer}",
            "code_style: {type: string}",
            "the code -32601 is a number, but this catalogue's codes are text",
            "quote it",
        ),
    ],
    ids=["quoted-integer", "number-in-text-catalogue"],
)
def test_the_code_type_is_checked(old: str, new: str, message: str, hint: str) -> None:
    with pytest.raises(CatalogueError) as raised:
        parse_catalogue(mutate(INTEGER, old, new), "bad.yaml")
    matching = [p for p in raised.value.problems if message in p.message]
    assert matching, raised.value.report()
    assert hint in matching[0].hint


def test_compat_keeps_each_scope_s_reason() -> None:
    """A shared code is a published reason in each scope: removing one scope's is a break,
    retiring it (with its scope) is not."""
    from reason_catalog.compat import compare_catalogues  # noqa: PLC0415

    old = parse_catalogue(SCOPED, "cloud.yaml")
    assert compare_catalogues(old, old).problems == []
    removed = mutate(
        SCOPED,
        "      - code: ResourceNotFoundException\n        status: 404\n        severity: warning\n"
        "        cause: The function does not exist.\n        operations: [Invoke]\n"
        "        related: [Database/ValidationException]\n",
        "      - code: FunctionGoneException\n        cause: Gone.\n",
    )
    report = compare_catalogues(old, parse_catalogue(removed, "cloud.yaml"))
    assert report.problems == [
        "cloud: Functions/ResourceNotFoundException: was published and is gone without a lifecycle "
        "entry; add it to `retired` (with `renamed_to` for a rename)"
    ]
    retired = removed.replace(
        "retired:\n",
        "retired:\n  - code: ResourceNotFoundException\n    scope: Functions\n"
        "    message: Functions say FunctionGoneException now.\n",
    )
    report = compare_catalogues(old, parse_catalogue(retired, "cloud.yaml"))
    assert report.problems == []
    assert report.retired == ["cloud: Functions/ResourceNotFoundException: removed"]
    assert report.added == ["cloud: Functions/FunctionGoneException"]
