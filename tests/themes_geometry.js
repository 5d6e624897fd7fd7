// Geometry and colour probes for tests/test_themes.py, evaluated in the page as one function
// expression that returns an object of helpers: (() => ({...}))().
(() => {
  const px = (value) => parseFloat(value) || 0;

  // ------------------------------------------------------------ colours
  // any CSS colour (rgb(), color(srgb ...), oklch(), names) as [r, g, b, a], read back from a
  // canvas, so that whatever syntax a theme uses is understood
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  function rgba(colour) {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0, 0, 0, 0)";
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  }
  function over(top, below) {
    const a = top[3] + below[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (i) => (top[i] * top[3] + below[i] * below[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  }
  // the colour behind an element: its background and its ancestors', composited over the canvas
  function background(el) {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      layers.push(rgba(getComputedStyle(node).backgroundColor));
    }
    const scheme = getComputedStyle(document.documentElement).colorScheme || "";
    let colour = scheme.includes("dark") && !scheme.includes("light")
      ? [18, 18, 18, 1] : [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
  }
  function luminance(c) {
    const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  }
  function contrast(el) {
    const bg = background(el);
    const fg = over(rgba(getComputedStyle(el).color), bg);
    const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  }

  // ------------------------------------------------------------ boxes
  function visible(el) {
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }
  function contentBox(el) {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return {
      left: r.left + px(s.borderLeftWidth) + px(s.paddingLeft),
      right: r.right - px(s.borderRightWidth) - px(s.paddingRight),
    };
  }
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  // a visible cue that the scroller hides columns: one of its box's edge shadows shows, or the
  // table's "scrolls sideways" hint
  function cued(scroller) {
    // a lineage figure's box: a shadow on the edge, as its background (pure CSS)
    if (scroller.classList.contains("vlmcat-lineage-scroll")) {
      return getComputedStyle(scroller).backgroundImage.includes("gradient");
    }
    const box = scroller.closest(".vlmcat-table-box");
    if (!box) return false;
    const shadow = ["::before", "::after"].some((p) => {
      const s = getComputedStyle(box, p);
      return s.content !== "none" && px(s.opacity) > 0.5 && s.backgroundImage !== "none"
        && px(s.width) > 0;
    });
    const controls = box.previousElementSibling;
    const hint = controls && controls.querySelector(".vlmcat-scroll-hint");
    return shadow && !!hint && visible(hint);
  }

  function ancestors(el) {
    const found = [];
    for (let a = el.parentElement; a && !a.matches("article, [role=main], body"); a = a.parentElement) {
      found.push(a);
    }
    return found;
  }

  // words of the elements matching `selector` that are split over two lines (a break after a
  // hyphen or a slash is a break between words)
  function splitWords(selector) {
    const split = [];
    for (const el of document.querySelectorAll(selector)) {
      if (!visible(el)) continue;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const re = /[^\s\-\/]+/g;
        for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
          if (tops.size > 1) split.push(m[0]);
        }
      }
    }
    return split;
  }

  return {
    splitWords,
    // the state of a catalog table's box (by the table's id)
    box(id) {
      const table = document.querySelector("table#" + id);
      const box = table.closest(".vlmcat-table-box"), scroller = table.closest(".vlmcat-scroll");
      const hint = box.previousElementSibling.querySelector(".vlmcat-scroll-hint");
      return {
        classes: Array.from(box.classList),
        overflows: scroller.scrollWidth > scroller.clientWidth + 1,
        scrollsX: scrolls(scroller),
        tabindex: scroller.getAttribute("tabindex"),
        maxHeight: getComputedStyle(scroller).maxHeight,
        hint: !!hint && visible(hint),
        cued: cued(scroller),
      };
    },
    contrast,
    background: (el) => background(el),
    // elements of `column` that reach past its content box, unless an ancestor inside it
    // scrolls sideways, fits, and shows a cue
    overflowing(columnSelector, skip) {
      const column = document.querySelector(columnSelector);
      if (!column) return ["no content column " + columnSelector];
      const c = contentBox(column), bad = [];
      for (const el of column.querySelectorAll("*")) {
        if (skip && el.matches(skip)) continue;
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.left >= c.left - 1 && r.right <= c.right + 1) continue;
        let ok = false;
        for (let a = el.parentElement; a && a !== column; a = a.parentElement) {
          if (!scrolls(a)) continue;
          const ar = a.getBoundingClientRect();
          if (ar.left >= c.left - 1 && ar.right <= c.right + 1 && cued(a)) ok = true;
          break;
        }
        if (!ok) {
          const name = el.tagName.toLowerCase() + (el.className && typeof el.className === "string"
            ? "." + el.className.trim().split(/\s+/).join(".") : "");
          bad.push(`${name} [${Math.round(r.left)}, ${Math.round(r.right)}] outside `
            + `[${Math.round(c.left)}, ${Math.round(c.right)}]: ${el.textContent.trim().slice(0, 40)}`);
        }
      }
      return bad;
    },
    cards(selector) {
      return Array.from(document.querySelectorAll(selector)).map((card) => {
        const body = card.querySelector(".sd-card-body"), s = getComputedStyle(body);
        const r = card.getBoundingClientRect(), out = [];
        for (const el of card.querySelectorAll("*")) {
          if (!visible(el)) continue;
          const e = el.getBoundingClientRect();
          if (e.left < r.left - 1 || e.right > r.right + 1) out.push(el.textContent.trim().slice(0, 40));
        }
        return {
          title: card.getAttribute("aria-label") || card.textContent.trim().slice(0, 20),
          left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width,
          padding: [s.paddingTop, s.paddingRight, s.paddingBottom, s.paddingLeft].map(px),
          scrolls: card.scrollWidth > card.clientWidth + 1 || body.scrollWidth > body.clientWidth + 1,
          outside: out,
          // sphinx-design's wrappers (and ours) never carry the class Bootstrap and furo restyle
          containers: [card, ...ancestors(card)].filter((el) => el.classList.contains("container"))
            .map((el) => el.className),
        };
      });
    },
  };
})()
