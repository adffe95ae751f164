// @ts-check
// The reason browser's page wiring: loads the index after first paint, reads and writes the
// URL, renders results and facets, handles the keyboard, and shows what the decoder reads.
// Every piece of catalogue or body text reaches the page through textContent or text nodes,
// never as markup. The logic is in reason-query.js, reason-facets.js and reason-decode.js.
"use strict";

(function () {
  const PAGE_SIZE = 50;
  const root = document.getElementById("reason-browser");
  if (!root) return;
  const input = /** @type {HTMLInputElement} */ (document.getElementById("rc-query"));
  const list = /** @type {HTMLElement} */ (document.getElementById("rc-results"));
  const summary = /** @type {HTMLElement} */ (document.getElementById("rc-summary"));
  const facetsBox = /** @type {HTMLElement} */ (document.getElementById("rc-facets"));
  const more = /** @type {HTMLButtonElement} */ (document.getElementById("rc-more"));
  summary.textContent = "Loading the index…"; // only said where this script runs

  /** @type {IndexPayload | null} */ let data = null;
  /** @type {LunrIndex | null} */ let index = null;
  /** @type {ReturnType<typeof ReasonQuery.settings> | null} */ let settings = null;
  /** @type {DocRow[]} */ let rows = [];
  /** @type {Map<string, DocRow>} */ let byRef = new Map();
  /** @type {Map<string, string>} */ let apiNames = new Map();
  let state = ReasonFacets.parseState(window.location.search);
  let shown = PAGE_SIZE;
  let selected = -1;
  /** @type {DocRow[]} */ let current = [];

  /** @param {string} tag @param {string} [className] @param {string} [text] */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /**
   * A reason's status badge as the pages draw it (the payload carries each, from
   * text.status_badge): its status's, "varies" for several, none without a status.
   * @param {DocRow} row
   */
  function badge(row) {
    if (!data) return null;
    const key = row.statuses || (row.status ? String(row.status) : "");
    const drawn = key ? data.badges[key] : undefined;
    if (!drawn) return null;
    const node = el("span", drawn.classes.join(" "), drawn.text);
    node.title = drawn.title;
    return node;
  }

  /** @param {DocRow} row @param {string[]} words @param {number} position */
  function resultItem(row, words, position) {
    const item = el("li", `rc-result rc-result-${row.kind}`);
    item.setAttribute("role", "option");
    item.id = `rc-result-${row.ref}`;
    item.dataset.position = String(position);
    const link = /** @type {HTMLAnchorElement} */ (el("a", "rc-result-link"));
    link.href = row.url;
    const head = el("span", "rc-result-head");
    if (row.kind === "reason") {
      const drawn = badge(row);
      if (drawn) head.append(drawn, " ");
    } else {
      head.append(el("span", "rc-kind", "endpoint"), " ");
    }
    head.append(el("code", "rc-result-title", row.title));
    if (row.deprecated) head.append(" ", el("span", "rc-deprecated", "deprecated"));
    head.append(" ", el("span", "rc-result-api", apiNames.get(row.api) || row.api));
    link.append(head);
    const body = el("span", "rc-result-summary");
    for (const [match, piece] of ReasonQuery.highlight(row.summary, words)) {
      body.append(match ? el("mark", "", piece) : document.createTextNode(piece));
    }
    link.append(body);
    if (row.group) link.append(el("span", "rc-result-group", row.group));
    item.append(link);
    return item;
  }

  /** @param {ReasonFacetName} name @param {string} value */
  function facetLabel(name, value) {
    if (name === "api") return apiNames.get(value) || value;
    if (name === "status") return value === "none" ? "no status" : value;
    const at = value.indexOf(":");
    const path = value.slice(at + 1).split(" › ");
    return `${apiNames.get(value.slice(0, at)) || value.slice(0, at)} › ${path[path.length - 1]}`;
  }

  /** @param {Record<ReasonFacetName, Map<string, number>>} counts */
  function renderFacets(counts) {
    facetsBox.replaceChildren();
    const titles = { api: "API", status: "HTTP status", group: "Group" };
    for (const name of ReasonFacets.FACETS) {
      const values = Array.from(counts[name].entries());
      for (const value of state[name]) if (!counts[name].has(value)) values.push([value, 0]);
      if (!values.length) continue;
      values.sort((a, b) =>
        name === "status"
          ? a[0].localeCompare(b[0], "en", { numeric: true })
          : b[1] - a[1] || a[0].localeCompare(b[0]),
      );
      const box = el("fieldset", "rc-facet");
      box.append(el("legend", "", titles[name]));
      for (const [value, count] of values.slice(0, 40)) {
        const label = el("label", "rc-facet-value");
        const check = /** @type {HTMLInputElement} */ (el("input"));
        check.type = "checkbox";
        check.name = name;
        check.value = value;
        check.checked = state[name].includes(value);
        check.addEventListener("change", () => {
          const chosen = new Set(state[name]);
          if (check.checked) chosen.add(value);
          else chosen.delete(value);
          state = { ...state, [name]: Array.from(chosen) };
          update(true);
        });
        const text = el("span", "rc-facet-name", facetLabel(name, value));
        if (name === "group") text.title = value.slice(value.indexOf(":") + 1);
        label.append(check, " ", text, " ", el("span", "rc-count", String(count)));
        box.append(label);
      }
      facetsBox.append(box);
    }
  }

  function render() {
    const fulltext = /** @type {HTMLAnchorElement|null} */ (document.getElementById("rc-fulltext"));
    if (fulltext) fulltext.href = "search.html" + (state.q ? "?q=" + encodeURIComponent(state.q) : "");
    list.replaceChildren();
    const words = settings ? ReasonQuery.highlightWords(settings, state.q) : [];
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
    const url = window.location.pathname + ReasonFacets.formatState(state) + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      (push ? history.pushState : history.replaceState).call(history, state, "", url);
    }
    if (!index || !settings || !root) return;
    /** @type {DocRow[]} */
    let found;
    try {
      found = state.q.trim()
        ? ReasonQuery.search(lunr, index, settings, state.q).flatMap((ref) => byRef.get(ref) || [])
        : rows.filter((row) => row.kind === "reason");
    } catch (error) {
      // lunr may refuse an unusual term (it never should); a query must never break the page.
      found = [];
      console.warn("reason browser: query failed", error);
    }
    const result = ReasonFacets.facet(found, state);
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
    state = ReasonFacets.parseState(window.location.search);
    input.value = state.q;
    update(false);
  });

  /**
   * The index's rows as the page shows them: URLs from the API's template, group names
   * from the table of groups, and an endpoint's summary from its count of reasons.
   * @param {IndexPayload} payload @returns {DocRow[]}
   */
  function resultRows(payload) {
    /** @type {DocRecord[]} */
    const records = ReasonRows.read(payload.columns.docs, payload.docs, /** @type {const} */ ([
      "ref", "kind", "api", "title", "status", "group", "summary", "url", "deprecated", "reasons",
      "statuses",
    ]));
    return records.map((record) => {
      if (record.kind === "endpoint") {
        const count = record.reasons;
        const summary = `${count} reason${count === 1 ? "" : "s"} specific to this endpoint`;
        return { ...record, group: "", summary };
      }
      const url = record.url || (payload.templates[record.api] || "").replace("{code}", record.title);
      const group = typeof record.group === "number" ? payload.groups[record.group] || "" : record.group;
      return { ...record, url, group };
    });
  }

  window.reasonCatalogIndexLoaded = function (payload) {
    data = payload;
    rows = resultRows(data);
    byRef = new Map(rows.map((row) => [row.ref, row]));
    apiNames = new Map(data.apis);
    settings = ReasonQuery.settings(data.query);
    index = lunr.Index.load(data.index);
    root.dataset.ready = "true";
    update(false);
  };

  // The decoder: read a pasted body with every catalogue's dialect.
  const bodyBox = /** @type {HTMLTextAreaElement|null} */ (document.getElementById("rc-body"));
  const decodeButton = document.getElementById("rc-decode");
  const decoded = document.getElementById("rc-decoded");
  /** @type {ReturnType<typeof ReasonDecode.prepare> | null} */ let site = null;
  window.reasonCatalogCodesLoaded = (payload) => {
    site = ReasonDecode.prepare(payload);
  };
  function showDecoded() {
    if (!bodyBox || !decoded) return;
    decoded.replaceChildren();
    if (!site || typeof jmespath === "undefined" || typeof RE2JS === "undefined") {
      decoded.textContent = "The decoder is still loading; try again in a moment.";
      return;
    }
    const result = ReasonDecode.decode(site, bodyBox.value);
    if ("error" in result) {
      decoded.append(el("p", "rc-decode-error", result.error));
      return;
    }
    const [first] = result.matches;
    if (first && result.matches.length > 1
      && result.matches.every((m) => m.row.api === first.row.api && m.row.code === first.row.code)) {
      // A code several scopes share, from a body that does not name its scope.
      decoded.append(el("p", "rc-decode-candidates",
        `The body does not say which part of ${site.apis.get(first.row.api) || first.row.api} it comes from; it is one of these:`));
    }
    for (const match of result.matches) {
      const box = el("div", "rc-decoded-match");
      const head = el("p");
      const link = /** @type {HTMLAnchorElement} */ (el("a", "rc-decoded-link"));
      link.href = match.row.url;
      link.append(el("code", "", match.row.code));
      const api = site.apis.get(match.row.api) || match.row.api;
      const scope = match.row.scope
        ? ` › ${site.scopes.get(match.row.api + "\u0000" + match.row.scope) || match.row.scope}` : "";
      head.append(`${api}${scope}: `, link);
      box.append(head);
      const facts = el("dl", "rc-decoded-facts");
      /** @type {[string, string | null][]} */
      const said = [["Message", match.message], ["Request id", match.request_id],
        ["Field", match.field], ["Status", match.status === null ? null : String(match.status)]];
      for (const [name, value] of match.sub_codes) said.push([name, value]);
      for (const [label, value] of said) {
        if (value !== null) facts.append(el("dt", "", label), el("dd", "", value));
      }
      box.append(facts);
      if (match.problem) box.append(el("p", "rc-decode-problem", `Not quite this API's error body: ${match.problem}.`));
      decoded.append(box);
    }
  }
  if (decodeButton) decodeButton.addEventListener("click", showDecoded);

  input.value = state.q;
  // Load the index after the first paint, as a script so that file:// works too.
  /** @param {string} src @param {() => void} [failed] */
  const loadScript = (src, failed) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    if (failed) script.onerror = failed;
    document.body.append(script);
  };
  // The second animation frame comes after the first one has been painted.
  const afterFirstPaint = (/** @type {() => void} */ task) =>
    window.requestAnimationFrame(() => window.requestAnimationFrame(task));
  afterFirstPaint(() => {
    loadScript(root.dataset.index || "reason-index.js", () => {
      summary.textContent = "The search index could not be loaded.";
    });
    loadScript(root.dataset.codes || "reason-codes.js");
  });
})();
