"""Internal link integrity of a built site: every relative link and asset must exist.

Sphinx's own ``linkcheck`` builder checks external URLs only; the site's promise is about its
own URLs (reason pages, redirects, tombstones, the lookup), so this walks the built HTML. It
reads the HTML with a parser: a link written as text in a catalogue (``&lt;a href=…&gt;``)
is text, not a link, and attribute values are unescaped as a browser would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that make a browser follow or fetch a URL.
_URL_ATTRIBUTES = frozenset({"href", "src"})
_REFRESH = re.compile(r"^\s*\d+\s*;\s*url=(.+)$", re.IGNORECASE)


class _Links(HTMLParser):
    """The URLs a page links to or loads: ``href``/``src`` attributes and refresh targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "base":  # where the page's links start from (404.html's), not a link
            return
        values = dict(attrs)
        for name, value in attrs:
            if name in _URL_ATTRIBUTES and value is not None:
                self.urls.append(value)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            match = _REFRESH.match(values.get("content") or "")
            if match:
                self.urls.append(match.group(1).strip())


def page_links(html: str) -> list[str]:
    """Every URL a page links to or loads, as the browser reads it."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.urls


def broken_links(site: Path) -> Iterator[str]:
    """``page -> target`` for every relative link or asset of the site that points nowhere."""
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8", errors="replace")
        for target in page_links(html):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith("//"):
                continue
            path = unquote(parts.path)
            if not path:
                continue
            resolved = (page.parent / path).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists():
                yield f"{page.relative_to(site)} -> {target.split('#', 1)[0]}"
