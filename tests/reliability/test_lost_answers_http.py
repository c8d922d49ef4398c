"""Wix acts, then the connection drops mid-answer, over real HTTP (the proxy the attack used).

The sandbox's ``drop_after`` sends half of a success body under the full ``Content-Length``
and closes the connection, so httpx sees a broken transfer (not a timeout). The booking exists
at Wix; the site must find it by our reference and carry on, exactly once.
"""

from __future__ import annotations

from tests.integration.helpers import soup
from tests.reliability.journey import Customer, pay_on_hosted_page
from tests.reliability.servers import SandboxControl


def _ours(wix: SandboxControl) -> list[str]:
    return [b["externalUserId"] for b in wix.state()["bookings"] if b.get("externalUserId")]


def test_connection_dropped_after_create_booking_adopts_the_booking(
    remote_wix: SandboxControl,
) -> None:
    customer = Customer(remote_wix, 1)
    assert customer.choose(customer.pick_slot() or "")
    assert customer.give_details()
    remote_wix.inject("drop_after", 1.0, endpoints=["bookings.create"])

    to_wix = customer.request("POST", "/book/submit/")

    calls = remote_wix.calls()
    assert to_wix.status_code == 302
    assert "/checkout/" in to_wix["Location"]
    assert (calls["bookings.create"], calls["extended_bookings.query"]) == (1, 1)
    remote_wix.clear_faults()
    done = pay_on_hosted_page(customer.client, to_wix["Location"])
    assert soup(done).h1.get_text(strip=True) == "You're booked"
    assert _ours(remote_wix) == [customer.ref]
