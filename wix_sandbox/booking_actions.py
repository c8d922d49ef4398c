"""Booking state changes (docs/wix-contract.md §7) and Query Extended Bookings (§8)."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import Any

from . import plans
from .auth import require_admin
from .availability import candidates
from .booking_docs import resource
from .context import Ctx
from .errors import app_error, invalid, not_found
from .query import (
    cursor_limit,
    cursor_page,
    matches,
    offset_page,
    resolve_cursor_request,
    sort_docs,
)
from .state import BLOCKING_STATUSES, BookingRecord, State
from .timeutil import utc_text

PAYMENT_STATUSES = (
    "UNDEFINED",
    "NOT_PAID",
    "PAID",
    "PARTIALLY_PAID",
    "REFUNDED",
    "EXEMPT",
    "FAILED",
)
OPEN_STATUSES = ("CREATED", "PENDING", "WAITING_LIST")
UNPAID = ("UNDEFINED", "NOT_PAID", "REFUNDED", "EXEMPT")


def find(ctx: Ctx) -> BookingRecord:
    record = ctx.state.bookings.get(ctx.params["bookingId"])
    if record is None:
        raise not_found("BOOKING_NOT_FOUND", f"booking {ctx.params['bookingId']} not found")
    return record


def touch(record: BookingRecord, now: datetime, **changes: Any) -> None:
    """Apply changes; every change increments the (string) revision."""
    record.doc.update(changes)
    record.doc["revision"] = str(int(record.doc["revision"]) + 1)
    record.doc["updatedDate"] = utc_text(now)


def _revision(body: dict[str, Any], record: BookingRecord, *, required: bool) -> None:
    given = body.get("revision")
    if given is None:
        if required:
            raise invalid("revision", "is required")
        return
    if str(given) != record.doc["revision"]:
        # UNCONFIRMED code (docs/wix-contract.md §7): 409 is Wix's convention for revision
        # conflicts.
        raise app_error(
            409,
            "REVISION_MISMATCH",
            f"revision {given} is stale; the current revision is {record.doc['revision']}",
            {"currentRevision": record.doc["revision"]},
        )


def _payment_status(body: dict[str, Any], record: BookingRecord) -> str:
    value = body.get("paymentStatus")
    if value is None:
        return str(record.doc["paymentStatus"])
    if value not in PAYMENT_STATUSES:
        raise invalid("paymentStatus", f"enum must be in [{', '.join(PAYMENT_STATUSES)}]")
    return str(value)


def _require_status(record: BookingRecord, allowed: tuple[str, ...]) -> None:
    if record.status not in allowed:
        raise app_error(
            428,
            "INVALID_BOOKING_STATUS",
            f"booking status {record.status} does not allow this action",
            {"currentBookingStatus": record.status},
        )


def has_conflict(state: State, record: BookingRecord) -> bool:
    """Whether confirming ``record`` would double-book (others CONFIRMED/PENDING only)."""
    others = [
        r
        for r in state.bookings.values()
        if r.id != record.id
        and r.status in BLOCKING_STATUSES
        and r.service.type == record.service.type
    ]
    if record.service.type == "APPOINTMENT":
        return any(
            r.staff == record.staff and r.start < record.end and record.start < r.end
            for r in others
        )
    if record.service.type == "CLASS":
        taken = sum(r.participants for r in others if r.event_id == record.event_id)
    else:
        taken = sum(r.participants for r in others if r.service.id == record.service.id)
    return taken + record.participants > record.service.capacity


def assign_any_staff(state: State, record: BookingRecord, now: datetime) -> bool:
    """Give an "any staff" appointment a free staff member, as Wix does at confirmation.

    Returns False when nobody is free for its time (the booking stays without a resource and
    counts as a double booking). ``docs/wix-contract.md`` §24: "a random available resource
    will be assigned to the slot upon confirmation"; the sandbox takes the first, to be
    repeatable.
    """
    free = [
        c
        for c in candidates(
            state,
            record.service,
            record.start,
            record.start + timedelta(seconds=1),
            now,
            locations={record.location} if record.location else None,
            exclude_booking=record.id,
        )
        if c.end == record.end
    ]
    if not free:
        return False
    record.staff = free[0].staff[0]
    record.doc["bookedEntity"]["slot"]["resource"] = resource(record.staff)
    return True


def confirm_or_decline(state: State, record: BookingRecord, payment: str, now: datetime) -> None:
    """Wix's rule (§7.1): decline an unpaid double booking, else PENDING or CONFIRMED.

    An "any staff" appointment gets its staff member here (§24); when nobody is free it is a
    double booking like any other.
    """
    unassigned = record.service.type == "APPOINTMENT" and record.staff is None
    if unassigned:
        conflict = not assign_any_staff(state, record, now)
    else:
        conflict = has_conflict(state, record)
    if conflict and payment in UNPAID and not record.skip_availability:
        touch(record, now, status="DECLINED", paymentStatus=payment)
        return
    manual = record.service.manual_approval and not record.skip_business_confirmation
    touch(
        record,
        now,
        status="PENDING" if manual else "CONFIRMED",
        paymentStatus=payment,
        doubleBooked=conflict,
    )


def confirm_or_decline_booking(ctx: Ctx) -> dict[str, Any]:
    """POST /bookings/v2/confirmation/{bookingId}:confirmOrDecline (no revision)."""
    require_admin(ctx)
    record = find(ctx)
    if record.status in ("CONFIRMED", "PENDING"):
        raise app_error(
            428,
            "BOOKING_STATUS_ALREADY_SET",
            f"Booking.status is already set to {record.status}",
            {"currentBookingStatus": record.status},
        )
    _require_status(record, ("CREATED", "WAITING_LIST"))
    confirm_or_decline(ctx.state, record, _payment_status(ctx.request.json, record), ctx.now)
    return {"booking": copy.deepcopy(record.doc)}


def confirm_booking(ctx: Ctx) -> dict[str, Any]:
    """POST /bookings/v2/bookings/{bookingId}/confirm: no availability re-check."""
    require_admin(ctx)
    record, body = find(ctx), ctx.request.json
    _revision(body, record, required=False)
    _require_status(record, OPEN_STATUSES)
    touch(
        record,
        ctx.now,
        status="CONFIRMED",
        paymentStatus=_payment_status(body, record),
        doubleBooked=bool(body.get("doubleBooked", record.doc["doubleBooked"])),
    )
    return {"booking": copy.deepcopy(record.doc)}


def decline_booking(ctx: Ctx) -> dict[str, Any]:
    """POST /bookings/v2/bookings/{bookingId}/decline."""
    require_admin(ctx)
    record, body = find(ctx), ctx.request.json
    _revision(body, record, required=False)
    _require_status(record, OPEN_STATUSES)
    touch(record, ctx.now, status="DECLINED", paymentStatus=_payment_status(body, record))
    return {"booking": copy.deepcopy(record.doc)}


def cancel_booking(ctx: Ctx) -> dict[str, Any]:
    """POST /bookings/v2/bookings/{bookingId}/cancel: ``revision`` required (409 if stale)."""
    require_admin(ctx)
    record, body = find(ctx), ctx.request.json
    _revision(body, record, required=True)
    _require_status(record, ("CREATED", "CONFIRMED", "PENDING", "WAITING_LIST"))
    touch(record, ctx.now, status="CANCELED", canceledDate=utc_text(ctx.now))
    plans.give_back(ctx.state, record.id)  # a plan-paid session goes back into the plan
    return {"booking": copy.deepcopy(record.doc)}


def mark_pending(ctx: Ctx) -> dict[str, Any]:
    """POST …/{bookingId}/mark_booking_as_pending: CREATED → PENDING for manual approval."""
    require_admin(ctx)
    record, body = find(ctx), ctx.request.json
    _revision(body, record, required=False)
    _require_status(record, ("CREATED",))
    flow = body.get("flowControlSettings") or {}
    if not record.service.manual_approval and not flow.get("skipPendingApprovalServiceValidation"):
        raise app_error(400, "VALIDATION_FAILURE", "the service does not require manual approval")
    touch(record, ctx.now, status="PENDING", paymentStatus=_payment_status(body, record))
    return {"booking": copy.deepcopy(record.doc)}


def _filter_view(record: BookingRecord) -> dict[str, Any]:
    """The booking as the filter sees it: ``bookedEntity.item.*`` paths (§8)."""
    doc = record.doc
    entity = doc["bookedEntity"]
    item = {k: entity[k] for k in ("slot", "schedule") if k in entity}
    return {
        **doc,
        "bookedEntity": {**entity, "item": item},
        "createdBy": {"contactId": doc["contactDetails"].get("contactId"), "id": doc["createdBy"]},
        "participantsInfo": {"type": {"totalParticipants": {"value": record.participants}}},
    }


def _extended(record: BookingRecord, body: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {"booking": copy.deepcopy(record.doc)}
    if body.get("withBookingAllowedActions"):
        open_ = record.status in ("CREATED", "CONFIRMED", "PENDING", "WAITING_LIST")
        item["allowedActions"] = {"cancel": open_, "reschedule": open_}
    if body.get("withBookingAttendanceInfo"):
        item["attendance"] = {
            "id": record.id,
            "status": "NOT_SET",
            "numberOfAttendees": record.participants,
        }
    if body.get("withBookingPolicySettings"):
        item["bookingPolicySettings"] = {
            "maxParticipantsPerBooking": record.service.max_participants
        }
    return item


def query_extended_bookings(ctx: Ctx) -> dict[str, Any]:
    """POST …/extended-bookings/query: API key only; paging ≤100 per page, default 50."""
    require_admin(ctx)
    body = ctx.request.json
    query, offset = resolve_cursor_request(body.get("query") or {})
    views = [(_filter_view(r), r) for r in ctx.state.bookings.values()]
    kept = [pair for pair in views if matches(query.get("filter") or {}, pair[0])]
    # UNCONFIRMED default order (docs/wix-contract.md §8): createdDate DESC, like the SDK doc.
    order = sort_docs(
        [v for v, _ in kept], query.get("sort"), [{"fieldName": "createdDate", "order": "DESC"}]
    )
    by_id = {v["id"]: r for v, r in kept}
    records = [by_id[v["id"]] for v in order]
    # PagingMetadataV2 (docs/wix-contract.md §23): count, offset, total with offset paging, cursors
    # with cursor paging, and no ``hasNext`` (only the Time Slots metadata has one).
    if "paging" in query and "cursorPaging" not in query:
        limit, offset = offset_page(query, 100, 50)
        page = records[offset : offset + limit]
        meta = {"count": len(page), "offset": offset, "total": len(records)}
    else:
        limit = cursor_limit(query, 100, 50)
        page, cursor_meta = cursor_page(records, query, offset, limit)
        meta = {"count": len(page), "offset": offset, "cursors": cursor_meta["cursors"]}
    meta["tooManyToCount"] = False
    return {"extendedBookings": [_extended(r, body) for r in page], "pagingMetadata": meta}


def count_extended_bookings(ctx: Ctx) -> dict[str, Any]:
    """POST …/extended-bookings/count."""
    require_admin(ctx)
    filter_ = ctx.request.json.get("filter") or {}
    return {
        "count": sum(1 for r in ctx.state.bookings.values() if matches(filter_, _filter_view(r)))
    }
