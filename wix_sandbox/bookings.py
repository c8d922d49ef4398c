"""Create Booking (docs/wix-contract.md §6): validation, availability and capacity under one
lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from . import booking_docs, booking_rules, demo_forms
from .availability import candidates
from .context import Ctx
from .create_statuses import documented
from .demo import ServiceSpec
from .errors import WixError, app_error, invalid, invalid_fields, not_found
from .policy import is_violated, violations
from .sessions import capacity, course_policy
from .state import BookingRecord
from .timeutil import parse_booking_date, utc_text, zone

_SLOT = "booking.bookedEntity.slot"


@dataclass
class Placement:
    """Where and when a booking happens, as validated."""

    start: datetime
    end: datetime
    staff: str | None
    location: str
    entity: dict[str, Any]
    event_id: str | None = None


def _location_key(ctx: Ctx, spec: ServiceSpec, location: dict[str, Any]) -> str:
    loc_id = location.get("id")
    if loc_id:
        for key in spec.locations:
            if ctx.state.demo.location(key) == loc_id:
                return key
        raise _taken("the location is not offered by this service")
    if len(spec.locations) == 1:
        return spec.locations[0]
    raise _taken("location.id is required: the service has several locations")


def _taken(message: str) -> Exception:
    return app_error(428, "SLOT_NOT_AVAILABLE", message)


def _appointment(
    ctx: Ctx, spec: ServiceSpec, slot: dict[str, Any], skip: bool, minutes: int | None = None
) -> Placement:
    """An appointment slot, free for ``minutes`` (the duration chosen, §21.2) unless skipped."""
    resource = slot.get("resource") if isinstance(slot.get("resource"), dict) else {}
    selections = [s for s in slot.get("resourceSelections") or [] if isinstance(s, dict)]
    any_staff = any(s.get("selectionMethod") == "ANY_RESOURCE" for s in selections)
    location = slot.get("location") if isinstance(slot.get("location"), dict) else {}
    missing = [
        f"{_SLOT}.{f}"
        for f in ("scheduleId", "startDate", "endDate", "timezone")
        if not slot.get(f)
    ]
    if not resource.get("id") and not any_staff:
        missing.append(f"{_SLOT}.resource.id")
    if not location.get("locationType"):
        missing.append(f"{_SLOT}.location.locationType")
    if missing:
        raise app_error(
            400,
            "VALIDATION_FAILURE",
            f"missing required slot fields: {', '.join(missing)}",
            {"fields": missing},
        )
    try:
        tz = zone(str(slot["timezone"]), f"{_SLOT}.timezone")
    except Exception as exc:
        raise app_error(400, "INVALID_TIME_ZONE", f"unknown time zone {slot['timezone']}") from exc
    start = parse_booking_date(str(slot["startDate"]), tz)
    end = parse_booking_date(str(slot["endDate"]), tz)
    if slot["scheduleId"] != spec.schedule_id:
        raise _taken("scheduleId does not belong to this service")
    loc_key = _location_key(ctx, spec, location)
    staff = ctx.state.demo.staff_by_id(str(resource.get("id"))) if resource.get("id") else None
    if resource.get("id") and (staff is None or staff.key not in spec.staff):
        raise _taken("the resource is not assigned to this service")
    chosen: str | None
    if skip:
        if staff is None:
            raise app_error(
                400,
                "CAN_NOT_SKIP_AVAILABILITY_VALIDATION_IF_RESOURCE_NOT_PROVIDED",
                "skipAvailabilityValidation needs a specific resource",
            )
        chosen = staff.key
    elif staff is None and not ctx.state.any_staff_checked:
        # "Any staff" with no resource: Wix assigns a resource and checks availability only
        # at confirmation (docs/wix-contract.md §24), so a taken slot is not refused here.
        flags = violations(spec, start, ctx.now)
        if is_violated(flags):
            raise app_error(
                428,
                "BOOKING_POLICY_VIOLATION",
                "the slot is outside the booking policy window",
                flags,
            )
        chosen = None
    else:
        found = [
            c
            for c in candidates(
                ctx.state,
                spec,
                start,
                start + timedelta(seconds=1),
                ctx.now,
                staff={staff.key} if staff else None,
                locations={loc_key},
                minutes=minutes,
            )
            if c.end == end
        ]
        if not found:
            raise _taken("the slot is not available for this resource at this time")
        flags = violations(spec, start, ctx.now)
        if is_violated(flags):
            raise app_error(
                428,
                "BOOKING_POLICY_VIOLATION",
                "the slot is outside the booking policy window",
                flags,
            )
        chosen = staff.key if staff else found[0].staff[0]
    entity = {
        "serviceId": spec.id,
        "scheduleId": spec.schedule_id,
        "eventId": None,
        "timezone": tz.key,
        "location": booking_docs.location(ctx, loc_key, location.get("locationType")),
        "resourceSelections": selections,
        "allDay": False,
    }
    if chosen is not None:
        entity["resource"] = booking_docs.resource(chosen)
    entity |= booking_docs.dates(ctx, start, end, tz)
    return Placement(start, end, chosen, loc_key, entity)


def _class(ctx: Ctx, spec: ServiceSpec, slot: dict[str, Any], count: int, skip: bool) -> Placement:
    event_id = slot.get("eventId") or slot.get("sessionId")
    if not event_id:
        raise app_error(
            400,
            "VALIDATION_FAILURE",
            "eventId is required for class bookings",
            {"fields": [f"{_SLOT}.eventId"]},
        )
    session = ctx.state.session(str(event_id))
    if session is None or session.service.key != spec.key:
        raise not_found("SESSION_NOT_FOUND", f"session {event_id} not found")
    if not skip:
        _, remaining = capacity(ctx.state, session)
        if count > remaining:
            raise app_error(
                428,
                "SESSION_CAPACITY_EXCEEDED",
                "not enough places left in the session",
                {"remainingCapacity": remaining},
            )
        flags = violations(spec, session.start, ctx.now)
        if is_violated(flags):
            raise app_error(
                428, "BOOKING_POLICY_VIOLATION", "the session cannot be booked now", flags
            )
    entity = {
        "serviceId": spec.id,
        "scheduleId": spec.schedule_id,
        "eventId": session.event_id,
        "timezone": ctx.state.tz.key,
        "resource": booking_docs.resource(session.staff),
        "location": booking_docs.location(ctx, session.location),
        "resourceSelections": [],
        "allDay": False,
    }
    entity |= booking_docs.dates(ctx, session.start, session.end, ctx.state.tz)
    return Placement(
        session.start, session.end, session.staff, session.location, entity, session.event_id
    )


def _course(ctx: Ctx, spec: ServiceSpec, count: int, skip: bool) -> Placement:
    sessions = ctx.state.course_sessions(spec)
    if not skip:
        remaining = spec.capacity - ctx.state.booked_participants(service_id=spec.id)
        if count > remaining:
            raise app_error(
                428,
                "SCHEDULE_CAPACITY_EXCEEDED",
                "not enough places left in the course",
                {"remainingCapacity": max(0, remaining)},
            )
        flags = course_policy(ctx.state, spec, ctx.now)
        if is_violated(flags):
            raise app_error(
                428, "BOOKING_POLICY_VIOLATION", "the course can no longer be booked", flags
            )
    first, last = sessions[0], sessions[-1]
    entity = {
        "scheduleId": spec.schedule_id,
        "serviceId": spec.id,
        "timezone": ctx.state.tz.key,
        "location": booking_docs.location(ctx, first.location),
        "firstSessionStart": utc_text(first.start),
        "lastSessionEnd": utc_text(last.end),
    }
    return Placement(first.start, last.end, None, first.location, entity)


def _service(ctx: Ctx, entity: dict[str, Any]) -> tuple[ServiceSpec, dict[str, Any], bool]:
    """The booked service, the slot-or-schedule object, and whether it is a slot."""
    slot, schedule = entity.get("slot"), entity.get("schedule")
    if bool(slot) == bool(schedule) or not isinstance(slot or schedule, dict):
        raise invalid("booking.bookedEntity", "must contain exactly one of slot or schedule")
    if slot:
        if not slot.get("serviceId"):
            raise invalid(f"{_SLOT}.serviceId", "is required")
        spec = ctx.state.demo.spec(str(slot["serviceId"]))
        if spec is None:
            raise not_found("SERVICE_NOT_FOUND", f"service {slot['serviceId']} not found")
        if spec.type == "COURSE":
            raise app_error(
                400, "VALIDATION_FAILURE", "Slot bookings are not allowed for course services"
            )
        return spec, slot, True
    if not schedule.get("scheduleId"):
        raise invalid("booking.bookedEntity.schedule.scheduleId", "is required")
    spec = ctx.state.demo.service_by_schedule(str(schedule["scheduleId"]))
    if spec is None or schedule.get("serviceId") not in (None, spec.id):
        raise not_found("SCHEDULE_NOT_FOUND", f"schedule {schedule['scheduleId']} not found")
    if spec.type != "COURSE":
        raise app_error(
            400, "VALIDATION_FAILURE", "Schedule bookings are only supported for course services"
        )
    return spec, schedule, False


def create_booking(ctx: Ctx) -> dict[str, Any]:
    """POST /bookings/v2/bookings → ``{booking}`` with status CREATED and revision "1".

    Refusals carry the statuses of docs/wix-contract.md §6.4 (``create_statuses``).
    """
    try:
        return _create_booking(ctx)
    except WixError as error:
        raise documented(error, legacy="create_booking_statuses" in ctx.legacy) from error


def _create_booking(ctx: Ctx) -> dict[str, Any]:
    body = ctx.request.json
    booking = body.get("booking")
    if not isinstance(booking, dict):
        raise invalid("booking", "is required")
    violations_found = booking_rules.enum_violations(booking)
    if violations_found:
        raise invalid_fields(violations_found)
    flow = (
        body.get("flowControlSettings") if isinstance(body.get("flowControlSettings"), dict) else {}
    )
    if not ctx.admin and (booking.get("status") == "CONFIRMED" or any(flow.values())):
        raise app_error(
            403,
            "UNAUTHORIZED_OPERATION",
            "status CONFIRMED and flowControlSettings need Manage Bookings permission",
        )
    spec, entity, is_slot = _service(ctx, booking.get("bookedEntity") or {})
    skip = bool(flow.get("skipAvailabilityValidation"))
    count = booking_rules.participants(ctx, booking, spec, skip_limit=skip)
    option = str(booking.get("selectedPaymentOption") or "UNDEFINED")
    booking_rules.check_payment_option(
        spec, option, bool(flow.get("skipSelectedPaymentOptionValidation"))
    )
    booking_rules.check_deposit(spec, option, booking)
    answers = demo_forms.check_submission(ctx, spec, body)
    contact = booking_rules.contact(ctx, booking, answers)
    if not is_slot:
        place = _course(ctx, spec, count, skip)
    elif spec.type == "CLASS":
        place = _class(ctx, spec, entity, count, skip)
    else:
        place = _appointment(ctx, spec, entity, skip, booking_rules.chosen_minutes(spec, booking))
    doc = booking_docs.booking_doc(ctx, spec, place, booking, contact, count, option, is_slot)
    demo_forms.store_submission(ctx, spec, doc, answers)
    record = BookingRecord(
        doc=doc,
        service=spec,
        start=place.start,
        end=place.end,
        participants=count,
        staff=place.staff if spec.type == "APPOINTMENT" else None,
        location=place.location,
        event_id=place.event_id,
        visitor_id=ctx.visitor_id,
        skip_availability=skip,
        skip_business_confirmation=bool(flow.get("skipBusinessConfirmation")),
    )
    ctx.state.bookings[record.id] = record
    return {"booking": doc}
