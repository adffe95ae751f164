"""The reason browser's search: documents, tokens, the lunr index and the query, in Python.

lunr.py and lunr.js stem and trim differently, so neither pipeline is used: tokens are made
here (and by the same rules in ``static/reason-query.js``) and handed to lunr as lists, and
queries are built clause by clause rather than parsed. Prose is stemmed by ``stemmer.py``, a
transcription of lunr.js's own stemmer, which the browser calls. Both sides therefore index
and match the same tokens, and rank alike; a test holds them to it. The numbers both sides
use (limits, stop words, boosts) are defined here only and reach the browser in the index's
payload (:func:`query_settings`); only the regular expressions are written in each language.

Codes are never stemmed: a code is indexed whole and by its parts (``call_not_found``,
``call``, ``not``, ``found``; ``AccessDeniedException``: ``access``, ``denied``,
``exception``), so the exact code, its parts, a prefix (``CALL_``) and a typo
(``CALL_NOT_FOUD``, ``NoSuchKy``, ``20004``) all find it. A reason's service (its scope) and
the operations it names are fields of their own, weighed below the code. Endpoints are
indexed by method, by normalised path (``/calls/{}/recording-start``) and by segment.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..catalogue.endpoints import HTTP_METHODS
from .rows import DOCUMENTS
from .stemmer import stem

#: The fields of the code index, which the browser loads first, and their boosts.
#: ``operation`` holds the names of the operations a reason names (an operation's own
#: document has its name as its code, so that it comes first), ``scope`` its service's id
#: and title (an API's own document has its name there): both below the code, so that a
#: code outranks what merely mentions it.
#: ``path`` holds an endpoint's method and path, or the paths a reason names; ``segment`` the
#: words of an endpoint's path, apart, so that its path field is as short as a reason's and
#: ``GET /calls/{id}`` finds the endpoint's own page before the reasons it returns.
CODE_FIELDS = {"code": 10, "operation": 4, "scope": 3, "path": 5, "segment": 5}
#: The field of the prose index (titles, causes, fixes and notes, stemmed), which the browser
#: loads after the code index has answered: the bulk of a large index, and needed by phrase
#: queries only. A query's score is the sum of its scores in both.
PROSE_FIELDS = {"text": 1}
FIELDS = CODE_FIELDS | PROSE_FIELDS
#: The fields a word is looked up in whole (see :func:`clause_groups`).
WORD_FIELDS = ("code", "operation", "scope")
#: The fields two words side by side are looked up in: prose, and an API's name.
PHRASE_FIELDS = ("text", "scope")
#: Marks an endpoint pattern's path in the index: ``p:/calls/{}`` covers ``/calls/{}/x``.
PATTERN = "p:"
MAX_QUERY = 200  # characters of a query that are read; the rest is ignored
MAX_WORDS = 8
#: The weight of each kind of clause (see :func:`clause_groups`); a pattern that covers a
#: path weighs the length of the path it covers.
BOOSTS = {
    "path": 50,  # the path typed, exactly
    "path_prefix": 5,  # a longer path that starts with it
    "method": 5,
    "method_path": 100,  # a method and a path typed together: that endpoint
    "code": 100,  # a word as a whole code
    "code_prefix": 10,
    "code_typo": 2,  # one edit away, for a word typed like a code that is no code's word
    "part_code_like": 0.6,  # a word's part among the parts of codes, when typed like a code
    "part_word": 0.2,  # the same, for a plain word
    "part_text": 1,
    "part_text_prefix": 0.5,
    "part_path": 2,
    "phrase": 10,  # two words of the query, side by side in a text as in the query
    "name": 200,  # the query is an API's whole name
}
#: The shortest words (in characters) that get a clause or a highlight of each kind.
MIN_LENGTH = {"code_prefix": 5, "code_typo": 4, "part_text_prefix": 3, "highlight": 2}
#: Words too common to rank by; left out of a query that has other words. ("not" is not one:
#: it is part of many codes.)
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
    ]
)

_WORD = re.compile(r"[^\W_]+")  # letters and digits of any script
# Where a segment written in camel case breaks into words: Access|Denied, InstanceID|Not,
# S3|Bucket (but not RES3TARGET, in capitals). ASCII only, so that Python and JavaScript
# break alike.
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z0-9])(?=[A-Z][a-z])")
_CAMEL_TYPED = re.compile(r"[a-z][A-Z]")
# Also keeps underscores (CALL_NOT_FOUND is one word) and the sign of a negative number
# (JSON-RPC's -32601 is not 32601).
_CODE_WORD = re.compile(r"(?:(?<![^\W])-(?=[0-9]+(?![^\W])))?[^\W]+")
_PARAM = re.compile(r"\{[^{}/]*\}")
_PATH = re.compile(r"(?<![\w{}])/?[\w{}.-]+(?:/[\w{}*.-]*)+|(?<![\w{}])/[\w{}.-]+\*?")
_METHOD = re.compile(r"(?<!\w)(" + "|".join(HTTP_METHODS) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=65536)  # a few thousand endpoints, each named by many reasons
def normalise_path(path: str) -> str:
    """``/calls/{call_id}/`` → ``/calls/{}``: lower case, parameters unnamed, no trailing ``/*``."""
    text = _PARAM.sub("{}", path.strip().lower()).rstrip("*").rstrip("/")
    return text if text.startswith("/") else "/" + text


def code_words(text: str) -> list[str]:
    """The words of a code, lower-cased, once each: its segments (runs of letters and digits)
    and, where a segment is written in camel case, the words of that segment.

    ``InvalidInstanceID.NotFound`` → invalidinstanceid, invalid, instance, id, notfound, not,
    found. A one-letter word of camel case (the ``O`` of ``OAuth``) is left out.
    """
    words = []
    for segment in _WORD.findall(text):
        words.append(segment.lower())
        pieces = [p.lower() for p in _CAMEL.split(segment) if len(p) > 1]
        if len(pieces) > 1:
            words.extend(pieces)
    return list(dict.fromkeys(words))


def code_tokens(code: str) -> list[str]:
    """A code whole and by its words: ``CALL_NOT_FOUND`` → call_not_found, call, not, found.

    One field for both keeps the index small: every field costs a vector per document. A code
    of one word (``UNKNOWN``, ``20003``) is one token.
    """
    whole = code.lower()
    # -32601 is found by 32601 too (below 32601 itself): its digits are a part of it.
    return [whole, *(w for w in code_words(code) if w != whole)]


def path_tokens(method: str | None, path: str, *, prefix: bool = False) -> list[str]:
    """An endpoint: its method and its normalised path.

    A pattern (``/calls/{id}*``) is indexed as ``p:/calls/{}``, which a query for any path
    below it matches (see :func:`clause_groups`).
    """
    normal = normalise_path(path)
    if not method:
        return [PATTERN + normal if prefix else normal]
    # The method and path as one token too: "GET /calls/{id}" is this endpoint, not every
    # reason that names /calls/{id} (see BOOSTS["method_path"]).
    return [method.lower(), PATTERN + normal if prefix else normal, f"{method.lower()} {normal}"]


def segment_tokens(path: str) -> list[str]:
    """The words of an endpoint's path: each segment whole and by its words."""
    tokens = []
    for segment in normalise_path(path).strip("/").split("/"):
        if segment and segment != "{}":
            tokens.append(segment)
            tokens.extend(w for w in _WORD.findall(segment) if w != segment)
    return tokens


def prose_tokens(*texts: str | None) -> list[str]:
    """The words of prose, lower-cased and stemmed as lunr.js stems them, stop words left out
    (a query that has other words leaves them out too); Markdown code marks are ignored."""
    words = (w.lower() for text in texts if text for w in _WORD.findall(text.replace("`", " ")))
    return [stem(w) for w in words if w not in STOP_WORDS]


def prose_terms(*texts: str | None, phrases: Sequence[str | None] = ()) -> list[str]:
    """What a text field holds: the words of each text (:func:`prose_tokens`), then each two
    words side by side in the ``phrases`` (``"belong webhook"``), so that a phrase copied
    from a cause (or the message an error body says) finds that cause before others that
    merely use its words. Pairs cost as much as words: only the texts quoted are paired."""
    terms = prose_tokens(*texts)
    for text in phrases:
        terms += word_pairs(text)
    return terms


def name_token(name: str) -> str:
    """An API's whole name as one token (``"tratill issuing"``): what a query that is the
    name looks up (see :func:`clause_groups`). It is the code of the API's own document:
    lunr weighs fields against each other only by their boosts, and no code has a space."""
    return " ".join(w for w in plain_words(name) if w not in STOP_WORDS)


def word_pairs(text: str | None) -> list[str]:
    """Each two words side by side in ``text``, as :func:`prose_tokens` reads them."""
    return [f"{a} {b}" for a, b in itertools.pairwise(prose_tokens(text))]


def plain_words(*texts: str | None) -> list[str]:
    """The words of a name (a service's, an API's), lower-cased, once each: not stemmed,
    since a name is typed as it is written."""
    words = (w.lower() for text in texts if text for w in _WORD.findall(text))
    return list(dict.fromkeys(words))


def scope_tokens(scope: str, title: str) -> list[str]:
    """A service (a scope) by its id and the words of its title, once each."""
    return plain_words(scope, title)


def operation_tokens(keys: Sequence[str]) -> list[str]:
    """The operations a reason names, by their keys (``DynamoDB/PutItem``): each by its whole
    name (``putitem``), once each."""
    return list(dict.fromkeys(key.rpartition("/")[2].lower() for key in keys))


@dataclass(frozen=True)
class SearchDocument:
    """One searchable thing: a reason or an endpoint."""

    ref: str
    kind: str  # "reason" or "endpoint"
    api: str  # the API's slug
    title: str  # the code, or the endpoint's label
    status: int | None
    group: str  # the group's title path, for a facet ("" for endpoints)
    summary: str
    url: str  # relative to the site root
    deprecated: bool = False
    #: The title of its service, in a scoped catalogue ("Amazon DynamoDB"), else "".
    scope: str = ""
    reasons: int = 0  # an endpoint's count of the reasons specific to it
    #: A reason's statuses when it has several (``status`` is then ``None``): ``400,422``.
    statuses: str = ""
    tokens: dict[str, list[str]] = field(default_factory=dict, compare=False)

    def row(self, **override: Any) -> list[Any]:
        """The compact row the browser page reads (the index holds only refs)."""
        values: dict[str, Any] = {
            "ref": self.ref,
            "kind": self.kind,
            "api": self.api,
            "title": self.title,
            "status": self.status,
            "group": self.group,
            "summary": self.summary,
            "url": self.url,
            "deprecated": int(self.deprecated),
            "reasons": self.reasons,
            "statuses": self.statuses,
            "scope": self.scope,
        }
        return DOCUMENTS.row(**(values | override))


@dataclass(frozen=True)
class Clause:
    """One lunr query clause, as both implementations build it."""

    term: str
    fields: tuple[str, ...]
    boost: float
    wildcard: bool = False  # trailing
    edit_distance: int = 0


def typed_like_a_code(word: str) -> bool:
    """Whether a typed word is written as codes are: ``CALL_``, ``NoSuchKey``."""
    return "_" in word or _CAMEL_TYPED.search(word) is not None


def typo_worthy(word: str) -> bool:
    """Whether a typed word may be a mistyped code: written like one, in capitals
    (``UNKNWON``) or with digits (``20004``). Prose typed in lower case never is, since fuzzy
    matching is lunr's slowest operation."""
    capitals = re.search("[A-Z]", word) is not None and re.search("[a-z]", word) is None
    return typed_like_a_code(word) or re.search("[0-9]", word) is not None or capitals


def clause_groups(query: str, known: Callable[[str], bool] | None = None) -> list[list[Clause]]:
    """The clauses of a user's query, one group per path or word: never a syntax error.

    ``known`` says whether a word is a word of some code in the index: a word that is needs no
    typo clause (without ``known``, every word that may be a typo gets one).
    """
    text = query[:MAX_QUERY]
    groups: list[list[Clause]] = []
    for match in _PATH.finditer(text):
        path = normalise_path(match.group())
        group = [
            Clause(path, ("path",), BOOSTS["path"]),
            Clause(path, ("path",), BOOSTS["path_prefix"], wildcard=True),
        ]
        # Every pattern that covers the path (p:/calls/{}/recording-, p:/calls/{}, …); the
        # longer, the more specific, the higher.
        seen = set()
        for end in range(len(path), 1, -1):
            candidate = PATTERN + path[:end].rstrip("/")
            if candidate not in seen:
                seen.add(candidate)
                group.append(Clause(candidate, ("path",), end))
        groups.append(group)
    rest = _PATH.sub(" ", text)
    first_path = groups[0][0].term if groups else None
    for method in _METHOD.findall(rest)[:MAX_WORDS]:
        clause = Clause(method.lower(), ("path",), BOOSTS["method"])
        # With a path, the method only ranks among that path's matches: it is part of the
        # path's group, not a word of its own that every GET endpoint would answer.
        if groups:
            groups[0].append(clause)
            term = f"{method.lower()} {first_path}"
            groups[0].append(Clause(term, ("path",), BOOSTS["method_path"]))
        else:
            groups.append([clause])
    rest = _METHOD.sub(" ", rest)
    # (the word as typed, the word): "CALL_" is a code prefix, "call" a word.
    typed = [(w, w.lower().strip("_")) for w in _CODE_WORD.findall(rest)]
    words = [(raw, w) for raw, w in typed if w]
    if any(w not in STOP_WORDS for _, w in words):
        words = [(raw, w) for raw, w in words if w not in STOP_WORDS]
    first_word = len(groups)
    # The query's prose words in order, as prose_terms reads a text, each with its group.
    sequence = [
        (first_word + index, stem(w.lower()))
        for index, (raw, _) in enumerate(words[:MAX_WORDS])
        for w in _WORD.findall(raw)
        if w.lower() not in STOP_WORDS
    ]
    for raw, word in words[:MAX_WORDS]:
        code_like = typed_like_a_code(raw)
        # A word may be a whole code, an operation's name or a service's.
        group = [Clause(word, WORD_FIELDS, BOOSTS["code"])]
        if code_like or len(word) >= MIN_LENGTH["code_prefix"]:
            # A short prefix ("res1*") can expand to thousands of codes, which costs lunr
            # tens of milliseconds; "CALL_" or a longer word is specific enough.
            group.append(Clause(word, ("code",), BOOSTS["code_prefix"], wildcard=True))
        if (
            typo_worthy(raw)
            and len(word) >= MIN_LENGTH["code_typo"]
            and (known is None or not known(word))
        ):
            # Typos are forgiven in what looks like a code and is none: fuzzy matching is
            # lunr's slowest operation, and a word the index has is no typo.
            group.append(Clause(word, ("code",), BOOSTS["code_typo"], edit_distance=1))
        for part in code_words(raw):
            # A part is a token of the code field too; weigh it well below a whole code (a
            # word of one part is looked up whole already).
            if part != word:
                boost = BOOSTS["part_code_like"] if code_like else BOOSTS["part_word"]
                group.append(Clause(part, ("code",), boost))
            # Prose is stemmed: "moving" finds "moves" (both "move").
            group.append(Clause(stem(part), ("text",), BOOSTS["part_text"]))
            if len(part) >= MIN_LENGTH["part_text_prefix"]:
                group.append(
                    Clause(stem(part), ("text",), BOOSTS["part_text_prefix"], wildcard=True)
                )
            group.append(Clause(part, ("segment",), BOOSTS["part_path"]))
        groups.append(group)
    # The words together may be an API's whole name: in the first word's group.
    named = [w for _, w in words[:MAX_WORDS]]
    if len(named) > 1:
        groups[first_word].append(Clause(" ".join(named), ("code",), BOOSTS["name"]))
    # Two words side by side, as a text has them: in the first one's group, so that they
    # raise the score of a text that has the phrase without counting as a word more.
    for (at, first), (_, second) in itertools.pairwise(sequence):
        groups[at].append(Clause(f"{first} {second}", PHRASE_FIELDS, BOOSTS["phrase"]))
    return groups


def query_settings() -> dict[str, Any]:
    """What the browser's query needs from here, for the index's payload (JSON names)."""
    return {
        "maxQuery": MAX_QUERY,
        "maxWords": MAX_WORDS,
        "pattern": PATTERN,
        "methods": list(HTTP_METHODS),
        "stopWords": sorted(STOP_WORDS),
        "boosts": BOOSTS,
        "minLength": MIN_LENGTH,
        "wordFields": list(WORD_FIELDS),
        "phraseFields": list(PHRASE_FIELDS),
    }


def build_index(
    documents: Sequence[SearchDocument], fields: dict[str, int] = CODE_FIELDS
) -> dict[str, Any]:
    """The serialised lunr index (lunr.js 2.3.9 format) of ``documents``' ``fields``: the
    code index (:data:`CODE_FIELDS`) or the prose index (:data:`PROSE_FIELDS`)."""
    from lunr.builder import Builder  # noqa: PLC0415 - only the site build needs lunr

    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("ref")
    # A field no document has is left out: every term of the index would carry an empty
    # posting for it (0.3 MB of 10,000 reasons' index). The queries skip fields it lacks.
    first = next(iter(fields))
    for name, boost in fields.items():
        if name == first or any(d.tokens.get(name) for d in documents):
            builder.field(name, boost=boost)
    for document in documents:
        builder.add({"ref": document.ref, **{k: document.tokens.get(k, []) for k in fields}})
    serialised: dict[str, Any] = builder.build().serialize()
    # Scores with 17 digits are most of an index's bytes; one decimal keeps the ranking, and
    # Python and lunr.js read the same rounded numbers. An empty field's vector is never read
    # (no term of that field can match the document), so it is left out.
    serialised["fieldVectors"] = [
        [ref, [v if i % 2 == 0 else round(v, 1) for i, v in enumerate(vector)]]
        for ref, vector in serialised["fieldVectors"]
        if vector
    ]
    return serialised


def run_clauses(index: Any, groups: Sequence[Sequence[Clause]]) -> dict[str, float]:
    """The score of each ref that some clause of ``groups`` matches in a loaded lunr ``Index``
    (clauses for fields it does not have are left out)."""
    fields = set(index.fields)
    wanted = [
        (clause, [f for f in clause.fields if f in fields]) for group in groups for clause in group
    ]
    wanted = [(clause, names) for clause, names in wanted if names]
    if not wanted:
        return {}

    def build(q: Any) -> None:
        for clause, names in wanted:
            q.term(
                clause.term,
                fields=names,
                boost=clause.boost,
                use_pipeline=False,
                wildcard=2 if clause.wildcard else 0,
                edit_distance=clause.edit_distance,
            )

    return {r["ref"]: r["score"] for r in index.query(callback=build)}


def search(
    index: Any, query: str, *, prose: Sequence[Any] = (), limit: int | None = None
) -> list[str]:
    """The refs matching ``query`` in a loaded code index and the prose index's shards (lunr
    ``Index`` objects), best first.

    A ref's score is the sum of its scores in them. Results that match more of the query's
    words come first (lunr has no such notion, and a code matching one word strongly would
    otherwise beat a text matching all of them); then by score, then by ref so that ties
    order alike everywhere.
    """
    groups = clause_groups(query, lambda word: code_word(index, word))
    if not groups:
        return []
    indexes = [index, *prose]
    scores: dict[str, float] = {}
    for each in indexes:
        for ref, score in run_clauses(each, groups).items():
            scores[ref] = scores.get(ref, 0.0) + score
    coverage: dict[str, int] = {}
    if len(groups) > 1:
        for group in groups:
            exact = [[c for c in group if not c.edit_distance]]  # coverage needs no fuzzing
            matched = {ref for each in indexes for ref in run_clauses(each, exact)}
            for ref in matched:
                coverage[ref] = coverage.get(ref, 0) + 1
    refs = sorted(scores, key=lambda r: (-coverage.get(r, 1), -round(scores[r], 6), r))
    return refs[:limit] if limit else refs


def code_word(index: Any, word: str) -> bool:
    """Whether ``word`` is a token of some document's code in a loaded lunr ``Index``."""
    posting = index.inverted_index.get(word)
    return bool(posting and posting.get("code"))


def short_ref(number: int) -> str:
    """A compact document ref: every posting repeats it, so short refs keep the index small."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if number == 0:
            return out
