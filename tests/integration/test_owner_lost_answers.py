"""Owner mode when Wix acts but its answer is lost: the retry finds out, never books twice.

Create Booking and Confirm-or-Decline with a lost, empty or garbled answer (sandbox faults that
do the work first) go through the same recovery as the customer's submit
(``services/submit_core.py``): the booking is looked up by our reference, or read back, before
anything is written again.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from wix_sandbox import Sandbox

from .helpers import soup
from .test_owner_booking import _book, _facts

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def owner(client: Client, sandbox: Sandbox) -> Client:
    staff = User.objects.create_user("desk", password="a-long-passphrase", is_staff=True)
    client.force_login(staff)
    return client


def _ours(sandbox: Sandbox) -> list[dict[str, Any]]:
    return [b for b in sandbox.bookings() if str(b.get("externalUserId", "")).startswith("owner-")]


def _alert(page: Any) -> str:
    return " ".join(soup(page).select_one("[role=alert]").get_text(" ").split())


def test_create_timeout_with_failed_lookup_then_staff_retry_books_once(
    owner: Client,
    sandbox: Sandbox,
) -> None:
    _book(owner, "deep-tissue-massage", payment="venue")
    sandbox.inject_faults(
        kind="timeout_after", rate=1.0, endpoints=["bookings.create"], timeout_seconds=0
    )
    sandbox.inject_faults(kind="503", rate=1.0, endpoints=["extended_bookings.query"])

    unsure = owner.post("/owner/book/submit/")

    assert unsure.status_code == 503
    assert "won't be booked twice" in _alert(unsure)
    assert len(_ours(sandbox)) == 1  # Wix stored it although the answer was lost
    sandbox.clear_faults()
    retried = owner.post("/owner/book/submit/")

    assert retried.status_code == 302, retried.content[:600]
    assert len(_ours(sandbox)) == 1
    page = owner.get(retried["Location"])
    assert _facts(page) == ("Confirmed", "Not paid", "No")


@pytest.mark.parametrize("kind", ["timeout_after", "drop_after", "empty_after", "garble_after"])
def test_lost_confirm_or_decline_answer_in_owner_mode_ends_confirmed_once(
    owner: Client, sandbox: Sandbox, kind: str
) -> None:
    _book(owner, "deep-tissue-massage", payment="free")
    sandbox.inject_faults(
        kind=kind,  # type: ignore[arg-type]
        rate=1.0,
        endpoints=["bookings.confirm_or_decline"],
        timeout_seconds=0,
    )

    first = owner.post("/owner/book/submit/")
    sandbox.clear_faults()
    settled = first if first.status_code == 302 else owner.post("/owner/book/submit/")

    assert settled.status_code == 302, _alert(settled)
    assert _facts(owner.get(settled["Location"])) == ("Confirmed", "Nothing to pay", "No")
    assert [b["status"] for b in _ours(sandbox)] == ["CONFIRMED"]


def test_confirm_refused_by_a_passing_outage_keeps_the_booking_for_the_retry(
    owner: Client, sandbox: Sandbox
) -> None:
    _book(owner, "deep-tissue-massage", payment="venue")
    sandbox.inject_faults(kind="503", rate=1.0, endpoints=["bookings.confirm_or_decline"])

    failed = owner.post("/owner/book/submit/")

    assert failed.status_code == 503
    assert "Nothing was booked" not in _alert(failed)
    assert "your time is held" in _alert(failed)
    sandbox.clear_faults()
    retried = owner.post("/owner/book/submit/")
    assert _facts(owner.get(retried["Location"])) == ("Confirmed", "Not paid", "No")
    assert len(_ours(sandbox)) == 1


def test_payment_link_retry_after_a_failed_redirect_session_reuses_the_cart(
    owner: Client, sandbox: Sandbox
) -> None:
    # The staff payment link settles through the same core as the customer's checkout: the
    # cart is remembered as soon as it exists, so a retry makes no second cart.
    _book(owner, "deep-tissue-massage", payment="link")
    sandbox.inject_faults(kind="503", rate=1.0, endpoints=["redirects.create"])

    failed = owner.post("/owner/book/submit/")

    assert failed.status_code == 503
    assert "your time is held" in _alert(failed)
    sandbox.clear_faults()
    retried = owner.post("/owner/book/submit/")

    assert retried.status_code == 302, _alert(retried)
    page = soup(owner.get(retried["Location"]))
    assert "/_wix-sandbox/checkout/" in page.select_one("input#payment-link")["value"]
    assert len(_ours(sandbox)) == 1
    booking_id = _ours(sandbox)[0]["id"]
    carts = [
        c
        for c in sandbox.carts()
        if any(
            (line.get("catalogReference") or {}).get("catalogItemId") == booking_id
            for line in c.get("lineItems", [])
        )
    ]
    assert len(carts) == 1
