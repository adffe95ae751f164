"""``reason:changelog``: per API and version, the reasons added, deprecated, renamed, removed.

Built from the lifecycle fields (``since``, ``deprecated.since``, ``retired[].since``), so it
cannot disagree with the catalogue.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..catalogue.model import Catalogue
from .access import reason_domain
from .links import CodeLinks
from .render import markdown, xref
from .store import LoadedCatalogue

#: Headings in a note sit below the version's rubrics.
NOTE_HEADINGS = 4


def _version_key(version: str) -> tuple[object, ...]:
    """Newest first: ``v1.10`` after ``v1.9``, whatever the prefix."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", version))


def events(catalogue: Catalogue) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """version → kind → [(code, note)]; kinds: added, deprecated, renamed, removed."""
    found: dict[str, dict[str, list[tuple[str, str]]]] = {}

    def add(version: str | None, kind: str, code: str, note: str = "") -> None:
        if version:
            found.setdefault(version, {}).setdefault(kind, []).append((code, note))

    for reason in catalogue.reasons:
        add(reason.since, "added", reason.code)
        if reason.deprecated is not None:
            add(reason.deprecated.since, "deprecated", reason.code, reason.deprecated.message)
    for retired in catalogue.retired:
        kind = "renamed" if retired.renamed_to else "removed"
        add(retired.since, kind, retired.code, retired.message)
    return dict(sorted(found.items(), key=lambda item: _version_key(item[0]), reverse=True))


class ChangelogDirective(SphinxDirective):
    """Every API's lifecycle events, newest version first (or one API's, given its slug)."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        domain = reason_domain(self.env)
        store = domain.store
        slugs = [self.arguments[0]] if self.arguments else sorted(store.by_slug)
        out: list[nodes.Node] = []
        for slug in slugs:
            loaded: LoadedCatalogue | None = store.get(slug)
            if loaded is None:
                raise self.error(f"no catalogue has the slug {slug!r}")
            domain.note_uses(self.env.docname, [("table", slug, "")])
            out.append(self._section(loaded, CodeLinks(store, loaded)))
        return out

    def _section(self, loaded: LoadedCatalogue, links: CodeLinks) -> nodes.section:
        catalogue = loaded.catalogue
        section = nodes.section(ids=[nodes.make_id(f"changes-{catalogue.slug}")])
        section += nodes.title(catalogue.api.name, catalogue.api.name)
        versions = events(catalogue)
        if not versions:
            section += nodes.paragraph(
                text=f"The {catalogue.api.name} catalogue records no versions yet: none of its "
                "reasons says when it appeared, was deprecated or retired."
            )
            return section
        titles = {
            "added": "Added",
            "deprecated": "Deprecated",
            "renamed": "Renamed",
            "removed": "Removed",
        }
        for version, kinds in versions.items():
            part = nodes.section(ids=[nodes.make_id(f"changes-{catalogue.slug}-{version}")])
            part += nodes.title(version, version)
            for kind in ("added", "deprecated", "renamed", "removed"):
                if kind not in kinds:
                    continue
                part += nodes.rubric(text=titles[kind])
                items = nodes.bullet_list()
                for code, note in kinds[kind]:
                    target = f"{catalogue.slug}:{code}"
                    lead: list[nodes.Node] = [xref("code", target, code, wrap=True)]
                    retired = catalogue.retired_code(code)
                    if retired is not None and retired.renamed_to:
                        renamed = retired.renamed_to
                        lead.append(nodes.Text(" → "))
                        lead.append(xref("code", f"{catalogue.slug}:{renamed}", renamed, wrap=True))
                    if note:
                        lead.append(nodes.Text(": "))
                        # Relative links in the note go to the API's docs site (see markdown()).
                        body = markdown(note, links, heading_offset=NOTE_HEADINGS, lead=lead)
                    else:
                        body = [nodes.paragraph("", "", *lead)]
                    items += nodes.list_item("", *body)
                part += items
            section += part
        return section
