"""An iCalendar (.ics, RFC 5545) file for a booked appointment, class or course."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from booking_site.services.outcome import BookingOutcome
from booking_site.services.snapshot import BookingSnapshot


def _escape(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and every line break (CR, LF, CRLF) escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _times(snapshot: BookingSnapshot) -> tuple[datetime, datetime] | None:
    """Start and end; a course without a known end lasts an hour; unreadable times: None."""
    start, end = snapshot.start, snapshot.end
    if start is None:
        return None
    if end is None:
        if snapshot.local_start:
            return None  # an appointment or class always has both ends
        end = start + timedelta(hours=1)
    return start, end


def ics_for(result: BookingOutcome, *, uid_host: str) -> str:
    """One VEVENT for the booking; times in UTC so every calendar app places them right."""
    summary = result.summary
    times = _times(summary)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Booking site//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{result.booking_id}@{uid_host.split(':')[0]}",
        f"DTSTAMP:{_utc(datetime.now(UTC))}",
        f"SUMMARY:{_escape(summary.service_name or 'Booking')}",
    ]
    if times:
        lines += [f"DTSTART:{_utc(times[0])}", f"DTEND:{_utc(times[1])}"]
    place = ", ".join(part for part in (summary.location_name, summary.location_address) if part)
    if place:
        lines.append(f"LOCATION:{_escape(place)}")
    if summary.staff_name:
        lines.append(f"DESCRIPTION:{_escape('With ' + summary.staff_name)}")
    lines += [
        "STATUS:CONFIRMED" if result.status == "confirmed" else "STATUS:TENTATIVE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
