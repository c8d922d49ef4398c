"""Shown is charged: a change to what is booked after Wix has the booking starts a new attempt.

The customer cancels Wix's checkout (the booking stays CREATED, unpaid), goes back to the
details step and changes the participants or the payment choice. The review page shows the new
booking; what Wix books and charges must be that booking, not the first one.
"""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.test import Client

from tests.integration.helpers import (
    choose_first_slot,
    fill_details,
    follow_to,
    hosted_checkout_action,
    our_bookings,
    status_after,
    submit,
)
from wix_sandbox import Sandbox

YOGA = "vinyasa-flow"  # £18 a person, up to 4 per booking
HOT_STONE = "hot-stone-massage"  # £95, online or in person, manual approval
pytestmark = pytest.mark.django_db(transaction=True)


def _cancel_checkout(client: Client) -> None:
    checkout = follow_to(client, submit(client))
    status_after(client, hosted_checkout_action(client, checkout, "Cancel"))


def _basket_total(sandbox: Sandbox, booking_id: str) -> Decimal:
    """The total of the one cart or checkout that holds ``booking_id``."""
    baskets = [
        b
        for b in sandbox.carts() + sandbox.checkouts()
        if any(i["catalogReference"]["catalogItemId"] == booking_id for i in b["lineItems"])
    ]
    assert len(baskets) == 1, baskets
    return Decimal(baskets[0]["priceSummary"]["total"]["amount"])


def _one_to_four(client: Client, sandbox: Sandbox) -> tuple[dict, dict, str]:
    """Book one place, cancel the checkout, change to four, pay: (first, second, checkout page)."""
    choose_first_slot(client, YOGA, min_spots=4, date="2026-12-15")
    fill_details(client, participants=1)
    _cancel_checkout(client)
    (first,) = our_bookings(sandbox)

    review = fill_details(client, participants=4)
    assert "£72" in review.content.decode()
    to_wix = submit(client)
    assert to_wix.status_code == 302
    checkout = follow_to(client, to_wix)
    new = [b for b in our_bookings(sandbox) if b["id"] != first["id"]]
    assert len(new) == 1, "a second booking was made for the changed participants"
    return first, new[0], checkout.content.decode()


def test_more_participants_after_a_cancelled_checkout_books_and_charges_them(
    client: Client, sandbox: Sandbox
) -> None:
    first, second, checkout = _one_to_four(client, sandbox)

    assert second["totalParticipants"] == 4
    assert _basket_total(sandbox, second["id"]) == Decimal("72")
    assert "72" in checkout
    states = {b["id"]: b["status"] for b in sandbox.bookings()}
    assert states[first["id"]] == "CANCELED"


def test_without_the_api_key_the_first_booking_is_abandoned_not_charged(
    client: Client, sandbox: Sandbox, keyless: None
) -> None:
    first, second, _ = _one_to_four(client, sandbox)

    assert second["totalParticipants"] == 4
    assert _basket_total(sandbox, second["id"]) == Decimal("72")
    # Unpaid and out of the cart being paid: the visitor cannot cancel it, only leave it.
    assert {b["id"]: b["status"] for b in sandbox.bookings()}[first["id"]] == "CREATED"


def test_switching_to_pay_in_person_after_a_cancelled_checkout_books_in_person(
    client: Client, sandbox: Sandbox
) -> None:
    choose_first_slot(client, HOT_STONE)
    fill_details(client, payment_option="ONLINE")
    _cancel_checkout(client)
    (first,) = our_bookings(sandbox)

    review = fill_details(client, payment_option="OFFLINE")
    assert "Pay at the venue" in review.content.decode()
    done = submit(client)

    assert "/_wix-sandbox/" not in done["Location"]  # nothing to pay online
    states = {b["id"]: b for b in our_bookings(sandbox)}
    assert states.pop(first["id"])["status"] == "CANCELED"
    (second,) = states.values()
    assert second["selectedPaymentOption"] == "OFFLINE"
    assert second["status"] == "PENDING"  # manual approval, not waiting for an online payment


def test_unchanged_details_keep_the_booking_and_its_checkout(
    client: Client, sandbox: Sandbox
) -> None:
    choose_first_slot(client, YOGA, min_spots=4, date="2026-12-15")
    fill_details(client, participants=2)
    _cancel_checkout(client)

    fill_details(client, participants=2)  # back, and on again without changing anything
    follow_to(client, submit(client))

    (only,) = our_bookings(sandbox)
    assert only["status"] == "CREATED"
    assert len(sandbox.carts()) + len(sandbox.checkouts()) == 1


def test_participants_changed_by_a_link_are_booked_as_shown(
    client: Client, sandbox: Sandbox
) -> None:
    choose_first_slot(client, YOGA, min_spots=4, date="2026-12-15")
    fill_details(client, participants=1)
    _cancel_checkout(client)
    (first,) = our_bookings(sandbox)

    client.get(f"/services/{YOGA}/", {"participants": "3"})  # a shared link, not the form
    review = client.get("/book/review/")
    assert "£54" in review.content.decode()
    follow_to(client, submit(client))

    states = {b["id"]: b for b in our_bookings(sandbox)}
    assert states.pop(first["id"])["status"] == "CANCELED"
    (second,) = states.values()
    assert second["totalParticipants"] == 3
    assert _basket_total(sandbox, second["id"]) == Decimal("54")


def test_parallel_submits_after_a_link_changed_the_booking_make_one_new_booking(
    client: Client, sandbox: Sandbox
) -> None:
    choose_first_slot(client, YOGA, min_spots=4, date="2026-12-15")
    fill_details(client, participants=1)
    _cancel_checkout(client)
    client.get(f"/services/{YOGA}/", {"participants": "2"})
    session_cookie = client.cookies["sessionid"].value
    sandbox.set_latency(0.05)  # the tabs overlap while the first booking is being cancelled
    answers = []

    def press_submit() -> None:
        tab = Client()
        tab.cookies["sessionid"] = session_cookie
        answers.append(tab.post("/book/submit/"))

    tabs = [threading.Thread(target=press_submit) for _ in range(4)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join(timeout=30)

    live = [b for b in our_bookings(sandbox) if b["status"] != "CANCELED"]
    assert [b["totalParticipants"] for b in live] == [2]
    assert len(answers) == 4
