"""Docutils nodes for catalogue content: its Markdown, cross-references, codes and badges.

Catalogue text is parsed once into the tree of :mod:`..catalogue.markdown` and drawn here with
plain docutils nodes, so every builder (HTML, LaTeX, text, …) shows the same thing and nothing
in the text can reach a directive, a role, raw output or a file: the text never meets a
reStructuredText or MyST parser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from ..catalogue import markdown as md
from ..catalogue.text import Badge, code_pieces, severity_badge, status_badge
from .links import CodeLinks, LinkTarget

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

#: Given a code span's text, what it names (see :class:`.links.CodeLinks`).
CodeResolver = Callable[[str], LinkTarget | None]


def status_badge_node(statuses: Sequence[int]) -> nodes.Element | None:
    """A reason's status badge as :func:`..catalogue.text.status_badge` describes it, or none.

    A ``varies`` badge does not say which statuses it stands for, so it carries them as an
    abbreviation: a tooltip in HTML, written out beside it by builders without tooltips.
    """
    badge = status_badge(statuses)
    if badge is None:
        return None
    if len(statuses) > 1:
        return nodes.abbreviation(
            badge.text, badge.text, explanation=badge.title, classes=list(badge.classes)
        )
    return _badge_node(badge)


def severity_badge_node(severity: str | None) -> nodes.inline | None:
    """The badge of a reason reported as a warning or information (:func:`severity_badge`)."""
    badge = severity_badge(severity)
    return None if badge is None else _badge_node(badge)


def _badge_node(badge: Badge) -> nodes.inline:
    return nodes.inline(badge.text, badge.text, classes=list(badge.classes))


class wrapped_code(nodes.literal):  # named as docutils names node classes
    """A code that may wrap at its word boundaries: ``<wbr>`` between its pieces in HTML, a
    plain literal for every other builder (Sphinx's translators fall back to ``literal``).

    One node, not a text and a raw node per piece: tables of thousands of long codes would
    otherwise carry tens of thousands more nodes through every transform and pickle.
    """


def visit_wrapped_code(translator: HTML5Translator, node: wrapped_code) -> None:
    """Draw a code as a literal, with ``<wbr>`` where :func:`code_pieces` cuts it."""
    translator.visit_literal(node)
    for index, piece in enumerate(code_pieces(node.astext())):
        if index:
            translator.body.append("<wbr>")
        translator.visit_Text(nodes.Text(piece))
    translator.depart_literal(node)
    raise nodes.SkipNode


def code_literal(text: str, classes: Sequence[str] = ()) -> nodes.literal:
    """A code as a literal that may wrap where :func:`..catalogue.text.code_pieces` cuts it.

    The breaks are ``<wbr>`` in HTML and nothing elsewhere: the literal's text, what a reader
    copies and what every other builder shows, is the code exactly.
    """
    kind = wrapped_code if len(code_pieces(text)) > 1 else nodes.literal
    return kind(text, text, classes=list(classes))


#: Marks a cross-reference whose target the document already depends on (a table's link to
#: each of its own rows' pages): it need not be noted again as a citation.
COVERED = "reason-covered"


def xref(
    kind: str,
    target: str,
    text: str,
    *,
    code: bool = True,
    covered: bool = False,
    wrap: bool = False,
) -> addnodes.pending_xref:
    """A cross-reference to a reason (``kind="code"``) or an endpoint, resolved by the domain.

    With ``wrap``, a long code may wrap at its word boundaries (see :func:`code_literal`).
    """
    node = addnodes.pending_xref(
        "",
        refdomain="reason",
        reftype=kind,
        reftarget=target,
        refexplicit=True,
        refwarn=True,
    )
    if covered:
        node[COVERED] = True
    classes = ["xref", "reason", f"reason-{kind}"]
    child: nodes.Node
    if not code:
        child = nodes.inline(text, text)
    elif wrap:
        child = code_literal(text, classes)
    else:
        child = nodes.literal(text, text, classes=classes)
    node += child
    return node


def markdown(
    text: str,
    links: CodeResolver | None,
    *,
    heading_offset: int = 0,
    lead: Sequence[nodes.Node] = (),
    tail: Sequence[nodes.Node] = (),
    base: str | None = None,
) -> list[nodes.Node]:
    """Catalogue Markdown as body nodes; code spans naming a reason or endpoint link to it.

    ``lead`` and ``tail`` go at the start of the first paragraph and the end of the last (in
    paragraphs of their own when the text does not begin or end with one): a ``Fix:`` label,
    a "Use X instead." sentence. Relative links go to ``base``, by default the docs site of
    the catalogue ``links`` reads (see :func:`..catalogue.markdown.safe_href`).
    """
    if base is None and isinstance(links, CodeLinks):
        base = links.loaded.catalogue.api.docs_url
    tree = md.parse(text, heading_offset=heading_offset, base=base)
    return _Renderer(links).document(tree, lead, tail)


class _Renderer:
    """Draws a Markdown tree with docutils nodes (the tree's depth is bounded by its parser)."""

    def __init__(self, links: CodeResolver | None) -> None:
        self.links = links

    def document(
        self, document: md.Document, lead: Sequence[nodes.Node], tail: Sequence[nodes.Node]
    ) -> list[nodes.Node]:
        blocks = list(document.children)
        out: list[nodes.Node] = []
        if lead and not (blocks and isinstance(blocks[0], md.Paragraph)):
            out.append(nodes.paragraph("", "", *lead))
            lead = ()
        trailing = bool(tail) and not (blocks and isinstance(blocks[-1], md.Paragraph))
        for index, block in enumerate(blocks):
            if isinstance(block, md.Paragraph):
                first, last = index == 0, index == len(blocks) - 1
                out.append(
                    self.paragraph(
                        block,
                        lead if first else (),
                        tail if last and not trailing else (),
                    )
                )
            else:
                out.append(self.block(block))
        if trailing:
            out.append(nodes.paragraph("", "", *tail))
        return out

    def blocks(self, blocks: Sequence[md.Block]) -> list[nodes.Node]:
        return [self.block(block) for block in blocks]

    def block(self, block: md.Block) -> nodes.Element:
        if isinstance(block, md.Paragraph):
            return self.paragraph(block)
        if isinstance(block, md.Heading):
            # A rubric, not a section: catalogue text sits inside tables, notes and lists,
            # where sections cannot go; Sphinx draws it as <hN class="rubric">.
            rubric = nodes.rubric("", "", *self.inlines(block.children))
            rubric["heading-level"] = block.level
            return rubric
        if isinstance(block, md.BulletList):
            bullets = nodes.bullet_list(bullet="-")
            bullets.extend(nodes.list_item("", *self.blocks(item)) for item in block.items)
            return bullets
        if isinstance(block, md.OrderedList):
            numbered = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
            if block.start != 1:
                numbered["start"] = block.start
            numbered.extend(nodes.list_item("", *self.blocks(item)) for item in block.items)
            return numbered
        if isinstance(block, md.CodeBlock):
            text = block.text.removesuffix("\n")
            # "none": shown as written. The info string of a fence is only ever a class, and
            # not docutils' "language-*", which it turns into an HTML ``lang`` attribute.
            literal = nodes.literal_block(text, text, language="none")
            if block.language:
                literal["classes"].append(f"rc-language-{block.language}")
            return literal
        if isinstance(block, md.Table):
            return self.table(block)
        if isinstance(block, md.BlockQuote):
            return nodes.block_quote("", *self.blocks(block.children))
        # Not a docutils transition: those may only stand between sections' body elements.
        return nodes.container(classes=["rc-break"])

    def paragraph(
        self,
        paragraph: md.Paragraph,
        lead: Sequence[nodes.Node] = (),
        tail: Sequence[nodes.Node] = (),
    ) -> nodes.Element:
        """A paragraph; one with hard line breaks is a line block, which every builder has."""
        lines: list[list[md.Inline]] = [[]]
        for node in paragraph.children:
            if isinstance(node, md.HardBreak):
                lines.append([])
            else:
                lines[-1].append(node)
        if len(lines) == 1:
            return nodes.paragraph("", "", *lead, *self.inlines(lines[0]), *tail)
        block = nodes.line_block()
        for index, line in enumerate(lines):
            before = lead if index == 0 else ()
            after = tail if index == len(lines) - 1 else ()
            block += nodes.line("", "", *before, *self.inlines(line), *after)
        return block

    def inlines(self, inlines: Sequence[md.Inline], *, in_link: bool = False) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for node in inlines:
            if isinstance(node, md.Text):
                out.append(nodes.Text(node.text))
            elif isinstance(node, md.Code):
                target = None if in_link or self.links is None else self.links(node.text)
                if target is None:
                    out.append(nodes.literal(node.text, node.text))
                else:
                    out.append(xref(target.kind, target.target, node.text))
            elif isinstance(node, md.Emphasis):
                out.append(nodes.emphasis("", "", *self.inlines(node.children, in_link=in_link)))
            elif isinstance(node, md.Strong):
                out.append(nodes.strong("", "", *self.inlines(node.children, in_link=in_link)))
            elif isinstance(node, md.Link):
                reference = nodes.reference(
                    "", "", *self.inlines(node.children, in_link=True), refuri=node.href
                )
                if node.title:
                    reference["reftitle"] = node.title
                out.append(reference)
            elif isinstance(node, md.SoftBreak):
                out.append(nodes.Text("\n"))
            else:  # a hard break nested in emphasis or a link: a space
                out.append(nodes.Text(" "))
        return out

    def table(self, table: md.Table) -> nodes.table:
        # Columns as wide as their content, as MyST and the HTML renderer draw them; the
        # widths are for builders that need them (text, LaTeX).
        node = nodes.table(classes=["colwidths-auto"])
        group = nodes.tgroup(cols=len(table.header))
        node += group
        for column in range(len(table.header)):
            cells = [table.header[column], *(row[column] for row in table.rows)]
            width = max(len(md.plain_text(md.Paragraph(cell))) for cell in cells)
            group += nodes.colspec(colwidth=min(max(width, 3), 40))
        head = nodes.thead()
        head += self.row(table.header, table.align)
        group += head
        if table.rows:
            body = nodes.tbody()
            body.extend(self.row(cells, table.align) for cells in table.rows)
            group += body
        return node

    def row(self, cells: Sequence[md.Cell], align: Sequence[str]) -> nodes.row:
        row = nodes.row()
        for cell, alignment in zip(cells, align, strict=False):
            entry = nodes.entry(classes=[f"rc-align-{alignment}"] if alignment else [])
            entry += nodes.paragraph("", "", *self.inlines(cell))
            row += entry
        return row
