"""``reason:table``: a catalogue's groups as sections, each with its intro, notes and table.

Like the providers' own pages: per group its title, intro and notes, then one row per reason
with its code (linking to the reason's page; a long one wraps at its word boundaries, so the
cause keeps its room) and severity, HTTP status, and its title and Cause → Fix.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..catalogue.model import Catalogue, Group, Reason
from .access import reason_domain
from .examples import catalogue_example_test, setup_node
from .links import CodeLinks
from .render import markdown, severity_badge_node, status_badge_node, xref
from .specs import COVERAGE_LABEL, SiteSpec
from .store import LoadedCatalogue, Use

#: Headings in catalogue text sit below the titles around them: the API's description below
#: the page's title, a group's intro and notes below the group's title (one level deeper for
#: each level of nesting), a cell's text below them all.
DESCRIPTION_HEADINGS = 1
GROUP_HEADINGS = 2
CELL_HEADINGS = 4


def group_anchor(catalogue: Catalogue, group: Group) -> str:
    """The id of a group's section: stable, whatever page shows it."""
    return nodes.make_id(f"reasons-{catalogue.slug}-{group.id}")


def reason_anchor(catalogue: Catalogue, reason: Reason) -> str:
    """The id of a reason's row."""
    return nodes.make_id(f"reason-{catalogue.slug}-{reason.key}")


class ReasonTableDirective(SphinxDirective):
    """Render a catalogue (or one group of it) as titled sections of reason tables.

    ``.. reason:table:: voipbin`` renders the whole catalogue; ``:group: call`` one group and
    its subgroups; ``:no-description:`` leaves out the API's introduction.
    """

    required_arguments = 1
    option_spec = {  # noqa: RUF012
        "group": directives.unchanged_required,
        "no-description": directives.flag,
    }
    #: Links the code spans of the catalogue's text (set by :meth:`run`).
    links: CodeLinks

    def run(self) -> list[nodes.Node]:
        domain = reason_domain(self.env)
        slug = self.arguments[0]
        loaded: LoadedCatalogue | None = domain.store.get(slug)
        if loaded is None:
            known = ", ".join(sorted(domain.store.by_slug)) or "none"
            raise self.error(f"no catalogue has the slug {slug!r} (known: {known})")
        catalogue = loaded.catalogue
        group_id = self.options.get("group", "")
        if group_id and group_id not in catalogue.group_ids:
            raise self.error(f"{catalogue.api.name} has no group {group_id!r}")
        uses: list[Use] = [("table", slug, group_id)]
        domain.note_uses(self.env.docname, uses)

        self.store, self.loaded = domain.store, loaded
        self.links = CodeLinks(domain.store, loaded)
        out: list[nodes.Node] = [setup_node(catalogue)]
        if not group_id and "no-description" not in self.options and catalogue.api.description:
            out.extend(
                markdown(catalogue.api.description, self.links, heading_offset=DESCRIPTION_HEADINGS)
            )
        if not group_id and loaded.spec is not None:
            out.append(_coverage_link(loaded.spec, catalogue.slug))
        groups = [catalogue.group(group_id)] if group_id else list(catalogue.top_groups())
        for group in groups:
            out.append(self._section(loaded, group))
        return out

    def _links(self, scope: str | None) -> CodeLinks:
        """Links for a scope's text: its code spans name the scope's own reasons first."""
        return self.links if scope is None else CodeLinks(self.store, self.loaded, scope)

    def _section(self, loaded: LoadedCatalogue, group: Group) -> nodes.section:
        catalogue = loaded.catalogue
        section = nodes.section(ids=[group_anchor(catalogue, group)], classes=["rc-group"])
        section += nodes.title(group.title, group.title)
        offset = GROUP_HEADINGS + group.depth
        if group.intro:
            section.extend(markdown(group.intro, self._links(group.scope), heading_offset=offset))
        for note in group.notes:
            admonition = nodes.note()
            admonition.extend(markdown(note, self._links(group.scope), heading_offset=offset))
            section += admonition
        if group.see_also:
            para = nodes.paragraph(classes=["rc-see-also"])
            para += nodes.strong("See also:", "See also:")
            for index, other_id in enumerate(group.see_also):
                other = catalogue.group(other_id)
                para += nodes.Text(" " if index == 0 else ", ")
                ref = nodes.reference(
                    other.title,
                    other.title,
                    internal=True,
                    refid=group_anchor(catalogue, other),
                )
                para += ref
            section += para
        reasons = list(catalogue.reasons_in(group.id))
        if reasons:
            section += self._table(loaded, reasons)
        for child in group.children:
            section += self._section(loaded, catalogue.group(child))
        return section

    def _table(self, loaded: LoadedCatalogue, reasons: list[Reason]) -> nodes.table:
        catalogue = loaded.catalogue
        has_fix = any(r.fix for r in catalogue.reasons)
        headings = ["Reason", "HTTP", "Cause → Fix" if has_fix else "Meaning"]
        table = nodes.table(classes=["rc-reasons"])
        # Catalogue text is shown as written: no "smart" quotes (which also spares Sphinx a
        # pass over every text node of thousands of rows).
        table["support_smartquotes"] = False
        group = nodes.tgroup(cols=3)
        table += group
        for width in (30, 8, 62):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += _row([nodes.paragraph(text=h) for h in headings])
        group += head
        body = nodes.tbody()
        group += body
        for reason in reasons:
            code_cell = nodes.paragraph()
            # The row's own reason: the table's use of its group already covers it.
            target = f"{catalogue.slug}:{reason.key}"
            code_cell += xref("code", target, reason.code, covered=True, wrap=True)
            severity = severity_badge_node(reason.severity)
            if severity is not None:
                code_cell += nodes.Text(" ")
                code_cell += severity
            if reason.deprecated is not None:
                code_cell += nodes.Text(" ")
                code_cell += nodes.inline("deprecated", "deprecated", classes=["rc-deprecated"])
            status_cell = nodes.paragraph()
            badge = status_badge_node(reason.statuses)
            if badge is not None:
                status_cell += badge
            title: list[nodes.Node] = []
            if reason.title:
                strong = nodes.strong(reason.title, reason.title, classes=["rc-reason-title"])
                title = [strong, nodes.Text(" — ")]
            links = self._links(reason.scope)
            text_cell = markdown(reason.cause, links, heading_offset=CELL_HEADINGS, lead=title)
            if reason.fix:
                label = [nodes.strong("Fix:", "Fix:"), nodes.Text(" ")]
                text_cell += markdown(reason.fix, links, heading_offset=CELL_HEADINGS, lead=label)
            # A comment node: invisible in HTML, run by ``sphinx-build -b doctest``.
            text_cell.append(catalogue_example_test(catalogue, reason))
            row = _row([code_cell, status_cell, text_cell])
            row["ids"].append(reason_anchor(catalogue, reason))
            body += row
        return table


def _coverage_link(spec: SiteSpec, slug: str) -> nodes.paragraph:
    """Where the catalogue's coverage of its spec, and its drift from it, are shown."""
    para = nodes.paragraph(classes=["rc-spec-link"])
    para += nodes.Text("Its OpenAPI spec: ")
    para += nodes.literal(spec.reference, spec.reference)
    count = len(spec.operations)
    state = f"{count} operation{'s' if count != 1 else ''}" if not spec.problems else "unreadable"
    para += nodes.Text(f" ({state}). See ")
    link = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="ref",
        reftarget=COVERAGE_LABEL.format(api=slug),
        refexplicit=True,
        refwarn=True,
    )
    link += nodes.inline("", "how the catalogue covers it, and where it drifts")
    para += link
    para += nodes.Text(".")
    return para


def _row(cells: list[nodes.Node | list[nodes.Node]]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        if isinstance(content, list):
            entry.extend(content)
        else:
            entry += content
        row += entry
    return row
