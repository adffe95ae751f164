"""A many-APIs synthetic site, shaped like the public catalogues a real docs site gathers.

Hundreds of APIs, each one catalogue file with about fifteen reasons, in the five families
the format was built for (``tests/realapis.py`` has a hand-written catalogue of each):

- AWS-like services (PascalCase): most answer the common codes (``AccessDeniedException``,
  ``ValidationException``, ``ThrottlingException``, ``ResourceNotFoundException``, …) besides
  their own; their operations are ``POST /`` with ``X-Amz-Target``, and a common code names
  most of them, as AWS's API references list it under nearly every operation;
- Google-like APIs (UPPER_SNAKE, the reason in ``ErrorInfo``), each with ``UNKNOWN``, as every
  Google Ads error enum has it, and gRPC methods;
- Stripe-like REST APIs (lower_snake, codes up to 65 characters, endpoints, several statuses);
- Twilio-like APIs (integer codes, titles, warnings, reasons without a status);
- JSON-RPC-like nodes (negative integer codes shared by all, methods as operations).

Causes are one to three sentences; about one reason in eight has Markdown notes (headings,
lists, links). Each API gets a docs page with its ``reason:table``; ``conf.py`` points
``reason_catalog_paths`` at the folder of catalogues. One seed draws everything, so the same
arguments always write byte-identical files::

    python bench/manyapis.py /tmp/many --apis 40 --reasons 600
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as ``python bench/manyapis.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import dialects
from bench import vocabulary as v
from bench.synthetic import CATALOGUE_DIR, CONF_PY, TAILS, dump_catalogue

#: Each family's share of the APIs (about AWS's 400 services against a few dozen of each other).
FAMILIES = {"aws": 45, "google": 25, "stripe": 15, "twilio": 10, "jsonrpc": 5}


@dataclass(frozen=True)
class ManyApisSpec:
    """What to generate; the defaults are the benchmark's site."""

    apis: int = 420
    reasons: int = 6000
    seed: int = 20_261_111


@dataclass(frozen=True)
class ManyApisProject:
    """A generated project: where it is and what it holds."""

    root: Path  #: the Sphinx source and configuration folder
    catalogues: tuple[Path, ...]  #: one file per API
    reasons: int
    apis: int
    #: Each API's slug, name and family, in the order of the files.
    api_names: tuple[tuple[str, str, str], ...]
    #: Operations in all, and how many operations a reason names on average (among those
    #: naming any).
    operations: int
    operations_per_reason: float
    #: The reason whose cause the incremental build edits: its catalogue file and code.
    sample_catalogue: Path
    sample_code: str | int


# -- the pieces of an API ----------------------------------------------------------------------


class _Api:
    """One API being drawn: its names, entities, operations and reasons."""

    def __init__(self, rng: random.Random, family: str, name: str, slug: str, size: int) -> None:
        self.rng, self.family, self.name, self.slug, self.size = rng, family, name, slug, size
        self.entities = rng.sample(v.ENTITIES, rng.randint(3, 7))
        self.codes: set[str] = set()
        self.reasons: list[dict[str, Any]] = []
        # Set by the family's function: how bodies look, codes are written, docs are found.
        self.envelope: dict[str, Any] = {}
        self.style: dict[str, Any] = {}
        self.docs_url = ""
        self.reason_url = ""

    def catalogue(self, groups: list[dict[str, Any]]) -> dict[str, Any]:
        """The catalogue as plain data, its empty groups left out."""
        api: dict[str, Any] = {"name": self.name, "slug": self.slug, "docs_url": self.docs_url}
        if self.reason_url:
            api["reason_url"] = self.reason_url
        api["description"] = f"The error reasons of {self.name}, generated for benchmarks."
        return {
            "format": 1,
            "api": api,
            "code_style": self.style,
            "envelope": self.envelope,
            "groups": [group for group in groups if group["reasons"]],
        }

    # prose

    def sentence(self, subject: str, words: int) -> str:
        """A sentence about ``subject`` of about ``words`` words, drawn from the vocabulary;
        it ends on a noun, as a sentence should."""
        rng = self.rng
        parts = [rng.choice(v.OPENERS), subject, *rng.choice(v.VERBS).split()]
        parts += ["the", rng.choice(v.ADJECTIVES), rng.choice(v.NOUNS)]
        while len(parts) < words:
            parts += rng.choice(TAILS).split()
            parts += [rng.choice(v.ADJECTIVES), rng.choice(v.NOUNS)]
        return " ".join(parts) + "."

    def cause(self, lead: str, entity: str) -> str:
        """A lead sentence and one or two more, as providers write causes (12 to 45 words)."""
        more = [
            self.sentence(f"the {v.spaced(entity)}", self.rng.randint(7, 16))
            for _ in range(self.rng.choice((1, 1, 2)))
        ]
        return " ".join([lead, *more])

    def fix(self, entity: str) -> str | None:
        if self.rng.random() < 0.4:
            return None
        verb = self.rng.choice(v.FIX_VERBS)
        return f"{verb} the {v.spaced(entity)} {self.rng.choice(v.FIX_TAILS)}."

    def notes(self, entity: str) -> list[str]:
        """Markdown notes for about one reason in eight: headings, lists and links."""
        if self.rng.random() > 0.12:
            return []
        rng = self.rng
        thing = v.spaced(entity)
        causes = "\n".join(f"- {self.sentence(f'the {thing}', rng.randint(6, 12))}" for _ in "ab")
        link = f"[{self.name} {thing} guide](guides/{entity.lower()}-{rng.randint(1, 99)})"
        return [
            f"### Possible causes\n\n{causes}\n\n### Possible solutions\n\n"
            f"1. Read the {link} first.\n"
            f"2. {rng.choice(v.FIX_VERBS)} the {thing} and retry.\n\n"
            f"See also the [status page](https://status.example.com/{self.slug})."
        ]

    def add(self, code: str | int, status: Any, cause: str, entity: str, **more: Any) -> None:
        """A reason, unless the code (in any letter case) is already taken."""
        key = str(code).casefold()
        if key in self.codes:
            return
        self.codes.add(key)
        reason: dict[str, Any] = {"code": code}
        if more.get("title"):
            reason["title"] = more.pop("title")
        if status is not None:
            reason["status"] = status
        if more.get("severity"):
            reason["severity"] = more.pop("severity")
        reason["cause"] = cause
        fix = self.fix(entity)
        if fix:
            reason["fix"] = fix
        reason.update({k: val for k, val in more.items() if val})
        notes = self.notes(entity)
        if notes:
            reason["notes"] = notes
        self.reasons.append(reason)

    def shared(self, table: Sequence[tuple[Any, Any, float, str]], keep: int) -> list[Any]:
        """The family's common codes this API has (at most ``keep``)."""
        return [row for row in table if self.rng.random() < row[2]][:keep]


def _status(rng: random.Random, default: int) -> int | list[int]:
    """Mostly the family's status; now and then another, or two (400 or 422)."""
    roll = rng.random()
    if roll < 0.03:
        return [400, 422]
    if roll < 0.25:
        return rng.choice((400, 403, 404, 409, 429, 500, 503))
    return default


# -- families ----------------------------------------------------------------------------------


def _group(gid: str, title: str, reasons: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    return {"id": gid, "title": title, **more, "reasons": reasons}


def _aws(api: _Api) -> dict[str, Any]:
    rng = api.rng
    prefix = "".join(v.pascal_words(api.name.replace("Amazon ", "").replace("AWS ", "")))
    target = f"{prefix}_{rng.choice(('20120810', '20150701', '20180301', '20230815'))}"
    ops: list[str] = ["TagResource", "UntagResource", "ListTagsForResource"]
    by_entity: dict[str, list[str]] = {}
    for entity in api.entities:
        verbs = rng.sample(v.AWS_VERBS, rng.randint(3, len(v.AWS_VERBS)))
        by_entity[entity] = [f"{verb}{entity}{'s' * (verb == 'List')}" for verb in verbs]
        ops += by_entity[entity]
    operations = [
        {"name": op, "http": "POST /", "headers": {"X-Amz-Target": f"{target}.{op}"},
         "summary": v.summary(op)}
        for op in ops
    ]  # fmt: skip
    common = api.shared(dialects.AWS_COMMON, max(1, api.size // 2))
    for code, status, _, cause in common:  # AWS's references list them under nearly every call
        named = [o for o in ops if code != "ResourceNotFoundException" or "Create" not in o]
        api.add(code, status, cause, api.entities[0], operations=named)
    while len(api.reasons) < api.size:
        entity = rng.choice(api.entities)
        code, lead = v.aws_code(rng, entity, rng.choice(api.entities))
        named = rng.sample(by_entity[entity], rng.randint(1, len(by_entity[entity])))
        if rng.random() < 0.5:  # some codes come from operations across the service
            named += [
                o for o in rng.sample(ops, rng.randint(1, min(24, len(ops)))) if o not in named
            ]
        api.add(code, _status(rng, 400), api.cause(lead, entity), entity, operations=named)
    api.envelope, api.style = dialects.aws(prefix.lower()), {"case": "PascalCase"}
    api.docs_url = "https://docs.aws.example.com/"
    own = api.reasons[len(common) :]
    return api.catalogue(
        [_group("errors", "Errors", own, operations=operations),
         _group("common", "Common errors", api.reasons[: len(common)])]
    )  # fmt: skip


def _google(api: _Api) -> dict[str, Any]:
    rng = api.rng
    service = f"google.cloud.{api.slug.replace('-', '')}.v1"
    ops = [
        f"{service}.{entity}Service/{verb}{entity}{'s' * (verb == 'List')}"
        for entity in api.entities
        for verb in rng.sample(v.GOOGLE_VERBS, rng.randint(2, len(v.GOOGLE_VERBS)))
    ]
    operations = [{"name": op, "summary": v.summary(op.rpartition("/")[2])} for op in ops]
    common = api.shared(dialects.GOOGLE_COMMON, max(1, api.size // 3))
    for code, status, _, cause in common:  # any method may answer them
        api.add(code, status, cause, api.entities[0], operations=list(ops))
    while len(api.reasons) < api.size:
        entity = rng.choice(api.entities)
        code, lead = v.upper_code(rng, entity, rng.choice(api.entities))
        named = [o for o in ops if f".{entity}Service/" in o]
        named = rng.sample(named, rng.randint(0, len(named)))
        if rng.random() < 0.6:  # a field or a state several services' methods check
            named += [o for o in rng.sample(ops, rng.randint(1, len(ops))) if o not in named]
        api.add(code, _status(rng, 400), api.cause(lead, entity), entity, operations=named)
    api.envelope = dialects.google(f"{api.slug}.googleapis.com")
    api.style = {"case": "UPPER_SNAKE", "max_length": 80}
    api.docs_url = "https://cloud.google.example.com/"
    return api.catalogue(
        [_group("general", "General errors", api.reasons[: len(common)], operations=operations),
         _group("errors", f"{api.name} errors", api.reasons[len(common) :])]
    )  # fmt: skip


def _rest_endpoints(rng: random.Random, entities: Sequence[str], root: str) -> dict[str, list[str]]:
    """REST endpoints per entity: its collection, its item, and two actions."""
    out = {}
    for entity in entities:
        base = f"{root}/{v.snake(entity)}s"
        item = f"{base}/{{id}}"
        actions = [f"POST {item}/{action}" for action in rng.sample(v.REST_ACTIONS, 2)]
        out[entity] = [f"GET {base}", f"POST {base}", f"GET {item}", f"POST {item}",
                       f"DELETE {item}", *actions]  # fmt: skip
    return out


def _stripe(api: _Api) -> dict[str, Any]:
    rng = api.rng
    endpoints = _rest_endpoints(rng, api.entities, "/v1")
    common = api.shared(dialects.STRIPE_COMMON, max(1, api.size // 3))
    for code, status, _, cause in common:
        api.add(code, status, cause, api.entities[0])
    while len(api.reasons) < api.size:
        entity = rng.choice(api.entities)
        code, lead = v.lower_code(rng, entity, rng.choice(api.entities))
        named = rng.sample(endpoints[entity], rng.randint(1, 4))
        api.add(code, _status(rng, 400), api.cause(lead, entity), entity, endpoints=named)
    api.envelope, api.style = dialects.stripe(), {"case": "lower_snake", "max_length": 80}
    api.docs_url = f"https://docs.{api.slug}.example.com/"
    api.reason_url = f"{api.docs_url}error-codes/{{code:kebab}}"
    return api.catalogue(
        [_group("invalid_request_error", "Invalid request errors", api.reasons[len(common) :],
                status=400),
         _group("api_error", "API errors", api.reasons[: len(common)])]
    )  # fmt: skip


def _twilio(api: _Api, block: int) -> dict[str, Any]:
    rng = api.rng
    endpoints = _rest_endpoints(rng, api.entities, "/2010-04-01/Accounts/{AccountSid}")
    common = api.shared(dialects.TWILIO_COMMON, max(1, api.size // 3))
    for code, status, _, cause in common:
        api.add(code, status, cause, api.entities[0], title=dialects.TITLES[code])
    while len(api.reasons) < api.size:
        entity = rng.choice(api.entities)
        title, lead = v.title_phrase(rng, entity)
        api.add(
            block + rng.randrange(1, 1000),
            None if rng.random() < 0.3 else _status(rng, 400),  # delivery failures have none
            api.cause(lead, entity),
            entity,
            title=title,
            severity="warning" if rng.random() < 0.08 else None,
            endpoints=rng.sample(endpoints[entity], rng.randint(1, 3))
            if rng.random() < 0.5
            else [],
        )
    api.envelope, api.style = dialects.twilio(), {"type": "integer", "case": "digits"}
    api.docs_url = f"https://www.{api.slug}.example.com/docs/"
    api.reason_url = f"{api.docs_url}errors/{{code}}"
    return api.catalogue(
        [_group("rest", "REST API", api.reasons[: len(common)]),
         _group("product", api.name, api.reasons[len(common) :])]
    )  # fmt: skip


def _jsonrpc(api: _Api) -> dict[str, Any]:
    rng = api.rng
    prefix = api.slug.split("-")[0][:4]
    methods = [f"{prefix}_{verb}{e}" for e in api.entities for verb in v.RPC_VERBS]
    methods = rng.sample(methods, min(len(methods), rng.randint(12, 40)))
    operations = [
        {"name": m, "http": "POST /", "summary": v.summary(m.split("_", 1)[1])} for m in methods
    ]
    for code, _, _, cause in dialects.JSONRPC_COMMON:
        named = list(methods) if code == -32602 else []
        api.add(code, None, cause, api.entities[0], title=dialects.TITLES[code], operations=named)
    while len(api.reasons) < api.size:
        entity = rng.choice(api.entities)
        code = -32000 - rng.randrange(0, 100) if rng.random() < 0.8 else rng.randrange(1, 60)
        title, lead = v.title_phrase(rng, entity)
        named = rng.sample(methods, rng.randint(1, min(30, len(methods))))
        api.add(code, None, api.cause(lead, entity), entity, title=title, operations=named)
    api.envelope, api.style = dialects.jsonrpc(), {"type": "integer", "pattern": "^-?[0-9]+$"}
    api.docs_url = f"https://docs.{api.slug}.example.com/"
    standard = len(dialects.JSONRPC_COMMON)
    return api.catalogue(
        [_group("jsonrpc", "JSON-RPC 2.0", api.reasons[:standard], operations=operations),
         _group("server", "Server errors", api.reasons[standard:])]
    )  # fmt: skip


# -- the site ----------------------------------------------------------------------------------


def _sizes(rng: random.Random, apis: int, reasons: int, least: int = 6) -> list[int]:
    """Reasons per API: skewed like real catalogues (many small, a few large), summing exactly."""
    weights = [rng.lognormvariate(0, 0.8) for _ in range(apis)]
    total = sum(weights)
    sizes = [max(least, round(w / total * reasons)) for w in weights]
    order = sorted(range(apis), key=lambda i: -sizes[i])
    for i in itertools.cycle(order):  # take from (or give to) the largest until the sum fits
        gap = reasons - sum(sizes)
        if gap == 0:
            return sizes
        if gap > 0 or sizes[i] > least:
            sizes[i] += 1 if gap > 0 else -1
    raise AssertionError("unreachable")


def build_catalogues(spec: ManyApisSpec) -> list[tuple[str, dict[str, Any]]]:
    """Every API's catalogue as plain data, with its family, in a stable order."""
    if spec.apis < 5 or spec.reasons < spec.apis * 6:
        raise ValueError(f"need at least 5 APIs and 6 reasons per API ({spec})")
    rng = random.Random(spec.seed)
    families = [name for name, share in FAMILIES.items() for _ in range(share)]
    kinds = [families[i * len(families) // spec.apis] for i in range(spec.apis)]
    names = v.api_names(rng, kinds)
    blocks = iter(rng.sample(range(11_000, 99_000, 1000), kinds.count("twilio")))
    out = []
    for kind, (name, slug), size in zip(
        kinds, names, _sizes(rng, spec.apis, spec.reasons), strict=True
    ):
        api = _Api(random.Random(f"{spec.seed}:{slug}"), kind, name, slug, size)
        if kind == "aws":
            data = _aws(api)
        elif kind == "google":
            data = _google(api)
        elif kind == "stripe":
            data = _stripe(api)
        elif kind == "twilio":
            data = _twilio(api, next(blocks))
        else:
            data = _jsonrpc(api)
        out.append((kind, data))
    return out


def walk_reasons(groups: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every reason of ``groups`` and their subgroups, in document order."""
    out = []
    for group in groups:
        out += group.get("reasons", [])
        out += walk_reasons(group.get("groups", []))
    return out


def _index_page(spec: ManyApisSpec, apis: list[tuple[str, dict[str, Any]]]) -> str:
    titles = {
        "aws": "AWS-like services",
        "google": "Google-like APIs",
        "stripe": "REST APIs",
        "twilio": "Communications APIs",
        "jsonrpc": "JSON-RPC nodes",
    }
    parts = [
        f"# Error reasons of {len(apis)} APIs\n\nA synthetic site of {spec.reasons:,} "
        "reasons in many APIs, generated for benchmarks.\n"
    ]
    for family, title in titles.items():
        pages = "\n".join(f"apis/{d['api']['slug']}" for k, d in apis if k == family)
        if pages:
            parts.append(f"```{{toctree}}\n:caption: {title}\n:maxdepth: 1\n\n{pages}\n```\n")
    return "\n".join(parts)


def write_project(dest: Path, spec: ManyApisSpec | None = None) -> ManyApisProject:
    """Write the project into ``dest`` (created if needed; existing files are overwritten)."""
    spec = spec or ManyApisSpec()
    apis = build_catalogues(spec)
    folder = dest / CATALOGUE_DIR
    (dest / "apis").mkdir(parents=True, exist_ok=True)
    folder.mkdir(exist_ok=True)
    paths = []
    for _, data in apis:
        api = data["api"]
        path = folder / f"{api['slug']}.yaml"
        path.write_text(dump_catalogue(data), encoding="utf-8")
        paths.append(path)
        page = f"# {api['name']}\n\n```{{reason:table}} {api['slug']}\n```\n"
        (dest / "apis" / f"{api['slug']}.md").write_text(page, encoding="utf-8")
    conf = CONF_PY.format(project="Many APIs error reasons", catalogue=CATALOGUE_DIR)
    (dest / "conf.py").write_text(conf, encoding="utf-8")
    (dest / "index.md").write_text(_index_page(spec, apis), encoding="utf-8")
    reasons = [walk_reasons(d["groups"]) for _, d in apis]
    named = [len(r["operations"]) for rs in reasons for r in rs if r.get("operations")]
    middle = len(apis) // 2
    return ManyApisProject(
        root=dest,
        catalogues=tuple(paths),
        reasons=sum(map(len, reasons)),
        apis=len(apis),
        api_names=tuple((d["api"]["slug"], d["api"]["name"], k) for k, d in apis),
        operations=sum(len(g.get("operations", ())) for _, d in apis for g in d["groups"]),
        operations_per_reason=sum(named) / max(1, len(named)),
        sample_catalogue=paths[middle],
        sample_code=reasons[middle][len(reasons[middle]) // 2]["code"],
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Write a many-APIs project into the folder given on the command line."""
    defaults = ManyApisSpec()
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="the folder to write the project into")
    parser.add_argument("--apis", type=int, default=defaults.apis)
    parser.add_argument("--reasons", type=int, default=defaults.reasons)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    args = parser.parse_args(argv)
    try:
        project = write_project(args.dest, ManyApisSpec(args.apis, args.reasons, args.seed))
    except ValueError as error:
        parser.error(str(error))
    print(
        f"{project.root}: {project.reasons} reasons in {project.apis} APIs, "
        f"{project.operations} operations, {project.operations_per_reason:.1f} per reason"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
