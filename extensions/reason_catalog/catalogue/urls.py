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
from collections.abc import Callable
from urllib.parse import quote

#: Where a reason's page lives, under the site root, without the ``.html`` suffix.
DEFAULT_REASON_PAGE = "{api}/reasons/{code}"
#: Where an endpoint's page lives.
DEFAULT_ENDPOINT_PAGE = "{api}/endpoints/{endpoint}"
#: Where an operation's page lives.
DEFAULT_OPERATION_PAGE = "{api}/operations/{operation}"
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


def _api_folder(api: str, scope: str | None) -> str:
    # A scope (a group id: URL-safe, never "/") is a folder of its API's: ``aws/dynamodb``.
    return api if scope is None else f"{api}/{scope}"


def reason_page(template: str, api: str, code: str, scope: str | None = None) -> str:
    """The page name of a reason: never depends on its group or position, only its scope."""
    return template.format(api=_api_folder(api, scope), code=page_stem(code))


def endpoint_page(template: str, api: str, slug: str) -> str:
    """The page name of an endpoint."""
    return template.format(api=api, endpoint=page_stem(slug))


def operation_page(template: str, api: str, name: str, scope: str | None = None) -> str:
    """The page name of an operation."""
    return template.format(api=_api_folder(api, scope), operation=page_stem(name))


def page_url(page: str) -> str:
    """A page's URL relative to the site root: its name percent-encoded once, as Sphinx does."""
    return quote(page) + PAGE_SUFFIX


def doc_url(
    api: str,
    code: str | int,
    base_url: str = "",
    template: str = DEFAULT_REASON_PAGE,
    scope: str | None = None,
) -> str:
    """The documentation link of a reason, for a server to put in its error bodies.

    ``doc_url("voipbin", "CALL_NOT_FOUND", "https://docs.example.com/")`` gives
    ``https://docs.example.com/voipbin/reasons/CALL_NOT_FOUND.html``; in a scoped catalogue
    ``doc_url("aws", "ResourceNotFoundException", scope="DynamoDB")`` gives
    ``aws/DynamoDB/reasons/ResourceNotFoundException.html``. The URL depends only on the
    API's slug, the scope and the code, never on the reason's group or page, so it stays valid.
    """
    url = page_url(reason_page(template, api, str(code), scope))
    if not base_url:
        return url
    return base_url.rstrip("/") + "/" + url


# -- the provider's own page of a reason -------------------------------------------------------


def _kebab(code: str) -> str:
    """``ResourceNotFoundException``, ``card_declined`` → ``resource-not-found-exception``."""
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+", code)
    return "-".join(word.lower() for word in words) or code.lower()


def _hyphens(code: str) -> str:
    """``card_declined`` → ``card-declined`` (Stripe's pages), letter case kept."""
    return code.replace("_", "-")


#: How ``{code:…}`` in ``api.reason_url`` changes a code, as providers' URLs need it.
TRANSFORMS: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "upper": str.upper,
    "hyphens": _hyphens,
    "kebab": _kebab,
}
_FIELD = re.compile(r"\{([a-z_]+)(?::([a-z]+))?\}")


def provider_template_problem(template: str, scoped: bool) -> str | None:
    """What is wrong with an ``api.reason_url`` template, or ``None``."""
    fields = _FIELD.findall(template)
    for name, transform in fields:
        if name not in {"code", "scope"} or (name == "scope" and not scoped):
            allowed = "{code} and {scope}" if scoped else "{code}"
            return f"unknown placeholder {{{name}}}: the template may use {allowed}"
        if transform and transform not in TRANSFORMS:
            return f"unknown transformation {transform!r}: use one of {', '.join(TRANSFORMS)}"
    if not any(name == "code" for name, _ in fields):
        return "the template has no {code}"
    if "{" in _FIELD.sub("", template) or "}" in _FIELD.sub("", template):
        return "a brace that is not part of a placeholder"
    return None


def provider_url(template: str, code: str, scope: str | None = None) -> str:
    """The provider's own page of a reason, from ``api.reason_url``: each placeholder
    transformed as it says, then percent-encoded (``/`` too: a code is one path segment)."""

    def fill(match: re.Match[str]) -> str:
        value = code if match.group(1) == "code" else scope or ""
        transform = match.group(2)
        return quote(TRANSFORMS[transform](value) if transform else value, safe="-_.~")

    return _FIELD.sub(fill, template)
