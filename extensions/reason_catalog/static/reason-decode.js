// @ts-check
// The error-body decoder: reads a pasted body as each catalogue's dialect reads it, with the
// same results as catalogue/dialect.py (Dialect.parse and FieldLocation.find): the same code,
// status, message, request id, field, scope and sub-codes, or the same kind of failure. XML
// bodies read as catalogue/xmlbody.py maps them, refused alike; a whole response (`HTTP/1.1 …`,
// headers, a blank line, the body) as dialect.py's read_response reads it. A test runs the
// shipped examples and hostile bodies through both. Patterns are RE2, as in the catalogues,
// and run with re2js: linear time whatever the pattern and the body. Pure functions: the page's
// DOM is never touched.
"use strict";

const ReasonDecode = (function () {
  /**
   * Why a body cannot be read (dialect.py's EnvelopeError, by cause).
   * @typedef {"not-http" | "not-json" | "not-xml" | "schema" | "no-code" | "status-name"
   *   | "status-type"} Failure
   */
  /**
   * What a body says (dialect.py's ParsedEnvelope); sub_codes as [name, value] pairs.
   * @typedef {{code: string, status: number | bigint | null, message: string | null,
   *   request_id: string | null, field: string | null, scope: string | null,
   *   sub_codes: [string, string][]}} Envelope
   */
  /**
   * An envelope, or a failure with what could be read all the same (`partial`, null without
   * a code) and, when the schema could not be checked, the keyword that stopped it.
   * @typedef {{ok: true, envelope: Envelope, unchecked: string | null}
   *   | {ok: false, failure: Failure, problem: string, partial: Envelope | null,
   *      unchecked: string | null}} Parsed
   */
  /**
   * A location reads the body (`path`) or a response header (`header`, in lower case).
   * @typedef {{path: string | null, header: string | null, where: string,
   *   pattern: import("re2js").RE2JS | null, named: boolean,
   *   names: Record<string, number> | null, scopes: Map<string, string> | null}} Location
   * @typedef {{schema: unknown, xml: boolean, locations: Partial<Record<FieldName, Location>> &
   *   {code: Location}, subCodes: [string, Location][], limits: DialectLimits}} Dialect
   * @typedef {{headers: Map<string, string>, status: number | null}} Head
   */

  /**
   * A dialect ready to read bodies; throws if a pattern is not RE2 (the build checked them).
   * @param {DialectPayload} payload @returns {Dialect}
   */
  function compile(payload) {
    /** @param {LocationPayload} spec @returns {Location} */
    const location = (spec) => {
      const pattern = spec.pattern === undefined ? null : RE2JS.RE2JS.compile(spec.pattern);
      const header = spec.header === undefined ? null : spec.header.toLowerCase();
      return {
        path: spec.path ?? null,
        header,
        where: header === null ? spec.path ?? "" : `header ${header}`,
        pattern,
        named: pattern !== null && "value" in pattern.namedGroups(),
        names: spec.names || null,
        scopes: spec.scopes ? new Map(Object.entries(spec.scopes)) : null,
      };
    };
    /** @type {Dialect["locations"]} */
    const locations = { code: location(payload.fields.code) };
    for (const name of /** @type {const} */ (
      ["status", "message", "request_id", "field", "scope"])) {
      const spec = payload.fields[name];
      if (spec) locations[name] = location(spec);
    }
    const subCodes = Object.entries(payload.fields.sub_codes || {}).map(
      ([name, spec]) => /** @type {[string, Location]} */ ([name, location(spec)]));
    return {
      schema: payload.schema, xml: payload.language === "xml", locations, subCodes,
      limits: payload.limits,
    };
  }

  // -- Responses and XML bodies --------------------------------------------------------------

  const STATUS_LINE = /^HTTP\/[0-9](?:\.[0-9])? ([0-9X]{3})(?: [^\n]*)?$/;
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const NOT_HTTP = "the response is not HTTP this decoder reads: ";

  /**
   * A whole response as text (dialect.py's read_response): its status (null for `XXX`), its
   * headers by lower-case name (repeated ones joined with ", "), its body.
   * @param {string} text
   * @returns {{ok: true, status: number | null, headers: Map<string, string>, body: string}
   *   | {ok: false, message: string}}
   */
  function response(text) {
    /** @type {string[]} */
    const head = [];
    let at = 0;
    let body = "";
    for (;;) {
      const end = text.indexOf("\n", at);
      let line = end < 0 ? text.slice(at) : text.slice(at, end);
      if (line.endsWith("\r")) line = line.slice(0, -1);
      if (end < 0 || line === "") {
        body = end < 0 ? "" : text.slice(end + 1);
        if (line) head.push(line);
        break;
      }
      head.push(line);
      at = end + 1;
    }
    const said = STATUS_LINE.exec(/** @type {string} */ (head[0]));
    if (!said) {
      const message = NOT_HTTP + "its first line is not a status line (HTTP/1.1 404 Not Found)";
      return { ok: false, message };
    }
    /** @type {Map<string, string>} */
    const headers = new Map();
    for (let number = 2; number <= head.length; number += 1) {
      const line = /** @type {string} */ (head[number - 1]);
      const colon = line.indexOf(":");
      const name = colon < 0 ? "" : line.slice(0, colon);
      if (!TOKEN.test(name)) {
        return { ok: false, message: NOT_HTTP + `line ${number} is not a header (Name: value)` };
      }
      const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, "");
      const key = name.toLowerCase();
      const before = headers.get(key);
      headers.set(key, before === undefined ? value : `${before}, ${value}`);
    }
    const status = /** @type {string} */ (said[1]);
    return { ok: true, status: /^[0-9]+$/.test(status) ? Number(status) : null, headers, body };
  }

  /** Thrown while mapping a document, for something a body may not hold. */
  class XmlRefusal extends Error {}

  const XHTML = "http://www.w3.org/1999/xhtml";
  const XMLNS = "http://www.w3.org/2000/xmlns/";
  const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const DECLARATION = /^\ufeff?<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)')/;
  const PARSER_ERROR = /error on line (\d+) at column (\d+): ([^]*?)(?:Below is a rendering|$)/;
  // Parsed objects as reason-json.js makes them: own keys only, and the one method jmespath.js
  // calls on them (an element may be called "constructor" or "__proto__").
  const OBJECT = Object.freeze(
    Object.create(null, { hasOwnProperty: { value: Object.prototype.hasOwnProperty } }),
  );
  const OWN = { writable: true, enumerable: true, configurable: true };

  /**
   * An XML body as the JSON-like value xmlbody.py's read_xml makes of it, by the same rule:
   * the root as {name: value}; an element without children or attributes as its text; else an
   * object of "@attribute"s, children (a repeated name as a list) and "#text" if not blank.
   * Refused alike: a DOCTYPE (looked for before the parser runs: no entity is ever declared),
   * processing instructions, XML versions other than 1.0, nesting deeper than
   * `limits.elements`, lone surrogates.
   * @param {string} text @param {DialectLimits} limits
   * @returns {{ok: true, value: unknown} | {ok: false, message: string}}
   */
  function readXml(text, limits) {
    const fail = (/** @type {string} */ message) => ({ ok: /** @type {const} */ (false), message });
    const not = (/** @type {string} */ why) => fail(`the body is not XML: ${why}`);
    const refused = (/** @type {string} */ why) => fail(`the body is not XML this decoder reads: ${why}`);
    if (LONE_SURROGATE.test(text)) return not("it holds a lone surrogate");
    if (text.includes("<!DOCTYPE")) return refused("it declares a DOCTYPE");
    const declared = DECLARATION.exec(text);
    const version = declared && (declared[1] ?? declared[2]);
    if (version && version !== "1.0") return refused(`it is XML version ${version}, not 1.0`);
    // The XML parser, never the HTML one: it makes a detached, inert document (no script runs,
    // nothing is fetched) that is only read here, and never put into the page.
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const error = doc.getElementsByTagNameNS(XHTML, "parsererror")[0];
    if (error) {
      const said = PARSER_ERROR.exec(error.textContent || "");
      // Chromium stops at a few thousand levels, far past the limit: refused as Python does.
      if (said && /nesting/i.test(/** @type {string} */ (said[3]))) {
        return refused(`its elements nest more than ${limits.elements} deep`);
      }
      return not(said ? `${said[3]} at line ${said[1]} column ${said[2]}` : "not well-formed");
    }
    /** @param {Element} element @param {number} depth @returns {unknown} */
    const map = (element, depth) => {
      if (depth > limits.elements) {
        throw new XmlRefusal(`its elements nest more than ${limits.elements} deep`);
      }
      /** @type {Map<string, unknown[]>} */
      const named = new Map();
      const add = (/** @type {string} */ name, /** @type {unknown} */ value) => {
        const values = named.get(name);
        if (values) values.push(value);
        else named.set(name, [value]);
      };
      for (const attribute of element.attributes) {
        if (attribute.namespaceURI !== XMLNS) add("@" + attribute.localName, attribute.value);
      }
      let text = "";
      for (const node of element.childNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          const child = /** @type {Element} */ (node);
          add(child.localName, map(child, depth + 1));
        } else if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE) {
          text += /** @type {CharacterData} */ (node).data;
        } else if (node.nodeType === Node.PROCESSING_INSTRUCTION_NODE) {
          throw new XmlRefusal(instruction(/** @type {ProcessingInstruction} */ (node)));
        }
      }
      if (!named.size) return text;
      const object = /** @type {Record<string, unknown>} */ (Object.create(OBJECT));
      for (const [name, values] of named) {
        const value = values.length === 1 ? values[0] : values;
        Object.defineProperty(object, name, { value, ...OWN });
      }
      if (/[^ \t\r\n]/.test(text)) Object.defineProperty(object, "#text", { value: text, ...OWN });
      return object;
    };
    try {
      for (const node of doc.childNodes) {
        if (node.nodeType === Node.PROCESSING_INSTRUCTION_NODE) {
          throw new XmlRefusal(instruction(/** @type {ProcessingInstruction} */ (node)));
        }
      }
      const root = /** @type {Element} */ (doc.documentElement);
      const value = /** @type {Record<string, unknown>} */ (Object.create(OBJECT));
      Object.defineProperty(value, root.localName, { value: map(root, 1), ...OWN });
      return { ok: true, value };
    } catch (error) {
      if (!(error instanceof XmlRefusal)) throw error;
      return refused(error.message);
    }
  }

  /** @param {ProcessingInstruction} node */
  function instruction(node) {
    return `it holds a processing instruction (<?${node.target}…?>)`;
  }

  /**
   * The value at a location (FieldLocation.find): the expression's value or the header's,
   * or the pattern's group `value` (else its first group) found anywhere in it, as Python's
   * search does.
   * @param {Location | undefined} location @param {unknown} body
   * @param {Map<string, string>} headers by lower-case name
   * @returns {unknown}
   */
  function find(location, body, headers) {
    if (!location) return null;
    /** @type {unknown} */
    let value;
    if (location.header !== null) {
      value = headers.get(location.header);
    } else {
      try {
        value = jmespath.search(body, /** @type {string} */ (location.path));
      } catch {
        return null;
      }
    }
    if (value === undefined || value === null || location.pattern === null) return value ?? null;
    if (typeof value !== "string") return null;
    const match = ReasonJson.search(location.pattern, value);
    if (!match) return null;
    return (location.named ? match.groups?.value : match[1]) ?? null;
  }

  /**
   * The text at a location, or null (Dialect._text).
   * @param {Dialect} d @param {unknown} body @param {Map<string, string>} headers
   * @param {FieldName} name
   */
  function text(d, body, headers, name) {
    const value = find(d.locations[name], body, headers);
    return typeof value === "string" ? value : null;
  }

  /** A code as a body gives one: a non-empty string or an int. @param {unknown} value */
  function isCode(value) {
    return (typeof value === "string" || ReasonJson.isInt(value)) && value !== "";
  }

  /**
   * The scope, mapped to a scope id where the dialect maps it (Dialect._scope).
   * @param {Dialect} d @param {unknown} body @param {Map<string, string>} headers
   */
  function scope(d, body, headers) {
    const location = d.locations.scope;
    const value = find(location, body, headers);
    if (typeof value !== "string" || value === "" || !location) return null;
    return location.scopes?.get(value) ?? value;
  }

  /**
   * Python's int() of a string of decimal digits (str.isdecimal), or null where Dialect._status
   * does not convert it: superscripts and other digits that are not decimal, and more digits
   * than int() converts.
   * @param {string} text @param {number} maxDigits @returns {number | bigint | null}
   */
  function decimal(text, maxDigits) {
    if (text === "" || Array.from(text).length > maxDigits) return null;
    let digits = "";
    for (const char of text) {
      if (!/\p{Nd}/u.test(char)) return null;
      // Unicode's decimal digits come in runs of ten, 0 to 9, one after another.
      let start = /** @type {number} */ (char.codePointAt(0));
      while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start -= 1;
      digits += String(((/** @type {number} */ (char.codePointAt(0))) - start) % 10);
    }
    const value = Number(digits);
    return Number.isSafeInteger(value) ? value : BigInt(digits);
  }

  /**
   * The status (Dialect._status): a number, null when the body says none, or a failure.
   * @param {Dialect} d @param {unknown} body @param {Map<string, string>} headers
   * @returns {{status: number | bigint | null} | {failure: Failure, problem: string}}
   */
  function status(d, body, headers) {
    const location = d.locations.status;
    if (!location) return { status: null };
    let value = find(location, body, headers);
    if (value === null) return { status: null };
    if (location.names) {
      if (typeof value === "string" && Object.hasOwn(location.names, value)) {
        return { status: /** @type {number} */ (location.names[value]) };
      }
      const known = Object.keys(location.names).join(", ");
      const shown = ReasonJson.show(value);
      return { failure: "status-name", problem: `the status ${shown} is none of the known names (${known})` };
    }
    if (typeof value === "string") value = decimal(value, d.limits.digits) ?? value;
    if (!ReasonJson.isInt(value)) {
      const shown = ReasonJson.show(value);
      return { failure: "status-type", problem: `the status ${shown} at ${location.where} is not a number` };
    }
    return { status: /** @type {number | bigint} */ (value) };
  }

  /** A response without headers or a status line. @returns {Head} */
  function noHead() {
    return { headers: new Map(), status: null };
  }

  /**
   * Read a parsed body without its schema (Dialect.read), with its response's headers and
   * status (taken when the body says none).
   * @param {Dialect} d @param {unknown} body @param {Head} [head] @returns {Parsed}
   */
  function read(d, body, head = noHead()) {
    const code = find(d.locations.code, body, head.headers);
    if (!isCode(code)) {
      const problem = `the body has no reason code at ${d.locations.code.where}`;
      return { ok: false, failure: "no-code", problem, partial: null, unchecked: null };
    }
    /** @type {[string, string][]} */
    const subCodes = [];
    for (const [name, location] of d.subCodes) {
      const value = find(location, body, head.headers);
      if (isCode(value)) subCodes.push([name, String(value)]);
    }
    /** @type {Envelope} */
    const envelope = {
      code: String(code),
      status: null,
      message: text(d, body, head.headers, "message"),
      request_id: text(d, body, head.headers, "request_id"),
      field: text(d, body, head.headers, "field"),
      scope: scope(d, body, head.headers),
      sub_codes: subCodes,
    };
    const said = status(d, body, head.headers);
    if ("failure" in said) return { ok: false, ...said, partial: envelope, unchecked: null };
    return { ok: true, envelope: { ...envelope, status: said.status ?? head.status }, unchecked: null };
  }

  /**
   * Read a parsed body (Dialect.parse after json.loads or read_xml): its schema first, then
   * its values.
   * @param {Dialect} d @param {unknown} body @param {Head} [head] @returns {Parsed}
   */
  function parseBody(d, body, head = noHead()) {
    let problem = null;
    let unchecked = null;
    try {
      problem = ReasonSchema.check(d.schema, d.schema, body);
    } catch (error) {
      if (!(error instanceof ReasonSchema.UnsupportedSchema)) throw error;
      unchecked = error.message; // read as Dialect.read would, and say the schema went unchecked
    }
    const result = read(d, body, head);
    if (problem === null) return { ...result, unchecked };
    const partial = result.ok ? result.envelope : result.partial;
    const message = "the body does not match the error schema: " + problem;
    return { ok: false, failure: "schema", problem: message, partial, unchecked };
  }

  /**
   * Read a body's text, or a whole response's (Dialect.parse), with `headers` beside it
   * (the response's own win).
   * @param {Dialect} d @param {string} text @param {Record<string, string>} [headers]
   * @returns {Parsed}
   */
  function parse(d, text, headers = {}) {
    /** @type {Head} */
    const head = noHead();
    for (const [name, value] of Object.entries(headers)) head.headers.set(name.toLowerCase(), value);
    if (text.startsWith("HTTP/")) {
      const said = response(text);
      if (!said.ok) {
        return { ok: false, failure: "not-http", problem: said.message, partial: null, unchecked: null };
      }
      for (const [name, value] of said.headers) head.headers.set(name, value);
      head.status = said.status;
      text = said.body;
    }
    if (d.xml) {
      const xml = readXml(text, d.limits);
      if (!xml.ok) return { ok: false, failure: "not-xml", problem: xml.message, partial: null, unchecked: null };
      return parseBody(d, xml.value, head);
    }
    const json = ReasonJson.read(text, d.limits);
    if (!json.ok) {
      const problem = `the body is not JSON: ${json.message}`;
      return { ok: false, failure: "not-json", problem, partial: null, unchecked: null };
    }
    return parseBody(d, json.value, head);
  }

  /**
   * The codes and dialects of reason-codes.js, ready to decode with.
   * @param {CodesPayload} payload
   */
  function prepare(payload) {
    const codes = ReasonRows.read(payload.columns.codes, payload.codes, /** @type {const} */ (
      ["api", "code", "url", "kind", "scope"]));
    /** @type {Map<string, Dialect>} */
    const dialects = new Map();
    /** @type {Map<string, string>} */
    const broken = new Map();
    for (const [slug, spec] of Object.entries(payload.dialects || {})) {
      try {
        dialects.set(slug, compile(spec));
      } catch (error) {
        broken.set(slug, String(error));
      }
    }
    /** @type {Map<string, string>} scope titles by "api\u0000scope" */
    const scopes = new Map();
    for (const [api, list] of Object.entries(payload.scopes || {})) {
      for (const [id, title] of list) scopes.set(api + "\u0000" + id, title);
    }
    return {
      apis: new Map(payload.apis), scopes, codes: /** @type {CodeRow[]} */ (codes), limits: payload.limits,
      index: ReasonMatch.byApiAndCode(/** @type {CodeRow[]} */ (codes)), dialects, broken,
    };
  }

  /**
   * @typedef {ReturnType<typeof prepare>} Site
   * @typedef {{row: CodeRow, code: string, status: number | bigint | null,
   *   message: string | null, request_id: string | null, field: string | null,
   *   scope: string | null, sub_codes: [string, string][], problem: string | null}} Match
   */

  /**
   * Read a raw error body (or a whole response) with every catalogue's dialect, JSON or XML,
   * and with our own URLs (RFC 9457 `type`); the reasons it names (in a scoped catalogue,
   * those of the scope it names, else of every scope with its code), with what the body says
   * beside them. A body that breaks its dialect's schema still names its reason; the problem
   * is said beside it.
   * @param {Site} site @param {string} text
   * @returns {{error: string} | {matches: Match[]}}
   */
  function decode(site, text) {
    let head = noHead();
    if (text.startsWith("HTTP/")) {
      const said = response(text);
      if (!said.ok) return { error: `This is not an HTTP response this page reads: ${said.message}` };
      head = { headers: said.headers, status: said.status };
      text = said.body;
    }
    const json = ReasonJson.read(text, site.limits);
    const body = json.ok && ReasonJson.isObject(json.value) ? json.value : null;
    /** @type {ReturnType<typeof readXml> | null} */
    let xml = null;
    /** @type {Match[]} */
    const matches = [];
    const seen = new Set();
    const add = (/** @type {Match} */ match) => {
      const key = JSON.stringify([match.row.api, match.row.scope, match.row.code]);
      if (!seen.has(key)) {
        seen.add(key);
        matches.push(match);
      }
    };
    const type = body?.type;
    if (typeof type === "string" && body) {
      const said = (/** @type {unknown} */ v) => (typeof v === "string" ? v : null);
      for (const row of site.codes) {
        if (type === row.url || type.endsWith("/" + row.url)) {
          add({
            row, code: row.code, message: said(body.detail) ?? said(body.title),
            request_id: said(body.instance), field: null, scope: null, sub_codes: [],
            problem: null,
            status: typeof body.status === "number" && Number.isInteger(body.status) ? body.status : null,
          });
        }
      }
    }
    for (const [slug, dialect] of site.dialects) {
      /** @type {unknown} */
      let value = body;
      if (dialect.xml) {
        xml ??= readXml(text, dialect.limits);
        value = xml.ok ? xml.value : null;
      }
      if (value === null) continue;
      const result = parseBody(dialect, value, head);
      const envelope = result.ok ? result.envelope : result.partial;
      if (!envelope) continue;
      // In a scoped catalogue, the reason of the scope the body names; of every scope that
      // has the code when it names none (Catalogue.candidates).
      for (const row of ReasonMatch.findAll(site.index, slug, envelope.code, envelope.scope)) {
        add({ row, ...envelope, problem: result.ok ? null : result.problem });
      }
    }
    if (!matches.length) {
      if (xml?.ok) {
        // An XML body that no XML dialect names.
      } else if (!json.ok) {
        const why = xml ? ` nor XML (${xml.message.replace(/^the body is not XML[^:]*: /, "")})` : "";
        return { error: `This is not JSON: ${json.message}${why}` };
      } else if (!body) {
        return { error: "This is JSON, but not an object as error bodies are." };
      }
      return { error: "No catalogue on this site reads this body: its dialect is unknown, or its code is not one of ours." };
    }
    return { matches };
  }

  return { compile, find, parse, parseBody, read, readXml, response, prepare, decode };
})();
