"""The theme's page around generated pages: rendered once per folder, filled in per page.

Thousands of generated pages share one layout, so each folder's theme page is rendered once
with placeholders (a "shell") and every page is the shell with its name, title and body filled
in: the theme's navigation, computed once, is the same for all of them. A test proves the
result equals the theme's own rendering of each page.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import tempfile
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder

_PAGE = "rcpagesentinel0"
_TITLE = "rctitlesentinel0"
_BODY = "rcbodysentinel0"


def page_context(title: str, body: str) -> dict[str, Any]:
    """What the theme's ``page.html`` needs for a page that has no source document."""
    return {
        "title": title,
        "body": body,
        "toc": "",
        "display_toc": False,
        "meta": {},
        "metatags": "",
        "rellinks": [],
        "sourcename": "",
        "parents": [],
        "prev": None,
        "next": None,
    }


class Shells:
    """The theme's page for each folder of generated pages, rendered once per build."""

    def __init__(self, builder: StandaloneHTMLBuilder) -> None:
        self.builder = builder
        self._shells: dict[str, str] = {}
        self._digests: dict[str, str] = {}

    def shell(self, pagename: str) -> str:
        """The theme's page for the folder of ``pagename``, with placeholders for the rest."""
        folder = posixpath.dirname(pagename)
        if folder not in self._shells:
            sentinel_page = posixpath.join(folder, _PAGE)
            # The theme's navigation is the same for every page of a folder: compute it once.
            navigation: dict[str, str] = {}
            builder = self.builder

            def toctree(**kwargs: Any) -> str:
                key = json.dumps(kwargs, sort_keys=True, default=str)
                if key not in navigation:
                    navigation[key] = builder._get_local_toctree(sentinel_page, **kwargs)
                return navigation[key]

            context = {**page_context(_TITLE, _BODY), "toctree": toctree}
            with tempfile.TemporaryDirectory() as scratch:
                target = Path(scratch, "shell.html")
                builder.handle_page(sentinel_page, context, "page.html", outfilename=target)
                self._shells[folder] = target.read_text(encoding="utf-8")
        return self._shells[folder]

    def digest(self, pagename: str) -> str:
        """A digest of a folder's shell: the theme, the navigation and the assets."""
        folder = posixpath.dirname(pagename)
        if folder not in self._digests:
            self._digests[folder] = hashlib.sha1(self.shell(pagename).encode()).hexdigest()
        return self._digests[folder]

    def page_html(self, pagename: str, title: str, body: str, redirect: str = "") -> str:
        """A whole page: the folder's shell with this page's name, title and body.

        With ``redirect`` (a relative URL), browsers go there at once; the page says so too.
        """
        html = self.shell(pagename)
        html = html.replace(_PAGE, quote(posixpath.basename(pagename)))
        html = html.replace(_TITLE, escape(title))
        if redirect:
            target = escape(redirect)
            html = html.replace(
                "</head>",
                f'<meta http-equiv="refresh" content="0; url={target}">\n'
                f'<link rel="canonical" href="{target}">\n</head>',
                1,
            )
        return html.replace(_BODY, body)
