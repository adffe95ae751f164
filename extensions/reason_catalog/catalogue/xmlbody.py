"""XML error bodies as the JSON-like values that JMESPath and the JSON Schema read, and back.

One rule, shared with the browser's decoder (static/reason-decode.js), maps a document to a
value: the root element becomes ``{localName: value}``; an element with neither child elements
nor attributes becomes its text (a string, exactly as written, ``""`` if empty); any other
element an object: each attribute as ``"@name"`` (namespace declarations left out), then each
child element under its name (a name seen twice or more becomes a list, in order), then, if the
text directly inside is not only whitespace, that text as ``"#text"``. Names are local names
(prefixes dropped); numbers stay strings. So S3's ``<Error><Code>NoSuchKey</Code></Error>``
reads as ``{"Error": {"Code": "NoSuchKey"}}``.

Bodies come from anyone, so only plain documents are read: a DOCTYPE, where entities are
declared, is refused before expat reads the text (no billion laughs, no external entity), and
so are processing instructions, XML versions other than 1.0 and elements nested deeper than
``max_depth``. Each refusal says why. The text is read as the text it is, whatever encoding
its XML declaration names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NoReturn
from xml.parsers import expat

from .errors import DialectError, KeyPath

#: The browser's DOMParser reports a syntax error as this element; a body holding one is
#: refused here too, so that both sides read the same bodies.
_PARSER_ERROR = "http://www.w3.org/1999/xhtml parsererror"
_WHITESPACE = re.compile(r"[ \t\r\n]*")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: Characters XML 1.0 cannot carry, not even as character references.
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NAME_START = (
    "A-Z_a-z\xc0-\xd6\xd8-\xf6\xf8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
#: An XML name without a prefix, as an element or attribute of a written body needs.
_LOCAL_NAME = re.compile(f"[{_NAME_START}][{_NAME_START}\\-.0-9\xb7\u0300-\u036f\u203f\u2040]*")
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
_INDENT = "  "


class XmlBodyError(ValueError):
    """A body that is not XML this reader takes; ``refused`` when it is XML, but not plain."""

    def __init__(self, reason: str, *, refused: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.refused = refused


class _Refused(Exception):
    """Raised from an expat handler to stop at something the body may not hold."""


class _Element:
    """An element being read: its local name, attributes, children and direct text."""

    __slots__ = ("attributes", "children", "name", "text")

    def __init__(self, name: str, attributes: list[tuple[str, str]]) -> None:
        self.name = name
        self.attributes = attributes
        self.children: list[tuple[str, Any]] = []
        self.text: list[str] = []

    def value(self) -> Any:
        if not self.attributes and not self.children:
            return "".join(self.text)
        named: dict[str, list[Any]] = {}
        for name, item in [*((f"@{n}", v) for n, v in self.attributes), *self.children]:
            named.setdefault(name, []).append(item)
        value = {name: items[0] if len(items) == 1 else items for name, items in named.items()}
        text = "".join(self.text)
        if not _WHITESPACE.fullmatch(text):
            value["#text"] = text
        return value


def _local(name: str) -> str:
    # expat joins a namespace and a local name with the separator; no XML name holds a space.
    return name.rpartition(" ")[2]


def read_xml(text: str, max_depth: int) -> Any:
    """An XML document as a JSON-like value, by the module's rule; :class:`XmlBodyError` if not."""
    if _LONE_SURROGATE.search(text):  # no encoding can carry one
        raise XmlBodyError("it holds a lone surrogate", refused=False)
    # Refused before expat reads a byte: a DOCTYPE is where entities are declared. Anywhere,
    # even in a comment, so that the browser can refuse the body before its parser sees it.
    if "<!DOCTYPE" in text:
        raise XmlBodyError("it declares a DOCTYPE", refused=True)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.ordered_attributes = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Element] = []
    root: list[Any] = []

    def refuse(reason: str) -> NoReturn:
        raise _Refused(reason)

    def declaration(version: str, _encoding: str | None, _standalone: int) -> None:
        if version != "1.0":
            refuse(f"it is XML version {version}, not 1.0")

    def start(name: str, attributes: list[str]) -> None:
        if len(stack) >= max_depth:
            refuse(f"its elements nest more than {max_depth} deep")
        if name == _PARSER_ERROR:
            refuse("it holds an XHTML parsererror element, which browsers report errors with")
        pairs = [(_local(attributes[i]), attributes[i + 1]) for i in range(0, len(attributes), 2)]
        stack.append(_Element(_local(name), pairs))

    def end(_name: str) -> None:
        element = stack.pop()
        if stack:
            stack[-1].children.append((element.name, element.value()))
        else:
            root.append({element.name: element.value()})

    def characters(data: str) -> None:
        if stack:
            stack[-1].text.append(data)

    parser.XmlDeclHandler = declaration
    parser.StartDoctypeDeclHandler = lambda *_: refuse("it declares a DOCTYPE")
    parser.EntityDeclHandler = lambda *_: refuse("it declares an entity")
    parser.ProcessingInstructionHandler = lambda target, _: refuse(
        f"it holds a processing instruction (<?{target}…?>)"
    )
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    try:
        parser.Parse(text, True)  # a str: expat reads it as UTF-8, whatever it declares
    except _Refused as refusal:
        raise XmlBodyError(str(refusal), refused=True) from None
    except expat.ExpatError as error:
        message = expat.ErrorString(error.code) or "not well-formed"
        raise XmlBodyError(
            f"{message} at line {error.lineno} column {error.offset + 1}", refused=False
        ) from None
    return root[0]


# -- Writing ----------------------------------------------------------------------------------


def write_xml(value: Any, namespace: str | None = None) -> str:
    """``value`` (``{root: …}``, by the module's rule) as an XML document that reads back as it.

    The XML declaration on the first line, each element on a line of its own indented by two
    spaces (an element with text of its own and children is written on one line, so its text
    stays as it is); ``namespace`` becomes the root's ``xmlns``. :class:`ValueError` for a value
    no document reads as (a number, a list in a list, a name that is not an XML name).
    """
    if not isinstance(value, dict) or len(value) != 1:
        raise ValueError("an XML body is an object with one key, its root element")
    [(name, content)] = value.items()
    if isinstance(content, list):
        raise ValueError("a document has one root element, not a list of them")
    extra = [("xmlns", namespace)] if namespace is not None else []
    return "\n".join([DECLARATION, *_element(name, content, 0, extra)])


def _element(name: str, content: Any, depth: int, extra: list[tuple[str, str]]) -> Iterator[str]:
    indent = _INDENT * depth
    if isinstance(content, list):
        for item in content:
            if isinstance(item, list):
                raise ValueError(f"{name}: a list in a list has no XML form")
            yield from _element(name, item, depth, [])
        return
    tag = _name(name)
    if not isinstance(content, dict):
        content = {"#text": content}
    attributes = list(extra)
    children: list[tuple[str, Any]] = []
    text = ""
    for key, item in content.items():
        if key == "#text":
            text = _escape(_text(item, name), attribute=False)
        elif key.startswith("@"):
            if isinstance(item, list):
                raise ValueError(f"{name}: an attribute cannot be given twice ({key})")
            attributes.append((_name(key[1:]), _text(item, key)))
        else:
            children.append((key, item))
    opening = tag + "".join(f' {n}="{_escape(v, attribute=True)}"' for n, v in attributes)
    if not children:
        yield f"{indent}<{opening}>{text}</{tag}>" if text else f"{indent}<{opening}/>"
    elif text:  # mixed content: any whitespace added would become part of its text
        inner = "".join(line.lstrip(" ") for c in children for line in _element(*c, 0, []))
        yield f"{indent}<{opening}>{text}{inner}</{tag}>"
    else:
        yield f"{indent}<{opening}>"
        for child in children:
            yield from _element(*child, depth + 1, [])
        yield f"{indent}</{tag}>"


def _name(name: str) -> str:
    if not _LOCAL_NAME.fullmatch(name):
        raise ValueError(f"{name!r} is not an XML name (without a prefix)")
    return name


def _text(value: Any, name: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"{name}: {value!r} has no XML form (an XML body holds text)")
    text = str(value)
    bad = _NOT_XML.search(text)
    if bad:
        raise ValueError(f"{name}: the character U+{ord(bad.group()):04X} cannot be written in XML")
    return text


def _escape(text: str, *, attribute: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # A parser turns a raw CR into LF, and in attributes tabs and line feeds into spaces.
    text = text.replace("\r", "&#13;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
    return text


# -- Templates --------------------------------------------------------------------------------


def check_template(template: Any, path: KeyPath) -> str | None:
    """Check that an XML dialect's template has an XML form; its root's ``@xmlns``, if any.

    Placeholders are allowed wherever text is; ``@xmlns`` only on the root, and literal.
    """
    at = (*path, "template")
    if not isinstance(template, dict) or len(template) != 1:
        raise DialectError(
            at,
            "an XML template is an object with one key, its root element",
            "write it as {Error: {Code: '{code}', Message: '{message}'}}",
        )
    [(name, content)] = template.items()
    namespace = None
    if isinstance(content, dict) and "@xmlns" in content:
        namespace = content["@xmlns"]
        if not isinstance(namespace, str) or "{" in namespace:
            raise DialectError((*at, name, "@xmlns"), "@xmlns must be a literal namespace URI")
        content = {k: v for k, v in content.items() if k != "@xmlns"}
    _check_node(name, content, (*at, name), root=True)
    return namespace


def _check_node(name: str, content: Any, at: KeyPath, *, root: bool = False) -> None:
    if name != "#text" and not _LOCAL_NAME.fullmatch(name.removeprefix("@")):
        raise DialectError(at, f"{name!r} is not an XML name", "use a name without a prefix")
    if isinstance(content, str):
        return
    if name.startswith("@") or name == "#text":
        raise DialectError(at, f"{name} holds text only")
    if isinstance(content, list) and not root:
        if len(content) < 2:
            raise DialectError(at, "a list of one element reads back as that element alone")
        for index, item in enumerate(content):
            if isinstance(item, list):
                raise DialectError((*at, index), "a list in a list has no XML form")
            _check_node(name, item, (*at, index))
        return
    if isinstance(content, dict) and content:
        if set(content) == {"#text"}:
            raise DialectError(at, "an element with only #text reads back as its text")
        for key, item in content.items():
            if key.startswith("@xmlns"):
                raise DialectError((*at, key), "namespace declarations go on the root, as @xmlns")
            _check_node(key, item, (*at, key))
        return
    raise DialectError(
        at,
        f"{content!r} has no XML form: an XML template holds text, objects and lists",
        "quote numbers ('404'), or write an element's text as a string",
    )
