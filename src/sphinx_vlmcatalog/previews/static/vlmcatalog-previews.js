/* sphinx-vlmcatalog entry previews: a small card over every mention of a catalog entry.
 * Progressive enhancement: without this script every mention is still a link to the entry.
 * Mentions are links classed vlmcat-mention and vlmcat-mention-<id>; the page's JSON data
 * (script#vlmcat-previews-data) holds each mentioned entry's title, authors, venue, year,
 * one-line summary and paper/code links, which go into the card as text only.
 *
 * - Pointer: the card opens after a short delay and stays open while the pointer is over the
 *   mention or the card, so its links can be clicked.
 * - Keyboard: focusing a mention opens it after the same delay (and describes the link at
 *   once); while it is open, Tab moves into its links, since it sits right after the mention;
 *   Escape closes it and gives the focus back to the mention.
 * - Touch: a first tap opens the card, with an "Open" link to where the mention leads; a
 *   second tap on the mention (or Open) follows it; a tap elsewhere closes the card.
 * The card is position: fixed, so opening it moves nothing on the page; it stays inside the
 * viewport and opens above the mention when there is no room below.
 */
(function () {
  "use strict";

  var DELAY = 300; // ms before a hovered or focused mention opens its card
  var GRACE = 250; // ms the card stays after the pointer leaves, to reach it
  var MARGIN = 8; // px kept free between the card and the viewport's edges
  var GAP = 6; // px between the mention and the card
  var PREFIX = "vlmcat-mention-";

  var dataElement = document.getElementById("vlmcat-previews-data");
  if (!dataElement) return;
  var entries;
  try { entries = JSON.parse(dataElement.textContent); } catch (e) { return; }

  var card = null, current = null, openTimer = 0, closeTimer = 0;
  var lastPointer = "mouse", tapped = null;

  function keyOf(link) {
    for (var i = 0; i < link.classList.length; i++) {
      var name = link.classList[i];
      if (name.indexOf(PREFIX) === 0) return name.slice(PREFIX.length);
    }
    return null;
  }

  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : ""; }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function makeCard() {
    card = element("div", "vlmcat-preview");
    card.id = "vlmcat-preview";
    card.setAttribute("role", "dialog");
    card.hidden = true;
    card.addEventListener("pointerenter", function () { clearTimeout(closeTimer); });
    card.addEventListener("pointerleave", function (event) {
      if (event.pointerType !== "touch") scheduleClose();
    });
    card.addEventListener("focusout", onFocusOut);
    return card;
  }

  function link(text, href, className) {
    var a = element("a", className, text);
    a.href = href;
    return a;
  }

  function fill(mention, info, withOpen) {
    card.textContent = "";
    var name = info.short && info.title.indexOf(info.short) < 0 ? info.short : "";
    card.setAttribute("aria-label", "Preview: " + (name || info.title));
    if (name) card.appendChild(element("p", "vlmcat-preview-short", name));
    card.appendChild(element("p", "vlmcat-preview-title", info.title));
    var where = [info.kind, info.venue, info.year].filter(Boolean).join(" \u00b7 ");
    if (where) card.appendChild(element("p", "vlmcat-preview-meta", where));
    if (info.authors) card.appendChild(element("p", "vlmcat-preview-authors", info.authors));
    if (info.summary) card.appendChild(element("p", "vlmcat-preview-summary", info.summary));
    var links = element("p", "vlmcat-preview-links");
    [["Paper", safeUrl(info.paper)], ["Code", safeUrl(info.code)]].forEach(function (pair) {
      if (pair[1]) links.appendChild(link(pair[0], pair[1], "vlmcat-preview-link"));
    });
    if (withOpen) {
      links.appendChild(link("Open \u2192", mention.getAttribute("href"), "vlmcat-preview-open"));
    }
    if (links.childNodes.length) card.appendChild(links);
  }

  // ---------------------------------------------------------------- open, place, close
  function open(mention, withOpen) {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    var info = entries[keyOf(mention)];
    if (!info) return;
    if (current && current !== mention) close();
    if (!card) makeCard();
    fill(mention, info, withOpen);
    // right after the mention: Tab goes from it into the card's links, then on
    if (mention.nextSibling !== card) mention.parentNode.insertBefore(card, mention.nextSibling);
    current = mention;
    mention.setAttribute("aria-describedby", card.id);
    mention.setAttribute("aria-controls", card.id);
    mention.setAttribute("aria-expanded", "true");
    card.hidden = false;
    place();
  }

  function close() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    openTimer = 0;
    if (!current) return;
    // no aria-expanded="false" on closed mentions: every link of a chapter would be
    // announced as "collapsed"; only the open one says it is expanded
    current.removeAttribute("aria-expanded");
    current.removeAttribute("aria-controls");
    current.removeAttribute("aria-describedby");
    card.hidden = true;
    current = null;
    tapped = null;
  }

  function scheduleOpen(mention) {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (current === mention) return;
    openTimer = setTimeout(function () { openTimer = 0; open(mention, false); }, DELAY);
  }

  function scheduleClose() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    closeTimer = setTimeout(close, GRACE);
  }

  function anchorRect(mention) {
    var rects = mention.getClientRects();
    return rects.length ? rects[0] : mention.getBoundingClientRect();
  }

  function place() {
    if (!current) return;
    var rect = anchorRect(current);
    var width = window.innerWidth, height = window.innerHeight;
    if (rect.bottom < 0 || rect.top > height) { close(); return; }
    card.style.maxWidth = Math.max(0, width - 2 * MARGIN) + "px";
    card.style.left = "0px";
    card.style.top = "0px";
    var box = card.getBoundingClientRect();
    var left = Math.min(Math.max(MARGIN, rect.left), width - box.width - MARGIN);
    var top = rect.bottom + GAP;
    var above = rect.top - GAP - box.height;
    if (top + box.height > height - MARGIN && above >= MARGIN) top = above;
    card.classList.toggle("vlmcat-preview-above", top === above);
    card.style.left = Math.max(MARGIN, left) + "px";
    card.style.top = Math.max(MARGIN, top) + "px";
  }

  function onFocusOut(event) {
    var to = event.relatedTarget;
    if (current && (!to || (to !== current && !card.contains(to)))) close();
  }

  // ---------------------------------------------------------------- the mentions
  function setUp(mention) {
    if (!entries[keyOf(mention)]) return;
    // the card says more than the title tooltip, which would cover it
    mention.removeAttribute("title");
    mention.addEventListener("pointerenter", function (event) {
      if (event.pointerType !== "touch") scheduleOpen(mention);
    });
    mention.addEventListener("pointerleave", function (event) {
      if (event.pointerType !== "touch") scheduleClose();
    });
    mention.addEventListener("focus", function () {
      // keyboard focus only: a click or tap focuses the link too
      var keyboard = true;
      try { keyboard = mention.matches(":focus-visible"); } catch (e) { /* old browsers */ }
      if (!keyboard) return;
      // described at once (the card's text, still hidden); shown after the delay, so that
      // tabbing quickly past mentions does not open card after card
      if (current && current !== mention) close();
      if (current !== mention) fill(mention, entries[keyOf(mention)], false);
      mention.setAttribute("aria-describedby", card.id);
      scheduleOpen(mention);
    });
    mention.addEventListener("blur", function (event) {
      if (current !== mention) mention.removeAttribute("aria-describedby");
      onFocusOut(event);
    });
    mention.addEventListener("click", function (event) {
      if (lastPointer !== "touch" || tapped === mention) return; // a second tap follows it
      event.preventDefault();
      open(mention, true);
      tapped = mention;
    });
  }

  document.body.appendChild(makeCard());
  Array.prototype.forEach.call(document.querySelectorAll("a.vlmcat-mention"), setUp);

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (!current || event.pointerType !== "touch") return;
    if (event.target === current || current.contains(event.target)) return;
    if (!card.contains(event.target)) close(); // a tap elsewhere
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !(current || openTimer)) return;
    var mention = current;
    var inside = card && card.contains(document.activeElement);
    close();
    if (inside && mention) mention.focus();
  });
  window.addEventListener("resize", place);
  // capture: a table's own scroll box scrolls too
  document.addEventListener("scroll", function () { if (current) place(); }, true);
})();
