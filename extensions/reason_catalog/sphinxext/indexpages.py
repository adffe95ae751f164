"""The indices of reasons and of endpoints, whole or, on large sites, split into pages.

Sphinx writes each domain index as one page. Hundreds of APIs make that page megabytes (AWS's
operations alone are 15,000 rows), slow to open and to search in. So an index of more rows
than ``reason_catalog_index_rows`` becomes a list of APIs, and each API gets index pages of its own,
``<api>/reason-index.html`` (then ``-2``, ``-3``, … when one API has more), which split
between sections where they can. Both the domain index and those pages are drawn from the
sections here, so they always list the same things.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .store import CatalogueStore, LoadedCatalogue


@dataclass(frozen=True)
class Row:
    """One entry: a name linking to its page, a note beside it, and a description."""

    name: str
    page: str
    extra: str
    description: str


#: A heading and its rows.
Section = tuple[str, tuple[Row, ...]]


@dataclass(frozen=True)
class IndexKind:
    """One of the two indices: its name, its title and how an API's sections are made."""

    #: The domain index's name (``reason-<name>``), and the stem of the per-API pages.
    name: str
    page_stem: str
    title: str
    noun: str
    sections: Callable[[CatalogueStore, LoadedCatalogue], list[Section]]
    #: Whether the domain index shows its sections collapsed.
    collapse: bool


def _reason_sections(store: CatalogueStore, loaded: LoadedCatalogue) -> list[Section]:
    """An API's reasons, by group."""
    catalogue = loaded.catalogue
    out = []
    for group in catalogue.groups:
        rows = tuple(
            Row(
                reason.code,
                store.page_of(catalogue.slug, reason),
                " ".join(map(str, reason.statuses)),
                reason.summary,
            )
            for reason in catalogue.reasons_in(group.id)
        )
        if rows:
            path = " › ".join(g.title for g in catalogue.lineage(group.id))
            out.append((f"{catalogue.api.name} › {path}", rows))
    return out


def _endpoint_sections(store: CatalogueStore, loaded: LoadedCatalogue) -> list[Section]:
    """An API's endpoints by the first segment of their path, like a routing table, and its
    operations by scope."""
    catalogue = loaded.catalogue
    sections: dict[str, list[Row]] = {}
    for entry in loaded.endpoints:
        count = len(entry.reasons)
        sections.setdefault(f"{catalogue.api.name} {entry.prefix}", []).append(
            Row(
                entry.label,
                store.endpoint_page(catalogue.slug, entry),
                catalogue.api.name,
                f"{count} reason{'s' if count != 1 else ''}",
            )
        )
    for operation in catalogue.operations:
        count = len(loaded.operation_reasons.get(operation.key, ()))
        where = f" › {operation.scope}" if operation.scope else ""
        sections.setdefault(f"{catalogue.api.name}{where} operations", []).append(
            Row(
                operation.name,
                store.operation_page(catalogue.slug, operation),
                str(operation.http or ""),
                f"{count} reason{'s' if count != 1 else ''} named",
            )
        )
    return [(heading, tuple(rows)) for heading, rows in sorted(sections.items())]


REASONS = IndexKind(
    "reasonindex", "reason-index", "Index of error reasons", "reasons", _reason_sections, True
)
ENDPOINTS = IndexKind(
    "endpointindex",
    "endpoint-index",
    "Index of endpoints and operations",
    "endpoints and operations",
    _endpoint_sections,
    False,
)


@dataclass(frozen=True)
class IndexPage:
    """One page of an API's own index."""

    name: str
    kind: IndexKind
    loaded: LoadedCatalogue
    number: int
    sections: tuple[Section, ...]


def split(store: CatalogueStore, kind: IndexKind) -> dict[str, list[IndexPage]] | None:
    """Each API's index pages, or ``None`` when the whole index fits one page."""
    by_api = {slug: kind.sections(store, store.by_slug[slug]) for slug in sorted(store.by_slug)}
    limit = store.options.index_rows
    if sum(len(rows) for sections in by_api.values() for _, rows in sections) <= limit:
        return None
    pages: dict[str, list[IndexPage]] = {}
    for slug, sections in by_api.items():
        loaded = store.by_slug[slug]
        parts = list(_parts(sections, limit)) if sections else []
        pages[slug] = [
            IndexPage(_page_name(slug, kind, number), kind, loaded, number, tuple(part))
            for number, part in enumerate(parts, start=1)
        ]
    return pages


def whole(store: CatalogueStore, kind: IndexKind) -> list[Section]:
    """Every API's sections: the index as one page."""
    return [s for slug in sorted(store.by_slug) for s in kind.sections(store, store.by_slug[slug])]


def _page_name(slug: str, kind: IndexKind, number: int) -> str:
    return f"{slug}/{kind.page_stem}" + (f"-{number}" if number > 1 else "")


def _parts(sections: list[Section], limit: int) -> Iterator[list[Section]]:
    """Sections in pages of at most ``limit`` rows, split between sections where a page can
    end there, and inside a section (its heading repeated) where one is too long."""
    part: list[Section] = []
    size = 0
    for heading, rows in sections:
        start = 0
        while start < len(rows):
            room = limit - size
            if room <= 0 or (start == 0 and part and len(rows) > room):
                yield part
                part, size = [], 0
                continue
            chunk = rows[start : start + room]
            part.append((heading if start == 0 else f"{heading} (continued)", chunk))
            size += len(chunk)
            start += len(chunk)
    if part:
        yield part


def own_heading(heading: str, api: str) -> str:
    """A section's heading on its API's own page, without the API's name."""
    return heading.removeprefix(f"{api} › ").removeprefix(f"{api} ")


def page_label(page: IndexPage) -> str:
    """How the list of an API's pages names one: the sections it runs from and to."""
    api = page.loaded.catalogue.api.name
    first, last = (own_heading(page.sections[i][0], api) for i in (0, -1))
    return first if first == last else f"{first} … {last}"
