/* Owner links page: "Copy" buttons for the snippets (the text boxes work without this). */
(function () {
  "use strict";
  function copy(button) {
    var box = document.getElementById(button.dataset.copy);
    var status = button.parentNode.querySelector(".copy-status");
    function done(ok) { if (status) status.textContent = ok ? "Copied." : "Press Ctrl+C to copy."; }
    box.focus();
    box.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).then(function () { done(true); }, function () { done(false); });
    } else {
      done(document.execCommand && document.execCommand("copy"));
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  });
})();
