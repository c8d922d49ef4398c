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
