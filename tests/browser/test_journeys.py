"""The booking journeys in Chromium: with JavaScript (audited, photographed), without, by phone."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import (
    JOURNEYS,
    Record,
    appointment_paid_online,
    book_until_checkout,
    class_with_variants,
    click,
    course,
    expect_confirmed,
    free_service,
    pay_at_checkout,
    the_booking,
)
from tests.browser.support import Tab
from wix_sandbox import Sandbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]


def test_appointment_paid_online_ends_confirmed(open_tab: OpenTab, box: Sandbox) -> None:
    appointment_paid_online(open_tab("desktop"), box, Record("appointment"))


def test_class_with_variant_participants_ends_confirmed(open_tab: OpenTab, box: Sandbox) -> None:
    class_with_variants(open_tab("desktop"), box, Record("variants"))


def test_course_booked_as_a_whole_ends_confirmed(open_tab: OpenTab, box: Sandbox) -> None:
    course(open_tab("desktop"), box, Record("course"))


def test_free_service_is_confirmed_without_checkout(open_tab: OpenTab, box: Sandbox) -> None:
    free_service(open_tab("desktop"), box, Record("free"))


@pytest.mark.parametrize("journey", JOURNEYS)
def test_journey_without_javascript(open_tab: OpenTab, box: Sandbox, journey: str) -> None:
    tab = open_tab("desktop", js=False)
    JOURNEYS[journey](tab, box, Record(f"nojs-{journey}", audit=False, screenshots=False))


def test_appointment_on_a_phone_with_touch(open_tab: OpenTab, box: Sandbox) -> None:
    appointment_paid_online(open_tab("phone"), box, Record("phone-appointment"))


def test_course_on_a_phone_with_touch(open_tab: OpenTab, box: Sandbox) -> None:
    course(open_tab("phone"), box, Record("phone-course"))


def test_manual_approval_service_ends_pending(open_tab: OpenTab, box: Sandbox) -> None:
    tab = open_tab("desktop")
    record = Record("pending")
    book_until_checkout(tab, "hot-stone-massage", "pending")
    pay_at_checkout(tab, record)

    expect(tab.page.get_by_role("heading", level=1)).to_have_text("Booking requested")
    expect(tab.page.get_by_role("status").filter(has_text="by hand")).to_be_visible()
    record.page(tab.page, "booking requested")
    assert the_booking(box, "pending")["status"] == "PENDING"


def test_cancelled_payment_can_be_resumed(open_tab: OpenTab, box: Sandbox) -> None:
    tab = open_tab("desktop")
    page = tab.page
    record = Record("resumed")
    book_until_checkout(tab, "deep-tissue-massage", "resumed")
    click(tab, page.get_by_role("button", name="Cancel and go back"))

    expect(page).to_have_url(re.compile(r"/book/status/\?ref="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Payment not completed")
    record.page(page, "payment not completed")
    assert the_booking(box, "resumed")["status"] == "CREATED"

    click(tab, page.get_by_role("button", name="Go back to payment"))
    pay_at_checkout(tab, Record("resumed", audit=False, screenshots=False), "£65.00")
    expect_confirmed(tab, Record("resumed", audit=False, screenshots=False), box, "resumed")
