// @ts-check
// The reason browser's query: pure functions, no DOM. It mirrors search/index.py clause for
// clause, so that the browser and Python rank alike; tests run the same queries through both
// and require the same results. Its numbers (limits, stop words, boosts) are index.py's, read
// from the index's payload (`settings`); only the regular expressions are written here too.
"use strict";

const ReasonQuery = (function () {
  // Python's \w is Unicode-aware and JavaScript's is not: spell the classes out.
  const W = "[\\p{L}\\p{N}_]";
  const PATH = new RegExp(
    `(?<![\\p{L}\\p{N}_{}])/?[\\p{L}\\p{N}_{}.-]+(?:/[\\p{L}\\p{N}_{}*.-]*)+` +
      `|(?<![\\p{L}\\p{N}_{}])/[\\p{L}\\p{N}_{}.-]+\\*?`,
    "gu",
  );
  // Also the sign of a negative number: JSON-RPC's -32601 is not 32601 (index.py's _CODE_WORD).
  const CODE_WORD = new RegExp(`(?:(?<!${W})-(?=[0-9]+(?!${W})))?${W}+`, "gu");
  const WORD = /[\p{L}\p{N}]+/gu;
  const PARAM = /\{[^{}/]*\}/g;
  // Where a camel-case segment breaks into words (index.py's _CAMEL): ASCII only, as there.
  const CAMEL = /(?<=[a-z])(?=[A-Z])|(?<=[A-Z0-9])(?=[A-Z][a-z])/;
  const CAMEL_TYPED = /[a-z][A-Z]/;
  /** The fields a word is looked up in whole (index.py's WORD_FIELDS). */
  const WORD_FIELDS = ["code", "operation", "scope"];

  /**
   * @typedef {Omit<QuerySettingsPayload, "stopWords"> & {
   *   stopWords: Set<string>, method: RegExp}} Settings
   */

  /**
   * The query's settings from the index's payload, ready to use.
   * @param {QuerySettingsPayload} payload
   * @returns {Settings}
   */
  function settings(payload) {
    return {
      ...payload,
      stopWords: new Set(payload.stopWords),
      method: new RegExp(`(?<!${W})(${payload.methods.join("|")})(?!${W})`, "giu"),
    };
  }

  /** @param {string} text @param {string} chars */
  function rstrip(text, chars) {
    let end = text.length;
    while (end > 0 && chars.includes(/** @type {string} */ (text[end - 1]))) end -= 1;
    return text.slice(0, end);
  }

  /** @param {string} text @param {string} chars */
  function strip(text, chars) {
    let start = 0;
    while (start < text.length && chars.includes(/** @type {string} */ (text[start]))) start += 1;
    return rstrip(text.slice(start), chars);
  }

  /** Characters, not UTF-16 units, as Python counts them. @param {string} text */
  function length(text) {
    return Array.from(text).length;
  }

  /** `/calls/{call_id}/` → `/calls/{}`, as normalise_path does. @param {string} path */
  function normalisePath(path) {
    const text = rstrip(rstrip(path.trim().toLowerCase().replace(PARAM, "{}"), "*"), "/");
    return text.startsWith("/") ? text : "/" + text;
  }

  /**
   * The words of a code, lower-cased, once each: its segments and, where a segment is written
   * in camel case, the words of that segment (index.py's code_words).
   * @param {string} text @returns {string[]}
   */
  function codeWords(text) {
    /** @type {string[]} */
    const words = [];
    for (const m of text.matchAll(WORD)) {
      const segment = m[0];
      words.push(segment.toLowerCase());
      const pieces = segment.split(CAMEL).filter((p) => length(p) > 1).map((p) => p.toLowerCase());
      if (pieces.length > 1) words.push(...pieces);
    }
    return Array.from(new Set(words));
  }

  /** Whether a typed word is written as codes are: "CALL_", "NoSuchKey". @param {string} word */
  function typedLikeACode(word) {
    return word.includes("_") || CAMEL_TYPED.test(word);
  }

  /**
   * Whether a typed word may be a mistyped code: written like one, in capitals or with
   * digits (index.py's typo_worthy). @param {string} word
   */
  function typoWorthy(word) {
    const capitals = /[A-Z]/.test(word) && !/[a-z]/.test(word);
    return typedLikeACode(word) || /[0-9]/.test(word) || capitals;
  }

  /**
   * @typedef {{term: string, fields: string[], boost: number, wildcard: boolean,
   *            editDistance: number}} Clause
   */

  /**
   * @param {string} term @param {string[]} fields @param {number} boost
   * @returns {Clause}
   */
  function clause(term, fields, boost, wildcard = false, editDistance = 0) {
    return { term, fields, boost, wildcard, editDistance };
  }

  /**
   * The clauses of a query, one group per path or word (see clause_groups in index.py).
   * `known` says whether a word is a word of some code in the index: then it gets no typo
   * clause (without it, every word that may be a typo gets one).
   * @param {Settings} s @param {string} query @param {((word: string) => boolean) | null} [known]
   * @returns {Clause[][]}
   */
  function clauseGroups(s, query, known = null) {
    const boosts = s.boosts;
    const text = Array.from(String(query)).slice(0, s.maxQuery).join("");
    /** @type {Clause[][]} */
    const groups = [];
    for (const match of text.matchAll(PATH)) {
      const path = normalisePath(match[0]);
      const group = [
        clause(path, ["path"], boosts.path),
        clause(path, ["path"], boosts.path_prefix, true),
      ];
      const seen = new Set();
      // Every pattern that covers the path; the longer, the more specific, the higher.
      for (let end = path.length; end > 1; end -= 1) {
        const candidate = s.pattern + rstrip(path.slice(0, end), "/");
        if (!seen.has(candidate)) {
          seen.add(candidate);
          group.push(clause(candidate, ["path"], end));
        }
      }
      groups.push(group);
    }
    let rest = text.replace(PATH, " ");
    const methods = Array.from(rest.matchAll(s.method), (m) => String(m[1])).slice(0, s.maxWords);
    for (const method of methods) {
      const c = clause(method.toLowerCase(), ["path"], boosts.method);
      // With a path, the method only ranks among that path's matches (see index.py).
      const first = groups[0];
      if (first) first.push(c);
      else groups.push([c]);
    }
    rest = rest.replace(s.method, " ");
    /** @type {[string, string][]} [the word as typed, the word] */
    let words = Array.from(
      rest.matchAll(CODE_WORD),
      (m) => /** @type {[string, string]} */ ([m[0], strip(m[0].toLowerCase(), "_")]),
    ).filter(([, w]) => w);
    if (words.some(([, w]) => !s.stopWords.has(w))) words = words.filter(([, w]) => !s.stopWords.has(w));
    for (const [raw, word] of words.slice(0, s.maxWords)) {
      const codeLike = typedLikeACode(raw);
      // A word may be a whole code, an operation's name or a service's.
      const group = [clause(word, WORD_FIELDS, boosts.code)];
      // A short prefix ("res1*") can expand to thousands of codes: keep it for codes.
      if (codeLike || length(word) >= s.minLength.code_prefix) {
        group.push(clause(word, ["code"], boosts.code_prefix, true));
      }
      // Typos are forgiven in what looks like a code and is none: fuzzy matching is lunr's
      // slowest operation, and a word the index has is no typo.
      if (typoWorthy(raw) && length(word) >= s.minLength.code_typo && !(known && known(word))) {
        group.push(clause(word, ["code"], boosts.code_typo, false, 1));
      }
      for (const part of codeWords(raw)) {
        // A part weighs well below a whole code (a word of one part is looked up whole).
        if (part !== word) {
          group.push(clause(part, ["code"], codeLike ? boosts.part_code_like : boosts.part_word));
        }
        group.push(clause(part, ["text"], boosts.part_text));
        if (length(part) >= s.minLength.part_text_prefix) {
          group.push(clause(part, ["text"], boosts.part_text_prefix, true));
        }
        group.push(clause(part, ["path"], boosts.part_path));
      }
      groups.push(group);
    }
    return groups;
  }

  /**
   * Run clause groups against a lunr index.
   * @param {Lunr} lunrJs @param {LunrIndex} index @param {Clause[][]} groups
   */
  function runGroups(lunrJs, index, groups) {
    const fields = new Set(index.fields);
    return index.query((q) => {
      for (const group of groups) {
        for (const c of group) {
          const wanted = c.fields.filter((f) => fields.has(f));
          if (!wanted.length) continue;
          /** @type {Parameters<LunrQuery["term"]>[1]} */
          const options = {
            fields: wanted,
            boost: c.boost,
            usePipeline: false,
            wildcard: c.wildcard ? lunrJs.Query.wildcard.TRAILING : lunrJs.Query.wildcard.NONE,
          };
          // lunr.js fuzzes any clause that has the key, even at 0 (and then ignores its
          // wildcard); lunr.py only when it is non-zero. Give it only when it counts.
          if (c.editDistance) options.editDistance = c.editDistance;
          q.term(c.term, options);
        }
      }
    });
  }

  /**
   * Whether a word is a token of some document's code (index.py's code_word).
   * @param {LunrIndex} index @param {string} word
   */
  function codeWord(index, word) {
    const posting = index.invertedIndex[word];
    return Boolean(posting && posting.code && Object.keys(posting.code).length);
  }

  /** Python's round(x, 6) for the scores we compare. @param {number} x */
  function round6(x) {
    return Math.round(x * 1e6) / 1e6;
  }

  /**
   * Refs matching a query, best first: by words matched, then score, then ref.
   * @param {Lunr} lunrJs @param {LunrIndex} index @param {Settings} s @param {string} query
   * @returns {string[]}
   */
  function search(lunrJs, index, s, query) {
    const groups = clauseGroups(s, query, (word) => codeWord(index, word));
    if (!groups.length) return [];
    const results = runGroups(lunrJs, index, groups);
    /** @type {Map<string, number>} */
    const coverage = new Map();
    if (groups.length > 1) {
      for (const group of groups) {
        const exact = group.filter((c) => !c.editDistance); // coverage needs no fuzzing
        for (const r of runGroups(lunrJs, index, [exact])) {
          coverage.set(r.ref, (coverage.get(r.ref) || 0) + 1);
        }
      }
    }
    results.sort(
      (a, b) =>
        (coverage.get(b.ref) || 1) - (coverage.get(a.ref) || 1) ||
        round6(b.score) - round6(a.score) ||
        (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0),
    );
    return results.map((r) => r.ref);
  }

  /**
   * The words of a query worth highlighting in a summary, longest first.
   * @param {Settings} s @param {string} query @returns {string[]}
   */
  function highlightWords(s, query) {
    const text = Array.from(String(query)).slice(0, s.maxQuery).join("").toLowerCase();
    /** @type {Set<string>} */
    const words = new Set();
    for (const m of text.matchAll(WORD)) {
      if (length(m[0]) >= s.minLength.highlight) words.add(m[0]);
    }
    return Array.from(words).sort((a, b) => b.length - a.length);
  }

  /**
   * Split text into [isMatch, piece] runs for the given words (case-insensitive); the page
   * makes a text node or a <mark> of each, so no piece is ever read as markup.
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

  return {
    settings, normalisePath, codeWords, clauseGroups, search, highlightWords, highlight,
  };
})();
