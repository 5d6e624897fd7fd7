/* Run the query-language cases against static/vlmcatalog-query.js (used by test_query_cases.py).
 *
 *   node run_cases.js QUERY_JS DATA_JSON
 *   node run_cases.js QUERY_JS --stress
 *
 * DATA_JSON holds {"meta": query_meta(), "entries": [entry_data(e), ...] in catalog order}
 * and the "cases", "quantities" and "globs" of cases.json. Prints {"results": [...],
 * "quantities": [...], "globs": [...]}: for each case {"ids": [...]} or {"error": message,
 * "column": n}, or {"crash": text} when something other than a QueryError is thrown; the number
 * quantity() gives each input; whether each glob matches. With --stress, prints {"matched":
 * false, "ms": n}: how long the query that once froze a browser tab takes on a 5,000-char id
 * (a separate run, so that the caller can time it out).
 */
"use strict";
const fs = require("fs");
const vm = require("vm");

const [queryJs, dataJson] = process.argv.slice(2);
// A fresh global, as a page would give it: the file must need nothing from Node.
const sandbox = {};
vm.runInNewContext(fs.readFileSync(queryJs, "utf8"), sandbox, { filename: queryJs });
const q = sandbox.vlmcatQuery;

function stress() {
  const meta = { fields: ["id", "label"], aliases: {}, text: [], substring: ["label"], links: [], relations: [] };
  const long = "a".repeat(5000);
  const started = Date.now();
  const terms = q.parse(meta, "id:*?*?*?*?*?*?*?*?*?*?!");
  const matched = q.matches(meta, terms, { id: long, label: long }) ||
    q.glob("*a*a*a*a*a*a*a*a*a*a*b", long);
  return { matched: matched, ms: Date.now() - started };
}

function run(data, text) {
  let terms;
  try {
    terms = q.parse(data.meta, text);
  } catch (err) {
    if (err instanceof q.QueryError) return { error: err.message, column: err.column };
    return { crash: String(err && err.stack ? err.stack : err) };
  }
  try {
    return { ids: data.entries.filter((e) => q.matches(data.meta, terms, e)).map((e) => e.id) };
  } catch (err) {
    return { crash: String(err && err.stack ? err.stack : err) };
  }
}

if (dataJson === "--stress") {
  process.stdout.write(JSON.stringify(stress()));
} else {
  const data = JSON.parse(fs.readFileSync(dataJson, "utf8"));
  process.stdout.write(JSON.stringify({
    results: data.cases.map((c) => run(data, c.query)),
    quantities: data.quantities.map((c) => q.quantity(c.input, !!c.whole)),
    globs: data.globs.map((c) => q.glob(c.pattern, c.text)),
  }));
}
