"""A skeleton from an OpenAPI spec: its API, a group per tag, its endpoints, its error body.

The spec is read by :mod:`.specfile`, its codes become reasons in :mod:`.codes`, its error body
an envelope in :mod:`.errorbody`. What the spec states is used; what it does not (a code's
cause, a reason's endpoints) is left for the team, marked ``TODO``, never made up.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..catalogue.endpoints import Endpoint, EndpointSyntaxError
from ..catalogue.errors import CatalogueError
from .codes import code_case, spec_codes, with_reasons
from .errorbody import Inferred, envelope, infer
from .schema import OutsideReference, json_schema, kind
from .skeleton import Envelope, Group, Operation, Skeleton, group_id, starter_envelope
from .specfile import SpecFile, SpecOperation, main_schema, outside, read_spec, text

#: The longest operation name a catalogue takes (spec.OperationName).
_MAX_OPERATION = 256


def skeleton(path: Path, slug: str, title: str | None, *, operations: bool = False) -> Skeleton:
    """The skeleton of the spec at ``path``: :class:`CatalogueError` when it cannot be read."""
    spec = read_spec(path)
    try:
        return _skeleton(spec, slug, title, operations)
    except OutsideReference as error:
        raise CatalogueError([outside(spec.document, error)]) from None


def _skeleton(spec: SpecFile, slug: str, title: str | None, operations: bool) -> Skeleton:
    root = spec.document.data
    info = root.get("info") if isinstance(root.get("info"), dict) else {}
    name = title or text(info.get("title")) or slug
    body, envelopes = _envelope(spec)
    code_field = body.found.get("code") if body else None
    code_type = "integer" if code_field and kind(code_field.schema) == "integer" else "string"
    codes = spec_codes(spec, code_field, code_type)
    case, case_comment = code_case(code_field, codes, code_type)
    groups = _groups(spec, operations)
    groups = with_reasons(spec, groups, codes, case, code_type, envelopes[0])
    docs = root.get("externalDocs")
    docs_url = text(docs.get("url")) if isinstance(docs, dict) else None
    raw_version = info.get("version")
    version = text(str(raw_version) if isinstance(raw_version, int | float) else raw_version)
    # When it was read, or which revision: a source says one of them.
    source: dict[str, str] = {"title": f"{name} OpenAPI spec ({spec.file})"}
    if version:
        source["revision"] = version
    else:
        source["date"] = datetime.date.today().isoformat()
    return Skeleton(
        name=name,
        slug=slug,
        envelope=envelopes[0],
        fallbacks=envelopes[1:],
        groups=groups,
        version=version,
        description=_servers(root),
        docs_url=docs_url if docs_url and re.match(r"^https?://", docs_url) else None,
        code_case=case,
        code_type=code_type,
        code_comment=case_comment,
        sources=(source,),
        header=(
            f"Started from {spec.file} (OpenAPI {spec.api.version}) by `python -m "
            f"reason_catalog new`: {len(spec.operations)} operations in {len(groups)} groups.",
            "The spec gives the structure; the causes and fixes are yours. Look for TODO.",
        ),
    )


def _servers(root: dict[str, Any]) -> str | None:
    urls = [
        url
        for url in (text(s.get("url")) for s in root.get("servers") or () if isinstance(s, dict))
        if url and "`" not in url
    ]
    if not urls:
        return None
    listed = ", ".join(f"`{u}`" for u in urls[:5])
    return f"Requests go to {listed}; the endpoints below are relative to it."


def _envelope(spec: SpecFile) -> tuple[Inferred | None, tuple[Envelope, ...]]:
    """The inferred body (``None`` when there is none) and the envelopes to try, best first."""
    main = main_schema(spec.uses)
    if main is None:
        media = sorted({u.media_type for u in spec.uses})
        why = (
            f"the spec's error bodies are {', '.join(media)}, not JSON"
            if media
            else "the spec gives no schema for its error responses (4XX, 5XX, default)"
        )
        return None, (_with_note(starter_envelope(), f"TODO: {why}: describe its bodies here."),)
    root = spec.document.data
    schema, used = main
    where = spec.document.problem(spec.document.path_of(schema) or (), "", of_key=True)
    origin = f"{spec.file}:{where.line}"
    body = infer(root, schema, spec.uses)
    if "code" not in body.found:
        return body, (
            _with_note(
                starter_envelope(),
                f"TODO: the spec's error body ({origin}) has no field named like a reason code "
                "(reason, code, error_code): describe where the code sits.",
            ),
        )
    common = starter_envelope(
        "integer" if kind(body.found["code"].schema) == "integer" else "string"
    )
    try:
        converted = json_schema(root, schema)
    except ValueError as error:
        return body, (_with_note(common, f"TODO: the spec's error body: {error}."),)
    others = len({id(u.schema) for u in spec.uses}) - 1
    said = f"Read from the spec's error body ({origin}), which {len(used)} error responses give" + (
        f"; the spec has {others} other error bodies." if others else "."
    )
    full = envelope(converted, body, used[0].media_type)
    full = Envelope(**{**full.__dict__, "comment": (said, *full.comment)})
    # Should the schema refuse what the template makes (a pattern on the request id, say),
    # the code and status alone, then the common shape: the catalogue must validate.
    found = {k: v for k, v in body.found.items() if k in ("code", "status")}
    fewer = Inferred(found, body.names, comment=body.comment)
    minimal = envelope(json_schema(root, schema), fewer, used[0].media_type)
    left = sorted(set(body.found) - set(found))
    why = (
        f"TODO: the spec's schema refuses an example with {', '.join(left)} as the template "
        "fills them, so only the code and the status are read: see envelope.fields."
    )
    minimal = Envelope(**{**minimal.__dict__, "comment": (said, *minimal.comment, why)})
    note = f"TODO: the spec's error body ({origin}) could not be used as it is."
    return body, (full, minimal, _with_note(common, note))


def _with_note(envelope: Envelope, note: str) -> Envelope:
    return Envelope(**{**envelope.__dict__, "comment": (*envelope.comment, note)})


def _groups(spec: SpecFile, operations: bool) -> tuple[Group, ...]:
    """A group per tag, in the spec's order of tags, with its endpoints (or operations)."""
    root = spec.document.data
    described = {
        tag: text(entry.get("description"))
        for entry in root.get("tags") or ()
        if isinstance(entry, dict) and (tag := text(entry.get("name")))
    }
    order = [*described, *(t for op in spec.operations for t in op.tags)]
    members: dict[str, list[SpecOperation]] = {tag: [] for tag in order}
    untagged = [op for op in spec.operations if not op.tags]
    for op in spec.operations:
        for tag in op.tags:
            members[tag].append(op)
    taken: set[str] = set()
    # Operation names declared so far (in any case, as the loader compares them): an operation
    # of several tags is declared by its first tag's group, and listed by the others' groups.
    names: set[str] | None = set() if operations else None
    groups = []
    for tag, ops in members.items():
        if ops:
            groups.append(_group(group_id(tag, taken), tag, described.get(tag), ops, names))
    if untagged:
        groups.append(_group(group_id("untagged", taken), "Other endpoints", None, untagged, names))
    return tuple(groups)


def _group(
    id_: str, title: str, intro: str | None, ops: Iterable[SpecOperation], names: set[str] | None
) -> Group:
    endpoints: list[str] = []
    declared: list[Operation] = []
    refused: list[str] = []
    for op in ops:
        try:
            Endpoint.parse(op.label)
        except EndpointSyntaxError as error:
            refused.append(f"{op.label}: {error}")
            continue
        name = op.operation_id
        if (
            names is not None
            and name
            and len(name) <= _MAX_OPERATION
            and not re.search(r"\s", name)
            and name.casefold() not in names
        ):
            names.add(name.casefold())
            declared.append(Operation(name, op.label, op.summary))
        else:
            endpoints.append(op.label)
    comment = tuple(f"Left out, as no catalogue can name it: {line}" for line in refused)
    return Group(
        id=id_,
        title=title,
        intro=intro,
        endpoints=tuple(endpoints),
        operations=tuple(declared),
        comment=comment,
    )
