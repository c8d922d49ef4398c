/* Owner result page: a "Copy link" button for the payment link (the readonly field works
   without it: select the text and copy). */
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.querySelector("[data-copy-status]");
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () { if (status) status.textContent = "Link copied."; },
        function () { field.select(); if (status) status.textContent = "Press Ctrl+C (or ⌘C) to copy."; }
      );
    });
  });
})();
