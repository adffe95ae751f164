"""Read a YAML document into plain Python values while remembering where every value was written.

PyYAML's composer gives every node a position; we build the values ourselves from the node tree
so that each key path maps to its line and column, duplicate keys are caught (PyYAML silently
keeps the last), and nothing but plain JSON-like data can come out of a catalogue file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import KeyPath, Problem, format_key_path

# The C composer is several times faster on large catalogues; PyYAML may be built without it.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_MERGE_TAG = "tag:yaml.org,2002:merge"
#: Deeper nesting than this is refused: no catalogue needs it, and it would exhaust the stack.
MAX_DEPTH = 64


@dataclass
class Located:
    """A parsed document, the position of each value and key in it, and what went wrong."""

    file: str
    data: Any = None
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: KeyPath, *, of_key: bool = False) -> tuple[int, int]:
        """Line and column of ``path``; of its nearest written ancestor when it is missing."""
        if of_key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            where = self.values.get(path[:end])
            if where is not None:
                return where
        return (1, 1)

    def problem(
        self,
        path: KeyPath,
        message: str,
        hint: str = "",
        *,
        of_key: bool = False,
        at: tuple[int, int] | None = None,
    ) -> None:
        """Record a problem located at ``path`` (or at the explicit position ``at``)."""
        line, column = at or self.position(path, of_key=of_key)
        self.problems.append(Problem(self.file, line, column, format_key_path(path), message, hint))


def _where(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed node tree into values, filling in a :class:`Located`."""

    def __init__(self, located: Located) -> None:
        self.located = located
        self.constructor = yaml.constructor.SafeConstructor()
        self.active: set[int] = set()  # nodes being built, to refuse recursive aliases

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        # A block mapping or list starts on the line after its key; readers look for the key.
        is_scalar = isinstance(node, yaml.ScalarNode)
        self.located.values[path] = (
            _where(node) if is_scalar else self.located.keys.get(path, _where(node))
        )
        if len(path) > MAX_DEPTH:
            self.located.problem(
                path, f"values are nested more than {MAX_DEPTH} levels deep", "flatten them"
            )
            return None
        if id(node) in self.active:
            self.located.problem(path, "a YAML alias refers to itself", "remove the recursion")
            return None
        if isinstance(node, yaml.MappingNode):
            self.active.add(id(node))
            try:
                return self._mapping(node, path)
            finally:
                self.active.discard(id(node))
        if isinstance(node, yaml.SequenceNode):
            self.active.add(id(node))
            try:
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            finally:
                self.active.discard(id(node))
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.MarkedYAMLError as error:
            self.located.problem(
                path,
                f"cannot read this value: {error.problem}",
                "write a plain string, number, boolean or null",
            )
            return None

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            at = _where(key_node)
            if key_node.tag == _MERGE_TAG:
                self.located.problem(
                    path, "YAML merge keys (<<) are not supported", "write the keys out", at=at
                )
                continue
            key = self._key(key_node)
            if key is None:
                self.located.problem(path, "a key must be a plain string", "quote it", at=at)
                continue
            key_path = (*path, key)
            if key in first_line:
                self.located.problem(
                    key_path,
                    f"duplicate key {key!r} (first written on line {first_line[key]})",
                    "keep one of them",
                    at=at,
                )
                continue
            first_line[key] = at[0]
            self.located.keys[key_path] = at
            result[key] = self.build(value_node, key_path)
        return result

    def _key(self, node: yaml.Node) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            return None
        try:
            key = self.constructor.construct_object(node)
        except yaml.MarkedYAMLError:
            return None
        return key if isinstance(key, str) else None


def read_yaml(text: str, file: str) -> Located:
    """Parse one YAML document; syntax errors and duplicate keys become located problems."""
    located = Located(file)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(part for part in (error.context, error.problem) if part)
        located.problems.append(
            Problem(
                file,
                line,
                column,
                "(document)",
                f"YAML syntax error: {detail or 'malformed document'}",
                "check indentation and quoting near this position",
            )
        )
        return located
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        located.problems.append(
            Problem(file, 1, 1, "(document)", f"YAML error: {error}", "save the file as UTF-8 text")
        )
        return located
    if node is None:
        located.problems.append(
            Problem(file, 1, 1, "(document)", "the file is empty", "start from a shipped catalogue")
        )
        return located
    located.data = _Builder(located).build(node, ())
    return located
