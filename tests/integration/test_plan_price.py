"""Issue 18: a booking a plan pays says so in its price box, from details to confirmation."""

from __future__ import annotations

from django.test import Client

from tests.integration.helpers import CONTACT, fill_details, page_text, soup
from tests.integration.members_helpers import sign_in
from tests.integration.test_members_and_plans import _plan_value, _with_room
from wix_sandbox import Sandbox


def _price_box(page) -> str:
    box = soup(page).select_one("#price-summary")
    assert box is not None
    return box.get_text(" ", strip=True)


def test_the_price_box_says_what_the_plan_covers_and_that_nothing_is_due(
    client: Client, sandbox: Sandbox
) -> None:
    sign_in(client)
    details = _with_room(client, "vinyasa-flow", 2)
    plan = _plan_value(details)

    # The live price, as the page asks for it when the plan radio is chosen.
    preview = client.post(
        "/book/details/",
        {**CONTACT, "participants": 2, "payment_option": plan, "preview": "1"},
        HTTP_HX_REQUEST="true",
    )
    box = _price_box(preview)
    assert "Paid with your 10-class pass (2 sessions, one per participant)" in box
    assert "Due now £0" in box
    assert "Total" not in box

    review = fill_details(client, participants=2, payment_option=plan)
    summary = page_text(review)
    assert "Paid with your 10-class pass (2 sessions, one per participant)" in summary
    assert "Due now £0" in summary
    assert "Price £" not in summary

    # Back on the details page, the choice kept: the box reads the same.
    again = _price_box(client.get("/book/details/"))
    assert "Paid with your 10-class pass (2 sessions, one per participant)" in again
    assert "Due now £0" in again

    done = client.post("/book/submit/", follow=True)
    confirmation = page_text(done)
    assert "Paid with your 10-class pass (2 sessions, one per participant)" in confirmation
    assert "Due now" not in confirmation  # paid: nothing was or is due


def test_paying_per_session_the_box_shows_the_total_as_before(
    client: Client, sandbox: Sandbox
) -> None:
    sign_in(client)
    details = _with_room(client, "vinyasa-flow", 1)
    preview = client.post(
        "/book/details/",
        {**CONTACT, "participants": 1, "payment_option": "ONLINE", "preview": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert details.status_code == 200
    box = _price_box(preview)
    assert "Total: £" in box
    assert "Paid with your" not in box
