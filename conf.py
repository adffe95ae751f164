"""Sphinx configuration of the error-reason documentation site (sources in docs/)."""

from __future__ import annotations

import os

project = "Error reason catalogue"
author = "The reason-catalog authors"
copyright = "2026, the reason-catalog authors"

extensions = [
    "reason_catalog",
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

reason_catalog_paths = ["source_catalog"]
# VoIPbin's catalogue drifts from its spec as its provider's page does (16 misspelt
# endpoints, transcribed faithfully): the site shows the findings on voipbin/coverage.html
# rather than failing on them. `python -m reason_catalog drift` is the gate.
reason_catalog_drift_warnings = "off"

nitpicky = True
html_theme = "furo"
html_title = "Error reason catalogue"
html_last_updated_fmt = None  # no timestamps: two builds of the same sources are identical
# Where the site is published: Read the Docs says so (its canonical URL, with the version);
# elsewhere it is unknown, and the site needs none (docs/extension.md: no sitemap, no og:url,
# and the 404 page works its root out from the address).
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
