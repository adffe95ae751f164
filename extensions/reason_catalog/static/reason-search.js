// @ts-check
// The reason browser's search logic: pure functions, no DOM. It mirrors
// reason_catalog/search.py clause for clause, so that the browser and Python rank alike;
// tests run the same queries through both and require the same results.
"use strict";

(function (root) {
  const MAX_QUERY = 200;
  const MAX_WORDS = 8;
  const PATTERN = "p:";
  const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"];
  // Python's \w is Unicode-aware and JavaScript's is not: spell the classes out.
  const W = "[\\p{L}\\p{N}_]";
  const PATH = new RegExp(
    `(?<![\\p{L}\\p{N}_{}])/?[\\p{L}\\p{N}_{}.-]+(?:/[\\p{L}\\p{N}_{}*.-]*)+` +
      `|(?<![\\p{L}\\p{N}_{}])/[\\p{L}\\p{N}_{}.-]+\\*?`,
    "gu"
  );
  const METHOD = new RegExp(`(?<!${W})(${METHODS.join("|")})(?!${W})`, "giu");
  const CODE_WORD = new RegExp(`${W}+`, "gu");
  const WORD = /[\p{L}\p{N}]+/gu;
  const PARAM = /\{[^{}/]*\}/g;
  const STOP_WORDS = new Set(
    ("a an and are as at be by for from has have in is it its of on or that the this to was " +
      "were will with").split(" ")
  );

  /** @param {string} text @param {string} chars */
  function rstrip(text, chars) {
    let end = text.length;
    while (end > 0 && chars.includes(text[end - 1])) end -= 1;
    return text.slice(0, end);
  }

  /** @param {string} text @param {string} chars */
  function strip(text, chars) {
    let start = 0;
    while (start < text.length && chars.includes(text[start])) start += 1;
    return rstrip(text.slice(start), chars);
  }

  /** `/calls/{call_id}/` → `/calls/{}`, as normalise_path does. @param {string} path */
  function normalisePath(path) {
    const text = rstrip(rstrip(path.trim().toLowerCase().replace(PARAM, "{}"), "*"), "/");
    return text.startsWith("/") ? text : "/" + text;
  }

  /**
   * @typedef {{term: string, fields: string[], boost: number, wildcard: boolean,
   *            editDistance: number}} Clause
   */

  /** @returns {Clause} */
  function clause(term, fields, boost, wildcard = false, editDistance = 0) {
    return { term, fields, boost, wildcard, editDistance };
  }

  /**
   * The clauses of a query, one group per path or word (see clause_groups in search.py).
   * @param {string} query
   * @returns {Clause[][]}
   */
  function clauseGroups(query) {
    const text = Array.from(String(query)).slice(0, MAX_QUERY).join("");
    /** @type {Clause[][]} */
    const groups = [];
    for (const match of text.matchAll(PATH)) {
      const path = normalisePath(match[0]);
      const group = [clause(path, ["path"], 50), clause(path, ["path"], 5, true)];
      const seen = new Set();
      for (let end = path.length; end > 1; end -= 1) {
        const candidate = PATTERN + rstrip(path.slice(0, end), "/");
        if (!seen.has(candidate)) {
          seen.add(candidate);
          group.push(clause(candidate, ["path"], end));
        }
      }
      groups.push(group);
    }
    let rest = text.replace(PATH, " ");
    const methods = Array.from(rest.matchAll(METHOD), (m) => m[1]).slice(0, MAX_WORDS);
    for (const method of methods) {
      const c = clause(method.toLowerCase(), ["path"], 5);
      // With a path, the method only ranks among that path's matches (see search.py).
      if (groups.length) groups[0].push(c);
      else groups.push([c]);
    }
    rest = rest.replace(METHOD, " ");
    // [word, whether it was typed like a code]: "CALL_" is a code prefix, "call" a word.
    let words = Array.from(rest.matchAll(CODE_WORD), (m) => [
      strip(m[0].toLowerCase(), "_"),
      m[0].includes("_"),
    ]).filter(([w]) => w);
    if (words.some(([w]) => !STOP_WORDS.has(w))) words = words.filter(([w]) => !STOP_WORDS.has(w));
    for (const [word, codeLike] of words.slice(0, MAX_WORDS)) {
      const group = [clause(word, ["code"], 100)];
      // A short prefix ("res1*") can expand to thousands of codes: keep it for codes.
      if (codeLike || Array.from(word).length >= 5) group.push(clause(word, ["code"], 10, true));
      // Typos are forgiven in codes only: fuzzy matching is lunr's slowest operation.
      if (codeLike && Array.from(word).length >= 4) group.push(clause(word, ["code"], 2, false, 1));
      for (const m of word.matchAll(WORD)) {
        const part = m[0];
        group.push(clause(part, ["code"], codeLike ? 0.6 : 0.2));
        group.push(clause(part, ["text"], 1));
        if (Array.from(part).length >= 3) group.push(clause(part, ["text"], 0.5, true));
        group.push(clause(part, ["path"], 2));
      }
      groups.push(group);
    }
    return groups;
  }

  /**
   * Run clause groups against a lunr index.
   * @param {any} lunr @param {any} index @param {Clause[][]} groups
   * @returns {{ref: string, score: number}[]}
   */
  function runGroups(lunr, index, groups) {
    const fields = new Set(index.fields);
    return index.query(function (/** @type {any} */ q) {
      for (const group of groups) {
        for (const c of group) {
          const wanted = c.fields.filter((f) => fields.has(f));
          if (!wanted.length) continue;
          /** @type {any} */
          const options = {
            fields: wanted,
            boost: c.boost,
            usePipeline: false,
            wildcard: c.wildcard ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
          };
          // lunr.js fuzzes any clause that has the key, even at 0 (and then ignores its
          // wildcard); lunr.py only when it is non-zero. Give it only when it counts.
          if (c.editDistance) options.editDistance = c.editDistance;
          q.term(c.term, options);
        }
      }
    });
  }

  /** Python's round(x, 6) for the scores we compare. @param {number} x */
  function round6(x) {
    return Math.round(x * 1e6) / 1e6;
  }

  /**
   * Refs matching a query, best first: by words matched, then score, then ref.
   * @param {any} lunr @param {any} index @param {string} query
   * @returns {string[]}
   */
  function search(lunr, index, query) {
    const groups = clauseGroups(query);
    if (!groups.length) return [];
    const results = runGroups(lunr, index, groups);
    /** @type {Map<string, number>} */
    const coverage = new Map();
    if (groups.length > 1) {
      for (const group of groups) {
        const exact = group.filter((c) => !c.editDistance); // coverage needs no fuzzing
        for (const r of runGroups(lunr, index, [exact])) {
          coverage.set(r.ref, (coverage.get(r.ref) || 0) + 1);
        }
      }
    }
    results.sort(
      (a, b) =>
        (coverage.get(b.ref) || 1) - (coverage.get(a.ref) || 1) ||
        round6(b.score) - round6(a.score) ||
        (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)
    );
    return results.map((r) => r.ref);
  }

  /**
   * The words of a query worth highlighting in a summary.
   * @param {string} query @returns {string[]}
   */
  function highlightWords(query) {
    const text = Array.from(String(query)).slice(0, MAX_QUERY).join("").toLowerCase();
    const words = new Set();
    for (const m of text.matchAll(WORD)) if (Array.from(m[0]).length >= 2) words.add(m[0]);
    return Array.from(words).sort((a, b) => b.length - a.length);
  }

  /**
   * Split text into [isMatch, piece] runs for the given words (case-insensitive).
   * @param {string} text @param {string[]} words @returns {[boolean, string][]}
   */
  function highlight(text, words) {
    if (!words.length) return [[false, text]];
    const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    // Only at the start of a word: "not" marks "not found", not "another".
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${escaped.join("|")})`, "giu");
    /** @type {[boolean, string][]} */
    const out = [];
    let last = 0;
    for (const m of text.matchAll(pattern)) {
      const at = m.index || 0;
      if (at > last) out.push([false, text.slice(last, at)]);
      out.push([true, m[0]]);
      last = at + m[0].length;
    }
    if (last < text.length) out.push([false, text.slice(last)]);
    return out;
  }

  /**
   * @typedef {{q: string, api: string[], status: string[], group: string[]}} State
   */

  /** @param {string} search @returns {State} */
  function parseState(search) {
    const params = new URLSearchParams(search);
    const list = (/** @type {string} */ name) =>
      params.getAll(name).filter((v) => v !== "").slice(0, 50);
    return { q: params.get("q") || "", api: list("api"), status: list("status"), group: list("group") };
  }

  /** @param {State} state @returns {string} */
  function formatState(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const name of /** @type {const} */ (["api", "status", "group"])) {
      for (const value of state[name]) params.append(name, value);
    }
    const text = params.toString();
    return text ? "?" + text : "";
  }

  /** A row's value for a facet. @param {any[]} row @param {string} facet */
  function facetValue(row, facet) {
    if (facet === "api") return row[2];
    if (facet === "status") return row[4] === null ? "none" : String(row[4]);
    return row[5] ? `${row[2]}:${row[5]}` : ""; // groups are an API's own
  }

  /**
   * Filter rows by the state's facets and count each facet's values, where the count of a
   * value is how many rows it would show with the other facets applied.
   * @param {any[][]} rows @param {State} state
   */
  function facet(rows, state) {
    const facets = /** @type {const} */ (["api", "status", "group"]);
    /** @param {any[]} row @param {string|null} except */
    const keep = (row, except) =>
      facets.every(
        (f) => f === except || !state[f].length || state[f].includes(facetValue(row, f))
      );
    /** @type {Record<string, Map<string, number>>} */
    const counts = { api: new Map(), status: new Map(), group: new Map() };
    for (const row of rows) {
      for (const f of facets) {
        if (row[1] !== "reason" && f !== "api") continue;
        if (!keep(row, f)) continue;
        const value = facetValue(row, f);
        if (value === "") continue;
        counts[f].set(value, (counts[f].get(value) || 0) + 1);
      }
    }
    const filtered = rows.filter(
      (row) => keep(row, null) && (row[1] === "reason" || (!state.status.length && !state.group.length))
    );
    return { rows: filtered, counts };
  }

  /** Levenshtein distance, stopping early past `limit`. @param {string} a @param {string} b */
  function distance(a, b, limit = Infinity) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i += 1) {
      const current = [i];
      let best = i;
      for (let j = 1; j <= b.length; j += 1) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        best = Math.min(best, current[j]);
      }
      if (best > limit) return limit + 1;
      previous = current;
    }
    return previous[b.length];
  }

  /**
   * Look a code up, in any letter case: exact matches, else the nearest codes.
   * @param {any[][]} codes rows of [api, code, url, kind] @param {string} code
   * @param {string} apiSlug "" for any API
   */
  function lookup(codes, code, apiSlug) {
    const wanted = String(code).trim().toLowerCase();
    const pool = apiSlug ? codes.filter((row) => row[0] === apiSlug) : codes;
    const exact = pool.filter((row) => row[1].toLowerCase() === wanted);
    if (exact.length || !wanted) return { exact, nearest: [] };
    const limit = Math.max(2, Math.floor(wanted.length / 3));
    const nearest = pool
      .map((row) => /** @type {[number, any[]]} */ ([distance(wanted, row[1].toLowerCase(), limit), row]))
      .filter(([d]) => d <= limit)
      .sort((x, y) => x[0] - y[0] || (x[1][1] < y[1][1] ? -1 : 1))
      .slice(0, 5)
      .map(([, row]) => row);
    return { exact, nearest };
  }

  /** A Python regular expression as JavaScript's: named groups are spelled (?<name>…). */
  function jsPattern(/** @type {string} */ pattern) {
    return new RegExp(pattern.replace(/\(\?P</g, "(?<"));
  }

  /** The value at a location of a dialect (see dialect.py). @param {any} jmespath */
  function locate(jmespath, /** @type {any} */ body, /** @type {any} */ location) {
    if (!location) return null;
    let value;
    try {
      value = jmespath.search(body, location.path);
    } catch (error) {
      return null;
    }
    if (value === null || value === undefined || !location.pattern) return value ?? null;
    if (typeof value !== "string") return null;
    const match = jsPattern(location.pattern).exec(value);
    if (!match) return null;
    return match.groups && "value" in match.groups ? match.groups.value : match[1];
  }

  /**
   * Read a raw error body with every catalogue's dialect, and with our own URLs (RFC 9457
   * `type`); return the reasons it matches, with what the body says beside them.
   * @param {any} jmespath @param {any} data reason-codes.js's payload @param {string} text
   */
  function decode(jmespath, data, text) {
    let body;
    try {
      body = JSON.parse(text);
    } catch (error) {
      return { error: `This is not JSON: ${/** @type {Error} */ (error).message}` };
    }
    if (body === null || typeof body !== "object") {
      return { error: "This is JSON, but not an object as error bodies are." };
    }
    const matches = [];
    const seen = new Set();
    const add = (/** @type {any[]} */ row, /** @type {any} */ said) => {
      const key = row[0] + ":" + row[1];
      if (!seen.has(key)) { seen.add(key); matches.push({ row, ...said }); }
    };
    if (typeof body.type === "string") {
      for (const row of data.codes) {
        if (body.type === row[2] || body.type.endsWith("/" + row[2])) {
          add(row, { message: body.detail || body.title || null, requestId: body.instance || null,
            field: null, status: typeof body.status === "number" ? body.status : null });
        }
      }
    }
    for (const [slug, fields] of Object.entries(data.dialects || {})) {
      let code = locate(jmespath, body, /** @type {any} */ (fields).code);
      if (typeof code === "number") code = String(code);
      if (typeof code !== "string" || !code) continue;
      const wanted = code.toLowerCase();
      const row = data.codes.find((/** @type {any[]} */ r) => r[0] === slug && r[1].toLowerCase() === wanted);
      if (!row) continue;
      const text = (/** @type {string} */ name) => {
        const value = locate(jmespath, body, /** @type {any} */ (fields)[name]);
        return typeof value === "string" ? value : null;
      };
      add(row, { message: text("message"), requestId: text("request_id"), field: text("field"),
        status: null });
    }
    if (!matches.length) {
      return { error: "No catalogue on this site reads this body: its dialect is unknown, or its code is not one of ours." };
    }
    return { matches };
  }

  const api = {
    decode,
    locate,
    lookup,
    distance,
    clauseGroups, normalisePath, search, highlight, highlightWords, parseState, formatState,
    facet, facetValue,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ReasonSearch = api;
})(typeof window !== "undefined" ? window : globalThis);
