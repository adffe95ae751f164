// @ts-check
// The 404 page's body: says which address was not found, and hands what the address names
// to the lookup (reason-lookup.js, which runs next, as lookup.html runs it): a reason's code,
// or an operation's name with the list of operations. Any other address gets the search.
// Text goes in as text.
"use strict";

(function () {
  const root = document.getElementById("reason-lookup");
  const place = window.reasonCatalogNotFound;
  if (!root || root.dataset.from !== "address" || !place) return;

  // The base (the site's root) would send in-page links ("#top") to the root's page.
  for (const link of document.querySelectorAll('a[href^="#"]')) {
    const hash = link.getAttribute("href") || "#";
    link.setAttribute("href", window.location.pathname + window.location.search + hash);
  }

  const address = document.getElementById("rc-not-found-address");
  if (address) {
    const code = document.createElement("code");
    code.textContent = ReasonNotFoundUrl.decoded(window.location.pathname).slice(0, 300);
    address.replaceChildren("There is no page at ", code, ".");
  }

  if (place.kind === "reason" || (place.kind === "operation" && root.dataset.operations)) {
    root.dataset.code = place.name;
    root.dataset.api = place.api;
    root.dataset.scope = place.scope;
    if (place.kind === "operation") {
      root.dataset.codes = root.dataset.operations;
      root.dataset.noun = "operation";
    }
    return;
  }

  // An endpoint's page, or any other: its words, searched.
  const last = window.location.pathname.split("/").pop() || "";
  const words = (place.name || ReasonNotFoundUrl.decoded(last).replace(/\.html?$/i, ""))
    .replace(/[-_.]+/g, " ").trim().slice(0, 200);
  const status = document.getElementById("rc-lookup-status");
  if (!status) return;
  /** @param {string} href @param {string} text */
  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }
  const query = encodeURIComponent(words);
  status.replaceChildren(
    place.kind === "endpoint"
      ? `${place.apiName || "The API"} has no endpoint with this page. `
      : "The page may have moved, or the link may be mistyped. ",
    words ? `Search for “${words}” in the ` : "Search the ",
    link(words ? `browse.html?q=${query}` : "browse.html", "reason browser"),
    " or in ",
    link(words ? `search.html?q=${query}` : "search.html", "the whole documentation"),
    ".",
  );
})();
