"""``404.html``: what a reader sees who followed an old or mistyped link to a reason.

Hosts (GitHub Pages, Netlify, Read the Docs, nginx's ``error_page``) answer a missing URL
with the site's ``404.html``, at that URL, at any depth. So the page is rendered as a page
of the site root, and the first element of its head is a ``<base>``: every relative URL of
the page (the theme's styles and navigation, the lookup's scripts and data) resolves from
the site's root. The root is the configured path (``site_path``, or the path of
``html_baseurl``); without one, an inline script that runs before anything loads works it
out from the missing URL when that has the form of a reason's, operation's or endpoint's
page, the addresses error messages carry, and otherwise takes the host's root.

The page reads the code from the URL and hands it to the lookup (``reason-lookup.js``,
``reason-match.js`` and ``reason-codes.js``, as ``lookup.html`` uses them): a code in the
wrong letter case goes to its page, a typo gets the nearest codes, anything else the search.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..search.rows import CODES
from .access import reason_domain
from .browser import CODES_FILE, codes_payload, data_script, json_in_html
from .config import ReasonCatalogConfig
from .discovery import site_builder, write_if_changed
from .shell import page_context
from .store import CatalogueStore

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder

STATIC = Path(__file__).resolve().parent.parent / "static"
#: The operations, for the lookup of a missing operation's page (read like reason-codes.js).
OPERATIONS_FILE = "reason-operations.js"
#: Run inline, in this order, in the page's head: pure functions, then the base.
HEAD_SCRIPTS = ("reason-not-found-url.js", "reason-not-found-base.js")
#: Loaded by the page's body, in this order: the lookup's, with the page's own before it.
BODY_SCRIPTS = ("reason-rows.js", "reason-match.js", "reason-not-found.js", "reason-lookup.js")
#: The domain's index of reasons, when the build writes it (html_domain_indices).
REASON_INDEX = "reason-reasonindex"
_API = "rcapisentinel"
_NAME = "rcnamesentinel"


def site_path(options: ReasonCatalogConfig, base_url: str) -> str:
    """The path the site is served from (``/docs/``): configured, or ``html_baseurl``'s;
    ``""`` when neither says."""
    if options.site_path:
        return options.site_path
    if not base_url:
        return ""
    return urlsplit(base_url).path.rstrip("/") + "/"


def _js_literal(text: str) -> str:
    """``text`` matched literally by a JavaScript regular expression."""
    return re.sub(r"[\\^$.*+?()[\]{}|/-]", lambda m: "\\" + m.group(), text)


def url_form(template: str, key: str, apis: list[str] | None, suffix: str) -> str:
    """A regular expression (JavaScript's) matching a URL path of the page ``template`` names,
    with the groups ``root`` (up to the site's root), ``api`` and ``name`` (the code,
    operation or endpoint, as the URL writes it). ``apis`` are the folders ``{api}`` may be
    (``aws/DynamoDB`` in a scoped catalogue); ``None``: any one folder."""
    api = "[^/]+" if apis is None else "|".join(map(_js_literal, sorted(apis, key=len)[::-1]))
    groups = {_API: f"(?<api>{api})", _NAME: "(?<name>[^/]+?)"}
    backrefs = {_API: r"\k<api>", _NAME: r"\k<name>"}
    pattern, seen = "", set()
    for part in re.split(f"({_API}|{_NAME})", template.format(**{"api": _API, key: _NAME})):
        if part in groups:
            # A template may name a placeholder twice: the first is the group, the rest must
            # equal it (JavaScript refuses two groups of one name).
            pattern += backrefs[part] if part in seen else groups[part]
            seen.add(part)
        else:
            pattern += _js_literal(part)
    return f"^(?<root>/(?:.*/)?){pattern}(?:{_js_literal(suffix)})?/?$"


def site_data(
    store: CatalogueStore, options: ReasonCatalogConfig, builder: StandaloneHTMLBuilder
) -> dict[str, Any]:
    """What the page's scripts know of the site: its root, if known, and its URL forms."""
    folders: dict[str, list[str]] = {}
    for catalogue in store.catalogues:
        name = catalogue.api.name
        folders[catalogue.slug] = [catalogue.slug, "", name]
        for scope in catalogue.scope_ids:
            folders[f"{catalogue.slug}/{scope}".lower()] = [catalogue.slug, scope, name]
    slugs = [c.slug for c in store.catalogues]
    kinds = [("reason", options.reason_page, "code", list(folders))]
    if _has_operations(store):
        kinds.append(("operation", options.operation_page, "operation", list(folders)))
    if any(store.by_slug[slug].endpoints for slug in slugs):
        kinds.append(("endpoint", options.endpoint_page, "endpoint", slugs))
    suffix = builder.link_suffix
    forms = [
        {"kind": kind, "known": True, "pattern": url_form(template, key, apis, suffix)}
        for kind, template, key, apis in kinds
    ]
    # A link whose API is mistyped, or renamed: the code is still worth looking up.
    forms += [
        {"kind": kind, "known": False, "pattern": url_form(template, key, None, suffix)}
        for kind, template, key, _ in kinds
    ]
    return {
        "root": site_path(options, str(builder.config.html_baseurl or "")),
        "page": builder.get_target_uri(options.not_found_page),
        "folders": folders,
        "forms": forms,
    }


def head_html(site: dict[str, Any]) -> str:
    """The page's tags for the theme's ``metatags`` slot, which themes put first in the head
    (after the character set), before any stylesheet or script."""
    scripts = "\n".join((STATIC / name).read_text(encoding="utf-8") for name in HEAD_SCRIPTS)
    if "</" in scripts:  # our own files; an inline script must not hold an end tag
        raise ValueError(f"{', '.join(HEAD_SCRIPTS)} must not contain '</'")
    # The page's base, first in its head: browsers read it before they fetch anything. A root
    # not known when building is the host's until the script that follows works it out (and
    # changes it): a site served from the host's root then fetches nothing twice.
    base = f'<base id="rc-not-found-base" href="{escape(site["root"] or "/")}">\n'
    return (
        f'{base}<meta name="robots" content="noindex">\n'
        f'<script type="application/json" id="rc-not-found-site">{json_in_html(site)}</script>\n'
        f"<script>\n{scripts}</script>"
    )


def body_html(store: CatalogueStore, builder: StandaloneHTMLBuilder) -> str:
    """The page's body: what the scripts fill in, and the ways on without them."""
    home = builder.get_target_uri(builder.config.root_doc)
    ways = f'<a href="{escape(home)}">the home page</a>'
    if any(name == REASON_INDEX for name, *_ in builder.domain_indices):
        index = escape(builder.get_target_uri(REASON_INDEX))
        ways += f' or the <a href="{index}">index of reasons</a>'
    operations = f' data-operations="{OPERATIONS_FILE}"' if _has_operations(store) else ""
    scripts = "\n".join(f'<script defer src="_static/{name}"></script>' for name in BODY_SCRIPTS)
    return f"""<section id="reason-lookup" class="rc-lookup rc-not-found" data-from="address"
 data-codes="{CODES_FILE}"{operations}>
<h1>Page not found</h1>
<p id="rc-not-found-address">There is no page at this address.</p>
<noscript><p>This page looks a reason's code up when JavaScript is on.</p></noscript>
<p id="rc-lookup-status" role="status" aria-live="polite"></p>
<ul id="rc-lookup-list" class="rc-lookup-list"></ul>
<p class="rc-not-found-ways">You can also start from {ways}.</p>
</section>
{scripts}"""


def _has_operations(store: CatalogueStore) -> bool:
    return any(c.operations for c in store.catalogues)


def operations_script(store: CatalogueStore, builder: StandaloneHTMLBuilder) -> str:
    """``reason-operations.js``: every operation with its URL, in the form of the codes'
    file (``browser.codes_script``), for the lookup of an operation's missing page."""
    rows = [
        CODES.row(
            api=catalogue.slug,
            code=operation.name,
            url=builder.get_target_uri(store.operation_page(catalogue.slug, operation)),
            kind="operation",
            scope=operation.scope or "",
        )
        for catalogue in store.catalogues
        for operation in catalogue.operations
    ]
    return data_script("reasonCatalogCodesLoaded", codes_payload(store, rows))


def not_found_pages(
    builder: StandaloneHTMLBuilder, store: CatalogueStore, options: ReasonCatalogConfig
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The 404 page, for Sphinx to render with the theme (at ``html-collect-pages``), and the
    operations' file it reads."""
    if not options.not_found_page or builder.name != "html" or not store.catalogues:
        # Other builders name pages as folders (dirhtml) or have none (singlehtml); hosts
        # look for 404.html.
        return
    if _has_operations(store):
        write_if_changed(Path(builder.outdir, OPERATIONS_FILE), operations_script(store, builder))
    context = page_context(
        "Page not found", body_html(store, builder), head_html(site_data(store, options, builder))
    )
    # Its address is any address: no canonical URL.
    yield options.not_found_page, {**context, "pageurl": None}, "page.html"


def collect_not_found_page(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """The 404 page for Sphinx to write (at ``html-collect-pages``)."""
    builder = site_builder(app)
    if builder is None:
        return []
    options = ReasonCatalogConfig.from_sphinx(app.config)
    return list(not_found_pages(builder, reason_domain(app.env).store, options))
