"""``reasons.json``: the map servers and SDKs read to put documentation links in error bodies."""

from __future__ import annotations

from typing import Any

from ..catalogue.model import Catalogue, Reason
from ..catalogue.urls import TEMPLATE_CODES
from ..export import dumps
from .store import CatalogueStore, LoadedCatalogue


def reasons_map(store: CatalogueStore, page_url: Any) -> dict[str, Any]:
    """Every API with its URL template, and every reason with its URL relative to the site root.

    ``page_url`` turns a page name into its URL relative to the site root (``a/b.html``).
    Codes keep their type (integer codes are numbers); keys a reason does not need (a scope,
    a title, several statuses, operations) are left out, so that every consumer of the first
    format reads it as before.
    """
    apis = []
    for catalogue in store.catalogues:
        slug = catalogue.slug
        scope = "SCOPEPLACEHOLDER" if catalogue.scoped else None
        template = (
            page_url(store.reason_page(slug, "CODEPLACEHOLDER", scope))
            .replace("CODEPLACEHOLDER", "{code}")
            .replace("SCOPEPLACEHOLDER", "{scope}")
        )
        loaded = store.by_slug[slug]
        api: dict[str, Any] = {
            "name": catalogue.api.name,
            "slug": slug,
            "version": catalogue.api.version,
            "url_template": template,
            # Other codes are escaped (see catalogue/urls.py): read their "url".
            "url_template_codes": TEMPLATE_CODES,
        }
        if catalogue.scoped:
            api["scopes"] = [
                {"id": s, "title": catalogue.group(s).title} for s in catalogue.scope_ids
            ]
        if catalogue.api.reason_url:
            api["provider_url_template"] = catalogue.api.reason_url
        api["reasons"] = [_reason(store, loaded, reason, page_url) for reason in catalogue.reasons]
        # Codes that are gone keep their URL: a redirect, or a page saying why.
        api["retired"] = [
            {
                "code": _typed(catalogue, retired.code),
                **({"scope": retired.scope} if retired.scope else {}),
                "renamed_to": retired.renamed_to,
                "since": retired.since,
                "message": retired.message,
                "url": page_url(store.page_of(slug, retired)),
            }
            for retired in catalogue.retired
        ]
        apis.append(api)
    return {"format": 1, "apis": apis}


def _reason(store: CatalogueStore, loaded: LoadedCatalogue, reason: Reason, page_url: Any) -> Any:
    catalogue = loaded.catalogue
    entry: dict[str, Any] = {"code": _typed(catalogue, reason.code)}
    if reason.scope is not None:
        entry["scope"] = reason.scope
    if reason.title is not None:
        entry["title"] = reason.title
    entry["status"] = reason.status
    if len(reason.statuses) > 1:
        entry["statuses"] = list(reason.statuses)
    if reason.severity is not None:
        entry["severity"] = reason.severity
    entry["group"] = reason.group
    entry["summary"] = reason.summary
    entry["endpoints"] = [e.label for e in loaded.endpoints_by_reason.get(reason.key, [])]
    if reason.operations:
        entry["operations"] = [key.rpartition("/")[2] for key in reason.operations]
    if reason.sub_codes:
        entry["sub_codes"] = {
            name: [s.code for s in reason.sub_codes if s.field == name]
            for name in dict.fromkeys(s.field for s in reason.sub_codes)
        }
    entry["deprecated"] = reason.deprecated is not None
    entry["url"] = page_url(store.page_of(catalogue.slug, reason))
    return entry


def _typed(catalogue: Catalogue, code: str) -> str | int:
    """A code as bodies carry it: integer codes as numbers."""
    return int(code) if catalogue.code_type == "integer" else code


def reasons_json(store: CatalogueStore, page_url: Any) -> str:
    """``reasons.json``'s text."""
    return dumps(reasons_map(store, page_url))
