"""The Sphinx extension: a ``reason`` domain, catalogue tables, generated pages, doctests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import __version__
from . import config, discovery, events, navigation, notfound
from .domain import ReasonDomain
from .render import visit_wrapped_code, wrapped_code

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension's options, domain, directives and build steps."""
    app.setup_extension("sphinx.ext.doctest")  # example bodies are doctests
    config.register(app)
    app.add_domain(ReasonDomain)
    # Long codes wrap at their words in HTML; other builders draw the node as a literal.
    app.add_node(wrapped_code, html=(visit_wrapped_code, None))
    app.connect("config-inited", config.check)
    app.connect("config-inited", events.add_static_path)
    app.connect("builder-inited", events.on_builder_inited)
    app.connect("doctree-read", events.note_citations)
    app.connect("env-get-outdated", events.on_env_get_outdated)
    app.connect("html-collect-pages", events.on_html_collect_pages)
    # After the pages (the same event, connected later): the 404 page, the sitemap, llms.txt.
    app.connect("html-collect-pages", notfound.collect_not_found_page)
    app.connect("html-collect-pages", discovery.write_discovery_files)
    # Before the theme's handler (at 500), which reads the navigation.
    app.connect("html-page-context", navigation.trim_navigation, priority=400)
    app.connect("html-page-context", events.escape_index_headings)
    app.connect("html-page-context", events.hand_codes_to_reasons)
    return {
        "version": __version__,
        "env_version": ReasonDomain.data_version,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
