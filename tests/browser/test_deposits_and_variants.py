"""Deposits and duration variants in a real browser: desktop and phone, axe, no JavaScript.

The new page states (wix-api.md §19, §21): a service page with its length choice, a review
with the deposit due now, and the confirmation of a partly paid booking.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import (
    Record,
    click,
    continue_to_review,
    facts,
    fill_contact,
    first_free_slot,
    pay_at_checkout,
    take,
    the_booking,
)
from tests.browser.support import Tab
from wix_sandbox import Sandbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]
THAI = "/services/thai-massage/"
DEPOSIT = "/services/sports-recovery-massage/"
DEPOSIT_OR_FULL = "/services/reflexology-for-two/"


def _minutes(label: str) -> int:
    found = re.match(r"(\d\d:\d\d) to (\d\d:\d\d)", " ".join(label.split()))
    assert found, label
    start, end = found.groups()
    delta = datetime.strptime(end, "%H:%M") - datetime.strptime(start, "%H:%M")
    return int(delta.total_seconds() // 60)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_length_is_chosen_before_the_calendar(open_tab: OpenTab, box: Sandbox, size: str) -> None:
    tab = open_tab(size)
    page = tab.page
    record = Record(f"duration-{size}")
    tab.goto(THAI)
    long = page.get_by_role("radio", name=re.compile("^1 h 30 min"))
    expect(page.get_by_role("group", name="Length")).to_be_visible()
    expect(page.get_by_role("radio", name=re.compile("^1 hour"))).to_be_checked()
    record.page(page, "service page with length choice")

    long.check()  # htmx swaps the calendar for 90-minute times and keeps it in the URL
    expect(page).to_have_url(re.compile(r"duration=90"))
    day, button = first_free_slot(tab)
    expect(button).to_contain_text("to")
    assert _minutes(button.inner_text()) == 90
    take(tab, day, button)
    fill_contact(tab, f"duration-{size}")
    continue_to_review(tab)
    shown = facts(page) if page.locator("dl.summary").count() else {}
    assert shown.get("Length") == "1 h 30 min", shown
    assert shown.get("Price") == "£85", shown
    record.page(page, "review with length")

    click(tab, page.get_by_role("button", name="Book and go to payment"))
    pay_at_checkout(tab, record, "£85.00")
    expect(page.get_by_role("heading", level=1)).to_have_text("You're booked")
    assert facts(page)["Length"] == "1 h 30 min"
    record.page(page, "confirmation with length")
    booking = the_booking(box, f"duration-{size}")
    start, end = (
        datetime.fromisoformat(booking[k].replace("Z", "+00:00")) for k in ("startDate", "endDate")
    )
    assert (end - start).total_seconds() == 90 * 60
    assert booking["participantsChoices"]["serviceChoices"][0]["choices"][0]["duration"] == {
        "minutes": 90
    }


def test_length_choice_works_without_javascript(open_tab: OpenTab, box: Sandbox) -> None:
    tab = open_tab("desktop", js=False)
    page = tab.page
    tab.goto(THAI)
    page.get_by_role("radio", name=re.compile("^1 h 30 min")).check()
    click(tab, page.get_by_role("button", name="Show times"))

    expect(page).to_have_url(re.compile(r"duration=90"))
    slots = page.locator("#calendar button[name=slot]")
    expect(slots.first).to_be_visible()
    assert {_minutes(t) for t in slots.all_inner_texts()} == {90}


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_deposit_is_shown_before_checkout_and_confirmed_partly_paid(
    open_tab: OpenTab, box: Sandbox, size: str
) -> None:
    tab = open_tab(size)
    page = tab.page
    journey = f"deposit-{size}"
    record = Record(journey)
    tab.goto(DEPOSIT)
    expect(page.locator("#deposit-note")).to_have_text("Deposit £50 now, £130 at the venue.")
    take(tab, *first_free_slot(tab))
    fill_contact(tab, journey)
    continue_to_review(tab)
    shown = facts(page)
    assert (shown["Deposit now"], shown["At the venue"]) == ("£50", "£130"), shown
    record.page(page, "review with deposit")

    click(tab, page.get_by_role("button", name="Book and pay the deposit"))
    pay_at_checkout(tab, record, "£50.00")

    expect(page.get_by_role("heading", level=1)).to_have_text("You're booked")
    assert facts(page)["Payment"] == "Deposit paid: £50. £130 is due at the venue."
    record.page(page, "confirmation partially paid")
    booking = the_booking(box, journey)
    assert (booking["depositSelected"], booking["paymentStatus"]) == (True, "PARTIALLY_PAID")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_deposit_or_full_the_customer_chooses_full_and_pays_it_all(
    open_tab: OpenTab, box: Sandbox, size: str
) -> None:
    tab = open_tab(size)
    page = tab.page
    journey = f"deposit-or-full-{size}"
    record = Record(journey)
    tab.goto(DEPOSIT_OR_FULL)
    take(tab, *first_free_slot(tab))
    deposit = page.get_by_role("radio", name=re.compile(r"^Pay the deposit now \(£20\)"))
    full = page.get_by_role("radio", name=re.compile(r"^Pay the full price now \(£80\)"))
    expect(deposit).to_be_visible()
    full.check()
    fill_contact(tab, journey)
    record.page(page, "details with deposit or full")
    continue_to_review(tab)
    shown = facts(page)
    assert shown["Price"] == "£80", shown
    assert "Deposit now" not in shown
    record.page(page, "review paying in full")

    click(tab, page.get_by_role("button", name="Book and go to payment"))
    pay_at_checkout(tab, record, "£80.00")

    expect(page.get_by_role("heading", level=1)).to_have_text("You're booked")
    assert facts(page)["Payment"] == "Paid"
    record.page(page, "confirmation paid in full")
    booking = the_booking(box, journey)
    assert (booking["depositSelected"], booking["paymentStatus"]) == (False, "PAID")
