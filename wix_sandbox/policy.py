"""Booking-policy windows (too early / too late / online booking off) for a start time."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from .demo import Location, ServiceSpec
from .timeutil import utc_text


def violations(spec: ServiceSpec, start: datetime, now: datetime) -> dict[str, Any]:
    """``bookingPolicyViolations`` for a slot of ``spec`` starting at ``start`` (UTC)."""
    too_early = False
    earliest: str | None = None
    if spec.early_limit_minutes is not None:
        opens = start - timedelta(minutes=spec.early_limit_minutes)
        if now < opens:
            too_early, earliest = True, utc_text(opens)
    too_late = (
        spec.late_limit_minutes is not None
        and start - now < timedelta(minutes=spec.late_limit_minutes)
    ) or now >= start
    return {
        "tooEarlyToBook": too_early,
        "earliestBookingDate": earliest,
        "tooLateToBook": too_late,
        "bookOnlineDisabled": not spec.online_booking,
    }


def is_violated(flags: dict[str, Any]) -> bool:
    return bool(flags["tooEarlyToBook"] or flags["tooLateToBook"] or flags["bookOnlineDisabled"])


def matches_filter(flags: dict[str, Any], wanted: Any) -> bool:
    """The ``bookingPolicyViolations`` request filter: each given flag must be equal."""
    if not isinstance(wanted, dict):
        return True
    for name in ("tooEarlyToBook", "tooLateToBook", "bookOnlineDisabled"):
        if name in wanted and wanted[name] is not None and bool(wanted[name]) != flags[name]:
            return False
    return True


def slot_location(location: Location) -> dict[str, Any]:
    """A time slot's ``location`` (the slot enum: BUSINESS/CUSTOM/CUSTOMER)."""
    return {
        "id": location.id,
        "name": location.name,
        "formattedAddress": location.formatted_address,
        "locationType": "BUSINESS",
    }
