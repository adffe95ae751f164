"""Where a spec's files are read from: the file system, or a git revision; never the network.

A spec is named by a path or by ``git:<ref>:<path>`` (as ``git show`` reads it). Its files are
addressed by ``file:`` URIs so that relative ``$ref``s resolve as they would on disk; a git
source maps those URIs back to paths inside the revision.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..catalogue.errors import Problem

#: The largest file of a spec we read: several times the largest public specs.
MAX_SPEC_BYTES = 64 * 1024 * 1024
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class SourceError(Exception):
    """A file that cannot be read; ``message`` says why, in a reader's words."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class FileSource:
    """A spec on disk, named by its root file."""

    root: Path

    @property
    def root_uri(self) -> str:
        """The URI of the root file."""
        return self.root.absolute().as_uri()

    def name(self, uri: str) -> str:
        """How a file of the spec is named in messages: relative to here when it is below."""
        path = local_path(uri)
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    def read(self, uri: str) -> bytes:
        """The bytes of the file at ``uri``."""
        path = local_path(uri)
        try:
            with path.open("rb") as file:
                if os.fstat(file.fileno()).st_size > MAX_SPEC_BYTES:
                    raise SourceError(_too_large())
                raw = file.read(MAX_SPEC_BYTES + 1)
        except FileNotFoundError:
            raise SourceError("no such file", "check the path") from None
        except OSError as error:
            raise SourceError(f"cannot read the file: {error.strerror}") from None
        if len(raw) > MAX_SPEC_BYTES:
            raise SourceError(_too_large())
        return raw


@dataclass(frozen=True)
class GitSource:
    """A spec as a git revision holds it: ``git:<ref>:<path>``, read with ``git show``."""

    ref: str
    path: PurePosixPath
    cwd: Path

    @property
    def root_uri(self) -> str:
        """A ``file:`` URI standing for the root file's path inside the revision."""
        return f"file:///{self.path.as_posix().lstrip('/')}"

    def name(self, uri: str) -> str:
        """``git:<ref>:<path>`` of a file of the spec."""
        return f"git:{self.ref}:{unquote(urlsplit(uri).path).lstrip('/')}"

    def read(self, uri: str) -> bytes:
        """The bytes of the file at ``uri`` in the revision."""
        inside = os.path.normpath(unquote(urlsplit(uri).path)).lstrip("/")
        try:
            done = subprocess.run(
                ["git", "show", f"{self.ref}:{inside}"],
                cwd=self.cwd,
                check=True,
                capture_output=True,
            )
        except (OSError, subprocess.CalledProcessError) as error:
            detail = getattr(error, "stderr", b"") or str(error).encode()
            raise SourceError(detail.decode(errors="replace").strip() or "git failed") from None
        if len(done.stdout) > MAX_SPEC_BYTES:
            raise SourceError(_too_large())
        return done.stdout


Source = FileSource | GitSource


def spec_source(text: str, base: Path) -> Source:
    """The source named by ``text``: a path (relative to ``base``) or ``git:<ref>:<path>``.

    Raise :class:`SourceError` for a URL: the drift check never fetches anything.
    """
    if _URL.match(text):
        raise SourceError(
            f"{text!r} is a URL; specs are read from files, never fetched",
            "download the spec and name the file, or write git:<ref>:<path>",
        )
    if text.startswith("git:"):
        _, ref, path = [*text.split(":", 2), "", ""][:3]
        if not ref or not path:
            raise SourceError(f"{text!r} is not git:<ref>:<path>", "e.g. git:main:openapi.yaml")
        return GitSource(ref, PurePosixPath(path), base)
    return FileSource(base / text)


def is_local(uri: str) -> bool:
    """Whether ``uri`` names a local file (the only kind a spec may refer to)."""
    return urlsplit(uri).scheme == "file"


def local_path(uri: str) -> Path:
    """The path of a local file's ``file:`` URI."""
    return Path(unquote(urlsplit(uri).path))


def _too_large() -> str:
    return f"the file is larger than {MAX_SPEC_BYTES // 2**20} MiB"


def source_problem(name: str, error: SourceError) -> Problem:
    """A source's failure as a problem of the file as a whole."""
    return Problem(name, 1, 1, "(file)", error.message, error.hint)
