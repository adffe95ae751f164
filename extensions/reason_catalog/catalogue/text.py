"""Catalogue text: inline Markdown code spans, rendered safely to HTML, and JSON highlighting.

Causes, fixes and notes are short Markdown with code spans (`` `CALL_NOT_FOUND` ``,
`` `GET /calls/{id}` ``); a span that names a reason or an endpoint becomes a link. Everything
else is text and is escaped, whatever it contains.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from html import escape
from typing import Any

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)

#: Given a code span's text, the URL it should link to (or ``None``) and a tooltip.
Linker = Callable[[str], tuple[str, str] | None]


def code_spans(text: str) -> Iterator[tuple[bool, str]]:
    """``(is_code, text)`` pieces of ``text``, split at Markdown code spans."""
    position = 0
    for match in _CODE_SPAN.finditer(text):
        if match.start() > position:
            yield False, text[position : match.start()]
        yield True, match.group(2).strip() or match.group(2)
        position = match.end()
    if position < len(text):
        yield False, text[position:]


def inline_html(text: str, linker: Linker | None = None) -> str:
    """``text`` as HTML: code spans become ``<code>`` (linked when ``linker`` knows them)."""
    out = []
    for is_code, piece in code_spans(" ".join(text.split())):
        if not is_code:
            out.append(escape(piece))
            continue
        code = f'<code class="docutils literal notranslate">{escape(piece)}</code>'
        link = linker(piece) if linker else None
        if link is None:
            out.append(code)
        else:
            url, title = link
            out.append(
                f'<a class="reference internal" href="{escape(url)}" title="{escape(title)}">'
                f"{code}</a>"
            )
    return "".join(out)


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
        f"<pre><span></span>{body}\n</pre></div>\n</div>"
    )
