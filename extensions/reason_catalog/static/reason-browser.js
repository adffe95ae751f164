// @ts-check
// The reason browser's page wiring: loads the index after first paint, reads and writes the
// URL, renders results and facets, handles the keyboard, and shows what the decoder reads.
// Every piece of catalogue or body text reaches the page through textContent or text nodes,
// never as markup. The logic is in reason-query.js, reason-facets.js and reason-decode.js.
"use strict";

(function () {
  const PAGE_SIZE = 50;
  const FILTER_AT = 15; // a facet with more values than this gets a box to filter them
  const root = document.getElementById("reason-browser");
  if (!root) return;
  const input = /** @type {HTMLInputElement} */ (document.getElementById("rc-query"));
  const list = /** @type {HTMLElement} */ (document.getElementById("rc-results"));
  const summary = /** @type {HTMLElement} */ (document.getElementById("rc-summary"));
  const facetsBox = /** @type {HTMLElement} */ (document.getElementById("rc-facets"));
  const more = /** @type {HTMLButtonElement} */ (document.getElementById("rc-more"));
  summary.textContent = "Loading the index…"; // only said where this script runs
  // Where a number that is no code gets the nearest codes (ReasonMatch.lookup, as on the
  // lookup page).
  const nearestBox = el("div", "rc-nearest");
  nearestBox.id = "rc-nearest";
  nearestBox.hidden = true;
  list.before(nearestBox);

  /** @type {IndexPayload | null} */ let data = null;
  /** @type {LunrIndex | null} */ let index = null;
  /** @type {LunrIndex[]} the prose index's shards loaded so far */ const prose = [];
  /** @type {ReturnType<typeof ReasonQuery.settings> | null} */ let settings = null;
  /** @type {DocRow[]} */ let rows = [];
  /** @type {Map<string, DocRow>} */ let byRef = new Map();
  /** @type {Map<string, string>} */ let apiNames = new Map();
  let state = ReasonFacets.parseState(window.location.search);
  let shown = PAGE_SIZE;
  let selected = -1;
  /** @type {DocRow[]} */ let current = [];
  /** @type {DocRow[][]} the shown results in runs: a shared code's rows, or one row */
  let runs = [];
  /** @type {Map<string, number>} each row's place in the catalogues */
  let positions = new Map();
  /** @type {Record<ReasonFacetName, string>} what each facet's filter box holds */
  const facetFilters = { api: "", status: "", group: "" };

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
    item.setAttribute("role", "none");
    item.dataset.position = String(position);
    const link = /** @type {HTMLAnchorElement} */ (el("a", "rc-result-link"));
    // The link itself is the listbox's option: an option holding a link would hide it from
    // assistive technology (axe: nested-interactive).
    link.setAttribute("role", "option");
    link.id = `rc-result-${row.ref}`;
    link.href = row.url;
    const head = el("span", "rc-result-head");
    if (row.kind === "reason") {
      const drawn = badge(row);
      if (drawn) head.append(drawn, " ");
    } else {
      head.append(el("span", "rc-kind", row.kind === "api" ? "API" : "endpoint"), " ");
    }
    head.append(el("code", "rc-result-title", row.title));
    if (row.deprecated) head.append(" ", el("span", "rc-deprecated", "deprecated"));
    head.append(" ", el("span", "rc-result-api", apiNames.get(row.api) || row.api));
    if (row.scope) head.append(el("span", "rc-result-scope", ` › ${row.scope}`));
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

  /**
   * @param {ReasonFacetName} name @param {string} value
   * @param {Map<string, string>} groups the group facet's labels (ReasonFacets.groupLabels)
   */
  function facetLabel(name, value, groups) {
    if (name === "api") return apiNames.get(value) || value;
    if (name === "status") return value === "none" ? "no status" : value;
    return groups.get(value) || value;
  }

  /**
   * Show only the values a facet's filter box lets through, and say when none is.
   * @param {HTMLElement} box @param {ReasonFacetName} name
   */
  function applyFacetFilter(box, name) {
    let shownCount = 0;
    for (const label of box.querySelectorAll(".rc-facet-value")) {
      const check = /** @type {HTMLInputElement} */ (label.querySelector("input"));
      const text = label.querySelector(".rc-facet-name")?.textContent || "";
      const shown = ReasonFacets.shownByFilter(text, check.value, facetFilters[name], check.checked);
      /** @type {HTMLElement} */ (label).hidden = !shown;
      if (shown) shownCount += 1;
    }
    const none = /** @type {HTMLElement | null} */ (box.querySelector(".rc-facet-none"));
    if (none) none.hidden = shownCount > 0;
  }

  /** @param {HTMLElement} box @returns {HTMLInputElement[]} the values shown, in order */
  function shownChecks(box) {
    return Array.from(box.querySelectorAll(".rc-facet-value:not([hidden]) input"));
  }

  /**
   * A facet's box to filter its values as one types: Arrow Down goes to the first value
   * shown, Enter chooses the first one not chosen yet, Escape empties the box.
   * @param {HTMLElement} box @param {ReasonFacetName} name @param {string} title @param {number} count
   */
  function facetFilter(box, name, title, count) {
    const filter = /** @type {HTMLInputElement} */ (el("input", "rc-facet-filter"));
    filter.type = "search";
    filter.autocomplete = "off";
    filter.spellcheck = false;
    filter.dataset.facet = name;
    filter.placeholder = `Filter ${count} values…`;
    filter.setAttribute("aria-label", `Filter the ${title} values`);
    filter.value = facetFilters[name];
    filter.addEventListener("input", () => {
      facetFilters[name] = filter.value;
      applyFacetFilter(box, name);
    });
    filter.addEventListener("keydown", (event) => {
      const shown = shownChecks(box);
      const [first] = shown;
      if (event.key === "ArrowDown" && first) { first.focus(); event.preventDefault(); }
      else if (event.key === "Enter") {
        const unchosen = shown.find((check) => !check.checked);
        if (unchosen) unchosen.click();
        event.preventDefault();
      } else if (event.key === "Escape" && filter.value) {
        filter.value = "";
        facetFilters[name] = "";
        applyFacetFilter(box, name);
        event.preventDefault();
      }
    });
    return filter;
  }

  /** What has the focus in the facets, to give it back once they are drawn again. */
  function facetFocus() {
    const active = document.activeElement;
    if (!(active instanceof HTMLInputElement) || !facetsBox.contains(active)) return null;
    return active.classList.contains("rc-facet-filter")
      ? { facet: active.dataset.facet || "", value: null }
      : { facet: active.name, value: active.value };
  }

  /** @param {Record<ReasonFacetName, Map<string, number>>} counts */
  function renderFacets(counts) {
    const focused = facetFocus();
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
      const groups = name === "group"
        ? ReasonFacets.groupLabels(values.map(([value]) => value), (api) => apiNames.get(api) || api)
        : new Map();
      const box = el("fieldset", "rc-facet");
      box.append(el("legend", "", titles[name]));
      // Every value, however many: past FILTER_AT they scroll, under a box to filter them.
      const long = values.length > FILTER_AT;
      const holder = long ? el("div", "rc-facet-values") : box;
      if (long) {
        box.classList.add("rc-facet-long");
        box.append(facetFilter(box, name, titles[name], values.length), holder);
      }
      for (const [value, count] of values) {
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
        const text = el("span", "rc-facet-name", facetLabel(name, value, groups));
        if (name === "group") text.title = value.slice(value.indexOf(":") + 1);
        label.append(check, " ", text, " ", el("span", "rc-count", String(count)));
        check.addEventListener("keydown", (event) => {
          // Arrow keys move among the values shown; up from the first goes to the filter.
          if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
          const shown = shownChecks(box);
          const at = shown.indexOf(check) + (event.key === "ArrowDown" ? 1 : -1);
          const next = at >= 0 ? shown[at] : box.querySelector(".rc-facet-filter");
          if (next instanceof HTMLElement) { next.focus(); event.preventDefault(); }
        });
        holder.append(label);
      }
      if (long) {
        holder.append(el("p", "rc-facet-none", "No value matches."));
        applyFacetFilter(box, name);
      }
      facetsBox.append(box);
    }
    if (focused) {
      const selector = focused.value === null
        ? `.rc-facet-filter[data-facet="${CSS.escape(focused.facet)}"]`
        : `input[name="${CSS.escape(focused.facet)}"][value="${CSS.escape(focused.value)}"]`;
      const again = /** @type {HTMLElement | null} */ (facetsBox.querySelector(selector));
      if (again) again.focus();
    }
  }

  /**
   * The rows of a run of results that share a code, under a line that says so.
   * @param {DocRow[]} run @param {string[]} words @param {number} start its first position
   */
  function sharedItem(run, words, start) {
    const item = el("li", "rc-shared");
    item.setAttribute("role", "group");
    const [first] = run;
    const head = el("p", "rc-shared-head", `${run.length} results share the code `);
    head.id = `rc-shared-${first ? first.ref : start}`;
    head.append(el("code", "", first ? first.title : ""));
    item.setAttribute("aria-labelledby", head.id);
    const inner = el("ol", "rc-shared-results");
    inner.setAttribute("role", "none");
    run.forEach((row, i) => inner.append(resultItem(row, words, start + i)));
    item.append(head, inner);
    return item;
  }

  /**
   * For a number that is no code of the results: the codes nearest to it, or the code hidden
   * by the filters (ReasonMatch.lookup over every code the site knows).
   */
  function renderNearest() {
    nearestBox.replaceChildren();
    nearestBox.hidden = true;
    const wanted = state.q.trim();
    if (!site || !/^-?[0-9]+$/.test(wanted)) return;
    if (current.some((row) => row.kind === "reason" && row.title === wanted)) return;
    const api = state.api.length === 1 ? state.api[0] || "" : "";
    const { exact, nearest } = ReasonMatch.lookup(site.codes, wanted, api);
    const found = exact.length ? exact : nearest;
    if (!found.length) return;
    nearestBox.append(el("p", "rc-nearest-head", exact.length
      ? `The code ${wanted} is left out by the filters:`
      : `No code is ${wanted}. The nearest codes:`));
    const items = el("ul", "rc-nearest-list");
    for (const row of found) {
      const item = el("li");
      const link = /** @type {HTMLAnchorElement} */ (el("a", "rc-nearest-link"));
      link.href = row.url;
      link.append(el("code", "", row.code));
      const scope = row.scope
        ? ` › ${site.scopes.get(row.api + "\u0000" + row.scope) || row.scope}` : "";
      const retired = row.kind !== "reason" ? ` (${row.kind})` : "";
      item.append(link, ` ${apiNames.get(row.api) || row.api}${scope}${retired}`);
      items.append(item);
    }
    nearestBox.append(items);
    nearestBox.hidden = false;
  }

  function render() {
    const fulltext = /** @type {HTMLAnchorElement|null} */ (document.getElementById("rc-fulltext"));
    if (fulltext) fulltext.href = "search.html" + (state.q ? "?q=" + encodeURIComponent(state.q) : "");
    list.replaceChildren();
    const words = settings ? ReasonQuery.highlightWords(settings, state.q) : [];
    const fragment = document.createDocumentFragment();
    let position = 0;
    for (const whole of runs) {
      if (position >= shown) break;
      const run = whole.slice(0, shown - position);
      const only = run[0];
      fragment.append(run.length > 1 || !only ? sharedItem(run, words, position) : resultItem(only, words, position));
      position += run.length;
    }
    list.append(fragment);
    renderNearest();
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

  /**
   * @param {boolean} push whether this change deserves its own history entry
   * @param {number} [page] how many results to show (more than a page, to keep the reader's)
   */
  function update(push, page = PAGE_SIZE) {
    const url = window.location.pathname + ReasonFacets.formatState(state) + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      (push ? history.pushState : history.replaceState).call(history, state, "", url);
    }
    if (!index || !settings || !root) return;
    /** @type {DocRow[]} */
    let found;
    try {
      found = state.q.trim()
        ? ReasonQuery.search(lunr, index, settings, state.q, prose).flatMap((ref) => byRef.get(ref) || [])
        : rows.filter((row) => row.kind === "reason");
    } catch (error) {
      // lunr may refuse an unusual term (it never should); a query must never break the page.
      found = [];
      console.warn("reason browser: query failed", error);
    }
    const result = ReasonFacets.facet(found, state);
    // With a query, a code several APIs or services share is one run of results, the chosen
    // API's first; without one, the catalogues' own order stands.
    runs = state.q.trim()
      ? ReasonFacets.groupShared(result.rows, state.api, (row) => positions.get(row.ref) ?? 0)
      : result.rows.map((row) => [row]);
    current = runs.flat();
    shown = page;
    renderFacets(result.counts);
    render();
    // When the first results became usable, for the benchmark (ms since navigation).
    if (!root.dataset.firstResultAt) root.dataset.firstResultAt = String(performance.now());
  }

  function select(/** @type {number} */ position) {
    const items = list.querySelectorAll(".rc-result-link");
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
      "statuses", "scope",
    ]));
    /** @param {number | string} value a string, or a number into the table of groups */
    const named = (value) => typeof value === "number" ? payload.groups[value] || "" : value;
    return records.map((record) => {
      const scope = named(record.scope);
      if (record.kind === "endpoint") {
        const count = record.reasons;
        const summary = `${count} reason${count === 1 ? "" : "s"} specific to this endpoint`;
        return { ...record, group: "", summary, scope };
      }
      if (record.kind === "api") {
        const count = record.reasons;
        return { ...record, group: "", summary: `${count} reason${count === 1 ? "" : "s"}`, scope };
      }
      const url = record.url || (payload.templates[record.api] || "").replace("{code}", record.title);
      return { ...record, url, group: named(record.group), scope };
    });
  }

  window.reasonCatalogIndexLoaded = function (payload) {
    data = payload;
    rows = resultRows(data);
    byRef = new Map(rows.map((row) => [row.ref, row]));
    positions = new Map(rows.map((row, i) => [row.ref, i]));
    apiNames = new Map(data.apis);
    settings = ReasonQuery.settings(data.query, lunr);
    index = lunr.Index.load(data.index);
    root.dataset.ready = "true";
    // The page's search, for scripts that embed or test it: refs, best first, over the code
    // index and the prose shards loaded so far (data-prose says when they all are).
    window.reasonCatalogSearch = (query) =>
      index && settings ? ReasonQuery.search(lunr, index, settings, query, prose) : [];
    update(false);
    // The rest after the first result: the prose index (phrases), then the codes and the
    // decoder's scripts, which run in the order given.
    for (const file of data.prose) loadScript(file);
    if (!data.prose.length) root.dataset.prose = "true";
    for (const src of (root.dataset.decoder || "").split(" ").filter(Boolean)) loadScript(src, undefined, true);
    loadScript(root.dataset.codes || "reason-codes.js", undefined, true);
  };

  window.reasonCatalogProseLoaded = function (payload) {
    if (!data) return;
    prose.push(lunr.Index.load(payload.index));
    // Once every shard is in, the query runs again over them (the page of results stays).
    if (prose.length === data.prose.length) {
      root.dataset.prose = "true";
      update(false, shown);
    }
  };

  // The decoder: read a pasted body with every catalogue's dialect.
  const bodyBox = /** @type {HTMLTextAreaElement|null} */ (document.getElementById("rc-body"));
  const decodeButton = document.getElementById("rc-decode");
  const decoded = document.getElementById("rc-decoded");
  /** @type {ReturnType<typeof ReasonDecode.prepare> | null} */ let site = null;
  window.reasonCatalogCodesLoaded = (payload) => {
    site = ReasonDecode.prepare(payload);
    renderNearest();
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
  /**
   * @param {string} src @param {() => void} [failed]
   * @param {boolean} [ordered] run after the other ordered scripts, in the order asked
   */
  function loadScript(src, failed, ordered = false) {
    const script = document.createElement("script");
    script.src = src;
    script.async = !ordered;
    if (failed) script.onerror = failed;
    document.body.append(script);
  }
  // The second animation frame comes after the first one has been painted.
  const afterFirstPaint = (/** @type {() => void} */ task) =>
    window.requestAnimationFrame(() => window.requestAnimationFrame(task));
  afterFirstPaint(() => {
    loadScript(root.dataset.index || "reason-index.js", () => {
      summary.textContent = "The search index could not be loaded.";
    });
  });
})();
