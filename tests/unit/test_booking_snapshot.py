"""The booking snapshot stored with each submission: typed, JSON round trip, old rows readable.

Rows written before ``BookingSnapshot`` existed hold the dicts the two ``_summary`` functions
wrote (lists for lines, no staff fields on customer rows); those, and damaged ones, must read
back without an error: a missing or wrongly typed field becomes its default.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from booking_site.services.snapshot import BookingSnapshot

# Exactly what the customer submit stored before the snapshot was typed.
OLD_CUSTOMER_ROW = {
    "service_id": "svc-1",
    "service_name": "Deep tissue massage",
    "service_slug": "deep-tissue-massage",
    "service_type": "APPOINTMENT",
    "local_start": "2026-12-09T10:00:00",
    "local_end": "2026-12-09T11:00:00",
    "time_zone": "Europe/London",
    "course_start": None,
    "course_end": None,
    "staff_name": "Sam",
    "location_name": "Main studio",
    "location_address": "1 High St",
    "participants": 3,
    "lines": [["Adult", 2], ["Child", 1]],
    "total": "95.00",
    "currency": "GBP",
    "free": False,
    "payment_option": "ONLINE",
    "first_name": "Ada",
    "email": "ada@example.com",
    "utm": {"utm_source": "newsletter"},
}
# And what the staff submit stored, with the keys its settlement added later.
OLD_OWNER_ROW = {
    "owner": True,
    "staff": "frontdesk",
    "service_name": "Deep tissue massage",
    "local_start": "2026-12-09T10:00:00",
    "local_end": "2026-12-09T11:00:00",
    "time_zone": "Europe/London",
    "staff_name": "Sam",
    "location_name": None,
    "participants": 1,
    "total": "60.00",
    "currency": "GBP",
    "payment": "paid",
    "paid_with": "cash",
    "skip_availability": True,
    "overrides": ["The time is taken"],
    "customer": "Ravi Shah",
    "email": "ravi@example.com",
    "confirmed": True,
    "contact_id": "c-1",
    "payment_link": "https://pay.example/1",
}


def test_an_old_customer_row_reads_every_field() -> None:
    snapshot = BookingSnapshot.from_json(OLD_CUSTOMER_ROW)

    assert snapshot.lines == (("Adult", 2), ("Child", 1))
    assert snapshot.participants == 3
    assert snapshot.utm == {"utm_source": "newsletter"}
    assert snapshot.owner is False
    assert snapshot.start == datetime(2026, 12, 9, 10, tzinfo=ZoneInfo("Europe/London"))
    assert snapshot.end == datetime(2026, 12, 9, 11, tzinfo=ZoneInfo("Europe/London"))
    assert snapshot.to_json() == {**BookingSnapshot().to_json(), **OLD_CUSTOMER_ROW}


def test_an_old_owner_row_reads_every_field() -> None:
    snapshot = BookingSnapshot.from_json(OLD_OWNER_ROW)

    assert snapshot.owner
    assert snapshot.confirmed
    assert snapshot.skip_availability
    assert snapshot.overrides == ("The time is taken",)
    assert (snapshot.staff, snapshot.customer, snapshot.paid_with) == (
        "frontdesk",
        "Ravi Shah",
        "cash",
    )
    assert snapshot.contact_id == "c-1"
    assert snapshot.payment_link == "https://pay.example/1"
    assert snapshot.to_json() == {**BookingSnapshot().to_json(), **OLD_OWNER_ROW}


def test_round_trip_through_json_is_lossless() -> None:
    snapshot = BookingSnapshot.from_json(OLD_CUSTOMER_ROW).with_changes(
        confirmed=True, contact_id="c-9", overrides=("x",)
    )

    assert BookingSnapshot.from_json(snapshot.to_json()) == snapshot


def test_damaged_values_become_defaults_never_errors() -> None:
    damaged = {
        "participants": "3",
        "lines": [["Adult"], "junk", ["Child", "1"], ["Senior", 2]],
        "time_zone": "Mars/Olympus",
        "local_start": "2026-12-09T10:00:00",
        "local_end": 12,
        "utm": ["not", "a", "map"],
        "overrides": "not a list",
        "email": None,
        "unknown_key": {"kept": False},
    }

    snapshot = BookingSnapshot.from_json(damaged)

    assert snapshot.participants == 1
    assert snapshot.lines == (("Senior", 2),)
    assert snapshot.local_end is None
    assert snapshot.start is None  # the zone is unknown: no moment rather than a wrong one
    assert snapshot.utm == {}
    assert snapshot.overrides == ()
    assert snapshot.email == ""
    assert BookingSnapshot.from_json(None) == BookingSnapshot()
    assert BookingSnapshot.from_json(["not", "a", "dict"]) == BookingSnapshot()


def test_course_sessions_round_trip_and_damaged_ones_are_left_out() -> None:
    sessions = (
        ("2026-12-17T19:00:00+00:00", "2026-12-17T20:30:00+00:00", "Islington", "1 N1", "Leo"),
        ("2026-12-24T19:00:00+00:00", "2026-12-24T20:30:00+00:00", None, None, None),
    )
    stored = BookingSnapshot(service_type="COURSE", sessions=sessions).to_json()
    damaged = {
        **stored,
        "sessions": [*stored["sessions"], ["not a date", "x", None, None, None], ["short"], 7],
    }

    read = BookingSnapshot.from_json(damaged)

    assert read.sessions[:2] == sessions
    assert [s.start.isoformat() for s in read.course_sessions] == [
        "2026-12-17T19:00:00+00:00",
        "2026-12-24T19:00:00+00:00",
    ]
    assert read.course_sessions[0].staff_name == "Leo"
    assert BookingSnapshot.from_json({**stored, "sessions": "oops"}).sessions == ()
    assert BookingSnapshot.from_json(OLD_CUSTOMER_ROW).course_sessions == ()
