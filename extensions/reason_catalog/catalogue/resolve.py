"""Resolve a parsed catalogue: validate it piece by piece, check the whole, build the model.

The header, each group (without its children) and each reason are validated on their own,
so that one bad reason does not hide the problems of the others or of the whole. Checks that
need the whole catalogue (unique codes, code style, references, the envelope dialect and
every example) follow; nothing is returned unless everything passed.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .dialect import Dialect
from .endpoints import Endpoint, EndpointSyntaxError
from .errors import DialectError, KeyPath
from .examples import Example, ReasonFacts, example_for, example_key
from .model import (
    Catalogue,
    Group,
    Operation,
    Reason,
    Retired,
    RetiredEndpoint,
    SpecReference,
    SubCode,
    first_sentence,
    reason_key,
)
from .patterns import Pattern, PatternError, compile_pattern
from .routing import identity, route
from .spec import (
    CODE_STYLES,
    CatalogueHeaderSpec,
    CatalogueSpec,
    CodeStyleSpec,
    EnvelopeSpec,
    GroupSpec,
    ReasonSpec,
    ScopeSpec,
)
from .urls import provider_template_problem
from .validation import describe, validate_part
from .yamlsource import Located

#: How a code must be written and may look: (compiled style, its name, the longest length,
#: whether codes are integers).
Style = tuple[Pattern | None, str, int, bool]


class Resolver:
    """Validates a catalogue piece by piece, checks what needs all of it, and builds the model.

    The header, each group (without its children) and each reason are validated on their own,
    so that one bad reason does not hide the problems of the others or of the whole.
    """

    def __init__(
        self, data: dict[str, Any], located: Located, path: Path, previous: Catalogue | None = None
    ) -> None:
        self.data = data
        self.located = located
        self.path = path
        #: The reasons of this file as it loaded last (it has changed since): the examples
        #: of those whose example_key is unchanged are reused rather than made and checked
        #: again, which is most of the time a large catalogue takes to load.
        self.previous = {r.key: r for r in previous.reasons} if previous else {}
        self.dialect_key = ""
        self.groups: list[Group] = []
        self.reasons: list[Reason] = []
        #: Each valid reason: its spec, where it is, its group, inherited status and scope.
        self.reason_specs: list[tuple[ReasonSpec, KeyPath, str, int | None, str | None]] = []
        self.group_paths: dict[str, KeyPath] = {}  # the first group with each id
        self.group_locations: list[KeyPath] = []  # where each of self.groups is written
        #: Where each reason key (folded) is written.
        self.codes: dict[str, KeyPath] = {}
        #: The keys as written, by folded key.
        self.keys: dict[str, str] = {}
        self.operations: dict[str, Operation] = {}  # by folded key
        self.scopes: ScopeSpec | None = None
        self.header: CatalogueHeaderSpec | None = None
        self.reason_url: str | None = None
        self.slug = ""

    def problem(self, path: KeyPath, message: str, hint: str = "") -> None:
        self.located.problem(path, message, hint)

    def resolve(self) -> Catalogue | None:
        header_data = {k: v for k, v in self.data.items() if k != "groups"}
        header = validate_part(CatalogueHeaderSpec, header_data, (), self.located, CatalogueSpec)
        self.header = header
        self.slug = header.api.slug if header else ""
        self.scopes = header.scopes if header else None
        style = self._code_style(header.code_style if header else CodeStyleSpec())
        groups = self._children(self.data, (), "groups", required=True)
        for index, raw_group in enumerate(groups):
            self._walk_group(raw_group, ("groups", index), None, 0, None, None, style)
        self._check_group_references()
        self.reason_url = header.api.reason_url if header else None
        if self.reason_url is not None:
            problem = provider_template_problem(self.reason_url, self.scopes is not None)
            if problem:
                self.problem(("api", "reason_url"), problem, "see the format guide")
                self.reason_url = None  # examples are still checked, without it
        dialect = self._dialect(header.envelope) if header else None
        if header is not None:
            envelope = header.envelope.model_dump_json()
            self.dialect_key = hashlib.sha256(envelope.encode()).hexdigest()
        for reason_spec, path, group_id, status, scope in self.reason_specs:
            self.reasons.append(self._reason(reason_spec, path, group_id, status, scope, dialect))
        retired = self._retired(header) if header else ()
        openapi = self._openapi(header) if header else None
        if self.located.problems or header is None or dialect is None:
            return None
        catalogue = Catalogue(
            self.path,
            header.api,
            dialect,
            tuple(self.groups),
            tuple(self.reasons),
            retired,
            sources=header.sources,
            openapi=openapi,
            drift=header.drift,
            scopes=header.scopes,
            code_type=header.code_style.type,
            operations=tuple(self.operations.values()),
        )
        if not header.retired_endpoints:
            return catalogue
        retired_endpoints = self._retired_endpoints(header, catalogue)
        if self.located.problems:
            return None
        return replace(catalogue, retired_endpoints=retired_endpoints)

    def _retired_endpoints(
        self, header: CatalogueHeaderSpec, catalogue: Catalogue
    ) -> tuple[RetiredEndpoint, ...]:
        """Check the retired endpoints: no longer endpoints, moved to one that is."""
        current = {identity(e.endpoint) for e in route(catalogue)}
        out = []
        seen: set[str] = set()
        for index, entry in enumerate(header.retired_endpoints):
            path: KeyPath = ("retired_endpoints", index)
            parsed = self._endpoints([entry.endpoint], (*path, "endpoint"))
            moved = self._endpoints([entry.moved_to] if entry.moved_to else [], (*path, "moved_to"))
            if not parsed or (entry.moved_to and not moved):
                continue
            label = identity(parsed[0])
            if label in current:
                self.problem(
                    (*path, "endpoint"),
                    f"{label!r} is retired but still an endpoint of the catalogue",
                    "remove the retired entry, or every mention of the endpoint",
                )
            elif label in seen:
                self.problem((*path, "endpoint"), f"{label!r} is retired twice", "keep one entry")
            seen.add(label)
            if moved and identity(moved[0]) not in current:
                close = difflib.get_close_matches(identity(moved[0]), sorted(current), n=1)
                self.problem(
                    (*path, "moved_to"),
                    f"{identity(moved[0])!r} is not an endpoint of the catalogue",
                    f"did you mean {close[0]!r}?" if close else "name an endpoint a reason lists",
                )
            out.append(
                RetiredEndpoint(
                    parsed[0],
                    moved[0] if moved else None,
                    entry.since,
                    entry.message,
                    self.located.position(path)[0],
                )
            )
        return tuple(out)

    def _openapi(self, header: CatalogueHeaderSpec) -> SpecReference | None:
        """Check the sources and the form of the spec reference (``drift`` reads the spec).

        Whether the spec file is there is left to ``drift``, which reports it at this line: a
        catalogue is also loaded away from its neighbours (compat's copy of an old revision, a
        text parsed on its own), where a missing neighbour says nothing about the catalogue.
        """
        for index, source in enumerate(header.sources):
            name = source.url or source.title
            if name is None:
                self.problem(
                    ("sources", index),
                    "a source needs a url or a title",
                    "say where the content was taken from",
                )
            elif source.date is None and source.revision is None:
                self.problem(
                    ("sources", index),
                    f"the source {name} says neither when nor at which revision it was read",
                    "add date: YYYY-MM-DD or revision: (a commit, tag or version)",
                )
        text = header.openapi
        if text is None:
            return None
        where: KeyPath = ("openapi",)
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text):
            self.problem(
                where,
                f"{text!r} is a URL; the spec is read from a file, never fetched",
                "save the spec beside the catalogue and name the file, or write git:<ref>:<path>",
            )
            return None
        if text.startswith("git:"):
            _, ref, path = [*text.split(":", 2), "", ""][:3]
            if not ref or not path:
                self.problem(where, f"{text!r} is not git:<ref>:<path>", "e.g. git:main:api.yaml")
                return None
        elif Path(text).is_absolute() or not text.strip():
            self.problem(
                where,
                f"{text!r} is not a path relative to the catalogue",
                "name the spec relative to this file, so that the repository can move",
            )
            return None
        if not text.lower().endswith((".yaml", ".yml", ".json")):
            self.problem(where, f"{text!r} is not a YAML or JSON file", "name the spec's file")
            return None
        line, column = self.located.position(where)
        return SpecReference(text, line, column)

    def _retired(self, header: CatalogueHeaderSpec) -> tuple[Retired, ...]:
        """Check the retired codes: unique, not reasons any more, renamed to a reason.

        A code whose letter case changed is the one exception: it is retired in its old
        spelling while the reason lives on in the new one, and both spellings keep one page.
        """
        out = []
        seen: dict[str, int] = {}
        for index, entry in enumerate(header.retired):
            path: KeyPath = ("retired", index)
            scope = self._retired_scope(entry.scope, path)
            key = reason_key(scope, entry.code)
            folded = key.casefold()
            current = self.keys.get(folded)
            target = self._reference(entry.renamed_to, scope) if entry.renamed_to else None
            case_only = current != key and target is not None and target == current
            if current is not None and not case_only:
                case_hint = (
                    f"its letter case changed: write renamed_to: {self._code_of(current)}"
                    if current != key
                    else "remove the reason, or the retired entry"
                )
                self.problem(
                    (*path, "code"),
                    f"{key!r} is retired but still a reason"
                    + (f" (as {current!r})" if current != key else ""),
                    case_hint,
                )
            elif folded in seen:
                self.problem(
                    (*path, "code"),
                    f"{key!r} is retired twice (first on line {seen[folded]})",
                    "keep one entry",
                )
            seen.setdefault(folded, self.located.position(path)[0])
            if entry.renamed_to is not None and target is None:
                written = reason_key(scope, entry.renamed_to).casefold()
                retired_too = any(
                    reason_key(e.scope, e.code).casefold() == written for e in header.retired
                )
                self.problem(
                    (*path, "renamed_to"),
                    f"{entry.renamed_to!r} is {'retired too' if retired_too else 'not a reason'}",
                    "rename to a code that is a reason now, so the old URL can redirect to it",
                )
            out.append(
                Retired(
                    entry.code,
                    target,
                    entry.since,
                    entry.message,
                    self.located.position(path)[0],
                    scope,
                )
            )
        return tuple(out)

    def _retired_scope(self, scope: str | None, path: KeyPath) -> str | None:
        if self.scopes is None:
            if scope is not None:
                self.problem(
                    (*path, "scope"),
                    "the catalogue has no scopes",
                    "remove scope, or declare scopes: in the header",
                )
            return None
        ids = self._scope_ids()
        if scope is None or scope not in ids:
            close = difflib.get_close_matches(scope or "", sorted(ids), n=1)
            self.problem(
                (*path, "scope") if scope is not None else path,
                f"{scope!r} is not a {self.scopes.name} of the catalogue"
                if scope is not None
                else f"codes are unique per {self.scopes.name}: say which one it was in",
                f"did you mean {close[0]!r}?" if close else f"add scope: <a {self.scopes.name} id>",
            )
            return None
        return scope

    def _scope_ids(self) -> set[str]:
        level = self.scopes.level if self.scopes else 0
        return {g.id for g in self.groups if g.depth == level - 1}

    def _reference(self, target: str, scope: str | None) -> str | None:
        """The key of the reason ``target`` names from ``scope``: a code of the same scope, or
        a key (``scope/code``) of another; ``None`` if it names none."""
        for candidate in (reason_key(scope, target), target) if scope else (target,):
            key = self.keys.get(candidate.casefold())
            if key is not None:
                return key
        return None

    def _check_group_references(self) -> None:
        for group, path in zip(self.groups, self.group_locations, strict=True):
            for index, target in enumerate(group.see_also):
                if target not in self.group_paths:
                    close = difflib.get_close_matches(target, list(self.group_paths), n=1)
                    self.problem(
                        (*path, "see_also", index),
                        f"{target!r} is not a group in this catalogue",
                        f"did you mean {close[0]!r}?"
                        if close
                        else "name the id of a group defined in this file",
                    )

    def _children(
        self, parent: dict[str, Any], path: KeyPath, key: str, *, required: bool = False
    ) -> list[Any]:
        """The list under ``parent[key]``, or an empty list after reporting what is wrong."""
        value = parent.get(key)
        if value is None:
            if required:
                self.problem(path, f"missing required key {key!r}", "add at least one group")
            elif key in parent:
                self.problem((*path, key), f"{key!r} is empty", f"remove it or list {key} in it")
            return []
        if not isinstance(value, list):
            self.problem(
                (*path, key),
                f"{key!r} must be a list, got {describe(value)}",
                "write each item on its own line, starting with '- '",
            )
            return []
        if required and not value:
            self.problem((*path, key), f"{key!r} is empty", "add at least one group")
        return value

    def _code_of(self, key: str) -> str:
        return key.partition("/")[2] if self.scopes is not None else key

    def _code_style(self, style: CodeStyleSpec) -> Style:
        integer = style.type == "integer"
        source = style.pattern or (CODE_STYLES[style.case] if style.case else None)
        label = style.case or (f"the pattern {style.pattern}" if style.pattern else "")
        if source is None:
            return None, "", style.max_length, integer
        try:  # on RE2, like every catalogue pattern: no code can make it backtrack for minutes
            return compile_pattern(source), label, style.max_length, integer
        except PatternError as error:
            self.problem(("code_style", "pattern"), error.message, error.hint)
            return None, "", style.max_length, integer

    def _endpoints(self, texts: Sequence[str], path: KeyPath) -> tuple[Endpoint, ...]:
        parsed = []
        for index, text in enumerate(texts):
            try:
                parsed.append(Endpoint.parse(text))
            except EndpointSyntaxError as error:
                self.problem(
                    (*path, index),
                    f"not an endpoint: {error}",
                    "write 'GET /calls/{id}', or '/calls/{id}*' for a path and its sub-paths",
                )
        return tuple(parsed)

    def _walk_group(
        self,
        raw: Any,
        path: KeyPath,
        parent: str | None,
        depth: int,
        inherited: int | None,
        scope: str | None,
        style: Style,
    ) -> None:
        if not isinstance(raw, dict):
            self.problem(
                path,
                f"a group must be a mapping, got {describe(raw)}",
                "give it at least an id and a title",
            )
            return
        spec = validate_part(GroupSpec, {**raw, "reasons": (), "groups": ()}, path, self.located)
        raw_reasons = self._children(raw, path, "reasons")
        raw_groups = self._children(raw, path, "groups")
        status = inherited
        group_id = f"<group on line {self.located.position(path)[0]}>"
        if spec is not None:
            group_id = spec.id
            status = spec.status if spec.status is not None else inherited
            if spec.id in self.group_paths:
                first = self.located.position(self.group_paths[spec.id])[0]
                self.problem(
                    (*path, "id"),
                    f"duplicate group id {spec.id!r} (first on line {first})",
                    "give every group its own id",
                )
            self.group_paths.setdefault(spec.id, path)
        if self.scopes is not None and depth == self.scopes.level - 1:
            scope = group_id
        if raw_reasons and self.scopes is not None and scope is None:
            self.problem(
                (*path, "reasons"),
                f"codes are unique per {self.scopes.name}, but this group is above the "
                f"{self.scopes.name}s (level {self.scopes.level})",
                f"move its reasons into a {self.scopes.name}'s group",
            )
            raw_reasons = []
        operations = self._operations(spec, path, group_id, scope) if spec else ()
        codes = []
        for index, raw_reason in enumerate(raw_reasons):
            reason_path = (*path, "reasons", index)
            if not isinstance(raw_reason, dict):
                self.problem(
                    reason_path,
                    f"a reason must be a mapping, got {describe(raw_reason)}",
                    "give it at least a code and a cause",
                )
                continue
            code = raw_reason.get("code")
            if isinstance(code, bool) or not isinstance(code, str | int):
                pass  # validation says what is wrong with it
            elif not self._check_code(code, scope, (*reason_path, "code"), style):
                continue
            reason = validate_part(ReasonSpec, raw_reason, reason_path, self.located)
            if reason is not None:
                codes.append(reason_key(scope, reason.code))
                self.reason_specs.append((reason, reason_path, group_id, status, scope))
        child_ids = [g.get("id") for g in raw_groups if isinstance(g, dict)]
        if spec is not None:
            self.groups.append(
                Group(
                    id=spec.id,
                    title=spec.title,
                    intro=spec.intro,
                    notes=spec.notes,
                    generic=spec.generic,
                    status=spec.status,
                    endpoints=self._endpoints(spec.endpoints, (*path, "endpoints")),
                    see_also=spec.see_also,
                    parent=parent,
                    depth=depth,
                    children=tuple(i for i in child_ids if isinstance(i, str)),
                    codes=tuple(codes),
                    line=self.located.position(path)[0],
                    scope=scope,
                    operations=operations,
                )
            )
            self.group_locations.append(path)
        for index, child in enumerate(raw_groups):
            self._walk_group(
                child, (*path, "groups", index), group_id, depth + 1, status, scope, style
            )

    def _operations(
        self, spec: GroupSpec, path: KeyPath, group_id: str, scope: str | None
    ) -> tuple[str, ...]:
        """Register the operations the group declares; their keys."""
        keys = []
        for index, operation in enumerate(spec.operations):
            where: KeyPath = (*path, "operations", index)
            key = reason_key(scope, operation.name)
            first = self.operations.get(key.casefold())
            if first is not None:
                self.problem(
                    (*where, "name"),
                    f"the operation {key!r} is declared twice (first on line {first.line})",
                    "declare each operation once",
                )
                continue
            http = self._endpoints([operation.http] if operation.http else [], (*where, "http"))
            if http and not http[0].is_operation:
                self.problem(
                    (*where, "http"),
                    f"{operation.http!r} is a path pattern, not one method and path",
                    "write the binding as 'POST /' or 'GET /{Bucket}'",
                )
            self.operations[key.casefold()] = Operation(
                name=operation.name,
                scope=scope,
                group=group_id,
                http=http[0] if http else None,
                query=tuple(operation.query.items()),
                headers=tuple(operation.headers.items()),
                summary=operation.summary,
                line=self.located.position(where)[0],
            )
            keys.append(key)
        return tuple(keys)

    def _check_code(self, code: str | int, scope: str | None, path: KeyPath, style: Style) -> bool:
        """Check a code as written; ``False`` if it cannot be a reason (a duplicate)."""
        pattern, label, max_length, integer = style
        text = str(code)
        if integer and not isinstance(code, int):
            self.problem(
                path,
                f"the code {code!r} is text, but this catalogue's codes are integers",
                f"write it without quotes, as the number the body carries: {code}"
                if re.fullmatch(r"-?[0-9]+", code)
                else "integer codes are numbers; set code_style.type: string for text codes",
            )
        elif not integer and isinstance(code, int):
            self.problem(
                path,
                f"the code {code} is a number, but this catalogue's codes are text",
                f"quote it ('{code}'), or set code_style.type: integer if bodies carry it "
                "as a number",
            )
        key = reason_key(scope, text)
        folded = key.casefold()
        if folded in self.codes:
            first = self.located.position(self.codes[folded])[0]
            other = self._code_of(self.keys[folded])
            same = "the same code" if other == text else f"{other!r}, which differs only in case"
            where = f" in the {self.scopes.name} {scope}" if self.scopes and scope else ""
            self.problem(
                path,
                f"duplicate code {text!r}{where}: line {first} has {same}",
                "keep one entry: the code's page and URL belong to one reason"
                if other == text
                else "codes that differ only in case share a page; keep one of them",
            )
            return False
        self.codes[folded] = path
        self.keys[folded] = key
        if pattern is not None and not pattern.fullmatch(text):
            self.problem(
                path,
                f"the code {text!r} is not in the catalogue's style ({label})",
                "a published code cannot change: widen code_style (its case or pattern) to "
                "admit it",
            )
        if len(text) > max_length:
            self.problem(
                path,
                f"the code {text!r} is {len(text)} characters long; "
                f"the catalogue allows at most {max_length}",
                f"a published code cannot change: raise code_style.max_length to {len(text)} "
                "or more",
            )
        return True

    def _dialect(self, envelope: EnvelopeSpec) -> Dialect | None:
        try:
            return Dialect(envelope)
        except DialectError as error:
            self.problem(error.path, error.message, error.hint)
            return None

    def _references(self, spec: ReasonSpec, path: KeyPath, scope: str | None) -> list[str]:
        """The keys of the reasons ``related`` names; each one it cannot find is a problem."""
        keys = []
        for index, target in enumerate(spec.related):
            key = self._reference(target, scope)
            if key is None:
                self._no_reason(target, (*path, "related", index))
            else:
                keys.append(key)
        return keys

    def _no_reason(self, target: str, where: KeyPath) -> None:
        codes = [self._code_of(k) for k in self.keys.values()]
        close = difflib.get_close_matches(target, codes, n=1)
        whose = "in this catalogue" if self.scopes is None else f"of this {self.scopes.name}"
        self.problem(
            where,
            f"{target!r} is not a reason {whose}",
            f"did you mean {close[0]!r}?"
            if close
            else "name a code defined in this file"
            + (" (scope/code for another one)" if self.scopes else ""),
        )

    def _operation_keys(self, spec: ReasonSpec, path: KeyPath, scope: str | None) -> list[str]:
        keys = []
        for index, name in enumerate(spec.operations):
            candidates = (reason_key(scope, name), name) if scope else (name,)
            found = next(
                (
                    self.operations[c.casefold()]
                    for c in candidates
                    if c.casefold() in self.operations
                ),
                None,
            )
            if found is not None:
                keys.append(found.key)
                continue
            names = [o.name for o in self.operations.values() if o.scope == scope]
            close = difflib.get_close_matches(name, names, n=1)
            whose = f"the {self.scopes.name} {scope}" if self.scopes and scope else "the API"
            self.problem(
                (*path, "operations", index),
                f"{name!r} is not an operation of {whose}",
                f"did you mean {close[0]!r}?" if close else "declare it under a group's operations",
            )
        return keys

    def _sub_codes(self, spec: ReasonSpec, path: KeyPath) -> list[SubCode]:
        out = []
        declared = set(self.header.envelope.fields.sub_codes) if self.header else set()
        for name, values in spec.sub_codes.items():
            if self.header is not None and name not in declared:
                self.located.problem(
                    (*path, "sub_codes", name),
                    f"{name!r} is not a sub-code of the envelope",
                    "name it under envelope.fields.sub_codes, with where bodies carry it",
                    of_key=True,
                )
                continue
            seen: set[str] = set()
            for index, value in enumerate(values):
                where: KeyPath = (*path, "sub_codes", name, index)
                if value.code.casefold() in seen:
                    self.problem((*where, "code"), f"{value.code!r} is listed twice", "keep one")
                seen.add(value.code.casefold())
                out.append(
                    SubCode(
                        name,
                        value.code,
                        value.title,
                        value.cause,
                        value.fix,
                        self.located.position(where)[0],
                    )
                )
        return out

    def _reason(
        self,
        spec: ReasonSpec,
        path: KeyPath,
        group_id: str,
        inherited: int | None,
        scope: str | None,
        dialect: Dialect | None,
    ) -> Reason:
        related = self._references(spec, path, scope)
        replaced_by = None
        if spec.replaced_by is not None:
            replaced_by = self._reference(spec.replaced_by, scope)
            if replaced_by is None:
                self._no_reason(spec.replaced_by, (*path, "replaced_by"))
        statuses = spec.status or ((inherited,) if inherited is not None else ())
        if len(set(statuses)) != len(statuses):
            self.problem((*path, "status"), "a status is listed twice", "list each status once")
        example, key = None, ""
        if dialect is not None and self.header is not None:
            facts = ReasonFacts(
                api=self.slug,
                code=spec.code,
                integer_code=self.header.code_style.type == "integer",
                statuses=statuses,
                group=group_id,
                scope=scope,
                title=spec.title,
                message=spec.message or first_sentence(spec.cause),
                field=spec.field,
                reason_url=self.reason_url,
            )
            key = example_key(facts, spec.example, self.dialect_key)
            before = self.previous.get(facts.key)
            if before is not None and before.example_key == key:
                example = Example(
                    before.example, before.example_text, before.example_generated, before.omitted
                )
            else:
                example = example_for(facts, spec.example, path, dialect, self.problem)
        return Reason(
            code=spec.code,
            statuses=statuses,
            group=group_id,
            cause=spec.cause,
            fix=spec.fix,
            endpoints=self._endpoints(spec.endpoints, (*path, "endpoints")),
            notes=spec.notes,
            related=tuple(related),
            example=example.body if example else spec.example,
            example_generated=example.generated if example else spec.example is None,
            since=spec.since,
            deprecated=spec.deprecated,
            replaced_by=replaced_by,
            line=self.located.position(path)[0],
            scope=scope,
            title=spec.title,
            severity=spec.severity,
            operations=tuple(self._operation_keys(spec, path, scope)),
            sub_codes=tuple(self._sub_codes(spec, path)),
            example_text=example.text if example else "",
            omitted=example.omitted if example else (),
            example_key=key,
        )
