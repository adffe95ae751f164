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
  const ASCII = /^[\x00-\x7f]*$/;

  /**
   * @typedef {Omit<QuerySettingsPayload, "stopWords"> & {
   *   stopWords: Set<string>, method: RegExp, stem: (word: string) => string}} Settings
   */

  /**
   * The query's settings from the index's payload, ready to use, with lunr.js's stemmer for
   * prose (the index's prose is stemmed by its transcription, search/stemmer.py).
   * @param {QuerySettingsPayload} payload @param {Lunr} lunrJs
   * @returns {Settings}
   */
  function settings(payload, lunrJs) {
    /** @type {Map<string, string>} */
    const stems = new Map();
    return {
      ...payload,
      stopWords: new Set(payload.stopWords),
      method: new RegExp(`(?<!${W})(${payload.methods.join("|")})(?!${W})`, "giu"),
      // Only ASCII words are stemmed, as stemmer.py does.
      stem: (word) => {
        if (length(word) < 3 || !ASCII.test(word)) return word;
        let stemmed = stems.get(word);
        if (stemmed === undefined) {
          stemmed = lunrJs.stemmer(new lunrJs.Token(word, {})).toString();
          stems.set(word, stemmed);
        }
        return stemmed;
      },
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
    const firstPath = groups[0]?.[0]?.term;
    for (const method of methods) {
      const c = clause(method.toLowerCase(), ["path"], boosts.method);
      // With a path, the method only ranks among that path's matches (see index.py), and
      // the two together are that endpoint.
      const first = groups[0];
      if (first) {
        first.push(c);
        first.push(clause(`${method.toLowerCase()} ${firstPath}`, ["path"], boosts.method_path));
      } else groups.push([c]);
    }
    rest = rest.replace(s.method, " ");
    /** @type {[string, string][]} [the word as typed, the word] */
    let words = Array.from(
      rest.matchAll(CODE_WORD),
      (m) => /** @type {[string, string]} */ ([m[0], strip(m[0].toLowerCase(), "_")]),
    ).filter(([, w]) => w);
    if (words.some(([, w]) => !s.stopWords.has(w))) words = words.filter(([, w]) => !s.stopWords.has(w));
    const firstWord = groups.length;
    // The query's prose words in order, as index.py's prose_terms reads a text, each with
    // the group of its word.
    /** @type {[number, string][]} */
    const sequence = [];
    words.slice(0, s.maxWords).forEach(([raw], index) => {
      for (const m of raw.matchAll(WORD)) {
        const w = m[0].toLowerCase();
        if (!s.stopWords.has(w)) sequence.push([firstWord + index, s.stem(w)]);
      }
    });
    for (const [raw, word] of words.slice(0, s.maxWords)) {
      const codeLike = typedLikeACode(raw);
      // A word may be a whole code, an operation's name or a service's.
      const group = [clause(word, s.wordFields, boosts.code)];
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
        // Prose is stemmed: "moving" finds "moves" (both "move").
        group.push(clause(s.stem(part), ["text"], boosts.part_text));
        if (length(part) >= s.minLength.part_text_prefix) {
          group.push(clause(s.stem(part), ["text"], boosts.part_text_prefix, true));
        }
        group.push(clause(part, ["segment"], boosts.part_path));
      }
      groups.push(group);
    }
    // The words together may be an API's whole name (index.py's name_token): in the first
    // word's group.
    const named = words.slice(0, s.maxWords).map(([, w]) => w);
    if (named.length > 1) groups[firstWord]?.push(clause(named.join(" "), ["code"], boosts.name));
    // Two words side by side, as a text has them: in the first one's group, so that they
    // raise a text that has the phrase without counting as a word more.
    for (let i = 0; i + 1 < sequence.length; i += 1) {
      const [at, first] = /** @type {[number, string]} */ (sequence[i]);
      const [, second] = /** @type {[number, string]} */ (sequence[i + 1]);
      groups[at]?.push(clause(`${first} ${second}`, s.phraseFields, boosts.phrase));
    }
    return groups;
  }

  /**
   * The score of each ref that some clause of the groups matches in a lunr index (index.py's
   * run_clauses); clauses for fields it does not have are left out.
   * @param {Lunr} lunrJs @param {LunrIndex} index @param {Clause[][]} groups
   * @returns {Map<string, number>}
   */
  function runClauses(lunrJs, index, groups) {
    const fields = new Set(index.fields);
    /** @type {[Clause, string[]][]} */
    const wanted = [];
    for (const group of groups) {
      for (const c of group) {
        const names = c.fields.filter((f) => fields.has(f));
        if (names.length) wanted.push([c, names]);
      }
    }
    /** @type {Map<string, number>} */
    const scores = new Map();
    if (!wanted.length) return scores;
    const results = index.query((q) => {
      for (const [c, names] of wanted) {
        /** @type {Parameters<LunrQuery["term"]>[1]} */
        const options = {
          fields: names,
          boost: c.boost,
          usePipeline: false,
          wildcard: c.wildcard ? lunrJs.Query.wildcard.TRAILING : lunrJs.Query.wildcard.NONE,
        };
        // lunr.js fuzzes any clause that has the key, even at 0 (and then ignores its
        // wildcard); lunr.py only when it is non-zero. Give it only when it counts.
        if (c.editDistance) options.editDistance = c.editDistance;
        q.term(c.term, options);
      }
    });
    for (const r of results) scores.set(r.ref, r.score);
    return scores;
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
   * Refs matching a query in the code index and the prose indexes loaded so far, best first:
   * by words matched, then the sum of the scores, then ref (index.py's search).
   * @param {Lunr} lunrJs @param {LunrIndex} index @param {Settings} s @param {string} query
   * @param {LunrIndex[]} [prose]
   * @returns {string[]}
   */
  function search(lunrJs, index, s, query, prose = []) {
    const groups = clauseGroups(s, query, (word) => codeWord(index, word));
    if (!groups.length) return [];
    const indexes = [index, ...prose];
    /** @type {Map<string, number>} */
    const scores = new Map();
    for (const each of indexes) {
      for (const [ref, score] of runClauses(lunrJs, each, groups)) {
        scores.set(ref, (scores.get(ref) || 0) + score);
      }
    }
    /** @type {Map<string, number>} */
    const coverage = new Map();
    if (groups.length > 1) {
      for (const group of groups) {
        const exact = [group.filter((c) => !c.editDistance)]; // coverage needs no fuzzing
        /** @type {Set<string>} */
        const matched = new Set();
        for (const each of indexes) {
          for (const ref of runClauses(lunrJs, each, exact).keys()) matched.add(ref);
        }
        for (const ref of matched) coverage.set(ref, (coverage.get(ref) || 0) + 1);
      }
    }
    const refs = Array.from(scores.keys());
    refs.sort(
      (a, b) =>
        (coverage.get(b) || 1) - (coverage.get(a) || 1) ||
        round6(scores.get(b) || 0) - round6(scores.get(a) || 0) ||
        (a < b ? -1 : a > b ? 1 : 0),
    );
    return refs;
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
