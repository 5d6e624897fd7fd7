/* sphinx-vlmcatalog tables: sortable, filterable catalog tables.
 * Progressive enhancement: without this script the tables are complete. The filter box speaks the query language of catalog/query.py (ported below); the page's
 * JSON data (script#vlmcat-data) holds each table's columns and numeric sort keys, and the
 * queryable fields of every entry shown. State lives in the URL: ?filter-<table>=..&sort-<table>=-year
 */
(function () {
  "use strict";

  // ------------------------------------------------------------------ query language
  var OPS = [">=", "<=", ">", "<"];
  var SUFFIX = { "": 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
  var NUMBER = /(\d+(?:[.,]\d+)*)\s*([kmbt]?)(?![a-z])/i;

  function quantity(value) {
    if (typeof value === "number") return value;
    if (typeof value !== "string") return null;
    var m = NUMBER.exec(value);
    return m ? parseFloat(m[1].replace(/,/g, "")) * SUFFIX[m[2].toLowerCase()] : null;
  }

  function QueryError(message, column) {
    this.message = message;
    this.column = column;
  }

  function canonical(meta, name) {
    name = (meta.aliases[name] || name).replace(/-/g, "_");
    return meta.fields.indexOf(name) >= 0 ? name : null;
  }

  function splitValues(rest) {
    var out = [], buf = "", quoted = false;
    for (var i = 0; i < rest.length; i++) {
      var ch = rest[i];
      if (ch === '"') quoted = !quoted;
      if (ch === "," && !quoted) { out.push(buf); buf = ""; } else buf += ch;
    }
    out.push(buf);
    return out;
  }

  function unquote(v) { return v.replace(/"/g, "").toLowerCase(); }

  function parseTerm(meta, token, column) {
    var negate = token.length > 1 && token[0] === "-";
    var body = negate ? token.slice(1) : token;
    var col = column + (negate ? 1 : 0);
    var colon = body.indexOf(":");
    var name = colon < 0 ? "" : body.slice(0, colon);
    if (colon < 0 || name[0] === '"') return { field: "text", values: [unquote(body)], negate: negate, op: "=" };
    if (!name) throw new QueryError("missing field name before ':'", col);
    var field = ["has", "uses", "text"].indexOf(name) >= 0 ? name : canonical(meta, name);
    if (!field) throw new QueryError("unknown field '" + name + "'", col);
    var rest = body.slice(colon + 1);
    if (!rest) throw new QueryError("missing value after '" + name + ":'", col + name.length + 1);
    for (var i = 0; i < OPS.length; i++) {
      if (rest.indexOf(OPS[i]) === 0) {
        var num = rest.slice(OPS[i].length);
        if (quantity(num) === null) throw new QueryError("'" + num + "' is not a number", col);
        return { field: field, values: [num], negate: negate, op: OPS[i] };
      }
    }
    if (rest.indexOf("..") >= 0) {
      var parts = [rest.slice(0, rest.indexOf("..")), rest.slice(rest.indexOf("..") + 2)];
      parts.forEach(function (p) {
        if (p && quantity(p) === null) throw new QueryError("'" + p + "' is not a number", col);
      });
      return { field: field, values: parts, negate: negate, op: ".." };
    }
    var values = splitValues(rest).map(unquote);
    if (values.some(function (v) { return !v; })) throw new QueryError("empty value in '" + rest + "'", col);
    if (field === "year") {  // as catalog/query.py: a year is compared as a number
      values.forEach(function (v) {
        if (!/^[0-9]+$/.test(v)) throw new QueryError("'" + v + "' is not a year", col);
      });
    }
    if (field === "has") {
      values.forEach(function (v) {
        if (!canonical(meta, v) && meta.links.indexOf(v) < 0 && meta.relations.indexOf(v) < 0)
          throw new QueryError("'has:" + v + "' names no field, link or relation", col);
      });
    }
    return { field: field, values: values, negate: negate, op: "=" };
  }

  function parseQuery(meta, text) {
    if ((text.match(/"/g) || []).length % 2) throw new QueryError("unclosed quote", text.lastIndexOf('"') + 1);
    var terms = [], re = /\S*"[^"]*"\S*|\S+/g, m;
    while ((m = re.exec(text)) !== null) terms.push(parseTerm(meta, m[0], m.index + 1));
    return terms;
  }

  function strings(value) {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value.map(String);
    if (typeof value === "object") return Object.keys(value);
    return [String(value)];
  }

  function glob(pattern, s) {  // fnmatch: * and ? wildcards
    var re = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp("^" + re + "$").test(s);
  }

  function isEmpty(v) {
    return v === undefined || v === null || v === "" ||
      (typeof v === "object" && Object.keys(v).length === 0);
  }

  function termMatches(meta, t, e) {
    var vs = t.values, f = t.field;
    if (f === "text") {
      return meta.text.some(function (name) {
        return strings(e[name]).some(function (s) { return s.toLowerCase().indexOf(vs[0]) >= 0; });
      });
    }
    if (f === "has") {
      return vs.some(function (v) {
        if ((e.links || []).indexOf(v) >= 0 || (e.relations && v in e.relations)) return true;
        var c = canonical(meta, v);
        return c !== null && !isEmpty(e[c]);
      });
    }
    var rel = e.relations || {};
    if (f === "uses") {
      return vs.some(function (v) {
        return Object.keys(rel).some(function (k) { return rel[k].indexOf(v) >= 0; });
      });
    }
    var value = e[f];
    if (t.op !== "=") {
      var n = Array.isArray(value) ? null : quantity(value);
      if (n === null) return false;
      if (t.op === "..") {
        var lo = quantity(vs[0]), hi = quantity(vs[1]);
        return (lo === null || n >= lo) && (hi === null || n <= hi);
      }
      var b = quantity(vs[0]);
      return { ">=": n >= b, "<=": n <= b, ">": n > b, "<": n < b }[t.op];
    }
    var have = strings(value).map(function (s) { return s.toLowerCase(); });
    if (f === "categories" || f === "top_category") {
      return vs.some(function (v) {
        return have.some(function (c) { return c === v || c.indexOf(v + ".") === 0; });
      });
    }
    if (f === "links" || f === "relations") return vs.some(function (v) { return have.indexOf(v) >= 0; });
    if (typeof value === "number") return vs.some(function (v) { return quantity(v) === value; });
    var substring = meta.substring.indexOf(f) >= 0;
    return vs.some(function (v) {
      return have.some(function (s) { return substring ? s.indexOf(v) >= 0 : glob(v, s); });
    });
  }

  function matches(meta, terms, e) {
    return terms.every(function (t) { return termMatches(meta, t, e) !== t.negate; });
  }

  // ------------------------------------------------------------------ URL state
  function getParam(name) { return new URLSearchParams(window.location.search).get(name); }
  function setParam(name, value) {
    var url = new URL(window.location.href);
    if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
    window.history.replaceState(window.history.state, "", url.toString());
  }

  // ------------------------------------------------------------------ tables
  function setupTable(table, info, data) {
    var id = table.id, meta = data.meta;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var entryRows = [], byRow = new Map();
    rows.forEach(function (tr) {
      if (tr.className.indexOf("vlmcat-id-") >= 0) {
        byRow.set(tr, { pos: entryRows.length, key: info.rows[entryRows.length] });
        entryRows.push(tr);
      }
    });
    // controls: a labelled search box and a live count
    var box = document.createElement("div");
    box.className = "vlmcat-controls";
    var label = document.createElement("label");
    label.htmlFor = id + "-filter";
    label.textContent = "Filter";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id + "-filter";
    input.className = "vlmcat-filter";
    input.placeholder = "e.g. year:>=2023 has:code clip";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-describedby", id + "-count");
    var count = document.createElement("output");
    count.id = id + "-count";
    count.className = "vlmcat-shown";
    count.setAttribute("aria-live", "polite");
    box.append(label, input, count);
    var anchor = table.parentNode.classList.contains("table-wrapper") ? table.parentNode : table;
    anchor.parentNode.insertBefore(box, anchor);

    function applyFilter(text) {
      var terms = [], error = null;
      try { terms = parseQuery(meta, text); } catch (err) { error = err; }
      var shown = 0;
      entryRows.forEach(function (tr) {
        var e = data.entries[byRow.get(tr).key[0]] || {};
        var ok = error !== null || matches(meta, terms, e);
        tr.hidden = !ok;
        if (ok) shown++;
      });
      // group header rows hide when all their rows are hidden
      var group = null, any = false;
      rows.forEach(function (tr) {
        if (tr.classList.contains("vlmcat-group")) {
          if (group) group.hidden = !any;
          group = tr; any = false;
        } else if (!tr.hidden) any = true;
      });
      if (group) group.hidden = !any;
      input.setAttribute("aria-invalid", error ? "true" : "false");
      count.textContent = error ? "Query error: " + error.message + " (showing all " + entryRows.length + ")"
        : shown + " of " + entryRows.length;
      count.classList.toggle("vlmcat-error", !!error);
    }
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        applyFilter(input.value);
        setParam("filter-" + id, input.value.trim());
      }, 120);
    });

    // sorting: each header becomes a button; aria-sort shows the state
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var current = { col: -1, desc: false };
    function sortKey(tr, col) {
      var rec = byRow.get(tr), n = rec.key[1][col];
      if (n !== null && n !== undefined) return n;
      var text = tr.cells[col] ? tr.cells[col].textContent.trim().toLowerCase() : "";
      return text === "" ? null : text;
    }
    function applySort(col, desc) {
      current = { col: col, desc: desc };
      heads.forEach(function (th, i) {
        th.setAttribute("aria-sort", i === col ? (desc ? "descending" : "ascending") : "none");
      });
      var tbody = table.tBodies[0], segment = [];
      function flush(before) {
        segment.sort(function (a, b) {
          var ka = sortKey(a, col), kb = sortKey(b, col);
          if (ka === null || kb === null) {
            if (ka === kb) return byRow.get(a).pos - byRow.get(b).pos;
            return ka === null ? 1 : -1;  // empty values last, whichever the direction
          }
          var c = typeof ka === "number" && typeof kb === "number" ? ka - kb
            : String(ka).localeCompare(String(kb), undefined, { numeric: true });
          if (desc) c = -c;
          return c || byRow.get(a).pos - byRow.get(b).pos;  // stable
        });
        segment.forEach(function (tr) { tbody.insertBefore(tr, before); });
        segment = [];
      }
      rows.forEach(function (tr) {
        if (tr.classList.contains("vlmcat-group")) flush(tr); else segment.push(tr);
      });
      flush(null);
    }
    heads.forEach(function (th, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "vlmcat-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      var arrow = document.createElement("span");
      arrow.className = "vlmcat-arrow";
      arrow.setAttribute("aria-hidden", "true");
      button.appendChild(arrow);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var desc = current.col === i ? !current.desc : false;
        applySort(i, desc);
        setParam("sort-" + id, (desc ? "-" : "") + info.columns[i]);
      });
    });

    var f = getParam("filter-" + id);
    if (f) input.value = f;
    applyFilter(input.value);
    var s = getParam("sort-" + id);
    if (s) {
      var col = info.columns.indexOf(s.replace(/^-/, ""));
      if (col >= 0) applySort(col, s[0] === "-");
    }
    table.classList.add("vlmcat-ready");
  }

  function init() {
    var el = document.getElementById("vlmcat-data");
    var data = el ? JSON.parse(el.textContent) : null;
    if (data) {
      Object.keys(data.tables).forEach(function (id) {
        var table = document.getElementById(id);
        // some themes (furo) wrap tables and move the id and classes onto the wrapper
        if (table && table.tagName !== "TABLE") table = table.querySelector("table");
        if (table && table.tBodies.length && table.tHead) setupTable(table, data.tables[id], data);
      });
    }
  }

  // a small hook for tests and curious readers
  window.vlmcatQuery = { quantity: quantity, parse: parseQuery, matches: matches };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
