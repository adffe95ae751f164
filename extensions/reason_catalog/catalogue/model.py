"""The resolved catalogue: immutable groups and reasons with statuses inherited and examples made.

Built by :mod:`.load` from a validated file; everything downstream (the command
line, the JSON export, the Sphinx extension) reads these objects and never the YAML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .dialect import Dialect, EnvelopeError, ParsedEnvelope
from .endpoints import Endpoint
from .markdown import parse, plain_text
from .spec import ApiSpec, DeprecationSpec, DriftSpec, SourceSpec

_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s+[A-Z`(]|\s*$)", re.DOTALL)


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, on one line."""
    flat = " ".join(text.split())
    match = _FIRST_SENTENCE.match(flat)
    return match.group(1) if match else flat


@dataclass(frozen=True)
class Group:
    """A titled group of reasons; ``parent`` is ``None`` for a top group."""

    id: str
    title: str
    intro: str | None
    notes: tuple[str, ...]
    generic: bool
    status: int | None
    endpoints: tuple[Endpoint, ...]
    see_also: tuple[str, ...]
    parent: str | None
    depth: int
    children: tuple[str, ...]
    codes: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Reason:
    """One error reason code, resolved: its status is final and its example is a full body."""

    code: str
    status: int | None
    group: str
    cause: str
    fix: str | None
    endpoints: tuple[Endpoint, ...]
    notes: tuple[str, ...]
    related: tuple[str, ...]
    example: Any
    example_generated: bool
    since: str | None
    deprecated: DeprecationSpec | None
    replaced_by: str | None
    line: int

    @cached_property
    def summary(self) -> str:
        """The first sentence of the cause as plain text: what a results list or tooltip shows."""
        return first_sentence(plain_text(parse(self.cause)))


@dataclass(frozen=True)
class Retired:
    """A code that is no longer a reason: removed, or renamed to ``renamed_to``."""

    code: str
    renamed_to: str | None
    since: str | None
    message: str
    line: int

    @property
    def case_only(self) -> bool:
        """Whether only the code's letter case changed (its page then stays the same page)."""
        return self.renamed_to is not None and self.renamed_to.casefold() == self.code.casefold()


@dataclass(frozen=True)
class RetiredEndpoint:
    """An endpoint whose page is kept: removed, or moved to ``moved_to``."""

    endpoint: Endpoint
    moved_to: Endpoint | None
    since: str | None
    message: str
    line: int


@dataclass(frozen=True)
class SpecReference:
    """The OpenAPI spec a catalogue documents, as written: a path beside it, or git:<ref>:<path>."""

    text: str
    line: int
    column: int


@dataclass(frozen=True, eq=False)
class Catalogue:
    """One API's whole catalogue."""

    path: Path
    api: ApiSpec
    dialect: Dialect
    groups: tuple[Group, ...]
    reasons: tuple[Reason, ...]
    retired: tuple[Retired, ...] = ()
    retired_endpoints: tuple[RetiredEndpoint, ...] = ()
    sources: tuple[SourceSpec, ...] = ()
    openapi: SpecReference | None = None
    drift: DriftSpec = field(default_factory=DriftSpec)
    _by_code: dict[str, Reason] = field(init=False, repr=False)
    _by_group: dict[str, Group] = field(init=False, repr=False)
    _positions: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {r.code.casefold(): r for r in self.reasons})
        object.__setattr__(self, "_by_group", {g.id: g for g in self.groups})
        object.__setattr__(self, "_positions", {r.code: i for i, r in enumerate(self.reasons)})

    def position(self, reason: Reason) -> int:
        """Where the reason stands in the catalogue, counting from 0."""
        return self._positions[reason.code]

    @property
    def slug(self) -> str:
        """The API's short name."""
        return self.api.slug

    def reason(self, code: str) -> Reason | None:
        """The reason with this code, in any letter case, or ``None``."""
        return self._by_code.get(code.casefold())

    def retired_code(self, code: str) -> Retired | None:
        """The retired code written ``code`` (in any letter case), or ``None``."""
        folded = code.casefold()
        return next((r for r in self.retired if r.code.casefold() == folded), None)

    def group(self, group_id: str) -> Group:
        """The group with this id."""
        return self._by_group[group_id]

    @property
    def group_ids(self) -> frozenset[str]:
        """The ids of every group."""
        return frozenset(self._by_group)

    def top_groups(self) -> tuple[Group, ...]:
        """The groups that have no parent, in document order."""
        return tuple(g for g in self.groups if g.parent is None)

    def lineage(self, group_id: str) -> tuple[Group, ...]:
        """The group and its ancestors, outermost first."""
        chain = []
        current: str | None = group_id
        while current is not None:
            group = self._by_group[current]
            chain.append(group)
            current = group.parent
        return tuple(reversed(chain))

    def reasons_in(self, group_id: str, *, deep: bool = False) -> Iterator[Reason]:
        """The group's own reasons (and with ``deep``, those of its descendants)."""
        group = self._by_group[group_id]
        for code in group.codes:
            yield self._by_code[code.casefold()]
        if deep:
            for child in group.children:
                yield from self.reasons_in(child, deep=True)

    def is_generic(self, reason: Reason) -> bool:
        """Whether any endpoint of the API may return this reason."""
        return self.is_generic_group(reason.group)

    def is_generic_group(self, group_id: str) -> bool:
        """Whether the group, or one of its ancestors, holds reasons any endpoint may return."""
        return any(g.generic for g in self.lineage(group_id))

    def endpoint_patterns(self, reason: Reason) -> tuple[Endpoint, ...]:
        """The patterns of the reason's group and its ancestors."""
        return tuple(e for g in self.lineage(reason.group) for e in g.endpoints)

    def parse_envelope(self, body: str | bytes | Any) -> ParsedEnvelope:
        """Read an error body of this API; raise :class:`EnvelopeError` when it cannot be read."""
        return self.dialect.parse(body)

    def explain(self, body: str | bytes | Any) -> tuple[ParsedEnvelope, Reason]:
        """Read an error body and find its reason; :class:`EnvelopeError` if it is unknown."""
        parsed = self.parse_envelope(body)
        reason = self.reason(parsed.code)
        if reason is None:
            raise EnvelopeError(f"{parsed.code!r} is not a reason code of {self.api.name}")
        return parsed, reason
