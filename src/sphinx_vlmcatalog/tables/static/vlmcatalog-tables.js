/* sphinx-vlmcatalog tables: sortable, filterable catalog tables.
 * Progressive enhancement: without this script the tables are complete. The filter box speaks
 * the query language of catalog/query.py, through its twin vlmcatalog-query.js; the page's JSON
 * data (script#vlmcat-data) holds each table's columns and numeric sort keys, and the
 * queryable fields of every entry shown. State lives in the URL:
 * ?filter-<table>=..&sort-<table>=-year
 * Layout: each table sits in its own scroll box (div.vlmcat-table-box > div.vlmcat-scroll,
 * written by the build). Here the box learns whether the table overflows it: then its hidden
 * edges get a shadow and the controls a "scrolls sideways" hint, or, in a narrow box, the rows
 * become stacked cards whose cells are labelled by their column.
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
    input.placeholder = data.placeholder || "e.g. year:>=2023 has:code clip";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-describedby", id + "-count");
    var count = document.createElement("output");
    count.id = id + "-count";
    count.className = "vlmcat-shown";
    count.setAttribute("aria-live", "polite");
    var hint = document.createElement("span");
    hint.className = "vlmcat-scroll-hint";
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = "Table scrolls sideways \u2192";
    box.append(label, input, count, hint);
    var anchor = table.closest(".vlmcat-table-box") || table;
    anchor.parentNode.insertBefore(box, anchor);
    var fit = layout(table, anchor, hint);

    // the count is of entries: a table grouped by category can show an entry in several groups
    function entryKey(tr) { return byRow.get(tr).key[0]; }
    var total = new Set(entryRows.map(entryKey)).size;
    function applyFilter(text) {
      var terms = [], error = null;
      try { terms = query.parse(meta, text); } catch (err) { error = err; }
      var shown = new Set();
      entryRows.forEach(function (tr) {
        var e = data.entries[entryKey(tr)] || {};
        var ok = error !== null || query.matches(meta, terms, e);
        tr.hidden = !ok;
        if (ok) shown.add(entryKey(tr));
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
      count.textContent = error ? "Query error: " + error.message + " (showing all " + total + ")"
        : shown.size + " of " + total;
      count.classList.toggle("vlmcat-error", !!error);
      // for print, which hides the box but names the filter that leaves rows out
      var q = error ? "" : text.trim();
      if (q) box.setAttribute("data-filter", q); else box.removeAttribute("data-filter");
      fit();  // fewer rows may fit where all did not, and the other way round
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

  // ------------------------------------------------------------------ layout
  // Below this width (in em of the box) a table that does not fit becomes stacked cards.
  var STACK_BELOW_EM = 36;
  // Paper: about the text width of A4 or Letter, less a theme's margins (CSS px), and the
  // print stylesheet's table font against the screen's (0.8em against 0.92em).
  var PRINT_WIDTH = 600, PRINT_SCALE = 0.8 / 0.92;

  function layout(table, box, hint) {
    var scroller = table.closest(".vlmcat-scroll");
    if (!scroller || box === table) return function () {};
    var labelled = false, lastWidth = -1;
    function label() {
      // each cell shows its column's name when stacked; roles keep the table a table for
      // assistive technology once CSS has made its parts blocks
      if (labelled) return;
      labelled = true;
      var names = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
        return th.textContent.trim();
      });
      table.setAttribute("role", "table");
      if (table.caption) table.caption.setAttribute("role", "caption");
      Array.prototype.forEach.call(table.querySelectorAll("thead, tbody"), function (g) {
        g.setAttribute("role", "rowgroup");
      });
      Array.prototype.forEach.call(table.rows, function (tr) {
        tr.setAttribute("role", "row");
        Array.prototype.forEach.call(tr.cells, function (cell, i) {
          cell.setAttribute("role", cell.tagName === "TH" ? "columnheader" : "cell");
          if (cell.tagName === "TD" && cell.colSpan === 1) cell.setAttribute("data-label", names[i] || "");
        });
      });
    }
    function edges() {
      var x = Math.abs(scroller.scrollLeft), room = scroller.scrollWidth - scroller.clientWidth;
      var overflows = box.classList.contains("vlmcat-overflows");
      box.classList.toggle("vlmcat-more-left", overflows && x > 1);
      box.classList.toggle("vlmcat-more-right", overflows && x < room - 1);
    }
    // :widths: hold exactly (fixed layout) when the box has room for every column's longest word
    // at its share; otherwise the browser's automatic layout takes them as proportions and no
    // word is split
    var shares = Array.prototype.map.call(table.querySelectorAll("colgroup > col"), function (col) {
      return parseFloat(col.style.width) / 100;
    });
    function holdWidths() {
      if (!table.classList.contains("vlmcat-widths-given") || !shares.length) return;
      table.classList.remove("vlmcat-widths-exact");
      var style = table.style;
      style.width = "1px";  // every column at its narrowest
      var need = 0;
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
        if (shares[i] > 0) need = Math.max(need, th.getBoundingClientRect().width / shares[i]);
      });
      style.width = "";
      // a margin for rounding to whole pixels
      table.classList.toggle("vlmcat-widths-exact", scroller.clientWidth >= need * 1.02);
    }
    // a table whose longest words do not fit on paper side by side may break words anywhere
    // in print, rather than lose its last columns over the edge of the page
    function fitPaper() {
      var style = table.style, stacked = box.classList.contains("vlmcat-stacked");
      box.classList.remove("vlmcat-stacked");
      style.width = "1px";  // every column at its narrowest
      var narrowest = table.getBoundingClientRect().width;
      style.width = "";
      box.classList.toggle("vlmcat-stacked", stacked);
      table.classList.toggle("vlmcat-print-squeeze", narrowest * PRINT_SCALE > PRINT_WIDTH);
    }
    function fit() {
      box.classList.remove("vlmcat-stacked");
      holdWidths();
      var overflows = scroller.scrollWidth > scroller.clientWidth + 1;
      var em = parseFloat(window.getComputedStyle(box).fontSize) || 16;
      if (overflows && box.clientWidth < STACK_BELOW_EM * em) {
        label();
        box.classList.add("vlmcat-stacked");
        overflows = false;
      }
      box.classList.toggle("vlmcat-overflows", overflows);
      hint.hidden = !overflows;
      // a scrolling region the keyboard can reach; nothing to reach when nothing scrolls
      if (overflows) scroller.tabIndex = 0; else scroller.removeAttribute("tabindex");
      edges();
    }
    scroller.addEventListener("scroll", edges, { passive: true });
    if (window.ResizeObserver) {
      // only a new width can change the layout; the change waits for the next frame, so the
      // observer never sees the box resized inside its own callback
      new ResizeObserver(function (entries) {
        var width = entries[entries.length - 1].contentRect.width;
        if (width === lastWidth) return;
        lastWidth = width;
        window.requestAnimationFrame(fit);
      }).observe(box);
    } else {
      window.addEventListener("resize", fit);
    }
    window.addEventListener("load", function () { fit(); fitPaper(); });  // web fonts change widths
    fit();
    fitPaper();
    return fit;
  }

  // ------------------------------------------------------------------ row permalinks
  // Each entry's row has an id (a link target); its permalink is made when the row is
  // hovered or focused, so that a table of thousands of rows carries no link per row.
  function addPermalink(event) {
    var tr = event.target.closest && event.target.closest("tr[id]");
    if (!tr || !tr.cells.length || tr.querySelector(".vlmcat-permalink")) return;
    var link = document.createElement("a");
    link.className = "vlmcat-permalink";
    link.href = "#" + tr.id;
    link.setAttribute("aria-label", "Link to this row");
    // at the end of the cell's text: after its paragraph, it would take a line of its own and
    // make the row taller under the pointer
    var cell = tr.cells[0], last = cell.lastElementChild;
    (last && last.tagName === "P" ? last : cell).appendChild(link);
  }

  function init() {
    document.querySelectorAll("table.vlmcat-table").forEach(function (table) {
      table.addEventListener("mouseover", addPermalink);
      table.addEventListener("focusin", addPermalink);
    });
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
