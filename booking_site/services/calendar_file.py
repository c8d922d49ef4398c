"""An iCalendar (.ics, RFC 5545) file for a booked appointment, class or course (per session)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from booking_site.services.courses import CourseSession
from booking_site.services.outcome import BookingOutcome
from booking_site.services.snapshot import BookingSnapshot
from booking_site.wix import Booking


def _escape(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and every line break (CR, LF, CRLF) escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _times(snapshot: BookingSnapshot) -> tuple[datetime, datetime] | None:
    """Start and end; unreadable times: None.

    A course whose sessions could not be read gives its first session only, an hour long,
    never one block from the first day to the last.
    """
    start, end = snapshot.start, snapshot.end
    if start is None:
        return None
    if snapshot.local_start:
        return (start, end) if end else None  # an appointment or class always has both ends
    return start, start + timedelta(hours=1)


def ics_for(
    result: BookingOutcome,
    *,
    uid_host: str,
    manage_url: str | None = None,
    display_zone: str | None = None,
) -> str:
    """One VEVENT for the booking (one per session for a course); times in UTC.

    The description gives the time in ``display_zone`` (the zone the customer chose it in) and,
    when it differs, in the business's zone, as the pages do.
    """
    summary = result.summary
    if summary.course_sessions:
        return course_ics(
            summary.course_sessions,
            booking_id=result.booking_id,
            name=summary.service_name,
            confirmed=result.status == "confirmed",
            uid_host=uid_host,
            manage_url=manage_url,
        )
    times = _times(summary)
    about = [f"With {summary.staff_name}"] if summary.staff_name else []
    when = _when(times, display_zone or summary.time_zone, summary.time_zone) if times else ""
    if when and summary.local_start and summary.time_zone:
        about.insert(0, when)
    return _one_event(
        uid=f"{result.booking_id}@{uid_host.split(':')[0]}",
        summary=summary.service_name or "Booking",
        times=times,
        place=(summary.location_name, summary.location_address),
        about=about,
        manage_url=manage_url,
        confirmed=result.status == "confirmed",
    )


_CALENDAR_HEAD = (
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Booking site//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
)


def _status(confirmed: bool) -> str:
    return "STATUS:CONFIRMED" if confirmed else "STATUS:TENTATIVE"


def _location(parts: Sequence[str | None]) -> list[str]:
    """A LOCATION line from the place's name and address, none when neither is known."""
    place = ", ".join(part for part in parts if part)
    return [f"LOCATION:{_escape(place)}"] if place else []


def _one_event(
    *,
    uid: str,
    summary: str,
    times: tuple[datetime, datetime] | None,
    place: Sequence[str | None],
    about: list[str],
    manage_url: str | None,
    confirmed: bool,
) -> str:
    """A VCALENDAR with one VEVENT: the file of a booking that isn't a course (both callers)."""
    lines = [
        *_CALENDAR_HEAD,
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_utc(datetime.now(UTC))}",
        f"SUMMARY:{_escape(summary)}",
    ]
    if times:
        lines += [f"DTSTART:{_utc(times[0])}", f"DTEND:{_utc(times[1])}"]
    lines += _location(place)
    lines += _manage_lines(about, manage_url)
    lines += [_status(confirmed), "END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"


def _when(times: tuple[datetime, datetime], shown: str | None, business: str | None) -> str:
    """The time in the customer's zone and the business's, or "" when both read the same.

    ASCII, e.g. ``When: Wed 09 Dec 2026, 04:00-05:00 your time (America/New York); 09:00-10:00
    in London``.
    """

    def span(zone: str, day: bool = True) -> str:
        start, end = (moment.astimezone(ZoneInfo(zone)) for moment in times)
        return f"{start:%a %d %b %Y, %H:%M}-{end:%H:%M}" if day else f"{start:%H:%M}-{end:%H:%M}"

    if not shown or not business:
        return ""
    try:
        here = span(shown)
        same_day = times[0].astimezone(ZoneInfo(shown)).date() == (
            times[0].astimezone(ZoneInfo(business)).date()
        )
        there = span(business, day=not same_day)
    except (ZoneInfoNotFoundError, ValueError):
        return ""
    if shown == business or here == span(business):
        return ""  # one zone: the event's own time says it all
    label = shown.replace("_", " ")
    city = business.rsplit("/", 1)[-1].replace("_", " ")
    return f"When: {here} your time ({label}); {there} in {city}"


def _manage_lines(about: list[str], manage_url: str | None) -> list[str]:
    """DESCRIPTION (with the manage link when there is one) and URL, folded (RFC 5545 3.1)."""
    if manage_url:
        about = [*about, f"Manage booking (cancel or reschedule): {manage_url}"]
    lines = [f"DESCRIPTION:{_escape(chr(10).join(about))}"] if about else []
    if manage_url:
        lines.append(f"URL:{manage_url}")
    return [_fold(line) for line in lines]


def _fold(line: str) -> str:
    """Lines of at most 75 characters, continued with a leading space (ASCII content here)."""
    parts = [line[:75]]
    rest = line[75:]
    while rest:
        parts.append(" " + rest[:74])
        rest = rest[74:]
    return "\r\n".join(parts)


def ics_for_booking(
    booking: Booking,
    *,
    service_name: str,
    manage_url: str,
    uid_host: str,
    sessions: Sequence[CourseSession] = (),
) -> str:
    """The .ics of a booking as Wix has it now (the manage page's; after a reschedule too).

    The UID is the booking's, as on the confirmation's file, so a calendar app updates the
    event it already has instead of adding a second one. A course's ``sessions`` give one
    event each (Wix's booking spans the first session's start to the last one's end).
    """
    if sessions:
        return course_ics(
            sessions,
            booking_id=booking.id,
            name=booking.title or service_name,
            confirmed=booking.status == "CONFIRMED",
            uid_host=uid_host,
            manage_url=manage_url,
        )
    place = booking.location
    return _one_event(
        uid=f"{booking.id}@{uid_host.split(':')[0]}",
        summary=booking.title or service_name,
        times=(booking.start, booking.end) if booking.start and booking.end else None,
        place=(place.name, place.address) if place else (),
        about=[f"With {booking.resource.name}"]
        if booking.resource and booking.resource.name
        else [],
        manage_url=manage_url,
        confirmed=booking.status == "CONFIRMED",
    )


def course_ics(
    sessions: Sequence[CourseSession],
    *,
    booking_id: str,
    name: str,
    confirmed: bool,
    uid_host: str,
    manage_url: str | None = None,
) -> str:
    """A VCALENDAR with a VEVENT for each of a course's ``sessions`` (times in UTC).

    A course is booked once but meets on separate days: each session is its own event, where
    and with whom it happens (docs/wix-contract.md §22). The UIDs share the booking's stem.
    """
    name = name or "Course"
    status = _status(confirmed)
    stamp = _utc(datetime.now(UTC))
    host = uid_host.split(":")[0]
    lines = list(_CALENDAR_HEAD)
    for number, session in enumerate(sessions, start=1):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{booking_id}-{number}@{host}",
            f"DTSTAMP:{stamp}",
            f"SUMMARY:{_escape(f'{name} ({number}/{len(sessions)})')}",
            f"DTSTART:{_utc(session.start)}",
            f"DTEND:{_utc(session.end)}",
        ]
        lines += _location((session.location_name, session.location_address))
        about = [f"With {session.staff_name}"] if session.staff_name else []
        lines += [*_manage_lines(about, manage_url), status, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
