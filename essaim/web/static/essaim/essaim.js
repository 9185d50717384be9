// Essaim — small progressive enhancements, hooked on data-* attributes (no inline JS: strict CSP).
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function submit(form) {
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  // After an htmx swap that removed the focused element (a pagination link, say), move the
  // focus to the new content marked data-focus-after-swap instead of losing it.
  document.addEventListener("htmx:afterSettle", function () {
    if (document.activeElement && document.activeElement !== document.body) return;
    var target = document.querySelector("[data-focus-after-swap]");
    if (target) target.focus();
  });

  // <input data-clear-ref="#id">: typing invalidates the territory chosen from a suggestion.
  document.addEventListener("input", function (event) {
    var el = event.target;
    var selector = el.getAttribute && el.getAttribute("data-clear-ref");
    if (!selector) return;
    var ref = document.querySelector(selector);
    if (ref) ref.value = "";
  });

  // Suggestion buttons: <button data-fill-target="#place" data-fill-value="Montpellier"
  //   data-fill-ref="#territory" data-fill-ref-value="commune:34172" data-fill-submit>
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-fill-target]");
    if (!button) return;
    event.preventDefault();
    var input = document.querySelector(button.getAttribute("data-fill-target"));
    if (!input) return;
    input.value = button.getAttribute("data-fill-value");
    var ref = button.getAttribute("data-fill-ref") && document.querySelector(button.getAttribute("data-fill-ref"));
    if (ref) ref.value = button.getAttribute("data-fill-ref-value") || "";
    var list = button.closest("[data-suggestions]");
    if (list) list.innerHTML = "";
    input.focus();
    if (input.form && button.hasAttribute("data-fill-submit")) submit(input.form);
  });

  // Escape closes a suggestion list.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var lists = document.querySelectorAll("[data-suggestions]");
    for (var i = 0; i < lists.length; i++) lists[i].innerHTML = "";
  });

  // A wide table scrolls inside its own box (.table-wrap, .table-scroll): when it does, the box
  // takes the keyboard focus (arrow keys scroll it) and is named after the table's caption.
  // Templates may set tabindex/role themselves; this covers every other table.
  function focusableScrollers(root) {
    var boxes = (root || document).querySelectorAll(".table-wrap:not([tabindex]), .table-scroll:not([tabindex])");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth <= box.clientWidth) continue;
      box.setAttribute("tabindex", "0");
      if (!box.hasAttribute("role")) box.setAttribute("role", "region");
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
        var caption = box.querySelector("caption");
        var name = caption ? caption.textContent.trim() : "";
        box.setAttribute("aria-label", name || (document.documentElement.lang === "en" ? "Table" : "Tableau"));
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { focusableScrollers(); });
  } else {
    focusableScrollers();
  }
  window.addEventListener("resize", function () { focusableScrollers(); });
  document.addEventListener("htmx:afterSettle", function () { focusableScrollers(); });

  // [data-copy="#id"]: copy the text of an element to the clipboard (API token shown once).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button || !navigator.clipboard) return;
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (source) navigator.clipboard.writeText(source.textContent.trim());
  });
})();
