// @ts-check
// JSON as the catalogue's Python reads it, for the decoder (reason-decode.js and
// reason-schema.js): json.loads's values, and RE2 patterns as catalogue/patterns.py runs them.
// JavaScript's own JSON.parse differs where error bodies are concerned: it refuses NaN and
// Infinity, which Python reads; it reads 404.0 as 404, an int, where Python reads a float that
// is no status or code; and it loses digits of big ints. Pure functions, no DOM.
"use strict";

const ReasonJson = (function () {
  /** A body that is not JSON; the message says where, as Python's does. */
  class JsonSyntaxError extends Error {}

  // A parsed object has only its own keys: "constructor" or "__proto__" is a key when the body
  // has it, and nothing else (JSON.parse's objects inherit both). jmespath.js calls
  // hasOwnProperty on the objects it tests for truth, so that one method is kept.
  const OBJECT = Object.freeze(
    Object.create(null, { hasOwnProperty: { value: Object.prototype.hasOwnProperty } }),
  );
  const OWN = { writable: true, enumerable: true, configurable: true };
  const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
  const WHITESPACE = " \t\n\r";
  const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

  /** @param {unknown} value @returns {value is Record<string, unknown>} */
  function isObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value) &&
      !isWholeFloat(value);
  }

  /** Python's int: a JSON number written without a fraction or an exponent. @param {unknown} v */
  function isInt(v) {
    return (typeof v === "number" && Number.isInteger(v)) || typeof v === "bigint";
  }

  /** A float with a whole value (404.0, 4e2), which parse() boxes. @param {unknown} v */
  function isWholeFloat(v) {
    return typeof v === "object" && v instanceof Number;
  }

  /** Any JSON number, ints and floats. @param {unknown} v */
  function isNumber(v) {
    return typeof v === "number" || typeof v === "bigint" || isWholeFloat(v);
  }

  /** A number's value for comparisons. @param {unknown} v @returns {number | bigint} */
  function numeric(v) {
    return isWholeFloat(v) ? Number(v) : /** @type {number | bigint} */ (v);
  }

  /**
   * Read JSON text as Python's json.loads does, within the limits Dialect.parse sets (its
   * nesting depth and integer digits); throws JsonSyntaxError.
   * @param {string} text @param {BodyLimits} limits @returns {unknown}
   */
  function parse(text, limits) {
    let at = 0;
    const fail = (/** @type {string} */ message) => {
      const before = text.slice(0, at);
      const line = before.split("\n").length;
      const column = at - before.lastIndexOf("\n");
      return new JsonSyntaxError(`${message}: line ${line} column ${column} (char ${at})`);
    };
    const skip = () => {
      while (at < text.length && WHITESPACE.includes(/** @type {string} */ (text[at]))) at += 1;
    };
    const string = () => {
      const start = at;
      at += 1;
      for (;;) {
        const c = text.charCodeAt(at);
        if (Number.isNaN(c)) throw fail("Unterminated string starting at");
        if (c === 34) break;
        if (c < 32) throw fail("Invalid control character at");
        at += c === 92 ? 2 : 1;
      }
      at += 1;
      try {
        return /** @type {string} */ (JSON.parse(text.slice(start, at)));
      } catch {
        at = start;
        throw fail("Invalid \\escape");
      }
    };
    const key = () => {
      skip();
      if (text[at] !== '"') throw fail("Expecting property name enclosed in double quotes");
      const name = string();
      skip();
      if (text[at] !== ":") throw fail("Expecting ':' delimiter");
      at += 1;
      return name;
    };
    const scalar = () => {
      for (const [word, value] of /** @type {const} */ ([
        ["null", null], ["true", true], ["false", false],
        ["NaN", NaN], ["Infinity", Infinity], ["-Infinity", -Infinity],
      ])) {
        if (text.startsWith(word, at)) {
          at += word.length;
          return value;
        }
      }
      if (text[at] === '"') return string();
      NUMBER.lastIndex = at;
      const match = NUMBER.exec(text);
      if (!match) throw fail("Expecting value");
      at += match[0].length;
      if (match[1] !== undefined || match[2] !== undefined) {
        const value = Number(match[0]);
        return Number.isInteger(value) ? new Number(value) : value;
      }
      if (match[0].replace("-", "").length > limits.digits) {
        at -= match[0].length;
        throw fail(`A number has more than ${limits.digits} digits`);
      }
      const value = Number(match[0]);
      return Number.isSafeInteger(value) ? value : BigInt(match[0]);
    };

    /** @type {{array: unknown[] | null, object: Record<string, unknown> | null, key: string}[]} */
    const open = [];
    for (;;) {
      skip();
      /** @type {unknown} */
      let value;
      if ((text[at] === "{" || text[at] === "[") && open.length >= limits.depth) {
        throw fail(`Nested more than ${limits.depth} levels deep`);
      }
      if (text[at] === "{") {
        at += 1;
        skip();
        const object = /** @type {Record<string, unknown>} */ (Object.create(OBJECT));
        if (text[at] !== "}") {
          open.push({ array: null, object, key: key() });
          continue;
        }
        at += 1;
        value = object;
      } else if (text[at] === "[") {
        at += 1;
        skip();
        if (text[at] !== "]") {
          open.push({ array: [], object: null, key: "" });
          continue;
        }
        at += 1;
        value = [];
      } else {
        value = scalar();
      }
      // Put the value in its container; close every container that ends here.
      for (;;) {
        const top = open[open.length - 1];
        if (!top) {
          skip();
          if (at < text.length) throw fail("Extra data");
          return value;
        }
        if (top.array) top.array.push(value);
        // Defined, not assigned: a key "__proto__" or "hasOwnProperty" is a key like others.
        else if (top.object) Object.defineProperty(top.object, top.key, { value, ...OWN });
        skip();
        if (text[at] === ",") {
          at += 1;
          if (top.object) top.key = key();
          break;
        }
        if (text[at] !== (top.array ? "]" : "}")) throw fail("Expecting ',' delimiter");
        at += 1;
        value = top.array || top.object;
        open.pop();
      }
    }
  }

  /**
   * JSON text read as parse() reads it, or why it is not JSON, without throwing.
   * @param {string} text @param {BodyLimits} limits
   * @returns {{ok: true, value: unknown} | {ok: false, message: string}}
   */
  function read(text, limits) {
    try {
      return { ok: true, value: parse(text, limits) };
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      return { ok: false, message: error.message };
    }
  }

  /** @type {Map<string, import("re2js").RE2JS | null>} */
  const patterns = new Map();

  /**
   * A catalogue's regular expression on RE2 (re2js), or null where RE2 refuses it (the build
   * refused it first: catalogue/patterns.py accepts only what both read alike).
   * @param {string} source
   */
  function pattern(source) {
    let compiled = patterns.get(source);
    if (compiled === undefined) {
      try {
        compiled = RE2JS.RE2JS.compile(source);
      } catch {
        compiled = null;
      }
      patterns.set(source, compiled);
    }
    return compiled;
  }

  /**
   * The first match of a pattern anywhere in text, as Python's search: lone surrogates read
   * as U+FFFD, as patterns.py does (RE2 reads UTF-8, which has no lone surrogates).
   * @param {import("re2js").RE2JS} compiled @param {string} text
   * @returns {RegExpExecArray | null}
   */
  function search(compiled, text) {
    const wellFormed = text.replace(LONE_SURROGATE, "\ufffd");
    return /** @type {RegExpExecArray | null} */ (compiled.exec(wellFormed));
  }

  /** @param {unknown} value */
  function show(value) {
    if (typeof value === "bigint" || value instanceof Number) return String(value);
    try {
      const text = JSON.stringify(value);
      return text === undefined ? String(value) : text.length > 60 ? text.slice(0, 57) + "…" : text;
    } catch {
      return String(value);
    }
  }

  return {
    JsonSyntaxError, parse, read, isObject, isInt, isNumber, numeric, show, pattern, search,
  };
})();
