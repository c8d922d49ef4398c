/* Inside an owner's iframe (EMBED_ALLOWED_ORIGINS): tell the parent page our height and each new
   step, ask its embed.js to open Wix's checkout in the top window, and report a finished booking. Loaded only
   while embedding is on; messages go only to the allowed origins. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var meta = document.querySelector('meta[name="embed-origins"]');
  var origins = meta ? meta.content.split(/\s+/).filter(Boolean) : [];
  if (!origins.length) return;
  document.documentElement.classList.add("in-frame");

  function send(message) {
    // A parent on any other origin never receives it: postMessage checks targetOrigin.
    origins.forEach(function (origin) { window.parent.postMessage(message, origin); });
  }

  var last = 0;
  function reportHeight() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height && height !== last) {
      last = height;
      send({ type: "booking-site:height", height: height });
    }
  }

  function campaign(data) {
    var utm = {};
    Object.keys(data).forEach(function (key) {
      if (key.indexOf("utm") !== 0) return;  // data-utm-campaign-id → dataset.utmCampaignId
      utm["utm" + key.slice(3).replace(/[A-Z]/g, function (c) { return "_" + c.toLowerCase(); })] =
        data[key];
    });
    return utm;
  }

  function ready() {
    reportHeight();
    // Arrived from one of our own pages, so a step inside the frame (not the owner's first
    // load, which must not scroll their page): ask embed.js to show the frame's top.
    if (document.referrer.indexOf(location.origin + "/") === 0) send({ type: "booking-site:step" });
    if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(document.body);
    document.addEventListener("htmx:afterSettle", reportHeight);
    var next = document.querySelector("a[data-top-navigate]");
    if (next) send({ type: "booking-site:navigate", url: next.href });
    var booked = document.getElementById("booking-analytics");
    if (booked) {
      send({ type: "booking-site:booked", status: booked.dataset.bookingStatus,
             utm: campaign(booked.dataset) });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
  window.addEventListener("load", reportHeight);
})();
