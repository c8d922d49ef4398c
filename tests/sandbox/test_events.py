"""Class sessions: List/Get Event Time Slots (docs/wix-contract.md §4.4, §4.5); no courses (§22)."""

from __future__ import annotations

from typing import Any

import httpx

from wix_sandbox import Sandbox

from .conftest import HOLDING, app_code, create_booking, event_ids

PATH = "/service-availability/v2/time-slots/event"


def _events(api: httpx.Client, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    body = {"fromLocalDate": "2026-03-02T00:00:00", "toLocalDate": "2026-03-09T00:00:00"} | body
    response = api.post(PATH, json=body, headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_class_sessions_with_capacity(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    body = _events(api, visitor, serviceIds=[sandbox.demo.service("yoga")])
    slots = body["timeSlots"]

    assert [s["localStartDate"] for s in slots] == ["2026-03-03T18:30:00", "2026-03-07T09:30:00"]
    assert [(s["totalCapacity"], s["remainingCapacity"]) for s in slots] == [(12, 1), (12, 3)]
    assert slots[0]["eventInfo"]["eventTitle"] == "Vinyasa flow"
    assert len(slots[0]["eventInfo"]["eventId"]) >= 36
    assert "scheduleId" not in slots[0]
    assert slots[0]["availableResources"][0]["resources"] == [
        {"id": sandbox.demo.staff("leo"), "name": "Leo Marchetti"}
    ]
    assert body["pagingMetadata"] == {"cursors": {"next": None, "prev": None}, "hasNext": False}
    assert "cursorPagingMetadata" not in body


def test_event_ids_are_deterministic(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    first = event_ids(api, visitor, sandbox.demo.service("yoga"))
    sandbox.reset()

    assert event_ids(api, visitor, sandbox.demo.service("yoga")) == first


@HOLDING
def test_min_bookable_capacity_and_include_non_bookable(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    yoga = sandbox.demo.service("yoga")
    event = event_ids(api, visitor, yoga)[0]
    create_booking(api, visitor, {"slot": {"serviceId": yoga, "eventId": event}})

    all_sessions = _events(api, visitor, serviceIds=[yoga])["timeSlots"]
    bookable = _events(api, visitor, serviceIds=[yoga], includeNonBookable=False)["timeSlots"]
    for_three = _events(api, visitor, serviceIds=[yoga], minBookableCapacity=3)["timeSlots"]
    for_four = _events(api, visitor, serviceIds=[yoga], minBookableCapacity=4)["timeSlots"]

    assert all_sessions[0]["bookable"] is False
    assert all_sessions[0]["nonBookableReasons"]["noRemainingCapacity"] is True
    assert [s["localStartDate"] for s in bookable] == ["2026-03-07T09:30:00"]
    assert [s["remainingCapacity"] for s in for_three] == [3]
    assert for_four == []


def test_all_services_and_event_filter(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    window = {"toLocalDate": "2026-03-16T00:00:00"}
    everything = _events(api, visitor, **window)["timeSlots"]
    with_leo = _events(
        api,
        visitor,
        eventFilter={"resources.id": {"$hasSome": [sandbox.demo.staff("leo")]}},
        **window,
    )["timeSlots"]
    in_richmond = _events(
        api,
        visitor,
        eventFilter={"location.id": {"$in": [sandbox.demo.location("richmond")]}},
        **window,
    )["timeSlots"]

    # Courses are not served by Time Slots (§22): only the classes' sessions are listed.
    assert {s["eventInfo"]["eventTitle"] for s in everything} == {"Vinyasa flow", "Family yoga"}
    assert {s["eventInfo"]["eventTitle"] for s in with_leo} == {"Vinyasa flow"}
    assert {s["eventInfo"]["eventTitle"] for s in in_richmond} == {"Family yoga"}


def test_a_course_is_refused_by_time_slots(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    course = sandbox.demo.service("mindfulness")
    body = {"fromLocalDate": "2026-03-02T00:00:00", "toLocalDate": "2026-05-01T00:00:00"}

    events = api.post(PATH, json={**body, "serviceIds": [course]}, headers=visitor)
    appointments = api.post(
        "/service-availability/v2/time-slots", json={**body, "serviceId": course}, headers=visitor
    )

    assert events.status_code == 400
    assert app_code(events) == "VALIDATION_FAILURE"
    assert appointments.status_code == 400
    assert app_code(appointments) == "VALIDATION_FAILURE"


def test_event_paging(api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox) -> None:
    body = {
        "serviceIds": [sandbox.demo.service("family_yoga")],
        "toLocalDate": "2026-04-30T00:00:00",
    }
    first = _events(api, visitor, cursorPaging={"limit": 3}, **body)
    second = _events(
        api, visitor, cursorPaging={"cursor": first["pagingMetadata"]["cursors"]["next"]}
    )
    everything = _events(api, visitor, **body)["timeSlots"]

    assert first["timeSlots"] + second["timeSlots"] == everything[:6]
    assert first["pagingMetadata"]["hasNext"] is True


def test_max_slots_per_day_and_time_zone(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    slots = _events(
        api, visitor, serviceIds=[sandbox.demo.service("yoga")], timeZone="America/New_York"
    )["timeSlots"]

    assert slots[0]["localStartDate"] == "2026-03-03T13:30:00"


def test_get_event_slot(api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox) -> None:
    event = event_ids(api, visitor, sandbox.demo.service("family_yoga"))[0]

    response = api.get(f"{PATH}/{event}", params={"timeZone": "Europe/London"}, headers=visitor)
    missing = api.get(f"{PATH}/{'0' * 36}", headers=visitor)

    body = response.json()
    assert body["timeZone"] == "Europe/London"
    assert body["timeSlot"]["eventInfo"]["eventId"] == event
    assert body["timeSlot"]["remainingCapacity"] == 13
    assert missing.status_code == 404
    assert app_code(missing) == "SLOT_NOT_FOUND"


def test_event_dates_must_be_strict(api: httpx.Client, visitor: dict[str, str]) -> None:
    response = api.post(
        PATH,
        json={"fromLocalDate": "2026-03-02", "toLocalDate": "2026-03-09T00:00:00"},
        headers=visitor,
    )

    assert response.status_code == 400
