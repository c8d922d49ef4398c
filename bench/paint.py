"""Chromium at 4x CPU slowdown: first contentful paint and the first bookable time visible.

Each run is a first visit (a new browser context: nothing cached) with the CPU slowed by CDP's
``Emulation.setCPUThrottlingRate``. "Time visible" is the first animation frame after an
element matching the page's time selector is in the document with a box: for us the calendar's
time buttons (in the initial HTML), for the peer its slot list (filled by its AJAX call).
"Time painted" is when the frame showing it was painted, by Element Timing (the attribute is
set on that element as it enters the document). Both start from navigation start.

The peer loads jQuery, Bootstrap, moment, moment-timezone and FullCalendar from public CDNs;
this machine has no internet, so those exact files come from their npm packages (fetched once
into bench/.peer/cdn; each matches the page's Subresource Integrity hash, or the browser would
refuse it) and are served by the browser's request interception with no network delay, which
favours the peer. Its Google font and icon script get a 404 at once.
"""

from __future__ import annotations

import statistics
import subprocess
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.peer_compare import TARGET

CDN_DIR = TARGET / "cdn"
_CDNJS = "https://cdnjs.cloudflare.com/ajax/libs/"
# The peer's CDN URL -> (npm package, file inside it).
CDN = {
    "https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js": (
        "jquery@3.7.1", "dist/jquery.min.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap/5.3.2/js/bootstrap.min.js": (
        "bootstrap@5.3.2", "dist/js/bootstrap.min.js"),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.0-beta1/dist/css/bootstrap.min.css": (
        "bootstrap@5.2.0-beta1", "dist/css/bootstrap.min.css"),
    "https://cdnjs.cloudflare.com/ajax/libs/moment.js/2.30.1/moment.js": (
        "moment@2.30.1", "moment.js"),
    _CDNJS + "moment-timezone/0.6.0/moment-timezone-with-data.min.js": (
        "moment-timezone@0.6.0", "builds/moment-timezone-with-data.min.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/fullcalendar/6.1.19/index.global.js": (
        "fullcalendar@6.1.19", "index.global.js"),
}  # fmt: skip
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_ATTEMPTS = 3  # visits of one target in a row that may lack a figure before the run fails
_WATCH = """
(() => {
  window.__timeVisible = null;
  window.__timePainted = null;
  const selector = %r;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (window.__timePainted === null) window.__timePainted = entry.renderTime || entry.loadTime;
    }
  }).observe({type: "element", buffered: true});
  const check = () => {
    if (window.__timeSeen) return;
    const element = document.querySelector(selector);
    if (!element) return;
    // Element Timing reports the paint of what carries the attribute when it is painted:
    // the time's element and its text-bearing children.
    element.setAttribute("elementtiming", "first-time");
    for (const child of element.querySelectorAll("*")) {
      child.setAttribute("elementtiming", "first-time");
    }
    if (element.getClientRects().length) {
      window.__timeSeen = true;
      requestAnimationFrame(() => { window.__timeVisible = performance.now(); });
    }
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", check);
})();
"""
_READ = """(() => ({
  visible: window.__timeVisible,
  painted: window.__timePainted,
  fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
}))()"""


@dataclass(frozen=True)
class Target:
    """A page to visit and the selector of its first bookable time.

    With ``body``, the browser's request interception answers ``url`` with it (no server, no
    other file): the floor a page can't go below in this harness.
    """

    url: str
    time_selector: str
    body: bytes | None = None


# One unstyled time button in the calendar's markup: what any first visit costs here (a new
# context and renderer, navigation, one frame) before a page does anything of its own.
FLOOR_PAGE = (
    b'<!doctype html><html lang="en"><title>Floor</title>'
    b'<div id="calendar"><form><button name="slot" value="1">09:00</button></form></div>'
)


def floor_target(origin: str) -> Target:
    """The one-button page at ``origin`` (a loopback origin, so treated as ours are)."""
    return Target(f"{origin}/bench-paint-floor/", "#calendar button[name=slot]", FLOOR_PAGE)


@dataclass(frozen=True)
class Paint:
    """Medians over the runs, in milliseconds after navigation start.

    ``time_visible_ms`` is the animation frame after the first time has a box (the frame that
    will show it begins); ``time_painted_ms`` is when that frame was painted (Element Timing's
    renderTime), the later and more literal of the two. ``missed``: visits left out and made
    again because a figure never came (seen once in ~50 visits: the time's frame with no
    Element Timing entry), so one odd visit does not sink a whole bench run.
    """

    fcp_ms: float
    time_visible_ms: float
    time_painted_ms: float
    missed: int = 0


def _cdn_file(url: str) -> Path:
    spec, inside = CDN[url]
    name = spec.replace("@", "-")
    unpacked = CDN_DIR / name / "package" / inside
    if not unpacked.exists():
        CDN_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", spec], cwd=CDN_DIR, check=True, capture_output=True)
        with tarfile.open(CDN_DIR / f"{name}.tgz") as archive:
            archive.extractall(CDN_DIR / name, filter="data")
    return unpacked


def measure(targets: list[Target], *, runs: int = 5, slowdown: float = 4.0) -> list[Paint]:
    """First visits of each target in Chromium with the CPU ``slowdown`` times slower.

    The targets are visited in turn, ``runs`` rounds, so that a noisy stretch of the machine
    falls on all of them rather than on one; one unmeasured round first warms the servers.
    """
    from playwright.sync_api import Browser, Route, sync_playwright

    bodies = {target.url: target.body for target in targets if target.body is not None}

    def serve(route: Route) -> None:
        requested = route.request.url
        if requested in bodies:
            route.fulfill(body=bodies[requested], content_type="text/html; charset=utf-8")
        elif requested in CDN:
            kind = "text/css" if requested.endswith(".css") else "application/javascript"
            route.fulfill(body=_cdn_file(requested).read_bytes(), content_type=kind,
                          headers={"Access-Control-Allow-Origin": "*"})  # fmt: skip
        elif requested.startswith(("http://127.0.0.1", "http://localhost")):
            route.continue_()
        else:
            route.fulfill(status=404, body="")

    def visit(browser: Browser, target: Target) -> dict[str, float] | None:
        """One first visit's figures, or None if one of them never came (see ``measure``)."""
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            context.route("**/*", serve)
            context.add_init_script(_WATCH % target.time_selector)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
            page.goto(target.url, wait_until="load", timeout=60_000)
            # Polled rather than wait_for_function: the pages' CSP forbids the eval it needs.
            deadline = time.monotonic() + 15
            while True:
                read: dict[str, float | None] = page.evaluate(_READ)
                if all(value is not None for value in read.values()):
                    return {key: float(value) for key, value in read.items() if value is not None}
                if time.monotonic() > deadline:
                    return None
                time.sleep(0.05)
        finally:
            context.close()

    rows: list[list[dict[str, float]]] = [[] for _ in targets]
    missed = [0 for _ in targets]

    def measured(browser: Browser, index: int) -> dict[str, float]:
        for _attempt in range(_ATTEMPTS):
            figures = visit(browser, targets[index])
            if figures is not None:
                return figures
            missed[index] += 1
        raise TimeoutError(f"{_ATTEMPTS} visits of {targets[index].url} in a row lacked a figure")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        try:
            for target in targets:
                visit(browser, target)
            for _ in range(runs):
                for index in range(len(targets)):
                    rows[index].append(measured(browser, index))
        finally:
            browser.close()
    return [
        Paint(
            fcp_ms=statistics.median(row["fcp"] for row in visits),
            time_visible_ms=statistics.median(row["visible"] for row in visits),
            time_painted_ms=statistics.median(row["painted"] for row in visits),
            missed=misses,
        )
        for visits, misses in zip(rows, missed, strict=True)
    ]
