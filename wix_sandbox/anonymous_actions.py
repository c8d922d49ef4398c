"""Anonymous booking actions (docs/wix-contract.md §27): mint a token, read, cancel, reschedule by
token.

Plus the authenticated reschedule (§27.3) the owner uses. Wix's token is opaque and
"encrypted"; the sandbox signs ``bookingId`` and an expiry instead, so a forged or altered
token fails like Wix's ``INVALID_TOKEN`` and tokens survive ``reset()`` without state.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from . import bookings, plans
from .auth import require_admin
from .booking_actions import find, touch
from .catalog import money, service_doc
from .context import Ctx
from .demo import ActionPolicy
from .errors import app_error, invalid, not_found
from .state import BookingRecord
from .timeutil import utc_text

_SECRET = b"wix-sandbox anonymous actions"
# How long a token works is UNCONFIRMED (§27.2); the sandbox keeps it 90 days.
TOKEN_LIFETIME = timedelta(days=90)
OPEN_STATUSES = ("CREATED", "CONFIRMED", "PENDING", "WAITING_LIST")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def mint(booking_id: str, now: datetime) -> str:
    """A URL-safe token for ``booking_id`` (also used by tests to forge an expired one)."""
    body = _b64(
        json.dumps({"b": booking_id, "e": int((now + TOKEN_LIFETIME).timestamp())}).encode()
    )
    signature = _b64(hmac.new(_SECRET, body.encode(), hashlib.sha256).digest())
    return f"{body}.{signature}"


def _record(ctx: Ctx) -> BookingRecord:
    """The booking a path token names, or 401 INVALID_TOKEN / 404 BOOKING_NOT_FOUND."""
    body, _, signature = ctx.params["token"].partition(".")
    expected = _b64(hmac.new(_SECRET, body.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(signature, expected):
        raise _invalid_token("the token is not valid")
    try:
        claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except ValueError as exc:
        raise _invalid_token("the token is not valid") from exc
    if datetime.fromtimestamp(int(claims["e"]), UTC) <= ctx.now:
        raise _invalid_token("the token has expired")
    record = ctx.state.bookings.get(str(claims["b"]))
    if record is None:
        raise not_found("BOOKING_NOT_FOUND", "the booking of this token was not found")
    return record


def _invalid_token(message: str) -> Exception:
    return app_error(401, "INVALID_TOKEN", message)


def _permits(policy: ActionPolicy, record: BookingRecord, now: datetime) -> bool:
    if record.status not in OPEN_STATUSES or now >= record.start or not policy.enabled:
        return False
    if policy.allow_anonymous is False:
        return False
    latest = policy.latest_minutes
    return latest is None or record.start - now >= timedelta(minutes=latest)


def allowed(record: BookingRecord, now: datetime) -> dict[str, bool]:
    """``allowedAnonymousActions``: the policies applied now; courses never reschedule."""
    spec = record.service
    return {
        "cancel": _permits(spec.cancellation, record, now),
        "reschedule": spec.type != "COURSE" and _permits(spec.reschedule, record, now),
    }


def _fee_due(record: BookingRecord, now: datetime) -> bool:
    """Whether cancelling now costs the service's fee (inside its window before the start)."""
    spec = record.service
    window = timedelta(minutes=spec.fee_window_minutes)
    return spec.cancellation_fee is not None and record.start - now <= window


def _fee(record: BookingRecord, now: datetime) -> dict[str, Any] | None:
    fee = record.service.cancellation_fee
    if fee is None or not (record.fee_applied or _fee_due(record, now)):
        return None
    status = "APPLIED_TO_ORDER" if record.fee_applied else "PREVIEW"
    return {
        "id": f"fee-{record.id}",
        "bookingId": record.id,
        "cancellationFee": {
            "price": {"value": f"{fee:.2f}", "currency": money(fee)["currency"]},
            "status": status,
            "trigger": "BOOKING_CANCELED",
        },
        "policyDetails": {
            "id": f"fee-policy-{record.service.key}",
            "description": f"Cancelling costs {money(fee)['formattedValue']}.",
        },
    }


def get_token(ctx: Ctx) -> dict[str, Any]:
    """GET /v1/anonymous-bookings/{bookingId}/token: API key only, as documented (§27.1).

    With the ``visitor_action_tokens`` knob the visitor who created the booking may mint it
    too, as Wix's headless recipe does (UNCONFIRMED, §1.4); anyone else still gets 403.
    """
    record = ctx.state.bookings.get(ctx.params["bookingId"])
    if not ctx.admin:
        if "visitor_action_tokens" not in ctx.state.misconfigurations:
            require_admin(ctx)
        if record is not None and record.visitor_id != ctx.visitor_id:
            require_admin(ctx)
    if record is None:
        raise not_found("BOOKING_NOT_FOUND", f"booking {ctx.params['bookingId']} not found")
    return {"token": mint(record.id, ctx.now)}


def get_booking(ctx: Ctx) -> dict[str, Any]:
    """GET /v1/anonymous-bookings/{token}[?fields=BOOKING_FEES]."""
    record = _record(ctx)
    answer: dict[str, Any] = {
        "booking": copy.deepcopy(record.doc),
        "allowedAnonymousActions": allowed(record, ctx.now),
    }
    fee = _fee(record, ctx.now)
    if "BOOKING_FEES" in ctx.request.query.get("fields", []) and fee is not None:
        answer["bookingFee"] = fee
    return answer


def get_service(ctx: Ctx) -> dict[str, Any]:
    """GET /v1/anonymous-bookings/{token}/service."""
    record = _record(ctx)
    return {"service": service_doc(ctx.state, record.service)}


def _revision(body: dict[str, Any], record: BookingRecord) -> None:
    if body.get("revision") is None:
        raise invalid("revision", "is required")
    if str(body["revision"]) != record.doc["revision"]:
        raise app_error(
            409,
            "REVISION_MISMATCH",
            f"revision {body['revision']} is stale",
            {"currentRevision": record.doc["revision"]},
        )


def cancel(ctx: Ctx) -> dict[str, Any]:
    """POST /v1/anonymous-bookings/{token}/cancel ``{revision}``; the fee applies if any."""
    record, body = _record(ctx), ctx.request.json
    if not allowed(record, ctx.now)["cancel"]:
        # The status is UNCONFIRMED (§27.1); 428 is Wix's "failed precondition".
        raise app_error(428, "BOOKING_CANNOT_BE_CANCELLED", "the booking cannot be cancelled")
    _revision(body, record)
    record.fee_applied = _fee_due(record, ctx.now)
    touch(record, ctx.now, status="CANCELED", canceledDate=utc_text(ctx.now))
    plans.give_back(ctx.state, record.id)  # a plan-paid session goes back into the plan
    return {"booking": copy.deepcopy(record.doc)}


def _move(ctx: Ctx, record: BookingRecord, slot: Any, *, skip: bool) -> None:
    """Validate ``slot`` like Create Booking (§24) and move the booking there."""
    if not isinstance(slot, dict):
        raise invalid("slot", "is required")
    spec = record.service
    if spec.type == "COURSE":
        raise app_error(428, "RESCHEDULING_NOT_ALLOWED", "courses cannot be rescheduled")
    given = slot.get("serviceId")
    if given not in (None, spec.id):
        raise app_error(400, "VALIDATION_FAILURE", "the slot belongs to another service")
    # The booking's own place must not block its move (an hour later overlaps itself).
    del ctx.state.bookings[record.id]
    try:
        if spec.type == "CLASS":
            place = bookings._class(ctx, spec, slot, record.participants, skip)
        else:
            place = bookings._appointment(ctx, spec, {**slot, "serviceId": spec.id}, skip)
    finally:
        ctx.state.bookings[record.id] = record
    record.start, record.end, record.location = place.start, place.end, place.location
    record.staff = place.staff if spec.type == "APPOINTMENT" else None
    record.event_id = place.event_id
    entity = copy.deepcopy(record.doc["bookedEntity"])
    entity["slot"] = place.entity
    touch(
        record,
        ctx.now,
        bookedEntity=entity,
        startDate=utc_text(place.start),
        endDate=utc_text(place.end),
    )


def reschedule(ctx: Ctx) -> dict[str, Any]:
    """POST /v1/anonymous-bookings/{token}/reschedule ``{slot, revision}``."""
    record, body = _record(ctx), ctx.request.json
    if not allowed(record, ctx.now)["reschedule"]:
        raise app_error(428, "RESCHEDULING_NOT_ALLOWED", "the booking cannot be rescheduled")
    _revision(body, record)
    _move(ctx, record, body.get("slot"), skip=False)
    return {"booking": copy.deepcopy(record.doc)}


def reschedule_booking(ctx: Ctx) -> dict[str, Any]:
    """POST /bookings/v2/bookings/{bookingId}/reschedule (API key; §27.3 overrides)."""
    require_admin(ctx)
    record, body = find(ctx), ctx.request.json
    flow = body.get("flowControlSettings") or {}
    if record.status not in OPEN_STATUSES:
        raise app_error(428, "BOOKING_POLICY_VIOLATION", f"a {record.status} booking cannot move")
    if not flow.get("ignoreReschedulePolicy") and not allowed(record, ctx.now)["reschedule"]:
        raise app_error(428, "BOOKING_POLICY_VIOLATION", "the reschedule policy forbids it")
    _revision(body, record)
    _move(ctx, record, body.get("slot"), skip=bool(flow.get("skipAvailabilityValidation")))
    return {"booking": copy.deepcopy(record.doc)}
