"""The site on a phone (390 px wide), in Chromium: the reason browser shows the search box and
the results first, its filters folded behind a button that says how many are on; codes wrap
between their words; tables keep to the page's width; what scrolls takes the focus.

Built with furo, as the shipped site is, from ``test-real-apis`` (seven APIs: many filters)
and ``test-presentation`` (long codes, badges).
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from .conftest import ROOTS, open_browser, run_sphinx
from .realapis import examples_page, write_catalogues

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1200, "height": 900}
LONG_SNAKE = "payment_method_configuration_invalid_for_automatic_payment_method"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, serve: Any) -> dict[str, str]:
    """The two sites, built with furo at once, served: their base URLs."""
    base = tmp_path_factory.mktemp("small-screens")
    real = base / "real-source"
    shutil.copytree(ROOTS / "test-real-apis", real)
    write_catalogues(real / "catalogues")
    (real / "bodies.rst").write_text(examples_page(), encoding="utf-8")
    sources = {"real": real, "presentation": ROOTS / "test-presentation"}

    def build(name: str) -> str:
        out = base / name
        result = run_sphinx(
            "html", out, sources[name], sources[name], extra_args=["-D", "html_theme=furo"]
        )
        assert result.returncode == 0 and result.stderr == "", (name, result.stderr)
        return str(serve(out))

    with ThreadPoolExecutor(2) as pool:
        return dict(zip(sources, pool.map(build, sources), strict=True))


def search(page: Any, text: str) -> None:
    """Type a query and wait for its results."""
    page.fill("#rc-query", text)
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=text)
    page.locator(".rc-result").first.wait_for()


def top(page: Any, selector: str) -> float:
    """Where the first element ``selector`` finds starts, from the top of the page."""
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return float(box["y"])


# -- the reason browser --------------------------------------------------------------------------


def test_on_a_phone_the_results_come_first(tab: Any, sites: dict[str, str]) -> None:
    tab.set_viewport_size(PHONE)
    open_browser(tab, sites["real"] + "browse.html")
    search(tab, "not found")
    toggle = tab.locator("#rc-filters-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not tab.locator("#rc-facets").is_visible()
    assert top(tab, ".rc-result") + 40 < PHONE["height"]  # its first lines, on the first screen
    # The decoder comes after the results.
    assert top(tab, "#rc-decoder") > top(tab, ".rc-more")
    # Unfolded, the filters push the results off the first screen: what folding them saves.
    toggle.click()
    assert top(tab, ".rc-result") > PHONE["height"]


def test_the_filters_fold_with_their_button_and_the_keyboard(
    tab: Any, sites: dict[str, str]
) -> None:
    tab.set_viewport_size(PHONE)
    open_browser(tab, sites["real"] + "browse.html?q=not+found")
    toggle = tab.locator("#rc-filters-toggle")
    facets = tab.locator("#rc-facets")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and facets.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false" and not facets.is_visible()

    toggle.focus()
    tab.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and facets.is_visible()
    tab.keyboard.press(" ")
    assert toggle.get_attribute("aria-expanded") == "false" and not facets.is_visible()
    tab.keyboard.press(" ")
    assert facets.is_visible()
    # The next stop after the button is the first filter; choosing it says so on the button.
    assert toggle.text_content().strip() == "Filters"
    tab.keyboard.press("Tab")
    first = tab.locator("#rc-facets input[name=api]").first
    assert first.evaluate("e => e === document.activeElement")
    tab.keyboard.press(" ")
    tab.wait_for_function("location.search.includes('api=')")
    assert toggle.text_content().split() == ["Filters", "1", "active"]
    # Escape folds them again and gives the focus back to the button, which keeps the count.
    tab.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not facets.is_visible()
    assert toggle.evaluate("e => e === document.activeElement")
    assert toggle.text_content().split() == ["Filters", "1", "active"]
    # Emptied, the count goes.
    toggle.click()
    tab.locator("#rc-facets input[name=api]:checked").first.click()  # drawn anew: no uncheck()
    tab.wait_for_function("!location.search.includes('api=')")
    assert toggle.text_content().strip() == "Filters"


def test_on_a_desktop_the_filters_stand_beside_the_results(tab: Any, sites: dict[str, str]) -> None:
    tab.set_viewport_size(DESKTOP)
    open_browser(tab, sites["real"] + "browse.html")
    search(tab, "not found")
    assert not tab.locator("#rc-filters-toggle").is_visible()
    facets = tab.locator("#rc-facets").bounding_box()
    results = tab.locator("#rc-results").bounding_box()
    assert facets is not None and results is not None
    assert facets["x"] + facets["width"] <= results["x"]
    assert abs(top(tab, "#rc-facets") - top(tab, "#rc-summary")) < 20
    tab.locator("#rc-facets input[name=status]").first.check()
    tab.wait_for_function("location.search.includes('status=')")
    # Narrowed to a phone's width, the same page folds them.
    tab.set_viewport_size(PHONE)
    assert tab.locator("#rc-filters-toggle").is_visible()
    assert not tab.locator("#rc-facets").is_visible()


# -- pages and tables ----------------------------------------------------------------------------

#: How a page lays out on a phone: whether anything is wider than the page, whether a piece of
#: a code between two break points is drawn on two lines (broken inside a word), whether a
#: table's code of at most 20 characters (text.WHOLE_CODE) wraps at all, and how wide each row
#: of a reasons table gives its cause.
LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const brokenInWords = [];
  // Each text run of a generated page's heading, a code (runs end at <wbr>), and each piece
  // of a table's code.
  const runs = Array.from(document.querySelectorAll('section[class^="rc-"] > h1')).flatMap(h =>
    Array.from(h.childNodes).flatMap(n => n.nodeType === 3 ? [n] : Array.from(n.childNodes)))
    .filter(n => n.nodeType === 3 && n.textContent.trim());
  const lines = new Set();
  for (const run of runs) {
    const range = document.createRange();
    range.selectNodeContents(run);
    const rects = Array.from(range.getClientRects());
    if (rects.length > 1) brokenInWords.push(run.textContent);
    for (const rect of rects) lines.add(Math.round(rect.top));
  }
  for (const piece of document.querySelectorAll('table code .pre')) {
    if (piece.getClientRects().length > 1) brokenInWords.push(piece.textContent);
  }
  const wrappedShort = Array.from(document.querySelectorAll('table code'))
    .filter(c => c.textContent.length <= 20 && c.getClientRects().length > 1)
    .map(c => c.textContent);
  const causeShare = Array.from(document.querySelectorAll('table.rc-reasons tbody tr'))
    .map(row => row.cells[2].getBoundingClientRect().width / row.getBoundingClientRect().width);
  return {
    overflow: document.documentElement.scrollWidth - width,
    brokenInWords, wrappedShort, causeShare,
    headingLines: lines.size,
  };
}"""

PAGES = [
    ("presentation", "index.html"),  # reasons tables with long codes and badges
    ("presentation", f"payments/reasons/{LONG_SNAKE}.html"),
    ("presentation", "payments/reasons/not_a_valid_json.html"),
    ("presentation", "payments/endpoints/post-payments.html"),  # a table per status
    ("real", "index.html"),
    ("real", "signalwire/endpoints/get-api-relay-rest-phone_numbers-id.html"),
    ("real", "aws/DynamoDB/operations/PutItem.html"),
    ("real", "stripe/reasons/card_declined.html"),
]


@pytest.mark.parametrize(("site", "url"), PAGES, ids=[url for _, url in PAGES])
def test_pages_fit_a_phone(tab: Any, sites: dict[str, str], site: str, url: str) -> None:
    tab.set_viewport_size(PHONE)
    tab.goto(sites[site] + url)
    layout = tab.evaluate(LAYOUT)
    assert layout["overflow"] <= 0, layout  # nothing scrolls the page sideways
    assert layout["brokenInWords"] == [], layout
    assert layout["wrappedShort"] == [], layout
    # A reason's row is a card: its cause and fix take the row's whole width.
    assert all(share > 0.95 for share in layout["causeShare"]), layout["causeShare"]


def test_a_long_code_heading_wraps_between_its_words(tab: Any, sites: dict[str, str]) -> None:
    tab.set_viewport_size(PHONE)
    tab.goto(sites["presentation"] + f"payments/reasons/{LONG_SNAKE}.html")
    layout = tab.evaluate(LAYOUT)
    assert layout["headingLines"] > 1 and layout["brokenInWords"] == []
    assert tab.locator("article h1").first.evaluate("h => h.firstChild.textContent") == "payment_"
    # What a reader copies is the code exactly.
    copied = tab.evaluate(
        """() => {
            const range = document.createRange();
            const h1 = document.querySelector('article h1');
            range.setStartBefore(h1.firstChild);
            range.setEndBefore(h1.querySelector('.headerlink'));
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            return getSelection().toString();
        }"""
    )
    assert copied == LONG_SNAKE


def test_tables_stay_tables_to_assistive_technology(tab: Any, sites: dict[str, str]) -> None:
    """The cards of a phone are only boxes: Chromium's accessibility tree keeps the table,
    its header row and its cells, as at desktop width."""
    session = tab.context.new_cdp_session(tab)

    def roles() -> dict[str, int]:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
        counted: dict[str, int] = {}
        for node in nodes:
            if not node.get("ignored"):
                role = node["role"]["value"]
                counted[role] = counted.get(role, 0) + 1
        return {r: n for r, n in counted.items() if r in {"table", "row", "cell", "columnheader"}}

    tab.set_viewport_size(DESKTOP)
    tab.goto(sites["presentation"] + "index.html")
    desktop = roles()
    assert desktop["table"] == 2 and desktop["columnheader"] == 6, desktop
    tab.set_viewport_size(PHONE)
    tab.wait_for_function("innerWidth === 390")
    assert roles() == desktop


def test_code_blocks_that_scroll_take_the_focus(tab: Any, sites: dict[str, str]) -> None:
    """Sphinx's code blocks (here a document's reason:example bodies) are focusable where they
    scroll sideways, and only there (reason-scroll-focus.js); a generated page's example is
    focusable in its markup."""
    report = """() => Array.from(document.querySelectorAll('article pre')).map(pre => ({
        scrolls: pre.scrollWidth > pre.clientWidth + 1,
        focusable: pre.getAttribute('tabindex') === '0',
    }))"""
    tab.set_viewport_size(PHONE)
    tab.goto(sites["real"] + "bodies.html")
    tab.wait_for_load_state("load")
    blocks = tab.evaluate(report)
    assert any(block["scrolls"] for block in blocks)
    assert all(block["scrolls"] == block["focusable"] for block in blocks), blocks
    tab.set_viewport_size(DESKTOP)
    tab.wait_for_timeout(400)  # it looks again 150 ms after the last resize
    wide = tab.evaluate(report)
    assert sum(b["scrolls"] for b in wide) < sum(b["scrolls"] for b in blocks)
    assert all(block["scrolls"] == block["focusable"] for block in wide), wide
    response = tab.request.get(sites["presentation"] + "payments/reasons/not_a_valid_json.html")
    assert '<pre tabindex="0">' in response.text()
