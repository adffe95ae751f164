// @ts-check
// The reason browser's page wiring: loads the index after first paint, reads and writes the
// URL, renders results and facets, and handles the keyboard. All text reaches the page
// through textContent, never as markup. The search itself is in reason-search.js.
"use strict";

(function () {
  const PAGE_SIZE = 50;
  const S = /** @type {any} */ (window).ReasonSearch;
  const root = document.getElementById("reason-browser");
  if (!root || !S) return;
  const input = /** @type {HTMLInputElement} */ (document.getElementById("rc-query"));
  const list = /** @type {HTMLElement} */ (document.getElementById("rc-results"));
  const summary = /** @type {HTMLElement} */ (document.getElementById("rc-summary"));
  const facetsBox = /** @type {HTMLElement} */ (document.getElementById("rc-facets"));
  const more = /** @type {HTMLButtonElement} */ (document.getElementById("rc-more"));

  /** @type {any} */ let data = null;
  /** @type {any} */ let index = null;
  /** @type {Map<string, any[]>} */ let byRef = new Map();
  /** @type {Map<string, string>} */ let apiNames = new Map();
  let state = S.parseState(window.location.search);
  let shown = PAGE_SIZE;
  let selected = -1;
  /** @type {any[][]} */ let current = [];

  /** @param {string} tag @param {string} [className] @param {string} [text] */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function statusClass(/** @type {number|null} */ status) {
    return status ? `rc-status rc-status-${Math.floor(status / 100)}xx` : "rc-status rc-status-none";
  }

  /** @param {any[]} row @param {string[]} words @param {number} position */
  function resultItem(row, words, position) {
    const [ref, kind, apiSlug, title, status, group, text, url, deprecated] = row;
    const item = el("li", `rc-result rc-result-${kind}`);
    item.setAttribute("role", "option");
    item.id = `rc-result-${ref}`;
    item.dataset.position = String(position);
    const link = /** @type {HTMLAnchorElement} */ (el("a", "rc-result-link"));
    link.href = url;
    const head = el("span", "rc-result-head");
    if (kind === "reason") {
      const badge = el("span", statusClass(status), status ? String(status) : "—");
      head.append(badge, " ");
    } else {
      head.append(el("span", "rc-kind", "endpoint"), " ");
    }
    head.append(el("code", "rc-result-title", title));
    if (deprecated) head.append(" ", el("span", "rc-deprecated", "deprecated"));
    head.append(" ", el("span", "rc-result-api", apiNames.get(apiSlug) || apiSlug));
    link.append(head);
    const body = el("span", "rc-result-summary");
    for (const [match, piece] of S.highlight(text, words)) {
      body.append(match ? el("mark", "", piece) : document.createTextNode(piece));
    }
    link.append(body);
    if (group) link.append(el("span", "rc-result-group", group));
    item.append(link);
    return item;
  }

  function facetLabel(/** @type {string} */ name, /** @type {string} */ value) {
    if (name === "api") return apiNames.get(value) || value;
    if (name === "status") return value === "none" ? "no status" : value;
    const at = value.indexOf(":");
    const path = value.slice(at + 1).split(" › ");
    return `${apiNames.get(value.slice(0, at)) || value.slice(0, at)} › ${path[path.length - 1]}`;
  }

  /** @param {Record<string, Map<string, number>>} counts */
  function renderFacets(counts) {
    facetsBox.replaceChildren();
    const titles = { api: "API", status: "HTTP status", group: "Group" };
    for (const name of /** @type {const} */ (["api", "status", "group"])) {
      const values = Array.from(counts[name].entries());
      for (const value of state[name]) if (!counts[name].has(value)) values.push([value, 0]);
      if (!values.length) continue;
      values.sort((a, b) =>
        name === "status" ? a[0].localeCompare(b[0], "en", { numeric: true }) : b[1] - a[1] || a[0].localeCompare(b[0])
      );
      const box = el("fieldset", "rc-facet");
      box.append(el("legend", "", titles[name]));
      for (const [value, count] of values.slice(0, 40)) {
        const label = el("label", "rc-facet-value");
        const box_ = /** @type {HTMLInputElement} */ (el("input"));
        box_.type = "checkbox";
        box_.name = name;
        box_.value = value;
        box_.checked = state[name].includes(value);
        box_.addEventListener("change", () => {
          const chosen = new Set(state[name]);
          if (box_.checked) chosen.add(value);
          else chosen.delete(value);
          state = { ...state, [name]: Array.from(chosen) };
          update(true);
        });
        const text = el("span", "rc-facet-name", facetLabel(name, value));
        if (name === "group") text.title = value.slice(value.indexOf(":") + 1);
        label.append(box_, " ", text, " ", el("span", "rc-count", String(count)));
        box.append(label);
      }
      facetsBox.append(box);
    }
  }

  function render() {
    const fulltext = /** @type {HTMLAnchorElement|null} */ (document.getElementById("rc-fulltext"));
    if (fulltext) fulltext.href = "search.html" + (state.q ? "?q=" + encodeURIComponent(state.q) : "");
    list.replaceChildren();
    const words = S.highlightWords(state.q);
    const fragment = document.createDocumentFragment();
    current.slice(0, shown).forEach((row, i) => fragment.append(resultItem(row, words, i)));
    list.append(fragment);
    more.hidden = current.length <= shown;
    selected = -1;
    const total = current.length;
    if (!total) {
      summary.textContent = state.q
        ? `No results for “${state.q.slice(0, 80)}”. Try a code (CALL_NOT_FOUND), an endpoint (POST /calls) or fewer filters.`
        : "No reasons match these filters.";
      summary.classList.add("rc-empty");
    } else {
      summary.textContent = `${total} result${total === 1 ? "" : "s"}` + (state.q ? ` for “${state.q.slice(0, 80)}”` : "");
      summary.classList.remove("rc-empty");
    }
  }

  /** @param {boolean} push whether this change deserves its own history entry */
  function update(push) {
    const url = window.location.pathname + S.formatState(state) + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      (push ? history.pushState : history.replaceState).call(history, state, "", url);
    }
    if (!index) return;
    let rows;
    try {
      rows = state.q.trim()
        ? S.search(window.lunr, index, state.q).map((/** @type {string} */ ref) => byRef.get(ref))
        : data.docs.filter((/** @type {any[]} */ row) => row[1] === "reason");
    } catch (error) {
      // lunr may refuse an unusual term (it never should); a query must never break the page.
      rows = [];
      console.warn("reason browser: query failed", error);
    }
    const result = S.facet(rows.filter(Boolean), state);
    current = result.rows;
    shown = PAGE_SIZE;
    renderFacets(result.counts);
    render();
    // When the first results became usable, for the benchmark (ms since navigation).
    if (!root.dataset.firstResultAt) root.dataset.firstResultAt = String(performance.now());
  }

  function select(/** @type {number} */ position) {
    const items = list.querySelectorAll(".rc-result");
    if (!items.length) return;
    selected = Math.max(0, Math.min(items.length - 1, position));
    items.forEach((item, i) => item.setAttribute("aria-selected", i === selected ? "true" : "false"));
    const chosen = /** @type {HTMLElement} */ (items[selected]);
    input.setAttribute("aria-activedescendant", chosen.id);
    chosen.scrollIntoView({ block: "nearest" });
  }

  let typing = 0;
  input.addEventListener("input", () => {
    state = { ...state, q: input.value };
    window.clearTimeout(typing);
    typing = window.setTimeout(() => update(false), 60);
  });
  input.addEventListener("change", () => update(true));
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") { select(selected + 1); event.preventDefault(); }
    else if (event.key === "ArrowUp") { select(selected - 1); event.preventDefault(); }
    else if (event.key === "Enter") {
      const items = list.querySelectorAll(".rc-result a");
      const target = /** @type {HTMLAnchorElement|undefined} */ (items[selected >= 0 ? selected : 0]);
      if (target) { update(true); window.location.href = target.href; }
      event.preventDefault();
    }
  });
  document.addEventListener("keydown", (event) => {
    const typingInField = event.target instanceof HTMLElement &&
      (event.target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName));
    if (event.key === "/" && !typingInField && !event.ctrlKey && !event.metaKey && !event.altKey) {
      input.focus();
      input.select();
      event.preventDefault();
    }
  });
  more.addEventListener("click", () => { shown += PAGE_SIZE; render(); });
  window.addEventListener("popstate", () => {
    state = S.parseState(window.location.search);
    input.value = state.q;
    update(false);
  });

  /** Called by reason-index.js once it has loaded. @param {any} payload */
  /** @type {any} */ (window).reasonCatalogIndexLoaded = function (payload) {
    data = payload;
    // Rows arrive compact (see index_script in browser.py): restore URLs and group names.
    for (const row of data.docs) {
      if (row[1] === "endpoint") {
        // An endpoint row carries its number of reasons where a reason carries its status.
        const count = row[4];
        row[6] = `${count} reason${count === 1 ? "" : "s"} specific to this endpoint`;
        row[4] = null;
        continue;
      }
      if (!row[7]) row[7] = data.templates[row[2]].replace("{code}", row[3]);
      row[5] = data.groups[row[5]];
    }
    byRef = new Map(data.docs.map((/** @type {any[]} */ row) => [row[0], row]));
    apiNames = new Map(data.apis);
    index = window.lunr.Index.load(data.index);
    root.dataset.ready = "true";
    update(false);
  };

  // The decoder: read a pasted body with every catalogue's dialect.
  const bodyBox = /** @type {HTMLTextAreaElement|null} */ (document.getElementById("rc-body"));
  const decodeButton = document.getElementById("rc-decode");
  const decoded = document.getElementById("rc-decoded");
  /** @type {any} */ let codes = null;
  /** @type {any} */ (window).reasonCatalogCodesLoaded = (/** @type {any} */ payload) => {
    codes = payload;
  };
  function showDecoded() {
    if (!bodyBox || !decoded) return;
    decoded.replaceChildren();
    const jmespath = /** @type {any} */ (window).jmespath;
    if (!codes || !jmespath) {
      decoded.textContent = "The decoder is still loading; try again in a moment.";
      return;
    }
    const result = S.decode(jmespath, codes, bodyBox.value);
    if (result.error) {
      decoded.append(el("p", "rc-decode-error", result.error));
      return;
    }
    const names = new Map(codes.apis);
    for (const match of result.matches) {
      const [slug, code, url] = match.row;
      const box = el("div", "rc-decoded-match");
      const head = el("p");
      const link = /** @type {HTMLAnchorElement} */ (el("a", "rc-decoded-link"));
      link.href = url;
      link.append(el("code", "", code));
      head.append(`${names.get(slug) || slug}: `, link);
      box.append(head);
      const facts = el("dl", "rc-decoded-facts");
      for (const [label, value] of [["Message", match.message], ["Request id", match.requestId],
        ["Field", match.field], ["Status", match.status === null ? null : String(match.status)]]) {
        if (value === null || value === undefined) continue;
        facts.append(el("dt", "", label), el("dd", "", value));
      }
      box.append(facts);
      decoded.append(box);
    }
  }
  if (decodeButton) decodeButton.addEventListener("click", showDecoded);

  input.value = state.q;
  // Load the index after the first paint, as a script so that file:// works too.
  const load = () => {
    const script = document.createElement("script");
    script.src = root.dataset.index || "reason-index.js";
    script.async = true;
    script.onerror = () => { summary.textContent = "The search index could not be loaded."; };
    document.body.append(script);
  };
  // The second animation frame comes after the first one has been painted.
  const afterFirstPaint = (/** @type {() => void} */ task) =>
    window.requestAnimationFrame(() => window.requestAnimationFrame(task));
  afterFirstPaint(load);
  const codesScript = document.createElement("script");
  codesScript.src = "reason-codes.js";
  codesScript.async = true;
  afterFirstPaint(() => document.body.append(codesScript));
})();
