"""A course's sessions as every page lists them: in the customer's zone, place and teacher once.

The service page, the review page and the confirmation page show the same compact list
(``booking/_course_sessions.html``): one line per session with its date and time of day, and
the place or teacher on a line only where they differ from the course's usual ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from booking_site.services.courses import CourseSession


@dataclass(frozen=True)
class SessionRow:
    """One session in the display zone; ``place``/``teacher`` only where they differ."""

    start: datetime
    end: datetime
    place: str | None
    teacher: str | None


@dataclass(frozen=True)
class CourseView:
    """The sessions to list, the course's usual place and teacher, and the zone named once."""

    rows: tuple[SessionRow, ...]
    place: str | None
    address: str | None
    teacher: str | None
    zone: str

    @property
    def count(self) -> int:
        return len(self.rows)


def course_view(sessions: Sequence[CourseSession], zone_name: str | None) -> CourseView | None:
    """The list for ``sessions`` shown in ``zone_name``; None when Wix gave no sessions."""
    if not sessions:
        return None
    try:
        zone = ZoneInfo(zone_name or "UTC")
    except (ValueError, ZoneInfoNotFoundError):
        zone = ZoneInfo("UTC")
    place = _common([s.location_name for s in sessions])
    teacher = _common([s.staff_name for s in sessions])
    address = _common([s.location_address for s in sessions]) if place else None
    rows = tuple(
        SessionRow(
            start=s.start.astimezone(zone),
            end=s.end.astimezone(zone),
            place=None if place else s.location_name,
            teacher=None if teacher else s.staff_name,
        )
        for s in sessions
    )
    return CourseView(rows, place, address, teacher, str(zone.key))


def _common(values: list[str | None]) -> str | None:
    """The one value every session shares, else None (then each row names its own)."""
    distinct = set(values)
    return values[0] if len(distinct) == 1 else None
