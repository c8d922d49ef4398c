"""Issue 16, point 19: owner pages look like the customer pages, warn about an overlap before
booking a typed time, and report results in words.

Checked by what a person sees: every field's computed style, the review's warning text, the
result's words; axe on each state, screenshots at desktop and phone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from tests.browser.support import Tab, audit, snap
from wix_sandbox import Sandbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]
PASSWORD = "front-desk-passphrase-42"
LONDON = ZoneInfo("Europe/London")
# What site.css gives every text-like field on the customer pages.
FIELD_LOOK = {
    "borderTopWidth": "1px",
    "borderRadius": "8px",
    "borderTopColor": "rgb(135, 146, 162)",
}
FIELDS = (
    "input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([type=submit]), "
    "select, textarea"
)


def _unstyled_fields(page: Page) -> list[str]:
    """Visible fields whose look differs from the customer pages' (or under 44px high)."""
    looks = page.locator(FIELDS).evaluate_all(
        """(fields, names) => fields.filter(f => f.offsetParent !== null).map(f => {
             const s = getComputedStyle(f);
             return [f.id || f.name, Object.fromEntries(names.map(n => [n, s[n]])),
                     f.getBoundingClientRect().height];
           })""",
        list(FIELD_LOOK),
    )
    assert looks, "no fields on the page"
    return [
        f"{name}: {look}, {height}px"
        for name, look, height in looks
        if look != FIELD_LOOK or height < 44
    ]


def _sign_in(tab: Tab) -> None:
    User.objects.create_user("frontdesk", password=PASSWORD, is_staff=True)
    tab.goto("/owner/login/?next=/owner/book/")
    assert _unstyled_fields(tab.page) == []
    snap(tab.page, "owner-sign-in")
    tab.page.get_by_label("Username").fill("frontdesk")
    tab.page.get_by_label("Password").fill(PASSWORD)
    tab.page.get_by_role("button", name="Sign in").click()
    expect(tab.page.get_by_role("heading", name="Book on behalf of a customer")).to_be_visible()


def _seeded_massage(box: Sandbox) -> tuple[datetime, datetime, str]:
    """Maya's seeded, confirmed massage: its start, end and customer's first name."""
    massage = box.demo.service("massage")
    booked = next(
        b
        for b in box.bookings()
        if b["bookedEntity"].get("slot", {}).get("serviceId") == massage
        and b["status"] == "CONFIRMED"
    )

    def at(text: str) -> datetime:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(LONDON)

    return at(booked["startDate"]), at(booked["endDate"]), booked["contactDetails"]["firstName"]


def test_a_typed_time_is_checked_for_overlaps_before_booking(
    open_tab: OpenTab, box: Sandbox
) -> None:
    tab = open_tab("desktop")
    page = tab.page
    _sign_in(tab)
    start, end, customer = _seeded_massage(box)

    tab.goto(f"/owner/book/service/deep-tissue-massage/?date={start.date().isoformat()}")
    assert _unstyled_fields(page) == []  # date, time, staff and location fields
    audit(page, "owner day page")
    snap(page, "owner-day")
    page.get_by_role("textbox", name="Start time").fill(start.strftime("%H:%M"))
    page.get_by_label("Staff").select_option(label="Maya Okafor")
    page.get_by_role("button", name=re.compile("^Use this time")).click()

    expect(page.get_by_role("heading", name="Customer details")).to_be_visible()
    assert _unstyled_fields(page) == []
    audit(page, "owner details page")
    snap(page, "owner-details")
    page.get_by_label("First name").fill("Ravi")
    page.get_by_label("Email", exact=True).fill("ravi.shah@example.com")
    page.get_by_label("Pay later at the venue").check()
    page.get_by_role("button", name="Continue to review").click()

    # Before booking: the review names the booking the typed time overlaps.
    warning = page.locator("#overlaps [role=alert]")
    expect(warning).to_contain_text("This time overlaps 1 booking Maya Okafor already has")
    expect(warning).to_contain_text(f"{start:%H:%M} to {end:%H:%M}: {customer}")
    audit(page, "owner review, overlap")
    snap(page, "owner-review-overlap")
    page.get_by_role("button", name="Book and confirm").click()

    expect(page.get_by_role("heading", name="Booking made")).to_be_visible()
    expect(page.locator("#booking-status")).to_have_text("Confirmed")
    expect(page.locator("#payment-status")).to_have_text("Not paid")
    expect(page.locator("#double-booked")).to_have_text("Yes")
    result = page.locator("#owner-result").inner_text()
    assert re.findall(r"\b[A-Z]+_[A-Z_]+\b|\bCONFIRMED\b|\bGBP\b", result) == []
    audit(page, "owner result")
    snap(page, "owner-result")


def test_a_free_typed_time_says_no_overlap(open_tab: OpenTab, box: Sandbox) -> None:
    tab = open_tab("phone")
    page = tab.page
    _sign_in(tab)
    start, end, _ = _seeded_massage(box)

    tab.goto(f"/owner/book/service/deep-tissue-massage/?date={start.date().isoformat()}")
    # Right after Maya's booking ends: touching it, not overlapping.
    page.get_by_role("textbox", name="Start time").fill(end.strftime("%H:%M"))
    page.get_by_label("Staff").select_option(label="Maya Okafor")
    page.get_by_role("button", name=re.compile("^Use this time")).click()
    page.get_by_label("First name").fill("Ravi")
    page.get_by_label("Email", exact=True).fill("ravi.shah@example.com")
    page.get_by_label("Pay later at the venue").check()
    page.get_by_role("button", name="Continue to review").click()

    expect(page.locator("#overlaps")).to_have_text(
        "No other booking for Maya Okafor overlaps this time."
    )
    audit(page, "owner review, no overlap (phone)")
    snap(page, "owner-review-no-overlap")
