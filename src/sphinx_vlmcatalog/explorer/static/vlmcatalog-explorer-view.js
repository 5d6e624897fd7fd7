/* sphinx-vlmcatalog explorer: the results, as a list (a table) or as cards, and their order.
 *
 * A selection can be the whole catalog, so only its first PAGE entries are put in the page;
 * more are added when the "Show more" button scrolls into view or is pressed. Sorting orders
 * the whole catalog once per sort key (the query then keeps that order), so typing never sorts.
 * Defines one global, `vlmcatExplorerView`:
 *
 *   order(data, sort)                 -> every id in that order ("-year": descending)
 *   create(results, more, data, onSort) -> {show(ids, layout, sort), shown()}
 */
(function (root) {
  "use strict";

  var PAGE = 100;
  // the list's columns: [sort key, header]; every column sorts (the first by name; the sort
  // box also offers the title)
  var COLUMNS = [
    ["label", "Entry"], ["kind", "Kind"], ["year", "Year"], ["venue", "Venue"],
    ["categories", "Category"]
  ];
  var SORTS = ["label", "title", "kind", "year", "venue", "categories"];

  function fold(text) { return String(text).toLowerCase(); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function categoryInfo(data) {
    var titles = {}, position = {};
    data.categories.forEach(function (c, i) { titles[c[0]] = c[1]; position[c[0]] = i; });
    return { titles: titles, position: position };
  }

  // sort keys: numbers for year and category (taxonomy position), folded text otherwise;
  // null (no value) sorts last in either direction, ties keep catalog order
  var orders = {};
  function order(data, sort) {
    if (orders[sort]) return orders[sort];
    var desc = sort.charAt(0) === "-", field = sort.replace(/^-/, "");
    if (!field) return data.ids;
    var info = categoryInfo(data), keys = {}, pos = {};
    data.ids.forEach(function (id, i) {
      var e = data.entries[id], v = e[field];
      if (field === "categories") v = v && v.length ? info.position[v[0]] : null;
      else if (v === undefined || v === "") v = null;
      else if (typeof v !== "number") v = fold(v);
      keys[id] = v;
      pos[id] = i;
    });
    var sorted = data.ids.slice().sort(function (a, b) {
      var ka = keys[a], kb = keys[b], c = 0;
      if (ka === null || kb === null) c = ka === kb ? 0 : ka === null ? 1 : -1;
      else {
        c = ka < kb ? -1 : ka > kb ? 1 : 0;
        if (desc) c = -c;
      }
      return c || pos[a] - pos[b];
    });
    orders[sort] = sorted;
    return sorted;
  }

  function create(results, more, data, onSort) {
    var info = categoryInfo(data);
    var ids = [], count = 0, layout = "list", sort = "", body = null;

    function link(id, text) {
      var href = data.hrefs[id];
      if (!href) return el("span", "", text);
      var a = el("a", "", text);
      a.href = href;
      return a;
    }
    function categories(e) {
      return (e.categories || []).map(function (k) { return info.titles[k] || k; }).join(", ");
    }
    // benchmark ids -> their names (an id whose entry is not in the data stays as it is)
    function labels(ids) {
      return ids.map(function (k) { return data.entries[k] ? data.entries[k].label : k; }).join(", ");
    }
    function kindName(kind) { return kind.charAt(0).toUpperCase() + kind.slice(1); }

    function row(id) {
      var e = data.entries[id], tr = el("tr");
      tr.setAttribute("data-vlm-id", id);
      var name = el("th");
      name.scope = "row";
      name.appendChild(link(id, e.label));
      if (e.title !== e.label) name.appendChild(el("span", "vlmcat-x-title", e.title));
      tr.append(name, el("td", "", kindName(e.kind)),
        el("td", "vlmcat-x-num", e.year), el("td", "", e.venue),
        el("td", "vlmcat-x-cats", categories(e)));
      return tr;
    }
    function card(id) {
      var e = data.entries[id], li = el("li", "vlmcat-x-card");
      li.setAttribute("data-vlm-id", id);
      var title = el("p", "vlmcat-x-card-title");
      title.appendChild(link(id, e.label));
      var facts = [kindName(e.kind), e.year, e.venue].filter(function (x) { return x; });
      li.append(title, el("p", "vlmcat-x-card-meta", facts.join(" \u00b7 ")));
      if (e.label !== e.title) li.appendChild(el("p", "vlmcat-x-card-full", e.title));
      if (e.summary) li.appendChild(el("p", "vlmcat-x-card-summary", e.summary));
      var cats = categories(e);
      if (cats) li.appendChild(el("p", "vlmcat-x-card-cats", cats));
      if (e.results) li.appendChild(el("p", "vlmcat-x-card-results", "Results on " + labels(e.results)));
      return li;
    }

    function table() {
      var wrap = el("div", "vlmcat-x-scroll"), t = el("table", "vlmcat-x-table");
      var caption = el("caption", "vlmcat-x-sr", "Matching entries");
      var head = el("thead"), tr = el("tr");
      var field = sort.replace(/^-/, ""), desc = sort.charAt(0) === "-";
      COLUMNS.forEach(function (c) {
        var th = el("th"), b = el("button", "vlmcat-x-sort", c[1]);
        th.scope = "col";
        th.setAttribute("aria-sort", c[0] !== field ? "none" : desc ? "descending" : "ascending");
        b.type = "button";
        b.addEventListener("click", function () {
          onSort(c[0] === field && !desc ? "-" + c[0] : c[0]);
        });
        th.appendChild(b);
        tr.appendChild(th);
      });
      head.appendChild(tr);
      body = el("tbody");
      t.append(caption, head, body);
      wrap.appendChild(t);
      return wrap;
    }

    function addMore() {
      var end = Math.min(ids.length, count + PAGE), frag = document.createDocumentFragment();
      for (var i = count; i < end; i++) {
        frag.appendChild(layout === "cards" ? card(ids[i]) : row(ids[i]));
      }
      body.appendChild(frag);
      count = end;
      more.hidden = count >= ids.length;
      more.textContent = "Show more (" + (ids.length - count).toLocaleString("en") + " more)";
    }

    function show(selected, newLayout, newSort) {
      ids = selected;
      layout = newLayout;
      sort = newSort;
      count = 0;
      results.textContent = "";
      if (!ids.length) {
        body = null;
        more.hidden = true;
        results.appendChild(el("p", "vlmcat-x-empty", "No entry matches this query."));
        return;
      }
      if (layout === "cards") {
        body = el("ul", "vlmcat-x-cards");
        results.appendChild(body);
      } else {
        results.appendChild(table());
      }
      addMore();
    }

    more.addEventListener("click", addMore);
    if (window.IntersectionObserver) {
      // the next entries arrive as the reader scrolls near the end of the shown ones
      new IntersectionObserver(function (seen) {
        if (seen[seen.length - 1].isIntersecting && body && count < ids.length) addMore();
      }, { rootMargin: "400px" }).observe(more);
    }
    return { show: show, shown: function () { return count; } };
  }

  root.vlmcatExplorerView = { order: order, create: create, SORTS: SORTS };
})(typeof globalThis !== "undefined" ? globalThis : this);
