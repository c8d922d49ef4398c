"""Anonymous booking actions (docs/wix-contract.md §27): token, read, service, cancel,
reschedule."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from wix_sandbox import Sandbox
from wix_sandbox.anonymous_actions import mint

from .conftest import HOLDING, Clock, app_code, appointment_slot, create_booking, event_ids

ANON = "/v1/anonymous-bookings"


def _book(api: httpx.Client, headers: dict[str, str], sandbox: Sandbox, **kw: Any) -> dict:
    option = kw.pop("option", "ONLINE")
    response = create_booking(
        api, headers, {"slot": appointment_slot(sandbox, **kw)}, option=option
    )
    assert response.status_code == 200, response.text
    return dict(response.json()["booking"])


def _token(api: httpx.Client, admin: dict[str, str], booking_id: str) -> str:
    response = api.get(f"{ANON}/{booking_id}/token", headers=admin)
    assert response.status_code == 200, response.text
    token = str(response.json()["token"])
    assert 32 <= len(token) <= 2048
    return token


TOMORROW = {"start": "2026-03-03T12:00:00", "end": "2026-03-03T13:00:00"}


def test_minting_needs_the_api_key(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    booking = _book(api, visitor, sandbox, **TOMORROW)

    assert api.get(f"{ANON}/{booking['id']}/token", headers=visitor).status_code == 403
    missing = api.get(
        f"{ANON}/no-such-booking/token",
        headers={"Authorization": sandbox.api_key, "wix-site-id": sandbox.site_id},
    )
    assert (missing.status_code, app_code(missing)) == (404, "BOOKING_NOT_FOUND")


def test_read_shows_allowed_actions_and_the_fee_without_a_credential(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    booking = _book(api, visitor, sandbox, **TOMORROW)
    token = _token(api, admin, booking["id"])

    plain = api.get(f"{ANON}/{token}")
    with_fee = api.get(f"/_api/v1/anonymous-bookings/{token}", params={"fields": "BOOKING_FEES"})
    service = api.get(f"{ANON}/{token}/service")

    assert plain.status_code == 200, plain.text
    assert plain.json()["booking"]["id"] == booking["id"]
    assert plain.json()["allowedAnonymousActions"] == {"cancel": True, "reschedule": True}
    assert "bookingFee" not in plain.json()
    fee = with_fee.json()["bookingFee"]["cancellationFee"]
    assert (fee["price"]["value"], fee["status"]) == ("15.00", "PREVIEW")
    assert service.json()["service"]["id"] == sandbox.demo.service("massage")


def test_forged_and_expired_tokens_are_invalid(
    api: httpx.Client,
    visitor: dict[str, str],
    admin: dict[str, str],
    sandbox: Sandbox,
    clock: Clock,
) -> None:
    booking = _book(api, visitor, sandbox, **TOMORROW)
    token = _token(api, admin, booking["id"])
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    expired = mint(booking["id"], clock.now - timedelta(days=91))

    for bad in (forged, expired, "not-a-token"):
        response = api.post(f"{ANON}/{bad}/cancel", json={"revision": "1"})
        assert (response.status_code, app_code(response)) == (401, "INVALID_TOKEN")
    assert sandbox.bookings()[-1]["status"] != "CANCELED"


def test_cancel_applies_the_fee_once_and_a_second_cancel_is_refused(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    booking = _book(api, visitor, sandbox, **TOMORROW)
    token = _token(api, admin, booking["id"])

    first = api.post(f"{ANON}/{token}/cancel", json={"revision": booking["revision"]})
    second = api.post(
        f"{ANON}/{token}/cancel", json={"revision": first.json()["booking"]["revision"]}
    )
    after = api.get(f"{ANON}/{token}", params={"fields": "BOOKING_FEES"}).json()

    assert first.json()["booking"]["status"] == "CANCELED"
    assert (second.status_code, app_code(second)) == (428, "BOOKING_CANNOT_BE_CANCELLED")
    assert after["allowedAnonymousActions"] == {"cancel": False, "reschedule": False}
    assert after["bookingFee"]["cancellationFee"]["status"] == "APPLIED_TO_ORDER"


def test_too_late_and_policy_off_are_refused(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    soon = _book(api, visitor, sandbox, start="2026-03-02T14:00:00", end="2026-03-02T15:00:00")
    corporate = _book(
        api,
        visitor,
        sandbox,
        service="corporate",
        start="2026-03-04T10:00:00",
        end="2026-03-04T11:30:00",
        option="OFFLINE",
    )

    soon_token, corporate_token = (
        _token(api, admin, soon["id"]),
        _token(api, admin, corporate["id"]),
    )
    late = api.get(f"{ANON}/{soon_token}").json()["allowedAnonymousActions"]
    off = api.get(f"{ANON}/{corporate_token}").json()["allowedAnonymousActions"]
    refused = api.post(f"{ANON}/{corporate_token}/cancel", json={"revision": "1"})
    moved = api.post(
        f"{ANON}/{corporate_token}/reschedule",
        json={"revision": "1", "slot": appointment_slot(sandbox, service="corporate")},
    )

    assert late == {"cancel": False, "reschedule": False}
    assert off == {"cancel": False, "reschedule": False}
    assert (refused.status_code, app_code(refused)) == (428, "BOOKING_CANNOT_BE_CANCELLED")
    assert (moved.status_code, app_code(moved)) == (428, "RESCHEDULING_NOT_ALLOWED")
    assert {b["status"] for b in sandbox.bookings()} >= {"CREATED"}


def test_reschedule_moves_the_booking_and_frees_the_old_slot(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    booking = _book(api, visitor, sandbox, **TOMORROW)
    token = _token(api, admin, booking["id"])
    # An hour later overlaps the booking's own place: it must not block its own move.
    slot = appointment_slot(sandbox, start="2026-03-03T12:30:00", end="2026-03-03T13:30:00")

    moved = api.post(f"{ANON}/{token}/reschedule", json={"revision": "1", "slot": slot})
    stale = api.post(f"{ANON}/{token}/reschedule", json={"revision": "1", "slot": slot})
    # 11:30 overlapped the old 12:00 place, not the new 12:30 one.
    again = _book(api, visitor, sandbox, start="2026-03-03T11:30:00", end="2026-03-03T12:30:00")

    assert moved.status_code == 200, moved.text
    assert moved.json()["booking"]["startDate"] == "2026-03-03T12:30:00.000Z"
    assert moved.json()["booking"]["revision"] == "2"
    assert stale.status_code == 409
    assert again["id"] != booking["id"]


@HOLDING
def test_reschedule_into_a_taken_slot_is_refused(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    booking = _book(api, visitor, sandbox, **TOMORROW)
    _book(api, visitor, sandbox, start="2026-03-03T15:00:00", end="2026-03-03T16:00:00")
    token = _token(api, admin, booking["id"])
    slot = appointment_slot(sandbox, start="2026-03-03T15:00:00", end="2026-03-03T16:00:00")

    response = api.post(f"{ANON}/{token}/reschedule", json={"revision": "1", "slot": slot})

    assert (response.status_code, app_code(response)) == (428, "SLOT_NOT_AVAILABLE")


def test_courses_cannot_be_rescheduled(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    schedule = {"scheduleId": sandbox.demo.schedule("mindfulness")}
    booking = create_booking(api, visitor, {"schedule": schedule}).json()["booking"]
    token = _token(api, admin, booking["id"])

    allowed = api.get(f"{ANON}/{token}").json()["allowedAnonymousActions"]
    response = api.post(
        f"{ANON}/{token}/reschedule", json={"revision": "1", "slot": {"eventId": "x"}}
    )

    assert allowed == {"cancel": True, "reschedule": False}
    assert (response.status_code, app_code(response)) == (428, "RESCHEDULING_NOT_ALLOWED")


def test_class_reschedule_targets_another_session(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    events = event_ids(api, visitor, sandbox.demo.service("yoga"))
    booking = create_booking(
        api, visitor, {"slot": {"serviceId": sandbox.demo.service("yoga"), "eventId": events[1]}}
    ).json()["booking"]
    token = _token(api, admin, booking["id"])

    response = api.post(
        f"{ANON}/{token}/reschedule", json={"revision": "1", "slot": {"eventId": events[2]}}
    )

    assert response.status_code == 200, response.text
    assert response.json()["booking"]["bookedEntity"]["slot"]["eventId"] == events[2]


def test_owner_reschedule_can_ignore_the_policy(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    soon = _book(api, visitor, sandbox, start="2026-03-02T14:00:00", end="2026-03-02T15:00:00")
    slot = appointment_slot(sandbox, **TOMORROW)
    url = f"/bookings/v2/bookings/{soon['id']}/reschedule"

    refused = api.post(url, json={"revision": "1", "slot": slot}, headers=admin)
    as_visitor = api.post(url, json={"revision": "1", "slot": slot}, headers=visitor)
    forced = api.post(
        url,
        json={
            "revision": "1",
            "slot": slot,
            "flowControlSettings": {"ignoreReschedulePolicy": True},
        },
        headers=admin,
    )

    assert (refused.status_code, app_code(refused)) == (428, "BOOKING_POLICY_VIOLATION")
    assert as_visitor.status_code == 403
    assert forced.status_code == 200, forced.text
    assert forced.json()["booking"]["startDate"] == "2026-03-03T12:00:00.000Z"


def test_cancelling_before_the_fee_window_is_free(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    # Thursday noon: 76 hours ahead, outside the massage's 48-hour fee window.
    booking = _book(api, visitor, sandbox, start="2026-03-05T12:00:00", end="2026-03-05T13:00:00")
    token = _token(api, admin, booking["id"])

    before = api.get(f"{ANON}/{token}", params={"fields": "BOOKING_FEES"}).json()
    api.post(f"{ANON}/{token}/cancel", json={"revision": "1"})
    after = api.get(f"{ANON}/{token}", params={"fields": "BOOKING_FEES"}).json()

    assert "bookingFee" not in before
    assert "bookingFee" not in after
    assert after["booking"]["status"] == "CANCELED"
