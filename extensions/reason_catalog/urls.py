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
