/* sphinx-vlmcatalog entry pages: a button that copies an entry's BibTeX record.
 * Progressive enhancement: without this script the record is in the page to select and copy.
 * The button sits in a bar above the record (never over its first line); its label says
 * "Copied" for two seconds, and a live region tells screen readers what happened. */
(function () {
  "use strict";

  var LABEL = "Copy BibTeX";
  var RESET_MS = 2000;

  function selectText(pre) {
    var range = document.createRange();
    range.selectNodeContents(pre);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // file:// pages are not a secure context: copy the selection the old way
  function copySelected(pre) {
    selectText(pre);
    try {
      return document.execCommand("copy");
    } catch (e) {
      return false;
    }
  }

  function setupCopy(block) {
    var pre = block.querySelector("pre");
    if (!pre || block.querySelector(".vlmcat-copybar")) return;
    var bar = document.createElement("div");
    bar.className = "vlmcat-copybar";
    var status = document.createElement("span");
    status.className = "vlmcat-copied";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "vlmcat-copy";
    button.textContent = LABEL;
    var timer = null;

    function report(ok) {
      button.textContent = ok ? "Copied" : LABEL;
      status.textContent = ok ? "BibTeX copied to the clipboard" : "Selected: press Ctrl+C to copy";
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(function () {
        button.textContent = LABEL;
        status.textContent = "";
        timer = null;
      }, ok ? RESET_MS : 2 * RESET_MS);
    }

    button.addEventListener("click", function () {
      var text = pre.textContent.replace(/\s+$/, "") + "\n";
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { report(true); },
          function () { report(copySelected(pre)); }
        );
      } else report(copySelected(pre));
    });
    bar.appendChild(status);
    bar.appendChild(button);
    block.insertBefore(bar, block.firstChild);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".vlmcat-bibtex"), setupCopy);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
