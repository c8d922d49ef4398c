"""Booking submission is rate limited per client, with a friendly 429 page."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings

from booking_site.ratelimit import client_key
from booking_site.views.booking import SUBMIT_LIMIT_PER_MINUTE
from tests.integration.helpers import choose_first_slot, fill_details, soup
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)


def _at_review(address: str, **query: str) -> Client:
    client = Client(REMOTE_ADDR=address)
    choose_first_slot(client, "deep-tissue-massage", **query)
    assert fill_details(client).status_code == 200
    return client


def test_submits_beyond_the_limit_get_a_friendly_429(sandbox: Sandbox) -> None:
    client = _at_review("192.0.2.10", staff=sandbox.demo.staff("maya"))

    allowed = [client.post("/book/submit/") for _ in range(SUBMIT_LIMIT_PER_MINUTE)]
    throttled = client.post("/book/submit/", HTTP_X_FORWARDED_FOR="203.0.113.99")
    other_client = _at_review("192.0.2.11", staff=sandbox.demo.staff("tom")).post("/book/submit/")

    assert SUBMIT_LIMIT_PER_MINUTE == 10
    assert [r.status_code for r in allowed] == [302] * SUBMIT_LIMIT_PER_MINUTE
    # X-Forwarded-For is not trusted by default, so a forged one does not escape the limit.
    assert throttled.status_code == 429
    assert throttled["Retry-After"] == "60"
    page = soup(throttled)
    assert page.h1.get_text(strip=True) == "Please slow down a little"
    assert "Please wait 60 seconds and try again" in page.select_one("[role=alert]").get_text()
    assert other_client.status_code == 302
    # Only one Wix booking for all those presses.
    assert len([b for b in sandbox.bookings() if b.get("externalUserId")]) == 2


def test_forwarded_for_counts_only_behind_a_trusted_proxy() -> None:
    factory = RequestFactory()

    def key(forwarded: str, peer: str = "10.0.0.1") -> str:
        return client_key(factory.get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded))

    assert key("198.51.100.1") == key("198.51.100.2")  # default: the header is ignored
    with override_settings(TRUST_X_FORWARDED_FOR=True):
        # The proxy appends the real client; anything before it came from the client.
        assert key("6.6.6.6, 198.51.100.1") == key("7.7.7.7, 198.51.100.1")
        assert key("198.51.100.1") != key("198.51.100.2")
        assert key("", peer="10.0.0.1") == key("", peer="10.0.0.1")
        assert key("", peer="10.0.0.1") != key("", peer="10.0.0.2")
