// @ts-check
// The reason browser's filters on a narrow screen: folded behind a button, so that the search
// box and the first results come first, the button saying how many filters are on. Where the
// filters stand beside the results, reason-catalog.css shows them and hides the button: this
// script only keeps the button's state (data-filters on the page, aria-expanded on it).
"use strict";

(function () {
  const root = document.getElementById("reason-browser");
  const toggle = document.getElementById("rc-filters-toggle");
  const facets = document.getElementById("rc-facets");
  const count = document.getElementById("rc-filters-count");
  if (!root || !(toggle instanceof HTMLButtonElement) || !facets || !count) return;

  /** @param {boolean} open */
  const show = (open) => {
    root.dataset.filters = open ? "open" : "closed";
    toggle.setAttribute("aria-expanded", String(open));
  };

  /** Say on the button how many values are chosen (the facets hold them as checkboxes). */
  const recount = () => {
    const chosen = facets.querySelectorAll('input[type="checkbox"]:checked').length;
    count.textContent = chosen ? `${chosen} active` : "";
    count.hidden = !chosen;
  };

  toggle.addEventListener("click", () => show(root.dataset.filters !== "open"));
  facets.addEventListener("keydown", (event) => {
    // Escape folds the open filters and hands the focus back to their button, unless a
    // filter box used it to empty itself, or the filters are not folding at this width.
    if (event.key !== "Escape" || event.defaultPrevented || root.dataset.filters !== "open") return;
    if (getComputedStyle(toggle).display === "none") return;
    show(false);
    toggle.focus();
    event.preventDefault();
  });
  // reason-browser.js draws the facets again on every change: count what they show.
  new MutationObserver(recount).observe(facets, { childList: true, subtree: true });
  facets.addEventListener("change", recount);
  show(false);
  recount();
  toggle.hidden = false;
})();
