"""Document an HTTP API's error reasons: a validated catalogue, and a Sphinx extension for it.

The catalogue side (:mod:`.loader`, :mod:`.model`, :mod:`.dialect`) is plain Python, with no
Sphinx import.
"""

from __future__ import annotations

from .dialect import EnvelopeError, ParsedEnvelope
from .errors import CatalogueError, Problem
from .loader import load_catalogue, load_catalogues
from .model import Catalogue, Group, Reason

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
    "load_catalogue",
    "load_catalogues",
]
