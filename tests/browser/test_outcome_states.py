"""Issue 16 page states not photographed elsewhere: "anyone available" from review to the
confirmation (points 2 and 7), a booking Wix declined by the time the customer returned from
the checkout, and a paid time someone else booked at the same moment.

Each is checked by what a person reads, audited with axe and photographed at both sizes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.journeys import (
    click,
    continue_to_review,
    facts,
    fill_contact,
    first_free_slot,
    take,
)
from tests.browser.support import Tab, audit, snap
from wix_sandbox import Sandbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenTab = Callable[..., Tab]
SIZES = pytest.mark.parametrize("size", ["desktop", "phone"])
MASSAGE = "deep-tissue-massage"


def _pay_online(tab: Tab) -> None:
    online = tab.page.get_by_role("radio", name="Pay online now")
    if online.count():  # a service offering only online payment asks nothing
        online.check()


def _to_checkout(tab: Tab, journey: str, *, query: str = "") -> None:
    """From the service page's first free time to the sandbox's hosted checkout."""
    tab.goto(f"/services/{MASSAGE}/{query}")
    take(tab, *first_free_slot(tab))
    fill_contact(tab, journey)
    _pay_online(tab)
    continue_to_review(tab)
    click(tab, tab.page.get_by_role("button", name="Book and go to payment"))
    expect(tab.page).to_have_url(re.compile(r"/_wix-sandbox/checkout/"))


@SIZES
def test_anyone_available_until_wix_names_the_one_person(
    open_tab: OpenTab, box: Sandbox, size: str
) -> None:
    tab = open_tab(size)
    page = tab.page
    staff = [person.name for person in box.demo.staff_members.values()]
    tab.goto(f"/services/{MASSAGE}/")
    take(tab, *first_free_slot(tab))
    fill_contact(tab, f"anyone-{size}")
    _pay_online(tab)
    continue_to_review(tab)
    summary = page.locator("#booking-summary")
    expect(summary.locator("div", has_text="With").locator("dd")).to_have_text(
        re.compile(r"^Any available \w+")
    )
    assert not any(name in summary.inner_text() for name in staff)  # nobody named yet
    audit(page, f"review, anyone available ({size})")
    snap(page, f"review-anyone-available-{size}")

    click(tab, page.get_by_role("button", name="Book and go to payment"))
    click(tab, page.get_by_role("button", name=re.compile(r"^Pay £")))
    expect(page.get_by_role("heading", level=1)).to_have_text("You're booked")
    shown = facts(page)
    # Wix assigned one person: the confirmation names exactly that one.
    assert [name for name in staff if name in shown["With"]] == [shown["With"]]
    audit(page, f"confirmation, anyone available ({size})")
    snap(page, f"confirmation-anyone-available-{size}")


@SIZES
def test_declined_by_the_time_the_customer_returns(
    open_tab: OpenTab, box: Sandbox, size: str
) -> None:
    tab = open_tab(size)
    page = tab.page
    _to_checkout(tab, f"declined-{size}")
    [booking] = [b for b in box.bookings() if b.get("externalUserId")]
    admin = {"Authorization": box.api_key, "wix-site-id": box.site_id}
    with httpx.Client(
        transport=httpx.WSGITransport(app=box.app), base_url="https://www.wixapis.com"
    ) as api:  # as when the business declines it in Wix's dashboard meanwhile
        api.post(f"/bookings/v2/bookings/{booking['id']}/decline", json={}, headers=admin)
    click(tab, page.get_by_role("button", name="Cancel and go back"))
    expect(page).to_have_url(re.compile(r"/book/status/\?ref="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Booking declined")
    explained = page.locator("#outcome-explained")
    expect(explained).to_contain_text("Nothing was charged")
    expect(explained).not_to_contain_text("Wix")
    expect(page.get_by_role("button", name="Choose another time")).to_be_visible()
    expect(page.locator("#next-heading")).to_have_count(0)  # no "what happens next"
    audit(page, f"declined on return ({size})")
    snap(page, f"status-declined-{size}")


@SIZES
def test_paid_but_someone_else_booked_the_time(open_tab: OpenTab, box: Sandbox, size: str) -> None:
    tom = f"?staff={box.demo.staff('tom')}"
    ours, rival = open_tab(size), open_tab("desktop")
    _to_checkout(ours, f"double-{size}", query=tom)
    _to_checkout(rival, f"rival-{size}", query=tom)  # the same first time: Tom's
    click(rival, rival.page.get_by_role("button", name=re.compile(r"^Pay £")))
    expect(rival.page.get_by_role("heading", level=1)).to_have_text("You're booked")

    page = ours.page
    click(ours, page.get_by_role("button", name=re.compile(r"^Pay £")))
    expect(page).to_have_url(re.compile(r"/book/status/\?ref="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Paid, but this time was taken")
    explained = page.locator("#outcome-explained")
    expect(explained).to_contain_text("Your payment went through")
    expect(explained).to_contain_text(re.compile(r"^Your payment .* Fernleigh Wellbeing Studio"))
    expect(explained).to_contain_text("double-")  # who they contact: the customer's email
    expect(page.get_by_role("link", name="Calendar file (.ics)")).to_have_count(0)
    audit(page, f"paid double booking ({size})")
    snap(page, f"status-double-booked-{size}")
