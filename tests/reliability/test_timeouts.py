"""A Wix timeout during Create Booking: find out whether the booking exists before a retry.

Over real HTTP with a 0.5 s read timeout, the sandbox answers Create Booking after 1 s, either
without having stored the booking (``timeout``) or after storing it (``timeout_after``, the
dangerous case). The site looks the booking up by our reference (``externalUserId``) with the
API key, adopts it if it exists, and only then lets the customer try again.
"""

from __future__ import annotations

from typing import Any

import httpx
from pytest_django.fixtures import Settings

from booking_site.wix import reset_client
from tests.integration.helpers import soup
from tests.reliability.conftest import FIGURES
from tests.reliability.journey import Customer, pay_on_hosted_page
from tests.reliability.servers import SandboxControl
from wix_sandbox import Sandbox

CREATE = ["bookings.create"]


def _at_review(wix: SandboxControl) -> Customer:
    customer = Customer(wix, 1)
    assert customer.choose(customer.pick_slot() or "")
    assert customer.give_details()
    return customer


def _ours(wix: SandboxControl) -> list[str]:
    return [b["externalUserId"] for b in wix.state()["bookings"] if b.get("externalUserId")]


def _text(response: Any) -> str:
    return " ".join(soup(response).get_text(" ").split())


def test_sandbox_timeout_faults_differ_in_whether_the_booking_is_stored() -> None:
    for kind, stored in (("timeout", 0), ("timeout_after", 1)):
        box = Sandbox()
        box.inject_faults(kind=kind, rate=1.0, endpoints=CREATE, timeout_seconds=0)
        api = httpx.Client(transport=httpx.WSGITransport(app=box.app), base_url="http://wix")
        slot_event = next(b for b in box.bookings() if "eventId" in b["bookedEntity"]["slot"])
        body = {
            "booking": {
                "bookedEntity": {"slot": {**slot_event["bookedEntity"]["slot"]}},
                "contactDetails": {"firstName": "A", "lastName": "B", "email": "a@example.com"},
                "totalParticipants": 1,
                "externalUserId": "probe",
            }
        }
        headers = {"Authorization": box.api_key, "wix-site-id": box.site_id}

        answer = api.post("/bookings/v2/bookings", json=body, headers=headers)

        assert answer.status_code == 504
        assert len([b for b in box.bookings() if b.get("externalUserId") == "probe"]) == stored


def test_timeout_before_storing_checks_wix_then_lets_the_customer_retry(
    remote_wix: SandboxControl,
) -> None:
    customer = _at_review(remote_wix)
    remote_wix.inject("timeout", 1.0, endpoints=CREATE, timeout=1.0)

    failed = customer.request("POST", "/book/submit/")

    calls = remote_wix.calls()
    assert failed.status_code == 503
    assert "Nothing was booked" in _text(failed)  # true: Wix was asked
    assert (calls["bookings.create"], calls["extended_bookings.query"]) == (1, 1)
    assert _ours(remote_wix) == []
    remote_wix.clear_faults()
    retried = customer.request("POST", "/book/submit/")
    calls = remote_wix.calls()
    assert retried.status_code == 302
    assert _ours(remote_wix) == [customer.ref]
    # Checked once more before creating: Wix might have finished the first request late.
    assert (calls["bookings.create"], calls["extended_bookings.query"]) == (2, 2)


def test_timeout_after_storing_adopts_the_booking_and_goes_on_to_pay(
    remote_wix: SandboxControl,
) -> None:
    customer = _at_review(remote_wix)
    remote_wix.inject("timeout_after", 1.0, endpoints=CREATE, timeout=1.0)

    to_wix = customer.request("POST", "/book/submit/")

    calls = remote_wix.calls()
    FIGURES.append(
        "Create Booking timed out after storing: "
        f"{calls['bookings.create']} create, {calls['extended_bookings.query']} lookup, "
        f"{len(_ours(remote_wix))} booking, answer {to_wix.status_code} to checkout"
    )
    assert to_wix.status_code == 302
    assert "/checkout/" in to_wix["Location"]
    assert (calls["bookings.create"], calls["extended_bookings.query"]) == (1, 1)
    assert _ours(remote_wix) == [customer.ref]
    remote_wix.clear_faults()
    done = pay_on_hosted_page(customer.client, to_wix["Location"])
    assert soup(done).h1.get_text(strip=True) == "You're booked"
    assert _ours(remote_wix) == [customer.ref]


def test_timeout_with_wix_still_unreachable_says_so_and_never_books_twice(
    remote_wix: SandboxControl,
) -> None:
    customer = _at_review(remote_wix)
    remote_wix.inject("timeout_after", 1.0, endpoints=CREATE, timeout=1.0)
    remote_wix.inject("503", 1.0, endpoints=["extended_bookings.query"])

    unsure = customer.request("POST", "/book/submit/")

    assert unsure.status_code == 503
    assert "couldn't check yet whether your booking went through" in _text(unsure)
    assert "won't be booked twice" in _text(unsure)
    assert remote_wix.calls()["extended_bookings.query"] == 3  # a read: retried, bounded
    remote_wix.clear_faults()
    to_wix = customer.request("POST", "/book/submit/")
    assert to_wix.status_code == 302
    assert remote_wix.calls()["bookings.create"] == 1
    assert _ours(remote_wix) == [customer.ref]


def test_timeout_without_api_key_tells_the_customer_to_check_before_retrying(
    remote_wix: SandboxControl, settings: Settings
) -> None:
    settings.WIX = {**settings.WIX, "API_KEY": None, "SITE_ID": None}
    reset_client()
    customer = _at_review(remote_wix)
    remote_wix.inject("timeout_after", 1.0, endpoints=CREATE, timeout=1.0)

    first = customer.request("POST", "/book/submit/")
    remote_wix.clear_faults()
    second = customer.request("POST", "/book/submit/")

    for answer in (first, second):
        assert answer.status_code == 409
        assert "your booking may already have gone through" in _text(answer)
        assert "check your email" in _text(answer)
    assert remote_wix.calls()["bookings.create"] == 1  # without a way to ask Wix, never again
    assert _ours(remote_wix) == [customer.ref]
