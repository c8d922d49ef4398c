"""Pages reading a stored booking snapshot never fail on an odd row or odd visitor tokens.

The snapshot in ``Submission.summary`` and the visitor tokens in the draft are read through
one typed conversion each (``BookingSnapshot.from_json``, ``session.tokens_from_json``).
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from booking_site.models import Submission
from booking_site.session import SESSION_KEY
from tests.integration.helpers import (
    choose_first_slot,
    fill_details,
    follow_to,
    hosted_checkout_action,
    status_after,
    submit,
)
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)


def _paid(client: Client) -> Submission:
    choose_first_slot(client, "deep-tissue-massage")
    fill_details(client)
    checkout = follow_to(client, submit(client))
    status = status_after(client, hosted_checkout_action(client, checkout, "Pay"))
    assert status.status_code == 200
    row = Submission.objects.get()
    assert row.summary["service_name"]
    return row


def test_calendar_file_of_a_row_with_an_unknown_time_zone_is_served_without_times(
    client: Client, sandbox: Sandbox
) -> None:
    row = _paid(client)
    Submission.objects.filter(ref=row.ref).update(
        summary={**row.summary, "time_zone": "Mars/Olympus", "participants": "2"}
    )
    cache.clear()  # the status read is shared for a few seconds: read the damaged row

    ics = client.get("/book/booking.ics")
    status = client.get(f"/book/status/?ref={row.ref}")

    assert ics.status_code == 200
    text = ics.content.decode()
    assert "SUMMARY:Deep tissue massage" in text
    assert "DTSTART" not in text  # no time rather than a wrong one
    assert status.status_code == 200


def test_unreadable_visitor_tokens_in_the_draft_are_not_a_server_error(
    client: Client, sandbox: Sandbox
) -> None:
    bookings_before = len(sandbox.bookings())
    choose_first_slot(client, "deep-tissue-massage")
    fill_details(client)
    follow_to(client, submit(client))  # at Wix's checkout, then back without paying
    session = client.session
    session[SESSION_KEY] = {**session[SESSION_KEY], "visitor_tokens": {"access_token": ""}}
    session.save()

    resumed = client.post("/book/resume-payment/")

    # A fresh visitor acts for the customer: the old visitor's cart is not theirs, so a new
    # cart is made for the same booking and the customer goes on to pay it.
    assert resumed.status_code == 302, resumed.content[:400]
    paid = hosted_checkout_action(client, follow_to(client, resumed), "Pay")
    assert "You're booked" in status_after(client, paid).content.decode()
    assert len(sandbox.bookings()) == bookings_before + 1
