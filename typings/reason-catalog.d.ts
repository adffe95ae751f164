// The globals the reason browser's scripts share: the libraries they load (lunr.js, jmespath.js,
// re2js) and the data files the build writes (sphinxext/browser.py, search/rows.py). Only
// types: `tsc -p tsconfig.json` reads this file, browsers never do.

/** A lunr.js 2.3.9 query, as the browser builds it clause by clause. */
interface LunrQuery {
  term(
    term: string,
    options: {
      fields: string[];
      boost: number;
      usePipeline: boolean;
      wildcard: number;
      editDistance?: number;
    },
  ): void;
}

interface LunrIndex {
  fields: string[];
  /** Each term's postings by field (and its number as `_index`). */
  invertedIndex: Record<string, Record<string, object> | undefined>;
  query(build: (query: LunrQuery) => void): { ref: string; score: number }[];
}

interface LunrToken {
  toString(): string;
}

interface Lunr {
  Index: { load(serialised: unknown): LunrIndex };
  Token: new (text: string, metadata: object) => LunrToken;
  stemmer(token: LunrToken): LunrToken;
  Query: { wildcard: { NONE: number; LEADING: number; TRAILING: number } };
}

declare const lunr: Lunr;

/** jmespath.js 0.16: the same expressions as Python's jmespath. */
declare const jmespath: { search(data: unknown, expression: string): unknown };

/** re2js's browser build (its module, as a global): RE2 syntax, linear-time matching. */
declare const RE2JS: typeof import("re2js");

/** A table of a data file: its columns in row order and their defaults (rows.py's Table). */
interface TableSchema {
  columns: string[];
  defaults: unknown[];
}

/** The query's settings, from search/index.py's query_settings(). */
interface QuerySettingsPayload {
  maxQuery: number;
  maxWords: number;
  pattern: string;
  methods: string[];
  stopWords: string[];
  boosts: Record<
    | "path"
    | "path_prefix"
    | "method"
    | "method_path"
    | "code"
    | "code_prefix"
    | "code_typo"
    | "part_code_like"
    | "part_word"
    | "part_text"
    | "part_text_prefix"
    | "part_path"
    | "phrase"
    | "name",
    number
  >;
  minLength: Record<"code_prefix" | "code_typo" | "part_text_prefix" | "highlight", number>;
  /** The fields a word is looked up in whole, and those two words side by side are. */
  wordFields: string[];
  phraseFields: string[];
}

/** reason-index.js's payload (browser.py's index_script). */
interface IndexPayload {
  version: number;
  tokens: string;
  query: QuerySettingsPayload;
  columns: { docs: TableSchema };
  apis: [string, string][];
  templates: Record<string, string>;
  badges: Record<string, { text: string; classes: string[]; title: string }>;
  groups: string[];
  docs: unknown[][];
  index: unknown;
  /** The prose index's files (its shards), loaded after the code index has answered. */
  prose: string[];
}

/** A shard of the prose index (browser.py's prose_script). */
interface ProsePayload {
  tokens: string;
  index: unknown;
}

/** A row of the index as it arrives (rows.py's DOCUMENTS). */
interface DocRecord {
  ref: string;
  kind: "reason" | "endpoint" | "api";
  api: string;
  title: string;
  status: number | null;
  group: number | string;
  summary: string;
  url: string;
  deprecated: number;
  reasons: number;
  /** A reason's statuses when it has several ("400,422"), else "". */
  statuses: string;
  /** Its service's title in a scoped catalogue: a number into the payload's groups, or "". */
  scope: number | string;
}

/** A result as the page shows it: URL, group, scope and summary filled in. */
interface DocRow extends DocRecord {
  group: string;
  scope: string;
}

/** Where a dialect finds one value (catalogue/spec.py's LocationSpec): a path or a header. */
interface LocationPayload {
  path?: string;
  header?: string;
  pattern?: string;
  names?: Record<string, number>;
  scopes?: Record<string, string>;
}

type FieldName = "code" | "status" | "message" | "request_id" | "field" | "scope";

/** What the decoder reads at most (dialect.py's MAX_BODY_DEPTH and MAX_DIGITS). */
interface BodyLimits {
  depth: number;
  digits: number;
}

/** A dialect's limits: the body's, and how deep XML elements nest (dialect.py's MAX_XML_DEPTH). */
interface DialectLimits extends BodyLimits {
  elements: number;
}

/** How one API's error bodies are read (browser.py's dialect_payload). */
interface DialectPayload {
  schema: unknown;
  media_type: string;
  language: "json" | "xml";
  limits: DialectLimits;
  fields: Partial<Record<FieldName, LocationPayload>> & {
    code: LocationPayload;
    sub_codes?: Record<string, LocationPayload>;
  };
}

/** reason-codes.js's payload (browser.py's codes_script). */
interface CodesPayload {
  columns: { codes: TableSchema };
  apis: [string, string][];
  /** The scopes of scoped catalogues, by API: [id, title]. */
  scopes: Record<string, [string, string][]>;
  codes: unknown[][];
  dialects: Record<string, DialectPayload>;
  limits: BodyLimits;
}

/** A code the lookup and the decoder know (rows.py's CODES). */
interface CodeRow {
  api: string;
  code: string;
  url: string;
  kind: "reason" | "renamed" | "removed" | "operation";
  /** The code's scope in a scoped catalogue, else "". */
  scope: string;
}

/** A facet of the browser's results. */
type ReasonFacetName = "api" | "status" | "group";

/** What the browser's URL says: the query and each facet's chosen values. */
interface ReasonState {
  q: string;
  api: string[];
  status: string[];
  group: string[];
}

interface Window {
  /** Called by reason-index.js with its payload. */
  reasonCatalogIndexLoaded?: (payload: IndexPayload) => void;
  reasonCatalogProseLoaded?: (payload: ProsePayload) => void;
  reasonCatalogSearch?: (query: string) => string[];
  /** Called by reason-codes.js with its payload. */
  reasonCatalogCodesLoaded?: (payload: CodesPayload) => void;
}

/** What the 404 page knows of the site (notfound.py's site_data). */
interface NotFoundSite {
  /** The site's path from the host's root ("/docs/"), or "" when the build was not told. */
  root: string;
  /** The 404 page's own file name. */
  page: string;
  /** The API folders of page URLs, lowercase: [API slug, scope or "", API name]. */
  folders: Record<string, [string, string, string]>;
  /** Regular expressions of page URLs, with the groups root, api and name; `known`: the
   * api group matches only the folders above. */
  forms: { kind: "reason" | "operation" | "endpoint"; known: boolean; pattern: string }[];
}

/** What a missing page's address says (reason-not-found-url.js). */
interface NotFoundPlace {
  root: string;
  kind: "reason" | "operation" | "endpoint" | "page";
  /** The API's slug, its scope and name; "" when the address names none the site has. */
  api: string;
  scope: string;
  apiName: string;
  /** The code, operation or endpoint the address names. */
  name: string;
}

interface Window {
  /** Set by the 404 page's head script (reason-not-found-base.js). */
  reasonCatalogNotFound?: NotFoundPlace;
}
