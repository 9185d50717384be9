// Orientation: small enhancements hooked on data-* attributes (no inline JS: strict CSP).
(function () {
  "use strict";
  // [data-print]: shown only when JS runs (the browser's own print works without it).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // [data-copy-value="#id"]: copy an input's value (the shareable results address).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy-value]");
    if (!button) return;
    var input = document.querySelector(button.getAttribute("data-copy-value"));
    if (!input) return;
    input.select();
    if (navigator.clipboard) navigator.clipboard.writeText(input.value);
  });
  // After htmx replaces a wizard step, move the focus to its heading (screen readers, keyboard).
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var heading = event.detail.target && document.querySelector("#wizard [data-step-heading]");
    if (heading) heading.focus();
  });
})();
