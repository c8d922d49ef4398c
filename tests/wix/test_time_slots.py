"""Time Slots V2 resource: exact requests, cursor paging and parsing."""

from __future__ import annotations

import pytest

from booking_site.wix import STAFF_RESOURCE_TYPE_ID, WixClient, WixNotFound
from booking_site.wix.models import SlotLocation, SlotResource

from .fakes import FakeWix, load

LIST = "/_api/service-availability/v2/time-slots"
EVENTS = "/_api/service-availability/v2/time-slots/event"


def test_list_availability_follows_cursor_sending_only_the_cursor(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", LIST, "time_slots_page1")
    fake.add("POST", LIST, "time_slots_page2")

    result = wix.time_slots.list_availability(
        service_id="svc-massage",
        from_local="2026-03-02T00:00:00",
        to_local="2026-03-09T00:00:00",
        time_zone="Europe/London",
    )

    assert fake.bodies(LIST) == [
        {
            "serviceId": "svc-massage",
            "fromLocalDate": "2026-03-02T00:00:00",
            "toLocalDate": "2026-03-09T00:00:00",
            "timeZone": "Europe/London",
            "includeResourceTypeIds": [STAFF_RESOURCE_TYPE_ID],
            "cursorPaging": {"limit": 1000},
        },
        {"cursorPaging": {"limit": 1000, "cursor": "cursor-page-2"}},
    ]
    assert result.time_zone == "Europe/London"
    assert [s.local_start for s in result.slots] == [
        "2026-03-02T10:00:00",
        "2026-03-02T10:30:00",
        "2026-03-03T09:00:00",
    ]


def test_list_availability_sends_every_filter(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", LIST, "time_slots_page2")

    wix.time_slots.list_availability(
        service_id="svc-massage",
        from_local="2026-03-02T00:00:00",
        to_local="2026-03-03T00:00:00",
        time_zone=None,
        location_ids=["loc-main"],
        staff_ids=["res-sam"],
        bookable_only=True,
        include_staff=False,
        slots_per_day=5,
    )

    assert fake.body() == {
        "serviceId": "svc-massage",
        "fromLocalDate": "2026-03-02T00:00:00",
        "toLocalDate": "2026-03-03T00:00:00",
        "bookable": True,
        "locations": [{"id": "loc-main", "locationType": "BUSINESS"}],
        "resourceTypes": [{"resourceTypeId": STAFF_RESOURCE_TYPE_ID, "resourceIds": ["res-sam"]}],
        "timeSlotsPerDay": 5,
        "cursorPaging": {"limit": 1000},
    }


@pytest.mark.parametrize(
    "bad",
    ["2026-03-02", "2026-03-02T10:00:00Z", "2026-03-02T10:00", "2026-02-30T10:00:00", "tomorrow"],
)
def test_list_availability_rejects_non_local_dates_before_calling(
    wix: WixClient, fake: FakeWix, bad: str
) -> None:
    with pytest.raises(ValueError, match="local datetime"):
        wix.time_slots.list_availability(
            service_id="svc", from_local=bad, to_local="2026-03-09T00:00:00", time_zone=None
        )

    assert fake.requests == []


def test_list_availability_parses_staff_and_violations(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", LIST, "time_slots_page1")
    fake.add("POST", LIST, "time_slots_page2")

    first, second, third = wix.time_slots.list_availability(
        service_id="svc-massage",
        from_local="2026-03-02T00:00:00",
        to_local="2026-03-09T00:00:00",
        time_zone="Europe/London",
    ).slots

    assert first.resources == (SlotResource("res-sam", "Sam"), SlotResource("res-alex", "Alex"))
    assert first.location == SlotLocation("loc-main", "Main studio", "1 High St, London")
    assert first.schedule_id == "sched-massage"
    assert second.bookable is False
    assert second.too_early is True
    assert second.earliest_booking_date is not None
    assert second.earliest_booking_date.isoformat() == "2026-03-01T10:30:00+00:00"
    assert third.has_more_resources is True


def test_get_availability_sends_slot_location_and_staff(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", f"{LIST}/get", "time_slot_get")

    slot = wix.time_slots.get_availability(
        service_id="svc-massage",
        local_start="2026-03-02T10:00:00",
        local_end="2026-03-02T11:00:00",
        time_zone="Europe/London",
        location=SlotLocation("loc-main", "Main studio", None, "BUSINESS"),
        staff_id="res-sam",
    )

    assert fake.body() == {
        "serviceId": "svc-massage",
        "localStartDate": "2026-03-02T10:00:00",
        "localEndDate": "2026-03-02T11:00:00",
        "timeZone": "Europe/London",
        "includeResourceTypeIds": [STAFF_RESOURCE_TYPE_ID],
        "location": {"id": "loc-main", "locationType": "BUSINESS"},
        "resourceTypes": [{"resourceTypeId": STAFF_RESOURCE_TYPE_ID, "resourceIds": ["res-sam"]}],
    }
    assert slot.bookable is True
    assert slot.local_start == "2026-03-02T10:00:00"


def test_get_availability_slot_not_found_raises_not_found(wix: WixClient, fake: FakeWix) -> None:
    error = {"message": "gone", "details": {"applicationError": {"code": "SLOT_NOT_FOUND"}}}
    fake.add("POST", f"{LIST}/get", error, status=404)

    with pytest.raises(WixNotFound) as caught:
        wix.time_slots.get_availability(
            service_id="svc-massage",
            local_start="2026-03-02T10:00:00",
            local_end="2026-03-02T11:00:00",
            time_zone="Europe/London",
            location=None,
            staff_id=None,
        )

    assert caught.value.code == "SLOT_NOT_FOUND"


def test_get_availability_without_time_slot_raises_not_found(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", f"{LIST}/get", {"timeZone": "Europe/London"})

    with pytest.raises(WixNotFound) as caught:
        wix.time_slots.get_availability(
            service_id="svc-massage",
            local_start="2026-03-02T10:00:00",
            local_end="2026-03-02T11:00:00",
            time_zone="Europe/London",
            location=None,
            staff_id=None,
        )

    assert caught.value.code == "SLOT_NOT_FOUND"


def test_list_events_follows_paging_metadata_cursor(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", EVENTS, "event_slots_page1")
    fake.add("POST", EVENTS, "event_slots_page2")

    result = wix.time_slots.list_events(
        service_ids=["svc-yoga"],
        from_local="2026-03-02T00:00:00",
        to_local="2026-03-16T00:00:00",
        time_zone="Europe/London",
        min_bookable_capacity=2,
        staff_ids=["res-sam"],
        location_ids=["loc-main"],
    )

    assert fake.bodies(EVENTS) == [
        {
            "serviceIds": ["svc-yoga"],
            "fromLocalDate": "2026-03-02T00:00:00",
            "toLocalDate": "2026-03-16T00:00:00",
            "timeZone": "Europe/London",
            "includeNonBookable": False,
            "minBookableCapacity": 2,
            "eventFilter": {
                "resources.id": {"$hasSome": ["res-sam"]},
                "location.id": {"$in": ["loc-main"]},
            },
            "cursorPaging": {"limit": 1000},
        },
        {"cursorPaging": {"limit": 1000, "cursor": "event-cursor-2"}},
    ]
    first, second = result.slots
    assert (first.event_id, first.event_title) == ("evt-yoga-0302", "Yoga flow")
    assert (first.total_capacity, first.remaining_capacity, first.bookable_capacity) == (12, 5, 4)
    assert first.schedule_id is None
    assert first.resources == (SlotResource("res-sam", "Sam"),)
    assert (second.event_id, second.bookable) == ("evt-yoga-0309", False)


def test_list_events_minimal_request(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", EVENTS, "event_slots_page2")

    wix.time_slots.list_events(
        service_ids=["svc-yoga"],
        from_local="2026-03-02T00:00:00",
        to_local="2026-03-16T00:00:00",
        time_zone=None,
        include_non_bookable=True,
    )

    assert fake.body() == {
        "serviceIds": ["svc-yoga"],
        "fromLocalDate": "2026-03-02T00:00:00",
        "toLocalDate": "2026-03-16T00:00:00",
        "includeNonBookable": True,
        "cursorPaging": {"limit": 1000},
    }


def test_list_events_repeated_cursor_stops_paging(wix: WixClient, fake: FakeWix) -> None:
    looping = load("event_slots_page1")
    fake.add("POST", EVENTS, looping)

    result = wix.time_slots.list_events(
        service_ids=["svc-yoga"],
        from_local="2026-03-02T00:00:00",
        to_local="2026-03-16T00:00:00",
        time_zone=None,
    )

    assert len(fake.requests) == 2
    assert len(result.slots) == 2


def test_get_event_sends_time_zone_as_query(wix: WixClient, fake: FakeWix) -> None:
    fake.add("GET", f"{EVENTS}/evt-yoga-0302", "event_slot_get")

    slot = wix.time_slots.get_event(event_id="evt-yoga-0302", time_zone="Europe/London")

    assert fake.calls() == [("GET", f"{EVENTS}/evt-yoga-0302?timeZone=Europe%2FLondon")]
    assert slot.event_id == "evt-yoga-0302"
    assert slot.time_zone == "Europe/London"
