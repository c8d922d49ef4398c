/* Small enhancements on top of working HTML: nothing here is needed to book. */
(function () {
  "use strict";

  // Disable a form's submit buttons once it is sent, so a double click cannot submit twice,
  // and show the form's progress message (the server also refuses duplicate submits).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-once")) return;
    if (form.dataset.sent === "1") { event.preventDefault(); return; }
    form.dataset.sent = "1";
    // Disable after the browser has built the form data, so the clicked button's value is sent.
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.setAttribute("aria-disabled", "true");
        button.disabled = true;
      });
    }, 0);
    var progress = form.querySelector("[data-progress]");
    if (progress) progress.hidden = false;
  });

  // Pages restored from the back/forward cache must accept a new submit.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.dataset.sent = "";
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = false;
        button.removeAttribute("aria-disabled");
      });
    });
  });
})();

/* Offer the browser's own time zone on the calendar (the select works without this). */
(function () {
  "use strict";
  function offerZone(root) {
    var select = root.querySelector("select[data-detect-zone]");
    var button = root.querySelector("[data-use-my-zone]");
    if (!select || !button || !window.Intl) return;
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === select.dataset.current) return;
    if (!Array.prototype.some.call(select.options, function (o) { return o.value === zone; })) {
      select.add(new Option(zone.replace(/_/g, " "), zone));
    }
    button.textContent = button.textContent + " (" + zone.replace(/_/g, " ") + ")";
    button.hidden = false;
    button.addEventListener("click", function () {
      select.value = zone;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      if (!window.htmx) select.form.submit();
    });
  }
  document.addEventListener("DOMContentLoaded", function () { offerZone(document); });
  document.addEventListener("htmx:afterSettle", function (event) { offerZone(event.target); });
})();

/* Keep keyboard focus in place when htmx replaces a region: choosing a day or a month swaps the
   whole calendar, and re-shown details errors swap the form, which would otherwise drop focus
   back to the top of the page. */
(function () {
  "use strict";
  var restore = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var active = document.activeElement;
    var target = event.detail.target;
    restore = null;
    if (!target || !active || !target.contains(active)) return;
    var rel = active.getAttribute("rel");
    if (rel === "prev" || rel === "next") restore = ["a[rel=" + rel + "]", ".month-grid a[aria-current]"];
    else if (target.id === "calendar") restore = [".month-grid a[aria-current]", ".month-grid a"];
    else if (target.id === "details-form") restore = ["#details-form [aria-invalid=true]"];
  });
  document.addEventListener("htmx:afterSettle", function () {
    var selectors = restore;
    restore = null;
    if (!selectors || (document.activeElement && document.activeElement !== document.body)) return;
    for (var i = 0; i < selectors.length; i++) {
      var element = document.querySelector(selectors[i]);
      if (element) { element.focus(); return; }
    }
  });
})();
