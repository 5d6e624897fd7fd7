/* sphinx-vlmcatalog query language: the JavaScript twin of catalog/query.py.
 *
 * Parses and matches queries such as `kind:model year:>=2024 has:code -venue:arXiv clip` exactly
 * as the Python does: the same terms, the same errors (message and 1-based column, counted in
 * characters, not UTF-16 units) and the same matches. tests/query/cases.json is the
 * specification both pass. No DOM: a page loads this before the scripts that use it, and Node
 * can run it. It defines one global, `vlmcatQuery`:
 *
 *   parse(meta, text)          -> terms; throws vlmcatQuery.QueryError {message, column}
 *   matches(meta, terms, entry) -> true if the entry satisfies every term
 *   quantity(value, whole)     -> the number "7B", "~400M", "1,281,167" state (catalog/quantities.py)
 *   glob(pattern, text)        -> `*` and `?` wildcards (catalog/globs.py), never a RegExp
 *   hints(terms, known)        -> "did you mean" messages for values nothing has (query_hints.py)
 *   tokens(text)               -> [term text, 1-based column] pairs, as parse() splits them
 *
 * `meta` is query_meta() and each entry is entry_data() (catalog/query_data.py).
 */
(function (root) {
  "use strict";

  var SPECIAL = ["has", "uses", "text"];
  // Term separators outside quotes, as query.SPACES: the spaces Python and JS both call spaces.
  var SPACES = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007" +
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
  var OPS = [">=", "<=", ">", "<"];
  var COMPARE = {
    ">=": function (a, b) { return a >= b; },
    "<=": function (a, b) { return a <= b; },
    ">": function (a, b) { return a > b; },
    "<": function (a, b) { return a < b; }
  };

  function own(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  function get(obj, key) { return obj && own(obj, key) ? obj[key] : undefined; }
  function chars(text) { return Array.from(text); }  // code points, as Python indexes strings
  function width(text) { return chars(text).length; }
  function fold(text) { return text.toLowerCase(); }  // as Python's str.lower

  // ------------------------------------------------------------------ quantities
  var SCALES = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
  var SIGNS = "~\u2248<>";  // U+2248 is the approximately-equal sign
  var DIGITS = "0123456789";
  var SUFFIXES = "kKmMbBtT";
  var ALNUM = DIGITS + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  // true if ch is one UTF-16 unit found in set (so false for "", as text.charAt past the end)
  function isIn(set, ch) { return ch.length === 1 && set.indexOf(ch) >= 0; }
  function allDigits(s) { return s.split("").every(function (c) { return isIn(DIGITS, c); }); }

  function skipSpaces(text, i) {
    while (i < text.length && text[i] === " ") i++;
    return i;
  }

  function validNumber(run) {
    var dot = run.indexOf(".");
    var whole = dot < 0 ? run : run.slice(0, dot);
    if (dot >= 0) {
      var fraction = run.slice(dot + 1);
      if (!fraction || !allDigits(fraction)) return false;
    }
    var groups = whole.split(",");
    if (!groups.every(function (g) { return g && allDigits(g); })) return false;
    return groups.length === 1 ||
      (groups[0].length <= 3 && groups.slice(1).every(function (g) { return g.length === 3; }));
  }

  function readNumber(text) {
    var i = skipSpaces(text, 0);
    var sign = isIn(SIGNS, text.charAt(i)) ? text.charAt(i) : "";
    if (sign) i = skipSpaces(text, i + 1);
    var start = i;
    while (isIn("0123456789,.", text.charAt(i))) i++;
    var run = text.slice(start, i);
    if (!run || !validNumber(run)) return null;
    var j = skipSpaces(text, i);
    if (isIn(SUFFIXES, text.charAt(j)) && !isIn(ALNUM, text.charAt(j + 1))) {
      return { sign: sign, number: run, suffix: text.charAt(j), end: j + 1 };
    }
    if (isIn(ALNUM, text.charAt(i))) return null;  // "10abc", "7Bn": a word, not a number
    return { sign: sign, number: run, suffix: "", end: i };
  }

  function quantity(value, whole) {
    if (typeof value === "number") return value;
    if (typeof value !== "string") return null;
    var read = readNumber(value);
    if (read === null || (whole && skipSpaces(value, read.end) !== value.length)) return null;
    var scale = read.suffix ? SCALES[read.suffix.toLowerCase()] : 1;
    return parseFloat(read.number.replace(/,/g, "")) * scale;
  }

  // ------------------------------------------------------------------ globs
  function glob(pattern, text) {
    // no wildcard: the whole text, as it is (and no arrays made for the common case)
    if (pattern.indexOf("*") < 0 && pattern.indexOf("?") < 0) return pattern === text;
    var p = chars(pattern), s = chars(text);
    var i = 0, j = 0, star = -1, resume = 0;
    while (j < s.length) {
      if (i < p.length && p[i] === "*") {
        star = i; resume = j; i++;
      } else if (i < p.length && (p[i] === "?" || p[i] === s[j])) {
        i++; j++;
      } else if (star >= 0) {
        resume++;  // let the last '*' take one more character, and retry the rest
        i = star + 1; j = resume;
      } else {
        return false;
      }
    }
    while (i < p.length && p[i] === "*") i++;
    return i === p.length;
  }

  // ------------------------------------------------------------------ parsing
  function QueryError(message, column) {
    this.name = "QueryError";
    this.message = message;
    this.column = column;
  }
  QueryError.prototype = Object.create(Error.prototype);
  QueryError.prototype.constructor = QueryError;

  function canonical(meta, name) {
    if (own(meta.aliases, name)) name = meta.aliases[name];
    name = name.replace(/-/g, "_");
    return meta.fields.indexOf(name) >= 0 ? name : null;
  }

  function editDistance(a, b) {  // arrays of characters; see fields.edit_distance
    var before = [], previous = [], i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      var current = [i];
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          current[j] = Math.min(current[j], before[j - 2] + 1);
        }
      }
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  function suggest(meta, name) {
    return nearest(name, meta.fields.concat(Object.keys(meta.aliases), SPECIAL));
  }

  function nearest(name, candidates) {  // see fields.suggest
    var folded = fold(name), wanted = chars(folded), best = "";
    var bestDistance = Math.max(1, Math.floor(width(name) / 3)) + 1;
    candidates.forEach(function (candidate) {
      var d = editDistance(wanted, chars(candidate));
      if (d < bestDistance) { best = candidate; bestDistance = d; }
    });
    if (!best && width(name) >= 3) {
      best = candidates.filter(function (c) { return c.indexOf(folded) === 0; })[0] || "";
    }
    return best ? " (did you mean '" + best + "'?)" : "";
  }

  function tokens(text) {  // [token, column] pairs: split at spaces outside quotes
    var cs = chars(text), out = [], start = -1, quoted = false;
    for (var i = 0; i < cs.length; i++) {
      if (cs[i] === '"') quoted = !quoted;
      if (!quoted && isIn(SPACES, cs[i])) {
        if (start >= 0) { out.push([cs.slice(start, i).join(""), start + 1]); start = -1; }
      } else if (start < 0) start = i;
    }
    if (start >= 0) out.push([cs.slice(start).join(""), start + 1]);
    return out;
  }

  function outsideQuotes(rest, needle) {  // index (in characters) of needle outside quotes
    var cs = chars(rest), quoted = false;
    for (var i = 0; i < cs.length; i++) {
      if (cs[i] === '"') quoted = !quoted;
      else if (!quoted && cs.slice(i, i + needle.length).join("") === needle) return i;
    }
    return -1;
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

  function unquote(v) { return v.replace(/"/g, ""); }

  function number(part, column) {
    var n = quantity(unquote(part), true);
    if (n === null) throw new QueryError("'" + part + "' is not a number", column);
    return n;
  }

  function parseTerm(meta, token, column) {
    var negate = token.length > 1 && token[0] === "-";
    var body = negate ? token.slice(1) : token;
    var col = column + (negate ? 1 : 0);
    var colon = body.indexOf(":");
    var name = colon < 0 ? "" : body.slice(0, colon);
    if (colon < 0 || name.charAt(0) === '"') {
      return { field: "text", values: [fold(unquote(body))], negate: negate, op: "=", numbers: [] };
    }
    if (!name) throw new QueryError("missing field name before ':'", col);
    var special = SPECIAL.indexOf(name) >= 0;
    var field = special ? name : canonical(meta, name);
    if (field === null) throw new QueryError("unknown field '" + name + "'" + suggest(meta, name), col);
    var rest = body.slice(colon + 1), vcol = col + width(name) + 1, i, v;
    if (!rest) throw new QueryError("missing value after '" + name + ":'", vcol);
    if (!special) {  // has:, uses: and text: take their values literally
      for (i = 0; i < OPS.length; i++) {
        var op = OPS[i];
        if (rest.indexOf(op) === 0) {
          var operand = rest.slice(op.length);
          if (!operand) throw new QueryError("missing number after '" + op + "'", vcol + op.length);
          var bound = number(operand, vcol + op.length);
          return { field: field, values: [operand], negate: negate, op: op, numbers: [bound] };
        }
      }
      var dots = outsideQuotes(rest, "..");
      if (dots >= 0) {
        var cs = chars(rest), low = cs.slice(0, dots).join(""), high = cs.slice(dots + 2).join("");
        var ends = [low ? number(low, vcol) : null, high ? number(high, vcol + dots + 2) : null];
        return { field: field, values: [low, high], negate: negate, op: "..", numbers: ends };
      }
    }
    var values = splitValues(rest).map(function (x) { return fold(unquote(x)); });
    if (values.some(function (x) { return !x; })) throw new QueryError("empty value in '" + rest + "'", vcol);
    for (i = 0; i < values.length; i++) {
      v = values[i];
      if (field === "year" && !/^[0-9]+$/.test(v)) throw new QueryError("'" + v + "' is not a year", vcol);
      if (field === "has" && canonical(meta, v) === null && meta.links.indexOf(v) < 0 &&
          meta.relations.indexOf(v) < 0) {
        throw new QueryError("'has:" + v + "' names no field, link or relation", vcol);
      }
    }
    var numbers = special ? [] : values.map(function (x) { return quantity(x, true); });
    return { field: field, values: values, negate: negate, op: "=", numbers: numbers };
  }

  function parse(meta, text) {
    var quotes = (text.match(/"/g) || []).length;
    if (quotes % 2) throw new QueryError("unclosed quote", width(text.slice(0, text.lastIndexOf('"'))) + 1);
    return tokens(text).map(function (t) { return parseTerm(meta, t[0], t[1]); });
  }

  // ------------------------------------------------------------------ matching
  function strings(value) {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value.map(String);
    if (typeof value === "object") return Object.keys(value);
    return [String(value)];
  }

  function isEmpty(v) {
    return v === undefined || v === null || v === "" ||
      (typeof v === "object" && Object.keys(v).length === 0);
  }

  function has(meta, e, v) {
    if (meta.links.indexOf(v) >= 0 && (get(e, "links") || []).indexOf(v) >= 0) return true;
    if (meta.relations.indexOf(v) >= 0 && own(get(e, "relations") || {}, v)) return true;
    var c = canonical(meta, v);
    return c !== null && !isEmpty(get(e, c));
  }

  // The folded texts that bare words search, kept per entry object (entries are data, never
  // changed): a page that filters as the reader types runs query after query over the same
  // entries, and folding their texts again each time was most of the time a keystroke took.
  var folded = typeof WeakMap === "function" ? new WeakMap() : null;
  function texts(meta, e) {
    var kept = folded && folded.get(e);
    if (kept && kept.meta === meta) return kept.texts;
    var out = [];
    meta.text.forEach(function (name) {
      strings(get(e, name)).forEach(function (s) { out.push(fold(s)); });
    });
    if (folded) folded.set(e, { meta: meta, texts: out });
    return out;
  }

  function termMatches(meta, t, e) {
    var vs = t.values, f = t.field;
    function any(list, test) {
      return vs.some(function (v) { return list.some(function (s) { return test(v, s); }); });
    }
    if (f === "text") return any(texts(meta, e), function (v, s) { return s.indexOf(v) >= 0; });
    if (f === "has") return vs.some(function (v) { return has(meta, e, v); });
    if (f === "uses") {
      var rel = get(e, "relations") || {}, targets = [];
      Object.keys(rel).forEach(function (k) { targets = targets.concat(rel[k]); });
      return vs.some(function (v) { return targets.indexOf(v) >= 0; });
    }
    var value = get(e, f);
    if (t.op !== "=") {
      var n = quantity(value);
      if (n === null) return false;
      if (t.op === "..") {
        var lo = t.numbers[0], hi = t.numbers[1];
        return (lo === null || n >= lo) && (hi === null || n <= hi);
      }
      return COMPARE[t.op](n, t.numbers[0]);
    }
    var have = strings(value);
    if (f === "links" || f === "relations") return vs.some(function (v) { return have.indexOf(v) >= 0; });
    have = have.map(fold);
    if (f === "categories" || f === "top_category") {
      return any(have, function (v, c) { return c === v || c.indexOf(v + ".") === 0; });
    }
    if (typeof value === "number") return t.numbers.some(function (x) { return x === value; });
    if (meta.substring.indexOf(f) >= 0) return any(have, function (v, s) { return s.indexOf(v) >= 0; });
    return any(have, glob);
  }

  function matches(meta, terms, e) {
    return terms.every(function (t) { return termMatches(meta, t, e) !== t.negate; });
  }

  // ------------------------------------------------------------------ hints
  // The twin of query_hints.never_matching: a message for each value of a positive "=" term
  // that no entry can have. `known` maps a field to every value it can match (known_values()
  // of catalog/query_hints.py, plus "uses": the entries' ids); other fields are never reported.
  function hints(terms, known) {
    var out = [];
    terms.forEach(function (t) {
      var values = t.negate || t.op !== "=" ? null : get(known, t.field);
      if (!values) return;
      t.values.forEach(function (v) {
        if (/[*?]/.test(v) || values.indexOf(v) >= 0) return;
        out.push(t.field + ":" + v + " matches nothing: no such value" + nearest(v, values));
      });
    });
    return out;
  }

  root.vlmcatQuery = {
    parse: parse,
    matches: matches,
    hints: hints,
    tokens: tokens,
    quantity: quantity,
    glob: glob,
    QueryError: QueryError
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
