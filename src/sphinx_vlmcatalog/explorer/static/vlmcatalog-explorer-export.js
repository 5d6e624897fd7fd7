/* sphinx-vlmcatalog explorer: "download this selection" as BibTeX, CSV or JSON.
 *
 * Each entry's BibTeX record and JSON object are the ones catalog.bib and catalog.json hold,
 * written by the build into a script of their own (vlmcatalog-explorer-records.js) that is
 * loaded the first time a reader downloads, so the page itself stays small. The CSV is made
 * here from the JSON objects, as RFC 4180 says: CRLF line ends, a header row, and fields holding
 * a comma, quote or line break in double quotes with their quotes doubled. Files are made in
 * the browser (a Blob), so downloads work offline and from a page opened from disk.
 * Defines one global, `vlmcatExplorerExport`: {load(url), text(format, ids, records, query),
 * download(format, ids, url, query)}.
 */
(function (root) {
  "use strict";

  var TYPES = { bib: "application/x-bibtex", csv: "text/csv", json: "application/json" };
  var HEADER = "% Generated from the sphinx-vlmcatalog catalog; edit the YAML, not this file.\n";
  // CSV columns: fields of the JSON objects (lists joined with "; "), then one per link kind
  var FIELDS = ["id", "kind", "title", "short", "authors", "venue", "year", "date", "arxiv", "doi",
    "categories", "tags", "summary"];
  var LINKS = ["paper", "code", "project", "dataset", "model", "webpage", "video", "slides"];

  var loading = null;
  function load(url) {
    if (root.vlmcatExplorerRecords) return Promise.resolve(root.vlmcatExplorerRecords);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = function () { resolve(root.vlmcatExplorerRecords); };
        script.onerror = function () { loading = null; reject(new Error("cannot load " + url)); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function csvField(value) {
    var text = value === undefined || value === null ? "" : String(value);
    // a spreadsheet runs a cell that starts like a formula: such text gets a leading quote,
    // which spreadsheets show as text (OWASP's advice on CSV injection)
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csv(ids, records) {
    var lines = [FIELDS.concat(LINKS).map(csvField).join(",")];
    ids.forEach(function (id) {
      var e = JSON.parse(records[id][1]), links = e.links || {};
      var cells = FIELDS.map(function (f) {
        var v = e[f];
        return Array.isArray(v) ? v.join("; ") : v;
      }).concat(LINKS.map(function (k) { return links[k]; }));
      lines.push(cells.map(csvField).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function text(format, ids, records, query) {
    if (format === "bib") {
      // as catalog.bib: topics have no record
      var bib = ids.map(function (id) { return records[id][0]; }).filter(Boolean);
      return HEADER + "\n" + bib.join("\n");
    }
    if (format === "csv") return csv(ids, records);
    // as catalog.json, with the query instead of the taxonomy
    var lines = ids.map(function (id) { return records[id][1]; }).join(",\n");
    return '{\n"query": ' + JSON.stringify(query) + ',\n"entries": [' +
      (lines ? "\n" + lines + "\n" : "") + "]\n}\n";
  }

  function save(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type + ";charset=utf-8" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function download(format, ids, url, query) {
    return load(url).then(function (records) {
      save("vlm-selection." + format, TYPES[format], text(format, ids, records, query));
    });
  }

  root.vlmcatExplorerExport = { load: load, text: text, download: download, csvField: csvField };
})(typeof globalThis !== "undefined" ? globalThis : this);
