"""Document an HTTP API's error reasons: a validated catalogue, and a Sphinx extension for it.

The catalogue side (:mod:`.catalogue`, :mod:`.model`, :mod:`.dialect`) is plain Python, with no
Sphinx import; Sphinx loads the extension (:mod:`.sphinxext`) through :func:`setup`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .catalogue.dialect import EnvelopeError, ParsedEnvelope
from .catalogue.errors import CatalogueError, Problem
from .catalogue.load import load_catalogue, load_catalogues
from .catalogue.model import Catalogue, Group, Reason
from .catalogue.urls import doc_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

__all__ = [
    "Catalogue",
    "CatalogueError",
    "EnvelopeError",
    "Group",
    "ParsedEnvelope",
    "Problem",
    "Reason",
    "__version__",
    "doc_url",
    "load_catalogue",
    "load_catalogues",
]


def setup(app: Sphinx) -> dict[str, Any]:
    """Entry point for ``extensions = ["reason_catalog"]``."""
    # Imported here so that using the catalogue never needs Sphinx installed.
    from .sphinxext import setup as setup_extension  # noqa: PLC0415

    return setup_extension(app)
