// @ts-check
// The data files' rows, read by column name. The build writes rows as arrays to keep the
// files small, with each table's columns beside them (search/rows.py, which defines them);
// nothing here or in the other scripts reads a row by position. Pure functions, no DOM.
"use strict";

const ReasonRows = (function () {
  /**
   * Every row of a table as an object keyed by column name; columns a row leaves off take
   * their defaults. Throws if the data file lacks a column the caller reads (a page and an
   * index from different builds), rather than showing wrong values.
   * @template T
   * @param {TableSchema} schema
   * @param {unknown[][]} rows
   * @param {readonly (keyof T & string)[]} wanted the columns the caller reads
   * @returns {T[]}
   */
  function read(schema, rows, wanted) {
    const missing = wanted.filter((name) => !schema.columns.includes(name));
    if (missing.length) throw new Error(`the data file has no column ${missing.join(", ")}`);
    const { columns, defaults } = schema;
    return rows.map((row) => {
      /** @type {Record<string, unknown>} */
      const record = {};
      for (let i = 0; i < columns.length; i += 1) {
        record[/** @type {string} */ (columns[i])] = i < row.length ? row[i] : defaults[i];
      }
      return /** @type {T} */ (record);
    });
  }

  return { read };
})();
