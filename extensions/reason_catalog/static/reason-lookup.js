// @ts-check
// lookup.html?code=CALL_NOT_FOUND[&api=voipbin][&scope=DynamoDB]: sends the reader to the
// reason's page, in any letter case; a code several APIs or scopes share gets a chooser, an
// unknown code the nearest codes and a search. Text goes in as text.
"use strict";

(function () {
  const root = document.getElementById("reason-lookup");
  if (!root) return;
  const status = /** @type {HTMLElement} */ (document.getElementById("rc-lookup-status"));
  const list = /** @type {HTMLElement} */ (document.getElementById("rc-lookup-list"));
  const params = new URLSearchParams(window.location.search);
  const code = (params.get("code") || "").slice(0, 200);
  const apiSlug = params.get("api") || "";
  const scope = params.get("scope") || "";
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
    const only = exact.length === 1 ? exact[0] : undefined;
    if (only) {
      status.textContent = `Opening ${only.code}…`;
      window.location.replace(only.url + window.location.hash);
      return;
    }
    const search = document.createElement("a");
    search.href = "browse.html?q=" + encodeURIComponent(code);
    search.textContent = "search for it";
    if (exact.length > 1) {
      const apis = new Set(exact.map((row) => row.api));
      status.textContent = apis.size > 1
        ? `${code} is a reason of several APIs; choose one (or add &api= to the link):`
        : `${code} is a reason of several parts of ${names.get(exact[0]?.api || "") || "the API"}; choose one (or add &scope= to the link):`;
      exact.forEach((row) => list.append(item(row, names, scopes)));
      return;
    }
    status.textContent = `No reason ${code}` + (apiSlug ? ` in ${names.get(apiSlug) || apiSlug}` : "") + ". ";
    status.append(nearest.length ? "The nearest codes are below; or " : "You can ", search, ".");
    nearest.forEach((row) => list.append(item(row, names, scopes)));
  };

  const script = document.createElement("script");
  script.src = root.dataset.codes || "reason-codes.js";
  script.onerror = () => { status.textContent = "The list of codes could not be loaded."; };
  document.body.append(script);
})();
