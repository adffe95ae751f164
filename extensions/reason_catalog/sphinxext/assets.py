"""Where the reason browser's JavaScript libraries are: in the package, else in node_modules/.

A wheel carries copies of them, taken from the npm registry at build time exactly as
``package-lock.json`` pins them (``setup.py``), in ``reason_catalog/vendor/<package>/``: a
project that installs the wheel needs no Node.js. Working from the repository there are no
packaged copies (an editable install does not fetch them), and ``npm ci`` puts them in
``node_modules/``, which is searched next.

``setup.py`` reads :data:`PACKAGED` from this file without importing the package (the build has
no Sphinx), so it imports nothing but the standard library.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

#: The packaged copies, laid out as in node_modules/ (``<package>/<file>``, its package.json
#: and licence files beside it).
VENDOR = Path(__file__).resolve().parent.parent / "vendor"


class Library(NamedTuple):
    """A script of an npm package the browser loads."""

    package: str
    #: Where the script is inside the package.
    file: str
    #: Its name in the built site's ``_static``.
    name: str


LUNR = Library("lunr", "lunr.min.js", "lunr.min.js")
#: The decoder's libraries: JMESPath and RE2, as the catalogues' own field paths and patterns.
DECODER_LIBRARIES = (
    Library("jmespath", "jmespath.js", "jmespath.js"),
    Library("re2js", "build/index.umd.js", "re2js.js"),
)
#: Every library the wheel carries.
PACKAGED = (LUNR, *DECODER_LIBRARIES)


def find_node_module(start: Path, package: str, file: str) -> Path | None:
    """``node_modules/<package>/<file>`` in ``start``, the working folder, or above them."""
    for base in (start.resolve(), Path.cwd().resolve()):
        for folder in (base, *base.parents):
            candidate = folder / "node_modules" / package / file
            if candidate.is_file():
                return candidate
    return None


def find_library(start: Path, package: str, file: str) -> Path | None:
    """The packaged copy of ``<package>/<file>``, else the one in node_modules/ above ``start``."""
    packaged = VENDOR / package / file
    if packaged.is_file():
        return packaged
    return find_node_module(start, package, file)


def find_lunr(configured: str, start: Path) -> Path | None:
    """lunr.js: the configured file (relative to ``start``), else the packaged or npm copy."""
    if configured:
        path = Path(start, configured)
        return path if path.is_file() else None
    return find_library(start, LUNR.package, LUNR.file)
