"""A large, deterministic synthetic Sphinx project for benchmarking the ``reason_catalog`` build.

The project has one catalogue in the VoIPbin envelope dialect (its header is copied from
``source_catalog/voipbin.yaml``, with another name and slug), ``groups`` resource groups of
reasons, an index page and one page per group rendering that group with ``reason:table``.

Everything is drawn from one seeded :class:`random.Random`, so the same arguments always give
byte-identical files. Use it from Python::

    from bench.synthetic import SyntheticSpec, write_project
    project = write_project(tmp_path / "site", SyntheticSpec(reasons=500, groups=5))

or from the command line::

    python bench/synthetic.py /tmp/synthetic --reasons 2000 --groups 10
    sphinx-build -b html /tmp/synthetic /tmp/synthetic/_build/html
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
#: The catalogue whose header (api, code style, envelope) the synthetic one reuses.
HEADER_SOURCE = REPO / "source_catalog" / "voipbin.yaml"
CATALOGUE_DIR = "catalogue"

# PyYAML's C emitter is much faster for 10,000 reasons; fall back when it is not built.
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: HTTP statuses with how often they occur in published catalogues (roughly: not-found and
#: validation errors dominate, then state conflicts and permissions, then the rest).
STATUS_WEIGHTS: dict[int, int] = {
    404: 30,
    400: 22,
    409: 15,
    403: 10,
    503: 6,
    429: 5,
    401: 4,
    500: 4,
    402: 4,
}
#: How many endpoints a reason names (1 to 6): most name one or two.
ENDPOINT_COUNT_WEIGHTS = (30, 25, 18, 12, 9, 6)
#: The methods of a resource's extra operations (``/resN/{id}/opK``).
OP_METHODS = ("POST", "POST", "POST", "GET", "GET", "PUT", "DELETE")


def _words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of ``text``: vocabularies are easier to read as prose."""
    return tuple(text.split())


_NOUNS = _words(
    "request account session token resource record quota limit field parameter value "
    "schedule channel member policy target owner region version payload header signature "
    "balance plan queue job batch export import template webhook attachment subscription "
    "key"
)
_ADJECTIVES = _words(
    "current requested supplied existing pending archived primary secondary upstream "
    "configured default remote linked active"
)
#: What causes and fixes talk about, beyond the nouns codes are made of: a reason's prose
#: names things of its own (a catalogue of 10,000 causes uses thousands of words, not 100),
#: so that a phrase taken from a cause tells it apart, as in published catalogues.
_PROSE_NOUNS = _NOUNS + _words(
    "credential namespace tenant shard replica lease checkpoint manifest revision bucket "
    "cursor offset snapshot label binding route listener certificate cluster container "
    "database dataset deployment device directory document domain environment firewall "
    "fleet function gateway identity image instance integration invitation invoice ledger "
    "mailbox meeting mesh migration model monitor network notebook notification order "
    "organization partition payment pipeline portfolio prefix profile project prompt "
    "recording registry report repository role rule scanner secret segment sender server "
    "service share sink slot stack stage stream studio table task thread topic trace "
    "trigger trust user vault view volume warehouse workflow workspace zone alias archive "
    "artifact backup broker budget bundle cache campaign canary catalog connector contact "
    "crawler dashboard detector experiment feature filter finding flow graph hook index "
    "customer merchant payout refund dispute transfer card charge coupon discount "
    "carrier number message call conference voicemail transcript codec trunk"
)
_PROSE_ADJECTIVES = _ADJECTIVES + _words(
    "regional nested encrypted shared stale retired replicated scheduled partial rotated "
    "signed cached paused managed isolated orphaned expired throttled detached immutable "
    "verified unverified provisional trial inbound outbound"
)
#: How a sentence goes on after its first clause (the many-APIs vocabulary says it so too).
TAILS = (
    "while the",
    "because the",
    "after the",
    "before a",
    "unless the",
    "so the",
    "and the",
    "or a",
    "until the",
    "as the",
    "whenever a",
)
_FIX_VERBS = _words("Retry Check Verify Update Remove Create Wait Refresh Inspect Request")
_CONDITIONS = _words(
    "NOT_FOUND ALREADY_EXISTS STATE_INVALID LIMIT_EXCEEDED INVALID FORBIDDEN EXPIRED "
    "LOCKED CONFLICT UNAVAILABLE MISSING TOO_LARGE"
)
VERBS = (
    "exceeds",
    "references",
    "violates",
    "conflicts with",
    "belongs to",
    "expired before",
    "does not match",
    "is locked by",
    "was deleted from",
    "cannot be moved to",
    "is missing from",
    "duplicates",
)


@dataclass(frozen=True)
class SyntheticSpec:
    """What to generate; the defaults are the benchmark's catalogue."""

    reasons: int = 10_000
    groups: int = 20
    seed: int = 20_260_101
    #: ``METHOD /resN/{id}/opK`` operations per resource, besides the five CRUD ones.
    ops_per_resource: int = 60
    slug: str = "synthbin"
    name: str = "SynthBin"


@dataclass(frozen=True)
class SyntheticProject:
    """A generated project: where it is and what it holds."""

    root: Path  #: the Sphinx source and configuration folder
    catalogue: Path  #: the catalogue file
    slug: str
    reasons: int
    groups: int
    #: Distinct endpoints and patterns: the build writes one page for each.
    endpoints: int
    #: A reason in the middle of the catalogue, for edits (see :func:`edit_cause`).
    sample_code: str


# -- the catalogue -----------------------------------------------------------------------------


def load_header(name: str, slug: str, source: Path = HEADER_SOURCE) -> dict[str, Any]:
    """The shape of ``source``'s header (its envelope and style), renamed to ``name``/``slug``.

    What the header says of VoIPbin itself (its sources, the spec it documents, its retired
    codes) is left out: none of it is true of the synthetic API.
    """
    data = yaml.load(source.read_text(encoding="utf-8"), Loader=_Loader)
    own = {"groups", "sources", "openapi", "drift", "retired", "retired_endpoints"}
    header = {key: value for key, value in data.items() if key not in own}
    header["api"] = {**header["api"], "name": name, "slug": slug}
    return header


def _status_names(header: dict[str, Any]) -> set[int]:
    """The HTTP statuses the envelope can name (generated examples need a name for each)."""
    status = header.get("envelope", {}).get("fields", {}).get("status")
    names = status.get("names") if isinstance(status, dict) else None
    return set(names.values()) if names else set(STATUS_WEIGHTS)


def _sentence(rng: random.Random, words: int, opener: str = "The") -> str:
    """A sentence of exactly ``words`` words, led by ``opener`` and ending with a full stop."""
    parts = [
        opener,
        rng.choice(_PROSE_ADJECTIVES),
        rng.choice(_PROSE_NOUNS),
        *rng.choice(VERBS).split(),
        "the",
        rng.choice(_PROSE_NOUNS),
    ]
    while len(parts) < words:  # clause after clause, each about things of its own
        parts += [
            *rng.choice(TAILS).split(),
            rng.choice(_PROSE_ADJECTIVES),
            rng.choice(_PROSE_NOUNS),
            *rng.choice(VERBS).split(),
            "the",
            rng.choice(_PROSE_NOUNS),
        ]
    return " ".join(parts[:words]) + "."


def _text(rng: random.Random, words: int, *, lead: str = "", opener: str = "The") -> str:
    """Prose of exactly ``words`` whitespace-separated words, in sentences of 6 to 16 words.

    ``lead`` is a sentence put first (its words count); ``opener`` starts the first sentence
    drawn after it.
    """
    sentences = [lead] if lead else []
    left = words - len(lead.split())
    while left > 0:
        size = min(left, rng.randint(6, 16))
        if left - size < 6:  # no sentence shorter than six words at the end
            size = left
        sentences.append(_sentence(rng, size, opener))
        opener = "The"
        left -= size
    return " ".join(sentences)


def _resource_endpoints(rng: random.Random, number: int, ops: int) -> list[str]:
    """The operations of resource ``number``: CRUD first, then its extra operations."""
    base = f"/res{number}"
    crud = [
        f"GET {base}",
        f"POST {base}",
        f"GET {base}/{{id}}",
        f"PUT {base}/{{id}}",
        f"DELETE {base}/{{id}}",
    ]
    extra = [f"{rng.choice(OP_METHODS)} {base}/{{id}}/op{k}" for k in range(1, ops + 1)]
    return crud + extra


def _group_sizes(reasons: int, groups: int) -> list[int]:
    """``reasons`` split over ``groups`` as evenly as possible."""
    if groups < 1 or reasons < groups:
        raise ValueError(f"need at least one reason per group ({reasons} reasons, {groups} groups)")
    base, extra = divmod(reasons, groups)
    return [base + (1 if index < extra else 0) for index in range(groups)]


def build_catalogue(spec: SyntheticSpec, header: dict[str, Any] | None = None) -> dict[str, Any]:
    """The whole catalogue as plain data, ready to dump as YAML."""
    rng = random.Random(spec.seed)
    header = header if header is not None else load_header(spec.name, spec.slug)
    statuses = [s for s in STATUS_WEIGHTS if s in _status_names(header)]
    weights = [STATUS_WEIGHTS[s] for s in statuses]
    groups = []
    for number, size in enumerate(_group_sizes(spec.reasons, spec.groups), start=1):
        pool = _resource_endpoints(rng, number, spec.ops_per_resource)
        # A few operations of a resource are named far more often than the rest (Zipf-like).
        popularity = [1 / (rank + 1) ** 0.8 for rank in range(len(pool))]
        codes: list[str] = []
        reasons = []
        for index in range(size):
            condition = rng.choice(_CONDITIONS)
            code = f"RES{number}_{rng.choice(_NOUNS).upper()}_{condition}_{index:04d}"
            count = rng.choices(range(1, 7), weights=ENDPOINT_COUNT_WEIGHTS)[0]
            endpoints: list[str] = []
            while len(endpoints) < count:
                endpoint = rng.choices(pool, weights=popularity)[0]
                if endpoint not in endpoints:
                    endpoints.append(endpoint)
            total = rng.randint(40, 80)  # words of cause and fix together
            cause_words = round(total * rng.uniform(0.5, 0.7))
            fix_lead = ""
            if rng.random() < 0.4:  # fixes often point at an endpoint, as real ones do
                fix_lead = f"Check via `{rng.choice(endpoints)}` first."
            elif codes and rng.random() < 0.15:  # or at a neighbouring reason
                fix_lead = f"Compare with `{rng.choice(codes)}`."
            reason: dict[str, Any] = {
                "code": code,
                "status": rng.choices(statuses, weights=weights)[0],
                "cause": _text(rng, cause_words),
                "fix": _text(
                    rng, total - cause_words, lead=fix_lead, opener=rng.choice(_FIX_VERBS)
                ),
                "endpoints": endpoints,
            }
            if codes and rng.random() < 0.05:
                reason["related"] = sorted(set(rng.sample(codes, min(2, len(codes)))))
            if rng.random() < 0.05:
                reason["notes"] = [_text(rng, rng.randint(10, 25))]
            if codes and rng.random() < 0.01:
                reason["deprecated"] = {"since": "v0.9", "message": "Use the newer reason."}
                reason["replaced_by"] = rng.choice(codes)
            codes.append(code)
            reasons.append(reason)
        groups.append(
            {
                "id": f"g{number}",
                "title": f"Resource {number} Reasons",
                "intro": f"Reasons fired by the `/res{number}` endpoints. "
                + _text(rng, rng.randint(15, 40)),
                "endpoints": [f"/res{number}", f"/res{number}/{{id}}*"],
                "reasons": reasons,
            }
        )
    return {**header, "groups": groups}


def count_endpoints(catalogue: dict[str, Any]) -> int:
    """Distinct endpoints and patterns named in the catalogue (one page each in the build)."""
    seen = {e for g in catalogue["groups"] for e in g.get("endpoints", ())}
    seen.update(e for g in catalogue["groups"] for r in g["reasons"] for e in r["endpoints"])
    return len(seen)


def dump_catalogue(catalogue: dict[str, Any]) -> str:
    """The catalogue as YAML text (stable: the same data always gives the same text)."""
    text: str = yaml.dump(catalogue, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return "# A synthetic catalogue for benchmarks: generated by bench/.\n" + text


def edit_cause(path: Path, code: str | int, addition: str = " Edited for the benchmark.") -> None:
    """Append ``addition`` to the cause of reason ``code`` in the catalogue file at ``path``.

    The file is re-dumped the way :func:`dump_catalogue` wrote it, so only that reason's
    lines change. Appending keeps the cause's first sentence (its summary) as it was.
    """
    catalogue = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    groups = list(catalogue["groups"])
    while groups:
        group = groups.pop(0)
        groups += group.get("groups", [])
        for reason in group.get("reasons", []):
            if reason["code"] == code:
                reason["cause"] += addition
                path.write_text(dump_catalogue(catalogue), encoding="utf-8")
                return
    raise KeyError(f"no reason {code!r} in {path}")


# -- the Sphinx project ------------------------------------------------------------------------

CONF_PY = '''\
"""A synthetic site for benchmarks: generated by bench/."""

project = {project!r}
author = "bench/synthetic.py"
copyright = "2026, the reason-catalog authors"

extensions = [
    "reason_catalog",
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
]

source_suffix = {{".md": "markdown"}}
root_doc = "index"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

reason_catalog_paths = [{catalogue!r}]

nitpicky = True
html_theme = "furo"
html_title = {project!r}
html_last_updated_fmt = None
'''


def _index_page(spec: SyntheticSpec, groups: list[dict[str, Any]]) -> str:
    pages = "\n".join(group["id"] for group in groups)
    return (
        f"# {spec.name} error reasons\n\n"
        f"A synthetic catalogue of {spec.reasons:,} reasons in {len(groups)} groups, "
        "generated for benchmarks.\n\n"
        f"```{{toctree}}\n:caption: Groups\n:maxdepth: 1\n\n{pages}\n```\n"
    )


def _group_page(spec: SyntheticSpec, group: dict[str, Any]) -> str:
    return f"# {group['title']}\n\n```{{reason:table}} {spec.slug}\n:group: {group['id']}\n```\n"


def write_project(dest: Path, spec: SyntheticSpec | None = None) -> SyntheticProject:
    """Write the project into ``dest`` (created if needed; existing files are overwritten)."""
    spec = spec or SyntheticSpec()
    catalogue = build_catalogue(spec)
    groups: list[dict[str, Any]] = catalogue["groups"]
    dest.mkdir(parents=True, exist_ok=True)
    (dest / CATALOGUE_DIR).mkdir(exist_ok=True)
    catalogue_path = dest / CATALOGUE_DIR / f"{spec.slug}.yaml"
    catalogue_path.write_text(dump_catalogue(catalogue), encoding="utf-8")
    conf = CONF_PY.format(project=f"{spec.name} error reasons", catalogue=CATALOGUE_DIR)
    (dest / "conf.py").write_text(conf, encoding="utf-8")
    (dest / "index.md").write_text(_index_page(spec, groups), encoding="utf-8")
    for group in groups:
        (dest / f"{group['id']}.md").write_text(_group_page(spec, group), encoding="utf-8")
    middle = groups[len(groups) // 2]["reasons"]
    return SyntheticProject(
        root=dest,
        catalogue=catalogue_path,
        slug=spec.slug,
        reasons=sum(len(g["reasons"]) for g in groups),
        groups=len(groups),
        endpoints=count_endpoints(catalogue),
        sample_code=middle[len(middle) // 2]["code"],
    )


# -- command line ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Write a synthetic project into the folder given on the command line."""
    defaults = SyntheticSpec()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="the folder to write the project into")
    parser.add_argument("--reasons", type=int, default=defaults.reasons)
    parser.add_argument("--groups", type=int, default=defaults.groups)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument(
        "--ops-per-resource",
        type=int,
        default=defaults.ops_per_resource,
        help="extra METHOD /resN/{id}/opK operations per resource",
    )
    args = parser.parse_args(argv)
    spec = SyntheticSpec(
        reasons=args.reasons,
        groups=args.groups,
        seed=args.seed,
        ops_per_resource=args.ops_per_resource,
    )
    try:
        project = write_project(args.dest, spec)
    except ValueError as error:
        parser.error(str(error))
    print(
        f"{project.root}: {project.reasons} reasons in {project.groups} groups, "
        f"{project.endpoints} endpoints; catalogue {project.catalogue}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
