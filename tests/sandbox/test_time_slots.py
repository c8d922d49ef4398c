"""Appointment time slots (docs/wix-contract.md §4.2, §4.3, §17.5)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from wix_sandbox import Sandbox

from .conftest import HOLDING, STAFF_TYPE, app_code, appointment_slot, create_booking

PATH = "/_api/service-availability/v2/time-slots"


def _list(api: httpx.Client, headers: dict[str, str], **body: Any) -> httpx.Response:
    return api.post(PATH, json=body, headers=headers)


def _slots(
    api: httpx.Client,
    headers: dict[str, str],
    sandbox: Sandbox,
    day: str,
    *,
    staff: str | None = None,
    location: str | None = None,
    service: str = "massage",
    next_day: str | None = None,
    **extra: Any,
) -> list[dict[str, Any]]:
    body: dict[str, Any] = {
        "serviceId": sandbox.demo.service(service),
        "fromLocalDate": f"{day}T00:00:00",
        "toLocalDate": f"{next_day or day}T23:59:59",
        **extra,
    }
    if staff:
        body["resourceTypes"] = [
            {"resourceTypeId": STAFF_TYPE, "resourceIds": [sandbox.demo.staff(staff)]}
        ]
    if location:
        body["locations"] = [{"id": sandbox.demo.location(location), "locationType": "BUSINESS"}]
    response = _list(api, headers, **body)
    assert response.status_code == 200, response.text
    return list(response.json()["timeSlots"])


def _starts(slots: list[dict[str, Any]]) -> list[str]:
    return [s["localStartDate"][11:16] for s in slots]


def test_slots_follow_the_split_interval_and_overlap(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    slots = _slots(api, visitor, sandbox, "2026-03-02", staff="maya", location="islington")

    assert _starts(slots) == [f"{h:02d}:{m:02d}" for h in range(9, 17) for m in (0, 30)][:-1]
    assert slots[0]["localEndDate"] == "2026-03-02T10:00:00"
    assert slots[1]["localStartDate"] < slots[0]["localEndDate"]


def test_slot_shape(api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox) -> None:
    slot = _slots(api, visitor, sandbox, "2026-03-02", staff="maya", location="islington")[4]

    assert slot == {
        "serviceId": sandbox.demo.service("massage"),
        "localStartDate": "2026-03-02T11:00:00",
        "localEndDate": "2026-03-02T12:00:00",
        "bookable": True,
        "location": {
            "id": sandbox.demo.location("islington"),
            "name": "Fernleigh Islington",
            "formattedAddress": "14 Camden Passage, London N1 8ED, UK",
            "locationType": "BUSINESS",
        },
        "totalCapacity": 1,
        "remainingCapacity": 1,
        "bookableCapacity": 1,
        "bookingPolicyViolations": {
            "tooEarlyToBook": False,
            "earliestBookingDate": None,
            "tooLateToBook": False,
            "bookOnlineDisabled": False,
        },
        "availableResources": [
            {
                "resourceTypeId": STAFF_TYPE,
                "resources": [{"id": sandbox.demo.staff("maya"), "name": "Maya Okafor"}],
                "hasMoreAvailableResources": False,
            }
        ],
        "nestedTimeSlots": [],
        "nonBookableReasons": {
            "noRemainingCapacity": False,
            "violatesBookingPolicy": False,
            "reservedForWaitingList": False,
            "eventCancelled": False,
        },
        "scheduleId": sandbox.demo.schedule("massage"),
        "allDay": False,
    }


def test_available_resources_only_when_asked(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    plain = _slots(api, visitor, sandbox, "2026-03-02", location="islington")
    asked = _slots(
        api,
        visitor,
        sandbox,
        "2026-03-02",
        location="islington",
        includeResourceTypeIds=[STAFF_TYPE],
    )

    assert {len(s["availableResources"]) for s in plain} == {0}
    ten = next(s for s in asked if s["localStartDate"].endswith("10:00:00"))
    names = [r["name"] for r in ten["availableResources"][0]["resources"]]
    assert _starts(asked)[:4] == ["08:30", "09:00", "09:30", "10:00"]
    assert names == ["Maya Okafor", "Priya Shah"]


def test_multi_location_service_gives_one_slot_per_location(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    # Friday: Maya is in Richmond, nobody else does massage in Islington.
    friday = _slots(api, visitor, sandbox, "2026-03-06")
    thursday = _slots(api, visitor, sandbox, "2026-03-05")
    at_one = [s["location"]["name"] for s in thursday if s["localStartDate"].endswith("13:00:00")]

    assert {s["location"]["name"] for s in friday} == {"Fernleigh Richmond"}
    assert at_one == ["Fernleigh Islington", "Fernleigh Richmond"]


@HOLDING
def test_booked_slot_and_its_overlapping_neighbours_disappear(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    before = _starts(
        _slots(api, visitor, sandbox, "2026-03-02", staff="maya", location="islington")
    )

    created = create_booking(api, visitor, {"slot": appointment_slot(sandbox)})
    after = _starts(_slots(api, visitor, sandbox, "2026-03-02", staff="maya", location="islington"))

    assert created.status_code == 200
    assert {"09:30", "10:00", "10:30"} <= set(before)
    assert set(before) - set(after) == {"09:30", "10:00", "10:30"}


@HOLDING
def test_any_staff_slot_survives_while_someone_is_free(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    create_booking(api, visitor, {"slot": appointment_slot(sandbox)})

    slots = _slots(
        api,
        visitor,
        sandbox,
        "2026-03-02",
        location="islington",
        includeResourceTypeIds=[STAFF_TYPE],
    )
    ten = next(s for s in slots if s["localStartDate"].endswith("10:00:00"))

    assert [r["name"] for r in ten["availableResources"][0]["resources"]] == ["Priya Shah"]


def test_seeded_booking_blocks_maya_tomorrow(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    starts = _starts(
        _slots(api, visitor, sandbox, "2026-03-03", staff="maya", location="islington")
    )

    assert starts[:3] == ["09:00", "11:00", "11:30"]


def test_policy_windows_mark_slots_non_bookable(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    today = _slots(api, visitor, sandbox, "2026-03-02", staff="priya", location="islington")
    later = _slots(api, visitor, sandbox, "2026-04-06", staff="maya", location="islington")

    assert [(s["localStartDate"][11:16], s["bookable"]) for s in today[:4]] == [
        ("08:30", False),
        ("09:00", False),
        ("09:30", False),
        ("10:00", True),
    ]
    assert today[0]["bookingPolicyViolations"]["tooLateToBook"] is True
    assert today[0]["nonBookableReasons"]["violatesBookingPolicy"] is True
    # 6 April is BST: 10:00 local = 09:00Z, bookable from 30 days before.
    ten = next(s for s in later if s["localStartDate"].endswith("10:00:00"))
    assert ten["bookable"] is False
    assert ten["bookingPolicyViolations"]["tooEarlyToBook"] is True
    assert ten["bookingPolicyViolations"]["earliestBookingDate"] == "2026-03-07T09:00:00.000Z"


def test_bookable_filter(api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox) -> None:
    only = _slots(
        api, visitor, sandbox, "2026-03-02", staff="priya", location="islington", bookable=True
    )
    late = _slots(
        api,
        visitor,
        sandbox,
        "2026-03-02",
        staff="priya",
        bookingPolicyViolations={"tooLateToBook": True},
    )

    assert _starts(only)[0] == "10:00"
    assert {s["bookable"] for s in only} == {True}
    assert _starts(late) == ["08:30", "09:00", "09:30"]


def test_past_slots_are_never_returned(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    slots = _slots(api, visitor, sandbox, "2026-02-27", next_day="2026-03-02", staff="priya")

    assert slots[0]["localStartDate"] == "2026-03-02T08:30:00"


def test_dst_change_day_slots_convert_to_utc(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    # Clocks go forward on Sunday 29 March: Tom's 11:00 is 11:00Z a week before, 10:00Z on it.
    before = _slots(api, visitor, sandbox, "2026-03-22", staff="tom")
    on_dst = _slots(api, visitor, sandbox, "2026-03-29", staff="tom")
    utc = _slots(api, visitor, sandbox, "2026-03-29", staff="tom", timeZone="UTC")

    assert before[0]["localStartDate"] == "2026-03-22T11:00:00"
    assert on_dst[0]["localStartDate"] == "2026-03-29T11:00:00"
    assert utc[0]["localStartDate"] == "2026-03-29T10:00:00"
    slot = appointment_slot(
        sandbox,
        start="2026-03-29T11:00:00",
        end="2026-03-29T12:00:00",
        staff="tom",
        location="richmond",
    )
    booking = create_booking(api, visitor, {"slot": slot}).json()["booking"]
    assert booking["startDate"] == "2026-03-29T10:00:00.000Z"
    assert booking["endDate"] == "2026-03-29T11:00:00.000Z"


@pytest.mark.parametrize(
    ("day", "zone", "expected"),
    [
        ("2026-03-03", "Europe/Paris", "2026-03-03T11:00:00"),
        ("2026-03-17", "America/New_York", "2026-03-17T06:00:00"),  # US already on DST
        ("2026-04-07", "America/New_York", "2026-04-07T05:00:00"),  # both on summer time
        ("2026-04-07", "Europe/London", "2026-04-07T10:00:00"),
    ],
)
def test_slots_in_another_time_zone(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox, day: str, zone: str, expected: str
) -> None:
    response = _list(
        api,
        visitor,
        serviceId=sandbox.demo.service("massage"),
        fromLocalDate=f"{day}T00:00:00",
        toLocalDate=f"{day}T23:59:59",
        timeZone=zone,
        resourceTypes=[{"resourceTypeId": STAFF_TYPE, "resourceIds": [sandbox.demo.staff("tom")]}],
    )

    assert response.json()["timeZone"] == zone
    assert response.json()["timeSlots"][0]["localStartDate"] == expected


def test_cursor_paging_with_follow_up_cursor_only(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    body = {
        "serviceId": sandbox.demo.service("massage"),
        "fromLocalDate": "2026-03-02T00:00:00",
        "toLocalDate": "2026-03-04T00:00:00",
    }
    everything = _list(api, visitor, **body).json()["timeSlots"]

    first = _list(api, visitor, **body, cursorPaging={"limit": 5}).json()
    second = _list(
        api, visitor, cursorPaging={"cursor": first["cursorPagingMetadata"]["cursors"]["next"]}
    ).json()

    assert first["cursorPagingMetadata"]["hasNext"] is True
    assert first["timeSlots"] == everything[:5]
    assert second["timeSlots"] == everything[5:10]
    assert second["cursorPagingMetadata"]["cursors"]["prev"]
    assert len(everything) > 10


def test_default_time_zone_is_echoed(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    response = _list(
        api,
        visitor,
        serviceId=sandbox.demo.service("massage"),
        fromLocalDate="2026-03-02T00:00:00",
        toLocalDate="2026-03-03T00:00:00",
        timezone="Asia/Tokyo",  # wrong case: ignored like Wix does
    )

    assert response.json()["timeZone"] == "Europe/London"
    assert response.json()["cursorPagingMetadata"] == {
        "cursors": {"next": None, "prev": None},
        "hasNext": False,
    }


@pytest.mark.parametrize(
    "value", ["2026-03-02", "2026-03-02T10:00:00Z", "2026-03-02 10:00:00", "2026-03-02T10:00"]
)
def test_non_strict_local_dates_are_400(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox, value: str
) -> None:
    response = _list(
        api,
        visitor,
        serviceId=sandbox.demo.service("massage"),
        fromLocalDate=value,
        toLocalDate="2026-03-05T00:00:00",
    )

    assert response.status_code == 400
    violation = response.json()["details"]["validationError"]["fieldViolations"][0]
    assert violation["field"] == "fromLocalDate"


def test_missing_service_id_is_400(api: httpx.Client, visitor: dict[str, str]) -> None:
    response = _list(
        api, visitor, fromLocalDate="2026-03-02T00:00:00", toLocalDate="2026-03-03T00:00:00"
    )

    assert response.status_code == 400
    assert app_code(response) == "MISSING_ARGUMENTS"


def test_unknown_service_is_404(api: httpx.Client, visitor: dict[str, str]) -> None:
    response = _list(
        api,
        visitor,
        serviceId="00000000-0000-0000-0000-000000000000",
        fromLocalDate="2026-03-02T00:00:00",
        toLocalDate="2026-03-03T00:00:00",
    )

    assert response.status_code == 404
    assert app_code(response) == "SERVICE_NOT_FOUND"


def test_class_service_gives_no_appointment_slots_unless_knob(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    assert _slots(api, visitor, sandbox, "2026-03-03", service="yoga") == []

    sandbox.set_misconfiguration("reject_non_appointment_slots")
    response = _list(
        api,
        visitor,
        serviceId=sandbox.demo.service("yoga"),
        fromLocalDate="2026-03-03T00:00:00",
        toLocalDate="2026-03-04T00:00:00",
    )

    assert response.status_code == 400


@HOLDING
def test_get_slot_revalidates_with_all_resources(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    body = {
        "serviceId": sandbox.demo.service("massage"),
        "localStartDate": "2026-03-02T10:00:00",
        "localEndDate": "2026-03-02T11:00:00",
        "timeZone": "Europe/London",
        "location": {"id": sandbox.demo.location("islington"), "locationType": "BUSINESS"},
    }

    found = api.post("/service-availability/v2/time-slots/get", json=body, headers=visitor)
    create_booking(api, visitor, {"slot": appointment_slot(sandbox)})
    create_booking(
        api, visitor, {"slot": appointment_slot(sandbox, staff="priya")}, email="b@example.com"
    )
    gone = api.post("/service-availability/v2/time-slots/get", json=body, headers=visitor)

    assert found.status_code == 200
    resources = found.json()["timeSlot"]["availableResources"][0]["resources"]
    assert [r["name"] for r in resources] == ["Maya Okafor", "Priya Shah"]
    assert gone.status_code == 404
    assert app_code(gone) == "SLOT_NOT_FOUND"
