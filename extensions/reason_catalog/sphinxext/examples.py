"""Example error bodies as doctests: each one shown on the site is parsed with its dialect.

The test nodes are ``sphinx.ext.doctest`` comments: invisible in HTML, collected by
``sphinx-build -b doctest``. A catalogue's examples point at the catalogue file and line, so a
failure says where to fix it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.directives.code import container_wrapper
from sphinx.util.docutils import SphinxDirective

from ..catalogue.dialect import EnvelopeError
from ..catalogue.examples import example_language
from ..catalogue.model import Catalogue, Reason
from .access import reason_domain


def group_name(catalogue: Catalogue) -> str:
    """The doctest group of a catalogue's examples."""
    return f"reason-{catalogue.slug}"


def setup_node(catalogue: Catalogue) -> nodes.comment:
    """Loads the catalogue and defines ``says(body)``: what a body says, read with the dialect.

    In a scoped catalogue it says which scopes the body may come from too: the one it names,
    or every scope that has its code.
    """
    scoped = (
        "    scopes = tuple(r.scope for r in catalogue.candidates(parsed))\n"
        "    return parsed.code, parsed.status, scopes\n"
        if catalogue.scoped
        else "    return parsed.code, parsed.status\n"
    )
    code = (
        "from reason_catalog import load_catalogue\n"
        f"catalogue = load_catalogue({str(catalogue.path)!r})\n"
        "def says(body, omitted=()):\n"
        "    parsed = catalogue.parse_envelope(body, omitted)\n" + scoped
    )
    return nodes.comment(code, code, testnodetype="testsetup", groups=[group_name(catalogue)])


def expected(
    catalogue: Catalogue, reason: Reason, body: str, omitted: tuple[str, ...] = ()
) -> tuple[Any, ...]:
    """What a body of this reason must say: its code, its status where bodies carry one (of
    several, the one the example shows), and in a scoped catalogue the scopes it may be from,
    which must include the reason's own."""
    status = reason.status if catalogue.dialect.has_status else None
    if len(reason.statuses) > 1 or catalogue.scoped:
        try:
            parsed = catalogue.parse_envelope(body, omitted)
        except EnvelopeError:
            parsed = None  # the doctest then shows why
        if parsed is not None and parsed.status in reason.statuses:
            status = parsed.status
        if catalogue.scoped:
            scopes = tuple(r.scope for r in catalogue.candidates(parsed)) if parsed else ()
            return reason.code, status, scopes if reason.scope in scopes else (reason.scope,)
    return reason.code, status


def test_node(
    catalogue: Catalogue,
    body_text: str,
    says: tuple[Any, ...],
    source: str,
    line: int,
    omitted: tuple[str, ...] = (),
) -> nodes.comment:
    """A doctest that parses ``body_text`` and expects ``says``; failures point at source:line.

    ``omitted`` are the values a generated example leaves out, which the schema may require.
    """
    arguments = f"{body_text!r}, {omitted!r}" if omitted else repr(body_text)
    code = f">>> says({arguments})\n{says!r}\n"
    node = nodes.comment(
        code, code, testnodetype="doctest", groups=[group_name(catalogue)], options={}
    )
    node.source = source
    node.line = line + 1  # the doctest builder reports node.line - 1
    return node


def catalogue_example_test(catalogue: Catalogue, reason: Reason) -> nodes.comment:
    """The doctest of a catalogue reason's own example, located in the catalogue file."""
    return test_node(
        catalogue,
        reason.example_text,
        expected(catalogue, reason, reason.example_text, reason.omitted),
        str(Path(catalogue.path).resolve()),
        reason.line,
        reason.omitted,
    )


class ReasonExampleDirective(SphinxDirective):
    """An error body written in a page, shown highlighted and doctested against a reason.

    ``.. reason:example:: voipbin:CALL_NOT_FOUND`` followed by the JSON body.
    """

    required_arguments = 1
    has_content = True
    option_spec = {"caption": directives.unchanged}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        domain = reason_domain(self.env)
        target = self.arguments[0]
        matches = domain.find("code", target)
        if len(matches) != 1:
            problem = "names no reason" if not matches else "names more than one reason"
            raise self.error(f"{target!r} {problem}; write it as api:CODE")
        slug, key = matches[0][1].split(":", 1)
        catalogue = domain.store.by_slug[slug].catalogue
        reason = catalogue.reason(key)
        if reason is None:
            raise self.error(f"{target!r} is retired: an example needs a current reason")
        body_text = "\n".join(self.content)
        language = example_language(body_text, catalogue.dialect)
        block: nodes.Element = nodes.literal_block(body_text, body_text, language=language)
        self.set_source_info(block)
        if "caption" in self.options:
            # The caption and block in one container, exactly as ``code-block`` does it.
            block = container_wrapper(self, block, self.options["caption"])
        source, line = self.get_source_info()
        says = expected(catalogue, reason, body_text)
        test = test_node(catalogue, body_text, says, source, line + 1)
        domain.note_uses(self.env.docname, [("reason", slug, key)])
        return [setup_node(catalogue), block, test]
