"""An envelope's JSON Schema, made safe to run: bounded, RE2 patterns, and nothing retrieved.

``envelope.schema`` is data from many hands, run by jsonschema. Four things make that safe:
every regular expression in it runs on RE2 (:data:`.patterns.SCHEMA_KEYWORDS`, and the
metaschema's ``format: regex`` check); references resolve only within the schema, and nothing
is ever fetched or read (a registry that refuses); every reference must land on a subschema
the metaschema checked; and the schema's size is bounded, so no recursive check runs out of
stack.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

from jsonschema import Draft202012Validator, SchemaError
from jsonschema.protocols import Validator
from jsonschema.validators import extend
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from .errors import DialectError, KeyPath
from .patterns import REGEX_FORMAT, SCHEMA_KEYWORDS, PatternError

#: The only dialect. jsonschema gives a subschema that names a dialect (even this one) its stock
#: validator, whose patterns run on Python's re: so $schema may only be at the top, and goes.
_DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
#: Far beyond any error body's schema; deeper, jsonschema's recursive checks near the stack limit.
_MAX_SCHEMA_DEPTH = 64
#: Values in the schema, counted along every path (YAML aliases can make a short file huge).
_MAX_SCHEMA_VALUES = 20_000
# Where draft 2020-12 keeps subschemas, as referencing crawls them: in the value, in each item
# of the list, in each value of the mapping.
_IN_VALUE = frozenset(
    {"additionalProperties", "contains", "contentSchema", "else", "if", "items", "not"}
    | {"propertyNames", "then", "unevaluatedItems", "unevaluatedProperties"}
)
_IN_LIST = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_IN_MAPPING = frozenset(
    {"$defs", "definitions", "dependentSchemas", "patternProperties", "properties"}
)
# Keywords whose subschemas apply to the value their schema applies to (not to a part of it).
_IN_PLACE = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else")
_SELF_CONTAINED = "keep the schema self-contained: point into its own $defs"


def schema_validator(schema: dict[str, Any], path: KeyPath) -> Validator:
    """A validator for ``schema`` that matches on RE2 and resolves only within the schema."""
    _check_size(schema, path)
    try:
        Draft202012Validator.check_schema(schema, format_checker=REGEX_FORMAT)
    except SchemaError as error:
        raise _schema_error(error, path) from None
    except RecursionError:  # a backstop: _check_size keeps schemas far from this
        raise DialectError(path, "the schema is nested too deeply to check") from None
    if schema.get("$schema", _DRAFT_2020_12).rstrip("#") != _DRAFT_2020_12:
        raise DialectError(
            (*path, "$schema"),
            f"only JSON Schema draft 2020-12 is supported, not {schema['$schema']!r}",
            f"remove $schema, or set it to {_DRAFT_2020_12}",
        )
    # Without $schema, so that a $ref back to the top stays with our validator class.
    root = {key: value for key, value in schema.items() if key != "$schema"}
    nodes = list(_subschemas(root, path))
    resource: Resource[Any] = DRAFT202012.create_resource(root)
    # A registry retrieves nothing unless given a way to: every reference must resolve among
    # the schema's own resources. (jsonschema fetches URLs only when given no registry.)
    registry: Registry[Any] = Registry().with_resource(nodes[0][2], resource).crawl()
    _check_references(nodes, registry)
    _check_unevaluated(nodes)
    validator: Validator = _SchemaValidator(root, registry=registry)
    return validator


def _check_size(schema: Any, path: KeyPath) -> None:
    count = 0
    pending: list[tuple[Any, KeyPath]] = [(schema, path)]
    while pending:
        node, where = pending.pop()
        count += 1
        if count > _MAX_SCHEMA_VALUES:
            raise DialectError(
                path,
                f"the schema holds more than {_MAX_SCHEMA_VALUES:,} values",
                "an error body's schema needs far fewer: share repeated parts with $defs and $ref",
            )
        if len(where) - len(path) > _MAX_SCHEMA_DEPTH:
            raise DialectError(
                where,
                f"the schema is nested more than {_MAX_SCHEMA_DEPTH} levels deep",
                "flatten it, e.g. with $defs and $ref",
            )
        if isinstance(node, dict):
            pending.extend((value, (*where, key)) for key, value in node.items())
        elif isinstance(node, list):
            pending.extend((value, (*where, index)) for index, value in enumerate(node))


def _schema_error(error: SchemaError, path: KeyPath) -> DialectError:
    where: KeyPath = (*path, *error.absolute_path)
    cause = error.cause
    if error.validator == "format" and isinstance(cause, PatternError):
        if list(error.schema_path)[-2:] == ["propertyNames", "format"]:
            where = (*where, str(error.instance))  # a patternProperties key: point at it
        shown = str(error.instance)
        shown = shown if len(shown) <= 60 else shown[:57] + "…"
        return DialectError(where, f"the pattern {shown!r} is refused: {cause.message}", cause.hint)
    return DialectError(where, f"not a valid JSON Schema: {error.message}")


def _subschemas(root: dict[str, Any], path: KeyPath) -> Iterator[tuple[Any, KeyPath, str]]:
    """Every subschema in document order, with where it is written and its base URI."""
    pending: list[tuple[Any, KeyPath, str]] = [(root, path, "")]
    while pending:
        node, where, base = pending.pop()
        if isinstance(node, dict):
            if "$schema" in node and node is not root:
                raise DialectError(
                    (*where, "$schema"),
                    "$schema may only be given at the top of the schema",
                    "remove it: every part of the schema is draft 2020-12",
                )
            base = _base_uri(node, where, base)
        yield node, where, base
        if not isinstance(node, dict):
            continue
        children: list[tuple[Any, KeyPath, str]] = []
        for key, value in node.items():
            if key in _IN_VALUE:
                children.append((value, (*where, key), base))
            elif key in _IN_LIST and isinstance(value, list):
                children.extend((item, (*where, key, i), base) for i, item in enumerate(value))
            elif key in _IN_MAPPING and isinstance(value, dict):
                children.extend((item, (*where, key, name), base) for name, item in value.items())
        pending.extend(reversed(children))


def _base_uri(node: dict[str, Any], where: KeyPath, base: str) -> str:
    identifier = node.get("$id")
    if not isinstance(identifier, str):
        return base
    try:
        uri = urljoin(base, identifier)
        scheme = urlsplit(uri).scheme
    except ValueError as error:
        raise DialectError((*where, "$id"), f"not a valid URI: {error}") from None
    if scheme == "file":
        raise DialectError(
            (*where, "$id"),
            f"a file: URI cannot identify a schema here ({identifier!r}); no file is ever read",
            "remove the $id, or use an https: or urn: identifier",
        )
    return uri


def _check_references(nodes: list[tuple[Any, KeyPath, str]], registry: Registry[Any]) -> None:
    """Refuse a reference that does not land on one of the schema's own subschemas, or loops."""
    subschemas = {id(node) for node, _, _ in nodes}
    references: dict[int, list[tuple[Any, KeyPath]]] = {}
    for node, where, base in nodes:
        if not isinstance(node, dict):
            continue
        for keyword in ("$ref", "$dynamicRef"):
            reference = node.get(keyword)
            if not isinstance(reference, str):
                continue
            try:
                target = registry.resolver(base).lookup(reference).contents
            except (Unresolvable, LookupError, TypeError, ValueError):  # a pointer may be odd
                raise DialectError(
                    (*where, keyword),
                    f"the reference {reference!r} does not resolve within the schema "
                    "(nothing is fetched)",
                    _SELF_CONTAINED,
                ) from None
            # A pointer may land in data (an enum, a default) that no metaschema check saw.
            if not isinstance(target, bool) and id(target) not in subschemas:
                raise DialectError(
                    (*where, keyword),
                    f"the reference {reference!r} points at something that is not a schema",
                    _SELF_CONTAINED,
                )
            references.setdefault(id(node), []).append((target, (*where, keyword)))
    _check_loops(nodes, references)


def _check_loops(
    nodes: list[tuple[Any, KeyPath, str]], references: dict[int, list[tuple[Any, KeyPath]]]
) -> None:
    """Refuse references that lead back to where they started without reading into the body.

    ``$ref: '#'`` at the top, or two definitions that refer to each other, would have the
    validator apply the same schema to the same value for ever. A recursive schema that first
    steps into a property or an item is fine: the body is finite.
    """
    # From each subschema, the subschemas that apply to the same value as it does.
    same_value: dict[int, list[tuple[Any, KeyPath]]] = {}
    for node, where, _ in nodes:
        if not isinstance(node, dict):
            continue
        edges = list(references.get(id(node), ()))
        for key in _IN_PLACE:
            value = node.get(key)
            if isinstance(value, dict):
                edges.append((value, (*where, key)))
            elif isinstance(value, list) and key in _IN_LIST:
                edges.extend((item, (*where, key, i)) for i, item in enumerate(value))
        same_value[id(node)] = edges
    done: set[int] = set()
    for start, _, _ in nodes:
        if id(start) in done or not isinstance(start, dict):
            continue
        # Depth first, without recursion: the path being walked, each step with its next edge
        # and where the reference or keyword that led to it is written.
        walking: dict[int, int] = {id(start): 0}
        stack: list[tuple[int, int, KeyPath]] = [(id(start), 0, ())]
        while stack:
            current, next_edge, entered = stack[-1]
            edges = same_value.get(current, [])
            if next_edge == len(edges):
                stack.pop()
                walking.pop(current, None)
                done.add(current)
                continue
            stack[-1] = (current, next_edge + 1, entered)
            target, where = edges[next_edge]
            if id(target) in walking:  # back where the walk has been: a loop
                loop = [step[2] for step in stack[walking[id(target)] + 1 :]] + [where]
                raise DialectError(
                    next(w for w in reversed(loop) if w[-1] in ("$ref", "$dynamicRef")),
                    "this reference leads back to where it started without reading into the "
                    "body: a $ref loop",
                    "a recursive schema must step into a property or an item before it refers back",
                )
            if id(target) not in done and isinstance(target, dict):
                walking[id(target)] = len(stack)
                stack.append((id(target), 0, where))


def _check_unevaluated(nodes: list[tuple[Any, KeyPath, str]]) -> None:
    # jsonschema works out which properties count as evaluated with Python's re, from the
    # patternProperties of every subschema it passes through; it cannot be pointed at RE2.
    keyword = "unevaluatedProperties"
    used = [where for node, where, _ in nodes if isinstance(node, dict) and keyword in node]
    if used and any(isinstance(node, dict) and "patternProperties" in node for node, _, _ in nodes):
        raise DialectError(
            (*used[0], keyword),
            "unevaluatedProperties cannot be used in a schema that has patternProperties",
            "use additionalProperties beside the patternProperties instead",
        )


#: Draft 2020-12 with every keyword that runs a regular expression running it on RE2.
_SchemaValidator = extend(Draft202012Validator, SCHEMA_KEYWORDS)
