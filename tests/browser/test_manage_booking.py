"""Manage my booking in Chromium: reschedule on the calendar and cancel behind a confirmation,
with and without JavaScript, on a phone, and inside an owner's iframe; every page audited."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from tests.browser.journeys import Record, click, fill_contact
from tests.browser.support import Tab
from wix_sandbox import Sandbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]


def _days_ahead(count: int) -> str:
    """A day ``count`` or more days ahead that is not a Sunday (no consultations then)."""
    day = datetime.now(ZoneInfo("Europe/London")).date() + timedelta(days=count)
    return (day + timedelta(days=1) if day.weekday() == 6 else day).isoformat()


def _book_ahead(tab: Tab, journey: str) -> str:
    """Book the free consultation three days ahead; the confirmation's manage link."""
    page = tab.page
    tab.goto(f"/services/wellbeing-consultation/?date={_days_ahead(3)}")
    click(tab, page.locator("#calendar button[name=slot]").first)
    expect(page).to_have_url(re.compile(r"/book/details/$"))
    fill_contact(tab, journey)
    click(tab, page.get_by_role("button", name="Continue to review"))
    click(tab, page.get_by_role("button", name="Confirm booking"))
    expect(page).to_have_url(re.compile(r"/book/status/\?ref="))
    link = page.get_by_role("link", name="Manage booking")
    expect(link).to_have_attribute(
        "href", re.compile(r"^/manage/[A-Za-z0-9_-]{32}/\?tz=Europe%2FLondon$")
    )
    return str(link.get_attribute("href")).split("?")[0]


def _mine(box: Sandbox, journey: str) -> dict:
    (booking,) = [
        b for b in box.bookings() if b["contactDetails"].get("email") == f"{journey}@example.com"
    ]
    return booking


@pytest.mark.parametrize(
    ("size", "js"), [("desktop", True), ("desktop", False), ("phone", True)], ids=str
)
def test_reschedule_then_cancel(open_tab: OpenTab, box: Sandbox, size: str, js: bool) -> None:
    journey = f"manage-{size}-{'js' if js else 'nojs'}"
    record = Record(journey, audit=js, screenshots=js and size == "desktop")
    tab = open_tab(size, js=js)
    page = tab.page
    link = _book_ahead(tab, journey)
    before = _mine(box, journey)

    click(tab, page.get_by_role("link", name="Manage booking"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Manage your booking")
    record.page(page, "manage page")
    click(tab, page.get_by_role("link", name="Reschedule"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reschedule your booking")
    # Another day on the service page's own grid (an htmx swap with JavaScript, a link without).
    # The last free day: far enough ahead that the 24-hour cancellation limit still allows the
    # cancel step below (the first free day may be tomorrow morning).
    other = page.locator(".month-grid a:not([aria-current])").last
    name = other.locator(".visually-hidden").inner_text()
    click(tab, other)
    expect(page.locator(".month-grid a[aria-current=date]")).to_contain_text(f"{name}, selected")
    record.page(page, "reschedule calendar")
    slot = page.locator("#calendar button[name=slot]").first
    click(tab, slot)
    expect(page).to_have_url(
        re.compile(re.escape(link) + r"\?tz=Europe%2FLondon&done=rescheduled$")
    )
    expect(page.locator("p.notice[role=status]")).to_contain_text("moved to the new time")
    expect(page.get_by_role("link", name="Get the new calendar file (.ics)")).to_be_visible()
    moved = _mine(box, journey)
    assert (moved["id"], moved["status"]) == (before["id"], "CONFIRMED")
    assert moved["startDate"] != before["startDate"]

    click(tab, page.get_by_role("link", name="Cancel booking"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel your booking?")
    record.page(page, "cancel confirmation")
    assert _mine(box, journey)["status"] == "CONFIRMED"  # the confirmation step changed nothing
    click(tab, page.get_by_role("button", name="Yes, cancel my booking"))
    expect(page).to_have_url(re.compile(re.escape(link) + r"\?tz=Europe%2FLondon&done=cancelled$"))
    expect(page.locator("p.notice[role=status]")).to_have_text("Your booking is cancelled.")
    record.page(page, "manage cancelled")
    assert _mine(box, journey)["status"] == "CANCELED"


@pytest.fixture
def framing_site(live_server: object) -> Iterator[tuple[str, list[str]]]:
    """Another loopback origin whose page frames whatever path is put in the returned list."""
    target: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site = live_server.url  # type: ignore[attr-defined]
            body = (
                '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner'
                '</title><link rel="icon" href="data:,"></head><body><h1>Your booking</h1>'
                f'<iframe id="booking" src="{site}{target[0]}" title="Manage booking" '
                'width="100%" height="900"></iframe></body></html>'
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", target
    server.shutdown()
    server.server_close()


def test_cancel_inside_an_iframe_on_another_site(
    open_tab: OpenTab,
    page: Page,
    box: Sandbox,
    settings: Settings,
    framing_site: tuple[str, list[str]],
) -> None:
    origin, target = framing_site
    settings.EMBED_ALLOWED_ORIGINS = [origin]
    target.append(_book_ahead(open_tab("desktop"), "manage-embed"))

    page.goto(origin)
    frame = page.frame_locator("#booking")
    expect(frame.get_by_role("heading", level=1)).to_have_text("Manage your booking")
    frame.get_by_role("link", name="Cancel booking").click()
    expect(frame.get_by_role("heading", level=1)).to_have_text("Cancel your booking?")
    frame.get_by_role("button", name="Yes, cancel my booking").click()  # a POST in the frame

    expect(frame.locator("p.notice[role=status]")).to_have_text("Your booking is cancelled.")
    assert page.url.startswith(origin)  # it all happened inside the frame
    assert _mine(box, "manage-embed")["status"] == "CANCELED"
