"""What a submitted booking holds, as stored with its ``Submission`` row: ``BookingSnapshot``.

Written once when Create Booking succeeds (by the customer's or the staff submit, through
``submit_core``) and read by the status and result pages, the calendar file and the
changed-draft check (``attempts``). The row's JSON field keeps the plain dict from
``to_json``; ``from_json`` reads any row ever written, old or odd ones included: a missing or
wrongly typed field is its default, never an error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from booking_site.services.courses import CourseSession


@dataclass(frozen=True)
class BookingSnapshot:
    """The booked service, time, people, price and contact; staff fields when ``owner``.

    Times are Wix's local strings (``local_start`` / ``local_end`` in ``time_zone``) for
    appointments and classes, ISO instants (``course_start`` / ``course_end``) for courses.
    ``lines`` are (label, count) per priced participant line; ``total`` is a decimal string.
    """

    service_id: str = ""
    service_name: str = ""
    service_slug: str = ""
    service_type: str = ""
    local_start: str | None = None
    local_end: str | None = None
    time_zone: str | None = None
    course_start: str | None = None
    course_end: str | None = None
    # A course's sessions as Wix's calendar listed them when it was booked (§22): each
    # (start, end, place, address, teacher), the times ISO instants. Empty when unreadable.
    sessions: tuple[tuple[str, str, str | None, str | None, str | None], ...] = ()
    staff_name: str | None = None
    # "Anyone available" was chosen: until Wix names the person, pages say so (never a list).
    any_staff: bool = False
    location_name: str | None = None
    location_address: str | None = None
    # Enough of the slot to ask Wix about it again (a return to an unpaid booking).
    event_id: str | None = None
    staff_id: str | None = None
    location_id: str | None = None
    location_type: str | None = None
    participants: int = 1
    lines: tuple[tuple[str, int], ...] = ()
    total: str | None = None
    currency: str | None = None
    free: bool = False
    payment_option: str | None = None
    # What the hosted checkout charges now (the deposit, or the whole price); None: nothing
    # online. The rest (``total`` minus ``due_now``) is due at the venue.
    due_now: str | None = None
    # MEMBERSHIP: the plan that pays, by name (one session per participant).
    plan_name: str | None = None
    duration_minutes: int | None = None
    first_name: str = ""
    email: str = ""
    utm: Mapping[str, str] = field(default_factory=dict)
    # Owner mode only: who booked, how it is paid, what it overrode, and settlement progress.
    owner: bool = False
    staff: str = ""
    customer: str = ""
    payment: str | None = None
    paid_with: str | None = None
    skip_availability: bool = False
    overrides: tuple[str, ...] = ()
    payment_link: str | None = None
    confirmed: bool = False
    contact_id: str | None = None

    def with_changes(self, **changes: Any) -> BookingSnapshot:
        """A copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """The JSON-safe dict stored in ``Submission.summary``."""
        data = dataclasses.asdict(self)
        data["lines"] = [[label, count] for label, count in self.lines]
        data["overrides"] = list(self.overrides)
        data["sessions"] = [list(session) for session in self.sessions]
        data["utm"] = dict(self.utm)
        return data

    @classmethod
    def from_json(cls, data: object) -> BookingSnapshot:
        """The snapshot in a stored row; unknown keys are ignored, bad values defaulted."""
        if not isinstance(data, Mapping):
            return cls()
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name in data:
                value = _read(f.name, data[f.name], f.type)
                if value is not _BAD:
                    values[f.name] = value
        return cls(**values)

    @property
    def course_sessions(self) -> tuple[CourseSession, ...]:
        """The stored sessions as ``CourseSession``s (unreadable ones left out)."""
        found = []
        for start, end, place, address, teacher in self.sessions:
            try:
                begins, ends = datetime.fromisoformat(start), datetime.fromisoformat(end)
            except ValueError:
                continue
            if begins.tzinfo and ends.tzinfo:
                found.append(CourseSession(begins, ends, place, address, teacher))
        return tuple(found)

    @property
    def start(self) -> datetime | None:
        """The start, in the business zone (appointments, classes) or as stored (courses)."""
        return self._moment(self.local_start, self.course_start)

    @property
    def end(self) -> datetime | None:
        return self._moment(self.local_end, self.course_end)

    def _moment(self, local: str | None, course: str | None) -> datetime | None:
        try:
            if local:
                zone = ZoneInfo(self.time_zone or "UTC")
                return datetime.fromisoformat(local).replace(tzinfo=zone)
            if course:
                return datetime.fromisoformat(course)
        except (ValueError, ZoneInfoNotFoundError):
            return None
        return None


_BAD = object()
_TEXT = {"str", "str | None"}


def _read(name: str, value: object, kind: object) -> object:
    """``value`` as the field's type, or ``_BAD`` when it has the wrong shape."""
    if name == "lines":
        return _lines(value)
    if name == "sessions":
        return _sessions(value)
    if name == "overrides":
        if not isinstance(value, list | tuple):
            return _BAD
        return tuple(str(line) for line in value)
    if name == "utm":
        if not isinstance(value, Mapping):
            return _BAD
        return {str(k): str(v) for k, v in value.items()}
    if kind == "bool":
        return bool(value)
    if kind == "int":
        return value if type(value) is int else _BAD
    if kind == "int | None":
        return value if value is None or type(value) is int else _BAD
    if kind in _TEXT:
        if value is None:
            return None if kind == "str | None" else _BAD
        return value if isinstance(value, str) else _BAD
    return _BAD


def _lines(value: object) -> object:
    if not isinstance(value, list | tuple):
        return _BAD
    lines: list[tuple[str, int]] = []
    for line in value:
        if isinstance(line, list | tuple) and len(line) == 2 and type(line[1]) is int:
            lines.append((str(line[0]), line[1]))
    return tuple(lines)


def _sessions(value: object) -> object:
    if not isinstance(value, list | tuple):
        return _BAD
    kept = []
    for item in value:
        if (
            isinstance(item, list | tuple)
            and len(item) == 5
            and all(v is None or isinstance(v, str) for v in item)
        ):
            start, end, place, address, teacher = item
            if isinstance(start, str) and isinstance(end, str):
                kept.append((start, end, place, address, teacher))
    return tuple(kept)
