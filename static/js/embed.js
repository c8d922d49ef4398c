/* Booking site embed helper, optional, for the owner's page: sizes our iframe to its content,
   brings its top into view at each new step, and opens the booking's checkout in this window
   (telling us this page, for the way back). Trusts messages from our own origin only. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) return;
  var origin = new URL(me.src, location.href).origin;

  function frameOf(source) {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || typeof data.type !== "string") return;
    var frame = frameOf(event.source);
    if (!frame) return;
    if (data.type === "booking-site:height" && data.height > 0 && data.height < 50000) {
      frame.style.height = Math.ceil(data.height) + "px";
    } else if (data.type === "booking-site:navigate" && typeof data.url === "string" &&
               data.url.indexOf(origin + "/") === 0) {
      var url = new URL(data.url);
      url.searchParams.set("back", location.href.split("#")[0]);  // "Back to this page" later
      window.location.assign(url.href);
    } else if (data.type === "booking-site:step") {
      // A new step loaded in the frame: show its top, as a page of its own would be.
      var top = frame.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight / 2) frame.scrollIntoView({ block: "start" });
    } else if (data.type === "booking-site:booked") {
      frame.dispatchEvent(new CustomEvent("booking-site:booked", { bubbles: true, detail: data }));
    }
  });
})();
