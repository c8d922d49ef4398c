"""The customer's submit when Wix acts but its answer is lost, empty or unreadable.

Sandbox faults that do the work first (``timeout_after``, ``drop_after``, ``empty_after``,
``garble_after``) stand in for a proxy that drops or spoils Wix's answer. Whatever Wix did is
found out (looked up by our reference, or read back) before anything is written again, and the
customer is never told "Nothing was booked" about a booking that exists.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.integration.helpers import (
    follow_to,
    our_bookings,
    page_text,
    pay_at_checkout,
    reach_review,
    soup,
    submit,
)
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)

MASSAGE = "deep-tissue-massage"
CONSULTATION = "wellbeing-consultation"
SPOILED = ["drop_after", "empty_after", "garble_after"]


@pytest.mark.parametrize("kind", SPOILED)
def test_unreadable_create_booking_answer_adopts_the_booking_and_goes_to_pay(
    client: Client, sandbox: Sandbox, kind: str
) -> None:
    reach_review(client, MASSAGE)
    sandbox.inject_faults(kind=kind, rate=1.0, endpoints=["bookings.create"])  # type: ignore[arg-type]

    to_wix = submit(client)

    assert to_wix.status_code == 302, page_text(to_wix)
    assert "/_wix-sandbox/checkout/" in to_wix["Location"]
    assert sandbox.call_counts()["extended_bookings.query"] == 1
    sandbox.clear_faults()
    status = pay_at_checkout(client, to_wix)
    assert soup(status).h1.get_text(strip=True) == "You're booked"
    assert [b["status"] for b in our_bookings(sandbox)] == ["CONFIRMED"]


@pytest.mark.parametrize("kind", SPOILED)
def test_unreadable_create_booking_answer_without_api_key_never_creates_again(
    client: Client, sandbox: Sandbox, keyless: None, kind: str
) -> None:
    reach_review(client, MASSAGE)
    sandbox.inject_faults(kind=kind, rate=1.0, endpoints=["bookings.create"])  # type: ignore[arg-type]

    first = submit(client)
    sandbox.clear_faults()
    second = submit(client)

    for answer in (first, second):
        assert answer.status_code == 409
        assert "your booking may already have gone through" in page_text(answer)
        assert "someone else" not in page_text(answer)
    assert sandbox.call_counts()["bookings.create"] == 1
    assert len(our_bookings(sandbox)) == 1


LOST = ["timeout_after", *SPOILED]
CONFIRM = ["bookings.confirm_or_decline"]


@pytest.mark.parametrize("kind", LOST)
def test_lost_confirm_or_decline_answer_is_read_back_as_booked(
    client: Client, sandbox: Sandbox, kind: str
) -> None:
    reach_review(client, CONSULTATION)
    sandbox.inject_faults(kind=kind, rate=1.0, endpoints=CONFIRM, timeout_seconds=0)  # type: ignore[arg-type]

    done = submit(client)

    assert done.status_code == 302, page_text(done)
    status = follow_to(client, done)
    assert soup(status).h1.get_text(strip=True) == "You're booked"
    assert [b["status"] for b in our_bookings(sandbox)] == ["CONFIRMED"]
    assert sandbox.call_counts()["bookings.confirm_or_decline"] == 1


def test_lost_confirm_answer_and_failed_read_back_then_retry_is_booked_once(
    client: Client, sandbox: Sandbox
) -> None:
    reach_review(client, CONSULTATION)
    sandbox.inject_faults(kind="timeout_after", rate=1.0, endpoints=CONFIRM, timeout_seconds=0)
    sandbox.inject_faults(kind="503", rate=1.0, endpoints=["extended_bookings.query"])

    unsure = submit(client)

    assert unsure.status_code == 503
    assert "Nothing was booked" not in page_text(unsure)
    assert "won't be booked twice" in page_text(unsure)
    sandbox.clear_faults()
    again = submit(client)  # Wix now answers 428 BOOKING_STATUS_ALREADY_SET: that is success
    assert again.status_code == 302, page_text(again)
    assert soup(follow_to(client, again)).h1.get_text(strip=True) == "You're booked"
    assert [b["status"] for b in our_bookings(sandbox)] == ["CONFIRMED"]


def test_lost_place_order_answer_without_api_key_is_settled_by_the_retry(
    client: Client, sandbox: Sandbox, keyless: None
) -> None:
    reach_review(client, CONSULTATION)
    sandbox.inject_faults(
        kind="timeout_after", rate=1.0, endpoints=["carts.place_order"], timeout_seconds=0
    )

    unsure = submit(client)

    assert unsure.status_code == 503
    assert "Nothing was booked" not in page_text(unsure)
    sandbox.clear_faults()
    again = submit(client)  # the cart is already ordered: Wix's answer names the order
    assert again.status_code == 302, page_text(again)
    assert soup(follow_to(client, again)).h1.get_text(strip=True) == "Booking received"
    assert [b["status"] for b in our_bookings(sandbox)] == ["CONFIRMED"]
    assert len(sandbox.orders()) == 1
