"""Pydantic's validation errors as located problems a catalogue author can act on.

Each error becomes a :class:`~.errors.Problem` at the line of the key it is about, worded for
a person editing YAML (``unknown key 'staus'``, ``did you mean 'status'?``), not for a
programmer reading a model.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import KeyPath
from .yamlsource import Located

_M = typing.TypeVar("_M", bound=BaseModel)


def validate_part(
    model: type[_M],
    data: Any,
    path: KeyPath,
    located: Located,
    whole: type[BaseModel] | None = None,
) -> _M | None:
    """``data`` as ``model``, or ``None`` after recording every problem with it.

    ``whole`` is the model whose keys a reader may write here, when ``model`` checks only part.
    """
    try:
        return model.model_validate(data)
    except ValidationError as error:
        _report_validation(error, whole or model, path, located)
        return None


def _report_validation(
    error: ValidationError, model: type[BaseModel], prefix: KeyPath, located: Located
) -> None:
    details = error.errors(include_url=False)
    failing = {tuple(d["loc"]) for d in details if d["type"] != "too_short"}
    for detail in details:
        relative: KeyPath = tuple(detail["loc"])
        if (
            relative
            and isinstance(relative[-1], int)
            and (*prefix, *relative) not in located.values
        ):
            relative = relative[:-1]  # ``status: 999`` read as ``[999]``: the value itself
        path = (*prefix, *relative)
        kind = detail["type"]
        # A list whose items failed looks empty to its length check: say only the real problem.
        if kind == "too_short" and any(
            f[: len(relative)] == relative and f != relative for f in failing
        ):
            continue
        if kind == "extra_forbidden":
            key = str(path[-1])
            allowed = _allowed_keys(model, relative[:-1])
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            located.problem(
                path,
                f"unknown key {key!r}",
                hint + "allowed here: " + ", ".join(allowed),
                of_key=True,
            )
        elif kind == "missing":
            located.problem(
                path[:-1], f"missing required key {path[-1]!r}", "add it (see the authoring guide)"
            )
        else:
            message = detail["msg"][0].lower() + detail["msg"][1:]
            if kind == "tuple_type" and path[-1] == "status":  # one status, or a list of them
                message, kind = "input should be a valid integer", "int_type"
            if "input" in detail and kind.endswith("_type"):
                message += f", got {describe(detail['input'])}"
            located.problem(path, message, _hint(path, kind))


def describe(value: Any) -> str:
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing (null)",
    }
    kind = names.get(type(value), type(value).__name__)
    shown = repr(value)
    return kind if isinstance(value, list | dict) or len(shown) > 40 else f"{kind} {shown}"


def _hint(path: KeyPath, kind: str) -> str:
    name = next((p for p in reversed(path) if isinstance(p, str)), "")
    if name == "status" and kind in {"greater_than_equal", "less_than_equal", "int_type"}:
        return "an HTTP status is a number from 100 to 599, written without quotes"
    if kind == "string_type":
        return "quote the value to make it a string"
    if kind == "string_pattern_mismatch":
        return "see the format reference for the allowed characters"
    return ""


def _allowed_keys(root: type[BaseModel], path: KeyPath) -> list[str]:
    model: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        field = model.model_fields.get(part) or next(
            (f for f in model.model_fields.values() if f.alias == part), None
        )
        if field is None:
            return []
        model = _model_in(field.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [f.alias or name for name, f in model.model_fields.items()]
    return []


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside ``X | None``, ``tuple[X, ...]`` or ``Annotated[X, …]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, tuple, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
