"""The site embedded in an owner's page on another site: booking inside the iframe, the iframe
following its content's height, and Wix's checkout opening in the top window.

The owner's page is served from a second loopback origin (``http://127.0.0.1:<port>``) while
the site runs on ``http://localhost:<port>``: different sites, so the iframe is a cross-site
(third-party) context, as on a real owner's domain. Chromium treats loopback HTTP as secure,
so the ``SameSite=None; Secure; Partitioned`` cookies behave as they would over HTTPS.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import ConsoleMessage, FrameLocator, Page, Response, expect
from pytest_django.fixtures import Settings

from tests.browser.support import audit, snap
from wix_sandbox import Sandbox, get_default_sandbox
from wix_sandbox.demo_plans import DEMO_MEMBER_EMAIL

# Playwright's sync API runs an event loop in this thread; the live server's ORM use is test-only.

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OWNER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fernleigh partner page</title>
<link rel="icon" href="data:,"></head>
<body><h1>Book with us</h1>
<iframe id="booking" src="{site}/services/deep-tissue-massage/?utm_source=partner-page"
        title="Book online" width="100%" height="150"></iframe>
<script src="{site}/embed.js"></script>
</body></html>
"""


# The owner's page with a tall introduction above the booking frame (issue 16, point 18).
TALL_OWNER_PAGE = OWNER_PAGE.replace(
    "<h1>Book with us</h1>",
    '<h1>Book with us</h1><div id="intro" style="height: 900px">About our studio…</div>',
)


@contextmanager
def _owner_server(template: str, site: str) -> Iterator[str]:
    """A tiny server on another loopback origin serving the owner's page with our iframe."""
    page = template.format(site=site).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:  # keep test output quiet
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def owner_site(live_server: object) -> Iterator[str]:
    with _owner_server(OWNER_PAGE, live_server.url) as url:  # type: ignore[attr-defined]
        yield url


@pytest.fixture
def tall_owner_site(live_server: object) -> Iterator[str]:
    with _owner_server(TALL_OWNER_PAGE, live_server.url) as url:  # type: ignore[attr-defined]
        yield url


@pytest.fixture
def box(live_server: object) -> Iterator[Sandbox]:
    sandbox = get_default_sandbox()
    sandbox.reset()
    sandbox.set_latency(0)
    yield sandbox
    sandbox.clear_faults()


def _frame_fits(page: Page, frame: FrameLocator) -> None:
    """The iframe's height follows its document's (embed.js, told by frame.js)."""
    inner = frame.locator("body").evaluate("body => Math.ceil(body.getBoundingClientRect().height)")
    # clientHeight: the frame's content box, without the default iframe border.
    page.wait_for_function(
        "h => Math.abs(document.getElementById('booking').clientHeight - h) <= 1", arg=inner
    )


def test_booking_inside_an_iframe_on_another_site(
    page: Page, live_server: object, owner_site: str, box: Sandbox, settings: Settings
) -> None:
    settings.EMBED_ALLOWED_ORIGINS = [owner_site]
    site = live_server.url  # type: ignore[attr-defined]
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # The sandbox's checkout page declares no icon (Wix's real one is on Wix's domain).
        if message.type == "error" and "favicon.ico" not in message.location.get("url", ""):
            problems.append(f"{message.text} ({message.location.get('url')})")

    cookies: list[str] = []

    def on_response(response: Response) -> None:
        if response.url.startswith(site) and "set-cookie" in response.all_headers():
            cookies.append(response.all_headers()["set-cookie"])

    page.on("console", on_console)
    page.on("response", on_response)
    page.set_viewport_size({"width": 1100, "height": 800})

    page.goto(owner_site)
    frame = page.frame_locator("#booking")
    expect(frame.get_by_role("heading", level=1)).to_have_text("Deep tissue massage")
    page.wait_for_function(
        "document.getElementById('booking').getBoundingClientRect().height > 600"
    )
    _frame_fits(page, frame)
    assert any("SameSite=None" in c and "Partitioned" in c for c in cookies), cookies

    slots = frame.locator("#calendar button[name=slot]")
    if slots.count() == 0:  # late in the month: nothing left this month
        frame.get_by_role("link", name=re.compile("^Next free day: ")).click()
    slots.first.click()  # a POST inside the frame: needs the partitioned CSRF and session cookies
    expect(frame.get_by_role("button", name="Continue to review")).to_be_visible()
    _frame_fits(page, frame)
    frame.get_by_label("First name", exact=True).fill("Ann")
    frame.get_by_label("Last name", exact=True).fill("Lee")
    frame.get_by_label("Email", exact=True).fill("embedded@example.com")
    frame.get_by_role("button", name="Continue to review").click()
    expect(frame.get_by_role("heading", level=1)).to_have_text("Review your booking")
    _frame_fits(page, frame)

    frame.get_by_role("button", name="Book and go to payment").click()

    # The checkout replaces the owner's page in the top window; it never loads in the frame.
    expect(page).to_have_url(re.compile(re.escape(site) + r"/_wix-sandbox/checkout/"))
    assert page.main_frame.child_frames == []
    expect(page.get_by_role("heading", level=1)).to_have_text("Review and pay")
    page.get_by_role("button", name=re.compile(r"^Pay £\d")).click()

    expect(page).to_have_url(re.compile(re.escape(site) + r"/book/status/\?ref="))
    expect(page.get_by_role("heading", level=1)).to_have_text("You're booked")
    analytics = page.locator("#booking-analytics")
    expect(analytics).to_have_attribute("data-utm-source", "partner-page")
    booked = [b for b in box.bookings() if b.get("externalUserId")]
    assert [(b["status"], b["contactDetails"]["email"]) for b in booked] == [
        ("CONFIRMED", "embedded@example.com")
    ]
    assert problems == []


def _frame_top(page: Page) -> float:
    return page.evaluate("document.getElementById('booking').getBoundingClientRect().top")


def _expect_frame_top_in_view(page: Page) -> None:
    """The host page has scrolled so the frame's top edge is at the top of the window."""
    page.wait_for_function(
        "Math.abs(document.getElementById('booking').getBoundingClientRect().top) <= 2"
    )


def test_each_step_in_the_frame_brings_its_top_into_view_and_payment_leads_back(
    page: Page, live_server: object, tall_owner_site: str, box: Sandbox, settings: Settings
) -> None:
    owner_site = tall_owner_site
    settings.EMBED_ALLOWED_ORIGINS = [owner_site]
    site = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1100, "height": 800})
    page.goto(owner_site)
    frame = page.frame_locator("#booking")
    expect(frame.get_by_role("heading", level=1)).to_have_text("Deep tissue massage")
    _frame_fits(page, frame)
    # The owner's page is not scrolled by the frame's first load.
    assert page.evaluate("window.scrollY") == 0
    assert _frame_top(page) > 800

    slots = frame.locator("#calendar button[name=slot]")
    if slots.count() == 0:  # late in the month: nothing left this month
        frame.get_by_role("link", name=re.compile("^Next free day: ")).click()
    # The customer scrolls down the owner's page to the times: the frame's top goes out of sight.
    page.evaluate(
        "window.scrollBy(0, document.getElementById('booking').getBoundingClientRect().top + 400)"
    )
    slots.first.scroll_into_view_if_needed()
    assert _frame_top(page) < 0
    slots.first.click()
    expect(frame.get_by_role("button", name="Continue to review")).to_be_visible()
    _expect_frame_top_in_view(page)
    snap(page, "embedded-details-step")

    frame.get_by_label("First name", exact=True).fill("Ann")
    frame.get_by_label("Last name", exact=True).fill("Lee")
    frame.get_by_label("Email", exact=True).fill("back@example.com")
    frame.get_by_role("button", name="Continue to review").scroll_into_view_if_needed()
    page.mouse.wheel(0, 400)  # the customer scrolls on down the owner's page
    frame.get_by_role("button", name="Continue to review").click()
    expect(frame.get_by_role("heading", level=1)).to_have_text("Review your booking")
    _expect_frame_top_in_view(page)

    frame.get_by_role("button", name="Book and go to payment").click()
    expect(page).to_have_url(re.compile(re.escape(site) + r"/_wix-sandbox/checkout/"))
    page.get_by_role("button", name=re.compile(r"^Pay £\d")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You're booked")

    way_back = page.get_by_role("link", name="Back to the page you booked from")
    expect(way_back).to_have_attribute("href", owner_site + "/")
    audit(page, "status page after an embedded booking")
    snap(page, "embedded-status-way-back")
    way_back.click()
    expect(page).to_have_url(owner_site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Book with us")


CLASS_OWNER_PAGE = OWNER_PAGE.replace(
    "/services/deep-tissue-massage/?utm_source=partner-page",
    "/services/vinyasa-flow/?date=2026-12-15",
)


@pytest.fixture
def class_owner_site(live_server: object) -> Iterator[str]:
    with _owner_server(CLASS_OWNER_PAGE, live_server.url) as url:  # type: ignore[attr-defined]
        yield url


def test_sign_in_inside_the_frame_leaves_it_with_the_booking(
    page: Page, live_server: object, class_owner_site: str, box: Sandbox, settings: Settings
) -> None:
    """Issue 18: the header's "Sign in" in the frame takes the top window to Wix's login (it
    can't run framed), and the booking continues there, signed in, at the same time."""
    settings.EMBED_ALLOWED_ORIGINS = [class_owner_site]
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(class_owner_site)
    frame = page.frame_locator("#booking")
    frame.get_by_role("button", name="18:30").first.click()
    expect(frame.get_by_role("heading", name="Your details")).to_be_visible()

    frame.get_by_role("link", name="Sign in", exact=True).click()

    # The whole window leaves the owner's page for Wix's login page.
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert page.url.startswith(live_server.url)  # type: ignore[attr-defined]
    assert "/_wix-sandbox/" in page.url
    snap(page, "embedded-sign-in-top-window")
    page.get_by_label("Email").fill(DEMO_MEMBER_EMAIL)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your details")).to_be_visible()
    expect(page.get_by_text("Tuesday 15 December 2026, 18:30")).to_be_visible()
    expect(page.get_by_label("Use your 10-class pass (4 left): nothing to pay")).to_be_visible()
    assert page.url.endswith("/book/details/")
    snap(page, "embedded-signed-in-top-window")
