"""After the booking exists: the words follow the state, never "Nothing was booked".

The status read after payment may fail (503, 429, a timeout, an unreadable answer); the cart
step after Create Booking may fail. The booking exists in both cases, so the customer is told
what is true and how it goes on: the page refreshes itself, or the next submit resumes.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from booking_site.models import Submission
from tests.integration.helpers import (
    follow_to,
    hosted_checkout_action,
    our_bookings,
    page_text,
    pay_at_checkout,
    reach_review,
    soup,
    status_after,
    submit,
)
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)

MASSAGE = "deep-tissue-massage"
READ = ["extended_bookings.query"]


def _refresh(response: Any) -> str | None:
    meta = soup(response).select_one("meta[http-equiv=refresh]")
    return str(meta["content"]) if meta else None


def _paid_and_back(client: Client, sandbox: Sandbox, *fault: str) -> Any:
    """Book a massage, pay on Wix's page, and come back while the status read fails."""
    reach_review(client, MASSAGE)
    checkout = follow_to(client, submit(client))
    back = hosted_checkout_action(client, checkout, "Pay")
    sandbox.inject_faults(kind=fault[0], rate=1.0, endpoints=READ, timeout_seconds=0)  # type: ignore[arg-type]
    return status_after(client, back)


@pytest.mark.parametrize("kind", ["503", "429", "timeout", "garble_after"])
def test_status_read_failing_after_payment_says_confirming_and_refreshes(
    client: Client, sandbox: Sandbox, kind: str
) -> None:
    status = _paid_and_back(client, sandbox, kind)

    assert status.status_code == 200
    assert "We're confirming your payment; this page refreshes itself" in page_text(status)
    assert "Nothing was booked" not in page_text(status)
    refresh = _refresh(status)
    assert refresh is not None
    assert refresh.split(";")[0].strip().isdigit()
    assert "/book/status/?ref=" in refresh
    assert soup(status).select("script:not([src])") == []  # the CSP forbids inline script
    sandbox.clear_faults()
    again = client.get(refresh.split("url=", 1)[1])
    assert soup(again).h1.get_text(strip=True) == "You're booked"


def test_status_read_failing_without_an_order_id_says_the_booking_is_kept(
    client: Client, sandbox: Sandbox
) -> None:
    reach_review(client, MASSAGE)
    checkout = follow_to(client, submit(client))
    back = hosted_checkout_action(client, checkout, "Cancel")
    sandbox.inject_faults(kind="503", rate=1.0, endpoints=READ)

    status = status_after(client, back)

    assert "Nothing was booked" not in page_text(status)
    assert "couldn't check your booking just now" in page_text(status)
    assert _refresh(status) is not None


@pytest.mark.parametrize("kind", ["503", "429", "garble_after"])
def test_cart_step_failing_after_create_keeps_the_booking_and_the_retry_resumes_it(
    client: Client, sandbox: Sandbox, kind: str
) -> None:
    reach_review(client, MASSAGE)
    sandbox.inject_faults(kind=kind, rate=1.0, endpoints=["carts.create"])  # type: ignore[arg-type]

    failed = submit(client)

    assert failed.status_code == 503
    assert "Nothing was booked" not in page_text(failed)
    assert "your time is held" in page_text(failed)
    assert [b["status"] for b in our_bookings(sandbox)] == ["CREATED"]
    sandbox.clear_faults()
    resumed = submit(client)
    assert "/_wix-sandbox/checkout/" in resumed["Location"]
    status = pay_at_checkout(client, resumed)
    assert soup(status).h1.get_text(strip=True) == "You're booked"
    assert [b["status"] for b in our_bookings(sandbox)] == ["CONFIRMED"]
    if kind != "garble_after":  # a garbled answer hides the cart's id: the retry makes another
        assert len(sandbox.carts()) == 1


def test_cart_step_refused_for_good_cancels_the_created_booking(
    client: Client, sandbox: Sandbox
) -> None:
    reach_review(client, MASSAGE)
    sandbox.set_misconfiguration("site_not_accepting_payments")

    refused = submit(client)

    assert "Online payment isn't available" in page_text(refused)
    assert [b["status"] for b in our_bookings(sandbox)] == ["CANCELED"]  # not left holding the slot


def _cancelled_at_checkout(client: Client) -> None:
    reach_review(client, MASSAGE)
    checkout = follow_to(client, submit(client))
    status = status_after(client, hosted_checkout_action(client, checkout, "Cancel"))
    assert soup(status).h1.get_text(strip=True) == "Payment not completed"


@pytest.mark.parametrize("action", ["/book/resume-payment/", "/book/submit/"])
def test_a_cart_id_wix_no_longer_knows_is_replaced_and_payment_goes_on(
    client: Client, sandbox: Sandbox, action: str
) -> None:
    _cancelled_at_checkout(client)
    Submission.objects.update(ecom_id="0000dead-cart-id")  # kept garbled, or gone at Wix

    again = client.post(action)

    assert again.status_code == 302, page_text(again)
    assert "/_wix-sandbox/checkout/" in again["Location"]
    status = pay_at_checkout(client, again)
    assert soup(status).h1.get_text(strip=True) == "You're booked"
    assert Submission.objects.get().ecom_id == sandbox.carts()[-1]["id"]


def test_forged_order_id_without_api_key_is_not_booking_received(
    client: Client, sandbox: Sandbox, keyless: None
) -> None:
    _cancelled_at_checkout(client)
    ref = Submission.objects.get().ref

    forged = client.get(f"/book/return/?ref={ref}&orderId=forged", follow=True)

    assert soup(forged).h1.get_text(strip=True) == "Payment not completed"
    assert "Booking received" not in page_text(forged)
    paying = follow_to(client, client.post("/book/resume-payment/"))
    status = status_after(client, hosted_checkout_action(client, paying, "Pay"))
    assert soup(status).h1.get_text(strip=True) == "Booking received"


@pytest.mark.parametrize("action", ["/book/resume-payment/", "/book/submit/"])
@pytest.mark.parametrize("identity", ["api_key", "keyless"])
def test_after_paying_resume_or_book_again_opens_the_status_page(
    client: Client, sandbox: Sandbox, action: str, identity: str, request: Any
) -> None:
    if identity == "keyless":
        request.getfixturevalue("keyless")
    reach_review(client, MASSAGE)
    checkout = follow_to(client, submit(client))
    status_after(client, hosted_checkout_action(client, checkout, "Pay"))
    sessions = sandbox.call_counts()["redirects.create"]

    again = client.post(action)

    assert again.status_code == 302
    assert again["Location"].startswith("/book/status/?ref=")
    assert soup(client.get(again["Location"])).h1.get_text(strip=True) in (
        "You're booked",
        "Booking received",
    )
    assert sandbox.call_counts()["redirects.create"] == sessions  # no unpayable checkout
