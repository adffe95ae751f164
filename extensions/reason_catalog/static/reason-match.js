// @ts-check
// Finding a code among the codes the site knows (reason-codes.js): in any letter case, and
// else the nearest codes by edit distance. Used by the lookup page and the decoder. Pure
// functions, no DOM.
"use strict";

const ReasonMatch = (function () {
  /** Levenshtein distance, stopping early past `limit`. @param {string} a @param {string} b */
  function distance(a, b, limit = Infinity) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    /** @type {number[]} */
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i += 1) {
      /** @type {number[]} */
      const current = [i];
      let best = i;
      for (let j = 1; j <= b.length; j += 1) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        const value = Math.min(
          /** @type {number} */ (previous[j]) + 1,
          /** @type {number} */ (current[j - 1]) + 1,
          /** @type {number} */ (previous[j - 1]) + cost,
        );
        current[j] = value;
        best = Math.min(best, value);
      }
      if (best > limit) return limit + 1;
      previous = current;
    }
    return /** @type {number} */ (previous[b.length]);
  }

  /**
   * Look a code up, in any letter case: exact matches, else the nearest codes. In a scoped
   * catalogue several scopes may share a code: all of them are exact matches, unless `scope`
   * names one.
   * @param {CodeRow[]} codes @param {string} code @param {string} apiSlug "" for any API
   * @param {string} [scope] "" for any scope
   * @returns {{exact: CodeRow[], nearest: CodeRow[]}}
   */
  function lookup(codes, code, apiSlug, scope = "") {
    const wanted = String(code).trim().toLowerCase();
    const inScope = scope.toLowerCase();
    const pool = codes.filter((row) => (!apiSlug || row.api === apiSlug)
      && (!inScope || row.scope.toLowerCase() === inScope));
    const exact = pool.filter((row) => row.code.toLowerCase() === wanted);
    if (exact.length || !wanted) return { exact, nearest: [] };
    const limit = Math.max(2, Math.floor(wanted.length / 3));
    const nearest = pool
      .map((row) => /** @type {[number, CodeRow]} */ ([distance(wanted, row.code.toLowerCase(), limit), row]))
      .filter(([d]) => d <= limit)
      .sort((x, y) => x[0] - y[0] || (x[1].code < y[1].code ? -1 : 1))
      .slice(0, 5)
      .map(([, row]) => row);
    return { exact, nearest };
  }

  /**
   * The codes keyed for exact lookups by API and code in any letter case: every row with
   * that code, one per scope that has it, current codes before retired ones.
   * @param {CodeRow[]} codes @returns {Map<string, CodeRow[]>}
   */
  function byApiAndCode(codes) {
    /** @type {Map<string, CodeRow[]>} */
    const map = new Map();
    for (const row of codes) {
      const key = keyOf(row.api, row.code);
      const rows = map.get(key);
      if (!rows) map.set(key, [row]);
      else if (!rows.some((other) => other.scope === row.scope)) rows.push(row);
    }
    return map;
  }

  /** @param {string} api @param {string} code */
  function keyOf(api, code) {
    return `${api}\u0000${code.toLowerCase()}`;
  }

  /**
   * An API's code, in any letter case: the rows it may be (several when scopes share it and
   * `scope` is null), or none.
   * @param {Map<string, CodeRow[]>} index from byApiAndCode @param {string} api
   * @param {string} code @param {string | null} [scope] what the body says its scope is
   * @returns {CodeRow[]}
   */
  function findAll(index, api, code, scope = null) {
    const rows = index.get(keyOf(api, code)) || [];
    if (scope === null) return rows;
    const wanted = scope.toLowerCase();
    return rows.filter((row) => row.scope.toLowerCase() === wanted);
  }

  /**
   * An API's code, in any letter case, or null (the first scope's, when several share it).
   * @param {Map<string, CodeRow[]>} index from byApiAndCode @param {string} api @param {string} code
   */
  function find(index, api, code) {
    return findAll(index, api, code)[0] || null;
  }

  /**
   * The one code a lookup means, if it means one: the only exact match, or of codes that
   * differ only in case between APIs (VoIPbin's CALL_NOT_FOUND, SignalWire's call_not_found),
   * the only one written exactly as asked. The lookup page and Sphinx's search page agree.
   * @template {{code: string}} T @param {T[]} exact @param {string} code
   * @returns {T | undefined}
   */
  function meant(exact, code) {
    if (exact.length === 1) return exact[0];
    const same = exact.filter((row) => row.code === code);
    return same.length === 1 ? same[0] : undefined;
  }

  return { distance, lookup, byApiAndCode, find, findAll, meant };
})();
