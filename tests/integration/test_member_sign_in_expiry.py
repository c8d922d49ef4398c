"""Issue 18: Wix refusing the member's refresh token signs them out visibly, booking kept."""

from __future__ import annotations

from django.test import Client

from tests.integration.helpers import page_text, soup
from tests.integration.members_helpers import sign_in
from tests.integration.test_members_and_plans import PASS_CHOICE, _with_room
from wix_sandbox import Sandbox

EXPIRED = "Your sign-in has expired — sign in again."


def _revoke_member_refresh_tokens(sandbox: Sandbox) -> None:
    """What Wix does when a member's session is revoked: their refresh tokens stop working."""
    with sandbox._lock:
        state = sandbox._state
        for refresh in list(state.members.refresh_members):
            state.refresh_tokens.pop(refresh, None)


def _access_token_runs_out(client: Client) -> None:
    """The member's access token at its end (in the member session and the booking draft)."""
    session = client.session
    for key in ("booking_site.member", "booking_site.draft"):
        stored = session.get(key) or {}
        tokens = stored.get("tokens" if key.endswith("member") else "visitor_tokens")
        if tokens:
            tokens["expires_at"] = 0
        session[key] = stored
    session.save()


def _header(page) -> str:
    header = soup(page).select_one("header")
    assert header is not None
    return header.get_text(" ", strip=True)


def test_a_refused_refresh_signs_the_member_out_and_keeps_the_booking(
    client: Client, sandbox: Sandbox
) -> None:
    sign_in(client)
    details = _with_room(client, "vinyasa-flow", 1)
    assert PASS_CHOICE in page_text(details)
    slot_before = client.session["booking_site.draft"]["slot"]
    _revoke_member_refresh_tokens(sandbox)

    # The member's access token needs renewing, and Wix refuses.
    _access_token_runs_out(client)
    answer = client.get("/book/details/")
    assert answer.status_code == 302
    assert answer["Location"] == "/book/details/"
    page = client.get("/book/details/")

    assert page.status_code == 200
    text = page_text(page)
    assert EXPIRED in text
    assert "Sign in" in _header(page)
    assert "Sign out" not in _header(page)
    assert "My bookings" not in _header(page)
    assert PASS_CHOICE not in text  # no member: no plan offered
    assert "booking_site.member" not in client.session or not client.session[
        "booking_site.member"
    ].get("member_id")
    draft = client.session["booking_site.draft"]
    assert draft["slot"] == slot_before  # the booking in progress is kept
    assert draft["visitor_tokens"] is None  # the member's tokens no longer act


def test_a_refused_refresh_on_my_bookings_asks_to_sign_in_again(
    client: Client, sandbox: Sandbox
) -> None:
    sign_in(client)
    _revoke_member_refresh_tokens(sandbox)
    _access_token_runs_out(client)
    answer = client.get("/me/")
    assert answer.status_code == 302
    assert answer["Location"] == "/me/"
    again = client.get("/me/")  # signed out now: My bookings asks to sign in
    assert again.status_code == 302
    assert "/account/sign-in/" in again["Location"]
    home = client.get("/")
    assert EXPIRED in page_text(home)
    assert "Sign out" not in _header(home)
