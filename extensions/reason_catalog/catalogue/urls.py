"""Page names of reasons and endpoints: where each lives in the built site."""

from __future__ import annotations

from urllib.parse import quote

#: Where a reason's page lives, under the site root, without the ``.html`` suffix.
DEFAULT_REASON_PAGE = "{api}/reasons/{code}"
#: Where an endpoint's page lives.
DEFAULT_ENDPOINT_PAGE = "{api}/endpoints/{endpoint}"


def safe_segment(text: str) -> str:
    """``text`` as one URL path segment: unreserved characters kept, the rest percent-encoded."""
    return quote(text, safe="-_.~")


def reason_page(template: str, api: str, code: str) -> str:
    """The page name of a reason: never depends on its group or position."""
    return template.format(api=api, code=safe_segment(code))


def endpoint_page(template: str, api: str, slug: str) -> str:
    """The page name of an endpoint."""
    return template.format(api=api, endpoint=safe_segment(slug))


def doc_url(api: str, code: str, base_url: str = "", template: str = DEFAULT_REASON_PAGE) -> str:
    """The documentation link of a reason, for a server to put in its error bodies.

    ``doc_url("voipbin", "CALL_NOT_FOUND", "https://docs.example.com/")`` gives
    ``https://docs.example.com/voipbin/reasons/CALL_NOT_FOUND.html``. The URL depends only on
    the API's slug and the code, never on the reason's group or page, so it stays valid.
    """
    page = reason_page(template, api, code) + ".html"
    if not base_url:
        return page
    return base_url.rstrip("/") + "/" + page
