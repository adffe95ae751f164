"""The reasons a skeleton starts with: the codes the spec's error bodies allow, or an example.

A code gets what the spec says of it and nothing more: its description as its cause, the
status of the responses that may carry it when there is one, and, when only a narrower error
body allows it, the endpoints of that body and their tag's group. Everything else is left for
the team under a ``TODO`` comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..catalogue.spec import CODE_STYLES
from ..catalogue.text import status_phrase
from ..catalogue.yamlerrors import CONTROL
from .errorbody import ErrorUse
from .schema import Field, allowed
from .skeleton import EXAMPLE_WORD, Envelope, Group, Reason, example_code, group_id, starter
from .specfile import SpecFile, main_schema, text

#: The longest code a catalogue takes by default (code_style.max_length).
_MAX_CODE = 255


@dataclass
class SpecCode:
    """A code an error schema enumerates, and where the spec gives it."""

    cause: str | None = None
    uses: list[ErrorUse] = field(default_factory=list)
    #: Whether the most used error body allows it: then nothing ties it to some endpoints.
    shared: bool = False


def spec_codes(spec: SpecFile, code_field: Field | None, code_type: str) -> dict[Any, SpecCode]:
    """Every code an error body's schema allows at the code's place, with the uses of that
    body: in the order the spec lists them."""
    codes: dict[Any, SpecCode] = {}
    if code_field is None:
        return codes
    root = spec.document.data
    schemas: dict[int, tuple[Any, list[ErrorUse]]] = {}
    for use in spec.uses:
        if "json" in use.media_type.lower():
            schemas.setdefault(id(use.schema), (use.schema, []))[1].append(use)
    wanted = int if code_type == "integer" else str
    main = main_schema(spec.uses)
    seen: dict[str, Any] = {}
    for schema, uses in schemas.values():
        for value, said in allowed(root, schema, code_field.segments) or ():
            if isinstance(value, bool) or not isinstance(value, wanted):
                continue
            if isinstance(value, str) and (
                not value or value != value.strip() or CONTROL.search(value)
            ):
                continue
            if isinstance(value, int) and not -(2**63) <= value < 2**63:
                continue  # no catalogue holds it (codes are 64-bit integers at most)
            folded = str(value).casefold()
            if folded in seen and seen[folded] != value:
                continue  # a code is unique in any letter case: the first spelling stays
            seen[folded] = value
            if len(str(value)) <= _MAX_CODE:
                code = codes.setdefault(value, SpecCode())
                code.cause = code.cause or text(said)
                code.uses.extend(uses)
                code.shared = code.shared or (main is not None and schema is main[0])
    return codes


def code_case(
    code_field: Field | None, codes: dict[Any, SpecCode], code_type: str
) -> tuple[str | None, tuple[str, ...]]:
    """The named code style every known code has (its enum, its examples), or ``None``."""
    if code_type == "integer":
        return None, ("Codes are integers, as the spec's error body gives them.",)
    samples = [str(code) for code in codes]
    if code_field is not None:
        example = code_field.schema.get("example")
        examples = code_field.schema.get("examples")
        samples += [s for s in [example, *(examples or ())] if isinstance(s, str)]
    if not samples:
        return None, ("TODO: the spec shows no code; name the style your codes follow.",)
    for case in ("UPPER_SNAKE", "lower_snake", "PascalCase", "digits"):
        if all(re.fullmatch(CODE_STYLES[case], sample) for sample in samples):
            shown = ", ".join(samples[:3]) + (", …" if len(samples) > 3 else "")
            return case, (f"As the spec's codes are written ({shown}).",)
    return None, ("The spec's codes follow no one named style; a `pattern:` may describe them.",)


def with_reasons(
    spec: SpecFile,
    groups: tuple[Group, ...],
    codes: dict[Any, SpecCode],
    case: str | None,
    code_type: str,
    chosen: Envelope,
) -> tuple[Group, ...]:
    """Skeleton reasons for the codes the spec enumerates, or one example to replace."""
    by_id = {g.id: g for g in groups}
    tag_of = _tag_groups(spec, groups)
    everywhere = {use.operation for use in spec.uses}
    spare: list[Reason] = []
    for code, found in codes.items():
        reason, home = _skeleton_reason(code, found, everywhere, tag_of)
        if home is not None:
            group = by_id[home]
            by_id[home] = Group(**{**group.__dict__, "reasons": (*group.reasons, reason)})
        else:
            spare.append(reason)
    result = [by_id[g.id] for g in groups]
    if spare:
        result.append(
            Group(
                id=group_id("spec-reasons", set(by_id)),
                title="Reasons the spec lists",
                reasons=tuple(spare),
                comment=(
                    "The codes the spec's error body enumerates, in its order. TODO: move each",
                    "into the group it belongs to, and describe it.",
                ),
            )
        )
    if not codes:
        result = _with_example(spec, result, case, code_type, chosen)
    return tuple(result)


def _tag_groups(spec: SpecFile, groups: tuple[Group, ...]) -> dict[str, str]:
    """The group of each operation: its first tag's."""
    by_title = {g.title: g.id for g in groups}
    found = {}
    for op in spec.operations:
        title = op.tags[0] if op.tags else "Other endpoints"
        if title in by_title:
            found[op.label] = by_title[title]
    return found


def _skeleton_reason(
    code: Any, found: SpecCode, everywhere: set[str], tag_of: dict[str, str]
) -> tuple[Reason, str | None]:
    operations = list(dict.fromkeys(use.operation for use in found.uses))
    statuses = sorted({int(use.status) for use in found.uses if use.status.isdigit()})
    # A range or a default response may be any status: then the status is not known either.
    ranged = any(not use.status.isdigit() for use in found.uses)
    endpoints = tuple(operations) if set(operations) != everywhere and not found.shared else ()
    homes = {tag_of.get(op) for op in endpoints}
    todo = ["say why it happens (cause) and what the client should do (fix)"]
    if len(statuses) != 1 or ranged:
        given = ", ".join(sorted({use.status for use in found.uses}))
        todo.append(
            "its status" + (f" (bodies that may carry it come with {given})" if given else "")
        )
    if not endpoints:
        todo.append("the endpoints that return it")
    reason = Reason(
        code=code,
        status=statuses[0] if len(statuses) == 1 and not ranged else None,
        cause=found.cause
        or "Not described yet: the API's spec lists this code, but not why it happens.",
        endpoints=endpoints,
        comment=(f"TODO: {', '.join(todo)}.",),
    )
    home = homes.pop() if len(homes) == 1 and endpoints else None
    return reason, home


def _with_example(
    spec: SpecFile, groups: list[Group], case: str | None, code_type: str, chosen: Envelope
) -> list[Group]:
    """One example reason, to replace, on an operation the spec says fails with a 4xx."""
    names = chosen.fields.get("status")
    named = set(names["names"].values()) if isinstance(names, dict) else None
    candidates = [
        (0 if status == 404 else 1, status, index, op)
        for index, op in enumerate(spec.api.operations)
        for status in (int(s) for s in op.responses if s.isdigit() and s.startswith("4"))
        if named is None or status in named
    ]
    comment = (f"{EXAMPLE_WORD}: replace it with a reason of the API (it shows the keys).",)
    if not candidates:
        example = starter("x", "x").groups[0].reasons[0]
        code = example_code(case, code_type, ("RATE", "LIMITED"))
        reason = Reason(**{**example.__dict__, "code": code, "comment": comment})
        general = Group(id=group_id("general", {g.id for g in groups}), title="General reasons")
        return [*groups, Group(**{**general.__dict__, "generic": True, "reasons": (reason,)})]
    _, status, _, op = min(candidates)
    words = ("NOT", "FOUND") if status == 404 else ("REQUEST", "REFUSED")
    reason = Reason(
        code=example_code(case, code_type, words),
        status=status,
        cause=f"{EXAMPLE_WORD} to replace: a reason `{op.label}` returns with HTTP "
        f"{status_phrase(status)}.",
        fix="Say what the client should do.",
        endpoints=(op.label,),
        comment=comment,
    )
    home = _tag_groups(spec, tuple(groups)).get(op.label)
    return [
        Group(**{**g.__dict__, "reasons": (*g.reasons, reason)}) if g.id == home else g
        for g in groups
    ]
