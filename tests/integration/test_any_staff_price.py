"""Anyone available on a staff-priced service: the price is the one of the person booked.

Physiotherapy is £70 with Priya and £55 with Maya (a STAFF_MEMBER option, §21). With
"anyone available" nobody is chosen until the submit's re-check picks a free person, so the
pages before it say the range, and the confirmation and the cart say that person's price.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.integration.helpers import choose_first_slot, fill_details, our_bookings, page_text
from tests.integration.test_deposits_and_variants import BY_STAFF, _pay
from wix_sandbox import Sandbox

pytestmark = pytest.mark.django_db(transaction=True)

PRICES = {"priya": "70.00", "maya": "55.00"}


def _booked_staff(sandbox: Sandbox, email: str) -> str:
    [booking] = [b for b in our_bookings(sandbox) if b["contactDetails"]["email"] == email]
    return str(booking["bookedEntity"]["slot"]["resource"]["id"])


def test_before_the_submit_the_pages_say_the_range_and_why(client: Client) -> None:
    choose_first_slot(client, BY_STAFF)  # anyone available

    details = page_text(client.get("/book/details/"))
    review = page_text(fill_details(client))

    for text in (details, review):
        assert "£55 to £70" in text
        assert "The price depends on which therapist takes your booking" in text
    assert "£70 Payment" not in review  # not the service's base price alone


@pytest.mark.parametrize("taken_first", [None, "priya"])
def test_the_confirmation_says_the_price_of_the_person_booked(
    client: Client, sandbox: Sandbox, taken_first: str | None
) -> None:
    if taken_first:  # someone books Priya first, so the re-check books Maya at the next time
        other = Client()
        choose_first_slot(other, BY_STAFF, staff=sandbox.demo.staff(taken_first))
        fill_details(other, email="first@example.com")
        _pay(other, sandbox)
    choose_first_slot(client, BY_STAFF)
    fill_details(client, email="ann.lee@example.com")

    checkout, status = _pay(client, sandbox)

    staff = _booked_staff(sandbox, "ann.lee@example.com")
    [person] = [name for name in PRICES if sandbox.demo.staff(name) == staff]
    assert taken_first is None or person != taken_first
    price = PRICES[person]
    cart_prices = [c["lineItems"][0]["price"]["amount"] for c in sandbox.carts()]
    assert cart_prices[-1] == price
    shown = f"£{price.removesuffix('.00')}"
    assert f"Pay {shown}.00" in checkout
    assert f"Price {shown} Payment Paid" in page_text(status)
