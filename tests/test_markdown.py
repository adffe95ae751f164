"""Catalogue Markdown: what each construct becomes, what is refused, and the limits."""

from __future__ import annotations

import time
from html.parser import HTMLParser

import pytest
from docutils import nodes
from reason_catalog import load_catalogues
from reason_catalog.catalogue.markdown import (
    MAX_INPUT,
    BlockQuote,
    BulletList,
    Code,
    CodeBlock,
    Document,
    Emphasis,
    HardBreak,
    Heading,
    Inline,
    Link,
    OrderedList,
    Paragraph,
    SoftBreak,
    Strong,
    Table,
    Text,
    ThematicBreak,
    code_spans,
    parse,
    plain_text,
    safe_href,
    walk,
)
from reason_catalog.catalogue.text import inline_html, to_html
from reason_catalog.sphinxext.links import LinkTarget
from reason_catalog.sphinxext.render import markdown as docutils_markdown

from .conftest import CATALOGUES


def para(*children: Inline) -> Document:
    return Document((Paragraph(children),))


def links_in(document: Document) -> list[Link]:
    return [node for node in walk(document) if isinstance(node, Link)]


# -- each construct ----------------------------------------------------------------------------

CONSTRUCTS = [
    ("The call does not exist.", para(Text("The call does not exist."))),
    (
        "A *b* **c** `D`",
        para(
            Text("A "),
            Emphasis((Text("b"),)),
            Text(" "),
            Strong((Text("c"),)),
            Text(" "),
            Code("D"),
        ),
    ),
    ("one\ntwo", para(Text("one"), SoftBreak(), Text("two"))),
    ("one  \ntwo", para(Text("one"), HardBreak(), Text("two"))),
    ("one\\\ntwo", para(Text("one"), HardBreak(), Text("two"))),
    (
        '[docs](https://example.com/x "The docs")',
        para(Link("https://example.com/x", (Text("docs"),), "The docs")),
    ),
    ("<https://example.com>", para(Link("https://example.com", (Text("https://example.com"),)))),
    ("# Title", Document((Heading((Text("Title"),), level=1),))),
    (
        "- a\n- b",
        Document((BulletList(((Paragraph((Text("a"),)),), (Paragraph((Text("b"),)),)), True),)),
    ),
    (
        "- a\n\n- b",
        Document((BulletList(((Paragraph((Text("a"),)),), (Paragraph((Text("b"),)),)), False),)),
    ),
    ("3. c", Document((OrderedList(((Paragraph((Text("c"),)),),), True, 3),))),
    ("```json\n{}\n```", Document((CodeBlock("{}\n", "json"),))),
    ("    indented", Document((CodeBlock("indented\n", ""),))),
    ("> quoted", Document((BlockQuote((Paragraph((Text("quoted"),)),)),))),
    ("---", Document((ThematicBreak(),))),
    (
        "| a | b |\n|:-:|--:|\n| `x` | y |\n| z |",
        Document(
            (
                Table(
                    ((Text("a"),), (Text("b"),)),
                    (((Code("x"),), (Text("y"),)), ((Text("z"),), ())),
                    ("center", "right"),
                ),
            )
        ),
    ),
]


@pytest.mark.parametrize(("text", "tree"), CONSTRUCTS, ids=[t for t, _ in CONSTRUCTS])
def test_each_construct(text: str, tree: Document) -> None:
    assert parse(text) == tree


def test_ordinary_text_is_one_paragraph() -> None:
    assert to_html(parse("The call does not exist.")) == "<p>The call does not exist.</p>\n"


def test_html_of_each_construct() -> None:
    html = to_html(
        parse(
            "# T\n\nA *b* **c** `D` [e](https://x.example)  \nf\n\n- g\n\n3. h\n\n"
            "```json\n{}\n```\n\n> i\n\n---\n\n| j |\n|:-:|\n| k |"
        )
    )
    for expected in [
        '<h1 class="rubric">T</h1>',
        "<p>A <em>b</em> <strong>c</strong> "
        '<code class="docutils literal notranslate">D</code> '
        '<a class="reference external" href="https://x.example">e</a><br />\nf</p>',
        '<ul class="simple">\n<li><p>g</p>\n</li>\n</ul>',
        '<ol class="simple" start="3">',
        '<div class="rc-language-json highlight-none notranslate"><div class="highlight">'
        '<pre tabindex="0"><span></span>{}\n</pre></div>',
        "<blockquote>\n<p>i</p>\n</blockquote>",
        '<div class="rc-break docutils container">',
        '<th class="head rc-align-center"><p>j</p></th>',
        '<td class="rc-align-center"><p>k</p></td>',
    ]:
        assert expected in html


def test_headings_are_demoted_to_fit_the_page() -> None:
    tree = parse("# One\n\n### Three\n\n###### Six", heading_offset=2)
    assert [node.level for node in tree.children if isinstance(node, Heading)] == [3, 5, 6]
    assert '<h3 class="rubric">One</h3>' in to_html(tree)


def test_fence_info_is_only_a_class() -> None:
    assert parse("```python {.x onclick=alert(1)}\nx\n```") == Document(
        (CodeBlock("x\n", "python"),)
    )
    assert parse('```"><script>\nx\n```') == Document((CodeBlock("x\n", ""),))


# -- links ---------------------------------------------------------------------------------------

REFUSED = [
    "javascript:window.__pwned=1",
    "JavaScript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&#58;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "ftp://example.com/x",
    "chrome://settings",
]


@pytest.mark.parametrize("url", REFUSED)
def test_refused_links_become_text(url: str) -> None:
    for text in (f"[click]({url})", f"<{url}>", f"[click][r]\n\n[r]: {url}"):
        tree = parse(text)
        assert links_in(tree) == [], text
        assert "href" not in to_html(tree)
    assert plain_text(parse(f"[click]({url})")) == "click"


@pytest.mark.parametrize(
    "url",
    [
        "\\\\evil.example/x",
        "/\\evil.example/x",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "",
    ],
)
def test_urls_browsers_read_differently_are_refused(url: str) -> None:
    assert safe_href(url) is None


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://example.com/a?b=c#d", "https://example.com/a?b=c#d"),
        ("HTTP://example.com", "HTTP://example.com"),
        ("mailto:support@example.com", "mailto:support@example.com"),
        (
            'https://x.example/"onmouseover="alert(1)',
            "https://x.example/%22onmouseover=%22alert(1)",
        ),
    ],
)
def test_allowed_links(url: str, href: str) -> None:
    for base in (None, DOCS):
        (link,) = links_in(parse(f"[a]({url})", base=base))
        assert link.href == href


# -- links as published: relative to the provider's docs site ------------------------------------

DOCS = "https://docs.example.com/api/"
RELATIVE = [
    ("/docs/pricing", "https://docs.example.com/docs/pricing"),
    ("../errors#x", "https://docs.example.com/errors#x"),
    ("errors/card_declined", "https://docs.example.com/api/errors/card_declined"),
    ("#fix", "https://docs.example.com/api/#fix"),
    ("?page=2", "https://docs.example.com/api/?page=2"),
]


@pytest.mark.parametrize(("url", "href"), RELATIVE, ids=[u for u, _ in RELATIVE])
def test_relative_links_go_to_the_docs_site(url: str, href: str) -> None:
    for text in (f"[a]({url})", f"[a][r]\n\n[r]: {url}"):
        assert links_in(parse(text, base=DOCS)) == [Link(href, (Text("a"),))], text
    assert safe_href(url, DOCS) == href
    html = to_html(parse(f"See [the docs]({url}).", base=DOCS))
    assert html == f'<p>See <a class="reference external" href="{href}">the docs</a>.</p>\n'
    (paragraph,) = docutils_markdown(f"See [the docs]({url}).", None, base=DOCS)
    (reference,) = paragraph.findall(nodes.reference)
    assert reference["refuri"] == href


@pytest.mark.parametrize("url", [u for u, _ in RELATIVE])
def test_relative_links_without_a_docs_site_are_text(url: str) -> None:
    """On this site a link written for the provider's would lead nowhere: its text stays."""
    tree = parse(f"See [the docs]({url}) and ![a chart]({url}).")
    assert links_in(tree) == []
    assert plain_text(tree) == "See the docs and a chart."
    assert "href" not in to_html(tree)
    (paragraph,) = docutils_markdown(f"See [the docs]({url}).", None)
    assert list(paragraph.findall(nodes.reference)) == []
    assert safe_href(url) is None


def test_relative_images_are_links_to_the_docs_site() -> None:
    tree = parse("![a chart](/img/chart.png)", base=DOCS)
    assert links_in(tree) == [Link("https://docs.example.com/img/chart.png", (Text("a chart"),))]
    assert "<img" not in to_html(tree)


@pytest.mark.parametrize("url", REFUSED)
def test_a_docs_site_lets_no_refused_link_through(url: str) -> None:
    for text in (f"[click]({url})", f"<{url}>", f"[click][r]\n\n[r]: {url}"):
        assert links_in(parse(text, base=DOCS)) == [], text


def test_parsing_is_cached_per_docs_site() -> None:
    text = "[a](/x) and *b*"
    assert parse(text, base=DOCS) is parse(text, base=DOCS)
    assert parse(text, base="https://other.example/") != parse(text, base=DOCS)
    assert parse(text) == parse(text, base=None)


def test_attributes_are_quoted_and_escaped() -> None:
    html = to_html(parse('[a](https://x.example "\\"><svg onload=alert(1)>")'))
    assert 'title="&quot;&gt;&lt;svg onload=alert(1)&gt;"' in html
    assert "<svg" not in html


def test_images_are_never_loaded() -> None:
    tree = parse(
        "![a chart](https://example.com/c.png) ![b](data:image/png;base64,AAAA) ![c](x.png)"
    )
    assert links_in(tree) == [Link("https://example.com/c.png", (Text("a chart"),))]
    assert plain_text(tree) == "a chart b c"
    assert "<img" not in to_html(tree)
    # an image inside a link: no link inside a link
    assert links_in(parse("[![i](https://i.example/i.png)](https://x.example)")) == [
        Link("https://x.example", (Text("i"),))
    ]


def test_code_spans_link_through_the_linker_only_outside_links() -> None:
    def linker(text: str) -> tuple[str, str] | None:
        return ("CALL.html", '"Gone" <now>') if text == "CALL" else None

    html = to_html(parse("`CALL` and `OTHER` and [`CALL`](https://x.example)"), linker)
    assert html.count("CALL.html") == 1
    assert 'title="&quot;Gone&quot; &lt;now&gt;"' in html
    assert inline_html((Code("CALL"),), linker).startswith('<a class="reference internal"')
    assert list(code_spans(parse("`A` *`B`* [`C`](https://x.example)"))) == ["A", "B", "C"]


# -- markup that is not ours: literal text -------------------------------------------------------

LITERAL = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<!-- comment --> <b>bold</b>",
    "{reason:code}`X` {eval-rst}`.. raw:: html`",
    ".. raw:: html\n   :file: /etc/passwd",
    ".. meta::\n   :http-equiv=refresh: 0; url=https://evil.example",
    ":::{include} /etc/passwd\n:::",
]


@pytest.mark.parametrize("text", LITERAL)
def test_html_directives_and_roles_are_literal_text(text: str) -> None:
    tree = parse(text)
    assert links_in(tree) == []
    html = to_html(tree)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "<!--" not in html
    assert plain_text(tree).replace(" ", "") == "".join(text.split()).replace("`", "")


def test_directive_fences_are_code_blocks() -> None:
    for name in ("{literalinclude}", "{include}", "{eval-rst}"):
        tree = parse(f"```{name} /etc/passwd\n.. raw:: html\n   :file: /etc/passwd\n```")
        assert tree == Document((CodeBlock(".. raw:: html\n   :file: /etc/passwd\n", ""),))


# -- the work is bounded -------------------------------------------------------------------------

DEEP = [
    ">" * 1000 + " deep",
    "- " * 1000 + "deep",
    "\n".join("  " * i + "- deep" for i in range(1000)),
    "1. " * 1000 + "deep",
    "*" * 5000 + "deep" + "*" * 5000,
    "_" * 3000 + "deep" + "_" * 3000,
    "[" * 5000 + "deep" + "]" * 5000,
    "[deep](" * 2000,
    "a" + "`" * 3000 + "deep",
    "deep " + "*a " * 10000,
]


@pytest.mark.parametrize("text", DEEP, ids=range(len(DEEP)))
def test_deep_nesting_is_bounded(text: str) -> None:
    start = time.perf_counter()
    tree = parse(text)
    html = to_html(tree)
    rendered = docutils_markdown(text, None)
    assert time.perf_counter() - start < 2
    assert "deep" in plain_text(tree)
    assert "deep" in html
    assert "deep" in "".join(node.astext() for node in rendered)
    depth = max(_depth(node) for node in rendered)
    assert depth < 60


def _depth(node: nodes.Node) -> int:
    pending, deepest = [(node, 1)], 0
    while pending:
        current, level = pending.pop()
        deepest = max(deepest, level)
        pending.extend((child, level + 1) for child in current.children)
    return deepest


def test_long_text_is_not_parsed() -> None:
    text = "*a* " * (MAX_INPUT // 4 + 1)
    tree = parse(text)
    assert not any(isinstance(node, Emphasis) for node in walk(tree))
    assert plain_text(tree).startswith("*a* *a*")


# -- both renderers say the same -----------------------------------------------------------------


class _TextOf(HTMLParser):
    """The text a browser shows: block elements (cells, paragraphs) apart."""

    INLINE = frozenset({"a", "code", "em", "strong", "span"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    parser = _TextOf()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


SAMPLES = [
    "The call does not exist.",
    "Check `CALL_NOT_FOUND` and `GET /calls/{id}`, *then* **retry**.",
    "# Heading\n\nText with [a link](https://example.com) and <b>html</b>.\n\n- one\n- two",
    '1. first\n2. second\n\n> quoted `CODE`\n\n---\n\n```json\n{"a": 1}\n```',
    "| Field | Description |\n|---|---|\n| type | Error category |\n| `code` | *The* code |",
    "line one  \nline two\\\nline three",
    "![alt text](https://example.com/i.png) [bad](javascript:alert(1)) <script>x</script>",
    "{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_both_renderers_agree_on_text_content(text: str) -> None:
    def resolve(code: str) -> LinkTarget | None:
        return LinkTarget("code", f"x:{code}", "page", "T") if code == "CALL_NOT_FOUND" else None

    tree = parse(text, heading_offset=1)
    html = to_html(tree, lambda code: ("page.html", "T") if resolve(code) else None)
    rendered = docutils_markdown(text, resolve, heading_offset=1)
    docutils_text = " ".join(" ".join(node.astext() for node in rendered).split())
    assert html_text(html) == docutils_text == plain_text(tree)


def test_lead_and_tail_join_the_first_and_last_paragraph() -> None:
    lead = [nodes.strong("Fix:", "Fix:"), nodes.Text(" ")]
    (paragraph,) = docutils_markdown("Retry.", None, lead=lead, tail=[nodes.Text(" Now.")])
    assert paragraph.astext() == "Fix: Retry. Now."
    assert to_html(parse("Retry."), lead="<b>Fix:</b> ", tail=" Now.") == (
        "<p><b>Fix:</b> Retry. Now.</p>\n"
    )
    listed = docutils_markdown("- a", None, lead=lead)
    assert [type(node) for node in listed] == [nodes.paragraph, nodes.bullet_list]
    assert to_html(parse("- a"), tail="end").endswith("<p>end</p>\n")


def test_code_spans_become_cross_references_in_docutils() -> None:
    from sphinx import addnodes  # noqa: PLC0415

    def resolve(code: str) -> LinkTarget | None:
        return LinkTarget("endpoint", f"x:{code}", "p", code) if code.startswith("GET") else None

    (paragraph,) = docutils_markdown("`GET /a` `b` [`GET /c`](https://x.example)", resolve)
    refs = list(paragraph.findall(addnodes.pending_xref))
    assert [(r["reftype"], r["reftarget"]) for r in refs] == [("endpoint", "x:GET /a")]


def test_the_shortcut_for_ordinary_text_agrees_with_markdown_it() -> None:
    import random  # noqa: PLC0415

    from reason_catalog.catalogue.markdown import _parse  # noqa: PLC0415

    random.seed(20261123)
    alphabet = "aZ 09.,;:'\"-+=#>~|!?(){}/\t\u00a0\u2028é`*_[]<&\\\x00\n"
    texts = ["".join(random.choices(alphabet, k=random.randint(0, 12))) for _ in range(5_000)]
    texts += ["The call does not exist.", "404 means gone.", "- item", "1) x", "a  ", " a"]
    for catalogue in load_catalogues([CATALOGUES]):
        for reason in catalogue.reasons:
            texts += [reason.cause, reason.fix or "", *reason.notes]
    for text in texts:
        assert parse(text) == _parse(text, 0), repr(text)
