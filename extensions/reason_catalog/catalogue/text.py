"""Catalogue content as HTML for the generated pages: Markdown trees, badges, codes, JSON.

Everything a catalogue says is escaped (``html.escape``, attributes quoted); the markup is the
one Sphinx gives the same docutils nodes, so the theme styles both alike. A badge (a reason's
status or severity) is described once here (its text, classes and tooltip), and so is where a
long code may wrap; the docutils tables, the generated pages and the browser's data all draw
from these descriptions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from http import HTTPStatus
from typing import Any

from .markdown import (
    Block,
    BlockQuote,
    BulletList,
    Cell,
    Code,
    CodeBlock,
    Document,
    Emphasis,
    Heading,
    Inline,
    Link,
    OrderedList,
    Paragraph,
    SoftBreak,
    Strong,
    Table,
    Text,
)


def status_phrase(status: int | None) -> str:
    """``404 Not Found``; a bare number for statuses without a standard name."""
    if status is None:
        return "Status not documented"
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def status_name(status: int | None) -> str:
    """``Not Found``: the standard name of a status, without its number."""
    if status is None:
        return "Status not documented"
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Other status"


@dataclass(frozen=True)
class Badge:
    """A badge: its text, its CSS classes (coloured by what it says) and its tooltip."""

    text: str
    classes: tuple[str, ...]
    title: str


#: The class that colours a status badge by its status's class (``rc-status-4xx``), or marks
#: a reason whose status varies (``rc-status-varies``).
BADGE_CLASS = "rc-status-{}"
#: The class of a severity badge: ``rc-severity-warning``, ``rc-severity-info``.
SEVERITY_CLASS = "rc-severity-{}"
#: What a severity badge's tooltip says; errors, the default, have no badge.
SEVERITIES = {
    "warning": "Reported as a warning, not as an error",
    "info": "Reported as information, not as an error",
}


def status_badge(statuses: Sequence[int]) -> Badge | None:
    """The badge of a reason's HTTP statuses: none without one, ``404``, or ``varies``.

    The one description of a status badge: the tables, the reason and endpoint pages and the
    browser (through its data) all draw this. Several statuses show as one ``varies`` badge
    whose tooltip lists them (``HTTP 400 or 422``); a reason the provider gives no status has
    no badge at all, rather than an empty one.
    """
    if not statuses:
        return None
    if len(statuses) == 1:
        return _one_status(statuses[0])
    *first, last = (str(status) for status in statuses)
    listed = f"HTTP {', '.join(first)} or {last}"
    return Badge("varies", ("rc-status", BADGE_CLASS.format("varies")), listed)


def _one_status(status: int) -> Badge:
    kind = BADGE_CLASS.format(f"{status // 100}xx")
    return Badge(str(status), ("rc-status", kind), status_phrase(status))


def response_badge(key: str) -> Badge:
    """The badge of a status an OpenAPI operation declares: ``404``, ``4XX`` or ``default``."""
    if key.isascii() and key.isdecimal() and len(key) == 3:
        return _one_status(int(key))
    if key[:1].isascii() and key[:1].isdecimal():
        return Badge(key, ("rc-status", BADGE_CLASS.format(f"{key[0]}xx")), f"any {key} status")
    return Badge(key, ("rc-status", BADGE_CLASS.format("none")), "any other status")


def severity_badge(severity: str | None) -> Badge | None:
    """The badge beside a reason the API reports as a ``warning`` or ``info``; errors have none."""
    if severity is None or severity not in SEVERITIES:
        return None
    return Badge(severity, ("rc-severity", SEVERITY_CLASS.format(severity)), SEVERITIES[severity])


def badge_html(badge: Badge | None) -> str:
    """A badge as an HTML ``span``; nothing for no badge."""
    if badge is None:
        return ""
    classes = escape(" ".join(badge.classes))
    return f'<span class="{classes}" title="{escape(badge.title)}">{escape(badge.text)}</span>'


# -- codes that wrap -----------------------------------------------------------------------------

#: Codes this long or shorter are left whole: narrower than any code column (about 11em), and
#: a break costs markup on every row of tables of thousands.
WHOLE_CODE = 20
_AFTER = frozenset("_-./:")


@lru_cache(maxsize=65536)  # a code is drawn in its table, on pages that list it, …
def code_pieces(code: str, whole: int = WHOLE_CODE) -> tuple[str, ...]:
    """A long code cut where a line may break: after ``_ - . / :`` and at camel humps.

    ``card_declined_by_issuer`` → ``card_``, ``declined_``, …; ``ResourceNotFoundException``
    → ``Resource``, ``Not``, ``Found``, ``Exception``. The pieces join to the code; a code of
    at most ``whole`` characters (:data:`WHOLE_CODE`) is one piece.
    """
    if len(code) <= whole:
        return (code,)
    pieces: list[str] = []
    start = 0
    for index in range(1, len(code)):
        before, here = code[index - 1], code[index]
        if (before in _AFTER and here not in _AFTER) or (before.islower() and here.isupper()):
            pieces.append(code[start:index])
            start = index
    pieces.append(code[start:])
    return tuple(pieces)


def code_html(code: str, whole: int = WHOLE_CODE) -> str:
    """A code as HTML text that may wrap at its word boundaries (``<wbr>``), and only there.

    ``<wbr>`` adds no character: a reader who copies the code gets it exactly. A heading
    passes ``whole=0``: in its large type on a phone, even a short code may need to wrap.
    """
    return "<wbr>".join(escape(piece) for piece in code_pieces(code, whole))


_JSON_TOKEN = re.compile(
    r'(?P<key>"(?:[^"\\]|\\.)*")(?=\s*:)'
    r'|(?P<string>"(?:[^"\\]|\\.)*")'
    r"|(?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"
    r"|(?P<constant>true|false|null)"
    r"|(?P<punctuation>[{}\[\],:])"
    r"|(?P<space>\s+)"
)
# The classes Pygments' JSON lexer gives each token, so the theme's colours apply unchanged.
_CLASSES = {
    "key": "nt",
    "string": "s2",
    "number": "mi",
    "constant": "kc",
    "punctuation": "p",
    "space": "w",
}


#: What a code block's ``<pre>`` carries: a line wider than the page (on a phone, most are)
#: scrolls inside it, and a region that scrolls must take the keyboard's focus, or a reader
#: without a pointer cannot scroll it (WCAG 2.1.1; axe's scrollable-region-focusable).
SCROLLS = ' tabindex="0"'


def pretty_json(value: Any) -> str:
    """``value`` as indented JSON text, keys in their written order."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def highlight_json(source: str) -> str:
    """JSON text as highlighted HTML in the markup Sphinx gives a ``json`` code block."""
    spans = []
    for match in _JSON_TOKEN.finditer(source):
        kind = match.lastgroup or "space"
        token = escape(match.group(), quote=False)
        spans.append(token if kind == "space" else f'<span class="{_CLASSES[kind]}">{token}</span>')
    body = "".join(spans)
    return (
        '<div class="highlight-json notranslate"><div class="highlight">'
        f"<pre{SCROLLS}><span></span>{body}\n</pre></div>\n</div>"
    )


# -- Markdown ----------------------------------------------------------------------------------

#: Given a code span's text, the URL it links to and the link's tooltip, or ``None``.
CodeLinker = Callable[[str], tuple[str, str] | None]


def to_html(
    document: Document,
    link_code: CodeLinker | None = None,
    *,
    lead: str = "",
    tail: str = "",
) -> str:
    """``document`` as HTML, everything it says escaped; the markup Sphinx gives the same nodes.

    ``lead`` and ``tail`` are trusted HTML put at the start of the first paragraph and the end
    of the last one (in paragraphs of their own when the text does not begin or end with one).
    """
    blocks = list(document.children)
    out: list[str] = []
    if lead and not (blocks and isinstance(blocks[0], Paragraph)):
        out.append(f"<p>{lead}</p>\n")
        lead = ""
    trailing = (
        f"<p>{tail}</p>\n" if tail and not (blocks and isinstance(blocks[-1], Paragraph)) else ""
    )
    if trailing:
        tail = ""
    for index, block in enumerate(blocks):
        first, last = index == 0, index == len(blocks) - 1
        if isinstance(block, Paragraph) and ((first and lead) or (last and tail)):
            inner = inline_html(block.children, link_code)
            out.append(f"<p>{lead if first else ''}{inner}{tail if last else ''}</p>\n")
        else:
            out.append(_block_html(block, link_code))
    out.append(trailing)
    return "".join(out)


def _block_html(block: Block, link_code: CodeLinker | None) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{inline_html(block.children, link_code)}</p>\n"
    if isinstance(block, Heading):
        level = block.level
        return f'<h{level} class="rubric">{inline_html(block.children, link_code)}</h{level}>\n'
    if isinstance(block, BulletList | OrderedList):
        tag = "ul" if isinstance(block, BulletList) else "ol"
        attributes = ' class="simple"' if block.tight else ""
        if isinstance(block, OrderedList) and block.start != 1:
            attributes += f' start="{block.start}"'
        items = "".join(
            "<li>" + "".join(_block_html(b, link_code) for b in item) + "</li>\n"
            for item in block.items
        )
        return f"<{tag}{attributes}>\n{items}</{tag}>\n"
    if isinstance(block, CodeBlock):
        extra = f"rc-language-{block.language} " if block.language else ""
        return (
            f'<div class="{extra}highlight-none notranslate"><div class="highlight">'
            f"<pre{SCROLLS}><span></span>{escape(block.text)}</pre></div>\n</div>\n"
        )
    if isinstance(block, Table):
        return _table_html(block, link_code)
    if isinstance(block, BlockQuote):
        inner = "".join(_block_html(b, link_code) for b in block.children)
        return f"<blockquote>\n{inner}</blockquote>\n"
    return '<div class="rc-break docutils container">\n</div>\n'


def _table_html(table: Table, link_code: CodeLinker | None) -> str:
    def row(cells: tuple[Cell, ...], tag: str, number: int) -> str:
        parity = "odd" if number % 2 else "even"
        out = [f'<tr class="row-{parity}">']
        for cell, align in zip(cells, table.align, strict=False):
            classes = ["head"] if tag == "th" else []
            if align:
                classes.append(f"rc-align-{align}")
            attribute = f' class="{" ".join(classes)}"' if classes else ""
            out.append(f"<{tag}{attribute}><p>{inline_html(cell, link_code)}</p></{tag}>")
        return "".join(out) + "</tr>\n"

    head = row(table.header, "th", 1)
    body = "".join(row(cells, "td", number) for number, cells in enumerate(table.rows, 2))
    return (
        '<table class="docutils align-default">\n'
        f"<thead>\n{head}</thead>\n<tbody>\n{body}</tbody>\n</table>\n"
    )


def inline_html(
    inlines: Sequence[Inline], link_code: CodeLinker | None = None, *, in_link: bool = False
) -> str:
    """Inline nodes as HTML; a code span ``link_code`` knows becomes a link (never in a link)."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(escape(node.text))
        elif isinstance(node, Code):
            code = f'<code class="docutils literal notranslate">{escape(node.text)}</code>'
            target = None if in_link or link_code is None else link_code(node.text)
            if target is None:
                out.append(code)
            else:
                href, title = target
                out.append(
                    f'<a class="reference internal" href="{escape(href)}" '
                    f'title="{escape(title)}">{code}</a>'
                )
        elif isinstance(node, Emphasis):
            out.append(f"<em>{inline_html(node.children, link_code, in_link=in_link)}</em>")
        elif isinstance(node, Strong):
            inner = inline_html(node.children, link_code, in_link=in_link)
            out.append(f"<strong>{inner}</strong>")
        elif isinstance(node, Link):
            title = f' title="{escape(node.title)}"' if node.title else ""
            inner = inline_html(node.children, link_code, in_link=True)
            out.append(
                f'<a class="reference external" href="{escape(node.href)}"{title}>{inner}</a>'
            )
        elif isinstance(node, SoftBreak):
            out.append("\n")
        else:
            out.append("<br />\n")
    return "".join(out)
