"""Load an OpenAPI 3.0 or 3.1 spec: its operations, the statuses each declares, its error bodies.

``$ref``s are resolved by jsonschema-path (on the ``referencing`` library that jsonschema uses),
across as many files as the spec is split into, relative to the file that holds each ``$ref``.
The files themselves are read by us, with positions (:mod:`.document`), from the file system or
a git revision (:mod:`.sources`); a reference to anything but a local file is refused before
anything is fetched. Every problem is located in the file that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from jsonschema_path import SchemaPath

from ..catalogue.endpoints import Endpoint
from ..catalogue.errors import CatalogueError, Problem, format_key_path
from .document import Document, DocumentError, read_document
from .sources import Source, SourceError, is_local, source_problem

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_VERSION = re.compile(r"^3\.[01]\.\d+")
_STATUS_KEY = re.compile(r"^(?:[1-5][0-9][0-9]|[1-5]XX|default)$", re.IGNORECASE)
#: Files one spec may be split into; a bound on what a hostile tree of ``$ref``s can open.
MAX_FILES = 2_000


@dataclass(frozen=True)
class Operation:
    """One operation of the spec and the response statuses it declares."""

    method: str
    path: str
    responses: tuple[str, ...]
    where: str  # file:line, for messages
    operation_id: str | None = None

    @property
    def label(self) -> str:
        """``GET /calls/{id}``."""
        return f"{self.method} {self.path}"

    @property
    def endpoint(self) -> Endpoint:
        """The operation as a catalogue endpoint."""
        return Endpoint(self.path, self.method)

    def declares(self, status: int) -> bool:
        """Whether the spec says this operation may answer ``status`` (ranges and default too)."""
        keys = {key.upper() for key in self.responses}
        return "DEFAULT" in keys or str(status) in keys or f"{status // 100}XX" in keys


@dataclass(frozen=True)
class ErrorBody:
    """A schema the spec gives error responses (4XX, 5XX, default), and how often."""

    media_type: str
    schema: SchemaPath
    uses: int
    where: str


@dataclass(frozen=True)
class OpenApi:
    """What the drift check reads from a spec."""

    name: str
    version: str
    operations: tuple[Operation, ...]
    base_paths: tuple[str, ...] = ()
    error_bodies: tuple[ErrorBody, ...] = ()
    #: The URI of every file the spec was read from (its root first).
    files: tuple[str, ...] = ()


class _LocalOnly(Mapping[str, Any]):
    """Handlers for every URI scheme, as jsonschema-path takes them: ours reads local files only.

    jsonschema-path fetches any scheme it has no handler for over the network; claiming every
    scheme here means nothing is ever fetched, whatever a spec refers to.
    """

    def __init__(self, handler: Callable[[str], Any]) -> None:
        self.handler = handler

    def __getitem__(self, scheme: str) -> Any:
        return self.handler

    def __contains__(self, scheme: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(("file",))

    def __len__(self) -> int:
        return 1


@dataclass
class _Reader:
    """Reads each file of the spec once, and remembers why any failed."""

    source: Source
    documents: dict[str, Document] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    #: ``id()`` of each mapping and list read → the file it is in.
    owners: dict[int, Document] = field(default_factory=dict)

    def __call__(self, uri: str) -> Any:
        uri = urldefrag(uri)[0]
        if uri in self.documents:
            return self.documents[uri].data
        if not is_local(uri):
            self.failures[uri] = "a spec is read from local files only; nothing is fetched"
            raise SourceError(self.failures[uri])
        if len(self.documents) >= MAX_FILES:
            self.failures[uri] = f"the spec refers to more than {MAX_FILES} files"
            raise SourceError(self.failures[uri])
        document = self.load(uri)
        return document.data

    def load(self, uri: str) -> Document:
        name = self.source.name(uri)
        try:
            raw = self.source.read(uri)
        except SourceError as error:
            self.failures[uri] = error.message
            raise
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self.failures[uri] = "the file is not UTF-8 text"
            raise SourceError(self.failures[uri]) from None
        try:
            document = read_document(text, name, uri)
        except DocumentError as error:
            inner = error.problem
            self.failures[uri] = f"{inner.file}:{inner.line}:{inner.column}: {inner.message}"
            raise
        self.documents[uri] = document
        for key in document.containers:
            self.owners.setdefault(key, document)
        return document

    def locate(self, node: Any, key: str | int | None = None, *, of_key: bool = False) -> Problem:
        """A problem about ``node`` (or its ``key``): where it is written, message to be set."""
        document = self.owners.get(id(node))
        if document is None:
            return Problem(self.source.name(self.source.root_uri), 1, 1, "(document)", "")
        path = document.path_of(node) or ()
        full = (*path, key) if key is not None else path
        line, column = document.position(full, of_key=of_key)
        return Problem(document.name, line, column, format_key_path(full), "")

    def where(self, node: Any, key: str | None = None) -> str:
        """``file:line`` of a mapping or list (or of its ``key``)."""
        problem = self.locate(node, key, of_key=True)
        return f"{problem.file}:{problem.line}"


class _Walk:
    """Walks the spec through jsonschema-path, collecting located problems as it goes."""

    def __init__(self, reader: _Reader, root: Document) -> None:
        self.reader = reader
        self.problems: list[Problem] = []
        self.root_data = root.data
        self.root = SchemaPath.from_dict(root.data, base_uri=root.uri, handlers=_LocalOnly(reader))

    def problem(self, node: Any, key: str | int | None, message: str, hint: str = "") -> None:
        at = self.reader.locate(node, key, of_key=True)
        self.problems.append(Problem(at.file, at.line, at.column, at.key_path, message, hint))

    def child(self, parent: tuple[SchemaPath, Any], key: str) -> tuple[SchemaPath, Any] | None:
        """The value under ``key``, with every ``$ref`` followed; ``None`` after a problem."""
        path, holder = parent
        raw = holder.get(key) if isinstance(holder, dict) else None
        try:
            node = path // key  # not `/`, which would split a key at '#'
            with node.resolve() as resolved:
                return node, resolved.contents
        except RecursionError:
            self.problem(holder, key, "its $ref goes round in a loop", "point it at a value")
        # The library resolves whatever a spec holds; any failure of it is a problem of the
        # spec, to be located and reported, never a traceback.
        except Exception as error:
            self.unresolvable(holder, key, raw, error)
        return None

    def unresolvable(self, holder: Any, key: str, raw: Any, error: Exception) -> None:
        if not (isinstance(raw, dict) and "$ref" in raw):
            self.problem(holder, key, f"cannot read this value: {error}")
            return
        ref = raw["$ref"]
        if not isinstance(ref, str):
            self.problem(raw, "$ref", "a $ref must be a string", "write the reference in quotes")
            return
        owner = self.reader.owners.get(id(holder))
        target = urldefrag(urljoin(owner.uri if owner else "", ref))[0]
        why = self.reader.failures.get(target)
        if why is None and urlsplit(target).scheme not in ("", "file"):
            why = "a spec is read from local files only; nothing is fetched"
        fragment = urldefrag(ref)[1]
        message = f"cannot resolve $ref {ref!r}: " + (why or f"nothing at #{fragment}")
        hint = (
            "bundle the remote part into a local file and refer to that"
            if why and "fetched" in why
            else "check the path and the JSON pointer after '#'"
        )
        self.problem(raw, "$ref", message, hint)

    def mapping(
        self, parent: tuple[SchemaPath, Any], key: str, what: str
    ) -> tuple[SchemaPath, dict[str, Any]] | None:
        """The mapping under ``key``; ``None`` after a problem."""
        node = self.child(parent, key)
        if node is None:
            return None
        if not isinstance(node[1], dict):
            self.problem(parent[1], key, f"{what} must be a mapping")
            return None
        return node


def schema_path(schema: Any) -> SchemaPath:
    """A schema held in memory (a catalogue's envelope), whose ``$ref``s stay inside it."""
    return SchemaPath.from_dict(
        schema, base_uri="urn:reason-catalog:envelope", handlers=_LocalOnly(_refuse)
    )


def _refuse(uri: str) -> Any:
    raise SourceError(f"{uri}: this schema resolves only within itself")


def load_openapi(source: Source) -> OpenApi:
    """Read a spec; :class:`CatalogueError` lists every problem that keeps it from being read."""
    reader = _Reader(source)
    root_name = source.name(source.root_uri)
    try:
        root = reader.load(source.root_uri)
    except SourceError as error:
        raise CatalogueError([source_problem(root_name, error)]) from None
    except DocumentError as error:
        raise CatalogueError([error.problem]) from None
    data = root.data
    if not isinstance(data, dict):
        raise CatalogueError([root.problem((), "an OpenAPI spec must be a mapping")])
    version = data.get("openapi")
    if not isinstance(version, str) or not _VERSION.match(version):
        found = f"swagger {data['swagger']}" if "swagger" in data else repr(version)
        raise CatalogueError(
            [
                root.problem(
                    ("openapi",) if "openapi" in data else (),
                    f"not an OpenAPI 3.0 or 3.1 spec (openapi: {found})",
                    "convert a Swagger 2.0 spec to OpenAPI 3 first",
                )
            ]
        )
    walk = _Walk(reader, root)
    operations, bodies = _operations(walk)
    if walk.problems:
        raise CatalogueError(walk.problems)
    ordered = sorted(bodies.values(), key=lambda b: -b.uses)
    return OpenApi(
        root_name,
        version,
        tuple(operations),
        _base_paths(data),
        tuple(ordered),
        tuple(reader.documents),
    )


def _operations(walk: _Walk) -> tuple[list[Operation], dict[tuple[str, int], ErrorBody]]:
    operations: list[Operation] = []
    bodies: dict[tuple[str, int], ErrorBody] = {}
    top = (walk.root, walk.root_data)
    if "paths" not in top[1]:
        return operations, bodies  # a 3.1 spec may hold only webhooks
    paths = walk.mapping(top, "paths", "paths")
    if paths is None:
        return operations, bodies
    for path in paths[1]:
        if path.startswith("x-"):
            continue
        if not path.startswith("/"):
            walk.problem(paths[1], path, f"the path {path!r} does not start with '/'")
            continue
        item = walk.mapping(paths, path, "a path item")
        if item is None:
            continue
        for method in METHODS:
            if method not in item[1]:
                continue
            operation = walk.mapping(item, method, "an operation")
            if operation is None:
                continue
            statuses = _responses(walk, operation, bodies)
            if statuses is not None:
                where = walk.reader.where(item[1], method)
                found = operation[1].get("operationId")
                operation_id = found if isinstance(found, str) else None
                operations.append(Operation(method.upper(), path, statuses, where, operation_id))
    return operations, bodies


def _responses(
    walk: _Walk, operation: tuple[SchemaPath, Any], bodies: dict[tuple[str, int], ErrorBody]
) -> tuple[str, ...] | None:
    if "responses" not in operation[1]:
        return ()  # OpenAPI 3.1 lets an operation leave its responses out
    responses = walk.mapping(operation, "responses", "responses")
    if responses is None:
        return None
    statuses = []
    for key in responses[1]:
        if key.startswith("x-"):
            continue
        if not _STATUS_KEY.match(key):
            walk.problem(
                responses[1],
                key,
                f"{key!r} is not a response status",
                "write '404', '4XX' or default",
            )
            continue
        statuses.append(key)
        if key[0] in "45" or key == "default":
            response = walk.mapping(responses, key, "a response")
            if response is not None:
                _note_bodies(walk, response, bodies)
    return tuple(statuses)


def _note_bodies(
    walk: _Walk, response: tuple[SchemaPath, Any], bodies: dict[tuple[str, int], ErrorBody]
) -> None:
    if "content" not in response[1]:
        return
    content = walk.mapping(response, "content", "content")
    if content is None:
        return
    for media_type in content[1]:
        entry = walk.mapping(content, media_type, "a media type")
        if entry is None or "schema" not in entry[1]:
            continue
        schema = walk.child(entry, "schema")
        if schema is None:
            continue
        key = (media_type, id(schema[1]))
        found = bodies.get(key)
        if found is None:
            where = walk.reader.where(entry[1], "schema")
            bodies[key] = ErrorBody(media_type, schema[0], 1, where)
        else:
            bodies[key] = ErrorBody(media_type, found.schema, found.uses + 1, found.where)


def _base_paths(data: dict[str, Any]) -> tuple[str, ...]:
    """The path part of each server URL (``/v1.0``), which operations' paths are relative to."""
    found = []
    servers = data.get("servers")
    for server in servers if isinstance(servers, list) else ():
        url = server.get("url") if isinstance(server, dict) else None
        if isinstance(url, str) and "{" not in url:
            path = urlsplit(url).path.rstrip("/")
            if path and path not in found:
                found.append(path)
    return tuple(found)
