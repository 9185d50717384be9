// Essaim — small progressive enhancements, hooked on data-* attributes (no inline JS: strict CSP).
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // <select data-autosubmit>: submit the enclosing form on change (language switcher).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]") && el.form) {
      el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
    }
  });

  // <button data-fill-target="#id" data-fill-value="..."> : put a suggestion into a text field.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-fill-target]");
    if (!button) return;
    event.preventDefault();
    var input = document.querySelector(button.getAttribute("data-fill-target"));
    if (!input) return;
    input.value = button.getAttribute("data-fill-value");
    var list = button.closest("[data-suggestions]");
    if (list) list.innerHTML = "";
    input.focus();
    if (input.form && button.hasAttribute("data-fill-submit")) {
      input.form.requestSubmit ? input.form.requestSubmit() : input.form.submit();
    }
  });

  // [data-copy="#id"]: copy the text of an element to the clipboard (API token shown once).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button || !navigator.clipboard) return;
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (source) navigator.clipboard.writeText(source.textContent.trim());
  });
})();
