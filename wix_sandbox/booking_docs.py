"""Builds the Wix Booking object (docs/wix-contract.md §6.3) and its slot/resource/location
parts."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from . import demo as d
from .context import Ctx
from .demo import ServiceSpec
from .timeutil import local_text, utc_text

if TYPE_CHECKING:
    from .bookings import Placement


SANDBOX_OWNER_ID = d.demo_id("wix-user", "owner")


def dates(ctx: Ctx, start: datetime, end: datetime, tz: Any) -> dict[str, str]:
    # UNCONFIRMED (docs/wix-contract.md §6.3): the echo is UTC like Wix's doc examples, unless the
    # "echo_local_slot_dates" knob asks for the local strings.
    if "echo_local_slot_dates" in ctx.state.misconfigurations:
        return {"startDate": local_text(start, tz), "endDate": local_text(end, tz)}
    return {"startDate": utc_text(start), "endDate": utc_text(end)}


def resource(key: str) -> dict[str, Any]:
    person = next(s for s in d.STAFF if s.key == key)
    return {
        "id": person.id,
        "name": person.name,
        "email": person.email,
        "scheduleId": d.demo_id("staff-schedule", key),
        "type": d.STAFF_RESOURCE_TYPE_ID,
    }


def location(ctx: Ctx, key: str, loc_type: str | None = None) -> dict[str, Any]:
    loc = ctx.state.demo.locations[key]
    return {
        "id": loc.id,
        "name": loc.name,
        "formattedAddress": loc.formatted_address,
        "locationType": loc_type or "OWNER_BUSINESS",
    }


def booking_doc(
    ctx: Ctx,
    spec: ServiceSpec,
    place: Placement,
    booking: dict[str, Any],
    contact: dict[str, Any],
    count: int,
    option: str,
    is_slot: bool,
) -> dict[str, Any]:
    stamp = utc_text(ctx.now)
    tag = {"APPOINTMENT": "INDIVIDUAL", "CLASS": "GROUP", "COURSE": "COURSE"}[spec.type]
    status = "CONFIRMED" if ctx.admin and booking.get("status") == "CONFIRMED" else "CREATED"
    doc: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "bookedEntity": {
            "slot" if is_slot else "schedule": place.entity,
            "title": spec.name,
            "tags": [tag],
        },
        "contactDetails": contact,
    }
    if booking.get("participantsChoices") is not None:
        doc["participantsChoices"] = booking["participantsChoices"]
    else:
        doc["totalParticipants"] = count
    created_by = (
        {"wixUserId": SANDBOX_OWNER_ID}
        if ctx.admin
        else {"memberId": ctx.member_id}  # a booking made with a member token (§28.3)
        if ctx.member_id
        else {"anonymousVisitorId": ctx.visitor_id}
    )
    doc |= {
        "status": status,
        "paymentStatus": "UNDEFINED",
        "selectedPaymentOption": option,
        "revision": "1",
        "createdDate": stamp,
        "updatedDate": stamp,
        "startDate": utc_text(place.start),
        "endDate": utc_text(place.end),
        "createdBy": created_by,
        "externalUserId": booking.get("externalUserId"),
        "doubleBooked": False,
        "formId": d.DEFAULT_FORM_ID,
        "formSubmissionId": str(uuid.uuid4()),
        "appId": d.BOOKINGS_APP_ID,
        "createdByAppId": d.BOOKINGS_APP_ID,
        "bookedAddOns": [],
        "extendedFields": {"namespaces": {}},
        "bookingSource": {
            "platform": "WEB",
            "actor": "BUSINESS" if ctx.admin else "CUSTOMER",
            "appDefId": d.BOOKINGS_APP_ID,
            "appName": "Wix Bookings",
        },
        "multiServiceBookingInfo": None,
        # As sent for a deposit service paid online (booking_rules.check_deposit validated
        # it); it decides the cart line's DEPOSIT_ONLINE (§19.3).
        "depositSelected": spec.deposit is not None
        and option == "ONLINE"
        and booking.get("depositSelected") is True,
    }
    return doc
