// @ts-check
// Sphinx's search.html?q=CALL_NOT_FOUND: Sphinx's index holds no generated page, so a query
// that is a reason code (one word, as error messages and old links send it) goes to the
// reason's page, in any letter case; a code several APIs or scopes share gets a chooser above
// Sphinx's own results. Anything else is left to Sphinx. Text goes in as text.
"use strict";

(function () {
  const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  // A code is one word (PascalCase, UPPER_SNAKE, -32601, card_declined…): prose is Sphinx's.
  if (!query || query.length > 200 || /\s/.test(query)) return;
  const root = document.documentElement.dataset.content_root || "";

  window.reasonCatalogCodesLoaded = function (data) {
    /** @type {CodeRow[]} */
    const codes = ReasonRows.read(data.columns.codes, data.codes, /** @type {const} */ (
      ["api", "code", "url", "kind", "scope"]));
    const { exact } = ReasonMatch.lookup(codes, query, "", "");
    const only = ReasonMatch.meant(exact, query);
    if (only) {
      window.location.replace(root + only.url);
      return;
    }
    if (!exact.length) return;
    const names = new Map(data.apis);
    /** @type {Map<string, string>} */
    const scopes = new Map();
    for (const [api, list] of Object.entries(data.scopes || {})) {
      for (const [id, title] of list) scopes.set(api + "\u0000" + id, title);
    }
    const box = document.createElement("div");
    box.className = "rc-search-codes admonition";
    const lead = document.createElement("p");
    lead.textContent = `${query} is a reason code of several APIs or services:`;
    const list = document.createElement("ul");
    for (const row of exact) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = root + row.url;
      const code = document.createElement("code");
      code.textContent = row.code;
      link.append(code);
      const where = row.scope ? ` › ${scopes.get(row.api + "\u0000" + row.scope) || row.scope}` : "";
      item.append(link, ` ${names.get(row.api) || row.api}${where}`);
      list.append(item);
    }
    box.append(lead, list);
    const results = document.getElementById("search-results");
    if (results && results.parentNode) results.parentNode.insertBefore(box, results);
    else document.body.prepend(box);
  };

  const script = document.createElement("script");
  script.src = root + "reason-codes.js";
  document.body.append(script);
})();
