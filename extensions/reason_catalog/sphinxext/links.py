"""The one place where a code span of catalogue text becomes a link: to what it names.

A code span ``CALL_NOT_FOUND`` in a cause names a reason of the same catalogue, and
``GET /calls/{id}`` an endpoint. The docutils renderer turns a :class:`LinkTarget` into a
cross-reference the domain resolves (so ``-n`` warns if it cannot); the generated pages turn
it into a link relative to the page. Both ask :class:`CodeLinks`, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .store import CatalogueStore, LoadedCatalogue


@dataclass(frozen=True)
class LinkTarget:
    """What a code span names."""

    #: The domain's object type: ``"code"`` (a reason) or ``"endpoint"``.
    kind: str
    #: The cross-reference target, ``slug:CODE`` or ``slug:GET /path``.
    target: str
    #: The page that documents it.
    page: str
    #: The link's tooltip: the reason's summary or the endpoint's label, as the domain gives.
    title: str


class CodeLinks:
    """Resolves code spans of one catalogue's text to its reasons and endpoints."""

    def __init__(self, store: CatalogueStore, loaded: LoadedCatalogue) -> None:
        self.store = store
        self.loaded = loaded

    def __call__(self, text: str) -> LinkTarget | None:
        """The reason (in any letter case) or endpoint (by label) ``text`` names, or ``None``."""
        catalogue = self.loaded.catalogue
        slug = catalogue.slug
        reason = catalogue.reason(text)
        if reason is not None:
            page = self.store.reason_page(slug, reason.code)
            return LinkTarget("code", f"{slug}:{reason.code}", page, reason.summary)
        entry = self.loaded.labels.get(text)
        if entry is not None:
            page = self.store.endpoint_page(slug, entry)
            return LinkTarget("endpoint", f"{slug}:{entry.label}", page, entry.label)
        return None
