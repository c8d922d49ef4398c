"""The .ics file (RFC 5545): its fields, UTC times from the booking's zone, and TEXT escaping."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine

from booking_site.services.calendar_file import ics_for
from booking_site.services.outcome import BookingOutcome, Status
from booking_site.services.snapshot import BookingSnapshot

STAMP = datetime(2026, 12, 7, 8, 0, 5, tzinfo=UTC)
APPOINTMENT = {
    "service_name": "Deep tissue massage",
    "local_start": "2026-12-09T10:00:00",
    "local_end": "2026-12-09T11:00:00",
    "time_zone": "Europe/London",
    "staff_name": "Sam",
    "location_name": "Main studio",
    "location_address": "1 High St, London",
}


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(STAMP, tick=False):
        yield


def _outcome(summary: dict[str, Any], status: Status = "confirmed") -> BookingOutcome:
    return BookingOutcome(
        ref="ref-1",
        status=status,
        booking_id="bk-1",
        payment_status=None,
        summary=BookingSnapshot.from_json(summary),  # as read from the stored row
        can_resume_payment=False,
        verified=True,
    )


def _lines(
    summary: dict[str, Any], status: Status = "confirmed", host: str = "book.example"
) -> list[str]:
    text = ics_for(_outcome(summary, status), uid_host=host)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", ""), "every line ends in CRLF"
    return text.removesuffix("\r\n").split("\r\n")


def _field(lines: list[str], name: str) -> str | None:
    values = [line.partition(":")[2] for line in lines if line.partition(":")[0] == name]
    assert len(values) <= 1
    return values[0] if values else None


def test_ics_for_an_appointment_has_every_field() -> None:
    assert _lines(APPOINTMENT) == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Booking site//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        "UID:bk-1@book.example",
        "DTSTAMP:20261207T080005Z",
        "SUMMARY:Deep tissue massage",
        "DTSTART:20261209T100000Z",
        "DTEND:20261209T110000Z",
        "LOCATION:Main studio\\, 1 High St\\, London",
        "DESCRIPTION:With Sam",
        "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]


def test_ics_uid_host_drops_the_port() -> None:
    assert _field(_lines(APPOINTMENT, host="localhost:8000"), "UID") == "bk-1@localhost"


@pytest.mark.parametrize("status", ["pending", "awaiting_payment"])
def test_ics_for_an_unconfirmed_booking_is_tentative(status: Status) -> None:
    assert _field(_lines(APPOINTMENT, status), "STATUS") == "TENTATIVE"


@pytest.mark.parametrize(
    ("zone", "local_start", "utc_start"),
    [
        ("Europe/London", "2026-07-01T10:00:00", "20260701T090000Z"),  # BST, UTC+1
        ("America/New_York", "2026-12-09T10:00:00", "20261209T150000Z"),
        ("Asia/Kolkata", "2026-12-09T10:00:00", "20261209T043000Z"),
        ("Europe/London", "2026-03-29T03:00:00", "20260329T020000Z"),  # first hour of BST
        ("Australia/Sydney", "2026-12-09T09:00:00", "20261208T220000Z"),  # the day before
    ],
)
def test_ics_times_are_the_local_slot_times_in_utc(
    zone: str, local_start: str, utc_start: str
) -> None:
    lines = _lines({**APPOINTMENT, "time_zone": zone, "local_start": local_start})

    assert _field(lines, "DTSTART") == utc_start


def test_ics_without_a_zone_reads_local_times_as_utc() -> None:
    lines = _lines({**APPOINTMENT, "time_zone": None})

    assert (_field(lines, "DTSTART"), _field(lines, "DTEND")) == (
        "20261209T100000Z",
        "20261209T110000Z",
    )


def test_ics_for_a_course_without_its_sessions_holds_the_first_session_not_a_block() -> None:
    course = {"service_name": "Pottery course", "course_start": "2026-01-06T09:00:00+00:00"}

    dated = _lines({**course, "course_end": "2026-03-31T10:00:00+00:00"})
    open_ended = _lines(course)

    # Never one event from the first day to the last (issue 16.1): the first session, an hour.
    assert (_field(dated, "DTSTART"), _field(dated, "DTEND")) == (
        "20260106T090000Z",
        "20260106T100000Z",
    )
    assert _field(open_ended, "DTEND") == "20260106T100000Z"


def test_ics_without_times_or_details_leaves_those_fields_out() -> None:
    lines = _lines({})

    names = {line.partition(":")[0] for line in lines}
    assert _field(lines, "SUMMARY") == "Booking"
    assert not {"DTSTART", "DTEND", "LOCATION", "DESCRIPTION"} & names


def test_ics_location_is_the_name_or_the_address_alone_when_only_one_is_known() -> None:
    assert _field(_lines({**APPOINTMENT, "location_address": None}), "LOCATION") == "Main studio"
    assert _field(_lines({**APPOINTMENT, "location_name": ""}), "LOCATION") == (
        "1 High St\\, London"
    )


def test_ics_escapes_text_values() -> None:
    summary = {
        **APPOINTMENT,
        "service_name": "Yoga; beginners, C:\\mats\nand more",
        "staff_name": "Ann, Bo; Cy",
        "location_name": "Studio\n2",
        "location_address": None,
    }

    lines = _lines(summary)

    assert _field(lines, "SUMMARY") == "Yoga\\; beginners\\, C:\\\\mats\\nand more"
    assert _field(lines, "DESCRIPTION") == "With Ann\\, Bo\\; Cy"
    assert _field(lines, "LOCATION") == "Studio\\n2"


def test_ics_escapes_carriage_returns_too() -> None:
    text = ics_for(
        _outcome({**APPOINTMENT, "location_address": "1 High St\r\nLondon"}), uid_host="h"
    )

    assert "\r" not in text.replace("\r\n", "")
