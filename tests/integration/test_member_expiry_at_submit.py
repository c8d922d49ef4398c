"""A member's sign-in running out between the review and the submit (Wix refuses the refresh
token): nothing is booked in their name, they are signed out visibly, and the booking in
progress is kept for them to finish as a visitor or after signing in again."""

from __future__ import annotations

from django.test import Client

from tests.integration.helpers import fill_details, our_bookings, page_text, soup
from tests.integration.members_helpers import sign_in
from tests.integration.test_member_sign_in_expiry import (
    EXPIRED,
    _access_token_runs_out,
    _header,
    _revoke_member_refresh_tokens,
)
from tests.integration.test_members_and_plans import _left, _plan_value, _with_room
from wix_sandbox import Sandbox


def test_a_refused_refresh_at_submit_books_nothing_and_keeps_the_booking(
    client: Client, sandbox: Sandbox
) -> None:
    sign_in(client)
    before = _left(sandbox)
    details = _with_room(client, "vinyasa-flow", 1)
    review = fill_details(client, participants=1, payment_option=_plan_value(details))
    assert "With your 10-class pass" in page_text(review)
    slot_before = client.session["booking_site.draft"]["slot"]
    contact_before = client.session["booking_site.draft"]["contact"]
    _revoke_member_refresh_tokens(sandbox)
    _access_token_runs_out(client)

    answer = client.post("/book/submit/")

    assert answer.status_code == 302
    assert answer["Location"] == "/book/details/"  # to choose how to pay, now as a visitor
    assert sandbox.call_counts().get("bookings.create", 0) == 0
    assert our_bookings(sandbox) == []
    assert _left(sandbox) == before
    page = client.get(answer["Location"])
    assert EXPIRED in page_text(page)
    assert "Sign out" not in _header(page)
    assert "Use your 10-class pass" not in page_text(page)
    draft = client.session["booking_site.draft"]
    assert draft["slot"] == slot_before
    assert draft["contact"] == contact_before
    assert draft["visitor_tokens"] is None


def test_a_refused_refresh_when_buying_a_plan_sends_nobody_to_checkout(
    client: Client, sandbox: Sandbox
) -> None:
    sign_in(client)
    plans = client.get("/plans/")
    form = next(
        f for f in soup(plans).select("form[action='/plans/buy/']") if "Massage trio" in f.text
    )
    plan = form.select_one("input[name=plan]")["value"]
    _revoke_member_refresh_tokens(sandbox)
    _access_token_runs_out(client)

    answer = client.post("/plans/buy/", {"plan": plan})

    assert answer.status_code == 302
    assert answer["Location"] == "/"  # not off to Wix's checkout
    assert sandbox.call_counts().get("checkouts.create", 0) == 0
    assert sandbox.call_counts().get("redirects.create", 0) == 1  # the sign-in's own only
    page = client.get(answer["Location"])
    assert EXPIRED in page_text(page)
    assert "Sign out" not in _header(page)
