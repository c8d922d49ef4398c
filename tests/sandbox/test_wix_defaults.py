"""The sandbox's defaults follow Wix where its older behaviour did not (docs/wix-contract.md §6.3,
§24, §26.1): CREATED holds nothing, "any staff" is checked and assigned only at confirmation,
and the allowed redirect domains are applied when the visitor is sent back."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx

from wix_sandbox import Sandbox

from .conftest import APP_ID, appointment_slot, create_booking, new_visitor

EVIL_RETURN = "https://book.evil.example/book/return/"


def _confirm(api: httpx.Client, admin: dict[str, str], booking_id: str, payment: str) -> Any:
    response = api.post(
        f"/bookings/v2/confirmation/{booking_id}:confirmOrDecline",
        json={"paymentStatus": payment},
        headers=admin,
    )
    assert response.status_code == 200, response.text
    return response.json()["booking"]


def test_two_customers_both_create_for_the_last_class_place(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    yoga = sandbox.demo.service("yoga")
    slot = api.post(
        "/service-availability/v2/time-slots/event",
        json={
            "serviceIds": [yoga],
            "fromLocalDate": "2026-03-02T00:00:00",
            "toLocalDate": "2026-03-16T00:00:00",
        },
        headers=visitor,
    ).json()["timeSlots"][0]
    assert slot["remainingCapacity"] == 1  # the seeded nearly full session
    entity = {"slot": {"serviceId": yoga, "eventId": slot["eventInfo"]["eventId"]}}
    other = new_visitor(api, sandbox)

    first = create_booking(api, visitor, entity, email="first@example.com")
    second = create_booking(api, other, entity, email="second@example.com")

    assert (first.status_code, second.status_code) == (200, 200)
    paid = _confirm(api, admin, first.json()["booking"]["id"], "PAID")
    unpaid = _confirm(api, admin, second.json()["booking"]["id"], "NOT_PAID")
    assert (paid["status"], paid["doubleBooked"]) == ("CONFIRMED", False)
    assert unpaid["status"] == "DECLINED"


def test_a_paid_double_booking_is_kept_and_marked(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    ids = [
        create_booking(
            api, visitor, {"slot": appointment_slot(sandbox)}, email=f"{n}@ex.com"
        ).json()["booking"]["id"]
        for n in ("a", "b")
    ]

    first = _confirm(api, admin, ids[0], "PAID")
    second = _confirm(api, admin, ids[1], "PAID")

    assert (first["status"], first["doubleBooked"]) == ("CONFIRMED", False)
    assert (second["status"], second["doubleBooked"]) == ("CONFIRMED", True)


def test_any_staff_is_not_checked_at_creation_and_assigned_at_confirmation(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    # Maya and Priya both work at 10:00 in Islington; book both out (confirmed).
    for staff in ("maya", "priya"):
        booked = create_booking(api, visitor, {"slot": appointment_slot(sandbox, staff=staff)})
        _confirm(api, admin, booked.json()["booking"]["id"], "PAID")

    late = create_booking(api, visitor, {"slot": appointment_slot(sandbox, staff=None)})

    assert late.status_code == 200  # Wix defers the check (§24): no SLOT_NOT_AVAILABLE here
    assert "resource" not in late.json()["booking"]["bookedEntity"]["slot"]
    paid = _confirm(api, admin, late.json()["booking"]["id"], "PAID")
    assert (paid["status"], paid["doubleBooked"]) == ("CONFIRMED", True)


def test_any_staff_gets_a_free_person_at_confirmation(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    maya = create_booking(api, visitor, {"slot": appointment_slot(sandbox, staff="maya")})
    _confirm(api, admin, maya.json()["booking"]["id"], "PAID")
    anyone = create_booking(api, visitor, {"slot": appointment_slot(sandbox, staff=None)})

    confirmed = _confirm(api, admin, anyone.json()["booking"]["id"], "NOT_PAID")

    assert confirmed["status"] == "CONFIRMED"
    assert confirmed["bookedEntity"]["slot"]["resource"]["name"] == "Priya Shah"


def test_unpaid_any_staff_booking_with_nobody_free_is_declined(
    api: httpx.Client, visitor: dict[str, str], admin: dict[str, str], sandbox: Sandbox
) -> None:
    for staff in ("maya", "priya"):
        booked = create_booking(api, visitor, {"slot": appointment_slot(sandbox, staff=staff)})
        _confirm(api, admin, booked.json()["booking"]["id"], "PAID")
    anyone = create_booking(api, visitor, {"slot": appointment_slot(sandbox, staff=None)})

    assert _confirm(api, admin, anyone.json()["booking"]["id"], "NOT_PAID")["status"] == "DECLINED"


def _session_for(api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox) -> httpx.Response:
    booking = create_booking(api, visitor, {"slot": appointment_slot(sandbox)}).json()["booking"]
    item = {"catalogReference": {"appId": APP_ID, "catalogItemId": booking["id"]}, "quantity": 1}
    cart = api.post("/ecom/v2/carts", json={"catalogItems": [item]}, headers=visitor).json()
    return api.post(
        "/redirect-session/v1/redirect-session",
        json={
            "ecomCheckout": {"checkoutId": cart["cart"]["id"]},
            "callbacks": {"postFlowUrl": EVIL_RETURN, "thankYouPageUrl": EVIL_RETURN},
        },
        headers=visitor,
    )


def test_unlisted_callback_domain_is_accepted_at_creation_and_refused_on_return(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    created = _session_for(api, visitor, sandbox)

    assert created.status_code == 200  # Create Redirect Session checks no domain (§26.1)
    page = urlsplit(created.json()["redirectSession"]["fullUrl"]).path
    back = api.post(page.removeprefix("/_wix-sandbox") + "/pay")
    assert back.status_code == 403
    assert "book.evil.example" in back.text
    assert "Your payment went through." in back.text
    [booking] = [
        b for b in sandbox.bookings() if b["contactDetails"]["email"] == "ann.lee@example.com"
    ]
    assert booking["status"] == "CONFIRMED"  # paid before the way back was refused


def test_listed_callback_domain_is_sent_back(
    api: httpx.Client, visitor: dict[str, str], clock: Any
) -> None:
    sandbox = Sandbox(clock=clock, allowed_callback_hosts=("book.evil.example",))
    with httpx.Client(
        transport=httpx.WSGITransport(app=sandbox.app), base_url="https://www.wixapis.com"
    ) as own:
        headers = new_visitor(own, sandbox)
        created = _session_for(own, headers, sandbox)
        page = urlsplit(created.json()["redirectSession"]["fullUrl"]).path
        back = own.post(page.removeprefix("/_wix-sandbox") + "/cancel")

    assert back.status_code == 303
    assert back.headers["location"].startswith(EVIL_RETURN)
