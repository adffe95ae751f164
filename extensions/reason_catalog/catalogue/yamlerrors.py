"""Where YAML went wrong, said so that a person can find it: a line that exists, and why.

PyYAML's reader gives no line for a character it refuses, its parser reports an unclosed
bracket where the file ends rather than where the bracket was opened, and positions can fall
past the last line. These turn its errors into :class:`~.errors.Problem` objects that point at
the text a reader has to change.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from .errors import Problem

_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
# Control characters a string may not hold, however written: all but tab and line feed.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: PyYAML's "while parsing a flow sequence" contexts, in a reader's words.
_CONSTRUCTS = {
    "a flow sequence": "the list",
    "a flow mapping": "the mapping",
    "a quoted scalar": "the quoted string",
    "a block mapping": "the mapping",
    "a block collection": "the list",
    "a simple key": "the key",
    "a block scalar": "the block of text",
    "a plain scalar": "the value",
    "a flow node": "the value",
    "a block node": "the value",
    "a node": "the value",
}
#: The constructs that must be closed: what opened them, and the hint; an unclosed one is the
#: usual mistake.
_CLOSERS = {
    "a flow sequence": ("the '['", "add the missing ']', or a ',' between its items"),
    "a flow mapping": ("the '{'", "add the missing '}', or a ',' between its entries"),
    "a quoted scalar": ("the quote", "add the closing quote"),
}
#: What PyYAML says when a construct runs on to where it cannot continue.
_UNCLOSED = ("expected ',' or", "unexpected end of stream", "unexpected document indicator")


def syntax_problem(file: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """Located where parsing failed; the message names where the broken construct began.

    Where it failed at the end of the file (a bracket or a quote never closed), it is located
    where the construct began: the end of a file is no line to look at.
    """
    failed = error.problem_mark or error.context_mark
    line, column = (failed.line + 1, failed.column + 1) if failed else (1, 1)
    if failed is not None and failed.index >= len(text.rstrip()):
        began = error.context_mark
        if began is not None and began.index < failed.index:
            line, column = began.line + 1, began.column + 1
        line, column = within(end_of(text), line, column)
    message = f"YAML syntax error: {error.problem or error.context or 'malformed document'}"
    hint = "check indentation and quoting near this position"
    began, context = error.context_mark, error.context or ""
    if (
        began
        and failed
        and error.problem
        and (began.line, began.column) != (failed.line, failed.column)
    ):
        what = context.removeprefix("while parsing ").removeprefix("while scanning ")
        at = f"line {began.line + 1}, column {began.column + 1}"
        if what in _CLOSERS and any(part in error.problem for part in _UNCLOSED):
            opener, hint = _CLOSERS[what]
            message += f" ({opener} at {at} is never closed)"
        else:
            message += f" (in {_CONSTRUCTS.get(what, what)} that begins at {at})"
    return Problem(file, line, column, "(document)", message, hint)


def end_of(text: str) -> tuple[int, int]:
    """The number of the text's last line that is not blank, and that line's length."""
    body = text.rstrip()
    if not any(other in body for other in "\r\x85\u2028\u2029"):  # the common case, fast
        return body.count("\n") + 1, len(body) - (body.rfind("\n") + 1)
    breaks = list(_LINE_BREAK.finditer(body))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, len(body) - start


def within(end: tuple[int, int], line: int, column: int) -> tuple[int, int]:
    """``line`` and ``column``, or the end of the file's last line where they are past it."""
    if line <= end[0]:
        return line, column
    return end[0], end[1] + 1


def character_problem(file: str, text: str, error: Exception) -> Problem:
    """Located at the first character YAML does not allow (PyYAML's readers give no line)."""
    found = _NOT_PRINTABLE.search(text)
    if found is None:
        return Problem(file, 1, 1, "(document)", f"YAML error: {error}", "save it as UTF-8 text")
    line, line_start = 1, 0
    for a_break in _LINE_BREAK.finditer(text, 0, found.start()):
        line, line_start = line + 1, a_break.end()
    character = found.group()
    kind = "control character" if unicodedata.category(character) == "Cc" else "character"
    code = f"{ord(character):04X}"
    return Problem(
        file,
        line,
        found.start() - line_start + 1,
        "(document)",
        f"the {kind} U+{code} is not allowed in YAML",
        "delete it",
    )
