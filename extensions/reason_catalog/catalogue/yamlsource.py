"""Read a YAML document into plain Python values while remembering where every value was written.

We build the values ourselves from PyYAML's event stream, so that each key path maps to its
line and column, duplicate keys are caught (PyYAML silently keeps the last), nothing but plain
JSON-like data comes out, and no file, however hostile, can exhaust the reader: nesting depth,
the number of values (aliases counted at their full size) and the size of numbers are bounded,
and every refusal is a located problem.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import KeyPath, Problem, format_key_path
from .yamlerrors import CONTROL, character_problem, end_of, syntax_problem, within

# libyaml's event parser is a state machine with a stack on the heap; PyYAML's C composer,
# which we do not use, recurses (100,000 nested brackets crash the interpreter). PyYAML may be
# built without libyaml; its Python parser does not recurse either.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_MERGE_TAG = "tag:yaml.org,2002:merge"

#: Deeper nesting than this is refused: no catalogue needs it. Reading stops there, as the
#: scanner's work per token grows with the depth of the open brackets.
MAX_DEPTH = 64
#: Keys and values in one document, each counted every time an alias repeats it. A
#: 10,000-reason catalogue holds 140,000 and the largest file :mod:`.load` accepts about
#: 400,000, so only degenerate files (``[0,0,0,…``) reach it. Reading costs up to 6
#: microseconds and 300 bytes a value: this keeps the worst case to seconds and 300 MB.
MAX_VALUES = 500_000
#: Of those, the ones repeated through aliases. An alias is shared, not copied, but the checks
#: after us walk every repetition (about 10 microseconds a value), so a small file must not
#: stand for a big one: an alias bomb ("billion laughs") is refused at the alias crossing this.
MAX_REPEATED = 100_000
#: A reader's problems worth reporting; a file of 100,000 duplicate keys is not read further.
MAX_PROBLEMS = 1_000
#: Integers must fit in 64 bits, like the JSON and databases they end up in.
MIN_INT, MAX_INT = -(2**63), 2**63 - 1
# Longer integer text is refused before conversion: 64 binary digits and a "b" of "0b".
# Python would refuse more than 4,300 digits with an error, and spend quadratic time below.
_MAX_INT_CHARS = 65

_Event = yaml.Event
_Node = yaml.NodeEvent  # a scalar, an alias, or the start of a mapping or list
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


Positions = dict[KeyPath, tuple[int, int]]


def position_in(
    values: Positions, keys: Positions, path: KeyPath, *, of_key: bool = False
) -> tuple[int, int]:
    """Line and column of ``path`` (of its key with ``of_key``), or of its nearest ancestor."""
    if of_key and path in keys:
        return keys[path]
    for end in range(len(path), -1, -1):
        where = values.get(path[:end])
        if where is not None:
            return where
    return (1, 1)


@dataclass
class Located:
    """A parsed document, the position of each value and key in it, and what went wrong."""

    file: str
    data: Any = None
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: The last line of the file's text and its length: positions are kept within it.
    end: tuple[int, int] = (1, 0)

    def position(self, path: KeyPath, *, of_key: bool = False) -> tuple[int, int]:
        """Line and column of ``path``; of its nearest written ancestor when it is missing.

        Values reached through an alias are located at the alias.
        """
        return position_in(self.values, self.keys, path, of_key=of_key)

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
        line, column = within(self.end, *(at or self.position(path, of_key=of_key)))
        self.problems.append(Problem(self.file, line, column, format_key_path(path), message, hint))


class _Stop(Exception):
    """Reading ends here; the problem is recorded, and nothing of the document is kept."""


class _Unreadable(Exception):
    """A scalar that is not plain data."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass
class _Anchor:
    """A value written with ``&name``, and what repeating it through ``*name`` costs."""

    value: Any
    size: int  # keys and values in it, itself included
    height: int  # levels of nesting below it


@dataclass
class _Open:
    """A mapping or list whose end has not been read yet."""

    value: dict[str, Any] | list[Any]
    path: KeyPath
    anchor: str | None
    start: int  # the count of values when it opened, to size it for its anchor
    height: int = 0
    awaiting_key: bool = False  # a mapping whose next node is a key
    key: str | None = None  # a mapping's key whose value comes next; None to skip that value


def _where(event: _Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _shown(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:20]}…"


class _Builder:
    """Turns an event stream into values, filling in a :class:`Located`; never recurses."""

    def __init__(self, located: Located) -> None:
        self.located = located
        self.resolve: Callable[..., str] = yaml.resolver.Resolver().resolve
        self.constructor = yaml.constructor.SafeConstructor()
        self.stack: list[_Open] = []  # its length is the depth of the next value
        self.anchors: dict[str, _Anchor | None] = {}  # None while the anchored value is open
        self.count = 0  # keys and values read, aliases counted at their size
        self.repeated = 0  # of which through aliases
        self.skipping = 0  # open collections inside a refused key or its value
        self.documents = 0
        self.root: Any = None

    def read(self, events: Iterable[_Event]) -> Any:
        """The value of the one document in ``events``."""
        for event in events:
            if self.skipping:
                self._skip(event)
            elif isinstance(event, _ENDS):
                self._close()
            elif isinstance(event, _Node):
                self._node(event)
            elif isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self._stop(
                        (),
                        "YAML syntax error: a second YAML document starts here",
                        "keep one document in each catalogue file",
                        at=_where(event),
                    )
        return self.root

    def _stop(self, path: KeyPath, message: str, hint: str, at: tuple[int, int]) -> None:
        self.located.problem(path, message, hint, at=at)
        raise _Stop

    def _problem(
        self, path: KeyPath, message: str, hint: str, at: tuple[int, int] | None = None
    ) -> None:
        self.located.problem(path, message, hint, at=at)
        if len(self.located.problems) >= MAX_PROBLEMS:
            last = self.located.problems[-1]
            self._stop(
                path,
                f"reading stopped after {MAX_PROBLEMS:,} problems",
                "fix these first",
                (last.line, last.column),
            )

    def _counted(self, event: _Node, path: KeyPath, size: int = 1) -> None:
        self.count += size
        if self.count > MAX_VALUES:
            self._stop(
                path,
                f"the document holds more than {MAX_VALUES:,} values",
                "split it into several catalogues",
                _where(event),
            )

    def _deep(self, path: KeyPath, event: _Node, depth: int) -> None:
        if depth > MAX_DEPTH:
            through = (
                f" (through the alias *{event.anchor})"
                if isinstance(event, yaml.AliasEvent)
                else ""
            )
            self._stop(
                path,
                f"values are nested more than {MAX_DEPTH} levels deep{through}",
                "flatten them",
                _where(event),
            )

    def _skip(self, event: _Event) -> None:
        """Read past what belongs to a refused key, still bounding its size and depth."""
        if not isinstance(event, _Node):  # the end of a mapping or list
            self.skipping -= 1
            return
        path = self.stack[-1].path
        self._counted(event, path)
        if isinstance(event, _STARTS):
            self._deep(path, event, len(self.stack) + self.skipping)
            self.skipping += 1

    def _node(self, event: _Node) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            path: KeyPath = ()
        elif parent.awaiting_key:
            self._key(parent, event)
            return
        elif isinstance(parent.value, list):
            path = (*parent.path, len(parent.value))
        elif parent.key is None:  # the value of a refused key
            parent.awaiting_key = True
            self._skip(event)
            return
        else:
            path = (*parent.path, parent.key)
        located = self.located
        if isinstance(event, yaml.AliasEvent):
            located.values[path] = _where(event)
            self._alias(event, path)
            return
        self._counted(event, path)
        if isinstance(event, yaml.ScalarEvent):
            located.values[path] = _where(event)
            self._deep(path, event, len(path))
            try:
                value = self._scalar(event)
            except _Unreadable as error:
                self._problem(path, error.message, error.hint)
                value = None
            if event.anchor is not None:
                self.anchors[event.anchor] = _Anchor(value, 1, 0)
            self._add(value, 0)
        else:  # a block mapping or list starts on the line after its key; readers look there
            located.values[path] = located.keys.get(path) or _where(event)
            self._deep(path, event, len(path))
            is_mapping = isinstance(event, yaml.MappingStartEvent)
            opened = _Open({} if is_mapping else [], path, event.anchor, self.count)
            opened.awaiting_key = is_mapping
            self.stack.append(opened)
            if event.anchor is not None:
                self.anchors[event.anchor] = None

    def _alias(self, event: yaml.AliasEvent, path: KeyPath) -> None:
        # Repeating a value shares it, as PyYAML does; the checks after us still walk every
        # repetition, so the count and depth are those of the document with aliases expanded.
        name = event.anchor or ""
        anchor = self.anchors.get(name)
        self._counted(event, path, anchor.size if anchor else 1)
        if anchor is not None:
            self.repeated += anchor.size
            if self.repeated > MAX_REPEATED:
                self._stop(
                    path,
                    f"the document expands to more than {MAX_REPEATED:,} values through YAML "
                    f"aliases (this alias repeats {anchor.size:,})",
                    "write the repeated values out, or repeat fewer of them",
                    _where(event),
                )
            self._deep(path, event, len(path) + anchor.height)
            self._add(anchor.value, anchor.height)
            return
        if name in self.anchors:  # its value is still open
            self._problem(path, "a YAML alias refers to itself", "remove the recursion")
        else:
            self._problem(
                path,
                f"the alias *{name} names no anchor written before it",
                f"write &{name} on the value to repeat, before this alias",
            )
        self._add(None, 0)

    def _close(self) -> None:
        closed = self.stack.pop()
        if closed.anchor is not None:
            size = self.count - closed.start + 1
            self.anchors[closed.anchor] = _Anchor(closed.value, size, closed.height)
        self._add(closed.value, closed.height)

    def _add(self, value: Any, height: int) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        if isinstance(parent.value, list):
            parent.value.append(value)
        elif parent.key is not None:
            parent.value[parent.key] = value
            parent.key, parent.awaiting_key = None, True
        if height >= parent.height:
            parent.height = height + 1

    def _key(self, parent: _Open, event: _Node) -> None:
        parent.awaiting_key = False
        at = _where(event)
        self._counted(event, parent.path)
        if not isinstance(event, yaml.ScalarEvent):
            self._problem(parent.path, "a key must be a plain string", "quote it", at=at)
            if isinstance(event, _STARTS):
                self._deep(parent.path, event, len(self.stack))
                self.skipping = 1
            return
        tag = self._tag(event)
        key = event.value
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(key if tag == _STR_TAG else None, 1, 0)
        if tag == _MERGE_TAG:
            self._problem(
                parent.path, "YAML merge keys (<<) are not supported", "write the keys out", at=at
            )
        elif tag != _STR_TAG:  # a number, boolean, date or null written as a key
            self._problem(parent.path, "a key must be a plain string", "quote it", at=at)
        elif key in parent.value:
            key_path = (*parent.path, key)
            self._problem(
                key_path,
                f"duplicate key {key!r} (first written on line {self.located.keys[key_path][0]})",
                "keep one of them",
                at=at,
            )
        else:
            self.located.keys[(*parent.path, key)] = at
            parent.key = key

    def _tag(self, event: yaml.ScalarEvent) -> str:
        if event.tag is not None and event.tag != "!":
            return str(event.tag)
        if not event.implicit[0]:  # quoted, or a block scalar: a string
            return _STR_TAG
        text: str = event.value
        # Prose (most of a catalogue): no implicit tag matches words with a space between
        # them that start with a letter, and asking the resolver costs as much as the rest.
        if " " in text and text[:1].isalpha():
            return _STR_TAG
        return self.resolve(yaml.ScalarNode, text, (True, False))

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = self._tag(event)
        text: str = event.value
        if tag == _STR_TAG:
            control = CONTROL.search(text)
            if control is not None:  # written as an escape ("\0", "\e"): the reader let it by
                code = f"U+{ord(control.group()):04X}"
                raise _Unreadable(
                    f"the text holds the control character {code}, which no reader can see",
                    "delete it (tabs and line breaks are fine)",
                )
            return text
        if tag == _INT_TAG and len(text.replace("_", "").lstrip("+-0")) > _MAX_INT_CHARS:
            raise _too_large(text)
        node = yaml.ScalarNode(tag, text, None, None, event.style)  # positions are ours
        try:
            value = self.constructor.construct_document(node)  # which forgets the node
        except yaml.MarkedYAMLError as error:
            raise _Unreadable(
                f"cannot read this value: {error.problem}",
                "write a plain string, number, boolean or null",
            ) from None
        # An explicitly tagged or date-like text that does not parse (``!!int abc``,
        # ``2024-13-45``) fails with whatever the conversion raises.
        except (ArithmeticError, LookupError, AttributeError, TypeError, ValueError):
            kind = tag.rsplit(":", 1)[-1]
            raise _Unreadable(
                f"cannot read this value: {_shown(text)!r} is not a valid {kind}",
                "write a plain string, number, boolean or null",
            ) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise _Unreadable(
                f"the number {_shown(text)} is not finite: numbers must be finite (no .inf or "
                ".nan, at most about 1.8e308)",
                "write a finite number, or quote it to make it a string",
            )
        if isinstance(value, int) and not MIN_INT <= value <= MAX_INT:
            raise _too_large(text)
        return value


def _too_large(text: str) -> _Unreadable:
    return _Unreadable(
        f"the number {_shown(text)} is too large: integers must fit in 64 bits "
        f"({MIN_INT} to {MAX_INT})",
        "write a smaller number, or quote it to make it a string",
    )


# --- problems of the text itself -------------------------------------------------------------


#: The characters YAML 1.1 lets a file hold, as both of PyYAML's readers check them.
def read_yaml(text: str, file: str) -> Located:
    """Parse one YAML document; syntax errors, duplicate keys and limits become problems."""
    located = Located(file, end=end_of(text))
    builder = _Builder(located)
    try:
        located.data = builder.read(yaml.parse(text, Loader=_Loader))
    except _Stop:
        pass
    except yaml.MarkedYAMLError as error:
        located.problems.append(syntax_problem(file, text, error))
    except (yaml.reader.ReaderError, UnicodeEncodeError) as error:  # surrogates: the C reader
        located.problems.append(character_problem(file, text, error))
    except yaml.YAMLError as error:
        located.problems.append(
            Problem(file, 1, 1, "(document)", f"YAML error: {error}", "save the file as UTF-8 text")
        )
    else:
        if not builder.documents:
            located.problems.append(
                Problem(
                    file, 1, 1, "(document)", "the file is empty", "start from a shipped catalogue"
                )
            )
    return located
