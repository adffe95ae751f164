"""Regular expressions from catalogues: compiled on RE2, so no pattern can hang a build or a page.

Catalogues are data from many hands, and a backtracking engine (Python's ``re``, a browser's
``RegExp``) can take minutes on a pattern like ``^(A+)+$``. RE2 matches in time linear in the
text, whatever the pattern. This module is the one place that compiles a catalogue's patterns:
``code_style.pattern``, the named code styles, the ``pattern`` of an envelope field, and the
``pattern`` and ``patternProperties`` keywords of ``envelope.schema`` (for which it gives
jsonschema keywords and a ``format: regex`` check that run on RE2 instead of Python's ``re``).

The site's decoder runs the same field patterns in the browser with re2js, a JavaScript port
of RE2 (through RE2/J and Go). So a pattern must mean the same to both, and only this subset of
RE2's syntax is accepted:

- literal characters; ``.``; ``^`` and ``$`` (the start and end of the text, or of a line
  under ``(?m)``: ``$`` never matches before a final newline, unlike Python's); ``|``;
- groups ``(…)``, ``(?:…)`` and ``(?P<name>…)``, the name ASCII (``[A-Za-z_][A-Za-z0-9_]*``)
  and used once; flags ``(?i)``, ``(?m)``, ``(?s)``, ``(?U)``, also as ``(?i-s)`` and
  ``(?i:…)``;
- repetition ``*``, ``+``, ``?``, ``{n}``, ``{n,}``, ``{n,m}`` (counts up to 1000), each
  also lazy (``*?`` …);
- classes ``[…]`` and ``[^…]`` with ranges of characters, ASCII classes (``[[:alpha:]]``)
  and the Perl classes ``\\d \\s \\w \\D \\S \\W`` (ASCII only, in or out of brackets);
- ``\\A``, ``\\z``, ``\\b``, ``\\B`` outside brackets;
- escapes ``\\`` + ASCII punctuation, ``\\a \\f \\n \\r \\t \\v``, ``\\xhh`` and ``\\x{h…}``.

Refused, with a message saying why: whatever RE2 cannot run in linear time (backreferences,
lookahead and lookbehind, possessive and atomic forms, conditionals), and what re2js reads
differently or not at all: Unicode classes (``\\pL``, ``\\p{Greek}``: the two carry different
Unicode versions), ``\\C`` (one byte: re2js has no bytes), ``\\Q…\\E``, ``(?<name>…)``, octal
and digit escapes, escaped letters or non-ASCII characters that are not listed above, ranges
that start or end at a class (``[\\d-z]``), and group names RE2 alone allows.

Limits: at most :data:`MAX_LENGTH` characters, a compiled program of at most
:data:`MAX_PROGRAM_SIZE` instructions, and :data:`MAX_MEMORY` bytes of RE2 memory. Within
them the largest pattern compiles in about a millisecond and matches a code in microseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import Any, Protocol, cast

import re2
from jsonschema import Draft202012Validator, FormatChecker, ValidationError

#: Longer patterns are refused: real ones are tens of characters.
MAX_LENGTH = 1000
#: RE2 instructions; ``.{1000}`` is about 8,000. re2js steps through a program of about the
#: same size for every character of the text, so this also bounds the browser's work.
MAX_PROGRAM_SIZE = 10_000
#: RE2's budget for one pattern's program and matching caches; when its cache fills RE2
#: falls back to a slower matcher that is still linear, so this bounds memory, not correctness.
MAX_MEMORY = 1 << 20

_ESCAPES = frozenset("dDsSwWbBAzafnrtv")  # outside brackets, besides \x and punctuation
_CLASS_ESCAPES = frozenset("dDsSwW")  # the escapes that stand for a class of characters
_ESCAPES_IN_CLASS = _CLASS_ESCAPES | frozenset("afnrtv")
# Trusted patterns that scan pieces of a catalogue's pattern in linear time.
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A counted repetition, {n}, {n,} or {n,m}; its counts go up to MAX_REPEAT, as in RE2.
_REPEAT = re.compile(r"\{([0-9]+)(?:,([0-9]*))?\}")
MAX_REPEAT = 1000
_FLAGS = re.compile(r"(?:[imsU]+(?:-[imsU]+)?|-[imsU]+)[:)]")
_REFUSED_ESCAPES: dict[str, tuple[str, str]] = {
    "p": (
        "Unicode classes such as \\pL or \\p{Greek} are not accepted: RE2 and the browser's "
        "re2js carry different Unicode versions",
        "list the characters instead, e.g. [A-Za-z]",
    ),
    "C": (
        "\\C (any byte) is not accepted: the browser's re2js matches characters, not bytes",
        "use . for any character",
    ),
    "Q": (
        "\\Q…\\E quoting is not accepted: RE2 and the browser's re2js read it differently",
        "escape each special character with a backslash instead",
    ),
}
_REFUSED_ESCAPES["P"] = _REFUSED_ESCAPES["p"]
_REFUSED_ESCAPES["E"] = _REFUSED_ESCAPES["Q"]
_LINEAR_HINT = "match the text itself, and capture the part you need with a (?P<value>…) group"


class PatternError(ValueError):
    """A pattern that is refused: ``message`` says why, ``hint`` what to write instead."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint or "see 'Regular expressions' in the catalogue format guide"


class Match(Protocol):
    """What a successful search gives: the text of each group (``None`` if it took no part)."""

    def group(self, group: int | str = 0, /) -> str | None:
        """The text matched by ``group`` (a number, or the name of a named group)."""


class Pattern:
    """A compiled catalogue pattern, matched by RE2 in time linear in the text."""

    __slots__ = ("_regexp", "groupindex", "groups", "source")

    def __init__(self, source: str, regexp: Any) -> None:
        self.source = source
        self._regexp = regexp
        #: The number of each named group, and the number of groups.
        self.groupindex: Mapping[str, int] = dict(regexp.groupindex)
        self.groups: int = regexp.groups

    def __repr__(self) -> str:
        return f"Pattern({self.source!r})"

    def search(self, text: str) -> Match | None:
        """The first match anywhere in ``text``, as JSON Schema's ``pattern`` means it."""
        try:
            return cast("Match | None", self._regexp.search(text))
        except UnicodeEncodeError:
            return cast("Match | None", self._regexp.search(_without_surrogates(text)))

    def fullmatch(self, text: str) -> bool:
        """Whether the whole of ``text`` matches."""
        try:
            return self._regexp.fullmatch(text) is not None
        except UnicodeEncodeError:
            return self._regexp.fullmatch(_without_surrogates(text)) is not None


@lru_cache(maxsize=1024)
def compile_pattern(source: str) -> Pattern:
    """Compile a catalogue pattern, or raise :class:`PatternError` saying why it is refused."""
    if len(source) > MAX_LENGTH:
        raise PatternError(
            f"the pattern is {len(source):,} characters long; at most {MAX_LENGTH:,} are allowed",
            "a code or a field needs a short pattern",
        )
    _check_subset(source)
    options = re2.Options()
    options.max_mem = MAX_MEMORY
    options.log_errors = False  # the error comes back to us as an exception; keep stderr clean
    try:
        regexp = re2.compile(source, options)
    except re2.error as error:
        raise PatternError(f"not a valid regular expression: {_re2_message(error)}") from None
    except UnicodeEncodeError:  # a lone surrogate, e.g. from "\ud800" in YAML
        raise PatternError(
            "the pattern is not valid Unicode text", "remove the lone surrogate"
        ) from None
    if regexp.programsize > MAX_PROGRAM_SIZE:
        raise PatternError(
            f"the pattern compiles to {regexp.programsize:,} instructions; "
            f"at most {MAX_PROGRAM_SIZE:,} are allowed",
            "use smaller repetition counts",
        )
    return Pattern(source, regexp)


def _re2_message(error: Exception) -> str:
    detail = error.args[0] if error.args else ""
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    if str(detail).startswith("pattern too large"):
        return "the pattern compiles to too large a program; use smaller repetition counts"
    return str(detail)


def _without_surrogates(text: str) -> str:
    # RE2 matches UTF-8, and JSON may carry lone surrogates, which UTF-8 cannot hold: they
    # become U+FFFD (as in a browser's TextDecoder); pairs become the character they encode.
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _check_subset(source: str) -> None:
    """Refuse what RE2 accepts but re2js reads differently or not at all (see the docstring).

    RE2 itself rejects everything else that is wrong afterwards; this scan only needs to
    know where escapes, bracketed classes and ``(?`` groups begin and end.
    """
    names: set[str] = set()
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index, _ = _escape(source, index, _ESCAPES)
        elif char == "[":
            index = _bracket(source, index)
        elif source.startswith("(?", index):
            index = _group(source, index + 2, names)
        else:
            repeat = _REPEAT.match(source, index) if char == "{" else None
            counts = [n for n in repeat.groups() if n] if repeat is not None else []
            if any(len(n) > 4 or int(n) > MAX_REPEAT for n in counts):
                # RE2 reads a count it cannot hold as literal text; re2js may not.
                raise PatternError(
                    f"the repetition {source[index : source.index('}', index) + 1]} counts "
                    f"more than {MAX_REPEAT}",
                    "repeat at most 1000 times; a literal brace is written \\{",
                )
            index += 1


def _escape(source: str, index: int, allowed: frozenset[str]) -> tuple[int, bool]:
    """Skip the escape at ``index``; the index after it, and whether it stands for a class."""
    if index + 1 >= len(source):
        return index + 1, False  # a trailing backslash: RE2 says so
    letter = source[index + 1]
    if letter == "x":
        if source.startswith("{", index + 2):
            end = source.find("}", index + 3)
            return (len(source) if end < 0 else end + 1), False
        return index + 4, False
    if letter in allowed or (letter.isascii() and not letter.isalnum()):
        return index + 2, letter in _CLASS_ESCAPES
    if letter in _REFUSED_ESCAPES:
        raise PatternError(*_REFUSED_ESCAPES[letter])
    if letter.isdigit():
        raise PatternError(
            f"\\{letter} is not accepted: backreferences and octal escapes are not supported",
            "write a character by its code as \\x{…}; a backreference cannot run in linear time",
        )
    where = "inside [...]" if allowed is _ESCAPES_IN_CLASS else "here"
    raise PatternError(
        f"the escape \\{letter} is not accepted {where}",
        "escape only ASCII punctuation; the other escapes are \\d \\s \\w \\D \\S \\W, "
        "\\b \\B \\A \\z (outside brackets), \\a \\f \\n \\r \\t \\v and \\x{…}",
    )


def _bracket(source: str, start: int) -> int:
    """Skip the bracketed class at ``start``, refusing a range with a class at either end."""
    index = start + 1
    if source.startswith("^", index):
        index += 1
    first = index  # a '-' here, or just before the closing ], is a literal
    if source.startswith("]", index):
        index += 1  # and so is a leading ]
    in_range = False  # after a '-' that makes a range
    previous_is_class = False
    while index < len(source) and source[index] != "]":
        if source[index] == "-" and index > first and source[index + 1 : index + 2] != "]":
            if previous_is_class:
                raise _class_range_error()
            in_range = True
            index += 1
            continue
        if source[index] == "\\":
            index, is_class = _escape(source, index, _ESCAPES_IN_CLASS)
        elif source.startswith("[:", index) and ":]" in source[index + 2 : index + 40]:
            index = source.index(":]", index + 2) + 2
            is_class = True
        else:
            index += 1
            is_class = False
        if in_range and is_class:
            raise _class_range_error()
        in_range, previous_is_class = False, is_class
    return index + 1


def _class_range_error() -> PatternError:
    return PatternError(
        "a range inside [...] cannot start or end with a class such as \\d or [:alpha:]",
        "list the class and the range apart, e.g. [a-z\\d] (or escape the -: \\-)",
    )


def _group(source: str, index: int, names: set[str]) -> int:
    """Check the ``(?`` group whose syntax starts at ``index``; the index after its opening."""
    rest = source[index : index + 3]
    if rest.startswith(":"):
        return index + 1
    if rest.startswith("P<"):
        end = source.find(">", index + 2)
        if end < 0:
            return index  # unterminated: RE2 says so
        name = source[index + 2 : end]
        if not _NAME.fullmatch(name):
            raise PatternError(
                f"the group name {name!r} is not accepted",
                "a name is ASCII letters, digits and _, and does not start with a digit",
            )
        if name in names:
            raise PatternError(f"two groups are named {name!r}", "give each group its own name")
        names.add(name)
        return end + 1
    flags = _FLAGS.match(source, index)
    if flags:
        return flags.end()
    if rest.startswith(("=", "!", "<=", "<!")):
        raise PatternError(
            "lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported: "
            "they cannot run in linear time",
            _LINEAR_HINT,
        )
    if rest.startswith("<"):
        raise PatternError(
            "a named group is written (?P<name>…) here", "write (?P<name>…) instead of (?<name>…)"
        )
    if rest.startswith(("P=", "P>")):
        raise PatternError("backreferences are not supported: they cannot run in linear time")
    raise PatternError(
        f"the group (?{rest[:1]}… is not supported",
        "use (…), (?:…), (?P<name>…), or the flags (?i) (?m) (?s) (?U)",
    )


# jsonschema runs a schema's patterns with Python's re; these keywords run them on RE2 instead.


def _compiled(pattern: str) -> Pattern | None:
    # Every pattern was checked with the schema (REGEX_FORMAT); one met only now matches nothing.
    try:
        return compile_pattern(pattern)
    except PatternError:
        return None


def _pattern(
    validator: Draft202012Validator, pattern: str, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    compiled = _compiled(pattern)
    if validator.is_type(instance, "string") and (
        compiled is None or not compiled.search(instance)
    ):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(
    validator: Draft202012Validator, patterns: dict[str, Any], instance: Any, schema: Any
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        compiled = _compiled(pattern)
        for key, value in instance.items():
            if compiled is not None and compiled.search(key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional_properties(
    validator: Draft202012Validator, additional: Any, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    known = schema.get("properties", {})
    patterns = [p for p in map(_compiled, schema.get("patternProperties", {})) if p is not None]
    extras = [
        key
        for key in instance
        if key not in known and not any(pattern.search(key) for pattern in patterns)
    ]
    if validator.is_type(additional, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], additional, path=extra)
    elif not additional and extras:
        # jsonschema's own messages, so that reports read the same as before
        listed = ", ".join(repr(extra) for extra in sorted(extras, key=str))
        if "patternProperties" in schema:
            verb = "does" if len(extras) == 1 else "do"
            regexes = ", ".join(repr(each) for each in sorted(schema["patternProperties"]))
            yield ValidationError(f"{listed} {verb} not match any of the regexes: {regexes}")
        else:
            verb = "was" if len(extras) == 1 else "were"
            yield ValidationError(
                f"Additional properties are not allowed ({listed} {verb} unexpected)"
            )


#: jsonschema keywords that run a regular expression, running it on RE2 (``patternProperties``
#: is also read by ``additionalProperties``, to know which properties are additional).
SCHEMA_KEYWORDS: dict[str, Callable[..., Iterator[ValidationError]]] = {
    "pattern": _pattern,
    "patternProperties": _pattern_properties,
    "additionalProperties": _additional_properties,
}
#: The metaschema's ``format: regex`` (on ``pattern`` and ``patternProperties``' keys), on RE2:
#: a schema's pattern is refused when it is checked, not when it first runs.
REGEX_FORMAT = FormatChecker(formats=())


@REGEX_FORMAT.checks("regex", raises=PatternError)
def _is_regex(instance: object) -> bool:
    if isinstance(instance, str):
        compile_pattern(instance)
    return True
