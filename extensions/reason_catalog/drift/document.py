"""Read one file of an OpenAPI spec (YAML or JSON) into plain values, remembering positions.

The catalogue's own reader (:mod:`..catalogue.yamlsource`) is stricter than a spec allows: an
OpenAPI file may write a response status as an unquoted key (``200:``) and may be far larger.
This reader keeps what the drift check needs: plain JSON-like values, the line and column of
every key and value, and which object in memory came from which place, so that a node reached
through a ``$ref`` can still be located. Like the catalogue's reader it builds values from
PyYAML's event stream without recursion, and bounds nesting, values and alias repetition.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml

from ..catalogue.errors import KeyPath, Problem, format_key_path
from ..catalogue.yamlsource import position_in

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
#: Tags whose values we construct; any other scalar (a date, binary) keeps its text.
_PLAIN_TAGS = frozenset(
    {
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
    }
)

#: Deeper nesting is refused: real specs stay far below it, and every walk over a node costs
#: a frame per level.
MAX_DEPTH = 256
#: Keys and values in one file, each counted every time an alias repeats it: ten times the
#: largest public specs we know of, and a bound on what an alias bomb can make us walk.
MAX_VALUES = 5_000_000


class DocumentError(Exception):
    """A file that cannot be read; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Document:
    """One parsed file, where each value was written, and the key path of each container."""

    name: str
    data: Any = None
    #: The URI the file was read from, which its relative ``$ref``s are resolved against.
    uri: str = ""
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    #: ``id()`` of each mapping and list in :attr:`data` → its key path (the first, if shared).
    containers: dict[int, KeyPath] = field(default_factory=dict)

    def position(self, path: KeyPath, *, of_key: bool = False) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest written ancestor."""
        return position_in(self.values, self.keys, path, of_key=of_key)

    def problem(
        self, path: KeyPath, message: str, hint: str = "", *, of_key: bool = False
    ) -> Problem:
        """A problem located at ``path`` in this file."""
        line, column = self.position(path, of_key=of_key)
        return Problem(self.name, line, column, format_key_path(path), message, hint)

    def path_of(self, node: Any) -> KeyPath | None:
        """The key path of a mapping or list of this file, or ``None`` if it is not one."""
        return self.containers.get(id(node))


def _where(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _Builder:
    """Values from events, with no recursion: a stack of the containers still open."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.stack: list[tuple[Any, KeyPath, str | None, int]] = []  # value, path, anchor, start
        self.pending_key: list[str | None] = []  # per open mapping: the key awaiting a value
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.count = 0
        self.root: Any = None
        self.resolver = _Loader("")  # for the implicit tags of plain scalars

    def fail(self, event: yaml.Event, path: KeyPath, message: str, hint: str = "") -> NoReturn:
        line, column = _where(event)
        raise DocumentError(
            Problem(self.document.name, line, column, format_key_path(path), message, hint)
        )

    def path_here(self) -> KeyPath:
        if not self.stack:
            return ()
        value, path, _, _ = self.stack[-1]
        if isinstance(value, list):
            return (*path, len(value))
        key = self.pending_key[-1]
        return (*path, key) if key is not None else path

    def count_values(self, event: yaml.Event, size: int = 1) -> None:
        self.count += size
        if self.count > MAX_VALUES:
            self.fail(
                event,
                self.path_here(),
                f"the file holds more than {MAX_VALUES:,} values (aliases counted in full)",
                "split the spec, or write repeated parts as $ref instead of YAML aliases",
            )

    def read(self, events: Any) -> Any:
        for event in events:
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if self.awaiting_key():
                    self.fail(event, self.path_here(), "a key must be a plain value", "quote it")
                if len(self.stack) >= MAX_DEPTH:
                    self.fail(event, self.path_here(), f"nested deeper than {MAX_DEPTH} levels")
                self.count_values(event)
                path = self.path_here()
                value: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                self.document.values[path] = _where(event)
                self.document.containers.setdefault(id(value), path)
                self.stack.append((value, path, event.anchor, self.count))
                self.pending_key.append(None)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                value, _, anchor, start = self.stack.pop()
                self.pending_key.pop()
                if anchor is not None:
                    self.anchors[anchor] = (value, self.count - start + 1)
                self.add(value)
            elif isinstance(event, yaml.ScalarEvent):
                self.count_values(event)
                if self.awaiting_key():
                    self.key(event)
                    continue
                scalar = self.scalar(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (scalar, 1)
                self.document.values[self.path_here()] = _where(event)
                self.add(scalar)
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor is None or event.anchor not in self.anchors:
                    self.fail(
                        event,
                        self.path_here(),
                        f"the alias *{event.anchor} names no finished anchor (a loop?)",
                        "write the value out, or use a $ref",
                    )
                value, size = self.anchors[event.anchor]
                if self.awaiting_key():
                    if isinstance(value, dict | list):
                        self.fail(event, self.path_here(), "a key must be a plain value")
                    self.set_key(event, str(value))
                    continue
                self.count_values(event, size)
                self.document.values[self.path_here()] = _where(event)
                self.add(value)
        return self.root

    def awaiting_key(self) -> bool:
        return (
            bool(self.stack)
            and isinstance(self.stack[-1][0], dict)
            and (self.pending_key[-1] is None)
        )

    def key(self, event: yaml.ScalarEvent) -> None:
        scalar = self.scalar(event)
        if isinstance(scalar, bool) or scalar is None:
            # ``yes:`` or ``~:`` as a key is a slip, not a name; say so rather than guess.
            self.fail(event, self.path_here(), f"the key {event.value!r} is not a name", "quote it")
        self.set_key(event, str(scalar) if not isinstance(scalar, str) else scalar)

    def set_key(self, event: yaml.Event, key: str) -> None:
        mapping, path, _, _ = self.stack[-1]
        if key in mapping:
            first = self.document.keys[(*path, key)][0]
            self.fail(
                event, (*path, key), f"duplicate key {key!r} (first on line {first})", "keep one"
            )
        self.document.keys[(*path, key)] = _where(event)
        self.pending_key[-1] = key

    def add(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1][0]
        if isinstance(parent, list):
            parent.append(value)
        else:
            key = self.pending_key[-1]
            assert key is not None
            parent[key] = value
            self.pending_key[-1] = None

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        if event.tag not in (None, "!"):
            tag = str(event.tag)
        elif not event.implicit[0]:
            tag = _STR_TAG
        else:
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, (True, False))
        if tag not in _PLAIN_TAGS:
            return event.value
        node = yaml.ScalarNode(tag, event.value, None, None, event.style)
        try:
            return self.resolver.construct_document(node)
        except (yaml.YAMLError, ArithmeticError, ValueError, TypeError):
            return event.value


def read_document(text: str, name: str, uri: str = "") -> Document:
    """Parse one YAML or JSON file; raise :class:`DocumentError` with a located problem."""
    document = Document(name, uri=uri)
    try:
        builder = _Builder(document)
        document.data = builder.read(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        if name.lower().endswith(".json"):
            _json_problem(text, name)  # JSON's own message, when YAML and JSON disagree
            return _json_document(text, name, uri)
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DocumentError(
            Problem(
                name,
                line,
                column,
                "(document)",
                f"YAML syntax error: {error.problem or error.context or 'malformed document'}",
                "check indentation and quoting near this position",
            )
        ) from None
    except yaml.YAMLError as error:
        raise DocumentError(Problem(name, 1, 1, "(document)", f"YAML error: {error}")) from None
    if document.data is None:
        raise DocumentError(Problem(name, 1, 1, "(document)", "the file is empty"))
    return document


def _json_problem(text: str, name: str) -> None:
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise DocumentError(
            Problem(
                name, error.lineno, error.colno, "(document)", f"JSON syntax error: {error.msg}"
            )
        ) from None
    except RecursionError:
        raise DocumentError(
            Problem(name, 1, 1, "(document)", f"nested deeper than {MAX_DEPTH} levels")
        ) from None


def _json_document(text: str, name: str, uri: str) -> Document:
    """A JSON file PyYAML cannot read (it reads YAML 1.1): its values, located only as a whole."""
    document = Document(name, json.loads(text), uri)
    document.values[()] = (1, 1)
    stack: list[tuple[Any, KeyPath]] = [(document.data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict | list):
            document.containers.setdefault(id(value), path)
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend((child, (*path, key)) for key, child in items)
    return document
