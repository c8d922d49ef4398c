"""Courses: booked as a whole; places left come from Extended Bookings (API key only)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from booking_site.errors import BookingError
from booking_site.services.caching import cached_read, versioned_key
from booking_site.services.wix_errors import wix_errors
from booking_site.wix import Service, TimeSlot, get_client

PLACES_TTL = 30
# Bookings that hold a place. CREATED is included: an unpaid booking in checkout holds its place
# until it is paid or cancelled (docs/wix-contract.md §6.3 leaves this UNCONFIRMED; we err on the
# safe side).
_HOLDING = ("CREATED", "CONFIRMED", "PENDING")


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
    """``defaultCapacity`` minus participants of holding bookings; None without an API key."""
    client = get_client()
    if not client.has_api_key:
        return None

    def load() -> int:
        bookings = client.extended_bookings.query(course_service_id=service.id, statuses=_HOLDING)
        taken = sum(item.booking.total_participants for item in bookings)
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


def course_sessions(service: Service) -> tuple[TimeSlot, ...]:
    """The course's session dates (List Event Time Slots over its whole schedule, cached)."""
    start, end = service.first_session_start, service.last_session_end
    if start is None or end is None:
        return ()
    # A day of margin each side: the bounds are UTC, the window is in the business zone.
    from_local = (start - timedelta(days=1)).strftime("%Y-%m-%dT00:00:00")
    to_local = (end + timedelta(days=1)).strftime("%Y-%m-%dT00:00:00")

    def load() -> tuple[TimeSlot, ...]:
        return (
            get_client()
            .time_slots.list_events(
                service_ids=[service.id],
                from_local=from_local,
                to_local=to_local,
                time_zone=None,
                include_non_bookable=True,
            )
            .slots
        )

    with wix_errors():
        return cached_read(f"course-sessions:{service.id}", load, ttl=300, stale_ttl=86400)
