"""Bookings Writer V2 and Extended Bookings resources: exact bodies, errors, paging."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from booking_site.wix import (
    STAFF_RESOURCE_TYPE_ID,
    WixClient,
    WixNotFound,
    WixPreconditionFailed,
)
from booking_site.wix.models import (
    BookingLocation,
    BookingStatus,
    ContactDetails,
    Money,
    PaymentStatus,
    Service,
    SlotLocation,
    SlotResource,
    TimeSlot,
    Variant,
)

from .fakes import ADMIN_HEADERS, FakeWix, auth_headers, load

BOOKINGS = "/bookings/v2/bookings"
EXTENDED = "/_api/bookings-reader/v2/extended-bookings/query"
ANN = ContactDetails(
    first_name="Ann", last_name="Lee", email="ann@example.com", phone="+447700900000"
)


def _appointment(location_type: str = "BUSINESS") -> TimeSlot:
    return TimeSlot(
        service_id="svc-massage",
        local_start="2026-03-02T10:00:00",
        local_end="2026-03-02T11:00:00",
        time_zone="Europe/London",
        bookable=True,
        location=SlotLocation("loc-main", "Main studio", None, location_type),
        schedule_id="sched-massage",
        resources=(SlotResource("res-sam", "Sam"),),
    )


def _course() -> Service:
    return Service.from_api(load("services_page2")["services"][0])


def test_create_appointment_with_staff_sends_verbatim_slot(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", BOOKINGS, "booking_created")

    booking = wix.bookings.create(
        slot=_appointment(),
        contact=ANN,
        total_participants=1,
        payment_option="ONLINE",
        external_user_id="draft-abc",
        staff_id="res-sam",
    )

    assert fake.body() == {
        "booking": {
            "bookedEntity": {
                "slot": {
                    "serviceId": "svc-massage",
                    "scheduleId": "sched-massage",
                    "startDate": "2026-03-02T10:00:00",
                    "endDate": "2026-03-02T11:00:00",
                    "timezone": "Europe/London",
                    "resource": {"id": "res-sam", "name": "Sam"},
                    "location": {"id": "loc-main", "locationType": "OWNER_BUSINESS"},
                },
                "tags": ["INDIVIDUAL"],
            },
            "contactDetails": {
                "firstName": "Ann",
                "lastName": "Lee",
                "email": "ann@example.com",
                "phone": "+447700900000",
            },
            "totalParticipants": 1,
            "selectedPaymentOption": "ONLINE",
            "externalUserId": "draft-abc",
        },
        "participantNotification": {"notifyParticipants": True},
        "sendSmsReminder": False,
    }
    assert booking.id == "bkg-1"
    assert booking.status is BookingStatus.CREATED
    assert booking.revision == "1"


def test_create_appointment_any_staff_uses_resource_selection(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", BOOKINGS, "booking_created")

    wix.bookings.create(
        slot=_appointment("CUSTOMER"),
        contact=ContactDetails(first_name="Ann"),
        total_participants=2,
        payment_option="OFFLINE",
        notify=False,
        send_sms_reminder=True,
        skip_availability_validation=True,
        status="CONFIRMED",
    )

    body = fake.body()
    assert body["booking"]["bookedEntity"]["slot"] == {
        "serviceId": "svc-massage",
        "scheduleId": "sched-massage",
        "startDate": "2026-03-02T10:00:00",
        "endDate": "2026-03-02T11:00:00",
        "timezone": "Europe/London",
        "resourceSelections": [
            {"resourceTypeId": STAFF_RESOURCE_TYPE_ID, "selectionMethod": "ANY_RESOURCE"}
        ],
        "location": {"id": "loc-main", "locationType": "CUSTOM"},
    }
    assert body["booking"]["status"] == "CONFIRMED"
    assert body["participantNotification"] == {"notifyParticipants": False}
    assert body["sendSmsReminder"] is True
    assert body["flowControlSettings"] == {"skipAvailabilityValidation": True}


def test_create_class_sends_only_service_and_event(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", BOOKINGS, "booking_created")
    slot = TimeSlot(
        service_id="svc-yoga",
        local_start="2026-03-02T18:00:00",
        local_end="2026-03-02T19:00:00",
        time_zone="Europe/London",
        bookable=True,
        event_id="evt-yoga-0302",
        location=SlotLocation("loc-main", None, None),
    )

    wix.bookings.create(
        slot=slot, contact=ANN, total_participants=2, payment_option="ONLINE", staff_id="x"
    )

    assert fake.body()["booking"]["bookedEntity"] == {
        "slot": {"serviceId": "svc-yoga", "eventId": "evt-yoga-0302"},
        "tags": ["GROUP"],
    }


def test_create_course_with_variants_sends_schedule_and_choices(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", BOOKINGS, "booking_course_created")
    adult = Variant("opt-age", "Adult", Money(Decimal("20.00"), "GBP"))
    child = Variant("opt-age", "Child", Money(Decimal("10.50"), "GBP"))

    booking = wix.bookings.create(
        course=_course(),
        time_zone="Europe/London",
        contact=ContactDetails(first_name="Ann", email="ann@example.com"),
        participant_choices=[(adult, 2), (child, 1)],
        payment_option="OFFLINE",
    )

    assert fake.body()["booking"] == {
        "bookedEntity": {
            "schedule": {
                "scheduleId": "sched-course",
                "serviceId": "svc-course",
                "timezone": "Europe/London",
            },
            "tags": ["COURSE"],
        },
        "contactDetails": {"firstName": "Ann", "email": "ann@example.com"},
        "participantsChoices": {
            "serviceChoices": [
                {
                    "numberOfParticipants": 2,
                    "choices": [{"optionId": "opt-age", "custom": "Adult"}],
                },
                {
                    "numberOfParticipants": 1,
                    "choices": [{"optionId": "opt-age", "custom": "Child"}],
                },
            ]
        },
        "selectedPaymentOption": "OFFLINE",
    }
    assert booking.total_participants == 3
    assert booking.schedule_id == "sched-course"
    assert booking.revision == "1"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"total_participants": 1, "participant_choices": []},
        {},
        {"total_participants": 0},
        {"participant_choices": []},
    ],
)
def test_create_needs_exactly_one_participant_form(
    wix: WixClient, fake: FakeWix, kwargs: dict[str, object]
) -> None:
    with pytest.raises(ValueError, match="participant"):
        wix.bookings.create(slot=_appointment(), contact=ANN, payment_option="ONLINE", **kwargs)

    assert fake.requests == []


def test_create_needs_exactly_one_of_slot_and_course(wix: WixClient, fake: FakeWix) -> None:
    with pytest.raises(ValueError, match="slot and course"):
        wix.bookings.create(
            slot=_appointment(),
            course=_course(),
            contact=ANN,
            total_participants=1,
            payment_option="ONLINE",
        )

    assert fake.requests == []


def test_create_slot_taken_raises_precondition_failed_with_code(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", BOOKINGS, "error_slot_not_available", status=428)

    with pytest.raises(WixPreconditionFailed) as caught:
        wix.bookings.create(
            slot=_appointment(), contact=ANN, total_participants=1, payment_option="ONLINE"
        )

    assert caught.value.code == "SLOT_NOT_AVAILABLE"
    assert caught.value.request_id == "req-1"
    assert len(fake.requests) == 1


def test_create_response_is_parsed_fully(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", BOOKINGS, "booking_created")

    booking = wix.bookings.create(
        slot=_appointment(), contact=ANN, total_participants=1, payment_option="ONLINE"
    )

    assert booking.start == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert booking.slot_local_start == "2026-03-02T10:00:00"
    assert booking.resource == SlotResource("res-sam", "Sam")
    assert booking.location == BookingLocation(
        "loc-main", "Main studio", "1 High St, London", "OWNER_BUSINESS"
    )
    assert booking.contact == ContactDetails(
        "Ann", "Lee", "ann@example.com", "+447700900000", "contact-ann"
    )
    assert booking.external_user_id == "draft-abc"
    assert booking.tags == ("INDIVIDUAL",)
    assert booking.created_date == datetime(2026, 2, 20, 12, 0, tzinfo=UTC)


def test_confirm_sends_revision_and_payment_status_with_key(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", f"{BOOKINGS}/bkg-1/confirm", "booking_confirmed")

    booking = wix.bookings.confirm(booking_id="bkg-1", revision="1", payment_status="EXEMPT")

    assert fake.body() == {
        "revision": "1",
        "paymentStatus": "EXEMPT",
        "participantNotification": {"notifyParticipants": True},
    }
    assert auth_headers(fake.requests[0]) == ADMIN_HEADERS
    assert (booking.status, booking.payment_status) == ("CONFIRMED", PaymentStatus.EXEMPT)
    assert booking.event_id == "evt-appt-1"


def test_confirm_or_decline_keeps_the_literal_colon(wix: WixClient, fake: FakeWix) -> None:
    path = "/bookings/v2/confirmation/bkg-1:confirmOrDecline"
    fake.add("POST", path, "booking_confirmed")

    wix.bookings.confirm_or_decline(booking_id="bkg-1", payment_status="PAID")

    assert fake.calls() == [("POST", path)]
    assert fake.body() == {"paymentStatus": "PAID"}
    assert auth_headers(fake.requests[0]) == ADMIN_HEADERS


def test_decline_sends_revision_and_optional_payment_status(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", f"{BOOKINGS}/bkg-1/decline", "booking_declined")

    first = wix.bookings.decline(booking_id="bkg-1", revision="1")
    wix.bookings.decline(booking_id="bkg-1", revision="1", payment_status="NOT_PAID")

    assert fake.bodies(f"{BOOKINGS}/bkg-1/decline") == [
        {"revision": "1"},
        {"revision": "1", "paymentStatus": "NOT_PAID"},
    ]
    assert first.status is BookingStatus.DECLINED
    assert first.double_booked is True


def test_cancel_ignores_policy_and_waives_charges(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", f"{BOOKINGS}/bkg-1/cancel", "booking_canceled")

    booking = wix.bookings.cancel(booking_id="bkg-1", revision="2")

    assert fake.body() == {
        "revision": "2",
        "participantNotification": {"notifyParticipants": False},
        "flowControlSettings": {
            "ignoreCancellationPolicy": True,
            "withRefund": False,
            "waiveCancellationFee": True,
        },
        "waiveCharges": True,
    }
    assert booking.status is BookingStatus.CANCELED
    assert booking.revision == "3"


def test_admin_write_503_is_not_retried(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", f"{BOOKINGS}/bkg-1/cancel", {}, status=503)

    with pytest.raises(Exception, match="503"):
        wix.bookings.cancel(booking_id="bkg-1", revision="2")

    assert len(fake.requests) == 1


# --- extended bookings --------------------------------------------------------------------------


def test_extended_query_builds_filter_and_follows_cursor(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", EXTENDED, "extended_bookings_page1")
    fake.add("POST", EXTENDED, "extended_bookings_page2")

    results = wix.extended_bookings.query(
        course_service_id="svc-course",
        statuses=["CONFIRMED", "PENDING", "CREATED"],
        with_attendance=True,
        limit=1,
    )

    assert fake.bodies(EXTENDED) == [
        {
            "query": {
                "filter": {
                    "bookedEntity.item.schedule.serviceId": {"$eq": "svc-course"},
                    "status": {"$in": ["CONFIRMED", "PENDING", "CREATED"]},
                },
                "cursorPaging": {"limit": 1},
            },
            "withBookingAttendanceInfo": True,
        },
        {
            "query": {"cursorPaging": {"limit": 1, "cursor": "ext-cursor-2"}},
            "withBookingAttendanceInfo": True,
        },
    ]
    assert [(e.booking.id, e.attendees) for e in results] == [("bkg-1", 2), ("bkg-2", 1)]
    assert auth_headers(fake.requests[0]) == ADMIN_HEADERS


def test_extended_query_filters_by_reference_event_and_email(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", EXTENDED, "extended_bookings_empty")

    results = wix.extended_bookings.query(
        booking_ids=["bkg-1"],
        external_user_id="draft-abc",
        event_id="evt-yoga-0302",
        email="ann@example.com",
    )

    assert results == ()
    assert fake.body() == {
        "query": {
            "filter": {
                "id": {"$in": ["bkg-1"]},
                "externalUserId": {"$eq": "draft-abc"},
                "bookedEntity.item.slot.eventId": {"$eq": "evt-yoga-0302"},
                "contactDetails.email": {"$eq": "ann@example.com"},
            },
            "cursorPaging": {"limit": 100},
        },
        "withBookingAttendanceInfo": False,
    }


def test_extended_query_finds_a_staff_members_bookings_overlapping_a_time(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", EXTENDED, "extended_bookings_empty")
    london = ZoneInfo("Europe/London")

    wix.extended_bookings.query(
        resource_id="res-maya",
        starts_before=datetime(2026, 6, 8, 11, 0, tzinfo=london),
        ends_after=datetime(2026, 6, 8, 10, 0, tzinfo=london),
        statuses=["CONFIRMED"],
    )

    # Overlap: starts before our end and ends after our start, in UTC (British summer time).
    assert fake.body()["query"]["filter"] == {
        "status": {"$in": ["CONFIRMED"]},
        "bookedEntity.item.slot.resource.id": {"$eq": "res-maya"},
        "startDate": {"$lt": "2026-06-08T10:00:00.000Z"},
        "endDate": {"$gt": "2026-06-08T09:00:00.000Z"},
    }


def test_extended_get_returns_the_booking(wix: WixClient, fake: FakeWix) -> None:
    page = load("extended_bookings_page2")
    fake.add("POST", EXTENDED, page)

    booking = wix.extended_bookings.get("bkg-2")

    assert booking.id == "bkg-2"
    assert booking.status is BookingStatus.PENDING
    assert fake.body()["query"] == {
        "filter": {"id": {"$in": ["bkg-2"]}},
        "cursorPaging": {"limit": 1},
    }


def test_extended_get_unknown_booking_raises_not_found(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", EXTENDED, "extended_bookings_empty")

    with pytest.raises(WixNotFound) as caught:
        wix.extended_bookings.get("missing")

    assert caught.value.code == "BOOKING_NOT_FOUND"
