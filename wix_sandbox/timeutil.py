"""Date-time helpers: Wix "local" strings, UTC timestamps and IANA zones."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import WixError, app_error, invalid

LOCAL_FORMAT = "%Y-%m-%dT%H:%M:%S"
_STRICT_LOCAL = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
# Create Booking also accepts milliseconds or an offset (docs/wix-contract.md §6.2).
_LENIENT_LOCAL = re.compile(
    r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})?"
)


def zone(name: str, field_name: str = "timeZone") -> ZoneInfo:
    """The IANA zone called ``name``; unknown names are a 400."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise invalid(field_name, f"unknown time zone '{name}'") from exc


def parse_local(value: object, field_name: str) -> datetime:
    """Parse a strict ``YYYY-MM-DDThh:mm:ss`` string (naive); anything else is a 400."""
    if not isinstance(value, str) or not _STRICT_LOCAL.fullmatch(value):
        raise invalid(field_name, "must be a local date-time in the format YYYY-MM-DDThh:mm:ss")
    try:
        return datetime.strptime(value, LOCAL_FORMAT)
    except ValueError as exc:
        raise invalid(field_name, "is not a valid date-time") from exc


def parse_booking_date(value: str, tz: ZoneInfo) -> datetime:
    """A Create Booking slot date: local text (optionally with ms or offset) → aware UTC."""
    match = _LENIENT_LOCAL.fullmatch(value)
    if not match:
        raise _bad_date(value)
    try:
        naive = datetime.strptime(match.group(1), LOCAL_FORMAT)
    except ValueError as exc:
        raise _bad_date(value) from exc
    offset = match.group(3)
    if offset:
        return datetime.fromisoformat(match.group(1) + offset.replace("Z", "+00:00")).astimezone(
            UTC
        )
    return to_utc(naive, tz)


def _bad_date(value: str) -> WixError:
    return app_error(400, "INVALID_DATE_FORMAT", f"'{value}' is not a valid slot date")


def to_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """Interpret a naive wall-clock time in ``tz``; times inside a DST gap move forward."""
    aware = local.replace(tzinfo=tz)
    round_trip = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if round_trip != local:  # nonexistent wall time (spring forward)
        aware = (local + timedelta(hours=1)).replace(tzinfo=tz)
    return aware.astimezone(UTC)


def local_text(instant: datetime, tz: ZoneInfo) -> str:
    """An aware instant as a Wix local string in ``tz``."""
    return instant.astimezone(tz).strftime(LOCAL_FORMAT)


def utc_text(instant: datetime) -> str:
    """RFC 3339 UTC with milliseconds, as Wix writes timestamps."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{instant.microsecond // 1000:03d}Z"
    )


def at_local(day: date, hhmm: str, tz: ZoneInfo) -> datetime:
    """``day`` at ``hh:mm`` business-local time, as aware UTC."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return to_utc(datetime.combine(day, time(hours, minutes)), tz)


def days(start: date, end: date) -> list[date]:
    """Every date from ``start`` to ``end`` inclusive."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]
