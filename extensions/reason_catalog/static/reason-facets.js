// @ts-check
// The reason browser's facets and URL state: pure functions, no DOM. A facet narrows the
// results to an API, an HTTP status or a group; its counts say how many results each value
// would show with the other facets applied, as faceted search usually does. Results that
// share a code (one per API or service) are shown together.
"use strict";

const ReasonFacets = (function () {
  /** @type {readonly ReasonFacetName[]} */
  const FACETS = ["api", "status", "group"];
  const MAX_VALUES = 50; // values of one facet read from a URL

  /** The state a URL's query string describes. @param {string} search @returns {ReasonState} */
  function parseState(search) {
    const params = new URLSearchParams(search);
    const list = (/** @type {string} */ name) =>
      params.getAll(name).filter((v) => v !== "").slice(0, MAX_VALUES);
    return { q: params.get("q") || "", api: list("api"), status: list("status"), group: list("group") };
  }

  /** The query string of a state ("" when there is nothing to say). @param {ReasonState} state */
  function formatState(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const name of FACETS) {
      for (const value of state[name]) params.append(name, value);
    }
    const text = params.toString();
    return text ? "?" + text : "";
  }

  /**
   * A result's values for a facet (none for none): a reason of several statuses has each.
   * @param {DocRow} row @param {ReasonFacetName} facet @returns {string[]}
   */
  function facetValues(row, facet) {
    if (facet === "api") return [row.api];
    if (facet === "status") {
      if (row.statuses) return row.statuses.split(",");
      return [row.status === null ? "none" : String(row.status)];
    }
    return row.group ? [`${row.api}:${row.group}`] : []; // groups are an API's own
  }

  /**
   * Filter results by the state's facets and count each facet's values, where the count of
   * a value is how many results it would show with the other facets applied. Endpoints have
   * no status or group: they are shown only while neither facet is chosen.
   * @param {DocRow[]} rows @param {ReasonState} state
   * @returns {{rows: DocRow[], counts: Record<ReasonFacetName, Map<string, number>>}}
   */
  function facet(rows, state) {
    /** @param {DocRow} row @param {ReasonFacetName | null} except */
    const keep = (row, except) =>
      FACETS.every((f) => f === except || !state[f].length
        || facetValues(row, f).some((value) => state[f].includes(value)));
    /** @type {Record<ReasonFacetName, Map<string, number>>} */
    const counts = { api: new Map(), status: new Map(), group: new Map() };
    for (const row of rows) {
      for (const f of FACETS) {
        if (row.kind !== "reason" && f !== "api") continue;
        if (!keep(row, f)) continue;
        for (const value of facetValues(row, f)) counts[f].set(value, (counts[f].get(value) || 0) + 1);
      }
    }
    const filtered = rows.filter(
      (row) =>
        keep(row, null) && (row.kind === "reason" || (!state.status.length && !state.group.length)),
    );
    return { rows: filtered, counts };
  }

  /**
   * Results that share a code (one per API or service) brought together where the best of
   * them ranks: within a run, those of the APIs `preferred` names first (in its order), then
   * in catalogue order. Every other result is a run of one.
   * @param {DocRow[]} rows best first @param {string[]} preferred API slugs (the API facet)
   * @param {(row: DocRow) => number} position a row's place in the catalogues
   * @returns {DocRow[][]}
   */
  function groupShared(rows, preferred, position) {
    /** @type {Map<string, DocRow[]>} */
    const runs = new Map();
    /** @type {DocRow[][]} */
    const out = [];
    rows.forEach((row, i) => {
      const key = row.kind === "reason" ? row.title.toLowerCase() : `\u0000${i}`;
      const run = runs.get(key);
      if (run) run.push(row);
      else {
        const created = [row];
        runs.set(key, created);
        out.push(created);
      }
    });
    /** @param {DocRow} row */
    const rank = (row) => {
      const at = preferred.indexOf(row.api);
      return at < 0 ? preferred.length : at;
    };
    for (const run of out) {
      if (run.length > 1) run.sort((a, b) => rank(a) - rank(b) || position(a) - position(b));
    }
    return out;
  }

  /**
   * Whether a facet's value is shown while its list is filtered by `filter` (any letter
   * case, anywhere in its label or value); a chosen value always is.
   * @param {string} label @param {string} value @param {string} filter @param {boolean} chosen
   */
  function shownByFilter(label, value, filter, chosen) {
    const wanted = filter.trim().toLowerCase();
    return chosen || !wanted || label.toLowerCase().includes(wanted)
      || value.toLowerCase().includes(wanted);
  }

  /**
   * Labels for the group facet's values ("api:Calls › Common errors"): the API's name and
   * the group's last title, with as many titles above it as it takes to tell two values
   * apart ("VoIPbin › Calls › Common errors" beside "VoIPbin › Queues › Common errors").
   * @param {string[]} values @param {(api: string) => string} apiName
   * @returns {Map<string, string>}
   */
  function groupLabels(values, apiName) {
    const parts = values.map((value) => {
      const at = value.indexOf(":");
      return { value, api: apiName(value.slice(0, at)), path: value.slice(at + 1).split(" › ") };
    });
    /** @type {Map<string, string>} */
    const labels = new Map();
    let depth = 1;
    let left = parts;
    while (left.length) {
      /** @param {typeof parts[number]} p */
      const label = (p) => [p.api, ...p.path.slice(-depth)].join(" › ");
      /** @type {Map<string, number>} */
      const seen = new Map();
      for (const p of left) seen.set(label(p), (seen.get(label(p)) || 0) + 1);
      const next = [];
      for (const p of left) {
        if (seen.get(label(p)) === 1 || depth >= p.path.length) labels.set(p.value, label(p));
        else next.push(p);
      }
      left = next;
      depth += 1;
    }
    return labels;
  }

  return {
    FACETS, parseState, formatState, facetValues, facet, groupShared, shownByFilter, groupLabels,
  };
})();
