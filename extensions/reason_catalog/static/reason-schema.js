// @ts-check
// JSON Schema as the catalogue's Python checks error bodies with it (jsonschema, draft 2020-12,
// its patterns on RE2: catalogue/dialect.py), for the decoder (reason-decode.js). Values are
// as reason-json.js reads them. The keywords an error body's schema uses are implemented; one
// that is not stops the check (UnsupportedSchema) rather than being skipped in silence. Pure
// functions, no DOM.
"use strict";

const ReasonSchema = (function () {
  const { isObject, isInt, isNumber, numeric, show, pattern, search } = ReasonJson;

  /** A schema keyword this checker does not implement: the body cannot be checked. */
  class UnsupportedSchema extends Error {}

  /**
   * jsonschema's equality: 1 equals 1.0 but not true; containers compare by content.
   * @param {unknown} a @param {unknown} b @returns {boolean}
   */
  function equal(a, b) {
    if (a === b) return true;
    if (typeof a === "string" || typeof b === "string") return false;
    if (Array.isArray(a) && Array.isArray(b)) {
      return a.length === b.length && a.every((item, i) => equal(item, b[i]));
    }
    if (isObject(a) && isObject(b)) {
      const keys = Object.keys(a);
      return keys.length === Object.keys(b).length &&
        keys.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
    }
    if (isNumber(a) && isNumber(b)) {
      // == is how a bigint and a number compare by value.
      return numeric(a) == numeric(b);
    }
    return false;
  }

  /** @type {Record<string, (value: unknown) => boolean>} */
  const TYPES = {
    null: (v) => v === null,
    boolean: (v) => typeof v === "boolean",
    string: (v) => typeof v === "string",
    array: (v) => Array.isArray(v),
    object: isObject,
    number: isNumber,
    integer: (v) => isInt(v) || (isNumber(v) && Number.isInteger(Number(v))),
  };
  // Keywords that only describe: jsonschema asserts nothing with them (format included).
  const ANNOTATIONS = new Set([
    "$schema", "$id", "$anchor", "$dynamicAnchor", "$comment", "$vocabulary", "$defs",
    "definitions", "title", "description", "default", "examples", "deprecated", "readOnly",
    "writeOnly", "format", "contentMediaType", "contentEncoding", "contentSchema",
  ]);

  /** Characters, not UTF-16 units, as Python counts them. @param {string} text */
  function length(text) {
    let count = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      // A pair of surrogates is one character; a lone one counts alone, as in Python.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      }
      count += 1;
    }
    return count;
  }

  /** @param {unknown} root @param {string} ref */
  function resolve(root, ref) {
    if (ref !== "#" && !ref.startsWith("#/")) throw new UnsupportedSchema(`$ref ${ref}`);
    /** @type {unknown} */
    let node = root;
    for (const raw of ref === "#" ? [] : ref.slice(2).split("/")) {
      const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      if (Array.isArray(node)) node = node[Number(part)];
      else if (isObject(node) && Object.hasOwn(node, part)) node = node[part];
      else throw new UnsupportedSchema(`$ref ${ref}`);
    }
    return node;
  }

  /**
   * The first way `value` breaks `schema` (JSON Schema 2020-12, as jsonschema checks it), or
   * null. Throws UnsupportedSchema for a keyword this checker does not know.
   * @param {unknown} root the whole schema, for $ref @param {unknown} schema
   * @param {unknown} value @param {string} where
   * @returns {string | null}
   */
  function check(root, schema, value, where = "") {
    if (schema === true) return null;
    if (schema === false) return `at ${where || "the top level"}: nothing is allowed here`;
    if (!isObject(schema)) throw new UnsupportedSchema("a schema that is not an object");
    const at = (/** @type {string} */ message) => `at ${where || "the top level"}: ${message}`;
    const sub = (/** @type {unknown} */ s, /** @type {unknown} */ v, /** @type {string} */ w) =>
      check(root, s, v, w);
    const field = (/** @type {string} */ name) => (where ? `${where}.${name}` : name);
    for (const [keyword, arg] of Object.entries(schema)) {
      /** @type {string | null} */
      let problem = null;
      const object = isObject(value) ? value : null;
      const array = Array.isArray(value) ? value : null;
      switch (keyword) {
        case "type": {
          const types = Array.isArray(arg) ? arg : [arg];
          if (!types.some((t) => (TYPES[String(t)] || (() => false))(value))) {
            problem = at(`${show(value)} is not of type ${types.map(show).join(", ")}`);
          }
          break;
        }
        case "enum":
          if (!(/** @type {unknown[]} */ (arg)).some((a) => equal(value, a))) {
            problem = at(`${show(value)} is not one of ${show(arg)}`);
          }
          break;
        case "const":
          if (!equal(value, arg)) problem = at(`${show(arg)} was expected`);
          break;
        case "required":
          for (const name of object ? /** @type {string[]} */ (arg) : []) {
            if (!Object.hasOwn(/** @type {object} */ (object), name)) {
              problem = at(`${show(name)} is a required property`);
              break;
            }
          }
          break;
        case "properties":
          for (const [name, s] of object ? Object.entries(/** @type {object} */ (arg)) : []) {
            if (object && Object.hasOwn(object, name)) problem ||= sub(s, object[name], field(name));
          }
          break;
        case "pattern":
          if (typeof value === "string") {
            const compiled = pattern(String(arg));
            if (!compiled || !search(compiled, value)) {
              problem = at(`${show(value)} does not match ${show(arg)}`);
            }
          }
          break;
        case "patternProperties":
          for (const [source, s] of object ? Object.entries(/** @type {object} */ (arg)) : []) {
            const compiled = pattern(source);
            for (const name of compiled ? Object.keys(/** @type {object} */ (object)) : []) {
              if (search(/** @type {import("re2js").RE2JS} */ (compiled), name)) {
                problem ||= sub(s, object?.[name], field(name));
              }
            }
          }
          break;
        case "additionalProperties": {
          const known = isObject(schema.properties) ? schema.properties : {};
          const sources = isObject(schema.patternProperties) ? Object.keys(schema.patternProperties) : [];
          const compiled = sources.flatMap((source) => pattern(source) || []);
          for (const name of object ? Object.keys(object) : []) {
            if (Object.hasOwn(known, name) || compiled.some((c) => search(c, name))) continue;
            problem ||= sub(arg, object?.[name], field(name));
          }
          break;
        }
        case "propertyNames":
          for (const name of object ? Object.keys(object) : []) problem ||= sub(arg, name, where);
          break;
        case "minProperties":
        case "maxProperties":
          if (object) {
            const count = Object.keys(object).length;
            if (keyword === "minProperties" ? count < Number(arg) : count > Number(arg)) {
              problem = at(`${count} properties, against ${keyword} ${show(arg)}`);
            }
          }
          break;
        case "dependentRequired":
          for (const [name, needs] of object ? Object.entries(/** @type {object} */ (arg)) : []) {
            if (!object || !Object.hasOwn(object, name)) continue;
            const missing = (/** @type {string[]} */ (needs)).find((n) => !Object.hasOwn(object, n));
            if (missing !== undefined) problem = at(`${show(missing)} is a dependency of ${show(name)}`);
          }
          break;
        case "prefixItems":
          (/** @type {unknown[]} */ (arg)).forEach((s, i) => {
            if (array && i < array.length) problem ||= sub(s, array[i], `${where}[${i}]`);
          });
          break;
        case "items": {
          const skip = Array.isArray(schema.prefixItems) ? schema.prefixItems.length : 0;
          (array || []).slice(skip).forEach((item, i) => {
            problem ||= sub(arg, item, `${where}[${i + skip}]`);
          });
          break;
        }
        case "minItems":
        case "maxItems":
          if (array && (keyword === "minItems" ? array.length < Number(arg) : array.length > Number(arg))) {
            problem = at(`${array.length} items, against ${keyword} ${show(arg)}`);
          }
          break;
        case "uniqueItems":
          if (arg === true && array && array.some((a, i) => array.slice(i + 1).some((b) => equal(a, b)))) {
            problem = at("has non-unique elements");
          }
          break;
        case "minLength":
        case "maxLength":
          if (typeof value === "string") {
            const count = length(value);
            if (keyword === "minLength" ? count < Number(arg) : count > Number(arg)) {
              problem = at(`${show(value)} is too ${keyword === "minLength" ? "short" : "long"}`);
            }
          }
          break;
        case "minimum":
        case "maximum":
        case "exclusiveMinimum":
        case "exclusiveMaximum":
          if (isNumber(value)) {
            const v = numeric(value);
            const limit = numeric(arg);
            const ok = keyword === "minimum" ? v >= limit : keyword === "maximum" ? v <= limit
              : keyword === "exclusiveMinimum" ? v > limit : v < limit;
            if (!ok) problem = at(`${show(value)} is out of range (${keyword} ${show(arg)})`);
          }
          break;
        case "allOf":
          for (const s of /** @type {unknown[]} */ (arg)) problem ||= sub(s, value, where);
          break;
        case "anyOf":
          if (!(/** @type {unknown[]} */ (arg)).some((s) => sub(s, value, where) === null)) {
            problem = at(`${show(value)} is not valid under any of the given schemas`);
          }
          break;
        case "oneOf": {
          const valid = (/** @type {unknown[]} */ (arg)).filter((s) => sub(s, value, where) === null);
          if (valid.length !== 1) problem = at(`${show(value)} is valid under ${valid.length} of oneOf`);
          break;
        }
        case "not":
          if (sub(arg, value, where) === null) problem = at(`${show(value)} should not be valid`);
          break;
        case "if":
          problem = sub(arg, value, where) === null
            ? "then" in schema ? sub(schema.then, value, where) : null
            : "else" in schema ? sub(schema.else, value, where) : null;
          break;
        case "then":
        case "else":
          break; // read with "if"
        case "$ref":
          problem = sub(resolve(root, String(arg)), value, where);
          break;
        default:
          if (!ANNOTATIONS.has(keyword)) throw new UnsupportedSchema(keyword);
      }
      if (problem) return problem;
    }
    return null;
  }

  return { UnsupportedSchema, check, equal };
})();
