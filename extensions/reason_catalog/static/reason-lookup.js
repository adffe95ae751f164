// @ts-check
// lookup.html?code=CALL_NOT_FOUND[&api=voipbin]: sends the reader to the reason's page, in any
// letter case; an unknown code gets the nearest codes and a search. Text goes in as text.
"use strict";

(function () {
  const S = /** @type {any} */ (window).ReasonSearch;
  const root = document.getElementById("reason-lookup");
  if (!root || !S) return;
  const status = /** @type {HTMLElement} */ (document.getElementById("rc-lookup-status"));
  const list = /** @type {HTMLElement} */ (document.getElementById("rc-lookup-list"));
  const params = new URLSearchParams(window.location.search);
  const code = (params.get("code") || "").slice(0, 200);
  const apiSlug = params.get("api") || "";

  /** @param {any[]} row @param {Map<string, string>} names */
  function item(row, names) {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = row[2];
    const codeEl = document.createElement("code");
    codeEl.textContent = row[1];
    link.append(codeEl);
    li.append(link, ` ${names.get(row[0]) || row[0]}` + (row[3] !== "reason" ? ` (${row[3]})` : ""));
    return li;
  }

  /** @type {any} */ (window).reasonCatalogCodesLoaded = function (/** @type {any} */ data) {
    const names = new Map(data.apis);
    if (!code) {
      status.textContent = "Give a code: lookup.html?code=CALL_NOT_FOUND (and &api= when codes collide).";
      return;
    }
    const { exact, nearest } = S.lookup(data.codes, code, apiSlug);
    if (exact.length === 1) {
      status.textContent = `Opening ${exact[0][1]}…`;
      window.location.replace(exact[0][2] + window.location.hash);
      return;
    }
    const search = document.createElement("a");
    search.href = "browse.html?q=" + encodeURIComponent(code);
    search.textContent = "search for it";
    if (exact.length > 1) {
      status.textContent = `${code} is a reason of several APIs; choose one (or add &api= to the link):`;
      exact.forEach((row) => list.append(item(row, names)));
      return;
    }
    status.textContent = `No reason ${code}` + (apiSlug ? ` in ${names.get(apiSlug) || apiSlug}` : "") + ". ";
    status.append(nearest.length ? "The nearest codes are below; or " : "You can ", search, ".");
    nearest.forEach((/** @type {any[]} */ row) => list.append(item(row, names)));
  };

  const script = document.createElement("script");
  script.src = root.dataset.codes || "reason-codes.js";
  script.onerror = () => { status.textContent = "The list of codes could not be loaded."; };
  document.body.append(script);
})();
