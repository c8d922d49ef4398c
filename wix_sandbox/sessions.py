"""Class and course sessions (calendar events), generated around "today"."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .demo import STAFF_RESOURCE_TYPE_ID, Demo, ServiceSpec
from .policy import is_violated, slot_location, violations
from .state import Session, State
from .timeutil import at_local, days, local_text

HORIZON_PAST_DAYS = 14
HORIZON_FUTURE_DAYS = 200
_EVENT_NAMESPACE = uuid.UUID("0b7e4c2a-93d1-4f5e-8a6b-2c1d3e4f5a6b")


def event_id(service: ServiceSpec, start: datetime) -> str:
    """A deterministic event id (36 chars, like Wix's minimum)."""
    return str(uuid.uuid5(_EVENT_NAMESPACE, f"{service.key}:{start.isoformat()}"))


def build_sessions(demo: Demo, today: date, tz: ZoneInfo) -> list[Session]:
    """Every class session in the horizon, plus each course's weekly sessions."""
    sessions: list[Session] = []
    window = days(today - timedelta(days=HORIZON_PAST_DAYS), today + timedelta(HORIZON_FUTURE_DAYS))
    for spec in demo.services.values():
        if spec.type == "CLASS":
            for day in window:
                for rec in spec.recurrences:
                    if rec.weekday == day.weekday():
                        sessions.append(_session(spec, day, rec.start, rec.staff, rec.location, tz))
        elif spec.type == "COURSE":
            first = today + timedelta(days=spec.course_start_in_days)
            rec = spec.recurrences[0]
            for week in range(spec.course_sessions):
                day = first + timedelta(weeks=week)
                sessions.append(_session(spec, day, rec.start, rec.staff, rec.location, tz))
    sessions.sort(key=lambda s: (s.start, s.service.key))
    return sessions


def _session(
    spec: ServiceSpec, day: date, hhmm: str, staff: str, loc: str, tz: ZoneInfo
) -> Session:
    start = at_local(day, hhmm, tz)
    end = start + timedelta(minutes=spec.duration)
    return Session(event_id(spec, start), spec, start, end, staff, loc)


def capacity(state: State, session: Session) -> tuple[int, int]:
    """(total, remaining) seats: per session for classes, for the whole course otherwise."""
    total = session.service.capacity
    if session.service.type == "COURSE":
        taken = state.booked_participants(service_id=session.service.id)
    else:
        taken = state.booked_participants(event_id=session.event_id)
    return total, max(0, total - taken)


def course_policy(state: State, spec: ServiceSpec, now: datetime) -> dict[str, Any]:
    """A course is too late to book once its first session has started."""
    sessions = state.course_sessions(spec)
    return violations(spec, sessions[0].start if sessions else now, now)


def event_slot(state: State, session: Session, tz: ZoneInfo, now: datetime) -> dict[str, Any]:
    """The TimeSlot object for a class/course session (docs/wix-contract.md §4.6)."""
    spec = session.service
    total, remaining = capacity(state, session)
    if spec.type == "COURSE":
        flags = course_policy(state, spec, now)
    else:
        flags = violations(spec, session.start, now)
    breaks_policy = is_violated(flags)
    staff = state.demo.staff_members[session.staff]
    return {
        "serviceId": spec.id,
        "localStartDate": local_text(session.start, tz),
        "localEndDate": local_text(session.end, tz),
        "bookable": remaining > 0 and not breaks_policy,
        "location": slot_location(state.demo.locations[session.location]),
        "eventInfo": {"eventId": session.event_id, "eventTitle": spec.name},
        "totalCapacity": total,
        "remainingCapacity": remaining,
        "bookableCapacity": remaining,
        "bookingPolicyViolations": flags,
        "availableResources": [
            {
                "resourceTypeId": STAFF_RESOURCE_TYPE_ID,
                "resources": [{"id": staff.id, "name": staff.name}],
                "hasMoreAvailableResources": False,
            }
        ],
        "nestedTimeSlots": [],
        "nonBookableReasons": {
            "noRemainingCapacity": remaining == 0,
            "violatesBookingPolicy": bool(breaks_policy),
            "reservedForWaitingList": False,
            "eventCancelled": False,
        },
        "allDay": False,
    }
