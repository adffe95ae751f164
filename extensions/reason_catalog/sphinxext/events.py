"""What the extension does at each step of a build (connected in :func:`.setup`)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from ..export import write_atomically
from .access import reason_domain
from .assets import find_lunr
from .browser import (
    LUNR_VERSION,
    SEARCH_HANDOFF_SCRIPTS,
    lunr_version,
    write_browser,
)
from .config import ReasonCatalogConfig
from .jsonmap import reasons_json
from .pages import PageWriter
from .render import COVERED
from .specs import COVERAGE_LABEL
from .store import CatalogueStore, load_store, outdated_documents
from .warnings import WARNING_TYPE, WarningKind

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.config import Config
    from sphinx.domains.std import StandardDomain
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent.parent / "static"


def _is_site_builder(app: Sphinx) -> bool:
    """HTML builders that write one file per page (not ``singlehtml``)."""
    return app.builder.format == "html" and app.builder.name != "singlehtml"


def add_static_path(app: Sphinx, config: Config) -> None:
    """Serve the extension's CSS and JavaScript (at ``config-inited``).

    Added before Sphinx compares the configuration with the last build's, so that it never
    looks changed; added any later, every incremental build would report a new option.
    """
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def on_builder_inited(app: Sphinx) -> None:
    """Load the catalogues for this build, and add the stylesheet to HTML output."""
    reason_domain(app.env).store = load_store(app)
    # ``{ref}`reason-browser``` links the browser page, as ``{ref}`search``` links Sphinx's.
    std = cast("StandardDomain", app.env.get_domain("std"))
    _label(std, "reason-browser", "browse", "Reason browser")
    _label(std, "reason-lookup", "lookup", "Reason lookup")
    _label_coverage_pages(app, std)
    if app.builder.format == "html":
        app.add_css_file("reason-catalog.css")
        app.add_js_file("reason-catalog.js", loading_method="defer")
        app.add_js_file("reason-scroll-focus.js", loading_method="defer")


def hand_codes_to_reasons(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On Sphinx's search page, send a query that is a reason code to its page (at
    ``html-page-context``): its index holds no generated page, and links that error messages
    carry (``search.html?q=CALL_NOT_FOUND``) must still land on the reason."""
    if pagename == "search" and reason_domain(app.env).store.catalogues:
        for script in SEARCH_HANDOFF_SCRIPTS:
            app.add_js_file(script, loading_method="defer")


def _label(std: StandardDomain, label: str, page: str, title: str) -> None:
    """Make ``{ref}`label``` link a page that has no source document."""
    std.labels[label] = (page, "", title)
    std.anonlabels[label] = (page, "")


def _label_coverage_pages(app: Sphinx, std: StandardDomain) -> None:
    """``{ref}`reason-coverage-<api>``` links an API's coverage page (the table links it so)."""
    store = reason_domain(app.env).store
    stale = COVERAGE_LABEL.format(api="")
    for label in [label for label in std.labels if label.startswith(stale)]:
        # The environment keeps the last build's labels, whose spec may be gone.
        del std.labels[label]
        std.anonlabels.pop(label, None)
    for catalogue in store.catalogues:
        if store.by_slug[catalogue.slug].spec is not None:
            label = COVERAGE_LABEL.format(api=catalogue.slug)
            title = f"Coverage and drift ({catalogue.api.name})"
            _label(std, label, store.coverage_page(catalogue.slug), title)


def note_citations(app: Sphinx, doctree: nodes.document) -> None:
    """Record the reasons and endpoints a document cites with roles (at ``doctree-read``).

    A cited reason's title is the link's tooltip, and a target that is gone is a warning: the
    document depends on them as it depends on a table it renders, so that an edit to the
    catalogue re-reads it and the incremental build equals a clean one.
    """
    cited = {
        ("xref", node["reftype"], node["reftarget"])
        for node in doctree.findall(addnodes.pending_xref)
        if node.get("refdomain") == "reason" and not node.get(COVERED)
    }
    if cited:
        reason_domain(app.env).note_uses(app.env.docname, sorted(cited))


def on_env_get_outdated(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """Documents that render catalogue parts which changed since they were read."""
    store = reason_domain(env).store
    return sorted(outdated_documents(env, store) - added - changed - removed)


def on_html_collect_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """Write every reason and endpoint page, and ``reasons.json``."""
    if not _is_site_builder(app):
        return []
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    _prune_search_terms(builder)
    store = reason_domain(app.env).store
    if not store.complete:
        logger.warning(
            "reason pages and %s were not written: a catalogue has errors (see above)",
            ReasonCatalogConfig.from_sphinx(app.config).json_file or "the JSON map",
            type=WARNING_TYPE,
            subtype=WarningKind.CATALOGUE,
        )
        return []
    PageWriter(builder, store).write_all()
    options = ReasonCatalogConfig.from_sphinx(app.config)
    if options.json_file:
        text = reasons_json(store, builder.get_target_uri)
        write_atomically(Path(builder.outdir, options.json_file), text)
    _write_browser(app, builder, store, options)
    return []


def escape_index_headings(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Escape the headings of the domain's indices in HTML (at ``html-page-context``).

    Sphinx's ``domainindex.html`` (the basic theme's, and so furo's) prints an index's
    headings unescaped, in text and in ``id``/``href`` attributes, while it escapes the
    entries; other builders escape headings themselves. Ours are catalogue text (API names,
    group titles), so they are escaped here, once, for HTML only.
    """
    if templatename == "domainindex.html" and pagename.startswith("reason-"):
        context["content"] = [(escape(heading), entries) for heading, entries in context["content"]]


def _prune_search_terms(builder: StandaloneHTMLBuilder) -> None:
    """Drop words no document holds any more from Sphinx's search index before it is written.

    Sphinx forgets a re-read document's words but keeps each word, with no document, in
    ``searchindex.js``: an edited cause re-reads the pages citing it, and the incremental
    index would differ from a clean build's. Runs before Sphinx writes the index (this event
    comes first among the HTML builder's finishing steps).
    """
    indexer = getattr(builder, "indexer", None)
    for mapping in (getattr(indexer, "_mapping", {}), getattr(indexer, "_title_mapping", {})):
        for word in [word for word, docnames in mapping.items() if not docnames]:
            del mapping[word]


def _write_browser(
    app: Sphinx, builder: StandaloneHTMLBuilder, store: CatalogueStore, options: ReasonCatalogConfig
) -> None:
    if not store.catalogues:  # nothing to browse: a project that only links to reasons
        return
    lunr_js = find_lunr(options.lunr_js, Path(app.confdir))
    if lunr_js is None:
        logger.warning(
            "the reason browser needs lunr.js %s: run `npm ci` next to package.json, or set "
            "reason_catalog_lunr_js; browse.html was not written",
            LUNR_VERSION,
            type=WARNING_TYPE,
            subtype=WarningKind.LUNR,
        )
        return
    version = lunr_version(lunr_js)
    if version != LUNR_VERSION:
        logger.warning(
            "%s is lunr.js %s, but the index is built for %s; run `npm ci`",
            lunr_js,
            version,
            LUNR_VERSION,
            type=WARNING_TYPE,
            subtype=WarningKind.LUNR,
        )
        return
    write_browser(builder, store, lunr_js, prose=options.search_prose != "no")
