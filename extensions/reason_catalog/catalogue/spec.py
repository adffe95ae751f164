"""The catalogue file format: what a ``source_catalog/*.yaml`` file may say, as pydantic models.

These models describe the file as written. They are strict (scalars are never coerced, unknown keys
are rejected) so that a typo is an error rather than a silently ignored key, and they are the
single source of the published JSON Schema (:func:`catalogue_json_schema`). The resolved,
cross-checked model that the rest of the project uses lives in :mod:`reason_catalog.model`.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    model_validator,
)

FORMAT_VERSION = 1

#: Named code styles; ``pattern`` in :class:`CodeStyleSpec` covers anything else. Like every
#: catalogue pattern they are RE2 syntax, compiled by :mod:`.patterns`, and must match whole codes.
CODE_STYLES: dict[str, str] = {
    "UPPER_SNAKE": r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$",
    "lower_snake": r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$",
    "digits": r"^[0-9]+$",
    "PascalCase": r"^[A-Z][A-Za-z0-9]*$",
}

Text = Annotated[StrictStr, Field(min_length=1)]
HttpStatus = Annotated[
    StrictInt, Field(ge=100, le=599, description="An HTTP status code, 100–599.")
]
#: A reason code as the provider sends it: any printable text (every such code gets a working
#: page and URL, see urls.py), but no control characters or surrounding blanks, which no
#: reader can see or type.
Code = Annotated[
    StrictStr,
    Field(
        min_length=1,
        max_length=1024,
        pattern=r"^[^\x00-\x20\x7f-\x9f](?:[^\x00-\x1f\x7f-\x9f]*[^\x00-\x20\x7f-\x9f])?$",
        description="A reason code: printable, without leading or trailing blanks.",
    ),
]


def _integer_text(value: Any) -> Any:
    """An integer code (``20003``, JSON-RPC's ``-32001``) as its text: the model keeps codes as
    text; the resolver checks the form the file used against ``code_style.type``."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


#: A code as a catalogue writes it: text, or an integer where the API sends numbers.
AnyCode = Annotated[
    Code,
    BeforeValidator(_integer_text, json_schema_input_type=Code | StrictInt),
    Field(description="A reason code: printable text, or an integer where codes are numbers."),
]
#: A reference to a code: text, or an integer.
CodeReference = Annotated[
    StrictStr,
    BeforeValidator(_integer_text, json_schema_input_type=str | int),
    Field(min_length=1),
]


def _one_or_more(value: Any) -> Any:
    """Accept ``status: 400`` for ``status: [400]``."""
    return [value] if isinstance(value, int) and not isinstance(value, bool) else value


#: One HTTP status, or several (SignalWire's ``not_a_valid_json`` is 400 or 422).
Statuses = Annotated[
    tuple[HttpStatus, ...],
    Field(min_length=1),
    BeforeValidator(
        _one_or_more,
        json_schema_input_type=HttpStatus | Annotated[list[HttpStatus], Field(min_length=1)],
    ),
]

#: The name of an operation: an operationId, an action, an RPC method.
OperationName = Annotated[
    StrictStr,
    Field(
        min_length=1,
        max_length=256,
        pattern=r"^[^\s]+$",
        description="An operation's name as the API knows it: an operationId, an action "
        "(`DescribeInstances`), an RPC method (`eth_call`, `pkg.Service/Method`).",
    ),
]
EndpointText = Annotated[
    StrictStr,
    Field(
        min_length=1,
        description=(
            "`METHOD /path/{param}` for one operation, or a path pattern with an optional "
            "method (`/calls/{id}*`): a trailing `*` also covers every sub-path."
        ),
        examples=["GET /calls/{id}", "/calls/{id}*"],
    ),
]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HttpStatusSpec(_Spec):
    """An HTTP status the API documents for itself as a whole."""

    status: HttpStatus
    name: Text = Field(description="Its name as the provider writes it.")
    description: StrictStr | None = Field(default=None, description="What it means.")


class ApiSpec(_Spec):
    """The API whose reasons the catalogue lists."""

    name: Text = Field(description="The API's name as its provider writes it.")
    slug: StrictStr = Field(
        pattern=r"^[a-z][a-z0-9-]{0,39}$",
        description="A short, lowercase, URL-safe name: used in URLs and cross-references.",
    )
    version: StrictStr | None = Field(default=None, description="The API or catalogue version.")
    docs_url: StrictStr | None = Field(
        default=None,
        pattern=r"^https?://",
        description="The base URL the API's documentation is published at.",
    )
    description: StrictStr | None = Field(
        default=None, description="Introductory text (Markdown), as the provider's page has it."
    )
    reason_url: StrictStr | None = Field(
        default=None,
        pattern=r"^https?://",
        description=(
            "The provider's own page for each reason: a URL with `{code}` (and `{scope}` in "
            "a scoped catalogue). `{code:kebab}`, `{code:lower}`, `{code:upper}` and "
            "`{code:hyphens}` transform the code as the provider's URLs need."
        ),
        examples=["https://docs.stripe.com/error-codes/{code:kebab}"],
    )
    http_statuses: tuple[HttpStatusSpec, ...] = Field(
        default=(), description="HTTP statuses documented for the API as a whole."
    )


class CodeStyleSpec(_Spec):
    """The shape every reason code in the catalogue must have."""

    case: Literal["UPPER_SNAKE", "lower_snake", "digits", "PascalCase"] | None = Field(
        default=None, description="A named style (see the authoring guide)."
    )
    pattern: StrictStr | None = Field(
        default=None,
        description=(
            "A regular expression the whole code must match, in the RE2 subset the format "
            "guide lists (it runs in linear time, in Python and in the browser)."
        ),
    )
    type: Literal["string", "integer"] = Field(
        default="string",
        description="How bodies carry the code: as text, or as a JSON number (`20003`, "
        "`-32001`). Integer codes are written as integers in the catalogue.",
    )
    max_length: StrictInt = Field(
        default=255, ge=1, le=1024, description="The longest code the catalogue allows."
    )


class LocationSpec(_Spec):
    """Where one value sits in an error body."""

    path: StrictStr | None = Field(
        default=None,
        min_length=1,
        description="A JMESPath expression evaluated against the parsed body (an XML body "
        "reads as nested objects, see the format guide).",
        examples=["error.reason", "errors[0].code", "error.details[?\"@type\"=='x'] | [0].reason"],
    )
    header: StrictStr | None = Field(
        default=None,
        pattern=r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$",
        description="A response header the value sits in, instead of a `path` in the body.",
        examples=["X-Amzn-ErrorType"],
    )
    pattern: StrictStr | None = Field(
        default=None,
        description=(
            "A regular expression (the RE2 subset the format guide lists) searched for in the "
            "value found at `path`; its group named `value` (or its first group) is the "
            "result. For codes embedded in strings: "
            "`#(?P<value>.+)$`, `/reasons/(?P<value>[^/.]+)\\.html$`."
        ),
    )
    names: dict[str, HttpStatus] | None = Field(
        default=None,
        description=(
            "Status only: the body carries a status name rather than a number; this maps each "
            "name to its HTTP status. When several names share a status, the first is used "
            "for generated examples."
        ),
    )
    scopes: dict[Text, StrictStr] | None = Field(
        default=None,
        description=(
            "Scope only: maps what the body says to the id of a scope group, where they "
            "differ (`dynamodb` to `DynamoDB`); a value it does not list is taken as an id."
        ),
    )

    @model_validator(mode="after")
    def _one_place(self) -> LocationSpec:
        if (self.path is None) == (self.header is None):
            raise ValueError("a location needs a path (in the body) or a header, not both")
        return self


def _expand_location(value: Any) -> Any:
    """Accept the shorthand ``code: error.reason`` for ``code: {path: error.reason}``."""
    return {"path": value} if isinstance(value, str) else value


Location = Annotated[
    LocationSpec,
    BeforeValidator(_expand_location, json_schema_input_type=LocationSpec | Text),
    Field(description="A location: a JMESPath expression, or an object with `path` and options."),
]


class FieldsSpec(_Spec):
    """Where the reason code and its companions sit in an error body."""

    code: Location = Field(description="Where the reason code is (required).")
    status: Location | None = Field(default=None, description="Where the HTTP status is.")
    message: Location | None = Field(default=None, description="Where the message is.")
    request_id: Location | None = Field(default=None, description="Where the request id is.")
    field: Location | None = Field(
        default=None, description="The offending request field or parameter."
    )
    scope: Location | None = Field(
        default=None,
        description="In a scoped catalogue, where the body or its headers say which scope "
        "(service, enum) the code belongs to.",
    )
    sub_codes: dict[Text, Location] = Field(
        default_factory=dict,
        description="Further codes a body may carry beside the reason code (Stripe's "
        "`decline_code`), each by name; reasons document their values under `sub_codes`.",
    )


class EnvelopeSpec(_Spec):
    """The API's error body: its JSON Schema, where values sit, and how examples look."""

    media_type: Text = Field(default="application/json", description="The bodies' media type.")
    schema_: dict[str, Any] = Field(
        alias="schema", description="A JSON Schema (draft 2020-12) of the error body."
    )
    fields: FieldsSpec = Field(description="Where each value sits in a body.")
    template: Any = Field(
        description=(
            "The body of a generated example. Strings may hold placeholders: `{code}`, "
            "`{status}`, `{status_name}`, `{message}`, `{request_id}`, `{group}`, `{field}`, "
            "`{scope}`, `{title}`, `{reason_url}`. A string that is exactly `{status}` (or "
            "`{code}` with integer codes) becomes a number; a string that is exactly "
            "`{name?}` is left out, with its key, when the reason has no such value."
        )
    )
    headers: dict[Text, StrictStr] = Field(
        default_factory=dict,
        description="Response headers of a generated example, with the same placeholders "
        "(needed when a field is read from a header).",
    )


class DeprecationSpec(_Spec):
    """A reason that still fires but should no longer be relied on."""

    since: StrictStr | None = Field(default=None, description="The version it was deprecated in.")
    message: Text = Field(description="What to do instead.")


class SubCodeSpec(_Spec):
    """One documented value of a sub-code (a `decline_code` of `card_declined`)."""

    code: AnyCode = Field(description="The value as the body carries it.")
    title: StrictStr | None = Field(default=None, description="A short name for it.")
    cause: Text = Field(description="What it means (Markdown).")
    fix: StrictStr | None = Field(default=None, description="What the client should do (Markdown).")


class ReasonSpec(_Spec):
    """One error reason code."""

    code: AnyCode = Field(
        description="The reason code, unique in the catalogue (or in its scope) in any case."
    )
    title: StrictStr | None = Field(
        default=None, min_length=1, description="A short name, as the provider writes it."
    )
    status: Statuses | None = Field(
        default=None,
        description="The HTTP status, or the list of those it may come with; inherited from "
        "the group when omitted.",
    )
    severity: Literal["error", "warning", "info"] | None = Field(
        default=None,
        description="For APIs that report some codes as warnings or notices; errors say none.",
    )
    cause: Text = Field(description="Why the error happens (Markdown).")
    fix: StrictStr | None = Field(default=None, description="What the client should do (Markdown).")
    endpoints: tuple[EndpointText, ...] = Field(
        default=(), description="The HTTP endpoints that return this reason."
    )
    operations: tuple[OperationName, ...] = Field(
        default=(),
        description="The operations (declared by a group) that return this reason.",
    )
    sub_codes: dict[Text, tuple[SubCodeSpec, ...]] = Field(
        default_factory=dict,
        description="For each sub-code the envelope names, the values it takes with this reason.",
    )
    notes: tuple[Text, ...] = Field(default=(), description="Further paragraphs (Markdown).")
    related: tuple[CodeReference, ...] = Field(
        default=(),
        description="Codes of reasons a reader should compare this one with (in a scoped "
        "catalogue, of the same scope, or written `scope/code`).",
    )
    message: StrictStr | None = Field(
        default=None, description="The message text used in the generated example."
    )
    field: StrictStr | None = Field(
        default=None, description="The offending field used in the generated example."
    )
    example: Any = Field(
        default=None, description="An explicit example error body; generated when omitted."
    )
    since: StrictStr | None = Field(default=None, description="The version the reason appeared in.")
    deprecated: DeprecationSpec | None = Field(
        default=None, description="Set once the reason should no longer be relied on."
    )
    replaced_by: CodeReference | None = Field(
        default=None, description="The code that replaces this one."
    )


class OperationSpec(_Spec):
    """An operation of the API, named the way its clients call it."""

    name: OperationName
    http: EndpointText | None = Field(
        default=None,
        description="Its HTTP binding, `METHOD /path`, when it has one (`POST /`).",
        examples=["POST /", "GET /{Bucket}"],
    )
    query: dict[Text, StrictStr] = Field(
        default_factory=dict,
        description="Query parameters that select it (`Action: DescribeInstances`, `acl: ''`).",
    )
    headers: dict[Text, StrictStr] = Field(
        default_factory=dict,
        description="Request headers that select it (`X-Amz-Target: DynamoDB_20120810.PutItem`).",
    )
    summary: StrictStr | None = Field(default=None, description="What it does (Markdown).")


class GroupSpec(_Spec):
    """A titled group of reasons, possibly holding further groups."""

    id: StrictStr = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$",
        description="A stable identifier, unique within the catalogue.",
    )
    title: Text
    intro: StrictStr | None = Field(default=None, description="Introductory text (Markdown).")
    notes: tuple[Text, ...] = Field(default=(), description="Notes shown as boxes (Markdown).")
    generic: StrictBool = Field(
        default=False,
        description="Its reasons may be returned by any endpoint of the API.",
    )
    status: HttpStatus | None = Field(
        default=None, description="The HTTP status of every reason in it that names none."
    )
    endpoints: tuple[EndpointText, ...] = Field(
        default=(), description="The endpoint patterns its reasons fire on."
    )
    see_also: tuple[Text, ...] = Field(
        default=(), description="Ids of other groups its text refers the reader to."
    )
    operations: tuple[OperationSpec, ...] = Field(
        default=(),
        description="Operations of the API (or, in a scoped catalogue, of the group's scope) "
        "its reasons may name.",
    )
    reasons: tuple[ReasonSpec, ...] = Field(default=(), description="Its reasons, in order.")
    groups: tuple[GroupSpec, ...] = Field(default=(), description="Its subgroups, in order.")


class RetiredSpec(_Spec):
    """A code that was published and is gone: its URL keeps answering, forever."""

    code: AnyCode = Field(description="The code as it was published.")
    scope: StrictStr | None = Field(
        default=None, description="In a scoped catalogue, the scope it was published in."
    )
    renamed_to: CodeReference | None = Field(
        default=None,
        description="The code that replaced it; its old URL then redirects there.",
    )
    since: StrictStr | None = Field(default=None, description="The version it went in.")
    message: Text = Field(description="What happened, and what clients should do now.")


class RetiredEndpointSpec(_Spec):
    """An endpoint whose page was published and is gone: its URL keeps answering, forever."""

    endpoint: EndpointText = Field(description="The endpoint as it was published.")
    moved_to: EndpointText | None = Field(
        default=None,
        description="The endpoint that replaced it (a new path or parameter name); its old "
        "page then redirects there.",
    )
    since: StrictStr | None = Field(default=None, description="The version it went in.")
    message: Text = Field(description="What happened, and what clients should do now.")


def _date_text(value: Any) -> Any:
    """Accept an unquoted YAML date (``2026-04-28``), which YAML reads as a date, as its text."""
    return value.isoformat() if isinstance(value, datetime.date) else value


SourceDate = Annotated[
    StrictStr,
    BeforeValidator(_date_text, json_schema_input_type=str),
    Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
]


class SourceSpec(_Spec):
    """Where the catalogue's content was taken from, and when."""

    url: StrictStr | None = Field(
        default=None, pattern=r"^https?://", description="The page or file it was read from."
    )
    title: StrictStr | None = Field(
        default=None, description="What the source is called (needed when it has no URL)."
    )
    date: SourceDate | None = Field(default=None, description="The day it was read: YYYY-MM-DD.")
    revision: StrictStr | None = Field(
        default=None, description="The revision it was read at: a commit, tag or version."
    )


#: The kinds of finding ``python -m reason_catalog drift`` reports (see the drift guide).
DriftKind = Literal[
    "endpoint-unknown",
    "endpoint-removed",
    "reason-orphaned",
    "status-undeclared",
    "operations-generic-only",
    "group-coverage",
    "envelope-field",
    "envelope-status-name",
    "code-removed",
    "code-renamed",
    "code-added",
    "observed-undocumented",
    "observed-never-seen",
    "observed-status",
    "observed-status-new",
    "observed-undecodable",
]


def _off(value: Any) -> Any:
    """YAML reads an unquoted ``off`` as false; here it can only mean the level ``off``."""
    return "off" if value is False else value


Severity = Annotated[
    Literal["error", "warning", "info", "off"],
    BeforeValidator(_off, json_schema_input_type=Literal["error", "warning", "info", "off"]),
]


class DriftSpec(_Spec):
    """How the drift check treats this catalogue."""

    severity: dict[DriftKind, Severity] = Field(
        default_factory=dict,
        description="A severity for a kind of finding, replacing its default: error, warning, "
        "info, or off to leave it out.",
    )


class ScopeSpec(_Spec):
    """Codes unique within each group of one level, not across the API (AWS's services)."""

    level: StrictInt = Field(
        default=1,
        ge=1,
        le=8,
        description="Which groups are scopes: 1 for the top groups, 2 for their subgroups, …",
    )
    name: Text = Field(
        default="scope",
        pattern=r"^[a-z][a-z -]{0,39}$",
        description="What one scope is called, in lower case: `service`, `enum`, `product`.",
    )


class CatalogueHeaderSpec(_Spec):
    """Everything in a catalogue file but its groups."""

    format: Literal[1] = Field(description="The catalogue format version.")
    api: ApiSpec = Field(description="The API the catalogue documents.")
    code_style: CodeStyleSpec = Field(
        default=CodeStyleSpec(), description="The shape every code must have."
    )
    scopes: ScopeSpec | None = Field(
        default=None,
        description="Set when codes are unique only within each group of one level (a "
        "service, an enum): each such group is a scope with its own pages.",
    )
    envelope: EnvelopeSpec = Field(description="How the API shapes its error bodies.")
    retired: tuple[RetiredSpec, ...] = Field(
        default=(),
        description="Codes removed or renamed since they were published: they keep their URL.",
    )
    retired_endpoints: tuple[RetiredEndpointSpec, ...] = Field(
        default=(),
        description="Endpoints removed or renamed since their pages were published: the "
        "pages keep their URL.",
    )
    sources: tuple[SourceSpec, ...] = Field(
        default=(),
        description="Where the content was taken from: each a URL with a date or a revision.",
    )
    openapi: StrictStr | None = Field(
        default=None,
        description="The OpenAPI spec the catalogue documents: a YAML or JSON file named "
        "relative to the catalogue, or `git:<ref>:<path>`. Read by `drift`, never fetched.",
        examples=["openapi/api.yaml", "git:main:api/openapi.yaml"],
    )
    drift: DriftSpec = Field(
        default=DriftSpec(),
        description="Settings of the drift check (`python -m reason_catalog drift`).",
    )


class CatalogueSpec(CatalogueHeaderSpec):
    """A whole catalogue file."""

    groups: tuple[GroupSpec, ...] = Field(min_length=1, description="The top groups, in order.")


def catalogue_json_schema() -> dict[str, Any]:
    """The JSON Schema of the catalogue format, as published for editors."""
    schema = CatalogueSpec.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Error reason catalogue"
    return schema
