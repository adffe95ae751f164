"""The append-only check: a new catalogue may add reasons, never silently break published ones.

A published reason's code is in clients' logs and its URL in their error messages, so between
two versions of a catalogue:

- a reason may not disappear, or change its code, without a ``retired`` entry (which keeps its
  URL answering: a redirect for a rename, a tombstone for a removal);
- its HTTP status and its URL may not change;
- an endpoint it listed may not stop being listed unless a note of the reason names it;
- an endpoint's page may not disappear (its path or a parameter name changed, a pattern
  was dropped) without a ``retired_endpoints`` entry, which keeps its URL answering;
- a retired code or endpoint stays retired.

Additions are fine, and reported.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue.errors import CatalogueError, Problem
from .catalogue.load import load_catalogues
from .catalogue.model import Catalogue, Reason
from .catalogue.routing import endpoint_slug, identity, route
from .catalogue.urls import DEFAULT_ENDPOINT_PAGE, DEFAULT_REASON_PAGE, endpoint_page, reason_page


@dataclass
class CompatReport:
    """What changed between two versions: problems (each breaks a published link) and news."""

    problems: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the new version keeps every promise of the old one."""
        return not self.problems


def compare_catalogues(
    old: Catalogue,
    new: Catalogue,
    template: str = DEFAULT_REASON_PAGE,
    endpoint_template: str = DEFAULT_ENDPOINT_PAGE,
) -> CompatReport:
    """Compare two versions of one API's catalogue."""
    report = CompatReport()
    name = new.slug
    # A reason may list the endpoint's new spelling when the old one is retired to it.
    moved_to = {identity(r.endpoint): str(r.moved_to) for r in new.retired_endpoints if r.moved_to}
    for reason in old.reasons:
        old_url = reason_page(template, old.slug, reason.code, reason.scope) + ".html"
        current = new.reason(reason.key)
        if current is None or current.key != reason.key:
            retired = new.retired_code(reason.key)
            if retired is not None and retired.key == reason.key:
                what = f"renamed to {retired.renamed_to}" if retired.renamed_to else "removed"
                report.retired.append(f"{name}: {reason.key}: {what}")
                continue
            renamed = f" (now {current.code})" if current is not None else ""
            report.problems.append(
                f"{name}: {reason.key}: was published and is gone{renamed} without a "
                f"lifecycle entry; add it to `retired` (with `renamed_to` for a rename)"
            )
            continue
        if not set(reason.statuses) <= set(current.statuses):
            was, now = _statuses(reason), _statuses(current)
            report.problems.append(
                f"{name}: {reason.key}: HTTP status changed from {was} to "
                f"{now}; a published reason keeps its status"
            )
        new_url = reason_page(template, new.slug, current.code, current.scope) + ".html"
        if new_url != old_url:
            report.problems.append(f"{name}: {reason.key}: URL changed from {old_url} to {new_url}")
        listed = {str(e) for e in current.endpoints}
        notes = " ".join(current.notes)
        for endpoint in reason.endpoints:
            label = str(endpoint)
            moved = moved_to.get(identity(endpoint))
            if label not in listed and label not in notes and moved not in listed:
                report.problems.append(
                    f"{name}: {reason.key}: no longer lists {label}; keep it, or say why in "
                    f"a note of the reason that names it"
                )
    for retired in old.retired:
        if new.retired_code(retired.key) is None and new.reason(retired.key) is None:
            report.problems.append(
                f"{name}: {retired.key}: was retired and its entry is gone; its URL must "
                f"keep answering"
            )
    _compare_endpoint_pages(old, new, endpoint_template, report)
    old_keys = {r.key for r in old.reasons} | {r.key for r in old.retired}
    report.added.extend(f"{name}: {r.key}" for r in new.reasons if r.key not in old_keys)
    return report


def _endpoint_pages(catalogue: Catalogue, template: str) -> dict[str, str]:
    """The page of every endpoint and retired endpoint: page name → the endpoint's label."""
    pages = {
        endpoint_page(template, catalogue.slug, entry.slug): entry.label
        for entry in route(catalogue)
    }
    for retired in catalogue.retired_endpoints:
        page = endpoint_page(template, catalogue.slug, endpoint_slug(retired.endpoint))
        pages.setdefault(page, identity(retired.endpoint))
    return pages


def _compare_endpoint_pages(
    old: Catalogue, new: Catalogue, template: str, report: CompatReport
) -> None:
    """Every endpoint page the old version published must still answer in the new one."""
    name = new.slug
    now = _endpoint_pages(new, template)
    retired = {identity(r.endpoint): r for r in new.retired_endpoints}
    was_retired = {identity(r.endpoint) for r in old.retired_endpoints}
    for page, label in sorted(_endpoint_pages(old, template).items()):
        if page in now:
            if label in retired and label not in was_retired:
                moved = retired[label].moved_to
                what = f"moved to {identity(moved)}" if moved else "removed"
                report.retired.append(f"{name}: endpoint {label}: {what}")
            continue
        report.problems.append(
            f"{name}: endpoint {label}: its page {page}.html was published and is gone; add "
            f"it to `retired_endpoints` (with `moved_to` when it was renamed)"
        )


def compare(old: Sequence[Catalogue], new: Sequence[Catalogue]) -> CompatReport:
    """Compare every API's catalogue, matched by slug; a vanished API is a problem."""
    report = CompatReport()
    by_slug = {c.slug: c for c in new}
    for catalogue in old:
        successor = by_slug.get(catalogue.slug)
        if successor is None:
            report.problems.append(f"{catalogue.slug}: the whole catalogue is gone")
            continue
        part = compare_catalogues(catalogue, successor)
        report.problems.extend(part.problems)
        report.added.extend(part.added)
        report.retired.extend(part.retired)
    old_slugs = {c.slug for c in old}
    report.added.extend(f"{c.slug}: new API" for c in new if c.slug not in old_slugs)
    return report


def load_version(spec: str, scratch: Path) -> list[Catalogue]:
    """Catalogues from a path, or from ``git:<ref>:<path>`` (a file or a folder at that ref)."""
    if not spec.startswith("git:"):
        return load_catalogues([spec])
    _, ref, path = spec.split(":", 2) if spec.count(":") >= 2 else (spec, "", "")
    if not ref or not path:
        raise CatalogueError([Problem(spec, 1, 1, "(argument)", "write git:<ref>:<path>")])

    def git(*args: str) -> bytes:
        try:
            return subprocess.run(["git", *args], check=True, capture_output=True).stdout
        except (OSError, subprocess.CalledProcessError) as error:
            detail = getattr(error, "stderr", b"") or str(error).encode()
            raise CatalogueError(
                [Problem(spec, 1, 1, "(git)", detail.decode(errors="replace").strip())]
            ) from None

    kind = git("cat-file", "-t", f"{ref}:{path}").decode().strip()
    names = (
        [
            f"{path.rstrip('/')}/{n}"
            for n in git("ls-tree", "--name-only", f"{ref}:{path}").decode().split()
            if n.endswith((".yaml", ".yml"))
        ]
        if kind == "tree"
        else [path]
    )
    folder = Path(tempfile.mkdtemp(dir=scratch))
    for name in names:
        (folder / Path(name).name).write_bytes(git("show", f"{ref}:{name}"))
    return load_catalogues([folder])


def _statuses(reason: Reason) -> str:
    return " or ".join(map(str, reason.statuses)) or "none"
