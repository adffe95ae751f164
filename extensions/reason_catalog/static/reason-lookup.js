// @ts-check
// lookup.html?code=CALL_NOT_FOUND[&api=voipbin][&scope=DynamoDB]: sends the reader to the
// reason's page, in any letter case; a code several APIs or scopes share gets a chooser, an
// unknown code the nearest codes and a search. Text goes in as text. The 404 page runs it
// too, with what reason-not-found.js read from the missing page's address.
"use strict";

(function () {
  const root = document.getElementById("reason-lookup");
  if (!root) return;
  const status = /** @type {HTMLElement} */ (document.getElementById("rc-lookup-status"));
  const list = /** @type {HTMLElement} */ (document.getElementById("rc-lookup-list"));
  // On the 404 page the address, not the query string, says what to look up; when it names
  // nothing to look up, reason-not-found.js has said what to do instead.
  const given = root.dataset;
  if (given.from === "address" && given.code === undefined) return;
  const params = new URLSearchParams(window.location.search);
  const code = (given.code ?? params.get("code") ?? "").slice(0, 200);
  const apiSlug = given.api ?? params.get("api") ?? "";
  const scope = given.scope ?? params.get("scope") ?? "";
  const noun = given.noun || "reason"; // or "operation", with the operations' list
  status.textContent = "Looking the code up…"; // only said where this script runs

  /**
   * @param {CodeRow} row @param {Map<string, string>} names
   * @param {Map<string, string>} scopes titles by "api\u0000scope"
   */
  function item(row, names, scopes) {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = row.url;
    const codeEl = document.createElement("code");
    codeEl.textContent = row.code;
    link.append(codeEl);
    const where = row.scope ? ` › ${scopes.get(row.api + "\u0000" + row.scope) || row.scope}` : "";
    li.append(link, ` ${names.get(row.api) || row.api}${where}` + (row.kind !== "reason" ? ` (${row.kind})` : ""));
    return li;
  }

  /** Whether a URL is this page's own address. @param {string} url */
  function isHere(url) {
    const there = new URL(url, document.baseURI).pathname;
    try {
      return decodeURI(there) === decodeURI(window.location.pathname);
    } catch {
      return there === window.location.pathname;
    }
  }

  window.reasonCatalogCodesLoaded = function (data) {
    const names = new Map(data.apis);
    /** @type {Map<string, string>} */
    const scopes = new Map();
    for (const [api, list] of Object.entries(data.scopes || {})) {
      for (const [id, title] of list) scopes.set(api + "\u0000" + id, title);
    }
    if (!code) {
      status.textContent = "Give a code: lookup.html?code=CALL_NOT_FOUND (and &api= when codes collide).";
      return;
    }
    /** @type {CodeRow[]} */
    const codes = ReasonRows.read(data.columns.codes, data.codes, /** @type {const} */ (
      ["api", "code", "url", "kind", "scope"]));
    const { exact, nearest } = ReasonMatch.lookup(codes, code, apiSlug, scope);
    const only = ReasonMatch.meant(exact, code);
    if (only && !isHere(only.url)) {
      status.textContent = `Opening ${only.code}…`;
      window.location.replace(only.url + window.location.hash);
      return;
    }
    const search = document.createElement("a");
    search.href = "browse.html?q=" + encodeURIComponent(code);
    search.textContent = "search for it";
    if (only) { // its page is this address, which the host does not serve: no loop
      status.textContent = `The page of ${only.code} is missing from this copy of the site:`;
      list.append(item(only, names, scopes));
      return;
    }
    if (exact.length > 1) {
      const apis = new Set(exact.map((row) => row.api));
      status.textContent = apis.size > 1
        ? `${code} is a ${noun} of several APIs; choose one (or add &api= to the link):`
        : `${code} is a ${noun} of several parts of ${names.get(exact[0]?.api || "") || "the API"}; choose one (or add &scope= to the link):`;
      exact.forEach((row) => list.append(item(row, names, scopes)));
      return;
    }
    status.textContent = `No ${noun} ${code}` + (apiSlug ? ` in ${names.get(apiSlug) || apiSlug}` : "") + ". ";
    status.append(nearest.length ? "The nearest codes are below; or " : "You can ", search, ".");
    nearest.forEach((row) => list.append(item(row, names, scopes)));
  };

  const script = document.createElement("script");
  script.src = root.dataset.codes || "reason-codes.js";
  script.onerror = () => { status.textContent = "The list of codes could not be loaded."; };
  document.body.append(script);
})();
