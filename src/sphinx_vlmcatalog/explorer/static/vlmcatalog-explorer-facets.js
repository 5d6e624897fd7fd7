/* sphinx-vlmcatalog explorer: the facets.
 *
 * Each facet value is a query term (`kind:model`, `category:transfer`, `has:code`...). Values of
 * one kind, year, venue or category facet are alternatives, kept in one term of the query
 * (`kind:model,dataset`: models or datasets); the link toggles are separate terms (`has:code
 * has:model`: both). A value's count is how many entries the query selects with that value,
 * where the query leaves out the value's own facet term if it has one: so an unpressed kind
 * says how many entries choosing it adds, and a pressed one how many it contributes. Counts are
 * tallied in one pass over a selection from the entries' data, the same way vlmcatalog-query.js
 * matches those terms: a kind, year or venue by its whole value (case-folded), a category with
 * everything under it, `has:` by link kind. Facets never change the selection themselves: a
 * click asks the page to put the term into the query box or take it out (`toggled`).
 * Defines one global, `vlmcatExplorerFacets`.
 */
(function (root) {
  "use strict";

  var VENUES_SHOWN = 10;  // the most frequent venues; the rest behind "More venues"
  var HAS = [["code", "Has code"], ["model", "Has model weights"], ["dataset", "Has dataset link"],
    ["results", "Has reported results"]];

  // the facets whose values are alternatives (the tally's groups by the same names)
  var EITHER = ["kind", "year", "venue", "category"];

  function fold(text) { return String(text).toLowerCase(); }

  // `a,"b, c",d` -> ['a', '"b, c"', 'd']: the values of a term, as written
  function splitValues(body) {
    var out = [], value = "", quoted = false;
    for (var i = 0; i < body.length; i++) {
      var c = body.charAt(i);
      if (c === '"') quoted = !quoted;
      if (c === "," && !quoted) { out.push(value); value = ""; } else value += c;
    }
    out.push(value);
    return out.filter(Boolean);
  }
  // a query token that lists alternatives of a facet (`venue:CVPR,"A B"`), as its field and
  // values; null for any other token (a comparison, a range, a negation, another field)
  function alternatives(token) {
    var m = /^(kind|year|venue|category):(.+)$/.exec(token);
    if (!m || /^[<>]|\.\./.test(m[2])) return null;
    return { field: m[1], values: splitValues(m[2]) };
  }
  // each single term the tokens hold: `kind:a,b` as `kind:a` and `kind:b`
  function singles(tokens) {
    var out = [];
    tokens.forEach(function (t) {
      var alt = alternatives(t);
      if (!alt) out.push(t);
      else alt.values.forEach(function (v) { out.push(alt.field + ":" + v); });
    });
    return out;
  }
  // the query's tokens with `term` put in or taken out. A category replaces its ancestors and
  // descendants among the alternatives, so clicking down the tree narrows the selection.
  function toggled(tokens, term) {
    var colon = term.indexOf(":"), field = term.slice(0, colon), value = term.slice(colon + 1);
    if (EITHER.indexOf(field) < 0) {
      var without = tokens.filter(function (t) { return t !== term; });
      return without.length < tokens.length ? without : tokens.concat([term]);
    }
    var at = -1;
    tokens.forEach(function (t, i) {
      var alt = alternatives(t);
      if (at < 0 && alt && alt.field === field) at = i;
    });
    if (at < 0) return tokens.concat([term]);
    var values = alternatives(tokens[at]).values, key = fold(value);
    var kept = values.filter(function (v) { return fold(v) !== key; });
    if (kept.length === values.length) {
      if (field === "category") {
        kept = kept.filter(function (v) {
          var other = fold(v);
          return key.indexOf(other + ".") !== 0 && other.indexOf(key + ".") !== 0;
        });
      }
      kept.push(value);
    }
    var out = tokens.slice();
    if (kept.length) out[at] = field + ":" + kept.join(",");
    else out.splice(at, 1);
    return out;
  }
  function plain(value) { return !/["*?]/.test(value); }  // a value a term can name exactly
  // a term's value, quoted when it holds what would end or split it
  function termValue(value) { return /[\s,]|\.\.|^[<>]/.test(value) ? '"' + value + '"' : value; }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // every category an entry is in, its ancestors included (category:x matches x.y too)
  function lineages(data) {
    var out = {};
    data.ids.forEach(function (id) {
      var seen = {};
      (data.entries[id].categories || []).forEach(function (key) {
        var parts = fold(key).split(".");
        for (var i = 1; i <= parts.length; i++) seen[parts.slice(0, i).join(".")] = true;
      });
      out[id] = Object.keys(seen);
    });
    return out;
  }

  function tally(ids, data, cats) {
    var t = { kind: {}, has: {}, year: {}, venue: {}, category: {} };
    function add(group, key) { group[key] = (group[key] || 0) + 1; }
    ids.forEach(function (id) {
      var e = data.entries[id];
      add(t.kind, fold(e.kind));
      if (e.year !== undefined) add(t.year, String(e.year));
      if (e.venue) add(t.venue, fold(e.venue));
      (e.links || []).forEach(function (k) { add(t.has, k); });
      if (e.results) add(t.has, "results");
      cats[id].forEach(function (key) { add(t.category, key); });
    });
    return t;
  }

  function create(container, data, actions) {
    var cats = lineages(data);
    var all = tally(data.ids, data, cats);
    var buttons = [];  // {button, group, key, term}

    function valueButton(group, key, term, label) {
      var b = el("button", "vlmcat-x-facet");
      b.type = "button";
      b.setAttribute("data-term", term);
      b.setAttribute("aria-pressed", "false");
      b.append(el("span", "vlmcat-x-facet-label", label), el("span", "vlmcat-x-count"));
      b.addEventListener("click", function () { actions.toggle(term); });
      buttons.push({ button: b, group: group, key: key, term: term });
      return b;
    }
    function section(title, id) {
      var s = el("section", "vlmcat-x-facet-group");
      var h = el("h2", "vlmcat-x-facet-title", title);
      h.id = "vlmcat-x-facet-" + id;
      s.setAttribute("aria-labelledby", h.id);
      s.appendChild(h);
      container.appendChild(s);
      return s;
    }
    function list(parent, className) {
      var ul = el("ul", "vlmcat-x-facet-list" + (className ? " " + className : ""));
      parent.appendChild(ul);
      return ul;
    }
    function item(ul, button, depth) {
      var li = el("li");
      if (depth) li.style.paddingInlineStart = depth + "em";
      li.appendChild(button);
      ul.appendChild(li);
      return li;
    }

    // kinds, in the order the catalog format declares them
    var kinds = list(section("Kind", "kind"));
    data.known.kind.forEach(function (k) {
      if (!all.kind[k]) return;
      item(kinds, valueButton("kind", k, "kind:" + k, k.charAt(0).toUpperCase() + k.slice(1)));
    });
    var links = list(section("Links", "links"));
    HAS.forEach(function (h) {
      if (all.has[h[0]]) item(links, valueButton("has", h[0], "has:" + h[0], h[1]));
    });
    // the category tree, in the taxonomy's order, indented by depth: the top level, and the
    // children of each category the query names (a click drills down)
    var tree = list(section("Category", "category"), "vlmcat-x-tree");
    var parents = {};  // category key -> its parent's, for the categories below the top
    data.categories.forEach(function (c) {
      var key = fold(c[0]);
      if (!all.category[key]) return;
      item(tree, valueButton("category", key, "category:" + c[0], c[1]), key.split(".").length - 1);
      if (c[2]) parents[key] = fold(c[2]);
    });
    function openCategories(active) {
      var open = {};
      active.forEach(function (t) {
        var m = /^categor(?:y|ies):([^,"]+)$/.exec(t);  // (t is a single term)
        if (!m) return;
        var parts = fold(m[1]).split(".");
        for (var i = 1; i <= parts.length; i++) open[parts.slice(0, i).join(".")] = true;
      });
      return open;
    }
    // years: a range, then each year
    var years = section("Year", "year");
    var range = el("div", "vlmcat-x-range");
    var inputs = ["From", "To"].map(function (name) {
      var label = el("label", "", name + " ");
      var input = el("input");
      input.type = "number";
      input.inputMode = "numeric";
      input.min = "1900";
      input.max = "2100";
      input.setAttribute("data-range", name.toLowerCase());
      input.addEventListener("change", function () {
        actions.range(inputs[0].value.trim(), inputs[1].value.trim());
      });
      label.appendChild(input);
      range.appendChild(label);
      return input;
    });
    years.appendChild(range);
    var yearList = list(years, "vlmcat-x-chips");
    Object.keys(all.year).sort().reverse().forEach(function (y) {
      item(yearList, valueButton("year", y, "year:" + y, y));
    });
    // venues, most frequent first (each shown with its most common spelling)
    var spelling = {};
    data.ids.forEach(function (id) {
      var v = data.entries[id].venue;
      if (v && !spelling[fold(v)]) spelling[fold(v)] = v;
    });
    var venues = section("Venue", "venue");
    var venueList = list(venues, "vlmcat-x-chips");
    var venueKeys = Object.keys(all.venue).filter(plain).sort(function (a, b) {
      return all.venue[b] - all.venue[a] || (a < b ? -1 : 1);
    });
    var extra = [];
    venueKeys.forEach(function (v, i) {
      var term = "venue:" + termValue(spelling[v]);
      var li = item(venueList, valueButton("venue", v, term, spelling[v]));
      if (i >= VENUES_SHOWN) extra.push(li);
    });
    var showAll = false, more = null;
    if (extra.length) {
      more = el("button", "vlmcat-x-button vlmcat-x-facet-more", "More venues");
      more.type = "button";
      more.setAttribute("aria-expanded", "false");
      more.addEventListener("click", function () {
        showAll = !showAll;
        more.setAttribute("aria-expanded", String(showAll));
        more.textContent = showAll ? "Fewer venues" : "More venues";
        if (update.last) update.apply(null, update.last);
      });
      venues.appendChild(more);
    }

    // counts for the selection: `ids`, the entries the query selects; `tokens`, the query's;
    // `selectWithout(token)`, the entries the query selects without that token. Values no
    // counted entry has are hidden, unless in the query.
    function update(ids, tokens, yearRange, selectWithout) {
      update.last = [ids, tokens, yearRange, selectWithout];
      var t = tally(ids, data, cats), active = singles(tokens).map(fold);
      var open = openCategories(active);
      tokens.forEach(function (token) {
        var alt = alternatives(token);
        if (alt) t[alt.field] = tally(selectWithout(token), data, cats)[alt.field];
      });
      buttons.forEach(function (b) {
        var n = t[b.group][b.key] || 0, on = active.indexOf(fold(b.term)) >= 0;
        b.button.setAttribute("aria-pressed", String(on));
        b.button.lastChild.textContent = n.toLocaleString("en");
        var li = b.button.parentNode, parent = parents[b.key];
        li.hidden = (!n && !on) || (!showAll && extra.indexOf(li) >= 0 && !on) ||
          (b.group === "category" && parent !== undefined && !open[parent]);
      });
      inputs[0].value = yearRange[0];
      inputs[1].value = yearRange[1];
      // a group with nothing to offer goes (the years keep their range), and so does
      // "More venues" when no further venue has entries
      container.querySelectorAll(".vlmcat-x-facet-group").forEach(function (group) {
        if (group.contains(range)) return;
        group.hidden = !group.querySelector("li:not([hidden])");
      });
      if (more) {
        more.hidden = !extra.some(function (li) {
          return li.firstChild.lastChild.textContent !== "0";
        });
      }
    }
    return { update: update, counts: function (ids) { return tally(ids, data, cats); } };
  }

  root.vlmcatExplorerFacets = { create: create, termValue: termValue, toggled: toggled };
})(typeof globalThis !== "undefined" ? globalThis : this);
