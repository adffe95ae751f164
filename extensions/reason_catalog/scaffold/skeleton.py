"""What a new catalogue says, before it is written as commented YAML: the starter's contents.

A skeleton is plain data: :mod:`.fromspec` fills one from an OpenAPI spec, :func:`starter`
makes the one a team starts from without a spec, and :mod:`.render` writes either as a
catalogue file whose comments say what each key means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..catalogue.spec import CODE_STYLES, ApiSpec

#: What marks a reason as an example to replace: in its code, its cause and its comment.
EXAMPLE_WORD = "EXAMPLE"


@dataclass(frozen=True)
class Reason:
    """One reason of the skeleton; ``comment`` lines are written above it."""

    code: str | int
    cause: str
    status: int | None = None
    fix: str | None = None
    endpoints: tuple[str, ...] = ()
    example: Any = None
    comment: tuple[str, ...] = ()


@dataclass(frozen=True)
class Operation:
    """An operation a group declares (``--operations``): its operationId and HTTP binding."""

    name: str
    http: str
    summary: str | None = None


@dataclass(frozen=True)
class Group:
    """A group of the skeleton; ``comment`` lines are written above it."""

    id: str
    title: str
    intro: str | None = None
    generic: bool = False
    endpoints: tuple[str, ...] = ()
    operations: tuple[Operation, ...] = ()
    reasons: tuple[Reason, ...] = ()
    comment: tuple[str, ...] = ()


@dataclass(frozen=True)
class Envelope:
    """The dialect: a body's schema, where values sit, and the generated examples' template.

    ``comment`` lines are written above ``envelope:``; ``field_notes`` beside each field.
    """

    schema: dict[str, Any]
    fields: dict[str, Any]
    template: Any
    media_type: str = "application/json"
    comment: tuple[str, ...] = ()
    field_notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Skeleton:
    """Everything a new catalogue file holds."""

    name: str
    slug: str
    envelope: Envelope
    groups: tuple[Group, ...]
    version: str | None = None
    description: str | None = None
    docs_url: str | None = None
    #: A named code style (``UPPER_SNAKE``…), or ``None`` to leave codes unconstrained.
    code_case: str | None = None
    code_type: str = "string"
    code_comment: tuple[str, ...] = ()
    #: ``sources:`` entries, each a mapping of SourceSpec's keys.
    sources: tuple[dict[str, str], ...] = ()
    #: The spec the catalogue documents, relative to the catalogue (``openapi:``).
    openapi: str | None = None
    #: Lines for the file's header: what was read, and what is left for the team.
    header: tuple[str, ...] = ()
    #: Envelopes to try in turn should the catalogue not validate with ``envelope``: a spec's
    #: schema may refuse what a template makes of it.
    fallbacks: tuple[Envelope, ...] = ()


def slug_problem(slug: str) -> str | None:
    """Why ``slug`` cannot be an API's slug (as the loader checks it), or ``None``."""
    pattern = next(
        (m.pattern for m in ApiSpec.model_fields["slug"].metadata if getattr(m, "pattern", None)),
        None,
    )
    if pattern is None or re.fullmatch(pattern, slug):
        return None
    suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")
    suggestion = re.sub(r"^[^a-z]+", "", suggestion)[:40].rstrip("-")
    rule = (
        f"{slug!r} is not a valid API slug: it must start with a lowercase letter and hold only "
        "lowercase letters, digits and '-', 40 characters at most (it names the API in URLs)"
    )
    return f"{rule}; try {suggestion!r}" if suggestion else rule


def group_id(tag: str, taken: set[str]) -> str:
    """A group id from a tag: ``Call Flows`` → ``call-flows``, unique among ``taken``."""
    base = re.sub(r"[^a-z0-9_-]+", "-", tag.lower()).strip("-_") or "group"
    found, number = base, 2
    while found in taken:
        found, number = f"{base}-{number}", number + 1
    taken.add(found)
    return found


def title_from_slug(slug: str) -> str:
    """``acme-pay`` → ``Acme Pay``: a first name for the API, for the team to correct."""
    return " ".join(word.capitalize() for word in slug.split("-") if word) or slug


def example_code(case: str | None, code_type: str, words: tuple[str, ...]) -> str | int:
    """An example's code in the catalogue's style: ``EXAMPLE_NOT_FOUND``, ``ExampleNotFound``…"""
    if code_type == "integer" or case == "digits":
        code = "99999"
        return int(code) if code_type == "integer" else code
    parts = (EXAMPLE_WORD, *words)
    if case == "lower_snake":
        code = "_".join(p.lower() for p in parts)
    elif case == "PascalCase":
        code = "".join(p.capitalize() for p in parts)
    else:
        code = "_".join(p.upper() for p in parts)
    pattern = CODE_STYLES.get(case or "UPPER_SNAKE", "")
    assert re.fullmatch(pattern, code), code  # each style's own example
    return code


def starter_envelope(code_type: str = "string") -> Envelope:
    """A common shape of error body, for a team to adapt to its API's."""
    error_fields = {
        "code": {"type": code_type},
        "status": {"type": "integer"},
        "message": {"type": "string"},
        "request_id": {"type": "string"},
    }
    return Envelope(
        schema={
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": error_fields,
                }
            },
        },
        fields={
            "code": "error.code",
            "status": "error.status",
            "message": "error.message",
            "request_id": "error.request_id",
        },
        template={
            "error": {
                "code": "{code}",
                "status": "{status?}",
                "message": "{message}",
                "request_id": "{request_id}",
            }
        },
        comment=(
            'A common shape, to adapt: {"error": {"code": …, "status": 404, "message": …,',
            '"request_id": …}}. Describe the bodies your API really sends.',
        ),
    )


def starter(slug: str, name: str) -> Skeleton:
    """The catalogue a team starts from without a spec: two example reasons to replace."""
    rate_limited = Reason(
        code=example_code("UPPER_SNAKE", "string", ("RATE", "LIMITED")),
        status=429,
        cause=f"{EXAMPLE_WORD} to replace: the client sent more requests than its plan allows "
        "in a minute.",
        fix="Wait for the number of seconds the `Retry-After` header gives, then retry.",
        comment=(f"{EXAMPLE_WORD}: replace it with a reason of your API.",),
    )
    not_found_code = example_code("UPPER_SNAKE", "string", ("WIDGET", "NOT", "FOUND"))
    not_found = Reason(
        code=not_found_code,
        status=404,
        cause=f"{EXAMPLE_WORD} to replace: no widget has the ID the request names, or it "
        "belongs to another account.",
        fix="Use an ID from a recent `GET /widgets` call.",
        endpoints=("GET /widgets/{id}", "DELETE /widgets/{id}"),
        example={
            "error": {
                "code": not_found_code,
                "status": 404,
                "message": "Widget w_42 not found.",
                "request_id": "req_0123456789ab",
            }
        },
        comment=(
            f"{EXAMPLE_WORD}: replace it with a reason of your API. Its `example` is a body",
            "written out; without one, an example is generated from envelope.template.",
        ),
    )
    return Skeleton(
        name=name,
        slug=slug,
        envelope=starter_envelope(),
        code_case="UPPER_SNAKE",
        groups=(
            Group(
                id="general",
                title="General reasons",
                intro="Reasons any endpoint of the API may return.",
                generic=True,
                reasons=(rate_limited,),
                comment=(f"{EXAMPLE_WORD} groups: rename and refill them.",),
            ),
            Group(
                id="widget",
                title="Widget reasons",
                endpoints=("/widgets", "/widgets/{id}*"),
                reasons=(not_found,),
            ),
        ),
    )
