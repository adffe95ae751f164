"""Build step: the wheel carries the reason browser's JavaScript libraries, fetched from npm.

Everything else about the package is declared in pyproject.toml. lunr.js, jmespath.js and
re2js are npm packages, never committed here: building the wheel downloads each tarball from
the npm registry exactly as package-lock.json pins it, checks it against the lock file's
integrity hash before reading anything in it, and copies the script the browser loads, its
package.json and its licence files into ``reason_catalog/vendor/<package>/`` of the build
(where ``sphinxext/assets.py`` looks first), with ``sources.json`` saying where each came
from. The sdist carries package-lock.json, so a wheel built from it is made the same way.
Editable installs (``pip install -e .``) skip the step: the repository uses ``npm ci``.

The registry is npm's (``npm_config_registry`` names a mirror, as it does for npm itself).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import runpy
import tarfile
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from typing import Any

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.errors import BaseError

HERE = Path(__file__).resolve().parent
LOCK_FILE = HERE / "package-lock.json"
#: Which libraries, and which file of each: the extension's own list (standard library only).
ASSETS = HERE / "extensions" / "reason_catalog" / "sphinxext" / "assets.py"
VENDOR = ("reason_catalog", "vendor")
REGISTRY = "https://registry.npmjs.org/"
#: Top-level files of a package that carry its licence terms.
LICENCE = re.compile(r"(licen[cs]e|copying|notice)\b.*", re.IGNORECASE)
#: The strongest first: an integrity string may list several (Subresource Integrity rules).
ALGORITHMS = ("sha512", "sha384", "sha256")
#: The libraries are a few hundred kilobytes; a larger download is not what the lock pinned.
MAX_TARBALL = 32 * 1024 * 1024
TIMEOUT = 60


class VendorError(BaseError):
    """A library could not be packaged; setuptools prints the message, not a traceback."""


def registry() -> str:
    """npm's registry, or the mirror npm itself is configured with in the environment."""
    # npm reads its settings from the environment whatever their letter case.
    configured = next(
        (value for name, value in os.environ.items() if name.lower() == "npm_config_registry"),
        "",
    )
    return (configured or REGISTRY).rstrip("/") + "/"


def locked(lock: dict[str, Any], package: str) -> tuple[str, str, str]:
    """The version, integrity and tarball URL package-lock.json pins ``package`` to."""
    entry = lock.get("packages", {}).get(f"node_modules/{package}")
    if not isinstance(entry, dict) or not entry.get("version") or not entry.get("integrity"):
        raise VendorError(
            f"{LOCK_FILE.name}: no version and integrity for node_modules/{package}; "
            "add the package to package.json and run `npm install` to pin it"
        )
    version, integrity = str(entry["version"]), str(entry["integrity"])
    # Lock files written with `omit-lockfile-registry-resolved` (as this one is) leave the URL
    # out; npm then uses the registry's conventional one, and so do we.
    name = package.rpartition("/")[2]  # a scoped package's tarball is named without its scope
    url = entry.get("resolved") or f"{registry()}{package}/-/{name}-{version}.tgz"
    return version, integrity, str(url)


def download(url: str) -> bytes:
    """The bytes at ``url``, or a VendorError saying why not and what to do."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            data: bytes = response.read(MAX_TARBALL + 1)
    except (OSError, urllib.error.URLError) as error:
        raise VendorError(
            f"could not download {url}: {error}. Building the wheel packages the reason "
            "browser's libraries from the npm registry as package-lock.json pins them: build "
            "where the registry is reachable (or set npm_config_registry to a mirror)"
        ) from None
    if len(data) > MAX_TARBALL:
        raise VendorError(f"{url} is larger than {MAX_TARBALL} bytes: not the pinned tarball")
    return data


def check_integrity(data: bytes, integrity: str, url: str) -> None:
    """Raise unless ``data`` has one of the strongest hashes the integrity string lists."""
    hashes: dict[str, set[str]] = {}
    for item in integrity.split():
        algorithm, _, digest = item.partition("-")
        hashes.setdefault(algorithm, set()).add(digest.split("?")[0])
    algorithm = next((a for a in ALGORITHMS if a in hashes), None)
    if algorithm is None:
        raise VendorError(f"{LOCK_FILE.name}: no sha512, sha384 or sha256 in {integrity!r}")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual not in hashes[algorithm]:
        raise VendorError(
            f"{url} does not match package-lock.json: its {algorithm} is {actual}, the lock "
            f"pins {integrity}. Do not package it; check the registry (or mirror) it came from"
        )


def unpack(data: bytes, wanted: str, url: str) -> dict[str, bytes]:
    """``wanted``, package.json and the licence files from a checked npm tarball, by path."""
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            # Every path is under one top folder (usually package/), which npm strips.
            path = PurePosixPath(*PurePosixPath(member.name).parts[1:]).as_posix()
            top_level = "/" not in path
            if not member.isfile():
                continue
            if path in (wanted, "package.json") or (top_level and LICENCE.fullmatch(path)):
                extracted = archive.extractfile(member)
                if extracted is not None:
                    files[path] = extracted.read()
    if wanted not in files:
        raise VendorError(f"{url} has no {wanted}: sphinxext/assets.py names the wrong file")
    if not any(LICENCE.fullmatch(path) for path in files):
        raise VendorError(f"{url} has no licence file to ship beside {wanted}")
    return files


def vendor(target: Path) -> list[Path]:
    """Fetch, check and copy every library ``assets.PACKAGED`` names into ``target``."""
    try:
        lock = json.loads(LOCK_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise VendorError(
            f"{LOCK_FILE} is missing or unreadable ({error}): the wheel's JavaScript "
            "libraries are pinned there; build from the repository or its sdist"
        ) from None
    written: list[Path] = []
    sources = []
    for library in runpy.run_path(str(ASSETS))["PACKAGED"]:
        version, integrity, url = locked(lock, library.package)
        data = download(url)
        check_integrity(data, integrity, url)
        files = unpack(data, library.file, url)
        for path, content in sorted(files.items()):
            destination = target / library.package / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(content)
            written.append(destination)
        sources.append(
            {
                "package": library.package,
                "version": version,
                "integrity": integrity,
                "url": url,
                "files": sorted(files),
            }
        )
    record = target / "sources.json"
    record.write_text(json.dumps(sources, indent=2) + "\n", encoding="utf-8")
    return [*written, record]


class BuildWithBrowserLibraries(build_py):
    """``build_py``, then the browser's libraries into the built package."""

    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            vendor(Path(self.build_lib, *VENDOR))


if __name__ == "__main__":
    setup(cmdclass={"build_py": BuildWithBrowserLibraries})
