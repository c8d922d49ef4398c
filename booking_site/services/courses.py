"""Courses: booked as a whole; their dates from the schedule, places from Extended Bookings.

Wix's Time Slots API does not serve courses (docs/wix-contract.md §22): a course's dates are
its schedule's ``firstSessionStart`` / ``lastSessionEnd``, its sessions the schedule's events
(Calendar Events V3), and its places left ``defaultCapacity`` minus the attendees of its
bookings (Extended Bookings, every page, API key only).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from booking_site.errors import BookingError
from booking_site.services.caching import cached_read, versioned_key
from booking_site.services.wix_errors import wix_errors
from booking_site.wix import CalendarEvent, Service, WixError, get_client

logger = logging.getLogger(__name__)

PLACES_TTL = 30
SESSIONS_TTL = 300
# Bookings that hold a place (§22): CONFIRMED and PENDING. A CREATED booking holds nothing at
# Wix (§6.3), so counting it would show a course full that Wix would still book.
_HOLDING = ("CONFIRMED", "PENDING")


@dataclass(frozen=True)
class CourseSession:
    """One session of a course: aware start and end (UTC), where, and who teaches it."""

    start: datetime
    end: datetime
    location_name: str | None = None
    location_address: str | None = None
    staff_name: str | None = None

    @classmethod
    def of(cls, event: CalendarEvent) -> CourseSession:
        return cls(
            start=event.start,
            end=event.end,
            location_name=event.location_name,
            location_address=event.location_address,
            staff_name=", ".join(event.staff_names) or None,
        )


def course_started(service: Service, now: datetime | None = None) -> bool:
    """Whether the course's first session has begun."""
    start = service.first_session_start
    return start is not None and start <= (now or timezone.now())


def course_bookable(service: Service, now: datetime | None = None) -> bool:
    """Offered unless it started and its policy doesn't allow joining late (§15.3)."""
    ended = service.last_session_end is not None and service.last_session_end <= (
        now or timezone.now()
    )
    return not ended and (not course_started(service, now) or service.policy.book_after_start)


def course_places_left(service: Service) -> int | None:
    """``defaultCapacity`` minus the attendees of holding bookings; None without an API key.

    Wix's recipe (§22): Query Extended Bookings with ``withBookingAttendanceInfo``, every page
    (the resource follows ``cursors.next``), summing ``attendance.numberOfAttendees``; a booking
    without attendance counts its ``totalParticipants``.
    """
    client = get_client()
    if not client.has_api_key:
        return None

    def load() -> int:
        bookings = client.extended_bookings.query(
            course_service_id=service.id, statuses=_HOLDING, with_attendance=True
        )
        taken = sum(
            item.booking.total_participants if item.attendees is None else item.attendees
            for item in bookings
        )
        return max(service.default_capacity - taken, 0)

    key = versioned_key(f"slots:{service.id}", "course-places")
    with wix_errors():
        return cached_read(key, load, ttl=PLACES_TTL, stale_ttl=300)


def check_course_open(service: Service, *, participants: int) -> None:
    """Raise ``BookingError`` when the course can't take ``participants`` more people."""
    if not course_bookable(service):
        raise BookingError("course_started")
    places = course_places_left(service)
    if places is not None and places < participants:
        raise BookingError("course_full")


def course_sessions(service: Service, *, time_zone: str | None = None) -> tuple[CourseSession, ...]:
    """The course's sessions in time order, from its schedule's calendar events (cached).

    Empty when the course has no schedule dates or its calendar can't be read (a visitor's
    access to it is UNCONFIRMED, §22): pages then give the first and last dates only, never an
    error. ``time_zone`` is the business's, for the local window Wix asks for.
    """
    start, end = service.first_session_start, service.last_session_end
    if start is None or end is None or service.schedule_id is None:
        return ()
    schedule_id = service.schedule_id
    # A day of margin each side: the bounds are UTC, the window is in the business zone.
    from_local = (start - timedelta(days=1)).strftime("%Y-%m-%dT00:00:00")
    to_local = (end + timedelta(days=2)).strftime("%Y-%m-%dT00:00:00")

    def load() -> tuple[CourseSession, ...]:
        events = get_client().calendar_events.query_schedule(
            schedule_id=schedule_id, from_local=from_local, to_local=to_local, time_zone=time_zone
        )
        kept = (CourseSession.of(e) for e in events if not e.cancelled)
        return tuple(sorted(kept, key=lambda s: s.start))

    # Its own namespace (lifetimes.py): the dates change when the owner edits the schedule,
    # not when someone books, so they are not versioned with the service's availability.
    key = f"course-sessions:{service.id}"
    try:
        return cached_read(key, load, ttl=SESSIONS_TTL, stale_ttl=86400)
    except WixError as error:
        logger.warning("course sessions unreadable for %s: %s", service.id, error)
        return ()


def first_session(service: Service) -> CourseSession | None:
    """The first session as the service alone tells it (no calendar): start plus duration."""
    start = service.first_session_start
    if start is None:
        return None
    minutes = service.durations_minutes[0] if service.durations_minutes else 60
    return CourseSession(start=start, end=start + timedelta(minutes=minutes))
