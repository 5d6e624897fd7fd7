/* sphinx-vlmcatalog entry pages: a button that copies an entry's BibTeX record.
 * Progressive enhancement: without this script the record is in the page to select and copy. */
(function () {
  "use strict";

  function setupCopy(block) {
    var pre = block.querySelector("pre");
    if (!pre) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "vlmcat-copy";
    button.textContent = "Copy BibTeX";
    var status = document.createElement("span");
    status.className = "vlmcat-copied";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var text = pre.textContent.replace(/\s+$/, "") + "\n";
      function done(ok) {
        status.textContent = ok ? "Copied" : "Press Ctrl+C to copy";
        if (!ok) {
          var range = document.createRange();
          range.selectNodeContents(pre);
          window.getSelection().removeAllRanges();
          window.getSelection().addRange(range);
        }
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
      } else done(false);
    });
    block.insertBefore(status, block.firstChild);
    block.insertBefore(button, block.firstChild);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".vlmcat-bibtex"), setupCopy);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
