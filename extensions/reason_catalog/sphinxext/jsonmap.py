"""``reasons.json``: the map servers and SDKs read to put documentation links in error bodies."""

from __future__ import annotations

from typing import Any

from ..catalogue.urls import TEMPLATE_CODES
from ..export import dumps
from .store import CatalogueStore


def reasons_map(store: CatalogueStore, page_url: Any) -> dict[str, Any]:
    """Every API with its URL template, and every reason with its URL relative to the site root.

    ``page_url`` turns a page name into its URL relative to the site root (``a/b.html``).
    """
    apis = []
    for catalogue in store.catalogues:
        slug = catalogue.slug
        template = page_url(store.reason_page(slug, "CODEPLACEHOLDER")).replace(
            "CODEPLACEHOLDER", "{code}"
        )
        loaded = store.by_slug[slug]
        apis.append(
            {
                "name": catalogue.api.name,
                "slug": slug,
                "version": catalogue.api.version,
                "url_template": template,
                # Other codes are escaped (see catalogue/urls.py): read their "url".
                "url_template_codes": TEMPLATE_CODES,
                "reasons": [
                    {
                        "code": reason.code,
                        "status": reason.status,
                        "group": reason.group,
                        "summary": reason.summary,
                        "endpoints": [
                            e.label for e in loaded.endpoints_by_reason.get(reason.code, [])
                        ],
                        "deprecated": reason.deprecated is not None,
                        "url": page_url(store.reason_page(slug, reason.code)),
                    }
                    for reason in catalogue.reasons
                ],
                # Codes that are gone keep their URL: a redirect, or a page saying why.
                "retired": [
                    {
                        "code": retired.code,
                        "renamed_to": retired.renamed_to,
                        "since": retired.since,
                        "message": retired.message,
                        "url": page_url(store.reason_page(slug, retired.code)),
                    }
                    for retired in catalogue.retired
                ],
            }
        )
    return {"format": 1, "apis": apis}


def reasons_json(store: CatalogueStore, page_url: Any) -> str:
    """``reasons.json``'s text."""
    return dumps(reasons_map(store, page_url))
