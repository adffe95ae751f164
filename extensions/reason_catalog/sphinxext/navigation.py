"""The sidebar's navigation, kept small however many APIs a site documents.

Themes such as furo write the whole table of contents into every page's sidebar, expanded. A
site of hundreds of APIs lists all of them in every one of its tens of thousands of pages:
most of each page's bytes, and most of a build's time (the theme reworks that list for every
page). Here, a list with more entries than ``reason_catalog_sidebar_entries`` keeps only the
entry of the page being read (or the one above it) and a link to the page that lists them all.
A site of a few APIs, as most are, is untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.adapters.toctree import global_toctree_for_doc

from .config import ReasonCatalogConfig

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder


def trim(toctree: nodes.Element, limit: int, root_uri: str) -> None:
    """Shorten each list of ``toctree`` longer than ``limit`` to its current entry, if it has
    one, and a link to the page it belongs to (``root_uri`` for the root's own lists)."""
    for bullet in list(toctree.findall(nodes.bullet_list)):
        items = [child for child in bullet.children if isinstance(child, nodes.list_item)]
        if len(items) <= limit:
            continue
        kept = [item for item in items if "current" in item["classes"]]
        owner = bullet.parent
        uri = root_uri
        if isinstance(owner, nodes.list_item):
            reference = next(owner.findall(nodes.reference), None)
            if reference is not None:
                uri = reference["refuri"]
        level = [c for c in items[0]["classes"] if c.startswith("toctree-l")]
        hidden = len(items) - len(kept)
        link = nodes.reference("", f"{hidden:,} more…", internal=True, refuri=uri)
        more = nodes.list_item("", addnodes.compact_paragraph("", "", link))
        more["classes"] = [*level, "rc-nav-more"]
        bullet.children = []
        bullet.extend([*kept, more])


def navigation(builder: StandaloneHTMLBuilder, pagename: str, limit: int, **kwargs: Any) -> str:
    """The theme's ``toctree()`` for ``pagename``, its lists longer than ``limit`` trimmed
    (see :func:`trim`; 0 trims none).

    The same as Sphinx's own (``StandaloneHTMLBuilder._get_local_toctree``) otherwise.
    """
    collapse = kwargs.pop("collapse", True)
    kwargs.setdefault("includehidden", False)
    if kwargs.get("maxdepth") == "":
        kwargs.pop("maxdepth")
    toctree = global_toctree_for_doc(
        builder.env, pagename, builder, tags=builder.tags, collapse=collapse, **kwargs
    )
    if toctree is not None and limit:
        trim(toctree, limit, builder.get_relative_uri(pagename, builder.config.root_doc))
    fragment: str = builder.render_partial(toctree)["fragment"]
    return fragment


def trim_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give the page's theme the trimmed navigation (at ``html-page-context``, before the
    theme's own handler reads it)."""
    builder: Any = app.builder
    limit = ReasonCatalogConfig.from_sphinx(app.config).sidebar_entries
    if "toctree" in context and limit:
        context["toctree"] = lambda **kwargs: navigation(builder, pagename, limit, **kwargs)
