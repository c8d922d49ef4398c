"""An iCalendar (.ics, RFC 5545) file for a booked appointment, class or course."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from booking_site.services.outcome import BookingOutcome


def _escape(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and every line break (CR, LF, CRLF) escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _times(summary: dict[str, object]) -> tuple[datetime, datetime] | None:
    zone = ZoneInfo(str(summary.get("time_zone") or "UTC"))
    if summary.get("local_start") and summary.get("local_end"):
        start = datetime.fromisoformat(str(summary["local_start"])).replace(tzinfo=zone)
        end = datetime.fromisoformat(str(summary["local_end"])).replace(tzinfo=zone)
        return start, end
    if summary.get("course_start"):
        start = datetime.fromisoformat(str(summary["course_start"]))
        end_text = summary.get("course_end")
        end = datetime.fromisoformat(str(end_text)) if end_text else start + timedelta(hours=1)
        return start, end
    return None


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
        f"SUMMARY:{_escape(str(summary.get('service_name') or 'Booking'))}",
    ]
    if times:
        lines += [f"DTSTART:{_utc(times[0])}", f"DTEND:{_utc(times[1])}"]
    place = ", ".join(
        str(part)
        for part in (summary.get("location_name"), summary.get("location_address"))
        if part
    )
    if place:
        lines.append(f"LOCATION:{_escape(place)}")
    if summary.get("staff_name"):
        lines.append(f"DESCRIPTION:{_escape('With ' + str(summary['staff_name']))}")
    lines += [
        "STATUS:CONFIRMED" if result.status == "confirmed" else "STATUS:TENTATIVE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
