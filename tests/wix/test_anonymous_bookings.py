"""Anonymous booking actions (docs/wix-contract.md §27) and the owner's reschedule: paths, bodies,
models."""

from __future__ import annotations

from decimal import Decimal

import pytest

from booking_site.wix import (
    VisitorTokens,
    WixClient,
    WixPreconditionFailed,
    WixUnauthorized,
)
from booking_site.wix.models import BookingStatus, SlotLocation, SlotResource, TimeSlot

from .fakes import ADMIN_HEADERS, FakeWix, auth_headers

ANON = "/v1/anonymous-bookings"
TOKEN = "tok_0123456789abcdefghijklmnopqrstuv"
SLOT = TimeSlot(
    service_id="svc-massage",
    local_start="2026-03-03T12:00:00",
    local_end="2026-03-03T13:00:00",
    time_zone="Europe/London",
    bookable=True,
    location=SlotLocation("loc-main", "Main studio", None, "BUSINESS"),
    schedule_id="sched-massage",
    resources=(SlotResource("res-sam", "Sam"),),
)
MOVED_SLOT = {
    "serviceId": "svc-massage",
    "scheduleId": "sched-massage",
    "startDate": "2026-03-03T12:00:00",
    "endDate": "2026-03-03T13:00:00",
    "timezone": "Europe/London",
    "resource": {"id": "res-sam", "name": "Sam"},
    "location": {"id": "loc-main", "locationType": "OWNER_BUSINESS"},
}


def test_mint_uses_the_api_key_and_returns_the_token(wix: WixClient, fake: FakeWix) -> None:
    fake.add("GET", f"{ANON}/bkg-1/token", {"token": TOKEN})

    assert wix.anonymous_bookings.mint_token("bkg-1") == TOKEN
    assert auth_headers(fake.requests[-1]) == ADMIN_HEADERS


def test_mint_without_a_key_asks_as_the_visitor(
    keyless: WixClient, fake: FakeWix, tokens: VisitorTokens
) -> None:
    # Documented as API-key only; Wix's headless recipe mints as the visitor (§27.2), and a
    # keyless site tries that, for the visitor who made the booking.
    fake.add("GET", f"{ANON}/bkg-1/token", {"token": TOKEN})

    minted = keyless.for_visitor(tokens).anonymous_bookings.mint_token("bkg-1")

    assert minted == TOKEN
    assert auth_headers(fake.requests[-1]) == {"authorization": "visitor-access-0"}


def test_read_asks_for_fees_and_parses_allowed_actions_and_the_fee(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("GET", f"{ANON}/{TOKEN}", "anonymous_booking")

    read = wix.anonymous_bookings.get(TOKEN)

    assert fake.calls() == [("GET", f"{ANON}/{TOKEN}?fields=BOOKING_FEES")]
    assert (read.booking.id, read.booking.revision) == ("bkg-1", "2")
    assert (read.allowed.cancel, read.allowed.reschedule) == (True, False)
    assert read.fee is not None
    assert read.fee.price is not None
    assert (read.fee.price.amount, read.fee.status, read.fee.applied) == (
        Decimal("15.00"),
        "PREVIEW",
        False,
    )
    assert read.fee.policy_description == "Cancelling within 24 hours costs £15."


def test_missing_flags_and_a_zero_fee_offer_nothing(wix: WixClient, fake: FakeWix) -> None:
    fake.add(
        "GET",
        f"{ANON}/{TOKEN}",
        {
            "booking": {"id": "bkg-1", "revision": "2"},
            "bookingFee": {"cancellationFee": {"price": {"value": "0", "currency": "GBP"}}},
        },
    )

    read = wix.anonymous_bookings.get(TOKEN)

    assert (read.allowed.cancel, read.allowed.reschedule, read.fee) == (False, False, None)


def test_invalid_token_is_unauthorized(wix: WixClient, fake: FakeWix) -> None:
    envelope = {
        "message": "the token is not valid",
        "details": {"applicationError": {"code": "INVALID_TOKEN", "description": "x"}},
    }
    fake.add("GET", f"{ANON}/{TOKEN}", envelope, status=401)

    with pytest.raises(WixUnauthorized) as raised:
        wix.anonymous_bookings.get(TOKEN)
    assert raised.value.code == "INVALID_TOKEN"


def test_cancel_sends_the_revision_once(wix: WixClient, fake: FakeWix) -> None:
    envelope = {
        "message": "no",
        "details": {"applicationError": {"code": "BOOKING_CANNOT_BE_CANCELLED"}},
    }
    fake.add("POST", f"{ANON}/{TOKEN}/cancel", envelope, status=428)

    with pytest.raises(WixPreconditionFailed):
        wix.anonymous_bookings.cancel(TOKEN, revision="2")
    assert fake.bodies(f"{ANON}/{TOKEN}/cancel") == [{"revision": "2"}]


def test_cancel_parses_the_cancelled_booking(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", f"{ANON}/{TOKEN}/cancel", "booking_canceled")

    assert wix.anonymous_bookings.cancel(TOKEN, revision="2").status is BookingStatus.CANCELED


def test_reschedule_sends_the_v2_slot_and_revision(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", f"{ANON}/{TOKEN}/reschedule", "booking_confirmed")

    wix.anonymous_bookings.reschedule(TOKEN, slot=SLOT, revision="2", staff_id="res-sam")

    assert fake.body() == {"slot": MOVED_SLOT, "revision": "2"}


def test_owner_reschedule_ignores_the_policy_with_the_key(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", "/bookings/v2/bookings/bkg-1/reschedule", "booking_confirmed")

    wix.bookings.reschedule(
        booking_id="bkg-1", slot=SLOT, revision="2", staff_id="res-sam", ignore_policy=True
    )

    assert fake.body() == {
        "slot": MOVED_SLOT,
        "revision": "2",
        "participantNotification": {"notifyParticipants": True},
        "flowControlSettings": {"ignoreReschedulePolicy": True},
    }
    assert auth_headers(fake.requests[-1]) == ADMIN_HEADERS
