"""Issue 18: a plan that pays only part of a booking (an add-on charged online) goes through
Wix's hosted checkout for the rest, and the plan is redeemed when that is paid (§28.3 step 5).
"""

from __future__ import annotations

from django.test import Client

from tests.integration.helpers import (
    fill_details,
    follow_to,
    hosted_checkout_action,
    our_bookings,
    status_after,
)
from tests.integration.members_helpers import sign_in
from tests.integration.test_members_and_plans import _left, _plan_value, _with_room
from wix_sandbox import Sandbox


def test_a_plan_with_an_online_add_on_left_to_pay_goes_through_the_hosted_checkout(
    client: Client, sandbox: Sandbox
) -> None:
    sandbox.set_online_addon("yoga", "5.00")
    sign_in(client)
    before = _left(sandbox)
    details = _with_room(client, "vinyasa-flow", 1)
    fill_details(client, participants=1, payment_option=_plan_value(details))

    sent = client.post("/book/submit/")

    # Something left to pay: Wix's hosted checkout, not a placed order.
    assert sent.status_code == 302
    assert "/_wix-sandbox/checkout/" in sent["Location"]
    assert sandbox.call_counts().get("ecom.place_order", 0) == 0
    booking = our_bookings(sandbox)[-1]
    assert booking["selectedPaymentOption"] == "MEMBERSHIP"
    assert _left(sandbox) == before  # nothing redeemed until the rest is paid
    cart = sandbox.carts()[-1]
    assert cart["lineItems"][0]["paymentOption"] == "MEMBERSHIP"

    checkout = follow_to(client, sent)
    assert "£5" in checkout.content.decode()
    paid = hosted_checkout_action(client, checkout, "Pay")
    status = status_after(client, paid)

    assert status.status_code == 200
    assert _left(sandbox) == before - 1  # the plan paid the session
    booking = our_bookings(sandbox)[-1]
    assert booking["status"] == "CONFIRMED"
    assert sandbox.call_counts().get("bookings.confirm", 0) == 0  # Wix confirms on redemption
