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

/* htmx 2 swaps no 4xx/5xx answer. Our error pages (a booking error, a refused form) ask for the
   whole body with HX-Retarget: swap those, as the page they are, instead of doing nothing. */
document.addEventListener("htmx:beforeSwap", function (event) {
  var xhr = event.detail.xhr;
  if (xhr.status >= 400 && xhr.getResponseHeader("HX-Retarget") === "body") {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

/* Offer the browser's own time zone on the calendar (the select works without this). */
(function () {
  "use strict";
  function offerZone(root) {
    var select = root.querySelector("select[data-detect-zone]");
    var button = root.querySelector("[data-use-my-zone]");
    if (!select || !button || !window.Intl || button.dataset.zoneOffered) return;
    button.dataset.zoneOffered = "1";
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
  // Not before the first paint: the page's first Intl call loads the browser's time zone data
  // (about 100 ms of main thread at a 4x CPU slowdown), and showing the button lays the page out
  // again. Run at DOMContentLoaded, both held back the frame that shows the times.
  document.addEventListener("DOMContentLoaded", function () {
    window.requestAnimationFrame(function () {
      window.setTimeout(function () { offerZone(document); }, 0);
    });
  });
  document.addEventListener("htmx:afterSettle", function (event) { offerZone(event.target); });
})();

/* Keep keyboard focus in place when htmx replaces a region: choosing a day or a month swaps the
   whole calendar, and re-shown details errors swap the form, which would otherwise drop focus
   back to the top of the page. */
(function () {
  "use strict";
  var restore = null;
  var tapped = false;  // a day chosen by pointer (tap, click): show its times, not the grid
  document.addEventListener("pointerdown", function (event) {
    tapped = !!(event.target.closest && event.target.closest(".month-grid a"));
  });
  document.addEventListener("keydown", function () { tapped = false; });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var active = document.activeElement;
    var target = event.detail.target;
    restore = null;
    if (!target || !active || !target.contains(active)) return;
    var rel = active.getAttribute("rel");
    if (rel === "prev" || rel === "next") restore = ["a[rel=" + rel + "]", ".month-grid a[aria-current]"];
    else if (target.id === "calendar" && tapped && active.closest(".month-grid")) restore = ["#day-heading"];
    else if (target.id === "calendar") restore = [".month-grid a[aria-current]", ".month-grid a"];
    else if (target.id === "details-form") restore = ["#details-form [aria-invalid=true]"];
  });
  document.addEventListener("htmx:afterSettle", function () {
    var selectors = restore;
    restore = null;
    if (!selectors || (document.activeElement && document.activeElement !== document.body)) return;
    for (var i = 0; i < selectors.length; i++) {
      var element = document.querySelector(selectors[i]);
      if (element && element.id === "day-heading") {
        // Scroll the day's times up into view, then focus their heading without a second jump.
        element.tabIndex = -1;
        element.scrollIntoView({ block: "start" });
        element.focus({ preventScroll: true });
        return;
      }
      if (element) { element.focus(); return; }
    }
  });
})();

/* The month grid as one Tab stop (WAI-ARIA grid, roving tabindex): arrow keys move between the
   days with times, Home/End to the week's ends, Enter follows the day's link. Without this the
   days are plain links, one Tab stop each. */
(function () {
  "use strict";
  function dateOf(link) { return link.getAttribute("href").split("date=")[1].slice(0, 10); }
  function shifted(iso, days) {
    var d = new Date(iso + "T12:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }
  function enhance(root) {
    var grid = root.querySelector ? root.querySelector("table.month-grid") : null;
    if (!grid && root.matches && root.matches("table.month-grid")) grid = root;
    if (!grid || grid.dataset.roving) return;
    var links = Array.prototype.slice.call(grid.querySelectorAll("a[href*='date=']"));
    if (!links.length) return;
    grid.dataset.roving = "1";
    grid.setAttribute("role", "grid");
    var current = grid.querySelector("a[aria-current]") || links[0];
    links.forEach(function (link) { link.tabIndex = link === current ? 0 : -1; });
    grid.addEventListener("keydown", function (event) {
      var from = links.indexOf(document.activeElement);
      if (from < 0) return;
      var to = -1, iso = dateOf(links[from]);
      if (event.key === "ArrowRight") to = from + 1;
      else if (event.key === "ArrowLeft") to = from - 1;
      else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        // The day a week on (or back), else the nearest day with times in that direction.
        var week = event.key === "ArrowDown" ? 7 : -7, wanted = shifted(iso, week);
        for (var i = 0; i < links.length; i++) {
          var step = week > 0 ? i : links.length - 1 - i, d = dateOf(links[step]);
          if (week > 0 ? d >= wanted : d <= wanted) { to = step; break; }
        }
      } else if (event.key === "Home" || event.key === "End") {
        var row = links[from].closest("tr");
        var inRow = links.filter(function (l) { return l.closest("tr") === row; });
        to = links.indexOf(event.key === "Home" ? inRow[0] : inRow[inRow.length - 1]);
      } else return;
      event.preventDefault();
      if (to < 0 || to >= links.length) return;
      links[from].tabIndex = -1;
      links[to].tabIndex = 0;
      links[to].focus();
    });
  }
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
})();
