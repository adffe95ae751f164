"""The reason browser: ``browse.html``, its search index and lunr.js, written at build time.

The index is a script (``reason-index.js``) rather than JSON so that the page also works
opened from the file system, where browsers refuse to fetch files; it is loaded after the
page has painted. Its rows are arrays read by column name (``search/rows.py``), and it carries
the query's settings, so that no constant is written twice. lunr.js, jmespath.js and re2js
come from the npm registry: packaged in the wheel, or ``npm ci`` (``assets.py``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import asdict
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..catalogue.dialect import MAX_BODY_DEPTH, MAX_DIGITS, MAX_XML_DEPTH, Dialect
from ..catalogue.text import status_badge
from ..export import write_atomically
from ..search.index import (
    CODE_FIELDS,
    PROSE_FIELDS,
    SearchDocument,
    build_index,
    code_tokens,
    name_token,
    normalise_path,
    operation_tokens,
    path_tokens,
    plain_words,
    prose_terms,
    query_settings,
    scope_tokens,
    segment_tokens,
    short_ref,
    word_pairs,
)
from ..search.rows import CODES, DOCUMENTS
from .access import reason_domain
from .assets import DECODER_LIBRARIES, find_library
from .shell import page_context
from .store import CatalogueStore
from .warnings import WARNING_TYPE, WarningKind

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder

logger = logging.getLogger(__name__)

LUNR_VERSION = "2.3.9"  # the version lunr.py 0.8 serialises indexes for
INDEX_FILE = "reason-index.js"
#: Bumped whenever the index is serialised differently (see search.build_index and rows.py).
INDEX_FORMAT = 7
#: The prose index's shards: ``reason-prose-0.js``, … Each holds this many reasons' prose, so
#: that editing a cause rebuilds one shard's lunr index, not the whole of it.
PROSE_FILE = "reason-prose-{}.js"
PROSE_SHARD = 1000
#: A pattern covering more reasons than this is not repeated in each reason's document.
BROAD_PATTERN = 200
CODES_FILE = "reason-codes.js"
PAGE = "browse"
LOOKUP_PAGE = "lookup"
#: The browser's scripts, in the order they load: libraries, then pure functions, then wiring.
#: Only what the first result needs: the decoder's are loaded after it (DECODER_SCRIPTS).
BROWSE_SCRIPTS = (
    "lunr.min.js",
    "reason-rows.js",
    "reason-query.js",
    "reason-facets.js",
    "reason-match.js",
    "reason-browser.js",
    "reason-filters-toggle.js",
)
#: The decoder's scripts, which the page loads, in this order, once it has shown results.
DECODER_SCRIPTS = (
    "jmespath.js",
    "re2js.js",
    "reason-json.js",
    "reason-schema.js",
    "reason-decode.js",
)
LOOKUP_SCRIPTS = ("reason-rows.js", "reason-match.js", "reason-lookup.js")
#: What Sphinx's search page loads to send a code to its reason (events.hand_codes_to_reasons).
SEARCH_HANDOFF_SCRIPTS = ("reason-rows.js", "reason-match.js", "reason-search-handoff.js")


def lunr_version(script: Path) -> str | None:
    """The version of the lunr.js package a script belongs to."""
    try:
        data = json.loads((script.parent / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version = data.get("version")
    return version if isinstance(version, str) else None


def api_pages(uses: dict[str, list[tuple[str, str, str]]]) -> dict[str, str]:
    """The page that documents each API: of the documents that render its tables, the one that
    renders fewest other APIs' (a changelog renders them all), then most of its, then by name."""
    candidates: dict[str, list[tuple[int, int, str]]] = {}
    for docname, doc_uses in uses.items():
        tables = [slug for kind, slug, _ in doc_uses if kind == "table"]
        for slug in set(tables):
            others = len(set(tables) - {slug})
            candidates.setdefault(slug, []).append((others, -tables.count(slug), docname))
    return {slug: min(found)[2] for slug, found in candidates.items()}


def search_documents(
    store: CatalogueStore,
    builder: StandaloneHTMLBuilder,
    *,
    prose: bool,
    pages: dict[str, str] | None = None,
) -> Iterator[SearchDocument]:
    """Every reason, endpoint and operation, and each API with a page (``pages``: slug to
    document), as the browser searches them."""
    number = 0
    for catalogue in store.catalogues:
        loaded = store.by_slug[catalogue.slug]
        page = (pages or {}).get(catalogue.slug)
        if page is not None:
            # An API by its name ("Tratill Issuing"), its slug and their words, and the words
            # of its name side by side, as a phrase is looked up: its page.
            yield SearchDocument(
                ref=short_ref(number),
                kind="api",
                api=catalogue.slug,
                title=catalogue.api.name,
                status=None,
                group="",
                summary="",
                reasons=len(catalogue.reasons),
                url=builder.get_target_uri(page),
                tokens={
                    "scope": [
                        *plain_words(catalogue.slug, catalogue.api.name),
                        *word_pairs(catalogue.api.name),
                    ],
                    "code": [name_token(catalogue.api.name)],
                },
            )
            number += 1
        # A scope's (a service's) id and title, searchable on each of its reasons.
        scopes = {s: scope_tokens(s, catalogue.group(s).title) for s in catalogue.scope_ids}
        for reason in catalogue.reasons:
            endpoints = loaded.endpoints_by_reason.get(reason.key, [])
            group_path = " › ".join(g.title for g in catalogue.lineage(reason.group))
            scope = reason.scope or ""
            yield SearchDocument(
                ref=short_ref(number),
                kind="reason",
                api=catalogue.slug,
                title=reason.code,
                status=reason.status,
                statuses=",".join(map(str, reason.statuses)) if len(reason.statuses) > 1 else "",
                group=group_path,
                summary=reason.summary,
                url=builder.get_target_uri(store.page_of(catalogue.slug, reason)),
                deprecated=reason.deprecated is not None,
                scope=catalogue.group(scope).title if scope else "",
                tokens={
                    "code": code_tokens(reason.code),
                    # What a reader of the API's reference knows (``PutItem``, ``DynamoDB``),
                    # weighed below the code (index.FIELDS).
                    "operation": operation_tokens(reason.operations),
                    "scope": scopes.get(scope, []),
                    # The endpoints' whole paths (their words and methods are on the endpoints'
                    # own documents): what "POST /calls" needs, at a fraction of the size. A
                    # pattern covering hundreds of reasons tells them apart from nothing: its
                    # own document (and page) stands for them.
                    "path": sorted(
                        {
                            path_tokens(None, e.endpoint.path, prefix=e.endpoint.prefix)[0]
                            for e in endpoints
                            if e.endpoint.is_operation or len(e.reasons) <= BROAD_PATTERN
                        }
                    ),
                    "text": (
                        prose_terms(
                            reason.title,
                            reason.cause,
                            reason.fix,
                            *reason.notes,
                            phrases=(reason.title, reason.cause),
                        )
                        if prose
                        else []
                    ),
                },
            )
            number += 1
        # The browser searches what the catalogue says: an operation only the spec has is in
        # the index of endpoints, not among the results (where it would outrank listed ones).
        unlisted = loaded.spec.unlisted if loaded.spec else frozenset()
        for entry in loaded.endpoints:
            if entry.label in unlisted:
                continue
            count = len(entry.reasons)
            yield SearchDocument(
                ref=short_ref(number),
                kind="endpoint",
                api=catalogue.slug,
                title=entry.label,
                group="",
                summary="",  # the page writes "N reasons specific to this endpoint"
                status=None,
                reasons=count,
                url=builder.get_target_uri(store.endpoint_page(catalogue.slug, entry)),
                tokens={
                    "path": path_tokens(
                        entry.endpoint.method, entry.endpoint.path, prefix=entry.endpoint.prefix
                    ),
                    "segment": segment_tokens(entry.endpoint.path),
                },
            )
            number += 1
        for operation in catalogue.operations:
            count = len(loaded.operation_reasons.get(operation.key, ()))
            yield SearchDocument(
                ref=short_ref(number),
                kind="endpoint",
                api=catalogue.slug,
                title=operation.name,
                group=catalogue.group(operation.scope).title if operation.scope else "",
                scope=catalogue.group(operation.scope).title if operation.scope else "",
                summary="",
                status=None,
                reasons=count,
                url=builder.get_target_uri(store.operation_page(catalogue.slug, operation)),
                # Its name is its code: its own page comes first for it. A name with a "/"
                # (gRPC's ``pkg.Service/Method``) is read from a query as a path: it is one.
                tokens={
                    "code": code_tokens(operation.name),
                    "scope": scopes.get(operation.scope or "", []),
                    "path": [normalise_path(operation.name)] if "/" in operation.name else [],
                },
            )
            number += 1


def _previous_index(path: Path, key: str) -> dict[str, object] | None:
    """The lunr index of the last build's file ``path``, if built from the same tokens."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    except (OSError, ValueError):
        return None
    return data.get("index") if data.get("tokens") == key else None


def _tokens_key(fields: dict[str, int], documents: list[SearchDocument]) -> str:
    """What an index of ``fields`` is built from: the documents' tokens of those fields."""
    tokens = [(d.ref, [d.tokens.get(name) for name in fields]) for d in documents]
    return hashlib.sha1(repr([fields, tokens]).encode()).hexdigest()


def json_in_html(data: Any) -> str:
    """``data`` as JSON text that is safe inside a ``<script>`` element, inline or not."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</script" cannot appear inside JSON text that a page might inline; escaping "<" keeps
    # the element whole and changes nothing for JSON.parse.
    return text.replace("<", "\\u003c")


def data_script(callback: str, data: dict[str, Any]) -> str:
    """A data file the pages load as a script (so that ``file://`` works): ``callback(data)``."""
    return f"window.{callback}({json_in_html(data)});\n"


def prose_shards(documents: list[SearchDocument]) -> list[list[SearchDocument]]:
    """The reasons with prose, in shards of :data:`PROSE_SHARD`, in document order."""
    with_prose = [d for d in documents if d.tokens.get("text")]
    return [with_prose[i : i + PROSE_SHARD] for i in range(0, len(with_prose), PROSE_SHARD)]


def prose_script(shard: list[SearchDocument], previous: Path) -> tuple[str, str]:
    """A shard of the prose index, and its key (the last build's index is reused when its
    reasons' prose is unchanged)."""
    key = _tokens_key(PROSE_FIELDS, shard)
    index = _previous_index(previous, key) or build_index(shard, PROSE_FIELDS)
    return data_script("reasonCatalogProseLoaded", {"tokens": key, "index": index}), key


def index_script(
    store: CatalogueStore,
    documents: list[SearchDocument],
    builder: StandaloneHTMLBuilder,
    *,
    previous: Path,
    prose: list[str],
) -> str:
    """``reason-index.js``: hands the code index and the result table to the browser page,
    and names the prose index's files (``prose``), which it loads next.

    Building a lunr index of thousands of documents takes seconds; when no document's
    tokens changed (an edited cause), the last build's index is reused.
    """
    key = _tokens_key(CODE_FIELDS, documents)
    index = _previous_index(previous, key) or build_index(documents, CODE_FIELDS)
    # Rows are most of the file at scale: a reason's URL is left out where the API's template
    # gives it, and its group is a number into a table.
    templates = {
        c.slug: builder.get_target_uri(store.reason_page(c.slug, "CODEPLACEHOLDER")).replace(
            "CODEPLACEHOLDER", "{code}"
        )
        for c in store.catalogues
    }
    groups: dict[str, int] = {}
    rows = []
    for document in documents:
        compact: dict[str, Any] = {}
        if document.kind == "reason":
            if document.url == templates[document.api].replace("{code}", document.title):
                compact["url"] = ""
            compact["group"] = groups.setdefault(document.group, len(groups))
        if document.scope:  # a number into the same table
            compact["scope"] = groups.setdefault(document.scope, len(groups))
        rows.append(document.row(**compact))
    data = {
        "version": INDEX_FORMAT,
        "tokens": key,
        "query": query_settings(),
        "columns": {"docs": DOCUMENTS.schema()},
        "apis": [[c.slug, c.api.name] for c in store.catalogues],
        "templates": templates,
        # Each badge, as the pages draw it (text.status_badge): one implementation. A row's
        # is its statuses' ("400,422": "varies"), or its status's.
        "badges": {
            key: asdict(badge)
            for key in sorted(
                {d.statuses or str(d.status) for d in documents if d.status or d.statuses}
            )
            if (badge := status_badge(tuple(map(int, key.split(","))))) is not None
        },
        "groups": list(groups),
        "docs": rows,
        "index": index,
        "prose": prose,
    }
    return data_script("reasonCatalogIndexLoaded", data)


def _scripts(names: tuple[str, ...]) -> str:
    return "\n".join(f'<script defer src="_static/{escape(name)}"></script>' for name in names)


#: What a page that needs JavaScript says without it: the indices need none.
NO_SCRIPT = """<noscript><p class="rc-noscript">The {page} needs JavaScript, which is off. Every
reason is in the <a href="reason-reasonindex.html">index of reasons</a>, and every endpoint in
the <a href="reason-endpointindex.html">index of endpoints</a>.</p></noscript>"""


def page_body(builder: StandaloneHTMLBuilder) -> str:
    """The browser page's markup; the scripts fill it in."""
    decoder = " ".join(f"_static/{name}" for name in DECODER_SCRIPTS)
    return f"""<section id="reason-browser" class="rc-browser" data-index="{escape(INDEX_FILE)}"
 data-codes="{escape(CODES_FILE)}" data-decoder="{escape(decoder)}">
<h1>Reason browser<a class="headerlink" href="#reason-browser" title="Link to this heading">¶</a>
</h1>
{NO_SCRIPT.format(page="reason browser")}
<form class="rc-search" role="search" aria-label="Reasons" action="" onsubmit="return false">
<label for="rc-query" class="rc-label">Search reasons and endpoints</label>
<input id="rc-query" name="q" type="search" autocomplete="off" spellcheck="false"
 placeholder="CALL_NOT_FOUND, POST /calls, balance…" aria-controls="rc-results"
 aria-describedby="rc-hint">
<p id="rc-hint" class="rc-hint">Press <kbd>/</kbd> to search, <kbd>↑</kbd> <kbd>↓</kbd> to
move, <kbd>Enter</kbd> to open.</p>
</form>
<div class="rc-layout">
<button type="button" id="rc-filters-toggle" class="rc-filters-toggle" aria-controls="rc-facets"
 aria-expanded="true" hidden>Filters <span id="rc-filters-count" class="rc-filters-count"
 hidden></span></button>
<nav class="rc-facets" aria-label="Filters" id="rc-facets"></nav>
<div class="rc-main">
<p class="rc-status-line" id="rc-summary" role="status" aria-live="polite"></p>
<ol class="rc-results" id="rc-results" role="listbox" aria-label="Results"></ol>
<p class="rc-more"><button type="button" id="rc-more" hidden>Show more</button></p>
<p class="rc-fulltext">Not what you are looking for? <a id="rc-fulltext" href="search.html">Search
every page of the documentation</a>.</p>
</div>
</div>
<details class="rc-decoder" id="rc-decoder">
<summary>Decode an error body</summary>
<label for="rc-body" class="rc-label">Paste the body of an error response</label>
<textarea id="rc-body" rows="6" spellcheck="false"
 placeholder='{{"error": {{"status": "NOT_FOUND", "reason": "CALL_NOT_FOUND", …}}}}'></textarea>
<p><button type="button" id="rc-decode">Decode</button></p>
<div id="rc-decoded" role="status" aria-live="polite"></div>
</details>
</section>
{_scripts(BROWSE_SCRIPTS)}"""


#: What the decoder reads at most, as dialect.py does.
BODY_LIMITS = {"depth": MAX_BODY_DEPTH, "digits": MAX_DIGITS}


def dialect_payload(dialect: Dialect) -> dict[str, Any]:
    """How the browser's decoder reads an API's bodies: its schema, whether they are JSON or
    XML, and its locations (paths or headers, scopes, sub-codes), as dialect.py reads them."""
    return {
        "schema": dialect.schema,
        "media_type": dialect.media_type,
        "language": dialect.language,
        "fields": dialect.spec.fields.model_dump(exclude_none=True),
        "limits": {**BODY_LIMITS, "elements": MAX_XML_DEPTH},
    }


def codes_script(store: CatalogueStore, builder: StandaloneHTMLBuilder) -> str:
    """``reason-codes.js``: every code, retired ones included, with its URL, for the lookup."""
    rows: list[list[str]] = []
    for catalogue in store.catalogues:
        slug = catalogue.slug
        for reason in catalogue.reasons:
            url = builder.get_target_uri(store.page_of(slug, reason))
            scope = reason.scope or ""
            rows.append(CODES.row(api=slug, code=reason.code, url=url, kind="reason", scope=scope))
        for retired in catalogue.retired:
            url = builder.get_target_uri(store.page_of(slug, retired))
            kind = "renamed" if retired.renamed_to else "removed"
            scope = retired.scope or ""
            rows.append(CODES.row(api=slug, code=retired.code, url=url, kind=kind, scope=scope))
    data = {
        **codes_payload(store, rows),
        # How each API's bodies are read, for the decoder on browse.html.
        "dialects": {c.slug: dialect_payload(c.dialect) for c in store.catalogues},
        "limits": BODY_LIMITS,
    }
    return data_script("reasonCatalogCodesLoaded", data)


def codes_payload(store: CatalogueStore, rows: list[list[str]]) -> dict[str, Any]:
    """What a file of codes (rows of :data:`CODES`) tells the lookup besides its rows: the
    columns, the APIs' names and the scopes of scoped catalogues."""
    return {
        "columns": {"codes": CODES.schema()},
        "apis": [[c.slug, c.api.name] for c in store.catalogues],
        # The scopes of scoped catalogues, by API: [id, title] in document order.
        "scopes": {
            c.slug: [[s, c.group(s).title] for s in c.scope_ids]
            for c in store.catalogues
            if c.scoped
        },
        "codes": rows,
    }


LOOKUP_BODY = f"""<section id="reason-lookup" class="rc-lookup" data-codes="{CODES_FILE}">
<h1>Reason lookup<a class="headerlink" href="#reason-lookup" title="Link to this heading">¶</a>
</h1>
{NO_SCRIPT.format(page="reason lookup")}
<p id="rc-lookup-status" role="status" aria-live="polite"></p>
<ul id="rc-lookup-list" class="rc-lookup-list"></ul>
</section>
{_scripts(LOOKUP_SCRIPTS)}"""


def write_browser(
    builder: StandaloneHTMLBuilder, store: CatalogueStore, lunr_js: Path, *, prose: bool
) -> int:
    """Write the browser and lookup pages, their data and lunr.js; return how many documents."""
    outdir = Path(builder.outdir)
    static = outdir / "_static"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(lunr_js, static / "lunr.min.js")
    for package, file, name in DECODER_LIBRARIES:
        script = find_library(lunr_js.parent.parent.parent, package, file)
        if script is not None:
            shutil.copyfile(script, static / name)
        else:
            logger.warning(
                "the error-body decoder needs %s (npm package %s): run `npm ci`",
                name,
                package,
                type=WARNING_TYPE,
                subtype=WarningKind.JMESPATH,
            )
    pages = api_pages(reason_domain(builder.env).data["uses"])
    documents = list(search_documents(store, builder, prose=prose, pages=pages))
    files = []
    for number, shard in enumerate(prose_shards(documents)):
        name = PROSE_FILE.format(number)
        text, key = prose_script(shard, outdir / name)
        write_atomically(outdir / name, text)
        # The key in the URL: a browser never pairs a cached shard with a newer code index.
        files.append(f"{name}?v={key[:12]}")
    written = {f.partition("?")[0] for f in files}
    for stale in outdir.glob(PROSE_FILE.format("*")):
        if stale.name not in written:
            stale.unlink()
    target = outdir / INDEX_FILE
    write_atomically(target, index_script(store, documents, builder, previous=target, prose=files))
    builder.handle_page(PAGE, page_context("Reason browser", page_body(builder)), "page.html")
    write_atomically(outdir / CODES_FILE, codes_script(store, builder))
    builder.handle_page(LOOKUP_PAGE, page_context("Reason lookup", LOOKUP_BODY), "page.html")
    return len(documents)
