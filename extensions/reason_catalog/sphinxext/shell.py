"""The theme's page around generated pages: rendered once per folder depth, filled in per page.

Thousands of generated pages share one layout, so the theme's page is rendered once per depth
of folder with placeholders (a "shell") for the folder, the page's name, its title and its
body, and every page is the shell with those filled in. Generated pages are in no table of
contents, so the theme's navigation differs between two folders only by the relative URLs in
it, which depend on the depth alone: a site of hundreds of APIs (hundreds of folders) computes
it a handful of times, not once per folder. A test proves the result equals the theme's own
rendering of each page.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import tempfile
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .config import ReasonCatalogConfig
from .navigation import navigation as sidebar_navigation

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder

_PAGE = "rcpagesentinel0"
_FOLDER = "rcfoldersentinel{}x"  # one per path segment: rcfoldersentinel0x/rcfoldersentinel1x
_TITLE = "rctitlesentinel0"
_BODY = "rcbodysentinel0"
_META = "rcmetasentinel0"
_SENTINELS = re.compile("|".join(map(re.escape, (_PAGE, _TITLE, _BODY, _META))))


def page_context(title: str, body: str, metatags: str = "") -> dict[str, Any]:
    """What the theme's ``page.html`` needs for a page that has no source document;
    ``metatags`` is markup for the theme's slot of ``<meta>`` tags in the page's head."""
    return {
        "title": title,
        "body": body,
        "toc": "",
        "display_toc": False,
        "meta": {},
        "metatags": metatags,
        "rellinks": [],
        "sourcename": "",
        "parents": [],
        "prev": None,
        "next": None,
    }


def _sentinel_folder(depth: int) -> str:
    return "/".join(_FOLDER.format(i) for i in range(depth))


class Shells:
    """The theme's page for generated pages, rendered once per folder depth in a build."""

    def __init__(self, builder: StandaloneHTMLBuilder) -> None:
        self.builder = builder
        self._shells: dict[int, str] = {}
        self._folders: dict[str, str] = {}
        self._digests: dict[str, str] = {}

    def shell(self, pagename: str) -> str:
        """The theme's page for the folder of ``pagename``, with placeholders for the rest."""
        folder = posixpath.dirname(pagename)
        if folder not in self._folders:
            depth = folder.count("/") + 1 if folder else 0
            shell = self._shell(depth)
            # The folder's own names where the theme wrote them (a canonical URL, a source
            # link): last segment first, so that no sentinel is a prefix of a longer one.
            segments = folder.split("/") if folder else []
            for index in reversed(range(depth)):
                shell = shell.replace(_FOLDER.format(index), quote(segments[index]))
            self._folders[folder] = shell
        return self._folders[folder]

    def _shell(self, depth: int) -> str:
        if depth not in self._shells:
            sentinel_page = posixpath.join(_sentinel_folder(depth), _PAGE)
            # The theme's navigation is the same for every page of a folder: compute it once.
            navigation: dict[str, str] = {}
            builder = self.builder
            limit = ReasonCatalogConfig.from_sphinx(builder.config).sidebar_entries

            def toctree(**kwargs: Any) -> str:
                key = json.dumps(kwargs, sort_keys=True, default=str)
                if key not in navigation:
                    navigation[key] = sidebar_navigation(builder, sentinel_page, limit, **kwargs)
                return navigation[key]

            context = {**page_context(_TITLE, _BODY, _META), "toctree": toctree}
            with tempfile.TemporaryDirectory() as scratch:
                target = Path(scratch, "shell.html")
                builder.handle_page(sentinel_page, context, "page.html", outfilename=target)
                self._shells[depth] = target.read_text(encoding="utf-8")
        return self._shells[depth]

    def digest(self, pagename: str) -> str:
        """A digest of a folder's shell: the theme, the navigation and the assets."""
        folder = posixpath.dirname(pagename)
        if folder not in self._digests:
            self._digests[folder] = hashlib.sha1(self.shell(pagename).encode()).hexdigest()
        return self._digests[folder]

    def page_html(
        self, pagename: str, title: str, body: str, redirect: str = "", metatags: str = ""
    ) -> str:
        """A whole page: the folder's shell with this page's name, title, body and tags.

        With ``redirect`` (a relative URL), browsers go there at once; the page says so too.
        """
        html = self.shell(pagename)
        if redirect:
            target = escape(redirect)
            html = html.replace(
                "</head>",
                f'<meta http-equiv="refresh" content="0; url={target}">\n'
                f'<link rel="canonical" href="{target}">\n</head>',
                1,
            )
        values = {
            _PAGE: quote(posixpath.basename(pagename)),
            _TITLE: escape(title),
            _BODY: body,
            _META: metatags,
        }
        # In one pass: the title, body and tags hold catalogue text, in which a sentinel's
        # name must stay text (a later replacement would fill it in).
        return _SENTINELS.sub(lambda match: values[match.group()], html)
