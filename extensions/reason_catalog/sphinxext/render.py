"""Docutils nodes for catalogue content: inline text with links, Markdown blocks, badges."""

from __future__ import annotations

from http import HTTPStatus

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective, new_document

from ..catalogue.text import code_spans
from .store import LoadedCatalogue


def status_phrase(status: int | None) -> str:
    """``404 Not Found``; a bare number for statuses without a standard name."""
    if status is None:
        return "Status not documented"
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def status_name(status: int | None) -> str:
    """``Not Found``: the standard name of a status, without its number."""
    if status is None:
        return "Status not documented"
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Other status"


def status_class(status: int | None) -> str:
    """The CSS class that colours a status badge by its class (4xx, 5xx, …)."""
    return f"rc-status-{status // 100}xx" if status else "rc-status-none"


def status_badge(status: int | None) -> nodes.inline:
    """A badge showing an HTTP status."""
    text = str(status) if status else "—"
    badge = nodes.inline(text, text, classes=["rc-status", status_class(status)])
    badge["title"] = status_phrase(status) if status else "The provider documents no status"
    return badge


def xref(kind: str, target: str, text: str, *, code: bool = True) -> addnodes.pending_xref:
    """A cross-reference to a reason (``kind="code"``) or an endpoint, resolved by the domain."""
    node = addnodes.pending_xref(
        "",
        refdomain="reason",
        reftype=kind,
        reftarget=target,
        refexplicit=True,
        refwarn=True,
    )
    child: nodes.Node = (
        nodes.literal(text, text, classes=["xref", "reason", f"reason-{kind}"])
        if code
        else nodes.inline(text, text)
    )
    node += child
    return node


def linked_code(loaded: LoadedCatalogue, text: str) -> nodes.Node | None:
    """A link for a code span that names a reason or an endpoint of the catalogue."""
    catalogue = loaded.catalogue
    if catalogue.reason(text) is not None:
        return xref("code", f"{catalogue.slug}:{text}", text)
    entry = loaded.labels.get(text)
    if entry is not None:
        return xref("endpoint", f"{catalogue.slug}:{entry.label}", text)
    return None


def inline(loaded: LoadedCatalogue, text: str) -> list[nodes.Node]:
    """Catalogue text as inline nodes; code spans naming reasons or endpoints link to them."""
    out: list[nodes.Node] = []
    for is_code, piece in code_spans(" ".join(text.split())):
        if not is_code:
            out.append(nodes.Text(piece))
            continue
        out.append(linked_code(loaded, piece) or nodes.literal(piece, piece))
    return out


def paragraph(loaded: LoadedCatalogue, text: str, *, label: str = "") -> nodes.paragraph:
    """One paragraph of catalogue text, optionally led by a bold label."""
    para = nodes.paragraph()
    if label:
        para += nodes.strong(label, label)
        para += nodes.Text(" ")
    para.extend(inline(loaded, text))
    return para


def markdown_blocks(
    directive: SphinxDirective, loaded: LoadedCatalogue, text: str
) -> list[nodes.Node]:
    """Block-level Markdown (paragraphs, lists, tables) as nodes, whatever the host document.

    Catalogue text is Markdown even when the page citing it is reStructuredText, so it is
    parsed with MyST into a scratch document and its nodes moved over. Code spans that name
    a reason or an endpoint of the catalogue become links, as in table cells.
    """
    from myst_parser.parsers.sphinx_ import MystParser  # noqa: PLC0415 - MyST is optional

    source = directive.get_source_info()[0] or "<catalogue>"
    scratch = new_document(source, directive.state.document.settings)
    MystParser().parse(text, scratch)
    # Catalogue text is data, not markup: HTML in it is shown as written, never run.
    for raw in list(scratch.findall(nodes.raw)):
        shown = nodes.Text(raw.astext())
        in_text = isinstance(raw.parent, nodes.TextElement)
        raw.replace_self(shown if in_text else nodes.paragraph("", "", shown))
    for literal in list(scratch.findall(nodes.literal)):
        link = linked_code(loaded, literal.astext())
        if link is not None:
            literal.replace_self(link)
    # Moved nodes would still point at the scratch document, whose settings hold the whole
    # build environment: pickled with the doctree, that made each page's doctree megabytes.
    document = directive.state.document
    for node in scratch.findall():
        node.document = document
    return list(scratch.children)
