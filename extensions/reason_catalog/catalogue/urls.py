"""Where each reason and endpoint lives in the built site: one rule for its file and its URL.

A code is whatever the provider sends (``CALL_NOT_FOUND``, ``card declined``, ``a/b``,
``Él…``), but a page is a file on some host's file system and a URL in someone's logs. So a
code's page name (its *stem*) is the code itself when that is a portable file name made of
URL-safe characters, and otherwise an escaped form that every file system can hold. The URL
is the page name percent-encoded once, exactly as Sphinx encodes every page name. The pages,
``reasons.json``, ``objects.inv``, the lookup and :func:`doc_url` all go through this module,
so they cannot disagree.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

#: Where a reason's page lives, under the site root, without the ``.html`` suffix.
DEFAULT_REASON_PAGE = "{api}/reasons/{code}"
#: Where an endpoint's page lives.
DEFAULT_ENDPOINT_PAGE = "{api}/endpoints/{endpoint}"
#: The suffix of every page's file.
PAGE_SUFFIX = ".html"

# Kept as they are: URL-unreserved characters, not starting with a dot (no ``.``, ``..``, or
# hidden files).
_PORTABLE = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*")
# Names Windows (and so some hosts and every zip of the site opened there) cannot hold.
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?")
#: A stem's length at most, in bytes: file systems hold 255 per name; this leaves room for
#: ``.html`` and for the temporary names tools add while writing.
MAX_STEM = 150
_DIGEST = 16  # hex digits of SHA-256 that keep shortened stems apart


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


#: The codes whose page is the code itself (so that a URL template with ``{code}`` holds for
#: them), as a regular expression that Python, JavaScript and most other languages read alike.
TEMPLATE_CODES = (
    r"^(?!(?:"
    + "|".join(_any_case(w) for w in ("con", "prn", "aux", "nul", "com[0-9]", "lpt[0-9]"))
    + rf")(?:\.|$))[A-Za-z0-9_~-][A-Za-z0-9._~-]{{0,{MAX_STEM - 1}}}$"
)


def page_stem(text: str) -> str:
    """The file-name stem of a code's (or an endpoint slug's) page.

    ``CALL_NOT_FOUND`` stays as it is; ``card declined`` becomes ``card%20declined``, ``..``
    ``%2E.``; a stem longer than :data:`MAX_STEM` keeps its start and ends in a digest of
    the whole text, so that it stays unique.
    """
    if _PORTABLE.fullmatch(text) and not _RESERVED.fullmatch(text) and len(text) <= MAX_STEM:
        return text
    stem = quote(text, safe="-_~")
    if stem.startswith(".") or _RESERVED.fullmatch(stem):
        stem = f"%{ord(stem[0]):02X}{stem[1:]}"
    if len(stem) > MAX_STEM:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:_DIGEST]
        head = stem[: MAX_STEM - _DIGEST - 1]
        head = head[: head.rfind("%")] if "%" in head[-2:] else head  # never cut an escape
        stem = f"{head}-{digest}"
    return stem


def reason_page(template: str, api: str, code: str) -> str:
    """The page name of a reason: never depends on its group or position."""
    return template.format(api=api, code=page_stem(code))


def endpoint_page(template: str, api: str, slug: str) -> str:
    """The page name of an endpoint."""
    return template.format(api=api, endpoint=page_stem(slug))


def page_url(page: str) -> str:
    """A page's URL relative to the site root: its name percent-encoded once, as Sphinx does."""
    return quote(page) + PAGE_SUFFIX


def doc_url(api: str, code: str, base_url: str = "", template: str = DEFAULT_REASON_PAGE) -> str:
    """The documentation link of a reason, for a server to put in its error bodies.

    ``doc_url("voipbin", "CALL_NOT_FOUND", "https://docs.example.com/")`` gives
    ``https://docs.example.com/voipbin/reasons/CALL_NOT_FOUND.html``. The URL depends only on
    the API's slug and the code, never on the reason's group or page, so it stays valid.
    """
    url = page_url(reason_page(template, api, code))
    if not base_url:
        return url
    return base_url.rstrip("/") + "/" + url
