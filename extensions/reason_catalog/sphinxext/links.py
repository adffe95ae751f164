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

    #: The domain's object type: ``"code"`` (a reason), ``"operation"`` or ``"endpoint"``.
    kind: str
    #: The cross-reference target: ``slug:CODE``, ``slug:scope/CODE``, ``slug:GET /path``.
    target: str
    #: The page that documents it.
    page: str
    #: The link's tooltip: the reason's summary or the endpoint's label, as the domain gives.
    title: str


class CodeLinks:
    """Resolves code spans of one catalogue's text to its reasons, operations and endpoints.

    Text of a scoped catalogue is read from its scope: a code span names the reason (or
    operation) of the same scope first, as its author meant.
    """

    def __init__(
        self, store: CatalogueStore, loaded: LoadedCatalogue, scope: str | None = None
    ) -> None:
        self.store = store
        self.loaded = loaded
        self.scope = scope

    def __call__(self, text: str) -> LinkTarget | None:
        """The reason (in any letter case), operation or endpoint ``text`` names, or ``None``."""
        catalogue = self.loaded.catalogue
        slug = catalogue.slug
        reason = catalogue.reason(text, self.scope) if self.scope else None
        reason = reason or catalogue.reason(text)
        if reason is not None:
            page = self.store.page_of(slug, reason)
            return LinkTarget("code", f"{slug}:{reason.key}", page, reason.summary)
        operation = catalogue.operation(f"{self.scope}/{text}") if self.scope else None
        operation = operation or catalogue.operation(text)
        if operation is not None:
            page = self.store.operation_page(slug, operation)
            return LinkTarget("operation", f"{slug}:{operation.key}", page, operation.name)
        entry = self.loaded.labels.get(text)
        if entry is not None:
            page = self.store.endpoint_page(slug, entry)
            return LinkTarget("endpoint", f"{slug}:{entry.label}", page, entry.label)
        return None
