"""The re-check before Create Booking (``services/slot_recheck``) on a MockTransport: the exact
requests it sends (docs/wix-contract.md §4.3, §4.5, §24) and what it makes of Wix's answers."""

from __future__ import annotations

import copy

import pytest

from booking_site.errors import BookingError
from booking_site.services.slot_recheck import Rechecked, recheck_slot
from booking_site.wix import STAFF_RESOURCE_TYPE_ID, WixClient
from booking_site.wix.models import SlotLocation, TimeSlot

from .fakes import FakeWix, load

GET = "/_api/service-availability/v2/time-slots/get"
EVENT = "/_api/service-availability/v2/time-slots/event/evt-yoga-0302"
LOCATION = SlotLocation(id="loc-main", name="Main studio", address=None, type="BUSINESS")
APPOINTMENT = TimeSlot(
    service_id="svc-massage",
    local_start="2026-03-02T10:00:00",
    local_end="2026-03-02T11:00:00",
    time_zone="Europe/London",
    bookable=True,
    location=LOCATION,
    schedule_id="sched-massage",
)
CLASS = TimeSlot(
    service_id="svc-yoga",
    local_start="2026-03-02T18:00:00",
    local_end="2026-03-02T19:00:00",
    time_zone="Europe/London",
    bookable=True,
    event_id="evt-yoga-0302",
)


def _two_free() -> dict[str, object]:
    answer = copy.deepcopy(load("time_slot_get"))
    answer["timeSlot"]["availableResources"][0]["resources"] = [
        {"id": "res-sam", "name": "Sam"},
        {"id": "res-ana", "name": "Ana"},
    ]
    return answer


def test_anyone_asks_for_every_free_person_and_books_the_first_one(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", GET, _two_free())

    found = recheck_slot(APPOINTMENT, staff_id=None, participants=1, any_staff=True, client=wix)

    assert fake.bodies(GET) == [
        {
            "serviceId": "svc-massage",
            "localStartDate": "2026-03-02T10:00:00",
            "localEndDate": "2026-03-02T11:00:00",
            "timeZone": "Europe/London",
            "includeResourceTypeIds": [STAFF_RESOURCE_TYPE_ID],
            "location": {"id": "loc-main", "locationType": "BUSINESS"},
        }
    ]
    assert found == Rechecked("res-sam", "Sam")


def test_a_chosen_person_is_asked_for_by_resource_type(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", GET, _two_free())

    found = recheck_slot(
        APPOINTMENT, staff_id="res-ana", participants=1, any_staff=False, client=wix
    )

    assert fake.bodies(GET)[0]["resourceTypes"] == [
        {"resourceTypeId": STAFF_RESOURCE_TYPE_ID, "resourceIds": ["res-ana"]}
    ]
    assert found == Rechecked("res-ana", "Ana")


def test_a_chosen_person_no_longer_listed_is_a_taken_slot(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", GET, "time_slot_get")  # only Sam is free now

    with pytest.raises(BookingError) as refused:
        recheck_slot(APPOINTMENT, staff_id="res-ana", participants=1, any_staff=False, client=wix)

    assert refused.value.code == "slot_taken"


def test_slot_not_found_is_a_taken_slot(wix: WixClient, fake: FakeWix) -> None:
    error = {
        "message": "Couldn't find a time slot matching the specified criteria",
        "details": {"applicationError": {"code": "SLOT_NOT_FOUND", "description": "not found"}},
    }
    fake.add("POST", GET, error, status=404)

    with pytest.raises(BookingError) as refused:
        recheck_slot(APPOINTMENT, staff_id=None, participants=1, any_staff=True, client=wix)

    assert refused.value.code == "slot_taken"
    assert len(fake.bodies(GET)) == 1  # a 404 is an answer: not retried


def test_a_policy_window_is_said_as_such(wix: WixClient, fake: FakeWix) -> None:
    answer = copy.deepcopy(load("time_slot_get"))
    answer["timeSlot"]["bookable"] = False
    answer["timeSlot"]["bookingPolicyViolations"]["tooLateToBook"] = True
    fake.add("POST", GET, answer)

    with pytest.raises(BookingError) as refused:
        recheck_slot(APPOINTMENT, staff_id=None, participants=1, any_staff=True, client=wix)

    assert refused.value.code == "policy_violation"


def test_a_class_is_read_by_its_event_with_the_zone(wix: WixClient, fake: FakeWix) -> None:
    fake.add("GET", EVENT, "event_slot_get")  # 4 bookable places

    found = recheck_slot(CLASS, staff_id=None, participants=4, any_staff=False, client=wix)

    assert fake.calls() == [("GET", f"{EVENT}?timeZone=Europe%2FLondon")]
    assert found == Rechecked(None)


def test_a_class_with_too_few_places_is_full(wix: WixClient, fake: FakeWix) -> None:
    fake.add("GET", EVENT, "event_slot_get")  # 4 bookable places (5 remain, 1 for the waitlist)

    with pytest.raises(BookingError) as refused:
        recheck_slot(CLASS, staff_id=None, participants=5, any_staff=False, client=wix)

    assert refused.value.code == "class_full"


def test_anyone_is_not_booked_blind_when_the_recheck_fails(wix: WixClient, fake: FakeWix) -> None:
    for _ in range(3):  # the first try and both retries
        fake.add("POST", GET, "error_system", status=503)

    with pytest.raises(BookingError) as refused:
        recheck_slot(APPOINTMENT, staff_id=None, participants=1, any_staff=True, client=wix)

    assert refused.value.code == "temporarily_unavailable"


def test_a_named_person_goes_ahead_when_the_recheck_fails(wix: WixClient, fake: FakeWix) -> None:
    # Create Booking checks a named resource itself (§24): a failed re-check doesn't block it.
    for _ in range(3):
        fake.add("POST", GET, "error_system", status=503)

    found = recheck_slot(
        APPOINTMENT, staff_id="res-sam", participants=1, any_staff=False, client=wix
    )

    assert found == Rechecked("res-sam")
