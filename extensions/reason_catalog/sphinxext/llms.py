"""``llms.txt`` and ``llms-full.txt``: the reasons as Markdown for assistants (llmstxt.org).

``llms.txt`` follows the convention: the site's title as the heading, a summary in a quote,
a paragraph on how to use the site, then a section per API listing its reasons as links
(``- [`CODE`](URL): status. Summary``). ``llms-full.txt`` gives each reason in full: status,
group, page, cause, fix and notes. Catalogue text is flattened to plain text and escaped
(:mod:`.plaintext`), so that a cause can neither start a heading nor smuggle in a link or
raw HTML; codes are code spans.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..catalogue.model import Catalogue, Reason, Retired
from ..catalogue.text import status_phrase
from .opengraph import statuses_text
from .plaintext import (
    code_span,
    first_paragraph,
    markdown_line,
    markdown_text,
    markdown_url,
    paragraphs,
    plain,
    shorten,
)
from .store import CatalogueStore

#: The opening of an API's introduction in ``llms.txt`` is cut to this many characters.
DESCRIPTION_LIMIT = 600
#: How ``llms.txt`` reads, after its summary.
USAGE = (
    "Each reason is listed as its code, linking its page, then its HTTP status (when the API "
    "gives one) and a summary. An error body carries a reason's code; the reason's page is "
    "named after it."
)
#: Endpoints and operations named for a reason in ``llms-full.txt``, at most.
LISTED_ENDPOINTS = 20


@dataclass(frozen=True)
class SiteLinks:
    """Where things are: a page's URL (absolute with ``html_baseurl``, else from the site
    root, where these files are), and the site files that exist."""

    url_of: Callable[[str], str]
    base_url: str
    #: Site files worth naming (``reasons.json``, ``lookup.html``, ``llms-full.txt``):
    #: what each is, by file name.
    files: dict[str, str]

    def file_url(self, name: str) -> str:
        """A file at the site root."""
        return posixpath.join(self.base_url, name) if self.base_url else name


def _link(text: str, url: str) -> str:
    return f"[{text}]({markdown_url(url)})"


def _summary(store: CatalogueStore) -> str:
    apis = [c.api.name for c in store.catalogues]
    reasons = sum(len(c.reasons) for c in store.catalogues)
    named = ", ".join(apis[:-1]) + f" and {apis[-1]}" if len(apis) > 1 else apis[0]
    which = f"the HTTP APIs {named}" if len(apis) <= 10 else f"{len(apis)} HTTP APIs"
    return (
        f"The error reasons of {which}: {reasons} reasons, each with its code, HTTP status, "
        "summary and the URL of its page, which gives its cause, fix, endpoints and an "
        "example error body."
    )


def _where(catalogue: Catalogue, item: Reason | Retired) -> str:
    return "" if item.scope is None else catalogue.group(item.scope).title


def _retired_note(catalogue: Catalogue, retired: Retired) -> str:
    target = catalogue.reason(retired.renamed_to) if retired.renamed_to else None
    note = f"renamed to {code_span(target.code)}" if target else "removed"
    if retired.since:
        note += f" in {markdown_text(retired.since)}"
    return note


def llms_txt(store: CatalogueStore, title: str, links: SiteLinks) -> str:
    """``llms.txt``: every API and its reasons, a line each."""
    lines = [f"# {markdown_text(title)}", "", f"> {markdown_text(_summary(store))}", ""]
    lines += [USAGE, ""]
    lines += [
        f"- {_link(name, links.file_url(name))}: {what}" for name, what in links.files.items()
    ]
    for catalogue in store.catalogues:
        lines += ["", f"## {markdown_text(catalogue.api.name)}", ""]
        if catalogue.api.description:
            intro = first_paragraph(catalogue.api.description, catalogue.api.docs_url)
            lines += [markdown_line(shorten(intro, DESCRIPTION_LIMIT)), ""]
        for reason in catalogue.reasons:
            facts = [statuses_text(reason.statuses), _where(catalogue, reason)]
            if reason.deprecated is not None:
                facts.append("deprecated")
            head = ", ".join(markdown_text(fact) for fact in facts if fact)
            summary = markdown_text(reason.summary)
            note = f"{head}. {summary}" if head and summary else head or summary
            url = links.url_of(store.page_of(catalogue.slug, reason))
            item = f"- {_link(code_span(reason.code), url)}"
            lines.append(f"{item}: {note}" if note else item)
        for retired in catalogue.retired:
            url = links.url_of(store.page_of(catalogue.slug, retired))
            note = _retired_note(catalogue, retired)
            lines.append(f"- {_link(code_span(retired.code), url)}: no longer sent, {note}")
    return _text(lines)


def llms_full_txt(store: CatalogueStore, title: str, links: SiteLinks) -> str:
    """``llms-full.txt``: every reason with its status, page, cause, fix and notes."""
    lines = [
        f"# {markdown_text(title)}: every error reason in full",
        "",
        f"> {markdown_text(_summary(store))}",
        "",
    ]
    for catalogue in store.catalogues:
        lines += [f"## {markdown_text(catalogue.api.name)}", ""]
        if catalogue.api.description:
            lines += [*_blocks(paragraphs(catalogue.api.description, catalogue.api.docs_url))]
        writer = _FullText(store, catalogue, links)
        for reason in catalogue.reasons:
            lines += writer.reason(reason)
    return _text(lines)


def _text(lines: list[str]) -> str:
    """The lines as a file: one blank line between blocks, one line break at the end."""
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def _blocks(found: list[str]) -> Iterator[str]:
    for block in found:
        yield block
        yield ""


class _FullText:
    """The entries of one catalogue's reasons in ``llms-full.txt``.

    Thousands of reasons share a few groups, scopes and statuses: each is escaped once.
    """

    def __init__(self, store: CatalogueStore, catalogue: Catalogue, links: SiteLinks) -> None:
        self.store = store
        self.catalogue = catalogue
        self.links = links
        self.base = catalogue.api.docs_url
        self.scope_noun = catalogue.scope_noun.capitalize()
        self.facts: dict[tuple[str, str], str] = {}

    def fact(self, name: str, value: str) -> str:
        """``- Name: value``: each value escaped once, however many reasons share it."""
        if (name, value) not in self.facts:
            self.facts[name, value] = f"- {name}: {markdown_text(value)}"
        return self.facts[name, value]

    def reason(self, reason: Reason) -> list[str]:
        """A reason's heading, facts, page, endpoints, cause, fix and notes."""
        catalogue, base = self.catalogue, self.base
        lines = [f"### {code_span(reason.code)}", ""]
        if reason.statuses:
            statuses = " or ".join(status_phrase(status) for status in reason.statuses)
            lines.append(self.fact("HTTP status", statuses))
        if reason.scope is not None:
            lines.append(self.fact(self.scope_noun, _where(catalogue, reason)))
        group = " › ".join(g.title for g in catalogue.lineage(reason.group))
        lines.append(self.fact("Group", group))
        if reason.title:
            lines.append(f"- Title: {markdown_text(reason.title)}")
        if reason.deprecated is not None:
            since = reason.deprecated.since
            name = f"Deprecated (since {markdown_text(since)})" if since else "Deprecated"
            lines.append(f"- {name}: {markdown_text(plain(reason.deprecated.message, base))}")
        page = self.links.url_of(self.store.page_of(catalogue.slug, reason))
        lines += [f"- Page: {_link(markdown_text(page), page)}", ""]
        returned = _returned_by(self.store, catalogue, reason)
        if returned:
            lines += [f"Returned by: {returned}", ""]
        lines += ["Cause:", "", *_blocks(paragraphs(reason.cause, base))]
        if reason.fix:
            lines += ["Fix:", "", *_blocks(paragraphs(reason.fix, base))]
        for note in reason.notes:
            lines += ["Note:", "", *_blocks(paragraphs(note, base))]
        return lines


def _returned_by(store: CatalogueStore, catalogue: Catalogue, reason: Reason) -> str:
    """The endpoints and operations the catalogue names for a reason, as code spans."""
    loaded = store.by_slug[catalogue.slug]
    if catalogue.is_generic(reason):
        return f"any endpoint or operation of {markdown_text(catalogue.api.name)}"
    names = [entry.label for entry in loaded.endpoints_by_reason.get(reason.key, [])]
    names += [op.name for key in reason.operations if (op := catalogue.operation(key))]
    listed = ", ".join(code_span(name) for name in names[:LISTED_ENDPOINTS])
    more = len(names) - LISTED_ENDPOINTS
    return f"{listed} and {more} more" if more > 0 else listed
