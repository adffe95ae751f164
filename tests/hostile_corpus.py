"""Hostile and broken catalogues, made from the minimal one, each with where it must be reported.

Every case breaks ``tests/catalogues/minimal.yaml`` (or replaces it) in one way and names the
line, and the column when one is well defined, where the problem is written: that location is
the main promise, checked against ``validate`` and the Sphinx build by ``test_hostile_corpus.py``.
A message fragment is given only where the wording class is certain ("alias", "nested", …).
Nothing big is stored: the oversized files are generated when a test asks for their bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

MINIMAL = (Path(__file__).resolve().parent / "catalogues" / "minimal.yaml").read_text(
    encoding="utf-8"
)
MIB = 1 << 20
#: A code that makes a pattern with nested quantifiers backtrack 2**40 times before failing.
EVIL_CODE = "A" * 40 + "!"
#: How a message may say that a number is too long to read.
DIGITS = "digits|too large|too long|too big"


@dataclass(frozen=True)
class Case:
    """One hostile catalogue and the location its first or main problem must be reported at."""

    kind: str
    name: str
    source: str | bytes | Callable[[], bytes]
    line: int
    column: int | None = None
    #: Text the problem at ``line`` must say (any case; ``a|b`` for either), only where the
    #: wording class is sure.
    fragment: str = ""
    #: Other lines a report may point at instead (never with a column), e.g. both ends of a
    #: multi-line construct, or where a linear-time regex engine reports a non-matching code.
    also: tuple[int, ...] = ()

    @property
    def id(self) -> str:
        """The name pytest shows for the case."""
        return f"{self.kind}/{self.name}"

    @property
    def lines(self) -> tuple[int, ...]:
        """Every line a report may point at; the first is the one expected."""
        return (self.line, *self.also)

    def content(self) -> bytes:
        """The bytes of the file (generated now for the oversized cases)."""
        if callable(self.source):
            return self.source()
        if isinstance(self.source, str):
            return self.source.encode("utf-8", "surrogatepass")
        return self.source


def edit(*changes: tuple[str, str], base: str = MINIMAL) -> str:
    """``base`` with each ``old`` (which must occur once) replaced by ``new``."""
    text = base
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} must occur once"
        text = text.replace(old, new)
    return text


def at(text: str, marker: str, within: str = "") -> tuple[int, int]:
    """Line and column of ``marker`` (unique in ``text``), or of ``within`` inside it."""
    assert text.count(marker) == 1, f"{marker[:60]!r} must occur once"
    index = text.index(marker) + (marker.index(within) if within else 0)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def at_bytes(raw: bytes, marker: bytes, within: bytes = b"") -> tuple[int, int]:
    """:func:`at` for bytes: the column counts bytes (the text before is ASCII)."""
    assert raw.count(marker) == 1, f"{marker[:60]!r} must occur once"
    index = raw.index(marker) + (marker.index(within) if within else 0)
    return raw.count(b"\n", 0, index) + 1, index - (raw.rfind(b"\n", 0, index) + 1) + 1


def case(
    kind: str,
    name: str,
    text: str,
    marker: str,
    within: str = "",
    *,
    column: bool = True,
    fragment: str = "",
    also: Sequence[str | int] = (),
) -> Case:
    """A case located at ``marker`` (or ``within`` it) in ``text``; ``also`` as markers or lines."""
    line, col = at(text, marker, within)
    other = tuple(m if isinstance(m, int) else at(text, m)[0] for m in also)
    return Case(kind, name, text, line, col if column else None, fragment, other)


def yaml_syntax() -> Iterator[Case]:
    """Text that is not YAML, or not one YAML document."""
    k = "yaml-syntax"
    seq = 'endpoints: ["/calls", "/calls/{id}*"]'
    text = edit((seq, seq[:-1]))
    # The parser notices on the next line; the bracket left open is on this one.
    yield case(k, "unclosed-flow-sequence", text, seq[:-1] + "\n", column=False, also=["see_also"])
    enum = "status: {enum: [NOT_FOUND, FAILED_PRECONDITION, UNAVAILABLE]}"
    text = edit((enum, enum[:-1]))
    yield case(k, "unclosed-flow-mapping", text, enum[:-1] + "\n", column=False, also=["reason: {"])
    text = edit(("required: [error]\n", "required: [error\n"))
    line = at(text, "[error\n")[0]
    yield case(k, "unclosed-flow-sequence-block", text, "[error\n", column=False, also=[line + 1])
    text = edit(("request_id: req_0123456789ab", "request_id: [req_0123456789ab"))
    yield case(k, "unclosed-flow-at-end", text, "[req_", column=False)
    text = edit(("required: [error]\n", "required: [error}\n"))
    yield case(k, "mismatched-bracket", text, "[error}", column=False)
    # The quoted string runs on to the next quote, one line down, where parsing fails.
    text = edit(('reason: "{code}"', 'reason: "{code}'))
    yield case(k, "unclosed-double-quote", text, 'reason: "{code}\n', column=False, also=[34])
    text = edit(("cause: The call does not exist.", "cause: 'The call does not exist."))
    yield case(k, "unclosed-single-quote-to-end", text, "'The call", column=False)
    text = edit(("request_id: req_0123456789ab", 'request_id: "req_0123456789ab'))
    yield case(k, "unclosed-double-quote-at-end", text, '"req_', column=False)
    text = edit(('reason: "{code}"', 'reason: "\\q{code}"'))
    yield case(k, "unknown-escape", text, '"\\q{code}"', column=False)
    text = edit(("        fix: Verify the ID.", "       fix: Verify the ID."))
    yield case(k, "indented-one-short", text, "       fix: Verify", column=False)
    text = edit(("  slug: example", " slug: example"))
    yield case(k, "dedented-key", text, " slug: example", column=False)
    text = edit(("  slug: example", "\tslug: example"))
    yield case(k, "tab-indent", text, "\tslug", column=False, fragment="tab")
    text = edit(("        fix: Retry after a short delay.", "\t\tfix: Retry after a short delay."))
    yield case(k, "tab-indent-deep", text, "\t\tfix", column=False, fragment="tab")
    text = MINIMAL + "---\nformat: 1\n"
    yield case(k, "second-document", text, "---\n", column=False, fragment="document")
    text = MINIMAL + "...\ngroups: []\n"
    yield case(k, "content-after-document-end", text, "...\n", column=False, also=[68])
    text = "%YAML 2.0\n---\n" + MINIMAL
    yield case(k, "yaml-2-directive", text, "%YAML 2.0", column=False)
    text = edit(("  slug: example", "  slug example"))
    yield case(k, "missing-colon", text, "slug example", column=False, also=["  version: v1"])
    text = edit(("  name: Example API", "  name: Example: API"))
    yield case(k, "mapping-in-plain-scalar", text, "Example: API", column=False)
    text = edit(("  version: v1", "  version: ]v1"))
    yield case(k, "closing-bracket-starts-value", text, "]v1", column=False)


def tags() -> Iterator[Case]:
    """Explicit YAML tags: a catalogue is plain data, nothing may construct objects."""
    k = "tags"
    text = edit(("  version: v1", "  version: !!python/object/apply:os.system [echo hi]"))
    yield case(k, "python-apply-on-sequence", text, "!!python", column=False)
    text = edit(("  version: v1", "  version: !!python/name:os.system ''"))
    yield case(k, "python-name", text, "!!python", column=False, fragment="tag")
    text = edit(("  version: v1", "  version: !local v1"))
    yield case(k, "local-tag", text, "!local", column=False)
    text = edit(("related: [CALL_STATE_INVALID]", "related: !!set {CALL_STATE_INVALID}"))
    yield case(k, "set", text, "!!set", column=False)


def _bomb(levels: int = 9, width: int = 10) -> str:
    """A one-line billion laughs: ``width ** levels`` strings from a few hundred bytes."""
    parts = ["&l0 [" + ", ".join(["lol"] * width) + "]"]
    parts += [f"&l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "[" + ", ".join(parts) + "]"


def aliases() -> Iterator[Case]:
    """Billion laughs, recursive and undefined aliases, merge keys."""
    k = "aliases"
    fix = "        fix: Verify the ID.\n"
    text = edit((fix, fix + "        example: " + _bomb() + "\n"))
    yield case(
        k, "billion-laughs-in-example", text, "example: [&l0", column=False, fragment="alias"
    )
    text = edit((fix, fix + "        notes: " + _bomb() + "\n"))
    yield case(k, "billion-laughs-in-notes", text, "notes: [&l0", column=False, fragment="alias")
    text = edit(('      request_id: "{request_id}"\n', '      request_id: "{request_id}"\n'
                 "    debug: " + _bomb() + "\n"))  # fmt: skip
    yield case(k, "billion-laughs-in-template", text, "debug:", column=False, fragment="alias")
    text = edit(("    required: [error]\n", "    required: [error]\n    x-lol: " + _bomb() + "\n"))
    yield case(k, "billion-laughs-in-schema", text, "x-lol:", column=False, fragment="alias")
    text = MINIMAL + "lol: " + _bomb() + "\n"
    yield case(k, "billion-laughs-unknown-key", text, "lol: [", column=False, fragment="alias")
    block = "".join(
        f"  l{i}: &l{i} [" + ", ".join([f"*l{i - 1}" if i else "lol"] * 10) + "]\n"
        for i in range(9)
    )
    text = MINIMAL + "lol:\n" + block
    first_alias = at(text, "  l1: &l1")[0]
    yield case(
        k,
        "billion-laughs-block",
        text,
        "  l1: &l1",
        column=False,
        fragment="alias",
        also=[n for n in range(first_alias - 2, first_alias + 9) if n != first_alias],
    )
    wide = "[&w [" + ", ".join(["x"] * 1000) + "], " + ", ".join(["*w"] * 100_000) + "]"
    text = edit((fix, fix + "        example: " + wide + "\n"))
    yield case(k, "hundred-thousand-aliases", text, "example: [&w", column=False, fragment="alias")
    text = edit((fix, fix + "        example: &r [*r]\n"))
    yield case(k, "recursive-sequence", text, "&r [*r]", column=False, fragment="alias")
    text = edit((fix, fix + "        example: &r {error: *r}\n"))
    yield case(k, "recursive-mapping", text, "&r {error", column=False, fragment="alias")
    text = edit(("    error:\n      status:", "    error: &t\n      nested: [*t]\n      status:"))
    yield case(k, "recursive-template", text, "nested: [*t]", column=False, fragment="alias")
    text = edit(("related: [CALL_STATE_INVALID]", "related: [*nowhere]"))
    yield case(k, "undefined-alias", text, "*nowhere", column=False, fragment="alias")
    text = edit((fix, fix + "        <<: {notes: [merged]}\n"))
    yield case(k, "merge-key", text, "<<:", fragment="merge")
    text = edit(
        ("status: {enum:", "status: &st {enum:"),
        ("reason: {type: string}", "reason: {<<: *st, type: string}"),
    )
    yield case(k, "merge-key-alias-in-flow", text, "<<: *st", fragment="merge")
    text = edit(
        ("    title: Call reasons", "    title: Call reasons\n    <<: [*g1, *g2]"),
        ("    title: Generic reasons", "    title: &g1 Generic reasons\n    intro: &g2 x"),
    )
    yield case(k, "merge-key-list", text, "<<: [*g1", fragment="merge")


def nesting() -> Iterator[Case]:
    """Structures nested far deeper than any catalogue needs."""
    k = "nesting"
    fix = "        fix: Verify the ID.\n"
    deep = 100_000
    text = edit((fix, fix + "        example: " + "[" * deep + "]" * deep + "\n"))
    yield case(k, "brackets-100k", text, "example: [[", column=False, fragment="nested")
    text = edit((fix, fix + "        example: " + "[" * deep + "\n"))
    yield case(k, "brackets-100k-unclosed", text, "example: [[", column=False)
    text = edit((fix, fix + "        example: " + "{a: " * deep + "x" + "}" * deep + "\n"))
    yield case(k, "braces-100k", text, "example: {a: {a:", column=False, fragment="nested")
    text = edit(
        (fix, fix + "        example: " + "[{a: " * (deep // 2) + "}]" * (deep // 2) + "\n")
    )
    yield case(k, "mixed-100k", text, "example: [{a:", column=False, fragment="nested")
    text = edit(("    required: [error]\n", "    required: [error]\n    x-deep: "
                 + "[" * deep + "]" * deep + "\n"))  # fmt: skip
    yield case(k, "brackets-100k-in-schema", text, "x-deep:", column=False, fragment="nested")
    text = "[" * deep + "]" * deep + "\n"
    yield Case(k, "brackets-100k-document", text, 1, None, "nested")
    text = "x: " + "[" * deep + "\n"
    yield Case(k, "brackets-100k-unclosed-document", text, 1)
    levels = 2000
    block = "".join("  " * (i + 5) + "a:\n" for i in range(levels)) + "  " * (levels + 5) + "x\n"
    text = edit((fix, fix + "        example:\n" + block))
    marker = "ID.\n        example:\n"
    start = at(text, marker, "        example:")[0]
    # Where the nesting first exceeds a limit depends on the limit: any line of it will do.
    yield case(
        k,
        "block-mappings-2000",
        text,
        marker,
        "        example:",
        column=False,
        fragment="nested",
        also=range(start + 1, start + levels + 2),
    )
    block = "".join("  " * (i + 5) + "-\n" for i in range(levels)) + "  " * (levels + 5) + "x\n"
    text = edit((fix, fix + "        example:\n" + block))
    yield case(
        k,
        "block-sequences-2000",
        text,
        marker,
        "        example:",
        column=False,
        fragment="nested",
        also=range(start + 1, start + levels + 2),
    )
    schema = "{type: object, properties: {a: " * 5000 + "{}" + "}}" * 5000
    text = edit(("          reason: {type: string}", "          reason: " + schema))
    yield case(k, "schema-properties-5000", text, "reason: {type: object", column=False)


def numbers() -> Iterator[Case]:
    """Integers too long to convert, and floats that are not numbers."""
    k = "numbers"
    huge = "5" * 5000
    text = edit(("        status: 503", "        status: " + huge))
    yield case(k, "status-5000-digits", text, "status: 555", "555", fragment=DIGITS)
    text = edit(("    status: 404", "    status: " + huge))
    yield case(k, "group-status-5000-digits", text, "    status: 555", "555", fragment=DIGITS)
    text = edit(("format: 1", "format: " + huge))
    yield case(k, "format-5000-digits", text, "format: 555", "555", fragment=DIGITS)
    text = edit(("  max_length: 63", "  max_length: " + huge))
    yield case(k, "max-length-5000-digits", text, "max_length: 555", "555", fragment=DIGITS)
    text = edit(("request_id: req_0123456789ab", "request_id: " + huge))
    yield case(k, "example-value-5000-digits", text, "request_id: 555", "555", fragment=DIGITS)
    text = edit(("{NOT_FOUND: 404,", "{NOT_FOUND: " + huge + ","))
    yield case(k, "status-name-5000-digits", text, "NOT_FOUND: 555", "555", fragment=DIGITS)
    text = edit(("        status: 503", "        status: -" + huge))
    yield case(k, "negative-5000-digits", text, "status: -555", "-555", fragment=DIGITS)
    text = edit(("reason: {type: string}", "reason: {type: string, maxLength: " + huge + "}"))
    yield case(k, "schema-keyword-5000-digits", text, "maxLength: 555", "555", fragment=DIGITS)
    text = edit(("        status: 503", "        status: 0x" + "f" * 100_000))
    yield case(k, "status-100k-hex-digits", text, "status: 0xf", "0xf")
    text = edit(("        status: 503", "        status: 1.0e999"))
    yield case(k, "status-infinite-float", text, "1.0e999")
    text = edit(("        status: 503", "        status: .nan"))
    yield case(k, "status-nan", text, ".nan")
    text = edit(("request_id: req_0123456789ab", "request_id: .inf"))
    yield case(k, "example-infinity", text, ".inf", also=["        example:"])
    text = edit(("message: The call has already ended.", "message: .nan"))
    yield case(k, "example-nan", text, ".nan", also=["        example:"])
    text = edit(("{NOT_FOUND: 404,", "{NOT_FOUND: .nan,"))
    yield case(k, "status-name-nan", text, ".nan")


def control_characters() -> Iterator[Case]:
    """Characters no catalogue text may hold, written raw or as YAML escapes."""
    k = "control-chars"
    f = "control character"
    cause = "cause: The call does not exist."
    for name, char in [("nul", "\x00"), ("bell", "\x07"), ("escape", "\x1b"), ("del", "\x7f")]:
        text = edit((cause, cause.replace("does", char + "does")))
        yield case(k, f"{name}-in-value", text, char, fragment=f)
    text = "\x00" + MINIMAL
    yield Case(k, "nul-first-byte", text, 1, 1, f)
    text = edit(("# A small", "# A \x07small"))
    yield case(k, "bell-in-comment", text, "\x07", fragment=f)
    text = edit(("    title: Call reasons", "    ti\x01tle: Call reasons"))
    yield case(k, "soh-in-key", text, "\x01", fragment=f)
    text = edit(("    intro: Reasons fired", "    intro: Reasons\x9b fired"))
    yield case(k, "c1-csi-in-value", text, "\x9b", fragment=f)
    text = edit(("cause: A backend service", "cause: A\x0bbackend service"))
    yield case(k, "vertical-tab-in-value", text, "\x0b", fragment=f)
    text = edit(("fix: Retry after", "fix: Retry\x0cafter"))
    yield case(k, "form-feed-in-value", text, "\x0c", fragment=f)
    text = MINIMAL + "# trailing \x01"
    yield case(k, "soh-at-end-without-newline", text, "\x01", fragment=f)
    text = edit(('      reason: "{code}"', '      "rea\x00son": "{code}"'))
    yield case(k, "nul-in-quoted-key", text, "\x00", fragment=f)
    text = edit(("  version: v1", "  version: v1\x1b[2J\x1b[H"))
    yield case(k, "ansi-clear-screen-raw", text, "\x1b[2J", fragment=f)
    # Escapes are valid YAML, but the characters they make are no better in a page or terminal.
    text = edit(("    title: Generic reasons", '    title: "Generic\\e[2J reasons"'))
    yield case(k, "ansi-escape-sequence", text, '"Generic', column=False, fragment=f)
    text = edit((cause, 'cause: "The call\\0 does not exist."'))
    yield case(k, "escaped-nul", text, '"The call\\0', column=False, fragment=f)


def encoding() -> Iterator[Case]:
    """Bytes that are not UTF-8, at a known place."""
    k = "encoding"
    f = "not utf-8"
    raw = MINIMAL.encode()

    def swap(old: bytes, new: bytes) -> bytes:
        assert raw.count(old) == 1
        return raw.replace(old, new)

    variants = [
        ("latin-1-letter", b"title: Generic reasons", b"title: G\xe9n\xe9ric reasons", b"\xe9"),
        ("lone-ff", b"cause: The call does not exist.", b"cause: The call \xff exists.", b"\xff"),
        ("overlong-slash", b"  name: Example API", b"  name: Example \xc0\xaf API", b"\xc0"),
        ("surrogate", b"fix: Retry after", b"fix: Retry \xed\xa0\x80 after", b"\xed"),
        ("cp1252-quotes", b"cause: The call is in", b"cause: \x93The\x94 call is in", b"\x93"),
        ("beyond-unicode", b"  version: v1", b"  version: v\xf5\x80\x80\x801", b"\xf5"),
        ("in-comment", b"# A small catalogue", b"# A sm\xe4ll catalogue", b"\xe4"),
        ("in-key", b"    intro: Reasons", b"    intr\xf6: Reasons", b"\xf6"),
    ]
    for name, old, new, bad in variants:
        data = swap(old, new)
        line, column = at_bytes(data, new, bad)
        yield Case(k, name, data, line, column, f)
    data = raw + b"# ends mid-character \xe2\x82"
    line, column = at_bytes(data, b"\xe2\x82")
    yield Case(k, "truncated-at-end", data, line, column, f)
    data = raw.replace(b"\n", b"\n\xa0", 1)  # a continuation byte opening line 2
    yield Case(k, "continuation-byte-starts-line", data, 2, 1, f)


def byte_order_marks() -> Iterator[Case]:
    """Byte order marks where they do not belong, and files in other encodings."""
    k = "bom"
    yield Case(k, "utf-16le", MINIMAL.encode("utf-16"), 1, 1, "not utf-8")
    yield Case(k, "utf-32le", MINIMAL.encode("utf-32"), 1, 1, "not utf-8")
    yield Case(k, "utf-16be-without-bom", MINIMAL.encode("utf-16-be"), 1, 1)
    yield Case(k, "utf-16le-bom-before-utf-8", b"\xff\xfe" + MINIMAL.encode(), 1, 1, "not utf-8")
    text = edit(("  slug: example", "\ufeff  slug: example"))
    yield case(k, "bom-at-line-start", text, "\ufeff", column=False)
    text = edit(("    title: Call reasons", "    \ufefftitle: Call reasons"))
    yield case(k, "bom-in-key", text, "\ufefftitle")
    text = edit(("      - code: SERVICE_UNAVAILABLE", "      - code: SERVICE_\ufeffUNAVAILABLE"))
    yield case(k, "bom-in-code", text, "SERVICE_\ufeff")
    yield Case(k, "bom-only", "\ufeff", 1, 1, "empty")


def oversized() -> Iterator[Case]:
    """Files far larger than any catalogue (40 MiB), generated when their bytes are asked for."""
    k = "oversized"

    def comment() -> bytes:
        return MINIMAL.encode() + b"# " + b"x" * (40 * MIB) + b"\n"

    def scalar() -> bytes:
        old = b"cause: The call does not exist."
        return MINIMAL.encode().replace(old, b"cause: " + b"x" * (40 * MIB))

    def reasons() -> bytes:
        reason = (
            "      - code: BULK_%06d\n        cause: A reason among very many, "
            "padded to take room: %s.\n"
        )
        pad = "lorem ipsum " * 10
        parts = [MINIMAL.encode()]
        size, n = 0, 0
        while size < 40 * MIB:
            chunk = (reason % (n, pad)).encode()
            parts.append(chunk)
            size += len(chunk)
            n += 1
        return b"".join(parts)

    yield Case(k, "comment-40mib", comment, 1)
    yield Case(k, "scalar-40mib", scalar, 1, also=(53,))
    yield Case(k, "reasons-40mib", reasons, 1)


def redos() -> Iterator[Case]:
    """Patterns with nested quantifiers, and a 41-character code that makes them backtrack."""
    k = "redos"
    evil_code = ("      - code: SERVICE_UNAVAILABLE", "      - code: " + EVIL_CODE)
    for name, pattern in [
        ("nested-plus", "^(A+)+$"),
        ("alternation", "^(A|A)+$"),
        ("star-star", "^(A*)*$"),
        ("class-plus", "^([A-Z]+)*$"),
        ("overlap", "^(A|AA)+$"),
    ]:
        text = edit(("  case: UPPER_SNAKE", f"  pattern: '{pattern}'"), evil_code)
        # A linear-time engine may accept the pattern and refuse the code instead.
        yield case(
            k,
            f"code-style-{name}",
            text,
            f"pattern: '{pattern}'",
            "'",
            fragment="pattern",
            also=["- code: AAAA"],
        )
    evil_example = ("            reason: CALL_STATE_INVALID", "            reason: " + EVIL_CODE)
    where_example = ["        example:", "reason: AAAA"]
    text = edit(
        ("    code: error.reason", "    code: {path: error.reason, pattern: '^((A+)+)$'}"),
        evil_example,
    )
    yield case(k, "fields-code-pattern", text, "pattern: '^((A", "'", also=where_example)
    text = edit(
        ("    code: error.reason", "    code: {path: error.reason, pattern: '((A+)+)$'}"),
        evil_example,
    )
    yield case(k, "fields-code-pattern-unanchored", text, "pattern: '((A", "'", also=where_example)
    text = edit(
        ("reason: {type: string}", "reason: {type: string, pattern: '^(A+)+$'}"), evil_example
    )
    yield case(k, "schema-pattern", text, "pattern: '^(A+)+$'", "'", also=where_example)
    # additionalProperties makes the key an error whichever engine matches the pattern.
    text = edit(
        ("          request_id: {type: string}", "          request_id: {type: string}\n"
         "        patternProperties: {'^(A+)+$': {type: string}}\n"
         "        additionalProperties: false"),
        ("            request_id: req_0123456789ab", "            request_id: req_0123456789ab\n"
         f"            {EVIL_CODE}: x"),
    )  # fmt: skip
    yield case(
        k,
        "schema-pattern-properties",
        text,
        "patternProperties: {'",
        "'",
        also=[*where_example[:1], f"{EVIL_CODE}: x"],
    )
    text = edit(
        ("        required: [status, reason, message]", "        required: [status, reason, "
         "message]\n        propertyNames: {pattern: '^(A+)+$|^[a-z_]+$'}"),
        ("            request_id: req_0123456789ab", "            request_id: req_0123456789ab\n"
         f"            {EVIL_CODE}: x"),
    )  # fmt: skip
    yield case(
        k,
        "schema-property-names",
        text,
        "pattern: '^(A+)+$|",
        "'",
        also=[*where_example[:1], f"{EVIL_CODE}: x"],
    )


def regex_constructs() -> Iterator[Case]:
    """Patterns a portable (linear-time) regular expression engine does not have, or cannot be."""
    k = "regex"
    for name, pattern in [
        ("backreference", r"^([A-Z])\1[A-Z_]*$"),
        ("lookahead", r"^(?=[A-Z])[A-Z_]+$"),
        ("negative-lookbehind", r"^[A-Z_]+(?<!_)$"),
        ("atomic-group", r"^(?>[A-Z_]+)$"),
        ("conditional", r"^(A)?(?(1)[A-Z_]+|[A-Z_]+)$"),
        ("repeat-overflow", "^A{4294967296}$"),
        ("unterminated", "^[A-Z_"),
    ]:
        text = edit(("  case: UPPER_SNAKE", f"  pattern: '{pattern}'"))
        yield case(k, f"code-style-{name}", text, f"pattern: '{pattern}'", "'", fragment="pattern")
    text = edit(("    code: error.reason", "    code: {path: error.reason, pattern: '(?=C)(.+)'}"))
    yield case(k, "fields-code-lookahead", text, "pattern: '(?=C)", "'", fragment="pattern")
    text = edit(("    code: error.reason", r"    code: {path: error.reason, pattern: '(.)\1(.*)'}"))
    yield case(k, "fields-code-backreference", text, "pattern: '(.)", "'", fragment="pattern")
    text = edit(("    code: error.reason", "    code: {path: error.reason, pattern: '(?P<value'}"))
    yield case(k, "fields-code-unterminated", text, "pattern: '(?P", "'", fragment="pattern")
    text = edit(("reason: {type: string}", r"reason: {type: string, pattern: '^(C)\1?'}"))
    yield case(k, "schema-backreference", text, r"pattern: '^(C)\1?'", "'", fragment="pattern")
    text = edit(("reason: {type: string}", "reason: {type: string, pattern: '^(?<=x)C'}"))
    yield case(k, "schema-lookbehind", text, "pattern: '^(?<=x)C'", "'", fragment="pattern")


def schema_references() -> Iterator[Case]:
    """JSON Schema references that would fetch something, or never end."""
    k = "schema-refs"
    reason = "          reason: {type: string}"
    for name, ref in [
        ("ref-http", "http://127.0.0.1:9/x.json"),
        ("ref-file", "file:///etc/passwd"),
        ("ref-urn", "urn:example:code"),
        ("ref-missing-pointer", "#/$defs/nothing"),
    ]:
        text = edit((reason, f"          reason: {{$ref: '{ref}'}}"))
        yield case(k, name, text, "$ref: '", "'", fragment="does not resolve")
    text = edit(
        ("    type: object\n    required", "    $id: 'http://127.0.0.1:9/schemas/'\n"
         "    type: object\n    required"),
        (reason, "          reason: {$ref: 'code.json'}"),
    )  # fmt: skip
    yield case(k, "id-and-relative-ref", text, "$ref: 'code.json'", "'", also=["$id:"])
    text = edit(
        (
            "    type: object\n    required",
            "    $id: 'file:///etc/'\n    type: object\n    required",
        ),
        (reason, "          reason: {$ref: 'passwd'}"),
    )
    # The file: $id is the hostile part; the reference that needs it is as good a place.
    yield case(k, "file-id-and-relative-ref", text, "$id: 'file", "'", also=["$ref: 'passwd'"])
    for name, ref in [
        ("dynamic-ref-http", "http://127.0.0.1:9/x.json#meta"),
        ("dynamic-ref-file", "file:///etc/passwd"),
    ]:
        text = edit((reason, f"          reason: {{$dynamicRef: '{ref}'}}"))
        yield case(k, name, text, "$dynamicRef: '", "'")
    text = edit(
        ("    required: [error]\n", "    required: [error]\n"
         "    $defs: {x: {$ref: 'http://127.0.0.1:9/x.json'}}\n"),
    )  # fmt: skip
    yield case(k, "unused-def-ref-http", text, "$ref: 'http", "'", fragment="does not resolve")
    # References that resolve, but to themselves: validating any body would never end.
    text = edit(("    type: object\n    required", "    $ref: '#'\n    type: object\n    required"))
    yield case(k, "self-reference-at-root", text, "$ref: '#'", "'")
    text = edit(
        ("    required: [error]\n", "    required: [error]\n"
         "    $defs: {a: {$ref: '#/$defs/b'}, b: {$ref: '#/$defs/a'}}\n"),
        (reason, "          reason: {$ref: '#/$defs/a'}"),
    )  # fmt: skip
    yield case(k, "reference-cycle", text, "$defs: {a:", column=False, also=["reason: {$ref"])


def wrong_types() -> Iterator[Case]:
    """Values of the wrong type, everywhere a type is expected."""
    k = "wrong-types"
    changes: list[tuple[str, str, str, str, bool]] = [
        # name, old, new, marker (where the bad value starts), whether the column is defined
        ("status-string", "        status: 503", '        status: "503"', '"503"', True),
        ("status-float", "        status: 503", "        status: 503.0", "503.0", True),
        ("status-boolean", "        status: 503", "        status: true", "true", True),
        ("code-list", "- code: SERVICE_UNAVAILABLE", "- code: [SERVICE, UNAVAILABLE]", "[", False),
        ("code-number", "- code: CALL_NOT_FOUND", "- code: 404", "404", True),
        ("format-string", "format: 1", 'format: "1"', '"1"', True),
        ("api-list", "api:\n  name: Example API\n  slug: example\n  version: v1",
         "api: [Example API, example, v1]", "[Example", False),
        ("generic-string", "generic: true", 'generic: "yes"', '"yes"', True),
        ("title-number", "title: Call reasons", "title: 42", "42", True),
        ("cause-mapping", "cause: The call does not exist.", "cause: {text: x}", "{text", False),
        ("endpoints-mapping", 'endpoints: ["GET /calls/{id}", "DELETE /calls/{id}"]',
         'endpoints: {GET: "/calls/{id}"}', "{GET", False),
        ("related-string", "related: [CALL_STATE_INVALID]", "related: CALL_STATE_INVALID",
         "CALL_STATE_INVALID", True),
        ("max-length-string", "max_length: 63", 'max_length: "63"', '"63"', True),
        ("since-date", "        fix: Verify the ID.", "        fix: Verify the ID.\n"
         "        since: 2024-01-01", "2024-01-01", True),
        ("fields-code-number", "    code: error.reason", "    code: 42", "42", True),
        ("media-type-list", "  fields:\n", "  media_type: [application/json]\n  fields:\n",
         "[application", False),
    ]  # fmt: skip
    for name, old, new, marker, column in changes:
        text = edit((old, new))
        yield case(k, name, text, new, marker, column=column)
    text = edit(
        (
            "    reasons:\n      - code: SERVICE_UNAVAILABLE\n        status: 503\n"
            "        cause: A backend service is temporarily unavailable.\n"
            "        fix: Retry after a short delay.\n",
            "    reasons: SERVICE_UNAVAILABLE\n",
        )
    )
    yield case(k, "reasons-string", text, "reasons: SERVICE", "SERVICE")
    groups_at = MINIMAL.index("groups:\n")
    text = MINIMAL[:groups_at] + "groups: {generic: {title: Generic reasons}}\n"
    yield case(k, "groups-mapping", text, "groups: {", column=False)
    schema_start = MINIMAL.index("  schema:\n")
    schema_end = MINIMAL.index("  fields:\n")
    text = MINIMAL[:schema_start] + "  schema: [object]\n" + MINIMAL[schema_end:]
    yield case(k, "schema-list", text, "schema: [object]", column=False)
    text = edit(
        (
            "        example:\n          error:\n            status: FAILED_PRECONDITION\n"
            "            reason: CALL_STATE_INVALID\n"
            "            message: The call has already ended.\n"
            "            request_id: req_0123456789ab\n",
            "        example: not a body\n",
        )
    )
    yield case(k, "example-string", text, "example: not a body", column=False)


def duplicates() -> Iterator[Case]:
    """The same key, code, group id or retired code written twice."""
    k = "duplicates"
    text = MINIMAL + "api:\n  name: Other\n  slug: other\n"
    yield case(k, "top-level-key", text, "api:\n  name: Other", fragment="duplicate")
    enum = "status: {enum: [NOT_FOUND, FAILED_PRECONDITION, UNAVAILABLE]}"
    text = edit((enum, enum[:-1] + ", enum: [NOT_FOUND]}"))
    yield case(k, "key-in-flow-mapping", text, "enum: [NOT_FOUND]}", fragment="duplicate")
    reason = "            reason: CALL_STATE_INVALID"
    text = edit((reason, reason + "\n            reason: CALL_NOT_FOUND"))
    yield case(k, "key-in-example", text, "reason: CALL_NOT_FOUND", fragment="duplicate")
    text = edit(
        ("        fix: Verify the ID.", '        fix: Verify the ID.\n        "fix": Again.')
    )
    yield case(k, "key-quoted-and-plain", text, '"fix"', fragment="duplicate")
    text = edit(("      - code: CALL_STATE_INVALID", "      - code: CALL_NOT_FOUND"))
    yield case(k, "code", text, "CALL_NOT_FOUND\n        status: 409", fragment="duplicate")
    text = edit(("      - code: CALL_STATE_INVALID", "      - code: call_not_found"))
    yield case(k, "code-letter-case", text, "call_not_found", fragment="duplicate")
    text = edit(
        ("      - code: SERVICE_UNAVAILABLE", "      - code: &c SERVICE_UNAVAILABLE"),
        ("      - code: CALL_STATE_INVALID", "      - code: *c"),
    )
    yield case(k, "code-through-alias", text, "*c", fragment="duplicate")
    text = edit(("  - id: calls", "  - id: generic"))
    yield case(k, "group-id", text, "generic\n    title: Call", fragment="duplicate")
    text = edit(
        ("    reasons:\n      - code: CALL_NOT_FOUND", "    groups:\n      - id: generic\n"
         "        title: Again\n    reasons:\n      - code: CALL_NOT_FOUND"),
    )  # fmt: skip
    yield case(k, "group-id-nested", text, "generic\n        title: Again", fragment="duplicate")
    text = edit(("groups:\n", "retired:\n  - code: CALL_GONE\n    message: Gone.\n"
                 "  - code: call_gone\n    message: Gone too.\ngroups:\n"))  # fmt: skip
    yield case(k, "retired-code", text, "call_gone")


def unknown_keys() -> Iterator[Case]:
    """Keys the format does not have, and keys that are not strings."""
    k = "unknown-keys"
    f = "unknown key"
    for name, old, new, marker in [
        ("top-level", "groups:\n", "extras: 1\ngroups:\n", "extras"),
        ("in-reason", "cause: The call does not exist.", "caus: The call does not exist.", "caus"),
        ("in-api", "  version: v1", "  version: v1\n  url: https://example.com", "url"),
        ("in-fields", "    code: error.reason", "    kode: error.reason", "kode"),
        ("in-group", "    title: Call reasons", "    titel: Call reasons", "titel"),
        ("in-code-style", "  max_length: 63", "  max_lenght: 63", "max_lenght"),
        ("in-envelope", "  fields:\n", "  field:\n    code: error.reason\n  fields:\n", "field:"),
        (
            "trailing-space",
            "        fix: Verify the ID.",
            '        "fix ": Verify the ID.',
            '"fix ',
        ),
    ]:
        text = edit((old, new))
        yield case(k, name, text, new, marker, fragment=f)
    text = edit(("        fix: Verify the ID.", "        fix: Verify the ID.\n        404: x"))
    yield case(k, "number-key", text, "404: x")
    text = edit(("        fix: Verify the ID.", "        fix: Verify the ID.\n        ~: x"))
    yield case(k, "null-key", text, "~: x")
    text = edit(("        fix: Verify the ID.", "        fix: Verify the ID.\n        ? [a, b]\n"
                 "        : x"))  # fmt: skip
    yield case(k, "sequence-key", text, "? [a, b]", column=False)


def examples() -> Iterator[Case]:
    """Example bodies that contradict the schema, the code or the status."""
    k = "examples"
    where = "        example:"
    text = edit(("            message: The call has already ended.\n", ""))
    yield case(k, "missing-required", text, where, column=False)
    text = edit(("            reason: CALL_STATE_INVALID", "            reason: CALL_NOT_FOUND"))
    yield case(k, "other-code", text, "reason: CALL_NOT_FOUND", column=False, also=[where])
    text = edit(("            status: FAILED_PRECONDITION", "            status: NOT_FOUND"))
    yield case(k, "other-status", text, "status: NOT_FOUND", column=False, also=[where])
    text = edit(("            status: FAILED_PRECONDITION", "            status: 409"))
    marker = "status: 409\n            reason"
    yield case(k, "status-not-in-enum", text, marker, column=False, also=[where])
    text = edit(("            request_id: req_0123456789ab", "            request_id: [1, 2]"))
    yield case(k, "wrong-type-inside", text, "request_id: [1, 2]", column=False, also=[where])
    text = edit(('      message: "{message}"', '      text: "{message}"'))
    yield case(k, "template-not-in-schema", text, "  template:", column=False)


def endpoints() -> Iterator[Case]:
    """Endpoint text that is not ``METHOD /path`` or a path pattern."""
    k = "endpoints"
    old = '"DELETE /calls/{id}"'
    for name, new, fragment in [
        ("unknown-method", '"FETCH /calls/{id}"', "endpoint"),
        ("lowercase-method", '"delete /calls/{id}"', "endpoint"),
        ("no-leading-slash", '"DELETE calls/{id}"', "endpoint"),
        ("unbalanced-brace", '"DELETE /calls/{id"', "endpoint"),
        ("three-words", '"DELETE /calls/{id} now"', "endpoint"),
        ("empty", '""', "endpoint"),
        ("angle-brackets", '"DELETE /calls/<id>"', "endpoint"),
        ("method-only", '"DELETE"', "endpoint"),
    ]:
        text = edit((old, new))
        yield case(k, name, text, new, fragment=fragment)
    text = edit(('["/calls", "/calls/{id}*"]', '["/calls", "calls/{id}*"]'))
    yield case(k, "group-pattern-no-slash", text, '"calls/{id}*"', fragment="endpoint")


def references() -> Iterator[Case]:
    """Names of codes and groups that the catalogue does not define."""
    k = "references"
    text = edit(("related: [CALL_STATE_INVALID]", "related: [CALL_STATE_INVALD]"))
    yield case(k, "related", text, "CALL_STATE_INVALD", fragment="not a reason")
    text = edit(("        related: [CALL_STATE_INVALID]", "        replaced_by: CALL_GONE"))
    yield case(k, "replaced-by", text, "CALL_GONE", fragment="not a reason")
    text = edit(("see_also: [generic]", "see_also: [generics]"))
    yield case(k, "see-also", text, "generics", fragment="not a group")
    text = edit(("groups:\n", "retired:\n  - code: CALL_GONE\n    renamed_to: CALL_AWAY\n"
                 "    message: Gone.\ngroups:\n"))  # fmt: skip
    yield case(k, "renamed-to", text, "CALL_AWAY", fragment="not a reason")
    text = edit(
        ("groups:\n", "retired:\n  - code: CALL_GONE\n    message: Gone.\ngroups:\n"),
        ("        related: [CALL_STATE_INVALID]", "        replaced_by: CALL_GONE"),
    )
    yield case(k, "replaced-by-retired", text, "replaced_by: CALL_GONE", "CALL_GONE")


def shapes() -> Iterator[Case]:
    """Files that hold no catalogue at all: nothing, a list, a scalar."""
    k = "shape"
    yield Case(k, "empty", b"", 1, 1, "empty")
    yield Case(k, "blank-lines", "\n  \n\n", 1, None, "empty")
    yield Case(k, "comments-only", "# nothing\n# here\n", 1, None, "empty")
    yield Case(k, "document-marker-only", "---\n", 1, None)
    yield Case(k, "null", "null\n", 1, 1, "mapping")
    yield Case(k, "scalar", "hello\n", 1, 1, "mapping")
    yield Case(k, "number", "42\n", 1, 1, "mapping")
    yield Case(k, "flow-list", "[format, api]\n", 1, 1, "mapping")
    indented = "".join("  " + line if line.strip() else line for line in MINIMAL.splitlines(True))
    text = "- " + indented.lstrip()
    yield Case(k, "catalogue-in-a-list", text, 1, 1, "mapping")
    text = edit(
        (MINIMAL[MINIMAL.index("groups:\n") :], "groups: []\n"),
    )
    yield case(k, "no-groups", text, "groups: []", "[", column=False)


def retired() -> Iterator[Case]:
    """Retired entries that contradict the reasons."""
    k = "retired"
    text = edit(("groups:\n", "retired:\n  - code: CALL_NOT_FOUND\n    message: Gone.\ngroups:\n"))
    yield case(k, "still-a-reason", text, "CALL_NOT_FOUND\n    message", fragment="retired")
    text = edit(("groups:\n", "retired:\n  - code: call_state_invalid\n    message: x\ngroups:\n"))
    yield case(k, "still-a-reason-letter-case", text, "call_state_invalid", fragment="retired")
    text = edit(("groups:\n", "retired:\n  - code: OLD\n    renamed_to: OLDER\n    message: x\n"
                 "  - code: OLDER\n    message: y\ngroups:\n"))  # fmt: skip
    yield case(k, "renamed-to-retired", text, "renamed_to: OLDER", "OLDER", fragment="retired")
    text = edit(("groups:\n", "retired:\n  - code: OLD\ngroups:\n"))
    yield case(k, "without-message", text, "- code: OLD", "code", column=False)


def code_style() -> Iterator[Case]:
    """Codes that break the catalogue's own code style."""
    k = "code-style"
    long_code = "SERVICE_UNAVAILABLE" + "_X" * 23
    text = edit(("      - code: SERVICE_UNAVAILABLE", "      - code: " + long_code))
    yield case(k, "max-length-exceeded", text, long_code)
    text = edit(("  max_length: 63", "  max_length: 10"))
    yield case(k, "max-length-10", text, "SERVICE_UNAVAILABLE")
    text = edit(("  max_length: 63", "  max_length: 0"))
    yield case(k, "max-length-zero", text, "max_length: 0", "0")
    text = edit(("  max_length: 63", "  max_length: 2000"))
    yield case(k, "max-length-above-limit", text, "max_length: 2000", "2000")
    text = edit(("      - code: SERVICE_UNAVAILABLE", "      - code: ServiceUnavailable"))
    yield case(k, "not-upper-snake", text, "ServiceUnavailable")
    text = edit(("  case: UPPER_SNAKE", "  case: SCREAMING"))
    yield case(k, "unknown-case", text, "SCREAMING")


CASES: list[Case] = [
    *yaml_syntax(),
    *tags(),
    *aliases(),
    *nesting(),
    *numbers(),
    *control_characters(),
    *encoding(),
    *byte_order_marks(),
    *oversized(),
    *redos(),
    *regex_constructs(),
    *schema_references(),
    *wrong_types(),
    *duplicates(),
    *unknown_keys(),
    *examples(),
    *endpoints(),
    *references(),
    *shapes(),
    *retired(),
    *code_style(),
]
