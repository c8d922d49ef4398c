"""The customer's submit when Wix acts but its answer is lost, empty or unreadable.

Sandbox faults that do the work first (``timeout_after``, ``drop_after``, ``empty_after``,
``garble_after``) stand in for a proxy that drops or spoils Wix's answer. Whatever Wix did is
found out (looked up by our reference, or read back) before anything is written again, and the
customer is never told "Nothing was booked" about a booking that exists.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.integration.helpers import (
    choose_first_slot,
    fill_details,
    follow_to,
    hosted_checkout_action,
    soup,
    status_after,
    submit,
)
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)

MASSAGE = "deep-tissue-massage"
CONSULTATION = "wellbeing-consultation"
SPOILED = ["drop_after", "empty_after", "garble_after"]


def _ours(sandbox: Sandbox) -> list[dict[str, Any]]:
    return [b for b in sandbox.bookings() if b.get("externalUserId")]


def _text(response: Any) -> str:
    return " ".join(soup(response).get_text(" ").split())


@pytest.mark.parametrize("kind", SPOILED)
def test_unreadable_create_booking_answer_adopts_the_booking_and_goes_to_pay(
    client: Client, sandbox: Sandbox, kind: str
) -> None:
    choose_first_slot(client, MASSAGE)
    fill_details(client)
    sandbox.inject_faults(kind=kind, rate=1.0, endpoints=["bookings.create"])  # type: ignore[arg-type]

    to_wix = submit(client)

    assert to_wix.status_code == 302, _text(to_wix)
    assert "/_wix-sandbox/checkout/" in to_wix["Location"]
    assert sandbox.call_counts()["extended_bookings.query"] == 1
    sandbox.clear_faults()
    status = status_after(client, hosted_checkout_action(client, follow_to(client, to_wix), "Pay"))
    assert soup(status).h1.get_text(strip=True) == "You're booked"
    assert [b["status"] for b in _ours(sandbox)] == ["CONFIRMED"]
