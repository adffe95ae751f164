"""A site of the catalogues shaped like real APIs (tests/realapis.py, tests/test_real_apis.py).

The catalogues are generated: the test copies this folder and writes them into
``catalogues/`` beside this file, with ``bodies.rst`` (each real-looking body of
``realapis.BODIES`` as a ``reason:example``, so that the doctest build reads them too).
"""

from __future__ import annotations

project = "Real APIs"
extensions = ["reason_catalog"]
reason_catalog_paths = ["catalogues"]
html_theme = "basic"
nitpicky = True
