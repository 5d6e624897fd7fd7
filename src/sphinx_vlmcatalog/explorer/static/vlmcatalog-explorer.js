/* sphinx-vlmcatalog explorer: the page's state, and what changes it.
 *
 * The state is three things: the query, the sort and the layout. The query box is the single
 * source of truth for the selection: facets and "did you mean" only edit its text. The state
 * lives in the URL (?q=..&sort=-year&layout=cards); a change is a new history entry
 * (pushState), so Back and Forward walk through a reader's questions. Typing filters after a
 * short pause, and becomes a history entry only once the reader stops for a moment.
 * Queries are parsed and matched by vlmcatalog-query.js, the twin of catalog/query.py; the
 * data (vlmcatExplorerData) is written by the build (explorer/data.py).
 */
(function () {
  "use strict";

  var FILTER_AFTER_MS = 80;  // typing: filter once the keys pause
  var HISTORY_AFTER_MS = 800;  // typing: a history entry once the reader stops
  var RANGE = /^year:(\d*)\.\.(\d*)$/;
  var query = window.vlmcatQuery, data = window.vlmcatExplorerData;
  var View = window.vlmcatExplorerView, Facets = window.vlmcatExplorerFacets;
  var Export = window.vlmcatExplorerExport;

  function $(id) { return document.getElementById(id); }
  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var sort = params.get("sort") || "";
    if (View.SORTS.indexOf(sort.replace(/^-/, "")) < 0) sort = "";
    return {
      q: params.get("q") || "",
      sort: sort,
      layout: params.get("layout") === "cards" ? "cards" : "list"
    };
  }

  function stateUrl(state) {
    var url = new URL(window.location.href);
    url.search = "";
    if (state.q.trim()) url.searchParams.set("q", state.q.trim());
    if (state.sort) url.searchParams.set("sort", state.sort);
    if (state.layout !== "list") url.searchParams.set("layout", state.layout);
    return url.toString();
  }

  function init() {
    var root = $("vlmcat-explorer");
    if (!root || !data || !query) return;
    var input = $("vlmcat-x-query"), status = $("vlmcat-x-status"), hintBox = $("vlmcat-x-hints");
    var sortSelect = $("vlmcat-x-sort"), orderButton = $("vlmcat-x-order");
    var layoutButtons = root.querySelectorAll("[data-layout]");
    var known = Object.assign({ uses: data.ids.slice().sort() }, data.known);
    var state = readUrl(), selected = [], typing = null, settling = null;
    input.placeholder = data.placeholder || "";
    hintBox.setAttribute("aria-live", "polite");

    var view = View.create($("vlmcat-x-results"), $("vlmcat-x-more"), data, function (sort) {
      change({ sort: sort });
    });
    var facets = Facets.create($("vlmcat-x-facet-groups"), data, {
      toggle: toggleTerm,
      range: setRange
    });
    // on a narrow screen the facets start folded, below the query box
    if (window.matchMedia && window.matchMedia("(max-width: 50em)").matches) {
      $("vlmcat-x-facets").open = false;
    }

    function tokens() { return query.tokens(state.q).map(function (t) { return t[0]; }); }

    function apply() {
      var terms = [], error = null;
      try {
        terms = query.parse(data.meta, state.q);
      } catch (err) {
        if (!(err instanceof query.QueryError)) throw err;
        error = err;
      }
      var ordered = View.order(data, state.sort);
      selected = error ? ordered : ordered.filter(function (id) {
        return query.matches(data.meta, terms, data.entries[id]);
      });
      showHints(error, error ? [] : query.hints(terms, known));
      var range = tokens().map(function (t) { return RANGE.exec(t); }).filter(Boolean)[0];
      facets.update(selected, tokens(), range ? [range[1], range[2]] : ["", ""], selectWithout);
      view.show(selected, state.layout, state.sort);
      var total = data.ids.length.toLocaleString("en");
      status.textContent = error ? "Query error: showing all " + total + " entries."
        : selected.length.toLocaleString("en") + " of " + total + " entries match.";
      input.setAttribute("aria-invalid", error ? "true" : "false");
      if (input.value !== state.q && document.activeElement !== input) input.value = state.q;
      var field = state.sort.replace(/^-/, "");
      sortSelect.value = field;
      orderButton.disabled = !field;
      orderButton.setAttribute("aria-pressed", String(state.sort.charAt(0) === "-"));
      layoutButtons.forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-layout") === state.layout));
      });
    }

    // ---------------------------------------------------------------- did you mean
    // Errors and terms that match nothing, each with a button that makes the suggested fix.
    function showHints(error, messages) {
      hintBox.textContent = "";
      if (error) messages = [error.message + " (column " + error.column + ")"];
      messages.forEach(function (message) {
        var p = document.createElement("p");
        p.className = "vlmcat-x-hint" + (error ? " vlmcat-x-error" : "");
        p.textContent = message;
        var fixed = fix(message);
        if (fixed !== null && fixed !== state.q) {
          var b = document.createElement("button");
          b.type = "button";
          b.className = "vlmcat-x-button";
          b.textContent = "Search for " + fixed;
          b.addEventListener("click", function () { setQuery(fixed); input.focus(); });
          p.append(" ", b);
        }
        hintBox.appendChild(p);
      });
    }

    // the query with the suggestion of `message` in place of the first term it is about
    function fix(message) {
      var field = /^unknown field '([^']*)' \(did you mean '([^']*)'\?\)/.exec(message);
      var value = /^([^:]+):(.*) matches nothing: no such value \(did you mean '([^']*)'\?\)$/
        .exec(message);
      if (!field && !value) return null;
      var done = false;
      var out = tokens().map(function (t) {
        var colon = t.indexOf(":"), start = t.charAt(0) === "-" ? 1 : 0;
        if (done || colon < 0) return t;
        if (field) {
          if (t.slice(start, colon) !== field[1]) return t;
          done = true;
          return t.slice(0, start) + field[2] + t.slice(colon);
        }
        var at = t.toLowerCase().indexOf(value[2], colon + 1);
        if (at < 0 || termField(t) !== value[1]) return t;
        done = true;
        return t.slice(0, at) + value[3] + t.slice(at + value[2].length);
      });
      return done ? out.join(" ") : null;
    }
    // the entries the query selects without one of its tokens (a facet's alternatives)
    function selectWithout(token) {
      var rest = tokens().filter(function (t) { return t !== token; }), terms;
      try {
        terms = query.parse(data.meta, rest.join(" "));
      } catch (err) {  // the query has an error elsewhere: all entries show, so count them all
        if (!(err instanceof query.QueryError)) throw err;
        return data.ids;
      }
      return data.ids.filter(function (id) {
        return query.matches(data.meta, terms, data.entries[id]);
      });
    }
    function termField(token) {
      try { return query.parse(data.meta, token)[0].field; } catch (err) { return null; }
    }

    // ---------------------------------------------------------------- changes
    function push() {
      clearTimeout(settling);
      var url = stateUrl(state);
      if (url !== window.location.href) window.history.pushState(null, "", url);
    }
    function change(patch) {
      Object.keys(patch).forEach(function (k) { state[k] = patch[k]; });
      apply();
      push();
    }
    function setQuery(text) {
      clearTimeout(typing);
      input.value = text;
      change({ q: text });
    }
    function toggleTerm(term) { setQuery(Facets.toggled(tokens(), term).join(" ")); }
    function setRange(from, to) {
      var ts = tokens().filter(function (t) { return !RANGE.test(t); });
      from = /^\d+$/.test(from) ? from : "";
      to = /^\d+$/.test(to) ? to : "";
      if (from || to) ts.push("year:" + from + ".." + to);
      setQuery(ts.join(" "));
    }

    input.addEventListener("input", function () {
      clearTimeout(typing);
      clearTimeout(settling);
      typing = setTimeout(function () {
        state.q = input.value;
        apply();
        settling = setTimeout(push, HISTORY_AFTER_MS);
      }, FILTER_AFTER_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { clearTimeout(typing); state.q = input.value; apply(); push(); }
    });
    sortSelect.addEventListener("change", function () {
      var desc = orderButton.getAttribute("aria-pressed") === "true";
      change({ sort: sortSelect.value ? (desc ? "-" : "") + sortSelect.value : "" });
    });
    orderButton.addEventListener("click", function () {
      var field = state.sort.replace(/^-/, "");
      if (field) change({ sort: state.sort.charAt(0) === "-" ? field : "-" + field });
    });
    layoutButtons.forEach(function (b) {
      b.addEventListener("click", function () {
        change({ layout: b.getAttribute("data-layout") });
      });
    });
    root.querySelectorAll("[data-download]").forEach(function (b) {
      b.addEventListener("click", function () {
        var format = b.getAttribute("data-download");
        Export.download(format, selected, root.getAttribute("data-records"), state.q.trim())
          .catch(function (err) { status.textContent = "Download failed: " + err.message; });
      });
    });
    window.addEventListener("popstate", function () {
      clearTimeout(typing);
      clearTimeout(settling);
      state = readUrl();
      input.value = state.q;
      apply();
    });
    setupHelp();

    input.value = state.q;
    apply();
    root.classList.add("vlmcat-x-ready");
    if (window.performance && performance.mark) performance.mark("vlmcat-explorer-ready");
    warmUp();
    // for tests and the benchmark: the state, the selection, and a query without the typing delay
    window.vlmcatExplorer = {
      state: function () { return Object.assign({}, state); },
      selected: function () { return selected.slice(); },
      setQuery: setQuery
    };
  }

  // A bare word makes the query script fold every entry's texts once (it keeps them); do that
  // while the page is idle, a slice at a time, rather than on the reader's first keystroke.
  function warmUp() {
    var ids = data.ids, terms = query.parse(data.meta, "x"), next = 0;
    var later = window.requestIdleCallback || function (fn) { return setTimeout(fn, 50); };
    function slice() {
      var end = Math.min(ids.length, next + 2000);
      for (; next < end; next++) query.matches(data.meta, terms, data.entries[ids[next]]);
      if (next < ids.length) later(slice);
    }
    later(slice);
  }

  // The syntax help: a button that shows and hides a panel; Escape or a click elsewhere
  // closes it, and Escape gives the focus back to the button.
  function setupHelp() {
    var button = $("vlmcat-x-help-button"), panel = $("vlmcat-x-help");
    function open(yes) {
      panel.hidden = !yes;
      button.setAttribute("aria-expanded", String(yes));
    }
    button.addEventListener("click", function () { open(panel.hidden); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) {
        open(false);
        button.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!panel.hidden && !panel.contains(event.target) && !button.contains(event.target)) {
        open(false);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
