"""The ``<meta>`` tags of generated pages: a description, and Open Graph for link previews.

A reason's link is pasted into chats and tickets from error messages; its preview should say
what the reason is. Every value is catalogue text from other hands, so each is one line of
plain text (:mod:`.plaintext`) escaped for a quoted attribute: nothing in it can end the
attribute or the tag.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from ..catalogue.model import Catalogue, Operation, Reason
from .pagedata import Data
from .plaintext import one_line, plain, shorten

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder

#: Longer titles and descriptions are cut: previews show less, and a page's head stays small.
TITLE_LIMIT = 200
DESCRIPTION_LIMIT = 300


def statuses_text(statuses: Sequence[int]) -> str:
    """A reason's HTTP statuses as a title says them: ``404``, ``400 or 422``, ``""`` for none.

    The badge (:func:`..catalogue.text.status_badge`) says "varies" for several statuses and
    lists them in its tooltip; a preview has no tooltip, so it lists them itself.
    """
    if not statuses:
        return ""
    *first, last = (str(status) for status in statuses)
    return f"{', '.join(first)} or {last}" if first else last


def reason_title(reason: Reason) -> str:
    """``CODE (status): summary``; without a status ``CODE: summary``."""
    status = statuses_text(reason.statuses)
    head = f"{reason.code} ({status})" if status else reason.code
    return f"{head}: {reason.summary}" if reason.summary else head


def _codes(data: Data) -> tuple[list[str], int]:
    """The codes a page of an endpoint or operation lists, in its order, and how many reasons
    any endpoint or operation may return (its generic ones)."""
    codes = {item["code"]: None for group in data["by_status"] for item in group["items"]}
    return list(codes), len(data["generic"])


class PageMeta:
    """The ``<meta>`` tags of each generated page of one HTML build."""

    def __init__(self, builder: StandaloneHTMLBuilder) -> None:
        self.builder = builder
        config = builder.config
        self.site_name = one_line(str(config.html_title or config.project))
        self.base_url = str(config.html_baseurl or "")

    def url(self, page: str) -> str:
        """A page's absolute URL, as Sphinx writes its canonical link; ``""`` without
        ``html_baseurl``."""
        if not self.base_url:
            return ""
        return posixpath.join(self.base_url, self.builder.get_target_uri(page))

    def reason(self, catalogue: Catalogue, reason: Reason, page: str, data: Data) -> str:
        """A reason page's tags: its code, status and summary; its cause and fix."""
        base = catalogue.api.docs_url
        where = catalogue.api.name
        if reason.scope is not None:
            where = f"{where} › {catalogue.group(reason.scope).title}"
        text = plain(reason.cause, base)
        if reason.fix:
            text = f"{text} Fix: {plain(reason.fix, base)}"
        return self.tags(page, reason_title(reason), f"{where}: {text}")

    def endpoint(self, title: str, page: str, data: Data) -> str:
        """An endpoint page's tags: the reasons it may return."""
        codes, generic = _codes(data)
        return self.tags(page, title, _returns(title, codes, generic, "endpoint"))

    def operation(
        self, catalogue: Catalogue, operation: Operation, title: str, page: str, data: Data
    ) -> str:
        """An operation page's tags: its summary and the reasons it may return."""
        codes, generic = _codes(data)
        returns = _returns(title, codes, generic, "operation")
        summary = plain(operation.summary, catalogue.api.docs_url) if operation.summary else ""
        return self.tags(page, title, f"{summary} {returns}" if summary else returns)

    def tags(self, page: str, title: str, description: str) -> str:
        """The tags, each value one line, cut to length and escaped for its attribute."""
        title = shorten(one_line(title), TITLE_LIMIT)
        description = shorten(one_line(description), DESCRIPTION_LIMIT)
        tags = [
            ("name", "description", description),
            ("property", "og:type", "website"),
            ("property", "og:site_name", self.site_name),
            ("property", "og:title", title),
            ("property", "og:description", description),
        ]
        if url := self.url(page):
            tags.append(("property", "og:url", url))
        return "\n".join(
            f'<meta {kind}="{name}" content="{escape(value, quote=True)}">'
            for kind, name, value in tags
        )


def _returns(title: str, codes: list[str], generic: int, noun: str) -> str:
    """What an endpoint or operation may return, in a sentence."""
    any_of = f"the {_reasons(generic)} any {noun} may return"
    if not codes:
        return f"{title} returns {any_of}." if generic else f"The error reasons of {title}."
    own = f"{_reasons(len(codes))} of its own and {any_of}" if generic else _reasons(len(codes))
    return f"{title} may return {own}: {', '.join(codes)}."


def _reasons(count: int) -> str:
    return f"{count} error reason" if count == 1 else f"{count} error reasons"
