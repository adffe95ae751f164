"""Load catalogue files: the one way in, used by the command line and the Sphinx build alike.

The steps, each in its own module: YAML with positions (:mod:`.yamlsource`), the file format
(:mod:`.spec`, its errors translated by :mod:`.validation`), then the checks that need the
whole catalogue (:mod:`.resolve`). Every problem is found at once; nothing is returned for a
file unless everything in it passed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CatalogueError, Problem
from .model import Catalogue
from .resolve import Resolver
from .yamlsource import read_yaml

CATALOGUE_SUFFIXES = (".yaml", ".yml")
#: The largest catalogue file read: three times a 10,000-reason catalogue (5.4 MiB), which
#: takes 2 seconds and 140 MB to load; a file this size takes about 7 s and 300 MB.
MAX_FILE_BYTES = 16 * 1024 * 1024


def catalogue_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The catalogue files named by ``paths``: files as given, folders by their YAML files."""
    found: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # Regular files only: opening a named pipe or a device would wait forever.
            found.extend(
                sorted(p for p in path.iterdir() if p.suffix in CATALOGUE_SUFFIXES and p.is_file())
            )
        elif path.is_file():
            found.append(path)
        elif path.exists():
            problems.append(
                Problem(str(path), 1, 1, "(file)", "not a regular file", "name a YAML file")
            )
        else:
            problems.append(
                Problem(str(path), 1, 1, "(file)", "no such file or folder", "check the path")
            )
    if problems:
        raise CatalogueError(problems)
    return found


#: Loaded catalogues by file, with the digest of the bytes they were loaded from. A caller
#: that keeps one across loads (the Sphinx build keeps it on its environment) re-validates
#: only the files whose bytes changed.
Cache = MutableMapping[str, tuple[str, Catalogue]]


@dataclass
class Loaded:
    """What :func:`load` found: the catalogues that loaded, and every problem of the rest."""

    catalogues: list[Catalogue] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: The catalogue files that were read (whether or not they loaded).
    paths: list[Path] = field(default_factory=list)


def load(paths: Iterable[str | Path], cache: Cache | None = None) -> Loaded:
    """Load every catalogue under ``paths``, keeping the good ones when others fail.

    Two catalogues with one slug are a problem of the second; it is left out.
    """
    result = Loaded()
    try:
        result.paths = catalogue_paths(paths)
    except CatalogueError as error:
        result.problems.extend(error.problems)
        return result
    seen: dict[str, Path] = {}
    for path in result.paths:
        try:
            catalogue = _load_cached(path, cache)
        except CatalogueError as error:
            result.problems.extend(error.problems)
            continue
        if catalogue.slug in seen:
            result.problems.append(
                Problem(
                    str(path),
                    1,
                    1,
                    "api.slug",
                    f"the slug {catalogue.slug!r} is already used by {seen[catalogue.slug]}",
                    "give every API its own slug",
                )
            )
            continue
        seen[catalogue.slug] = path
        result.catalogues.append(catalogue)
    if cache is not None:  # forget files that are no longer configured
        for key in set(cache) - {str(p) for p in result.paths}:
            del cache[key]
    return result


def load_catalogues(paths: Iterable[str | Path], cache: Cache | None = None) -> list[Catalogue]:
    """Load every catalogue under ``paths``; one :class:`CatalogueError` lists all problems."""
    result = load(paths, cache)
    if result.problems:
        raise CatalogueError(result.problems)
    return result.catalogues


def _load_cached(path: Path, cache: Cache | None) -> Catalogue:
    raw = _read(path)
    digest = hashlib.sha256(raw).hexdigest()
    cached = cache.get(str(path)) if cache is not None else None
    if cached is not None and cached[0] == digest:
        return cached[1]
    # An edited file: what it held before saves checking again what did not change.
    catalogue = parse_catalogue(raw, path, previous=cached[1] if cached is not None else None)
    if cache is not None:
        cache[str(path)] = (digest, catalogue)
    return catalogue


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            # A regular file is measured before reading; anything else (a pipe, a device) is
            # read only up to the limit.
            if os.fstat(file.fileno()).st_size > MAX_FILE_BYTES:
                raise CatalogueError([_too_large(str(path))])
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise CatalogueError(
            [Problem(str(path), 1, 1, "(file)", f"cannot read the file: {error.strerror}")]
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise CatalogueError([_too_large(str(path))])
    return raw


def _too_large(file: str) -> Problem:
    return Problem(
        file,
        1,
        1,
        "(file)",
        f"the file is larger than {MAX_FILE_BYTES // 2**20} MiB, the limit for one catalogue",
        "check that this is the catalogue you meant; split a larger one into several files",
    )


def load_catalogue(path: str | Path) -> Catalogue:
    """Load and validate one catalogue file."""
    path = Path(path)
    return parse_catalogue(_read(path), path)


def parse_catalogue(
    raw: bytes | str, path: str | Path, previous: Catalogue | None = None
) -> Catalogue:
    """Validate the text of a catalogue file; ``path`` is only used to name it in messages.

    ``previous`` is the same file as it loaded before an edit, if known: the examples of the
    reasons whose example is made from the same facts are taken from it.
    """
    path = Path(path)
    file = str(path)
    if len(raw) > MAX_FILE_BYTES:  # a text is measured in characters
        raise CatalogueError([_too_large(file)])
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
            raise CatalogueError(
                [
                    Problem(
                        file,
                        line,
                        column,
                        "(file)",
                        "the file is not UTF-8 text",
                        "save it as UTF-8",
                    )
                ]
            ) from None
    else:
        text = raw
    located = read_yaml(text, file)
    if located.data is None and located.problems:  # a syntax error: nothing more can be read
        raise CatalogueError(located.problems)
    # Problems found so far (duplicate keys, odd values) do not stop the checks below.
    if not isinstance(located.data, dict):
        located.problem(
            (),
            "a catalogue must be a mapping of keys (format, api, envelope, groups)",
            "start from a shipped catalogue",
        )
        raise CatalogueError(located.problems)
    catalogue = Resolver(located.data, located, path, previous).resolve()
    if located.problems or catalogue is None:
        raise CatalogueError(located.problems)
    return catalogue
