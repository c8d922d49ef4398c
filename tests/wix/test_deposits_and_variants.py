"""Create Booking and Time Slots payloads for deposits and each variant option type (§19, §21)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from booking_site.wix import STAFF_RESOURCE_TYPE_ID, WixClient
from booking_site.wix.models import (
    ContactDetails,
    Money,
    OptionType,
    ServicePayment,
    ServiceVariants,
    SlotLocation,
    SlotResource,
    TimeSlot,
)

from .fakes import FakeWix

BOOKINGS = "/bookings/v2/bookings"
LIST = "/_api/service-availability/v2/time-slots"
ANN = ContactDetails(first_name="Ann", email="ann@example.com")


def _slot(end: str = "2026-03-02T11:30:00") -> TimeSlot:
    return TimeSlot(
        service_id="svc-thai",
        local_start="2026-03-02T10:00:00",
        local_end=end,
        time_zone="Europe/London",
        bookable=True,
        location=SlotLocation("loc-main", "Main studio", None, "BUSINESS"),
        schedule_id="sched-thai",
        resources=(SlotResource("res-sam", "Sam"),),
    )


def _variants(option: dict[str, Any], choices: list[dict[str, Any]]) -> ServiceVariants:
    return ServiceVariants.from_api(
        {
            "serviceVariants": {
                "id": "sov",
                "serviceId": "svc",
                "options": {"values": [{"id": "opt", **option}]},
                "variants": {
                    "values": [
                        {
                            "choices": [{"optionId": "opt", **choice}],
                            "price": {"value": str(60 + 25 * n), "currency": "GBP"},
                        }
                        for n, choice in enumerate(choices)
                    ]
                },
            }
        }
    )


DURATIONS = _variants(
    {"type": "DURATION", "durationData": {"name": "Length"}},
    [{"duration": {"minutes": 60, "name": "1 hr"}}, {"duration": {"minutes": 90}}],
)
STAFF = _variants({"type": "STAFF_MEMBER"}, [{"staffMemberId": "res-sam"}])
AGES = _variants(
    {"type": "CUSTOM", "customData": {"name": "Age", "choices": ["Adult", "Child"]}},
    [{"custom": "Adult"}, {"custom": "Child"}],
)
RULES = _variants(
    {"type": "DATE_TIME"},
    [{"dateTime": {"ruleType": "MONTHS", "name": "Summer", "monthsRule": {"months": [6, 7]}}}],
)


def test_option_types_parse_into_their_own_cases() -> None:
    assert DURATIONS.option_type == OptionType.DURATION
    assert [(v.minutes, v.choice) for v in DURATIONS.durations] == [(60, "1 hr"), (90, "90")]
    assert DURATIONS.for_minutes(90) is DURATIONS.variants[1]
    assert STAFF.for_staff("res-sam") is STAFF.variants[0]
    assert STAFF.for_staff("res-other") is None
    assert [v.kind for v in AGES.variants] == [OptionType.CUSTOM, OptionType.CUSTOM]
    assert (RULES.option_type, RULES.variants[0].choice, RULES.bookable) == (
        OptionType.DATE_TIME,
        "Summer",
        False,
    )
    assert (DURATIONS.bookable, STAFF.bookable, AGES.bookable) == (True, True, True)


def test_create_sends_a_duration_choice_for_every_participant(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", BOOKINGS, "booking_created")

    wix.bookings.create(
        slot=_slot(),
        contact=ANN,
        participant_choices=[(DURATIONS.variants[1], 2)],
        payment_option="ONLINE",
        staff_id="res-sam",
    )

    sent = fake.body()["booking"]
    assert sent["participantsChoices"] == {
        "serviceChoices": [
            {
                "numberOfParticipants": 2,
                "choices": [{"optionId": "opt", "duration": {"minutes": 90}}],
            }
        ]
    }
    assert "totalParticipants" not in sent
    assert (sent["bookedEntity"]["slot"]["startDate"], sent["bookedEntity"]["slot"]["endDate"]) == (
        "2026-03-02T10:00:00",
        "2026-03-02T11:30:00",
    )
    assert "depositSelected" not in sent


def test_custom_choice_is_sent_as_custom(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", BOOKINGS, "booking_created")

    wix.bookings.create(
        slot=_slot(),
        contact=ANN,
        participant_choices=[(AGES.variants[0], 1), (AGES.variants[1], 2)],
        payment_option="ONLINE",
    )

    choices = fake.body()["booking"]["participantsChoices"]["serviceChoices"]
    assert [c["choices"] for c in choices] == [
        [{"optionId": "opt", "custom": "Adult"}],
        [{"optionId": "opt", "custom": "Child"}],
    ]
    assert [c["numberOfParticipants"] for c in choices] == [1, 2]


@pytest.mark.parametrize("variant", [STAFF.variants[0], RULES.variants[0]])
def test_options_without_a_booking_case_are_never_sent_as_custom(
    wix: WixClient, fake: FakeWix, variant: Any
) -> None:
    with pytest.raises(ValueError, match="no booking-side choice"):
        wix.bookings.create(
            slot=_slot(),
            contact=ANN,
            participant_choices=[(variant, 1)],
            payment_option="ONLINE",
        )

    assert fake.requests == []


@pytest.mark.parametrize("selected", [True, False])
def test_create_sends_deposit_selected_when_given(
    wix: WixClient, fake: FakeWix, selected: bool
) -> None:
    fake.add("POST", BOOKINGS, "booking_created")

    wix.bookings.create(
        slot=_slot(),
        contact=ANN,
        total_participants=1,
        payment_option="ONLINE",
        deposit_selected=selected,
        staff_id="res-sam",
    )

    sent = fake.body()["booking"]
    assert (sent["selectedPaymentOption"], sent["depositSelected"]) == ("ONLINE", selected)
    # A staff member variant is priced by the slot's resource: no participantsChoices.
    assert sent["totalParticipants"] == 1
    assert sent["bookedEntity"]["slot"]["resource"] == {"id": "res-sam", "name": "Sam"}


def test_list_availability_asks_for_the_chosen_duration(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", LIST, "time_slots_page2")

    wix.time_slots.list_availability(
        service_id="svc-thai",
        from_local="2026-03-02T00:00:00",
        to_local="2026-03-09T00:00:00",
        time_zone="Europe/London",
        duration_minutes=90,
    )

    assert fake.body() == {
        "serviceId": "svc-thai",
        "fromLocalDate": "2026-03-02T00:00:00",
        "toLocalDate": "2026-03-09T00:00:00",
        "timeZone": "Europe/London",
        "includeResourceTypeIds": [STAFF_RESOURCE_TYPE_ID],
        "customerChoices": {"durationInMinutes": 90},
        "cursorPaging": {"limit": 1000},
    }


@pytest.mark.parametrize(
    ("payment", "deposit", "full"),
    [
        (
            {
                "rateType": "FIXED",
                "fixed": {
                    "price": {"value": "180", "currency": "GBP"},
                    "deposit": {"value": "50", "currency": "GBP"},
                    "fullUpfrontPaymentAllowed": True,
                },
                "options": {"online": True, "inPerson": False, "deposit": True},
            },
            Decimal("50"),
            True,
        ),
        (
            {
                "rateType": "VARIED",
                "varied": {
                    "defaultPrice": {"value": "85", "currency": "GBP"},
                    "deposit": {"value": "20", "currency": "GBP"},
                },
                "options": {"online": True, "deposit": True},
            },
            Decimal("20"),
            False,
        ),
        (
            {
                "rateType": "FIXED",
                "fixed": {
                    "price": {"value": "180", "currency": "GBP"},
                    "deposit": {"value": "50", "currency": "GBP"},
                    "fullUpfrontPaymentAllowed": True,
                },
                "options": {"online": True, "deposit": False},
            },
            None,
            True,
        ),
    ],
)
def test_service_payment_reads_the_deposit_and_full_upfront_flag(
    payment: dict[str, Any], deposit: Decimal | None, full: bool
) -> None:
    parsed = ServicePayment.from_api(payment)

    assert (parsed.deposit.amount if parsed.deposit else None) == deposit
    assert parsed.full_upfront_allowed is full
    assert isinstance(parsed.price or parsed.default_price, Money)
