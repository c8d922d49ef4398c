"""Issue 18: signing in as a Wix member, My bookings, paying with a plan, buying one.

Everything runs against the in-process sandbox (the HTTP boundary): Wix's login page, the
code exchange, member orders and balances, Cart V2's membership calculation and redemption.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from tests.conftest import DEFAULT_NOW
from tests.integration.helpers import (
    choose_first_slot,
    fill_details,
    follow_to,
    hosted_checkout_action,
    our_bookings,
    page_text,
    slot_buttons,
    soup,
)
from tests.integration.members_helpers import (
    as_redirect,
    callback_params,
    login_redirect,
    press_login,
    sign_in,
)
from wix_sandbox import Sandbox

PASS_CHOICE = "Use your 10-class pass"


def _left(sandbox: Sandbox) -> int:
    """Sessions left on the demo member's 10-class pass, as the sandbox holds them."""
    with sandbox._lock:
        orders = list(sandbox._state.members.orders.values())
    return next(o.available for o in orders if o.credits == 10)


def _with_room(client: Client, slug: str, places: int):
    """The details step of the first class session with at least ``places`` places left."""
    # The demo's next two classes are nearly full; the week after is empty.
    page = client.get(f"/services/{slug}/", {"date": "2026-12-15"})
    for button in slot_buttons(page):
        details = client.post(f"/services/{slug}/choose/", {"slot": button["key"]}, follow=True)
        match = re.search(r"(\d+) places? left", page_text(details))
        if match is None or int(match.group(1)) >= places:
            return details
    raise AssertionError(f"no session of {slug} with {places} places")


def _plan_value(page) -> str:
    radios = soup(page).select("input[name=payment_option]")
    for radio in radios:
        label = soup(page).select_one(f"label[for={radio['id']}]")
        if label and PASS_CHOICE in label.get_text():
            return str(radio["value"])
    raise AssertionError("no plan choice on the details page")


def test_sign_in_and_out_from_the_header(client: Client, sandbox: Sandbox) -> None:
    home = client.get("/")
    assert "Sign in" in page_text(home)

    answer = sign_in(client, next_url="/plans/")

    assert answer.status_code == 302
    assert answer["Location"] == "/plans/"
    page = client.get("/plans/")
    assert "Sign out" in page_text(page)
    assert "My bookings" in page_text(page)
    me = client.get("/me/")
    assert "4 of 10 classes left, until" in page_text(me)

    form = soup(page).select_one("form[action='/account/sign-out/']")
    assert form is not None
    out = client.post("/account/sign-out/", {"next": "/plans/"})
    # Off to Wix's logout page, which comes back to the site.
    assert "/_wix-sandbox/logout/" in out["Location"]
    back = follow_to(client, out)
    assert back.status_code == 303
    assert "/plans/" in back["Location"]
    assert "Sign in" in page_text(client.get("/plans/"))
    assert client.get("/me/").status_code == 302  # signed out: My bookings asks to sign in


def test_a_booking_paid_fully_by_the_plan_uses_one_session_per_participant(
    client: Client, sandbox: Sandbox
) -> None:
    sign_in(client)
    before = _left(sandbox)
    details = _with_room(client, "vinyasa-flow", 2)
    assert "Use your 10-class pass (4 left)" in page_text(details)

    review = fill_details(client, participants=2, payment_option=_plan_value(details))
    assert "With your 10-class pass" in page_text(review)
    done = client.post("/book/submit/")

    assert done.status_code == 302  # no checkout
    assert "/book/status/" in done["Location"]
    booking = our_bookings(sandbox)[-1]
    assert booking["selectedPaymentOption"] == "MEMBERSHIP"
    assert booking["status"] == "CONFIRMED"
    assert booking["paymentStatus"] == "PAID"
    assert booking["createdBy"].get("memberId")  # created as the member
    assert _left(sandbox) == before - 2
    assert sandbox.call_counts().get("bookings.confirm", 0) == 0  # Wix confirms on redemption
    me = page_text(client.get("/me/"))
    assert "2 of 10 classes left" in me
    assert "Vinyasa flow" in me
    assert "Manage" in me


def test_a_plan_with_too_few_sessions_is_refused_with_the_reason(
    client: Client, sandbox: Sandbox
) -> None:
    sign_in(client)
    details = _with_room(client, "vinyasa-flow", 3)
    fill_details(client, participants=3, payment_option=_plan_value(details))
    client.post("/book/submit/")
    assert _left(sandbox) == 1

    details = _with_room(client, "vinyasa-flow", 3)
    booked = len(our_bookings(sandbox))
    refused = fill_details(client, participants=2, payment_option=_plan_value(details))

    # Foreseen on the details step: the form says why, stays, and nothing goes to Wix.
    assert "Your 10-class pass has 1 class left, one per participant" in page_text(refused)
    assert soup(refused).select_one("h1").get_text(strip=True) == "Your details"
    assert len(our_bookings(sandbox)) == booked
    assert _left(sandbox) == 1


def test_sessions_used_elsewhere_after_the_details_are_refused_by_wix_with_the_reason(
    client: Client, sandbox: Sandbox
) -> None:
    sign_in(client)
    details = _with_room(client, "vinyasa-flow", 3)
    fill_details(client, participants=2, payment_option=_plan_value(details))  # 4 left: fine
    elsewhere = Client()  # the same member in another browser uses 3 of the 4
    sign_in(elsewhere)
    other = _with_room(elsewhere, "vinyasa-flow", 3)
    fill_details(elsewhere, participants=3, payment_option=_plan_value(other))
    elsewhere.post("/book/submit/")
    assert _left(sandbox) == 1

    refused = client.post("/book/submit/")

    assert refused.status_code == 409
    assert "doesn't have enough sessions left" in page_text(refused)
    assert _left(sandbox) == 1  # nothing redeemed
    last = our_bookings(sandbox)[-1]
    assert last["status"] == "CANCELED"  # not left holding the places


def test_a_plan_is_not_offered_for_a_service_it_does_not_cover(
    client: Client, sandbox: Sandbox
) -> None:
    sign_in(client)
    details = choose_first_slot(client, "deep-tissue-massage")

    text = page_text(details)
    assert PASS_CHOICE not in text
    assert "None of your plans covers this service." in text


def test_plans_never_apply_to_courses_or_approval_services_and_the_page_says_why(
    client: Client, sandbox: Sandbox
) -> None:
    sign_in(client)
    course = page_text(
        client.post("/services/mindfulness-foundations-6-weeks/book-course/", follow=True)
    )
    assert "Plans can't be used to book courses" in course
    assert PASS_CHOICE not in course
    hot_stone = page_text(choose_first_slot(client, "hot-stone-massage"))
    assert "studio confirms each request" in hot_stone
    assert PASS_CHOICE not in hot_stone


def test_a_plan_that_is_not_the_members_is_refused(client: Client, sandbox: Sandbox) -> None:
    """A plan order id that isn't one of the member's plans is not a choice at all."""
    sign_in(client)
    choose_first_slot(client, "vinyasa-flow")
    page = fill_details(client, payment_option="plan:not-my-order")
    assert "Select a valid choice" in page_text(page)
    assert client.get("/book/review/").status_code == 302  # the draft has no payment yet


def test_buying_a_plan_then_booking_with_it(client: Client, sandbox: Sandbox) -> None:
    sign_in(client)
    details = choose_first_slot(client, "deep-tissue-massage")
    assert "None of your plans" in page_text(details)
    plans = client.get("/plans/")
    assert "Back to the booking you were making" in page_text(plans)
    form = next(
        f for f in soup(plans).select("form[action='/plans/buy/']") if "Massage trio" in f.text
    )
    to_wix = client.post("/plans/buy/", {"plan": form.select_one("input[name=plan]")["value"]})
    checkout = follow_to(client, to_wix)
    assert "Buy Massage trio" in page_text(checkout)
    paid = hosted_checkout_action(client, checkout, "Pay")
    assert "planOrderId=" in paid["Location"]
    back = follow_to(client, paid)
    assert back["Location"] == "/book/details/"  # back to the booking being made

    details = client.get("/book/details/")
    assert "Use your Massage trio (3 left)" in page_text(details)
    value = next(
        r["value"]
        for r in soup(details).select("input[name=payment_option]")
        if r["value"].startswith("plan:")
    )
    fill_details(client, payment_option=value)
    done = client.post("/book/submit/")
    assert "/book/status/" in done["Location"]
    assert our_bookings(sandbox)[-1]["selectedPaymentOption"] == "MEMBERSHIP"
    assert "2 of 3 sessions left" in page_text(client.get("/me/"))


def test_an_in_progress_booking_survives_signing_in(client: Client, sandbox: Sandbox) -> None:
    choose_first_slot(client, "vinyasa-flow")
    fill_details(client, first_name="Robin", email="robin@example.com")
    review = page_text(client.get("/book/review/"))
    assert "Robin" in review

    answer = sign_in(client, next_url="/book/details/")

    assert answer["Location"] == "/book/details/"
    details = client.get("/book/details/")
    assert details.status_code == 200
    assert soup(details).select_one("input[name=first_name]")["value"] == "Robin"
    assert "Vinyasa flow" in page_text(details)
    assert PASS_CHOICE in page_text(details)


def test_a_forged_state_is_refused_and_nothing_changes(client: Client, sandbox: Sandbox) -> None:
    callback = press_login(client, login_redirect(client))
    params = callback_params(callback)
    forged = client.get("/account/callback/", {"code": params["code"], "state": "forged"})

    assert forged.status_code == 400
    assert "didn't come from the sign-in you started here" in page_text(forged)
    assert "Sign in" in page_text(client.get("/plans/"))
    # The real callback still works: the forged one changed nothing.
    assert follow_to(client, as_redirect(callback)).status_code == 302
    assert "Sign out" in page_text(client.get("/plans/"))


def test_a_replayed_callback_or_reused_code_is_refused(client: Client, sandbox: Sandbox) -> None:
    callback = press_login(client, login_redirect(client))
    assert follow_to(client, as_redirect(callback)).status_code == 302
    client.post("/account/sign-out/")

    replayed = follow_to(client, as_redirect(callback))  # the same URL again
    assert replayed.status_code == 400
    assert "Sign in" in page_text(client.get("/plans/"))

    # A new sign-in with the old code under the new state: Wix refuses the spent code.
    fresh = callback_params(press_login(client, login_redirect(client)))
    old = callback_params(callback)
    reused = client.get("/account/callback/", {"code": old["code"], "state": fresh["state"]})
    assert reused.status_code == 502
    assert "couldn't sign you in" in page_text(reused)
    again = soup(reused).find("a", string="Sign in again")
    assert again is not None
    assert again["href"] == "/account/sign-in/"
    assert "Sign in" in page_text(client.get("/plans/"))


def test_a_spent_callback_reaching_someone_signed_in_changes_nothing_and_says_so(
    client: Client, sandbox: Sandbox
) -> None:
    callback = press_login(client, login_redirect(client))
    assert follow_to(client, as_redirect(callback)).status_code == 302

    replayed = follow_to(client, as_redirect(callback))

    assert replayed.status_code == 302
    assert replayed["Location"] == "/me/"
    landed = client.get("/me/")
    assert "You're already signed in. Nothing was changed." in page_text(landed)
    assert "sign in again" not in page_text(landed).lower()
    assert "Sign out" in page_text(client.get("/plans/"))


def test_a_callback_from_another_browser_is_refused(client: Client, sandbox: Sandbox) -> None:
    callback = press_login(client, login_redirect(client))
    other = Client()
    assert follow_to(other, as_redirect(callback)).status_code == 400
    assert "Sign in" in page_text(other.get("/plans/"))


def test_member_tokens_never_reach_a_page_or_a_log(
    client: Client, sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sign_in(client)
    pages = [client.get(p) for p in ("/", "/me/", "/plans/")]
    details = choose_first_slot(client, "vinyasa-flow")
    pages.append(details)
    fill_details(client, payment_option=_plan_value(details))
    pages.append(client.post("/book/submit/", follow=True))
    session = client.session
    stored = session["booking_site.member"]["tokens"]
    secrets_ = [stored["access_token"], stored["refresh_token"]]
    with sandbox._lock:
        secrets_ += [t for t, v in sandbox._state.tokens.items() if v.member_id]
    assert all(s.startswith("sbx-") for s in secrets_)
    for page in pages:
        body = page.content.decode()
        assert not any(s in body for s in secrets_)
        assert not any(s in str(v) for s in secrets_ for v in page.cookies.values())
    logged = "\n".join(r.getMessage() + str(r.__dict__) for r in caplog.records)
    assert "member signed in" in logged  # the log was captured
    assert not any(s in logged for s in secrets_)
    assert "sbx-c." not in logged  # nor the one-time code


def test_signed_out_the_details_step_is_as_before(client: Client, sandbox: Sandbox) -> None:
    details = page_text(choose_first_slot(client, "vinyasa-flow"))
    assert PASS_CHOICE not in details
    assert "Sign in to use it" in details


def test_member_tokens_are_refreshed_before_they_expire(client: Client, sandbox: Sandbox) -> None:
    sign_in(client)
    first = client.session["booking_site.member"]["tokens"]
    tokens_before = sandbox.call_counts().get("oauth.token", 0)

    # Four hours later the access token has (nearly) run out: the site renews it, as the member.
    with time_machine.travel(DEFAULT_NOW + timedelta(hours=4), tick=True):
        me = client.get("/me/")

    assert me.status_code == 200
    assert "4 of 10 classes left" in page_text(me)  # still the member: their plan is listed
    renewed = client.session["booking_site.member"]["tokens"]
    assert renewed["access_token"] != first["access_token"]
    assert renewed["refresh_token"] == first["refresh_token"]
    assert renewed["expires_at"] > first["expires_at"]
    assert sandbox.call_counts()["oauth.token"] == tokens_before + 1
