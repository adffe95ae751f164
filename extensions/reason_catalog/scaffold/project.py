"""The Sphinx project around a new catalogue: where things go, and the files it lacks.

An existing ``conf.py`` is the team's code: it is read (as Python's syntax tree, never run)
for what it says as plain values (``extensions``, ``reason_catalog_paths``, ``root_doc``) and
never edited; where it lacks something the catalogue needs, the caller prints the line to add.
The files written for a project that has none follow this repository's own ``conf.py``.
"""

from __future__ import annotations

import ast
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: What the reason browser loads from npm, at the versions this repository's package.json pins
#: (a test holds the two equal): lunr.js at the version lunr.py writes indexes for.
BROWSER_PACKAGES = {"jmespath": "0.16.0", "lunr": "2.3.9", "re2js": "2.10.0"}
#: Pages a project's root folder cannot give an API: Sphinx's, and the extension's own.
RESERVED_PAGES = frozenset(
    {"index", "search", "genindex", "py-modindex", "browse", "lookup"}
    | {"reason-reasonindex", "reason-endpointindex"}
)
_EXTENSIONS = ["reason_catalog", "myst_parser", "sphinx_design"]
#: ``reason_catalog_paths``'s default (sphinxext/config.py), relative to conf.py.
DEFAULT_CATALOGUES = "source_catalog"


@dataclass(frozen=True)
class Conf:
    """What an existing ``conf.py`` says, as far as plain values say it (``None``: unknown)."""

    path: Path
    extensions: tuple[str, ...] | None = None
    paths: tuple[str, ...] | None = None
    root_doc: str = "index"
    problem: str = ""


def read_conf(path: Path) -> Conf:
    """Read ``conf.py``'s plain top-level assignments, without running it."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError) as error:
        return Conf(path, problem=f"{path} cannot be read ({error}); nothing in it was checked")
    values: dict[str, Any] = {}
    changed: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                try:
                    values[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    changed.add(target.id)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            changed.add(node.target.id)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func  # extensions.append(...)
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                changed.add(func.value.id)

    def strings(name: str, default: tuple[str, ...]) -> tuple[str, ...] | None:
        if name in changed:
            return None
        if name not in values:
            return default
        value = values[name]
        if not isinstance(value, list | tuple):
            return None
        return tuple(v for v in value if isinstance(v, str))

    root = values.get("root_doc", values.get("master_doc", "index"))
    return Conf(
        path,
        extensions=strings("extensions", ()),
        paths=strings("reason_catalog_paths", (DEFAULT_CATALOGUES,)),
        root_doc=root if isinstance(root, str) else "index",
    )


def find_conf(project: Path, docs: Path) -> Path | None:
    """The project's ``conf.py``: in the docs folder, or at the project's root (``-c .``)."""
    for folder in (docs, project):
        if (folder / "conf.py").is_file():
            return folder / "conf.py"
    return None


def relative(path: Path, start: Path) -> str:
    """``path`` relative to ``start``, written with ``/``."""
    return Path(os.path.relpath(path.absolute(), start.absolute())).as_posix()


def covers(conf: Conf, catalogue: Path) -> bool | None:
    """Whether ``reason_catalog_paths`` reads ``catalogue`` (``None``: it cannot be told)."""
    if conf.paths is None:
        return None
    for entry in conf.paths:
        named = (conf.path.parent / entry).resolve()
        if named in (catalogue.resolve(), catalogue.parent.resolve()):
            return True
    return False


def conf_text(title: str, catalogues: str) -> str:
    """A ``conf.py`` as this repository's: MyST pages, the extension, nitpicky."""
    return f'''"""Sphinx configuration of {title} (written by `python -m reason_catalog new`)."""

from __future__ import annotations

project = {title!r}

extensions = {_EXTENSIONS!r}

source_suffix = {{".md": "markdown", ".rst": "restructuredtext"}}
root_doc = "index"
exclude_patterns = ["_build", "node_modules"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]

# The catalogues, relative to this file: YAML files, or folders of them.
reason_catalog_paths = [{catalogues!r}]

# A cross-reference to a code or endpoint that does not exist is a warning (and with -W, an
# error), so that a misspelt code never ships.
nitpicky = True
html_last_updated_fmt = None  # no timestamps: two builds of the same sources are identical
# The footer's notice: set `copyright = "2026, Your team"` and remove this line.
html_show_copyright = False
'''


def page_text(slug: str, name: str, markdown: bool) -> str:
    """An API's page, as this site's own: a heading, a sentence and its reason table."""
    heading = f"{name} error reasons"
    lead = (
        f"Every error reason of {name}, grouped as its catalogue groups them. Each code links "
        "to its own page, with the endpoints that return it and an example error body."
    )
    if markdown:
        return f"# {heading}\n\n{lead}\n\n```{{reason:table}} {slug}\n```\n"
    return f"{heading}\n{'=' * len(heading)}\n\n{lead}\n\n.. reason:table:: {slug}\n"


def index_text(title: str, docname: str) -> str:
    """The root document of a new project: what the site holds, and its toctree."""
    return f"""# {title}

When a call to the API fails, its error body names a **reason**: a code with an HTTP status.
Each reason has a page with its cause, its fix and an example error body. Search them all
by code, endpoint or words in the {{ref}}`reason-browser`; the {{ref}}`reason-reasonindex`
lists them by code.

```{{toctree}}
:maxdepth: 1

{docname}
```
"""


def package_text(slug: str) -> str:
    """A ``package.json`` for the reason browser's scripts (``npm install`` fetches them)."""
    data = {
        "name": f"{slug}-error-reasons",
        "private": True,
        "description": "The reason browser's scripts: lunr.js at the version its index is "
        "built for, JMESPath and re2js to read pasted error bodies.",
        "dependencies": BROWSER_PACKAGES,
    }
    return json.dumps(data, indent=2) + "\n"


#: Where a wheel carries lunr.js (sphinxext/assets.py's VENDOR, named here without importing
#: the Sphinx side).
PACKAGED_LUNR = Path(__file__).resolve().parent.parent / "vendor" / "lunr" / "lunr.min.js"


def has_lunr(folder: Path) -> bool:
    """Whether the build will find lunr.js: packaged in the wheel, or in node_modules/ here or
    above ``folder``."""
    return PACKAGED_LUNR.is_file() or any(
        (place / "node_modules" / "lunr" / "package.json").is_file()
        for place in (folder.absolute(), *folder.absolute().parents)
    )
