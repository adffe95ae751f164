"""Catalogue text outside HTML pages: one line for a meta tag, Markdown for an assistant.

Catalogue text is Markdown written by other hands. A ``<meta>`` tag's content is one line of
plain text (its markup gone, its breaks spaces, its control characters dropped) and then
escaped for the attribute; ``llms.txt`` is Markdown, where the same text must read as itself,
never as a heading, a link or raw HTML that a renderer would act on.
"""

from __future__ import annotations

import re

from ..catalogue import markdown as md
from .pagedata import TEXT_HEADINGS

# Control characters, and the separators that some readers take for line breaks.
# Joiners stay: scripts and emoji need them.
_INVISIBLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
# The characters that can start markup anywhere in a line of Markdown; "_" only at a word's
# edge (CommonMark never reads snake_case as emphasis, and codes are full of it).
_MARKUP = re.compile(r"[\\`*\[\]<>&|~!]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# What turns the start of a line into a heading, a quote, a list item or a rule.
_LINE_START = re.compile(r"^(#|>|[-+*=]|\d{1,9}[.)])")


def one_line(text: str) -> str:
    """``text`` on one line: every run of white space, line breaks, control characters and
    direction-changing characters one space."""
    if text.isprintable() and "  " not in text and text.strip(" ") == text:
        return text  # most text: no break, control character or run of spaces (and cheaper)
    return " ".join(_INVISIBLE.sub(" ", text).split())


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word's end, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def plain(text: str, base: str | None) -> str:
    """Catalogue Markdown as one line of plain text.

    Parsed with the arguments the pages use (:mod:`.pagedata`), so that the parse is the
    cached one the page just made: parsing again costs about 0.15 ms a text, seconds for a
    build of 10,000 reasons.
    """
    return _text_of(md.parse(text, heading_offset=TEXT_HEADINGS, base=base))


def first_paragraph(text: str, base: str | None) -> str:
    """The first block of catalogue Markdown (an introduction's opening), as one line."""
    document = md.parse(text, heading_offset=TEXT_HEADINGS, base=base)
    return _text_of(document.children[0]) if document.children else ""


def paragraphs(text: str, base: str | None) -> list[str]:
    """Catalogue Markdown as paragraphs of plain text; a list's items as ``- item`` lines."""
    document = md.parse(text, heading_offset=TEXT_HEADINGS, base=base)
    found: list[str] = []
    for block in document.children:
        if isinstance(block, md.BulletList | md.OrderedList):
            items = [one_line(" ".join(_text_of(b) for b in item)) for item in block.items]
            found.append("\n".join(f"- {markdown_line(item)}" for item in items if item))
        elif line := _text_of(block):
            found.append(markdown_line(line))
    return found


def _text_of(node: md.Document | md.Block) -> str:
    """What a text or a block says, on one line (:func:`..catalogue.markdown.plain_text`),
    with a shortcut for what most causes and fixes are: one paragraph of words and code."""
    if isinstance(node, md.Document) and len(node.children) == 1:
        node = node.children[0]
    if isinstance(node, md.Paragraph):
        words = [child.text for child in node.children if isinstance(child, md.Text | md.Code)]
        if len(words) == len(node.children):
            return one_line("".join(words))
    return one_line(md.plain_text(node))


def markdown_text(text: str) -> str:
    """Plain text for the inside of a Markdown line: every character that could start markup
    (emphasis, a link, a code span, raw HTML, an entity) escaped with a backslash."""
    return _MARKUP.sub(r"\\\g<0>", one_line(text))


def markdown_line(text: str) -> str:
    """Plain text as a Markdown paragraph of its own: :func:`markdown_text`, and a first
    character that would make the line a heading, a quote or a list item escaped too."""
    escaped = markdown_text(text)
    return _LINE_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], escaped, count=1)


def code_span(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds."""
    flat = one_line(text)
    if "`" not in flat:
        return f"`{flat}`"
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {flat} " if flat.startswith("`") or flat.endswith("`") else flat
    return f"{fence}{padded}{fence}"


def markdown_url(url: str) -> str:
    """A URL as a Markdown link's destination: nothing in it can end the link early."""
    return re.sub(r"[\s()<>\\]", lambda m: f"%{ord(m.group()):02X}", url)
