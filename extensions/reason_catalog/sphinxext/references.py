"""References generated from the code, so that they cannot drift from it.

``reason:format-reference`` renders the catalogue format from its JSON Schema (itself generated
from the loader's models), ``reason:options-reference`` the extension's options from their
dataclass, and ``reason:warnings-reference`` the warning kinds from their enum.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..catalogue.spec import catalogue_json_schema
from .config import PREFIX, ReasonCatalogConfig
from .warnings import WarningKind

_ORDER = [
    "CatalogueSpec",
    "ApiSpec",
    "HttpStatusSpec",
    "CodeStyleSpec",
    "EnvelopeSpec",
    "FieldsSpec",
    "LocationSpec",
    "GroupSpec",
    "ReasonSpec",
    "DeprecationSpec",
    "RetiredSpec",
    "RetiredEndpointSpec",
]
_TITLES = {
    "CatalogueSpec": "A catalogue file",
    "ApiSpec": "api",
    "HttpStatusSpec": "api.http_statuses[]",
    "CodeStyleSpec": "code_style",
    "EnvelopeSpec": "envelope",
    "FieldsSpec": "envelope.fields",
    "LocationSpec": "A location",
    "GroupSpec": "A group",
    "ReasonSpec": "A reason",
    "DeprecationSpec": "deprecated",
    "RetiredSpec": "retired[]",
    "RetiredEndpointSpec": "retired_endpoints[]",
}


def _anchor(name: str) -> str:
    return nodes.make_id(f"format-{name}")


def _type(schema: dict[str, Any] | bool) -> list[nodes.Node]:
    """A property's type, in words, with links to the definitions it refers to."""
    if not isinstance(schema, dict) or not schema:
        return [nodes.Text("any value")]
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        title = _TITLES.get(name, name)
        return [nodes.reference(title, title, internal=True, refid=_anchor(name))]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            out: list[nodes.Node] = []
            for index, option in enumerate(options):
                if index:
                    out.append(nodes.Text(" or "))
                out.extend(_type(option))
            return out
    if "const" in schema:
        return [nodes.literal(text=repr(schema["const"]))]
    if "enum" in schema:
        return [nodes.Text("one of "), nodes.literal(text=", ".join(map(str, schema["enum"])))]
    kind = schema.get("type", "any value")
    if kind == "array":
        return [nodes.Text("list of "), *_type(schema.get("items", {}))]
    if kind == "object" and "additionalProperties" in schema:
        return [nodes.Text("mapping of names to "), *_type(schema["additionalProperties"])]
    words = {
        "string": "text",
        "integer": "whole number",
        "boolean": "true or false",
        "object": "mapping",
        "number": "number",
    }
    text = words.get(kind, str(kind))
    limits = []
    if "minimum" in schema and "maximum" in schema:
        limits.append(f"{schema['minimum']}–{schema['maximum']}")
    if "pattern" in schema:
        limits.append(f"matching {schema['pattern']}")
    if schema.get("minLength") == 1:
        limits.append("not empty")
    return [nodes.Text(f"{text} ({', '.join(limits)})" if limits else text)]


class FormatReferenceDirective(SphinxDirective):
    """One table per part of the format: key, type, whether required, default, meaning."""

    def run(self) -> list[nodes.Node]:
        schema = catalogue_json_schema()
        definitions = dict(schema.get("$defs", {}))
        definitions["CatalogueSpec"] = schema
        out: list[nodes.Node] = []
        for name in _ORDER:
            definition = definitions.get(name)
            if definition is None:
                continue
            section = nodes.section(ids=[_anchor(name)])
            title = _TITLES[name]
            section += nodes.title(title, title)
            if definition.get("description"):
                section += nodes.paragraph(text=definition["description"])
            section += self._table(definition)
            out.append(section)
        return out

    def _table(self, definition: dict[str, Any]) -> nodes.table:
        required = set(definition.get("required", []))
        rows: list[list[list[nodes.Node]]] = []
        for key, prop in definition.get("properties", {}).items():
            if key in required:
                default: list[nodes.Node] = [nodes.strong(text="required")]
            elif "default" in prop and prop["default"] not in (None, [], {}):
                default = [nodes.literal(text=repr(prop["default"]))]
            else:
                default = [nodes.Text("—")]
            rows.append(
                [
                    [nodes.literal(text=key)],
                    _type(prop),
                    default,
                    [nodes.Text(prop.get("description", ""))],
                ]
            )
        return reference_table(("Key", "Type", "Default", "Meaning"), (18, 27, 15, 40), rows)


class OptionsReferenceDirective(SphinxDirective):
    """The extension's options: name, type, default and meaning, from their dataclass."""

    def run(self) -> list[nodes.Node]:
        defaults = ReasonCatalogConfig()
        rows: list[list[list[nodes.Node]]] = [
            [
                [nodes.literal(text=PREFIX + option.name)],
                [nodes.Text(type(getattr(defaults, option.name)).__name__)],
                [nodes.literal(text=repr(getattr(defaults, option.name)))],
                [nodes.Text(option.metadata["help"])],
            ]
            for option in fields(ReasonCatalogConfig)
        ]
        return [reference_table(("Option", "Type", "Default", "Meaning"), (30, 8, 22, 40), rows)]


class WarningsReferenceDirective(SphinxDirective):
    """The warning kinds, each with what silences it, from their enum."""

    def run(self) -> list[nodes.Node]:
        rows: list[list[list[nodes.Node]]] = [
            [[nodes.literal(text=kind.suppress_as)], [nodes.Text(kind.help)]]
            for kind in WarningKind
        ]
        return [reference_table(("suppress_warnings entry", "Meaning"), (30, 70), rows)]


def reference_table(
    headings: Sequence[str], widths: Sequence[int], rows: Iterable[list[list[nodes.Node]]]
) -> nodes.table:
    """A reference table: one heading per column, one row per item."""
    table = nodes.table(classes=["rc-format"])
    group = nodes.tgroup(cols=len(headings))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row([[nodes.Text(h)] for h in headings])
    body = nodes.tbody()
    group += body
    for cells in rows:
        body += _row(cells)
    return table


def _row(cells: list[list[nodes.Node]]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        para = nodes.paragraph()
        para.extend(content)
        entry += para
        row += entry
    return row
