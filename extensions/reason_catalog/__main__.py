"""``python -m reason_catalog``: see :mod:`reason_catalog.cli`."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
