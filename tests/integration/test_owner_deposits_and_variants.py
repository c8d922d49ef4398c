"""Owner mode books deposit and duration-variant services (wix-api.md §19, §21)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client

from wix_sandbox import Sandbox

from .helpers import CONTACT, hosted_checkout_action, our_bookings, page_text, soup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def owner(client: Client, db: None, sandbox: Sandbox) -> Client:
    staff = User.objects.create_user("frontdesk", password="a-long-test-passphrase", is_staff=True)
    client.force_login(staff)
    return client


def _first_slot(client: Client, slug: str, **query: str) -> str:
    page = client.get(f"/owner/book/service/{slug}/", {"date": "2026-12-08", **query})
    assert page.status_code == 200, page.content[:400]
    buttons = soup(page).select("button[name=slot]")
    assert buttons, "an offered time on Tuesday 8 December"
    return str(buttons[0]["value"])


def _details(client: Client, payment: str) -> Any:
    data = {**CONTACT, "participants": 1, "payment": payment}
    saved = client.post("/owner/book/details/", data)
    assert saved.status_code == 302, soup(saved).select(".field-error")
    return client.get("/owner/book/review/")


def test_owner_payment_link_for_a_deposit_charges_the_deposit(
    owner: Client, sandbox: Sandbox
) -> None:
    key = _first_slot(owner, "sports-recovery-massage")
    owner.post("/owner/book/service/sports-recovery-massage/slot/", {"slot": key})
    details = owner.get("/owner/book/details/")
    assert "payment link for the deposit" in page_text(details)
    review = _details(owner, "link")
    assert "Deposit now £50" in page_text(review)

    done = owner.post("/owner/book/submit/")
    result = owner.get(done["Location"])
    [booking] = our_bookings(sandbox)
    assert (booking["selectedPaymentOption"], booking["depositSelected"]) == ("ONLINE", True)

    link = soup(result).select_one("input#payment-link")["value"]
    customer = Client()
    checkout = customer.get(urlsplit(link).path)
    assert "Pay £50.00" in page_text(checkout)
    hosted_checkout_action(customer, checkout, "Pay")
    again = owner.get(result.wsgi_request.path)
    [paid] = our_bookings(sandbox)
    assert paid["paymentStatus"] == "PARTIALLY_PAID"
    # The owner page words Wix's status (issue 16: no raw values on any page).
    assert soup(again).select_one("#payment-status").get_text(strip=True) == "Partly paid"
    assert soup(again).select_one("#owner-deposit-paid").get_text(strip=True) == (
        "Deposit paid: £50. £130 is due at the venue."
    )


def test_owner_pay_at_venue_on_a_deposit_only_service_still_sends_deposit_selected(
    owner: Client, sandbox: Sandbox
) -> None:
    key = _first_slot(owner, "sports-recovery-massage")
    owner.post("/owner/book/service/sports-recovery-massage/slot/", {"slot": key})
    _details(owner, "venue")

    owner.post("/owner/book/submit/")

    [booking] = our_bookings(sandbox)
    # Wix requires depositSelected for a deposit-only service booked ONLINE (§19.2).
    assert (booking["selectedPaymentOption"], booking["depositSelected"]) == ("ONLINE", True)
    assert (booking["status"], booking["paymentStatus"]) == ("CONFIRMED", "NOT_PAID")


def test_owner_books_a_duration_variant_for_its_length_and_price(
    owner: Client, sandbox: Sandbox
) -> None:
    day = owner.get("/owner/book/service/thai-massage/", {"date": "2026-12-08", "duration": "90"})
    assert soup(day).select_one("#owner-duration-choice input[value='90']").has_attr("checked")
    key = _first_slot(owner, "thai-massage", duration="90")
    start, end = (datetime.fromisoformat(t) for t in key.split("|")[1:3])
    assert (end - start).total_seconds() == 90 * 60
    owner.post("/owner/book/service/thai-massage/slot/", {"slot": key, "duration": "90"})
    review = _details(owner, "venue")
    assert "£85" in page_text(review)

    owner.post("/owner/book/submit/")

    [booking] = our_bookings(sandbox)
    assert booking["participantsChoices"]["serviceChoices"][0]["choices"] == [
        {"optionId": sandbox.demo.option("thai_massage"), "duration": {"minutes": 90}}
    ]
    assert booking["status"] == "CONFIRMED"
