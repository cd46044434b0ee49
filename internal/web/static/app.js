// budaya's own script: no inline script anywhere (the CSP forbids it).
(function () {
  "use strict";
  // htmx requests carry the session's CSRF token.
  document.addEventListener("htmx:configRequest", function (e) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) { e.detail.headers["X-CSRF-Token"] = meta.content; }
  });
  // On a phone the main navigation folds behind a Menu button; without
  // script it simply stays open.
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("main-nav");
  if (toggle && nav) {
    document.documentElement.classList.add("js");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      nav.classList.toggle("open", !open);
    });
  }
  // Buttons with data-confirm ask before submitting.
  document.addEventListener("click", function (e) {
    var el = e.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) { e.preventDefault(); }
  });
  // A table wider than the screen scrolls inside its .scroll box. The box
  // takes the keyboard focus so that arrow keys scroll it (axe
  // scrollable-region-focusable), and is a named region for a screen reader:
  // named by the table's caption, else by the heading before it.
  // A chart scrolls only on a narrow screen: it takes the focus only then.
  function labelScrollBoxes(root) {
    var boxes = root.querySelectorAll ? root.querySelectorAll(".scroll, .chart") : [];
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.classList.contains("chart") && box.scrollWidth <= box.clientWidth) { return; }
      if (!box.hasAttribute("tabindex")) { box.setAttribute("tabindex", "0"); }
      if (!box.hasAttribute("role")) { box.setAttribute("role", "region"); }
      if (box.hasAttribute("aria-label") || box.hasAttribute("aria-labelledby")) { return; }
      var cap = box.querySelector("caption, svg title, figcaption");
      var label = cap ? cap.textContent : "";
      for (var el = box.previousElementSibling; !label && el; el = el.previousElementSibling) {
        if (/^H[1-6]$/.test(el.tagName)) { label = el.textContent; }
      }
      if (!label && box.parentElement) {
        var h = box.parentElement.querySelector("h1, h2, h3");
        if (h) { label = h.textContent; }
      }
      box.setAttribute("aria-label", (label || document.title).trim());
    });
  }
  labelScrollBoxes(document);
  document.addEventListener("htmx:afterSettle", function (e) { labelScrollBoxes(e.target); });
  // The answer form: "Terjawab n dari N" follows the rater's choices as they
  // go; a behaviour marked as not answered loses its mark once answered; a
  // form started before opens at the first behaviour not yet answered.
  var answerForm = document.querySelector(".answer-form");
  var progressLabel = document.getElementById("task-progress-label");
  var progress = document.getElementById("task-progress");
  if (answerForm && progressLabel && progress) {
    var updateProgress = function () {
      var n = parseInt(progressLabel.getAttribute("data-elsewhere"), 10) || 0;
      Array.prototype.forEach.call(answerForm.querySelectorAll("fieldset.behaviour"), function (fs) {
        if (fs.querySelector("input[type=radio]:checked")) {
          n++;
          if (fs.classList.contains("missing")) {
            fs.classList.remove("missing");
            fs.removeAttribute("aria-describedby");
            var msg = fs.querySelector(".field-error");
            if (msg) { msg.remove(); }
          }
        }
      });
      var total = progressLabel.getAttribute("data-total");
      progressLabel.textContent = progressLabel.getAttribute("data-template")
        .replace("1001", String(n)).replace("1002", total);
      progress.value = n;
    };
    answerForm.addEventListener("change", updateProgress);
    var resume = answerForm.getAttribute("data-resume");
    if (resume && !window.location.hash) {
      var target = document.getElementById(resume);
      if (target) { target.scrollIntoView(); target.focus({ preventScroll: true }); }
    }
  }
  // Kiosk (shared device): sign out by itself after a while without input, so
  // the next person never finds the previous one's page; a page shown again
  // from the back/forward cache is fetched anew (the server then answers with
  // the sign-in page once the session has ended).
  var kioskIdle = parseInt(document.body.getAttribute("data-kiosk-idle") || "0", 10);
  var kioskDone = document.getElementById("kiosk-done");
  if (kioskIdle > 0 && kioskDone) {
    var last = Date.now();
    var reset = function () { last = Date.now(); };
    ["keydown", "pointerdown", "input", "scroll", "touchstart"].forEach(function (ev) {
      document.addEventListener(ev, reset, { passive: true });
    });
    window.setInterval(function () {
      if ((Date.now() - last) / 1000 >= kioskIdle) { kioskDone.submit(); }
    }, 1000);
  }
  window.addEventListener("pageshow", function (e) {
    if (e.persisted && kioskIdle > 0) { window.location.reload(); }
  });
})();
