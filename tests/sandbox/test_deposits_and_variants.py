"""The sandbox's deposits and variant option types (docs/wix-contract.md §19, §21)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from wix_sandbox import Sandbox

from .conftest import app_code, appointment_slot, booking_cart, create_booking

SLOTS = "/_api/service-availability/v2/time-slots"


def _lengths(api: httpx.Client, headers: dict[str, str], body: dict[str, Any]) -> set[str]:
    response = api.post(SLOTS, json=body, headers=headers)
    assert response.status_code == 200, response.text
    return {
        f"{s['localStartDate'][11:16]}-{s['localEndDate'][11:16]}"
        for s in response.json()["timeSlots"]
        if s["localStartDate"].startswith("2026-03-02T10:00")
    }


def _window(sandbox: Sandbox, **extra: Any) -> dict[str, Any]:
    return {
        "serviceId": sandbox.demo.service("thai_massage"),
        "fromLocalDate": "2026-03-02T00:00:00",
        "toLocalDate": "2026-03-03T00:00:00",
        "timeZone": "Europe/London",
        **extra,
    }


def test_time_slots_last_the_chosen_duration(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    default = _lengths(api, visitor, _window(sandbox))
    long = _lengths(api, visitor, _window(sandbox, customerChoices={"durationInMinutes": 90}))

    assert default == {"10:00-11:00"}
    assert long == {"10:00-11:30"}


def test_time_slots_refuse_a_duration_out_of_range(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    response = api.post(
        SLOTS, json=_window(sandbox, customerChoices={"durationInMinutes": 0}), headers=visitor
    )

    assert response.status_code == 400
    assert app_code(response) == "VALIDATION_FAILURE"


def test_get_time_slot_finds_a_duration_variant_slot_by_its_dates(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    body = {
        "serviceId": sandbox.demo.service("thai_massage"),
        "localStartDate": "2026-03-02T10:00:00",
        "localEndDate": "2026-03-02T11:30:00",
        "timeZone": "Europe/London",
    }

    found = api.post(f"{SLOTS}/get", json=body, headers=visitor)
    odd = api.post(
        f"{SLOTS}/get", json={**body, "localEndDate": "2026-03-02T11:15:00"}, headers=visitor
    )

    assert found.status_code == 200
    assert found.json()["timeSlot"]["localEndDate"] == "2026-03-02T11:30:00"
    assert odd.status_code == 404


def _duration_choice(sandbox: Sandbox, minutes: int) -> dict[str, Any]:
    return {
        "serviceChoices": [
            {
                "numberOfParticipants": 1,
                "choices": [
                    {
                        "optionId": sandbox.demo.option("thai_massage"),
                        "duration": {"minutes": minutes},
                    }
                ],
            }
        ]
    }


def test_duration_choice_books_that_length_and_price(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    slot = appointment_slot(sandbox, service="thai_massage", end="2026-03-02T11:30:00")

    response = create_booking(
        api,
        visitor,
        {"slot": slot},
        participants=None,
        participantsChoices=_duration_choice(sandbox, 90),
    )

    assert response.status_code == 200, response.text
    booking = response.json()["booking"]
    assert booking["endDate"] == "2026-03-02T11:30:00.000Z"
    cart = booking_cart(api, visitor, booking["id"])
    assert cart["lineItems"][0]["price"]["amount"] == "85.00"


@pytest.mark.parametrize(
    "choice",
    [
        {"custom": "90"},  # a duration sent as a custom choice: not a valid choice (§12)
        {"duration": {"minutes": 45}},  # a length the service doesn't offer
        {"duration": {"minutes": 90}, "custom": "90"},  # two cases of the oneof
    ],
)
def test_choices_not_in_the_option_types_case_are_refused(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox, choice: dict[str, Any]
) -> None:
    slot = appointment_slot(sandbox, service="thai_massage", end="2026-03-02T11:30:00")
    choices = {
        "serviceChoices": [
            {
                "numberOfParticipants": 1,
                "choices": [{"optionId": sandbox.demo.option("thai_massage"), **choice}],
            }
        ]
    }

    response = create_booking(
        api, visitor, {"slot": slot}, participants=None, participantsChoices=choices
    )

    assert response.status_code == 428  # INVALID_SERVICE_CHOICES is a 428 (§21.2)
    assert app_code(response) == "INVALID_SERVICE_CHOICES"


def test_staff_member_variants_take_no_choices_and_price_by_the_resource(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    slot = appointment_slot(sandbox, service="physio", end="2026-03-02T10:45:00", staff="maya")
    as_custom = {
        "serviceChoices": [
            {
                "numberOfParticipants": 1,
                "choices": [{"optionId": sandbox.demo.option("physio"), "custom": "maya"}],
            }
        ]
    }

    refused = create_booking(
        api, visitor, {"slot": slot}, participants=None, participantsChoices=as_custom
    )
    booked = create_booking(api, visitor, {"slot": slot})

    assert app_code(refused) == "INVALID_SERVICE_CHOICES"
    assert booked.status_code == 200, booked.text
    cart = booking_cart(api, visitor, booked.json()["booking"]["id"])
    assert cart["lineItems"][0]["price"]["amount"] == "55.00"  # Maya's price, not Priya's £70


@pytest.mark.parametrize(("sent", "status"), [(None, 400), (False, 400), (True, 200)])
def test_deposit_only_service_needs_deposit_selected(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox, sent: bool | None, status: int
) -> None:
    slot = appointment_slot(sandbox, service="sports_recovery", end="2026-03-02T11:30:00")
    extra = {} if sent is None else {"depositSelected": sent}

    response = create_booking(api, visitor, {"slot": slot}, **extra)

    assert response.status_code == status, response.text
    if status == 400:
        assert "booking.depositSelected" in response.text


@pytest.mark.parametrize(
    ("selected", "pay_now", "option"),
    [(True, "40.00", "DEPOSIT_ONLINE"), (False, "160.00", "FULL_PAYMENT_ONLINE")],
)
def test_deposit_or_full_cart_charges_what_was_chosen(
    api: httpx.Client,
    visitor: dict[str, str],
    sandbox: Sandbox,
    selected: bool,
    pay_now: str,
    option: str,
) -> None:
    slot = appointment_slot(sandbox, service="reflexology", end="2026-03-02T10:45:00", staff="maya")
    booking = create_booking(
        api, visitor, {"slot": slot}, participants=2, depositSelected=selected
    ).json()["booking"]
    cart = booking_cart(api, visitor, booking["id"])

    summary = api.post(f"/ecom/v2/carts/{cart['id']}/calculate", json={}, headers=visitor).json()

    assert booking["depositSelected"] is selected
    assert cart["lineItems"][0]["paymentConfig"]["paymentOption"] == option
    assert summary["summary"]["priceSummary"]["total"]["amount"] == "160.00"
    assert summary["summary"]["paymentSummary"]["payNow"]["amount"] == pay_now
    later = f"{160 - float(pay_now):.2f}"
    assert summary["summary"]["paymentSummary"]["payLater"]["amount"] == later


def test_a_deposit_service_is_shown_with_its_deposit(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    service = api.get(
        f"/bookings/v2/services/{sandbox.demo.service('sports_recovery')}", headers=visitor
    ).json()["service"]

    assert service["payment"]["options"] == {
        "online": True,
        "inPerson": False,
        "deposit": True,
        "pricingPlan": False,
    }
    assert service["payment"]["fixed"]["deposit"]["value"] == "50.00"
    assert service["payment"]["fixed"]["fullUpfrontPaymentAllowed"] is False


def test_variants_are_rendered_by_option_type(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    def variants(key: str) -> dict[str, Any]:
        path = f"/bookings/v1/serviceOptionsAndVariants/service_id/{sandbox.demo.service(key)}"
        return api.get(path, headers=visitor).json()["serviceVariants"]

    thai, physio, sauna = variants("thai_massage"), variants("physio"), variants("sauna")

    assert thai["options"]["values"][0]["type"] == "DURATION"
    assert [v["choices"][0]["duration"] for v in thai["variants"]["values"]] == [
        {"minutes": 60, "name": "1 hr"},
        {"minutes": 90, "name": "1 hr 30 min"},
    ]
    assert [v["choices"][0]["staffMemberId"] for v in physio["variants"]["values"]] == [
        sandbox.demo.staff("priya"),
        sandbox.demo.staff("maya"),
    ]
    assert sauna["options"]["values"][0]["type"] == "DATE_TIME"
    assert sauna["variants"]["values"][0]["choices"][0]["dateTime"]["ruleType"] == "HOURS_AND_DAYS"
