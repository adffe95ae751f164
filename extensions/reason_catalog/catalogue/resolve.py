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

from .dialect import Dialect, EnvelopeError
from .endpoints import Endpoint, EndpointSyntaxError
from .errors import DialectError, KeyPath
from .model import (
    Catalogue,
    Group,
    Reason,
    Retired,
    RetiredEndpoint,
    SpecReference,
    first_sentence,
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
)
from .validation import describe, validate_part
from .yamlsource import Located


class Resolver:
    """Validates a catalogue piece by piece, checks what needs all of it, and builds the model.

    The header, each group (without its children) and each reason are validated on their own,
    so that one bad reason does not hide the problems of the others or of the whole.
    """

    def __init__(self, data: dict[str, Any], located: Located, path: Path) -> None:
        self.data = data
        self.located = located
        self.path = path
        self.groups: list[Group] = []
        self.reasons: list[Reason] = []
        self.reason_specs: list[tuple[ReasonSpec, KeyPath, str, int | None]] = []
        self.group_paths: dict[str, KeyPath] = {}  # the first group with each id
        self.group_locations: list[KeyPath] = []  # where each of self.groups is written
        self.codes: dict[str, KeyPath] = {}
        self.slug = ""

    def problem(self, path: KeyPath, message: str, hint: str = "") -> None:
        self.located.problem(path, message, hint)

    def resolve(self) -> Catalogue | None:
        header_data = {k: v for k, v in self.data.items() if k != "groups"}
        header = validate_part(CatalogueHeaderSpec, header_data, (), self.located, CatalogueSpec)
        self.slug = header.api.slug if header else ""
        style = self._code_style(header.code_style if header else CodeStyleSpec())
        groups = self._children(self.data, (), "groups", required=True)
        for index, raw_group in enumerate(groups):
            self._walk_group(raw_group, ("groups", index), None, 0, None, style)
        self._check_group_references()
        dialect = self._dialect(header.envelope) if header else None
        for reason_spec, path, group_id, status in self.reason_specs:
            self.reasons.append(self._reason(reason_spec, path, group_id, status, dialect))
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
            folded = entry.code.casefold()
            current = self._code_at(self.codes[folded]) if folded in self.codes else None
            case_only = current != entry.code and entry.renamed_to == current
            if current is not None and not case_only:
                case_hint = (
                    f"its letter case changed: write renamed_to: {current}"
                    if current != entry.code
                    else "remove the reason, or the retired entry"
                )
                self.problem(
                    (*path, "code"),
                    f"{entry.code!r} is retired but still a reason"
                    + (f" (as {current!r})" if current != entry.code else ""),
                    case_hint,
                )
            elif folded in seen:
                self.problem(
                    (*path, "code"),
                    f"{entry.code!r} is retired twice (first on line {seen[folded]})",
                    "keep one entry",
                )
            seen.setdefault(folded, self.located.position(path)[0])
            target = entry.renamed_to
            if target is not None and target.casefold() not in self.codes:
                retired_too = any(e.code.casefold() == target.casefold() for e in header.retired)
                self.problem(
                    (*path, "renamed_to"),
                    f"{target!r} is {'retired too' if retired_too else 'not a reason'}",
                    "rename to a code that is a reason now, so the old URL can redirect to it",
                )
            out.append(
                Retired(
                    entry.code, target, entry.since, entry.message, self.located.position(path)[0]
                )
            )
        return tuple(out)

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

    def _code_style(self, style: CodeStyleSpec) -> tuple[Pattern | None, str, int]:
        source = style.pattern or (CODE_STYLES[style.case] if style.case else None)
        label = style.case or (f"the pattern {style.pattern}" if style.pattern else "")
        if source is None:
            return None, "", style.max_length
        try:  # on RE2, like every catalogue pattern: no code can make it backtrack for minutes
            return compile_pattern(source), label, style.max_length
        except PatternError as error:
            self.problem(("code_style", "pattern"), error.message, error.hint)
            return None, "", style.max_length

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
        style: tuple[Pattern | None, str, int],
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
            if isinstance(raw_reason.get("code"), str):
                self._check_code(raw_reason["code"], (*reason_path, "code"), style)
            reason = validate_part(ReasonSpec, raw_reason, reason_path, self.located)
            if reason is not None:
                codes.append(reason.code)
                self.reason_specs.append((reason, reason_path, group_id, status))
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
                )
            )
            self.group_locations.append(path)
        for index, child in enumerate(raw_groups):
            self._walk_group(child, (*path, "groups", index), group_id, depth + 1, status, style)

    def _check_code(self, code: str, path: KeyPath, style: tuple[Pattern | None, str, int]) -> None:
        pattern, label, max_length = style
        folded = code.casefold()
        if folded in self.codes:
            first = self.located.position(self.codes[folded])[0]
            other = self._code_at(self.codes[folded])
            same = "the same code" if other == code else f"{other!r}, which differs only in case"
            self.problem(
                path,
                f"duplicate code {code!r}: line {first} has {same}",
                "every code must be unique, whatever its letter case",
            )
            return
        self.codes[folded] = path
        if pattern is not None and not pattern.fullmatch(code):
            self.problem(
                path,
                f"the code {code!r} is not in the catalogue's style ({label})",
                _style_hint(code, label),
            )
        if len(code) > max_length:
            self.problem(
                path,
                f"the code {code!r} is {len(code)} characters long; "
                f"the catalogue allows at most {max_length}",
                "shorten it",
            )

    def _code_at(self, path: KeyPath) -> str:
        value: Any = self.data
        for part in path:
            value = value[part]
        return str(value)

    def _dialect(self, envelope: EnvelopeSpec) -> Dialect | None:
        try:
            return Dialect(envelope)
        except DialectError as error:
            self.problem(error.path, error.message, error.hint)
            return None

    def _reason(
        self,
        spec: ReasonSpec,
        path: KeyPath,
        group_id: str,
        inherited: int | None,
        dialect: Dialect | None,
    ) -> Reason:
        references: list[tuple[str, KeyPath]] = [
            (target, (*path, "related", index)) for index, target in enumerate(spec.related)
        ]
        if spec.replaced_by is not None:
            references.append((spec.replaced_by, (*path, "replaced_by")))
        for target, where in references:
            if target.casefold() not in self.codes:
                close = difflib.get_close_matches(target, self._all_codes(), n=1)
                self.problem(
                    where,
                    f"{target!r} is not a reason in this catalogue",
                    f"did you mean {close[0]!r}?" if close else "name a code defined in this file",
                )
        status = spec.status if spec.status is not None else inherited
        example, generated = spec.example, spec.example is None
        if dialect is not None:
            if generated:
                example = self._generate(spec, path, group_id, status, dialect)
            self._check_example(spec.code, status, example, generated, path, dialect)
        return Reason(
            code=spec.code,
            status=status,
            group=group_id,
            cause=spec.cause,
            fix=spec.fix,
            endpoints=self._endpoints(spec.endpoints, (*path, "endpoints")),
            notes=spec.notes,
            related=spec.related,
            example=example,
            example_generated=generated,
            since=spec.since,
            deprecated=spec.deprecated,
            replaced_by=spec.replaced_by,
            line=self.located.position(path)[0],
        )

    def _all_codes(self) -> list[str]:
        return [self._code_at(p) for p in self.codes.values()]

    def _generate(
        self, spec: ReasonSpec, path: KeyPath, group_id: str, status: int | None, dialect: Dialect
    ) -> Any:
        needs_status = dialect.placeholders & {"status", "status_name"}
        if needs_status and status is None:
            self.problem(
                path,
                f"{spec.code} has no HTTP status, but the envelope template needs one",
                "give the reason (or its group) a status, or write an explicit example",
            )
            return None
        status_name = dialect.status_names.get(status) if status is not None else None
        if "status_name" in needs_status and status_name is None:
            self.problem(
                (*path, "status"),
                f"no status name in envelope.fields.status.names maps to HTTP {status}",
                "add a name for it to the dialect",
            )
            return None
        digest = hashlib.sha256(f"{self.slug}/{spec.code}".encode()).hexdigest()
        return dialect.render(
            {
                "code": spec.code,
                "status": status,
                "status_name": status_name,
                "message": spec.message or first_sentence(spec.cause),
                "request_id": f"req_{digest[:12]}",
                "group": group_id,
                "field": spec.field or "",
            }
        )

    def _check_example(
        self,
        code: str,
        status: int | None,
        example: Any,
        generated: bool,
        path: KeyPath,
        dialect: Dialect,
    ) -> None:
        if example is None:
            return
        where = ("envelope", "template") if generated else (*path, "example")
        origin = f"the generated example of {code}" if generated else "the example"
        problems = dialect.schema_problems(example)
        for problem in problems[:3]:
            self.problem(
                where,
                f"{origin} does not match the envelope schema: {problem}",
                "make the example (or the template) fit envelope.schema",
            )
        if problems:
            return
        try:
            parsed = dialect.read(example)
        except EnvelopeError as error:
            self.problem(
                where,
                f"{origin} cannot be read with the envelope fields: {error}",
                "check envelope.fields against the example",
            )
            return
        if parsed.code != code:
            self.problem(
                where,
                f"{origin} carries the code {parsed.code!r}, not {code!r}",
                "the example must show this reason's own code",
            )
        if status is not None and parsed.status is not None and parsed.status != status:
            self.problem(
                where,
                f"{origin} says HTTP {parsed.status}, but {code} is {status}",
                "make the example's status agree with the reason's",
            )


def _style_hint(code: str, label: str) -> str:
    if label == "UPPER_SNAKE":
        return f"write it as {re.sub(r'[^A-Z0-9]+', '_', code.upper()).strip('_')!r}"
    if label == "lower_snake":
        return f"write it as {re.sub(r'[^a-z0-9]+', '_', code.lower()).strip('_')!r}"
    return "change the code, or the catalogue's code_style"
