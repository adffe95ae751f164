"""Internal link integrity of a built site: every relative link and asset must exist.

Sphinx's own ``linkcheck`` builder checks external URLs only; the site's promise is about its
own URLs (reason pages, redirects, tombstones, the lookup), so this walks the built HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK = re.compile(r"""(?:href|src)=["']([^"'#]*)(?:#[^"']*)?["']""")
_REFRESH = re.compile(r"""http-equiv="refresh" content="\d+; url=([^"]+)\"""")


def broken_links(site: Path) -> Iterator[str]:
    """``page -> target`` for every relative link or asset of the site that points nowhere."""
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8", errors="replace")
        targets = _LINK.findall(html) + _REFRESH.findall(html)
        for target in targets:
            parts = urlsplit(target)
            if not target or parts.scheme or parts.netloc or target.startswith(("mailto:", "//")):
                continue
            path = unquote(parts.path)
            if not path:
                continue
            resolved = (page.parent / path).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists():
                yield f"{page.relative_to(site)} -> {target}"
