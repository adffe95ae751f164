"""Catalogue Markdown: a restricted CommonMark, parsed into a small immutable tree.

Catalogue text (causes, fixes, notes, intros, messages) is data written by whoever edits a
catalogue, so it gets the Markdown a reader needs and nothing that reaches outside the text:
no raw HTML, no directives or roles (they stay as written, as literal text), no images loaded,
and links only to the web (``http``, ``https``, ``mailto``). A relative link was written for
the provider's docs site, where the text comes from: it goes there (the API's ``docs_url``),
or, where that is not known, it is shown as its text, since on this site it would lead
nowhere. The tree
is the one meaning of a text: the docutils renderer (``sphinxext/render.py``) and the HTML
renderer (:mod:`.text`) draw the same tree, so tables, generated pages and every output
format agree.

The work is bounded: texts longer than :data:`MAX_INPUT`, or nested deeper than markdown-it's
``maxNesting`` allows, are shown as plain paragraphs rather than parsed; inline nesting deeper
than :data:`MAX_INLINE_DEPTH` is flattened, so no renderer ever recurses deeply.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: Longer texts are not parsed: a catalogue's longest text is about a thousand characters.
MAX_INPUT = 50_000
#: markdown-it's own limit on block nesting (block quotes, lists); deeper content is cut by it.
MAX_NESTING = 20
#: Emphasis, strong and links nested deeper than this keep their text and lose their markup.
MAX_INLINE_DEPTH = 16

# -- the tree ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True, slots=True)
class Code:
    """A code span; one naming a reason or an endpoint becomes a link when rendered."""

    text: str


@dataclass(frozen=True, slots=True)
class _Inlines:
    """A run of inline content: what emphasis, strong text and paragraphs hold."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Emphasis(_Inlines):
    """``*emphasis*``."""


@dataclass(frozen=True, slots=True)
class Strong(_Inlines):
    """``**strong**``."""


@dataclass(frozen=True, slots=True)
class Link:
    """A link to an absolute URL that :func:`safe_href` gave."""

    href: str
    children: tuple[Inline, ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class SoftBreak:
    """A line break in the source: a space when shown."""


@dataclass(frozen=True, slots=True)
class HardBreak:
    """A forced line break (two trailing spaces or a backslash)."""


Inline = Text | Code | Emphasis | Strong | Link | SoftBreak | HardBreak
#: A table cell: inline content only, as in CommonMark tables.
Cell = tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Paragraph(_Inlines):
    """A paragraph."""


@dataclass(frozen=True, slots=True)
class Heading(_Inlines):
    """A heading, its level already demoted to fit the page (1–6)."""

    level: int = 1


@dataclass(frozen=True, slots=True)
class BulletList:
    """An unordered list; each item is a sequence of blocks."""

    items: tuple[tuple[Block, ...], ...]
    tight: bool = True


@dataclass(frozen=True, slots=True)
class OrderedList:
    """A numbered list starting at ``start``."""

    items: tuple[tuple[Block, ...], ...]
    tight: bool = True
    start: int = 1


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A fenced or indented code block; ``language`` is only ever a CSS class."""

    text: str
    language: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """A table; ``align`` holds ``""``, ``"left"``, ``"center"`` or ``"right"`` per column."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    align: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BlockQuote:
    """A block quote."""

    children: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class ThematicBreak:
    """A horizontal rule (``---``)."""


Block = (
    Paragraph | Heading | BulletList | OrderedList | CodeBlock | Table | BlockQuote | ThematicBreak
)


@dataclass(frozen=True, slots=True)
class Document:
    """A whole text: its blocks."""

    children: tuple[Block, ...]


Node = Document | Block | Inline

# -- links -------------------------------------------------------------------------------------

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})


def safe_href(url: str, base: str | None = None) -> str | None:
    """Where a catalogue's link to ``url`` goes, as published: the web or mail, or ``None``.

    A relative URL (``/docs/pricing``, ``../errors#x``, ``#x``) is resolved against ``base``,
    the provider's docs site the text was written for (the API's ``docs_url``); without one
    it is refused, since on this site it would lead nowhere. Anything else (``javascript:``,
    ``data:``, ``file:``, ``vbscript:``, a protocol-relative ``//host``) is refused. Browsers
    drop tabs and newlines from URLs and read ``\\`` as ``/``, so URLs holding those or
    other controls are refused too.
    """
    if not url or any(c in "\\\x7f" or ord(c) <= 0x20 for c in url):
        return None
    match = _SCHEME.match(url)
    if match is not None:
        return url if match.group(1).lower() in _ALLOWED_SCHEMES else None
    if url.startswith("//") or base is None or _SCHEME.match(base) is None:
        return None
    return safe_href(urljoin(base, url))


def _web_href(url: str, base: str | None) -> str | None:
    """``url`` when :func:`safe_href` makes it an ``http`` or ``https`` URL."""
    href = safe_href(url, base)
    match = _SCHEME.match(href) if href is not None else None
    return href if match is not None and match.group(1).lower() in {"http", "https"} else None


# -- parsing -----------------------------------------------------------------------------------


class _Parser(MarkdownIt):
    """CommonMark with tables; no raw HTML, no linkify, no typographer, no plugins."""

    def __init__(self) -> None:
        super().__init__("commonmark", {"html": False, "maxNesting": MAX_NESTING})
        self.enable("table")

    def validateLink(self, url: str) -> bool:
        # Every link is parsed, so that a refused one can be shown as its text: the tree
        # builder, not markdown-it, decides (see safe_href).
        return True


_PARSER = _Parser()
_LANGUAGE = re.compile(r"[A-Za-z0-9_+-]{1,40}")
_ALIGN = re.compile(r"text-align:(left|center|right)")


# One line in which Markdown gives no character a meaning: most causes and fixes. Such a
# text is one paragraph of itself, and markdown-it (about 50 µs a text) is not needed.
# Code spans in such a line (`` `GET /calls/{id}` ``, single backticks, one line) are common
# too, and as plain: their content is literal text.
_SPAN = r"`[^`\n\r]+`"
_ORDINARY = re.compile(
    rf"(?:[^\s#>+=\-~\d`\\*_\[\]<&\x00]|{_SPAN})(?:[^\n\r`\\*_\[\]<&\x00]|{_SPAN})*"
)
_SPANS = re.compile(_SPAN)


@lru_cache(maxsize=32768)
def parse(text: str, *, heading_offset: int = 0, base: str | None = None) -> Document:
    """``text`` as a tree; headings move down ``heading_offset`` levels (at most to 6).

    Relative links go to ``base``, the provider's docs site (see :func:`safe_href`); without
    one they are shown as their text. The result is immutable and cached: the same cause is
    shown in a table, on its page and in the changelog.
    """
    if _ORDINARY.fullmatch(text) and not text[-1].isspace():
        return Document((Paragraph(_ordinary(text)),))
    return _parse(text, heading_offset, base)


def _ordinary(text: str) -> tuple[Inline, ...]:
    """A line of plain text and single-backtick code spans, as markdown-it reads it."""
    inlines: list[Inline] = []
    position = 0
    for span in _SPANS.finditer(text):
        if span.start() > position:
            inlines.append(Text(text[position : span.start()]))
        code = span.group()[1:-1]
        # CommonMark strips one space from each end of a span that has one at both ends.
        if code.startswith(" ") and code.endswith(" ") and code.strip(" "):
            code = code[1:-1]
        inlines.append(Code(code))
        position = span.end()
    if position < len(text):
        inlines.append(Text(text[position:]))
    return tuple(inlines)


def _parse(text: str, heading_offset: int, base: str | None = None) -> Document:
    """:func:`parse` without its shortcut: the whole of markdown-it."""
    if len(text) > MAX_INPUT:
        return _plain(text)
    tokens = _PARSER.parse(text)
    # markdown-it silently drops what lies deeper than maxNesting: show the text plainly
    # instead of losing part of it.
    if any(token.level >= MAX_NESTING - 1 for token in tokens):
        return _plain(text)
    return Document(_blocks(tokens, heading_offset, base))


def _plain(text: str) -> Document:
    """``text`` as paragraphs of plain text, split at blank lines."""
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", text))
    return Document(tuple(Paragraph((Text(p),)) for p in paragraphs if p))


class _Frame:
    """A block being built: its opening token and the children found so far."""

    __slots__ = ("children", "items", "loose", "rows", "token")

    def __init__(self, token: Token | None) -> None:
        self.token = token
        self.children: list[Block] = []
        self.items: list[tuple[Block, ...]] = []
        self.rows: list[list[tuple[Cell, str]]] = []
        #: A list whose items' paragraphs markdown-it shows (it hides them in tight lists).
        self.loose = False


def _blocks(tokens: Sequence[Token], heading_offset: int, base: str | None) -> tuple[Block, ...]:
    """The blocks of a token stream, built with a stack (markdown-it bounds its depth)."""
    stack = [_Frame(None)]
    inline: tuple[Inline, ...] = ()
    for token in tokens:
        kind = token.type
        if kind == "inline":
            inline = _inlines(token.children or [], base)
        elif kind in {"paragraph_close", "heading_close"}:
            frame = stack[-1]
            if kind == "paragraph_close":
                frame.children.append(Paragraph(inline))
            else:
                level = min(6, int(token.tag[1:]) + max(0, heading_offset))
                frame.children.append(Heading(inline, level=level))
        elif kind in {"th_close", "td_close"}:
            style = str(stack[-1].token.attrs.get("style", "")) if stack[-1].token else ""
            found = _ALIGN.search(style)
            stack[-2].rows[-1].append((inline, found.group(1) if found else ""))
            stack.pop()
        elif kind == "paragraph_open":
            parent = stack[-1].token
            if not token.hidden and parent is not None and parent.type == "list_item_open":
                stack[-2].loose = True
        elif kind == "tr_open":
            stack[-1].rows.append([])
        elif kind in {"th_open", "td_open"}:
            stack.append(_Frame(token))
        elif kind in {"thead_open", "tbody_open", "thead_close", "tbody_close", "tr_close"}:
            continue
        elif kind.endswith("_open") and kind not in {"paragraph_open", "heading_open"}:
            stack.append(_Frame(token))
        elif kind.endswith("_close") and kind not in {"paragraph_close", "heading_close"}:
            frame = stack.pop()
            built = _close(frame, kind)
            if kind == "list_item_close":
                stack[-1].items.append(tuple(frame.children))
            elif built is not None:
                stack[-1].children.append(built)
        elif kind in {"fence", "code_block"}:
            words = token.info.split()
            language = words[0] if words and _LANGUAGE.fullmatch(words[0]) else ""
            stack[-1].children.append(CodeBlock(token.content, language))
        elif kind == "hr":
            stack[-1].children.append(ThematicBreak())
        elif token.content:  # html_block cannot occur with html off; shown as text if it did
            stack[-1].children.append(Paragraph((Text(token.content),)))
    return tuple(stack[0].children)


def _close(frame: _Frame, kind: str) -> Block | None:
    """The block a closed frame makes (``None`` for a list item: its list collects it)."""
    token = frame.token
    if kind == "bullet_list_close":
        return BulletList(tuple(frame.items), not frame.loose)
    if kind == "ordered_list_close":
        start = token.attrs.get("start", 1) if token is not None else 1
        return OrderedList(tuple(frame.items), not frame.loose, int(start))
    if kind == "blockquote_close":
        return BlockQuote(tuple(frame.children))
    if kind == "table_close":
        header, *body = frame.rows or [[]]
        width = len(header)
        align = tuple(a for _, a in header)

        def cells(row: list[tuple[Cell, str]]) -> tuple[Cell, ...]:
            found = [cell for cell, _ in row][:width]
            return tuple(found + [()] * (width - len(found)))

        return Table(cells(header), tuple(cells(row) for row in body), align)
    return None


class _Span:
    """An inline container being built."""

    __slots__ = ("children", "kind", "token")

    def __init__(self, kind: str, token: Token | None) -> None:
        self.kind = kind
        self.token = token
        self.children: list[Inline] = []


def _inlines(tokens: Sequence[Token], base: str | None) -> tuple[Inline, ...]:
    """The inline nodes of an inline token's children, built with a capped stack."""
    stack = [_Span("root", None)]
    flattened = 0  # containers opened beyond the depth cap: their markers are ignored
    for token in tokens:
        kind = token.type
        if kind in {"em_open", "strong_open", "link_open"}:
            if len(stack) > MAX_INLINE_DEPTH:
                flattened += 1
            else:
                stack.append(_Span(kind[: -len("_open")], token))
            continue
        if kind in {"em_close", "strong_close", "link_close"}:
            if flattened:
                flattened -= 1
                continue
            span = stack.pop()
            stack[-1].children.extend(_finish(span, _inside_link(stack), base))
            continue
        node = _leaf(token, _inside_link(stack), base)
        if node is not None:
            stack[-1].children.append(node)
    while len(stack) > 1:  # unbalanced input (it should not happen): keep the text
        span = stack.pop()
        stack[-1].children.extend(span.children)
    return _merge(stack[0].children)


def _inside_link(stack: list[_Span]) -> bool:
    return any(span.kind == "link" for span in stack)


def _finish(span: _Span, in_link: bool, base: str | None) -> tuple[Inline, ...]:
    """A closed container as nodes: a refused link leaves only its text."""
    children = _merge(span.children)
    if span.kind == "em":
        return (Emphasis(children),)
    if span.kind == "strong":
        return (Strong(children),)
    token = span.token
    href = safe_href(str(token.attrs.get("href", "")), base) if token is not None else None
    if href is None or in_link:
        return children
    title = str(token.attrs.get("title", "")) if token is not None else ""
    return (Link(href, children, title),)


def _leaf(token: Token, in_link: bool, base: str | None) -> Inline | None:
    """A token that holds no other: text, code, a break, or an image (never loaded)."""
    kind = token.type
    if kind == "code_inline":
        return Code(token.content)
    if kind == "softbreak":
        return SoftBreak()
    if kind == "hardbreak":
        return HardBreak()
    if kind == "image":
        alt = _alt_text(token)
        src = _web_href(str(token.attrs.get("src", "")), base)
        if src is None or in_link:
            return Text(alt) if alt else None
        return Link(src, (Text(alt or src),), str(token.attrs.get("title", "")))
    return Text(token.content) if token.content else None


def _alt_text(image: Token) -> str:
    """An image's description as plain text, however its markup nests (no recursion)."""
    out: list[str] = []
    pending = list(reversed(image.children or []))
    while pending:
        token = pending.pop()
        if token.type == "image":
            pending.extend(reversed(token.children or []))
        elif token.type in {"softbreak", "hardbreak"}:
            out.append(" ")
        else:
            out.append(token.content)
    return "".join(out)


def _merge(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Adjacent text nodes joined: markdown-it splits text at every special character."""
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


# -- reading the tree --------------------------------------------------------------------------


def walk(node: Node) -> Iterator[Node]:
    """``node`` and every node inside it, in document order."""
    pending: list[Node] = [node]
    while pending:
        current = pending.pop()
        yield current
        pending.extend(reversed(_children(current)))


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Document | Paragraph | Heading | BlockQuote | Emphasis | Strong | Link):
        return node.children
    if isinstance(node, BulletList | OrderedList):
        return tuple(block for item in node.items for block in item)
    if isinstance(node, Table):
        # Each cell as a paragraph of its own, so that cells stay apart as words.
        return tuple(Paragraph(cell) for row in (node.header, *node.rows) for cell in row)
    return ()


def code_spans(node: Node) -> Iterator[str]:
    """The text of every code span in ``node``."""
    for found in walk(node):
        if isinstance(found, Code):
            yield found.text


def plain_text(node: Node) -> str:
    """What ``node`` says, on one line, without markup: for titles, tooltips and summaries."""
    words: list[str] = []
    for found in walk(node):
        if isinstance(found, Text | Code):
            words.append(found.text)
        elif isinstance(found, CodeBlock):
            words.append(f" {found.text} ")
        elif not isinstance(found, Emphasis | Strong | Link | Document):
            words.append(" ")  # breaks and block boundaries separate words
    return " ".join("".join(words).split())
