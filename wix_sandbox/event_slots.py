"""Class session slots (docs/wix-contract.md §4.4, §4.5), ``pagingMetadata`` paging; not courses."""

from __future__ import annotations

from typing import Any

from .context import Ctx
from .errors import app_error, invalid, not_found
from .policy import matches_filter
from .query import cursor_limit, cursor_page, matches, resolve_cursor_request
from .sessions import event_slot
from .timeutil import parse_local, to_utc, zone

# docs/wix-contract.md §4.4: the method page says 50, the shared type comment 1000 (UNCONFIRMED).
DEFAULT_EVENT_PAGE = 50


def list_event_slots(ctx: Ctx) -> dict[str, Any]:
    """POST …/time-slots/event: List Event Time Slots."""
    body, offset = resolve_cursor_request(ctx.request.json)
    missing = [f for f in ("fromLocalDate", "toLocalDate") if not body.get(f)]
    if missing:
        raise app_error(400, "MISSING_ARGUMENTS", f"missing arguments: {', '.join(missing)}")
    tz_name = str(body.get("timeZone") or ctx.state.tz.key)
    tz = zone(tz_name)
    start = to_utc(parse_local(body["fromLocalDate"], "fromLocalDate"), tz)
    end = to_utc(parse_local(body["toLocalDate"], "toLocalDate"), tz)
    limit = cursor_limit(body, 1000, DEFAULT_EVENT_PAGE)
    service_ids = body.get("serviceIds")
    if service_ids is not None and not isinstance(service_ids, list):
        raise invalid("serviceIds", "must be an array")
    _refuse_courses(ctx, service_ids or [])
    include_non_bookable = body.get("includeNonBookable")
    include_non_bookable = True if include_non_bookable is None else bool(include_non_bookable)
    min_capacity = int(body.get("minBookableCapacity") or 0)
    per_day = int(body.get("maxSlotsPerDay") or 0)
    slots: list[dict[str, Any]] = []
    day_counts: dict[str, int] = {}
    for session in ctx.state.sessions:
        if not start <= session.start < end or session.start < ctx.now:
            continue
        if service_ids and session.service.id not in service_ids:
            continue
        if session.service.type == "COURSE":
            continue  # Time Slots serves appointments and classes only (§22)
        view = {
            "resources": [{"id": ctx.state.demo.staff(session.staff)}],
            "location": {"id": ctx.state.demo.location(session.location)},
            "type": session.service.type,
        }
        if not matches(body.get("eventFilter") or {}, view):
            continue
        slot = event_slot(ctx.state, session, tz, ctx.now)
        if not include_non_bookable and not slot["bookable"]:
            continue
        if min_capacity and slot["bookableCapacity"] < min_capacity:
            continue
        if not matches_filter(slot["bookingPolicyViolations"], body.get("bookingPolicyViolations")):
            continue
        day = slot["localStartDate"][:10]
        if per_day and day_counts.get(day, 0) >= per_day:
            continue
        day_counts[day] = day_counts.get(day, 0) + 1
        slots.append(slot)
    page, meta = cursor_page(slots, body, offset, limit)
    return {"timeSlots": page, "timeZone": tz_name, "pagingMetadata": meta}


def _refuse_courses(ctx: Ctx, service_ids: list[object]) -> None:
    """A course id is an error: "To retrieve course availability, follow the End-to-End Booking
    Flow for courses" (docs/wix-contract.md §22). Wix's status and code are UNCONFIRMED; the
    sandbox answers as List Availability does for a service it does not serve.
    """
    for service_id in service_ids:
        spec = ctx.state.demo.spec(str(service_id))
        if spec is not None and spec.type == "COURSE":
            raise app_error(
                400, "VALIDATION_FAILURE", "Time slots don't support courses: use the course flow"
            )


def get_event_slot(ctx: Ctx) -> dict[str, Any]:
    """GET …/time-slots/event/{eventId}: one session with its current capacity."""
    event_id = ctx.params["eventId"]
    tz_name = ctx.request.arg("timeZone") or ctx.state.tz.key
    tz = zone(tz_name)
    session = ctx.state.session(event_id)
    if session is None or session.service.type == "COURSE":
        raise not_found("SLOT_NOT_FOUND", f"event {event_id} not found")
    return {"timeSlot": event_slot(ctx.state, session, tz, ctx.now), "timeZone": tz_name}
