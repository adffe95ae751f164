"""The search's tokens and clauses (search/index.py), without a browser.

The browser's query (static/reason-query.js) is held to the same results in
test_search_real.py and test_browser.py; these pin what Python makes of codes and queries.
"""

from __future__ import annotations

import pytest
from lunr.index import Index
from reason_catalog.search.index import (
    BOOSTS,
    MIN_LENGTH,
    PROSE_FIELDS,
    WORD_FIELDS,
    Clause,
    SearchDocument,
    build_index,
    clause_groups,
    code_tokens,
    code_words,
    operation_tokens,
    path_tokens,
    plain_words,
    prose_terms,
    prose_tokens,
    scope_tokens,
    search,
    segment_tokens,
    typed_like_a_code,
    typo_worthy,
)


@pytest.mark.parametrize(
    ("code", "tokens"),
    [
        ("CALL_NOT_FOUND", ["call_not_found", "call", "not", "found"]),
        ("NOT_FOUND_NOT", ["not_found_not", "not", "found"]),  # each word once
        ("AccessDeniedException", ["accessdeniedexception", "access", "denied", "exception"]),
        (
            "InvalidInstanceID.NotFound",
            [
                "invalidinstanceid.notfound",
                "invalidinstanceid",
                "invalid",
                "instance",
                "id",
                "notfound",
                "not",
                "found",
            ],
        ),
        ("eth_getBalance", ["eth_getbalance", "eth", "getbalance", "get", "balance"]),
        ("S3Bucket", ["s3bucket", "s3", "bucket"]),
        ("ListObjectsV2", ["listobjectsv2", "list", "objects", "v2"]),
        ("OAuth2Error", ["oauth2error", "auth2", "error"]),  # no one-letter word ("o")
        # One word, however it is written: one token.
        ("UNKNOWN", ["unknown"]),
        ("Invoke", ["invoke"]),
        ("RES3TARGET", ["res3target"]),  # capitals have no camel case
        ("20003", ["20003"]),
        ("-32601", ["-32601", "32601"]),  # found by its digits too
        ("card_declined", ["card_declined", "card", "declined"]),
    ],
)
def test_code_tokens(code: str, tokens: list[str]) -> None:
    assert code_tokens(code) == tokens


def test_code_words_are_the_parts_without_the_whole() -> None:
    assert code_words("NoSuchKey") == ["nosuchkey", "no", "such", "key"]
    assert code_words("call") == ["call"]
    assert code_words("Äpfel_ÜBER") == ["äpfel", "über"]


def test_services_and_operations() -> None:
    assert scope_tokens("DynamoDB", "Amazon DynamoDB") == ["dynamodb", "amazon"]
    assert scope_tokens("EKS", "Amazon Elastic Kubernetes Service") == [
        "eks",
        "amazon",
        "elastic",
        "kubernetes",
        "service",
    ]
    assert operation_tokens(["DynamoDB/PutItem", "DynamoDB/GetItem", "PutItem"]) == [
        "putitem",
        "getitem",
    ]


@pytest.mark.parametrize(
    ("word", "code_like", "typo"),
    [
        ("CALL_NOT_FOUD", True, True),
        ("call_", True, True),
        ("NoSuchKy", True, True),
        ("accessDenied", True, True),
        ("UNKNWON", False, True),
        ("INTERNL", False, True),
        ("20004", False, True),
        ("-32061", False, True),
        ("Unknown", False, False),  # a capital to start a sentence is prose
        ("balance", False, False),
        ("café", False, False),
    ],
)
def test_what_is_typed_like_a_code(word: str, code_like: bool, typo: bool) -> None:
    assert typed_like_a_code(word) is code_like
    assert typo_worthy(word) is typo


def fuzzy(groups: list[list[Clause]]) -> list[str]:
    return [c.term for g in groups for c in g if c.edit_distance]


def test_typo_clauses_for_every_form_of_code_and_never_for_prose() -> None:
    words = ["CALL_NOT_FOUD", "UNKNWON", "NoSuchKy", "20004", "-32061", "balanse", "Unknwon"]
    assert fuzzy(clause_groups(" ".join(words))) == [
        "call_not_foud",
        "unknwon",
        "nosuchky",
        "20004",
        "-32061",
    ]
    # Too short to forgive (lunr would expand it to hundreds of codes).
    assert len("ABC") < MIN_LENGTH["code_typo"]
    assert fuzzy(clause_groups("ABC 123")) == []
    # A word the index has as a code's word is no typo.
    known = {"unknown", "20003"}.__contains__
    assert fuzzy(clause_groups("UNKNOWN UNKNWON 20003 20004", known)) == ["unknwon", "20004"]


def test_a_word_is_looked_up_whole_in_codes_operations_and_services() -> None:
    [group] = clause_groups("PutItem")
    assert group[0] == Clause("putitem", WORD_FIELDS, BOOSTS["code"])
    assert Clause("putitem", ("code",), BOOSTS["code_prefix"], wildcard=True) in group
    # Its camel-case words are parts, weighed as a code's; the whole is not repeated as one.
    parts = [
        c.term for c in group if c.fields == ("code",) and not c.wildcard and not c.edit_distance
    ]
    assert parts == ["put", "item"]
    assert {c.boost for c in group if c.term == "put" and c.fields == ("code",)} == {
        BOOSTS["part_code_like"]
    }
    [single] = clause_groups("balance")
    assert [(c.term, c.fields) for c in single] == [
        ("balance", WORD_FIELDS),
        ("balance", ("code",)),  # the prefix
        ("balanc", ("text",)),  # prose is stemmed, as lunr.js stems it
        ("balanc", ("text",)),  # its prefix
        ("balance", ("segment",)),  # the words of endpoints' paths
    ]


def document(ref: str, kind: str, title: str, **tokens: list[str]) -> SearchDocument:
    return SearchDocument(
        ref=ref,
        kind=kind,
        api="aws",
        title=title,
        status=None,
        group="",
        summary="",
        url="",
        tokens=tokens,
    )


DOCUMENTS = [
    document(
        "0",
        "reason",
        "ResourceNotFoundException",
        code=code_tokens("ResourceNotFoundException"),
        operation=operation_tokens(["DynamoDB/PutItem", "DynamoDB/GetItem"]),
        scope=scope_tokens("DynamoDB", "Amazon DynamoDB"),
    ),
    document(
        "1",
        "reason",
        "AccessDeniedException",
        code=code_tokens("AccessDeniedException"),
        scope=scope_tokens("Kinesis", "Amazon Kinesis Data Streams"),
    ),
    document(
        "2",
        "endpoint",
        "PutItem",
        code=code_tokens("PutItem"),
        scope=scope_tokens("DynamoDB", "Amazon DynamoDB"),
    ),
    document(
        "3",
        "endpoint",
        "GET /access/{id}",
        path=path_tokens("GET", "/access/{id}"),
        segment=segment_tokens("/access/{id}"),
    ),
]


def test_a_small_index_ranks_each_kind_of_name() -> None:
    index = Index.load(build_index(DOCUMENTS))
    assert search(index, "PutItem")[:2] == ["2", "0"]  # the operation's own page first
    assert search(index, "putitem")[:1] == ["2"]
    assert search(index, "DynamoDB") == ["0", "2"]
    assert search(index, "kinesis") == ["1"]
    assert search(index, "access denied") == ["1", "3"]  # the code, then the path
    assert search(index, "AccesDeniedException")[:1] == ["1"]
    assert search(index, "resource not found")[:1] == ["0"]


def test_a_field_no_document_has_is_left_out_of_the_index() -> None:
    plain = [document("0", "reason", "CALL_NOT_FOUND", code=code_tokens("CALL_NOT_FOUND"))]
    assert build_index(plain)["fields"] == ["code"]
    assert build_index(DOCUMENTS)["fields"] == ["code", "operation", "scope", "path", "segment"]
    assert build_index(plain, PROSE_FIELDS)["fields"] == ["text"]
    # Queries name fields the index lacks, and still run.
    assert search(Index.load(build_index(plain)), "POST /calls call_not_found") == ["0"]


def test_prose_is_a_second_index_whose_scores_add_to_the_codes() -> None:
    reasons = [
        document(
            "0",
            "reason",
            "CALL_NOT_FOUND",
            code=code_tokens("CALL_NOT_FOUND"),
            path=["/calls/{}"],
            text=prose_tokens("The call was moved to another region before it ended."),
        ),
        document(
            "1",
            "reason",
            "REGION_UNAVAILABLE",
            code=code_tokens("REGION_UNAVAILABLE"),
            text=prose_tokens("The region is down for maintenance."),
        ),
        document(
            "2",
            "endpoint",
            "GET /calls/{id}",
            path=path_tokens("GET", "/calls/{id}"),
            segment=segment_tokens("/calls/{id}"),
        ),
    ]
    codes = Index.load(build_index(reasons))
    shards = [Index.load(build_index(reasons[:1], PROSE_FIELDS))]
    shards.append(Index.load(build_index(reasons[1:], PROSE_FIELDS)))
    # Without prose, a phrase finds what its words name in codes only.
    assert search(codes, "moving") == []
    # Stemmed alike: "moving" finds "moved"; "regions" finds "region" in both shards, and the
    # code that is the word comes first.
    assert search(codes, "moving", prose=shards) == ["0"]
    assert search(codes, "regions", prose=shards)[:1] == ["1"]
    assert search(codes, "moved to another region", prose=shards)[:1] == ["0"]
    # The endpoint's own page before a reason that names it.
    assert search(codes, "GET /calls/{call_id}", prose=shards) == ["2", "0"]


def test_prose_tokens_are_stemmed_without_stop_words() -> None:
    assert prose_tokens("The calls were moving to the regions") == ["call", "move", "region"]
    # A name is typed as it is written: not stemmed.
    assert plain_words("Amazon DynamoDB", "dynamodb") == ["amazon", "dynamodb"]


def test_a_phrase_finds_the_text_that_has_it_before_texts_that_have_its_words() -> None:
    texts = [
        "The archived webhook belongs to the session of another owner.",
        "The owner of the session belongs to the archived webhook.",  # the same words
    ]
    reasons = [
        document(
            str(n),
            "reason",
            f"CODE_{n}",
            code=[f"code_{n}"],
            text=prose_terms(text, phrases=[text]),
        )
        for n, text in enumerate(texts)
    ]
    assert "belong session" in reasons[0].tokens["text"]  # two words side by side, stemmed
    codes = Index.load(build_index(reasons))
    prose = [Index.load(build_index(reasons, PROSE_FIELDS))]
    assert search(codes, "webhook belongs to the session", prose=prose) == ["0", "1"]
    assert search(codes, "session belongs to the archived", prose=prose) == ["1", "0"]
    # The phrase's pairs go to the group of their first word: they count no extra word.
    groups = clause_groups("webhook belongs to the session")
    assert [len([c for c in g if c.term.count(" ") == 1]) for g in groups] == [1, 1, 0]
