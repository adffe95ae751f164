"""The ``reason`` domain: reasons and endpoints as Sphinx objects, their roles and indices.

Reasons and endpoints are declared by the catalogues, not by documents, so the objects come
from the build's :class:`CatalogueStore`; the domain data holds only what documents add (which
catalogue parts each renders, for precise rebuilds).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.domains import Domain, Index, IndexEntry, ObjType
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from ..catalogue.routing import identity
from .changelog import ChangelogDirective
from .config import ReasonCatalogConfig
from .examples import ReasonExampleDirective
from .indexpages import ENDPOINTS, REASONS, IndexKind, page_label, split, whole
from .references import (
    FormatReferenceDirective,
    OptionsReferenceDirective,
    WarningsReferenceDirective,
)
from .store import CatalogueStore, Match, Use
from .tables import ReasonTableDirective
from .warnings import WARNING_TYPE, WarningKind

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def _entry(name: str, page: str, extra: str, description: str) -> IndexEntry:
    """An index row: a name linking to its page, a note beside it, and a description."""
    return IndexEntry(name, 0, page, "", extra, "", description)


class _CatalogueIndex(Index):
    """An index of what the build's catalogues hold: whole, or (on a large site) a list of
    each API's own index pages (see :mod:`.indexpages`)."""

    kind: IndexKind

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        store = cast("ReasonDomain", self.domain).store
        pages = split(store, self.kind)
        if pages is None:
            content = [
                (heading, [_entry(r.name, r.page, r.extra, r.description) for r in rows])
                for heading, rows in whole(store, self.kind)
            ]
            return content, self.kind.collapse
        # Each API's index pages, named by the sections they run from and to.
        return [
            (
                store.by_slug[slug].catalogue.api.name,
                [
                    _entry(
                        page_label(page),
                        page.name,
                        f"{sum(len(rows) for _, rows in page.sections):,} {self.kind.noun}",
                        "",
                    )
                    for page in api_pages
                ],
            )
            for slug, api_pages in pages.items()
            if api_pages
        ], False


class ReasonIndex(_CatalogueIndex):
    """Every reason, by API and group."""

    name = REASONS.name
    localname = REASONS.title
    shortname = "reasons"
    kind = REASONS


class EndpointIndex(_CatalogueIndex):
    """Every endpoint, by the first segment of its path, like a routing table; every
    operation, by scope."""

    name = ENDPOINTS.name
    localname = ENDPOINTS.title
    shortname = "endpoints"
    kind = ENDPOINTS


class ReasonDomain(Domain):
    """Error reasons and the endpoints that return them."""

    name = "reason"
    label = "Error reasons"
    object_types = {  # noqa: RUF012 - Sphinx's declared shape
        "code": ObjType("reason", "code"),
        "endpoint": ObjType("endpoint", "endpoint"),
        "operation": ObjType("operation", "operation"),
    }
    roles = {  # noqa: RUF012
        "code": XRefRole(warn_dangling=True),
        "endpoint": XRefRole(warn_dangling=True),
        "operation": XRefRole(warn_dangling=True),
    }
    indices = [ReasonIndex, EndpointIndex]  # noqa: RUF012
    initial_data = {  # noqa: RUF012
        "uses": {},  # docname -> [Use, ...]
        "fingerprints": {},  # docname -> digest of what it rendered
    }
    dangling_warnings = {  # noqa: RUF012
        "code": "unknown reason code: %(target)s",
        "endpoint": "unknown endpoint: %(target)s",
        "operation": "unknown operation: %(target)s",
    }
    data_version = 2  # 2: uses include the roles a document cites

    directives = {  # noqa: RUF012
        "table": ReasonTableDirective,
        "example": ReasonExampleDirective,
        "format-reference": FormatReferenceDirective,
        "options-reference": OptionsReferenceDirective,
        "warnings-reference": WarningsReferenceDirective,
        "changelog": ChangelogDirective,
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: The build's catalogues: empty until the builder starts (see
        #: :func:`.events.on_builder_inited`), which loads them.
        self.store = CatalogueStore([], ReasonCatalogConfig())

    # -- what documents add ------------------------------------------------------------------

    def note_uses(self, docname: str, uses: Iterable[Use]) -> None:
        """Record that ``docname`` renders these catalogue parts."""
        recorded = sorted({*self.data["uses"].get(docname, ()), *uses})
        self.data["uses"][docname] = recorded
        self.data["fingerprints"][docname] = self.store.fingerprint(recorded)
        # A table's text links the endpoints of the API's spec, and says what the spec holds.
        for kind, slug, _ in recorded:
            loaded = self.store.get(slug) if kind == "table" else None
            for path in loaded.spec.files if loaded and loaded.spec else ():
                self.env.note_dependency(path, docname=docname)

    def clear_doc(self, docname: str) -> None:
        self.data["uses"].pop(docname, None)
        self.data["fingerprints"].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("uses", "fingerprints"):
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value

    # -- objects and references --------------------------------------------------------------

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for catalogue in self.store.catalogues:
            slug = catalogue.slug
            for reason in catalogue.reasons:
                page = self.store.page_of(slug, reason)
                yield f"{slug}:{reason.key}", reason.code, "code", page, "", 1
            # Retired codes keep their entries: other sites' links to them must not break.
            for retired in catalogue.retired:
                page = self.store.page_of(slug, retired)
                yield f"{slug}:{retired.key}", retired.code, "code", page, "", 0
            for operation in catalogue.operations:
                page = self.store.operation_page(slug, operation)
                yield f"{slug}:{operation.key}", operation.name, "operation", page, "", 1
            for entry in self.store.by_slug[slug].endpoints:
                page = self.store.endpoint_page(slug, entry)
                yield f"{slug}:{entry.label}", entry.label, "endpoint", page, "", 1
            for gone in catalogue.retired_endpoints:
                page = self.store.retired_endpoint_page(slug, gone)
                label = identity(gone.endpoint)
                yield f"{slug}:{label}", label, "endpoint", page, "", 0

    def find(self, typ: str, target: str) -> list[Match]:
        """Matches of ``target`` as ``(page name, object name, title)``."""
        return self.store.find(typ, target)

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        found = self.find(typ, target)
        if not found:
            return None
        if len(found) > 1:
            names = ", ".join(name for _, name, _ in found)
            logger.warning(
                "%r names more than one %s: %s; write one of them in full",
                target,
                "reason" if typ == "code" else typ,
                names,
                type=WARNING_TYPE,
                subtype=WarningKind.AMBIGUOUS,
                location=node,
            )
        page, _, title = found[0]
        return make_refnode(builder, fromdocname, page, "", contnode, title)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for typ in ("code", "operation", "endpoint"):
            for page, _, title in self.find(typ, target)[:1]:
                ref = make_refnode(builder, fromdocname, page, "", contnode, title)
                results.append((f"reason:{typ}", ref))
        return results
