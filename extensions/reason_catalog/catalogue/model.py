"""The resolved catalogue: immutable groups and reasons with statuses inherited and examples made.

Built by :mod:`.load` from a validated file; everything downstream (the command
line, the JSON export, the Sphinx extension) reads these objects and never the YAML.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .dialect import Dialect, EnvelopeError, ParsedEnvelope
from .endpoints import Endpoint
from .markdown import parse, plain_text
from .spec import ApiSpec, DeprecationSpec, DriftSpec, ScopeSpec, SourceSpec

_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s+[A-Z`(]|\s*$)", re.DOTALL)


def reason_key(scope: str | None, code: str) -> str:
    """A reason's name within its catalogue: its code, or ``scope/code`` in a scoped one.

    Scope ids (group ids) hold no ``/``, so the first ``/`` always ends the scope.
    """
    return code if scope is None else f"{scope}/{code}"


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
    #: The keys (see :func:`reason_key`) of its own reasons.
    codes: tuple[str, ...]
    line: int
    #: The scope its reasons are in (a scope group's id), in a scoped catalogue.
    scope: str | None = None
    #: The keys of the operations it declares.
    operations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Operation:
    """An operation of the API as its clients call it, with its HTTP binding if it has one."""

    name: str
    scope: str | None
    group: str
    http: Endpoint | None
    query: tuple[tuple[str, str], ...]
    headers: tuple[tuple[str, str], ...]
    summary: str | None
    line: int

    @property
    def key(self) -> str:
        """Its name within the catalogue: ``name``, or ``scope/name`` in a scoped catalogue."""
        return reason_key(self.scope, self.name)


@dataclass(frozen=True)
class SubCode:
    """One documented value of a sub-code a reason's bodies carry (a Stripe ``decline_code``)."""

    field: str
    code: str
    title: str | None
    cause: str
    fix: str | None
    line: int


@dataclass(frozen=True)
class Reason:
    """One error reason code, resolved: its status is final and its example is a full body."""

    code: str
    #: Every status it comes with: none, one, or several (then a page says "varies").
    statuses: tuple[int, ...]
    group: str
    cause: str
    fix: str | None
    endpoints: tuple[Endpoint, ...]
    notes: tuple[str, ...]
    #: The keys of the reasons to compare it with.
    related: tuple[str, ...]
    example: Any
    example_generated: bool
    since: str | None
    deprecated: DeprecationSpec | None
    #: The key of the reason that replaces it.
    replaced_by: str | None
    line: int
    scope: str | None = None
    title: str | None = None
    severity: str | None = None
    #: The keys of the operations it names.
    operations: tuple[str, ...] = ()
    sub_codes: tuple[SubCode, ...] = ()
    #: The example as a page shows it: JSON text, an XML body, or a whole HTTP response.
    example_text: str = ""
    #: The values the generated example leaves out because the catalogue does not give them.
    omitted: tuple[str, ...] = ()
    #: A digest of what its example was made and checked from (see ``examples.example_key``):
    #: reloading an edited catalogue reuses the examples of the reasons it did not change.
    example_key: str = ""

    @property
    def status(self) -> int | None:
        """Its one status; ``None`` when it has none or several."""
        return self.statuses[0] if len(self.statuses) == 1 else None

    @cached_property
    def key(self) -> str:
        """Its name within the catalogue (see :func:`reason_key`)."""
        return reason_key(self.scope, self.code)

    @cached_property
    def summary(self) -> str:
        """The first sentence of the cause as plain text: what a results list or tooltip shows."""
        return first_sentence(plain_text(parse(self.cause)))


@dataclass(frozen=True)
class Retired:
    """A code that is no longer a reason: removed, or renamed to ``renamed_to``."""

    code: str
    #: The key of the reason it became.
    renamed_to: str | None
    since: str | None
    message: str
    line: int
    scope: str | None = None

    @property
    def key(self) -> str:
        """Its name within the catalogue (see :func:`reason_key`)."""
        return reason_key(self.scope, self.code)

    @property
    def case_only(self) -> bool:
        """Whether only the code's letter case changed (its page then stays the same page)."""
        return self.renamed_to is not None and self.renamed_to.casefold() == self.key.casefold()


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
    #: Set when codes are unique only within each scope group (see the format guide).
    scopes: ScopeSpec | None = None
    #: How bodies carry codes: ``"string"`` or ``"integer"``.
    code_type: str = "string"
    operations: tuple[Operation, ...] = ()
    _by_key: dict[str, Reason] = field(init=False, repr=False)
    _by_code: dict[str, tuple[Reason, ...]] = field(init=False, repr=False)
    _by_group: dict[str, Group] = field(init=False, repr=False)
    _positions: dict[str, int] = field(init=False, repr=False)
    _operations: dict[str, Operation] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_code: dict[str, list[Reason]] = {}
        for reason in self.reasons:
            by_code.setdefault(reason.code.casefold(), []).append(reason)
        set_ = object.__setattr__
        set_(self, "_by_key", {r.key.casefold(): r for r in self.reasons})
        set_(self, "_by_code", {code: tuple(found) for code, found in by_code.items()})
        set_(self, "_by_group", {g.id: g for g in self.groups})
        set_(self, "_positions", {r.key: i for i, r in enumerate(self.reasons)})
        set_(self, "_operations", {o.key.casefold(): o for o in self.operations})

    def position(self, reason: Reason) -> int:
        """Where the reason stands in the catalogue, counting from 0."""
        return self._positions[reason.key]

    @property
    def scoped(self) -> bool:
        """Whether codes are unique only within each scope."""
        return self.scopes is not None

    @property
    def scope_ids(self) -> tuple[str, ...]:
        """The scopes' ids (their groups' ids), in document order."""
        if self.scopes is None:
            return ()
        return tuple(g.id for g in self.groups if g.depth == self.scopes.level - 1)

    @property
    def slug(self) -> str:
        """The API's short name."""
        return self.api.slug

    def reason(self, name: str, scope: str | None = None) -> Reason | None:
        """The reason ``name`` names, in any letter case, or ``None``.

        ``name`` is a key (``CODE``, or ``scope/CODE`` in a scoped catalogue), or, with
        ``scope``, a code of that scope. In a scoped catalogue a bare code names its reason
        when only one scope has it.
        """
        if scope is not None:
            return self._by_key.get(reason_key(scope, name).casefold())
        found = self._by_key.get(name.casefold())
        if found is not None or self.scopes is None:
            return found
        shared = self._by_code.get(name.casefold(), ())
        return shared[0] if len(shared) == 1 else None

    def reasons_with(self, code: str) -> tuple[Reason, ...]:
        """Every reason with this code, in any letter case: one per scope that has it."""
        return self._by_code.get(code.casefold(), ())

    def retired_code(self, name: str, scope: str | None = None) -> Retired | None:
        """The retired code ``name`` names (a key, or a code with ``scope``), or ``None``."""
        folded = (name if scope is None else reason_key(scope, name)).casefold()
        found = next((r for r in self.retired if r.key.casefold() == folded), None)
        if found is not None or self.scopes is None or scope is not None:
            return found
        shared = [r for r in self.retired if r.code.casefold() == name.casefold()]
        return shared[0] if len(shared) == 1 else None

    def operation(self, name: str) -> Operation | None:
        """The operation ``name`` names (``Name``, or ``scope/Name``), in any case, or ``None``."""
        found = self._operations.get(name.casefold())
        if found is not None or self.scopes is None:
            return found
        shared = [o for o in self.operations if o.name.casefold() == name.casefold()]
        return shared[0] if len(shared) == 1 else None

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
        for key in group.codes:
            yield self._by_key[key.casefold()]
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

    def parse_envelope(
        self, body: str | bytes | Any, omitted: Collection[str] = ()
    ) -> ParsedEnvelope:
        """Read an error body of this API; raise :class:`EnvelopeError` when it cannot be read.

        ``omitted`` names the values a generated example leaves out (see ``Reason.omitted``).
        """
        return self.dialect.parse(body, omitted=omitted)

    def explain(self, body: str | bytes | Any) -> tuple[ParsedEnvelope, Reason]:
        """Read an error body and find its reason; :class:`EnvelopeError` if it is unknown.

        In a scoped catalogue the body's scope picks among the reasons that share its code;
        a body that names none, when several scopes have the code, is ambiguous.
        """
        parsed = self.parse_envelope(body)
        candidates = self.candidates(parsed)
        if not candidates:
            raise EnvelopeError(f"{parsed.code!r} is not a reason code of {self.api.name}")
        if len(candidates) > 1:
            scopes = ", ".join(r.scope or "" for r in candidates)
            raise EnvelopeError(
                f"{parsed.code!r} is a code of {len(candidates)} {self.scope_noun}s ({scopes}) "
                f"and the body does not say which"
            )
        return parsed, candidates[0]

    @property
    def scope_noun(self) -> str:
        """What one scope is called: ``service``, ``enum``."""
        return self.scopes.name if self.scopes else "scope"

    def candidates(self, parsed: ParsedEnvelope) -> tuple[Reason, ...]:
        """The reasons a parsed body may stand for: one, or several when its scope is unknown."""
        if self.scopes is None:
            found = self.reason(parsed.code)
            return (found,) if found else ()
        if parsed.scope is not None:
            scope = next(
                (s for s in self.scope_ids if s.casefold() == parsed.scope.casefold()), None
            )
            found = self.reason(parsed.code, scope) if scope else None
            return (found,) if found else ()
        return self.reasons_with(parsed.code)
