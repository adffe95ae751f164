"""A fixed relevance set for a generated site, and how a search engine scores on it.

Each query has a class and the pages that count as finding what it was after:

- ``exact``: a code as the catalogue writes it (one no other API has);
- ``case``: the same in another letter case (``access_denied`` for ``ACCESS_DENIED``);
- ``typo``: a code with one edit (a letter dropped, added or changed) that names no other code;
- ``phrase``: 4 to 6 consecutive words of one sentence of a reason's cause, found in no other;
- ``operation``: an operation's name (an endpoint's ``METHOD /path`` where an API has no
  operations), found in one API only: its page;
- ``api``: an API's name: any page of that API;
- ``shared``: a code several APIs have, asked for by someone who says which API they are in
  (the reason browser's ``api`` facet): that API's reason.

The set is drawn from the catalogues with a fixed seed, so every run asks the same questions;
the pages they should find are read from the built site's ``reason-index.js``, so they are the
URLs the build really wrote. A hit at *k* is an intended page among the first *k* results.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CLASSES = ("exact", "case", "typo", "phrase", "operation", "api", "shared")
SEED = 11


@dataclass(frozen=True)
class Api:
    """What the relevance set needs of one catalogue."""

    slug: str
    name: str
    reasons: tuple[dict[str, Any], ...]  # as the catalogue writes them
    operations: tuple[str, ...]  # declared operations' names
    pages: tuple[str, ...]  # the docs pages (outside the API's own folder) that show it


@dataclass(frozen=True)
class Query:
    """One question and the pages that answer it."""

    kind: str  # one of CLASSES
    text: str
    accept: tuple[str, ...]  # site-relative URLs; one ending in "/" accepts any page under it
    api: str = ""  # the API the visitor says they are in (its slug), for ``shared``
    api_name: str = ""


def site_urls(html: Path) -> dict[tuple[str, str, str], str]:
    """Every search document's URL, by (API slug, kind, title), from ``reason-index.js``."""
    script = (html / "reason-index.js").read_text(encoding="utf-8")
    payload = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    names = payload["columns"]["docs"]["columns"]
    urls = {}
    for row in payload["docs"]:
        doc = dict(zip(names, row, strict=False))
        url = doc.get("url") or payload["templates"][doc["api"]].replace("{code}", doc["title"])
        urls[doc["api"], doc["kind"], doc["title"]] = url
    return urls


def normalise(url: str) -> str:
    """A result's URL as a site-relative path: no host, query or fragment, decoded."""
    path = urlsplit(url).path.lstrip("/")
    while (decoded := unquote(path)) != path:  # a page named with "%2F" is linked as "%252F"
        path = decoded
    return path + "index.html" if path == "" or path.endswith("/") else path


def is_hit(url: str, accept: Iterable[str]) -> bool:
    """Whether a result's URL is one the query was after."""
    got = normalise(url)
    return any(got == normalise(a) or (a.endswith("/") and got.startswith(a)) for a in accept)


def _fold(code: Any) -> str:
    return str(code).casefold()


def _typo(rng: random.Random, code: str) -> str:
    """``code`` with one edit after its first character: a letter dropped, added or changed."""
    at = rng.randrange(1, len(code))
    letters = "abcdefghijklmnopqrstuvwxyz"
    letter = rng.choice(letters.upper() if code[at].isupper() else letters)
    edit = rng.choice(("drop", "add", "change"))
    if edit == "drop":
        return code[:at] + code[at + 1 :]
    if edit == "add":
        return code[:at] + letter + code[at:]
    return code[:at] + (letter if letter != code[at] else "x") + code[at + 1 :]


def _other_case(code: str) -> str:
    return code.upper() if code == code.lower() else code.lower()


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _phrase(rng: random.Random, cause: str) -> str | None:
    """4 to 6 consecutive words of one sentence of ``cause``, without Markdown or punctuation."""
    sentences = [s.replace("`", "").split() for s in _SENTENCE.split(cause)]
    sentences = [s for s in sentences if len(s) >= 4]
    if not sentences:
        return None
    words = rng.choice(sentences)
    size = rng.randint(4, min(6, len(words)))
    start = rng.randrange(0, len(words) - size + 1)
    return " ".join(w.strip(".,;:!?()'\"") for w in words[start : start + size])


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.replace("`", "")).lower().split())


def build(
    apis: Sequence[Api], urls: dict[tuple[str, str, str], str], per_class: int = 100
) -> list[Query]:
    """The relevance set: up to ``per_class`` queries of each class, the same every time."""
    rng = random.Random(SEED)
    owners: dict[str, list[Api]] = {}
    for api in apis:
        for reason in api.reasons:
            owners.setdefault(_fold(reason["code"]), []).append(api)
    every_code = set(owners)

    def page(api: Api, code: Any) -> str:
        return urls[api.slug, "reason", str(code)]

    unique = [(a, r) for a in apis for r in a.reasons if len(owners[_fold(r["code"])]) == 1]
    queries: list[Query] = []

    def pick(items: Sequence[Any]) -> list[Any]:
        return rng.sample(list(items), min(per_class, len(items)))

    for api, reason in pick(unique):
        queries.append(Query("exact", str(reason["code"]), (page(api, reason["code"]),)))
    cased = [(a, r) for a, r in unique if str(r["code"]) != _other_case(str(r["code"]))]
    for api, reason in pick(cased):
        queries.append(Query("case", _other_case(reason["code"]), (page(api, reason["code"]),)))
    typos = [(a, r) for a, r in unique if isinstance(r["code"], str) and len(r["code"]) >= 5]
    for api, reason in pick(typos):
        for _ in range(10):  # a typo that is another code asks for that code
            typo = _typo(rng, reason["code"])
            if typo.casefold() not in every_code:
                queries.append(Query("typo", typo, (page(api, reason["code"]),)))
                break
    causes = [(a, r, _plain(r["cause"])) for a, r in unique]
    phrases: list[Query] = []
    for api, reason, _ in rng.sample(causes, len(causes)):
        if len(phrases) == per_class:
            break
        phrase = _phrase(rng, reason["cause"])
        plain = _plain(phrase or "")
        if phrase and sum(plain in text for _, _, text in causes) == 1:
            phrases.append(Query("phrase", phrase, (page(api, reason["code"]),)))
    queries += phrases
    queries += _operations(rng, apis, urls, per_class)
    for api in pick(apis):
        queries.append(Query("api", api.name, (f"{api.slug}/", *api.pages)))
    shared = sorted({(a.slug, str(r["code"])) for a in apis for r in a.reasons} - {
        (a.slug, str(r["code"])) for a, r in unique
    })  # fmt: skip
    by_slug = {a.slug: a for a in apis}
    for slug, code in pick(shared):
        api = by_slug[slug]
        queries.append(Query("shared", code, (page(api, code),), api=slug, api_name=api.name))
    return queries


def _operations(
    rng: random.Random, apis: Sequence[Api], urls: dict[tuple[str, str, str], str], count: int
) -> list[Query]:
    """Operations (or, in an API without any, endpoints) whose name one API alone has."""
    named: dict[str, list[tuple[str, str]]] = {}
    for api in apis:
        names = api.operations or sorted(
            {e for r in api.reasons for e in r.get("endpoints", ()) if not e.endswith("*")}
        )
        for name in names:
            named.setdefault(name.casefold(), []).append((api.slug, name))
    single = sorted(pairs[0] for pairs in named.values() if len(pairs) == 1)
    picked = rng.sample(single, min(count, len(single)))
    return [Query("operation", name, (urls[slug, "endpoint", name],)) for slug, name in picked]


# -- scoring -----------------------------------------------------------------------------------


def score(queries: Sequence[Query], results: Sequence[Sequence[str]]) -> dict[str, Any]:
    """hit@1 and hit@5 per class, with the first few misses at 5 of each."""
    out: dict[str, Any] = {}
    for kind in CLASSES:
        pairs = [(q, r) for q, r in zip(queries, results, strict=True) if q.kind == kind]
        if not pairs:
            continue
        at1 = sum(bool(r) and is_hit(r[0], q.accept) for q, r in pairs)
        at5 = sum(any(is_hit(u, q.accept) for u in r[:5]) for q, r in pairs)
        misses = [
            {"query": q.text, "api": q.api, "intended": q.accept[0], "got": list(r[:3])}
            for q, r in pairs
            if not any(is_hit(u, q.accept) for u in r[:5])
        ]
        out[kind] = {"queries": len(pairs), "hit1": at1, "hit5": at5, "misses": misses[:5]}
    return out


def _reasons(groups: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for group in groups:
        out += group.get("reasons", [])
        out += _reasons(group.get("groups", []))
    return out


def _operation_names(groups: Sequence[dict[str, Any]]) -> list[str]:
    out = []
    for group in groups:
        out += [operation["name"] for operation in group.get("operations", [])]
        out += _operation_names(group.get("groups", []))
    return out


def load_apis(paths: Sequence[Path], pages: dict[str, tuple[str, ...]]) -> list[Api]:
    """The catalogues at ``paths``, with the docs pages that show each (by slug)."""
    import yaml  # noqa: PLC0415 - the bench's environment has it; scoring does not need it

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    apis = []
    for path in paths:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        slug = data["api"]["slug"]
        apis.append(
            Api(
                slug=slug,
                name=data["api"]["name"],
                reasons=tuple(_reasons(data["groups"])),
                operations=tuple(_operation_names(data["groups"])),
                pages=pages.get(slug, ()),
            )
        )
    return apis
