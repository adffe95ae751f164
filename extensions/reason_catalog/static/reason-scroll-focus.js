// @ts-check
// On every page: a code block or table that scrolls sideways takes the keyboard's focus, so
// that a reader without a pointer can scroll it too (WCAG 2.1.1; axe's
// scrollable-region-focusable). The generated pages mark their own blocks in their markup
// (catalogue/text.py, SCROLLS); Sphinx's code blocks and the theme's table wrappers are not
// marked, so this marks them where they scroll at this width, and again when it changes.
"use strict";

(function () {
  const SCROLLERS = "pre, .table-wrapper";
  /** @type {WeakSet<Element>} the boxes this script made focusable */
  const marked = new WeakSet();

  function mark() {
    for (const box of document.querySelectorAll(SCROLLERS)) {
      if (!(box instanceof HTMLElement)) continue;
      if (box.hasAttribute("tabindex") && !marked.has(box)) continue; // its markup decided
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !marked.has(box)) {
        box.tabIndex = 0;
        marked.add(box);
      } else if (!scrolls && marked.has(box)) {
        box.removeAttribute("tabindex");
        marked.delete(box);
      }
    }
  }

  let pending = 0;
  window.addEventListener("resize", () => {
    window.clearTimeout(pending);
    pending = window.setTimeout(mark, 150);
  });
  // Once now, and once the web fonts that widen code have arrived.
  mark();
  window.addEventListener("load", mark);
})();
