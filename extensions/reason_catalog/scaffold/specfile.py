"""The spec a catalogue starts from: read by drift's reader, from its one file, and walked.

:func:`..drift.openapi.load_openapi` reads it, so a spec that ``drift`` refuses is refused here
with the same located messages; but from its one file only: a ``$ref`` to another file or a
URL is never followed, and says so. The walk then collects what the skeleton needs that drift
does not keep: each operation's tags and summary, and every error response with a body.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from ..catalogue.errors import CatalogueError, Problem
from ..catalogue.yamlerrors import CONTROL
from ..drift.document import Document, DocumentError, read_document
from ..drift.openapi import OpenApi, load_openapi
from ..drift.sources import FileSource, SourceError
from .errorbody import ErrorUse
from .schema import OutsideReference, deref

_BUNDLE = "bundle the spec into one file first (e.g. `npx @redocly/cli bundle openapi.yaml`)"


class _OneFile(FileSource):
    """The spec's own file, and nothing else: ``new`` follows no ``$ref`` out of it."""

    def read(self, uri: str) -> bytes:
        if urldefrag(uri)[0] != self.root_uri:
            raise SourceError(
                "`new` reads the spec's own file only and follows no $ref out of it: "
                "bundle the spec into one file first"
            )
        return super().read(uri)


@dataclass(frozen=True)
class SpecOperation:
    """An operation as the skeleton names it, with what drift's reader does not keep."""

    label: str
    tags: tuple[str, ...]
    operation_id: str | None
    summary: str | None


@dataclass
class SpecFile:
    """What the skeleton is made from."""

    api: OpenApi
    document: Document
    #: The file's name, as the catalogue's comments name it.
    file: str
    operations: list[SpecOperation] = field(default_factory=list)
    uses: list[ErrorUse] = field(default_factory=list)


def text(value: Any) -> str | None:
    """A string from the spec as catalogue text: control characters out, blanks trimmed."""
    if not isinstance(value, str):
        return None
    cleaned = CONTROL.sub("", value.replace("\r\n", "\n")).strip()
    return cleaned or None


def read_spec(path: Path) -> SpecFile:
    """Read the spec; :class:`CatalogueError` locates every problem that keeps it from use."""
    source = _OneFile(path)
    api = load_openapi(source)
    name = source.name(source.root_uri)
    try:
        document = read_document(source.read(source.root_uri).decode("utf-8"), name, "")
    except (SourceError, DocumentError, UnicodeDecodeError) as error:  # it read a moment ago
        problem = Problem(name, 1, 1, "(file)", f"cannot read it again: {error}")
        raise CatalogueError([problem]) from None
    spec = SpecFile(api, document, path.name)
    try:
        _walk(spec)
    except OutsideReference as error:
        raise CatalogueError([outside(document, error)]) from None
    return spec


def outside(document: Document, error: OutsideReference) -> Problem:
    """A ``$ref`` not followed, as a problem located where it is written."""
    path = document.path_of(error.holder) or ()
    return document.problem(
        (*path, "$ref"),
        f"$ref {error.reference!r} is not followed: {error.why}",
        _BUNDLE if "out of the file" in error.why else "point it at a part of this file",
        of_key=True,
    )


def _walk(spec: SpecFile) -> None:
    root = spec.document.data
    paths = deref(root, root.get("paths")) or {}
    for operation in spec.api.operations:
        item = deref(root, paths.get(operation.path))
        node = deref(root, item.get(operation.method.lower())) if isinstance(item, dict) else None
        node = node if isinstance(node, dict) else {}
        found = node.get("tags")
        tags: list[Any] = found if isinstance(found, list) else []
        named = tuple(name for name in map(text, tags) if name)
        summary = text(node.get("summary"))
        spec.operations.append(
            SpecOperation(operation.label, named, operation.operation_id, summary)
        )
        responses = deref(root, node.get("responses"))
        for status, response in responses.items() if isinstance(responses, dict) else ():
            if str(status)[:1] in "45" or status == "default":
                _note_use(spec, root, operation.label, str(status), deref(root, response))


def _note_use(spec: SpecFile, root: Any, operation: str, status: str, response: Any) -> None:
    if not isinstance(response, dict):
        return
    content = deref(root, response.get("content"))
    for media_type, written in content.items() if isinstance(content, dict) else ():
        entry = deref(root, written)
        if isinstance(entry, dict) and "schema" in entry:
            schema = deref(root, entry["schema"])
            description = text(response.get("description")) or ""
            spec.uses.append(ErrorUse(operation, status, str(media_type), schema, description))


def main_schema(uses: Sequence[ErrorUse]) -> tuple[Any, list[ErrorUse]] | None:
    """The most used JSON error body, and every use of it."""
    by_schema: dict[int, list[ErrorUse]] = {}
    for use in uses:
        if "json" in use.media_type.lower():
            by_schema.setdefault(id(use.schema), []).append(use)
    if not by_schema:
        return None
    ranked = sorted(by_schema.values(), key=lambda found: -len(found))  # stable: first seen
    return ranked[0][0].schema, ranked[0]
