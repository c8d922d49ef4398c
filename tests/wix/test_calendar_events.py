"""Calendar Events V3 Query Events: a course's sessions read from its schedule (§22)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from booking_site.wix import WixClient, WixResponseError

from .fakes import ADMIN_HEADERS, FakeWix

PATH = "/calendar/v3/events/query"
LONDON = ZoneInfo("Europe/London")


def _event(event_id: str, day: str, **extra: object) -> dict[str, object]:
    """An ``events[]`` item as Calendar Events V3 documents it (ZonedDate start and end)."""
    return {
        "id": event_id,
        "scheduleId": "sched-1",
        "status": "CONFIRMED",
        "start": {"localDate": f"{day}T19:00:00", "timeZone": "Europe/London"},
        "end": {"localDate": f"{day}T20:30:00", "timeZone": "Europe/London"},
        "location": {"id": "loc-1", "type": "BUSINESS", "name": "Islington", "address": "1 N1"},
        "resources": [
            {"id": "staff-1", "name": "Leo", "type": "STAFF"},
            {"id": "room-1", "name": "Studio A", "type": "ROOM"},
        ],
        **extra,
    }


def test_query_filters_on_the_schedule_and_follows_the_cursor_alone(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add(
        "POST",
        PATH,
        {"events": [_event("e1", "2026-03-12")], "pagingMetadata": {"cursors": {"next": "c2"}}},
    )
    fake.add(
        "POST",
        PATH,
        {"events": [_event("e2", "2026-03-19")], "pagingMetadata": {"cursors": {"next": None}}},
    )

    events = wix.calendar_events.query_schedule(
        schedule_id="sched-1",
        from_local="2026-03-11T00:00:00",
        to_local="2026-04-18T00:00:00",
        time_zone="Europe/London",
    )

    window = {
        "fromLocalDate": "2026-03-11T00:00:00",
        "toLocalDate": "2026-04-18T00:00:00",
        "timeZone": "Europe/London",
    }
    assert fake.bodies(PATH) == [
        {
            **window,
            "query": {
                "filter": {"scheduleId": {"$in": ["sched-1"]}},
                "cursorPaging": {"limit": 100},
            },
        },
        {**window, "query": {"cursorPaging": {"limit": 100, "cursor": "c2"}}},
    ]
    assert [e.id for e in events] == ["e1", "e2"]
    assert events[0].start == datetime(2026, 3, 12, 19, 0, tzinfo=LONDON)
    assert events[0].end == datetime(2026, 3, 12, 20, 30, tzinfo=LONDON)
    assert (events[0].location_name, events[0].location_address) == ("Islington", "1 N1")
    assert events[0].staff_names == ("Leo",)  # the room is a resource, not a teacher
    assert {
        k.lower(): v for k, v in fake.requests[0].headers.items() if k.lower() in ADMIN_HEADERS
    } == ADMIN_HEADERS


def test_a_repeated_cursor_or_an_empty_page_ends_the_paging(wix: WixClient, fake: FakeWix) -> None:
    page = {"events": [_event("e1", "2026-03-12")], "pagingMetadata": {"cursors": {"next": "c"}}}
    fake.add("POST", PATH, page)  # the same cursor every time: a broken answer, not a loop

    events = wix.calendar_events.query_schedule(
        schedule_id="s",
        from_local="2026-03-01T00:00:00",
        to_local="2026-04-01T00:00:00",
        time_zone=None,
    )

    assert len(fake.requests) == 2
    assert "timeZone" not in fake.body(0)
    assert [e.id for e in events] == ["e1", "e1"]


def test_utc_dates_win_and_cancelled_sessions_are_marked(wix: WixClient, fake: FakeWix) -> None:
    cancelled = _event(
        "e3",
        "2026-03-26",
        status="CANCELLED",
        start={"localDate": "2026-03-26T19:00:00", "utcDate": "2026-03-26T19:00:00Z"},
        end={"localDate": "2026-03-26T20:30:00", "utcDate": "2026-03-26T20:30:00Z"},
    )
    fake.add("POST", PATH, {"events": [cancelled], "pagingMetadata": {}})

    (event,) = wix.calendar_events.query_schedule(
        schedule_id="s",
        from_local="2026-03-01T00:00:00",
        to_local="2026-04-01T00:00:00",
        time_zone=None,
    )

    assert event.cancelled is True
    assert event.start == datetime(2026, 3, 26, 19, 0, tzinfo=UTC)


def test_an_event_without_a_start_is_an_unreadable_answer(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", PATH, {"events": [{"id": "e1", "end": {"localDate": "2026-03-12T20:00:00"}}]})

    with pytest.raises(WixResponseError):
        wix.calendar_events.query_schedule(
            schedule_id="s",
            from_local="2026-03-01T00:00:00",
            to_local="2026-04-01T00:00:00",
            time_zone=None,
        )
