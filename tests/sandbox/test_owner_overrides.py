"""Staff overrides (docs/wix-contract.md §6.2 ``flowControlSettings``, §7.1, §9): API key only.

A booking on behalf of a customer may skip the availability check (a taken or never-offered
time), go over ``maxParticipantsPerBooking``, and still be paid through a visitor's cart.
"""

from __future__ import annotations

from typing import Any

import httpx

from wix_sandbox import Sandbox

from .conftest import APP_ID, app_code, appointment_slot, booking_body, create_booking, event_ids

PATH = "/bookings/v2/bookings"
SKIP = {"flowControlSettings": {"skipAvailabilityValidation": True}}


def _confirm_or_decline(
    api: httpx.Client, admin: dict[str, str], booking_id: str, payment: str
) -> dict[str, Any]:
    response = api.post(
        f"/bookings/v2/confirmation/{booking_id}:confirmOrDecline",
        json={"paymentStatus": payment},
        headers=admin,
    )
    assert response.status_code == 200, response.text
    return dict(response.json()["booking"])


def test_taken_time_is_refused_without_override_and_double_booked_with_it(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    slot = appointment_slot(sandbox)
    first = create_booking(api, visitor, {"slot": slot})
    assert first.status_code == 200, first.text
    _confirm_or_decline(api, admin, first.json()["booking"]["id"], "PAID")

    again_as_key = create_booking(api, admin, {"slot": slot})
    overridden = api.post(PATH, json=booking_body({"slot": slot}) | SKIP, headers=admin)
    assert overridden.status_code == 200, overridden.text
    confirmed = _confirm_or_decline(api, admin, overridden.json()["booking"]["id"], "NOT_PAID")

    assert again_as_key.status_code == 428
    assert app_code(again_as_key) == "SLOT_NOT_AVAILABLE"
    # §7.1: a booking created with skipAvailabilityValidation is never declined, but flagged.
    assert (confirmed["status"], confirmed["paymentStatus"], confirmed["doubleBooked"]) == (
        "CONFIRMED",
        "NOT_PAID",
        True,
    )


def test_never_offered_time_needs_the_override(
    api: httpx.Client, admin: dict[str, str], sandbox: Sandbox
) -> None:
    # 06:15 is outside every staff member's working hours and off the 30-minute grid.
    slot = appointment_slot(sandbox, start="2026-03-03T06:15:00", end="2026-03-03T07:15:00")

    plain = create_booking(api, admin, {"slot": slot})
    overridden = api.post(PATH, json=booking_body({"slot": slot}) | SKIP, headers=admin)

    assert app_code(plain) == "SLOT_NOT_AVAILABLE"
    assert overridden.status_code == 200, overridden.text
    booking = overridden.json()["booking"]
    assert (booking["status"], booking["startDate"]) == ("CREATED", "2026-03-03T06:15:00.000Z")
    confirmed = _confirm_or_decline(api, admin, booking["id"], "EXEMPT")
    assert (confirmed["status"], confirmed["doubleBooked"]) == ("CONFIRMED", False)


def test_participants_over_the_limit_only_with_the_override(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    entity = {"slot": {"serviceId": sandbox.demo.service("yoga")}}
    entity["slot"]["eventId"] = event_ids(api, visitor, entity["slot"]["serviceId"])[1]

    as_key = create_booking(api, admin, entity, participants=6)
    as_visitor = api.post(PATH, json=booking_body(entity, participants=6) | SKIP, headers=visitor)
    overridden = api.post(PATH, json=booking_body(entity, participants=6) | SKIP, headers=admin)

    assert (as_key.status_code, app_code(as_key)) == (428, "VALIDATION_FAILURE")  # §6.4
    assert (as_visitor.status_code, app_code(as_visitor)) == (403, "UNAUTHORIZED_OPERATION")
    assert overridden.status_code == 200, overridden.text
    assert overridden.json()["booking"]["totalParticipants"] == 6


def test_visitor_can_pay_for_a_booking_the_api_key_created(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    slot = appointment_slot(sandbox)
    created = api.post(PATH, json=booking_body({"slot": slot}) | SKIP, headers=admin)
    booking_id = created.json()["booking"]["id"]
    item = {"catalogReference": {"appId": APP_ID, "catalogItemId": booking_id}, "quantity": 1}

    cart = api.post("/ecom/v2/carts", json={"catalogItems": [item]}, headers=visitor)
    session = api.post(
        "/redirect-session/v1/redirect-session",
        json={
            "ecomCheckout": {"checkoutId": cart.json()["cart"]["id"]},
            "callbacks": {"postFlowUrl": "http://testserver/book/paid/"},
        },
        headers=visitor,
    )

    assert cart.status_code == 200, cart.text
    assert cart.json()["cart"]["lineItems"][0]["availability"]["status"] == "AVAILABLE"
    assert session.status_code == 200, session.text
    assert "/checkout/" in session.json()["redirectSession"]["fullUrl"]
