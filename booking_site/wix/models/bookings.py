"""Bookings V2 models: Booking, its contact details, and Extended Bookings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Self

from booking_site.wix.models._parse import (
    obj,
    objs,
    opt_bool,
    opt_datetime,
    opt_int,
    opt_str,
    parse_enum,
    req_str,
    strs,
)
from booking_site.wix.models.slots import SlotResource


class BookingStatus(StrEnum):
    """Lifecycle status of a booking (docs/wix-contract.md §6.3)."""

    CREATED = "CREATED"
    CONFIRMED = "CONFIRMED"
    CANCELED = "CANCELED"
    PENDING = "PENDING"
    DECLINED = "DECLINED"
    WAITING_LIST = "WAITING_LIST"


class PaymentStatus(StrEnum):
    """Payment status of a booking."""

    UNDEFINED = "UNDEFINED"
    NOT_PAID = "NOT_PAID"
    PAID = "PAID"
    PARTIALLY_PAID = "PARTIALLY_PAID"
    REFUNDED = "REFUNDED"
    EXEMPT = "EXEMPT"
    FAILED = "FAILED"


class PaymentOption(StrEnum):
    """``booking.selectedPaymentOption``."""

    UNDEFINED = "UNDEFINED"
    OFFLINE = "OFFLINE"
    ONLINE = "ONLINE"
    MEMBERSHIP = "MEMBERSHIP"
    MEMBERSHIP_OFFLINE = "MEMBERSHIP_OFFLINE"


@dataclass(frozen=True)
class ContactDetails:
    """The customer's contact details on a booking."""

    first_name: str
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    contact_id: str | None = None

    def to_api(self) -> dict[str, str]:
        """The ``contactDetails`` request object (empty fields left out)."""
        fields = {
            "contactId": self.contact_id,
            "firstName": self.first_name,
            "lastName": self.last_name,
            "email": self.email,
            "phone": self.phone,
        }
        return {key: value for key, value in fields.items() if value}

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse ``booking.contactDetails``."""
        return cls(
            first_name=opt_str(payload, "firstName") or "",
            last_name=opt_str(payload, "lastName"),
            email=opt_str(payload, "email"),
            phone=opt_str(payload, "phone"),
            contact_id=opt_str(payload, "contactId"),
        )


@dataclass(frozen=True)
class BookingLocation:
    """A booking's location; ``location_type`` is the booking enum (OWNER_BUSINESS, …)."""

    id: str | None
    name: str | None
    address: str | None
    location_type: str

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse ``bookedEntity.slot.location``."""
        return cls(
            id=opt_str(payload, "id"),
            name=opt_str(payload, "name"),
            address=opt_str(payload, "formattedAddress"),
            location_type=opt_str(payload, "locationType") or "UNDEFINED",
        )


@dataclass(frozen=True)
class Booking:
    """A Wix booking; ``revision`` must be sent back on confirm/decline/cancel."""

    id: str
    status: BookingStatus | str
    payment_status: PaymentStatus | str
    revision: str
    service_id: str | None
    schedule_id: str | None
    event_id: str | None
    title: str | None
    start: datetime | None
    end: datetime | None
    slot_local_start: str | None
    slot_local_end: str | None
    timezone: str | None
    resource: SlotResource | None
    location: BookingLocation | None
    contact: ContactDetails
    total_participants: int
    selected_payment_option: PaymentOption | str
    external_user_id: str | None
    double_booked: bool
    created_date: datetime | None
    tags: tuple[str, ...]

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse a Bookings V2 ``booking`` object; the id is required."""
        entity = obj(payload.get("bookedEntity"))
        slot, schedule = obj(entity.get("slot")), obj(entity.get("schedule"))
        item = slot or schedule
        resource, location = obj(slot.get("resource")), slot.get("location")
        revision = payload.get("revision")
        return cls(
            id=req_str(payload, "id", "Booking"),
            status=parse_enum(BookingStatus, payload.get("status"), "UNKNOWN"),
            payment_status=parse_enum(PaymentStatus, payload.get("paymentStatus"), "UNDEFINED"),
            # int64 travels as a JSON string; keep it a string so it round-trips exactly.
            revision=str(revision) if isinstance(revision, str | int) else "",
            service_id=opt_str(item, "serviceId"),
            schedule_id=opt_str(item, "scheduleId"),
            event_id=opt_str(slot, "eventId"),
            title=opt_str(entity, "title"),
            start=opt_datetime(payload, "startDate"),
            end=opt_datetime(payload, "endDate"),
            slot_local_start=opt_str(slot, "startDate"),
            slot_local_end=opt_str(slot, "endDate"),
            timezone=opt_str(item, "timezone"),
            resource=SlotResource.from_api(resource) if opt_str(resource, "id") else None,
            location=BookingLocation.from_api(location) if isinstance(location, Mapping) else None,
            contact=ContactDetails.from_api(obj(payload.get("contactDetails"))),
            total_participants=_participants(payload),
            selected_payment_option=parse_enum(
                PaymentOption, payload.get("selectedPaymentOption"), "UNDEFINED"
            ),
            external_user_id=opt_str(payload, "externalUserId"),
            double_booked=opt_bool(payload, "doubleBooked"),
            created_date=opt_datetime(payload, "createdDate"),
            tags=strs(entity.get("tags")),
        )


def _participants(payload: Mapping[str, Any]) -> int:
    total = opt_int(payload, "totalParticipants")
    if total:
        return total
    choices = objs(obj(payload.get("participantsChoices")).get("serviceChoices"))
    summed = sum(opt_int(choice, "numberOfParticipants") or 0 for choice in choices)
    return summed or opt_int(payload, "numberOfParticipants") or 1


@dataclass(frozen=True)
class ExtendedBooking:
    """A booking from Query Extended Bookings, with attendance when it was requested."""

    booking: Booking
    attendees: int | None = None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse one ``extendedBookings`` entry."""
        attendance = payload.get("attendance")
        return cls(
            booking=Booking.from_api(obj(payload.get("booking"))),
            attendees=(
                opt_int(attendance, "numberOfAttendees")
                if isinstance(attendance, Mapping)
                else None
            ),
        )
