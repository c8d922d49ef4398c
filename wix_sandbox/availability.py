"""Appointment time slots (docs/wix-contract.md §4.2, §4.3): staff hours on a split interval."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .catalog import variant_durations
from .context import Ctx
from .demo import SPLIT_INTERVAL_MINUTES, STAFF_RESOURCE_TYPE_ID, ServiceSpec
from .errors import app_error, not_found
from .policy import is_violated, matches_filter, slot_location, violations
from .query import cursor_limit, cursor_page, resolve_cursor_request
from .state import State
from .timeutil import at_local, days, local_text, parse_local, to_utc, zone

MAX_RESOURCES_IN_LIST = 10


@dataclass(frozen=True)
class Candidate:
    """An offered appointment start at one location, with the staff free for it."""

    start: datetime
    end: datetime
    location: str
    staff: tuple[str, ...]


def _busy(state: State, exclude: str | None) -> dict[str, list[tuple[datetime, datetime]]]:
    busy: dict[str, list[tuple[datetime, datetime]]] = defaultdict(list)
    for record in state.bookings.values():
        if record.staff and record.id != exclude and state.blocks(record):
            busy[record.staff].append((record.start, record.end))
    return busy


def candidates(
    state: State,
    spec: ServiceSpec,
    start: datetime,
    end: datetime,
    now: datetime,
    *,
    staff: set[str] | None = None,
    locations: set[str] | None = None,
    exclude_booking: str | None = None,
    minutes: int | None = None,
) -> list[Candidate]:
    """Free appointment starts in ``[start, end)`` (UTC), never in the past.

    Starts step by the split interval from each working period's start, so slots of a
    60-minute service overlap (10:00-11:00, 10:30-11:30 …). A staff member is free when
    no blocking booking of theirs overlaps the slot. ``minutes`` is a chosen duration
    (``customerChoices.durationInMinutes``, §21.3); the service's own length otherwise.
    """
    busy = _busy(state, exclude_booking)
    step = timedelta(minutes=SPLIT_INTERVAL_MINUTES)
    length = timedelta(minutes=minutes or spec.duration)
    found: dict[tuple[datetime, str], list[str]] = defaultdict(list)
    first = start.astimezone(state.tz).date()
    last = (end - timedelta(microseconds=1)).astimezone(state.tz).date()
    for day in days(first, last) if first <= last else []:
        for key in spec.staff:
            if staff is not None and key not in staff:
                continue
            for hours in state.demo.staff_members[key].hours:
                if hours.weekday != day.weekday():
                    continue
                if locations is not None and hours.location not in locations:
                    continue
                if hours.location not in spec.locations:
                    continue
                slot = at_local(day, hours.start, state.tz)
                closing = at_local(day, hours.end, state.tz)
                while slot + length <= closing:
                    free = all(slot >= e or slot + length <= s for s, e in busy[key])
                    if start <= slot < end and slot >= now and free:
                        found[(slot, hours.location)].append(key)
                    slot += step
    order = {loc: n for n, loc in enumerate(spec.locations)}
    return [
        Candidate(slot, slot + length, loc, tuple(keys))
        for (slot, loc), keys in sorted(found.items(), key=lambda i: (i[0][0], order[i[0][1]]))
    ]


def slot_json(
    state: State, spec: ServiceSpec, cand: Candidate, tz: ZoneInfo, now: datetime, resources: int
) -> dict[str, Any]:
    """The TimeSlot object; ``resources`` caps ``availableResources`` (0 = leave it empty)."""
    flags = violations(spec, cand.start, now)
    available: list[dict[str, Any]] = []
    if resources:
        people = [state.demo.staff_members[k] for k in cand.staff]
        available = [
            {
                "resourceTypeId": STAFF_RESOURCE_TYPE_ID,
                "resources": [{"id": p.id, "name": p.name} for p in people[:resources]],
                "hasMoreAvailableResources": len(people) > resources,
            }
        ]
    return {
        "serviceId": spec.id,
        "localStartDate": local_text(cand.start, tz),
        "localEndDate": local_text(cand.end, tz),
        "bookable": not is_violated(flags),
        "location": slot_location(state.demo.locations[cand.location]),
        "totalCapacity": 1,
        "remainingCapacity": 1,
        "bookableCapacity": 1,
        "bookingPolicyViolations": flags,
        "availableResources": available,
        "nestedTimeSlots": [],
        "nonBookableReasons": {
            "noRemainingCapacity": False,
            "violatesBookingPolicy": is_violated(flags),
            "reservedForWaitingList": False,
            "eventCancelled": False,
        },
        "scheduleId": spec.schedule_id,
        "allDay": False,
    }


def _staff_filter(state: State, body: dict[str, Any]) -> set[str] | None:
    chosen: set[str] | None = None
    for rt in body.get("resourceTypes") or []:
        if isinstance(rt, dict) and rt.get("resourceTypeId") == STAFF_RESOURCE_TYPE_ID:
            ids = set(rt.get("resourceIds") or [])
            if ids:
                keys = {s.key for s in state.demo.staff_members.values() if s.id in ids}
                chosen = keys if chosen is None else chosen & keys
    return chosen


def _location_filter(state: State, entries: list[Any]) -> set[str] | None:
    ids = {e.get("id") for e in entries if isinstance(e, dict)}
    if not entries:
        return None
    return {loc.key for loc in state.demo.locations.values() if loc.id in ids}


def _service(state: State, service_id: Any) -> ServiceSpec:
    spec = state.demo.spec(str(service_id))
    if spec is None:
        raise not_found("SERVICE_NOT_FOUND", f"service {service_id} not found")
    return spec


def list_time_slots(ctx: Ctx) -> dict[str, Any]:
    """POST …/time-slots: List Availability Time Slots."""
    body, offset = resolve_cursor_request(ctx.request.json)
    missing = [f for f in ("serviceId", "fromLocalDate", "toLocalDate") if not body.get(f)]
    if missing:
        raise app_error(400, "MISSING_ARGUMENTS", f"missing arguments: {', '.join(missing)}")
    tz_name = str(body.get("timeZone") or ctx.state.tz.key)
    tz = zone(tz_name)
    start = to_utc(parse_local(body["fromLocalDate"], "fromLocalDate"), tz)
    end = to_utc(parse_local(body["toLocalDate"], "toLocalDate"), tz)
    spec = _service(ctx.state, body["serviceId"])
    limit = cursor_limit(body, 1000, 1000)
    minutes = _chosen_minutes(body)
    if spec.type != "APPOINTMENT":
        # Courses are refused always (§22); classes only when set up to, as Wix narrowed (§4.2).
        if spec.type == "COURSE" or "reject_non_appointment_slots" in ctx.state.misconfigurations:
            raise app_error(400, "VALIDATION_FAILURE", "Only appointment services are supported")
        slots: list[dict[str, Any]] = []
    else:
        want_resources = STAFF_RESOURCE_TYPE_ID in (body.get("includeResourceTypeIds") or []) or (
            bool(body.get("resourceTypes"))
        )
        cands = candidates(
            ctx.state,
            spec,
            start,
            end,
            ctx.now,
            staff=_staff_filter(ctx.state, body),
            locations=_location_filter(ctx.state, body.get("locations") or []),
            minutes=minutes,
        )
        res = MAX_RESOURCES_IN_LIST if want_resources else 0
        slots = [slot_json(ctx.state, spec, c, tz, ctx.now, res) for c in cands]
        slots = _filter_slots(slots, body)
    page, meta = cursor_page(slots, body, offset, limit)
    return {"timeSlots": page, "timeZone": tz_name, "cursorPagingMetadata": meta}


def _chosen_minutes(body: dict[str, Any]) -> int | None:
    """``customerChoices.durationInMinutes`` (1-57600, §21.3), or None for the default."""
    choices = body.get("customerChoices")
    minutes = choices.get("durationInMinutes") if isinstance(choices, dict) else None
    if minutes is None:
        return None
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 57600:
        raise app_error(
            400, "VALIDATION_FAILURE", "customerChoices.durationInMinutes must be 1 to 57600"
        )
    return minutes


def _filter_slots(slots: list[dict[str, Any]], body: dict[str, Any]) -> list[dict[str, Any]]:
    if body.get("bookable") is not None:
        slots = [s for s in slots if s["bookable"] == bool(body["bookable"])]
    wanted = body.get("bookingPolicyViolations")
    slots = [s for s in slots if matches_filter(s["bookingPolicyViolations"], wanted)]
    per_day = body.get("timeSlotsPerDay")
    if per_day:
        counts: dict[str, int] = defaultdict(int)
        kept = []
        for slot in slots:
            day = slot["localStartDate"][:10]
            if counts[day] < int(per_day):
                counts[day] += 1
                kept.append(slot)
        slots = kept
    return slots


def get_time_slot(ctx: Ctx) -> dict[str, Any]:
    """POST …/time-slots/get: re-validate one appointment slot (all resources listed)."""
    body = ctx.request.json
    missing = [f for f in ("serviceId", "localStartDate", "localEndDate") if not body.get(f)]
    if missing:
        raise app_error(400, "MISSING_ARGUMENTS", f"missing arguments: {', '.join(missing)}")
    tz_name = str(body.get("timeZone") or ctx.state.tz.key)
    tz = zone(tz_name)
    start = to_utc(parse_local(body["localStartDate"], "localStartDate"), tz)
    end = to_utc(parse_local(body["localEndDate"], "localEndDate"), tz)
    spec = _service(ctx.state, body["serviceId"])
    location = body.get("location")
    # The SDK marks location required; Wix's own client omits it, so it stays optional.
    has_location = isinstance(location, dict) and bool(location.get("id"))
    locs = _location_filter(ctx.state, [location]) if has_location else None
    found: list[Candidate] = []
    if spec.type == "APPOINTMENT":
        window_end = start + timedelta(minutes=1)
        staff = _staff_filter(ctx.state, body)
        # No customerChoices here: the chosen length travels in the local dates (§21.3).
        asked = int((end - start).total_seconds() // 60)
        minutes = asked if asked in variant_durations(spec) else None
        found = [
            c
            for c in candidates(
                ctx.state,
                spec,
                start,
                window_end,
                ctx.now,
                staff=staff,
                locations=locs,
                minutes=minutes,
            )
            if c.end == end
        ]
    if not found:
        raise not_found("SLOT_NOT_FOUND", "no available slot matches the request")
    slot = slot_json(ctx.state, spec, found[0], tz, ctx.now, len(spec.staff))
    return {"timeSlot": slot, "timeZone": tz_name}
