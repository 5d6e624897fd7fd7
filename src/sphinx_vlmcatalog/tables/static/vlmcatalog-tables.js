/* sphinx-vlmcatalog tables: sortable, filterable catalog tables.
 * Progressive enhancement: without this script the tables are complete. The filter box speaks
 * the query language of catalog/query.py, through its twin vlmcatalog-query.js; the page's JSON
 * data (script#vlmcat-data) holds each table's columns and numeric sort keys, and the
 * queryable fields of every entry shown. State lives in the URL:
 * ?filter-<table>=..&sort-<table>=-year
 */
(function () {
  "use strict";

  // the query language: vlmcatalog-query.js, loaded before this script
  var query = window.vlmcatQuery;

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
      try { terms = query.parse(meta, text); } catch (err) { error = err; }
      var shown = 0;
      entryRows.forEach(function (tr) {
        var e = data.entries[byRow.get(tr).key[0]] || {};
        var ok = error !== null || query.matches(meta, terms, e);
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

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
