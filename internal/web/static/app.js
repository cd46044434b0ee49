// budaya's own script: no inline script anywhere (the CSP forbids it).
(function () {
  "use strict";
  // htmx requests carry the session's CSRF token.
  document.addEventListener("htmx:configRequest", function (e) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) { e.detail.headers["X-CSRF-Token"] = meta.content; }
  });
  // Buttons with data-confirm ask before submitting.
  document.addEventListener("click", function (e) {
    var el = e.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) { e.preventDefault(); }
  });
})();
