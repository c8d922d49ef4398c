"""Owner mode, choosing: what a staff member books for a customer, and which rules it overrides.

Staff may pick an offered slot, or type any start time on a day (Create Booking then skips
Wix's availability check, which needs the API key: wix-api.md §6.2 ``flowControlSettings``),
and may book more participants than the online limit. Everything here is recomputed on the
server from Wix's catalogue; the browser only sends keys, times and counts.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone as dj_timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from booking_site.errors import BookingError
from booking_site.owner_session import OwnerDraft
from booking_site.services.availability import (
    SlotChoice,
    SlotFilter,
    business_zone,
    choices,
    find_choice,
    month_slots,
)
from booking_site.services.catalogue import list_services
from booking_site.services.chosen_slot import chosen_from, spots_left_for
from booking_site.services.pricing import Quote, quote
from booking_site.services.wix_errors import wix_errors
from booking_site.session import ChosenSlot, Contact
from booking_site.wix import RateType, Service, get_client

logger = logging.getLogger("booking_site.owner")

# Staff may book more people than customers can online, up to this many per booking.
OWNER_MAX_PARTICIPANTS = 20
OWNER_SERVICE_TYPES = ("APPOINTMENT", "CLASS")
DEFAULT_DURATION_MINUTES = 60


def owner_mode_ready() -> bool:
    """Whether owner bookings can be made: they all need the API key (wix-api.md §1.4, §7)."""
    return get_client().has_api_key


def require_api_key() -> None:
    """Raise ``BookingError("owner_needs_api_key")`` unless the API key is configured."""
    if not owner_mode_ready():
        raise BookingError("owner_needs_api_key")


def log_action(
    action: str, *, staff: str, booking_id: str | None, ref: str, **extra: object
) -> None:
    """One audit line per owner action: who did what to which Wix booking."""
    logger.info(
        "owner action",
        extra={"action": action, "staff": staff, "booking_id": booking_id, "ref": ref, **extra},
    )


def bookable_services() -> list[Service]:
    """Appointments and classes staff can book for a customer, in the catalogue's order.

    Raises ``BookingError`` when Wix is down and nothing is cached.
    """
    return [
        service
        for group in list_services()
        for service in group.services
        if service.type in OWNER_SERVICE_TYPES
    ]


def owner_service(slug: str) -> Service:
    """The service behind ``slug``; ``service_not_found`` for unknown or course services."""
    for service in bookable_services():
        if service.slug == slug or slug in service.supported_slugs:
            return service
    raise BookingError("service_not_found")


@dataclass(frozen=True)
class OwnerDay:
    """One day of a service for staff: the offered slots and what a custom time needs."""

    service: Service
    day: date
    zone: ZoneInfo
    offered: list[SlotChoice]
    duration_minutes: int

    @property
    def previous_day(self) -> date:
        return self.day - timedelta(days=1)

    @property
    def next_day(self) -> date:
        return self.day + timedelta(days=1)

    @property
    def allows_custom_time(self) -> bool:
        # A class session is a calendar event: a booking names it, it cannot invent a time.
        return self.service.type == "APPOINTMENT" and bool(self.service.staff)


def duration_of(service: Service) -> int:
    """The service's (first) duration in minutes; custom times last this long."""
    return service.durations_minutes[0] if service.durations_minutes else DEFAULT_DURATION_MINUTES


def owner_day(service: Service, day: date | None) -> OwnerDay:
    """The offered slots of ``service`` on ``day`` (default today), in the business's zone."""
    zone = business_zone(service)
    day = day or dj_timezone.now().astimezone(zone).date()
    offered = [
        choice
        for choice in choices(month_slots(service, day), display_zone=zone, filters=SlotFilter())
        if choice.day == day
    ]
    return OwnerDay(service, day, zone, offered, duration_of(service))


def offered_slot(service: Service, key: str) -> ChosenSlot:
    """The offered slot behind a submitted key, re-derived from Wix (``slot_not_found``).

    An "any staff" appointment slot is pinned to its first free staff member: skipping the
    availability check (for a participant override) needs a specific resource (§6.4).
    """
    choice = find_choice(service, key, display_zone=business_zone(service))
    chosen = chosen_from(choice)
    if not chosen.event_id and chosen.staff_id is None and choice.slot.resources:
        first = choice.slot.resources[0]
        chosen = dataclasses.replace(chosen, staff_id=first.id, staff_name=first.name)
    return chosen


def custom_slot(
    service: Service, *, day: date, start: time, staff_id: str, location_id: str | None
) -> ChosenSlot:
    """A staff-typed time: ``start`` on ``day`` in the business's zone, for the service's length.

    Raises ``BookingError("slot_not_found")`` for a staff member or location the service does
    not have (Wix needs a specific staff member to skip availability: wix-api.md §6.4
    ``CAN_NOT_SKIP_AVAILABILITY_VALIDATION_IF_RESOURCE_NOT_PROVIDED``).
    """
    staff = next((s for s in service.staff if s.id == staff_id), None)
    locations = [loc for loc in service.locations if loc.id == location_id] or (
        list(service.locations[:1]) if location_id is None else []
    )
    if staff is None or (service.locations and not locations):
        raise BookingError("slot_not_found")
    begin = datetime.combine(day, start.replace(second=0, microsecond=0))
    end = begin + timedelta(minutes=duration_of(service))
    location = locations[0] if locations else None
    return ChosenSlot(
        service_id=service.id,
        local_start=begin.strftime("%Y-%m-%dT%H:%M:%S"),
        local_end=end.strftime("%Y-%m-%dT%H:%M:%S"),
        time_zone=business_zone(service).key,
        schedule_id=service.schedule_id,
        staff_id=staff.id,
        staff_name=staff.name,
        location_id=location.id if location else None,
        location_type=location.type if location else None,
        location_name=location.name if location else None,
        location_address=location.address if location else None,
    )


def slot_times(chosen: ChosenSlot | None) -> tuple[datetime | None, datetime | None]:
    """The chosen slot's start and end, aware in its (business) zone, for display."""
    if chosen is None:
        return None, None
    zone = ZoneInfo(chosen.time_zone)
    return (
        datetime.fromisoformat(chosen.local_start).replace(tzinfo=zone),
        datetime.fromisoformat(chosen.local_end).replace(tzinfo=zone),
    )


def online_limit(service: Service) -> int:
    """How many participants a customer may book online (the service's booking policy)."""
    return max(1, service.policy.max_participants_per_booking)


def owner_quote(service: Service, participants: int) -> Quote:
    """The server-side price for ``participants``, allowing up to the owner limit."""
    wider = dataclasses.replace(
        service,
        policy=dataclasses.replace(
            service.policy, max_participants_per_booking=OWNER_MAX_PARTICIPANTS
        ),
    )
    return quote(wider, participants=participants)


def places_left(draft: OwnerDraft, service: Service) -> int | None:
    """Places left in the chosen class session (None for appointments or when unknown)."""
    if draft.slot is None or not draft.slot.event_id:
        return None
    return spots_left_for(service, draft.slot)


def skips_availability(draft: OwnerDraft, service: Service) -> bool:
    """Whether Create Booking must skip Wix's availability check for this draft."""
    count = draft.participants or 1
    left = places_left(draft, service)
    return draft.custom_time or count > online_limit(service) or (left is not None and count > left)


def overrides(draft: OwnerDraft, service: Service) -> list[str]:
    """The online rules this booking overrides, in plain words for the review and result."""
    found: list[str] = []
    count = draft.participants or 1
    if draft.custom_time and draft.slot is not None:
        when = date_format(datetime.fromisoformat(draft.slot.local_start), "DATETIME_FORMAT")
        found.append(
            _(
                "Availability check skipped: %(when)s was entered by hand and may already be "
                "booked or outside working hours — Wix will flag a double booking."
            )
            % {"when": when}
        )
    elif skips_availability(draft, service):
        found.append(
            _(
                "Availability check skipped so that the participant count is accepted: this "
                "may overbook the time — Wix will flag a double booking."
            )
        )
    if count > online_limit(service):
        found.append(
            _("%(count)s participants: more than the online limit of %(limit)s.")
            % {"count": count, "limit": online_limit(service)}
        )
    left = places_left(draft, service)
    if left is not None and count > left:
        found.append(
            _(
                "%(count)s participants but only %(left)s places left: the session will be "
                "over capacity."
            )
            % {"count": count, "left": left}
        )
    return found


def payment_methods(service: Service, the_quote: Quote) -> tuple[str, ...]:
    """How staff may settle this booking ("link", "paid", "venue", "free"): only the ones that
    can work, in the order offered (``presentation.owner`` words them).

    A payment link needs an amount Wix can charge online; recording a payment taken outside
    Wix needs an amount for the order (§11); paying at the venue needs a price to owe.
    """
    amount = the_quote.total.amount if the_quote.total else None
    methods = []
    if amount and service.payment.online:
        methods.append("link")
    if amount:
        methods.append("paid")
    if not the_quote.free:
        methods.append("venue")
    methods.append("free")
    return tuple(methods)


def payment_option_for(method: str, service: Service) -> str:
    """The booking's ``selectedPaymentOption`` for a staff payment method (wix-api.md §6.2).

    Only the payment link goes through Wix's checkout, so only it needs ONLINE; the others are
    OFFLINE where the service allows it (Wix rejects OFFLINE otherwise) and ONLINE elsewhere.
    """
    if method == "link":
        return "ONLINE"
    if service.payment.in_person or service.payment.rate_type == RateType.NO_FEE:
        return "OFFLINE"
    return "ONLINE"


@dataclass(frozen=True)
class KnownCustomer:
    """Contact details from one of the site's recent bookings."""

    first_name: str
    last_name: str
    email: str
    phone: str
    last_booking: str | None

    def as_contact(self) -> Contact:
        return Contact(self.first_name, self.last_name, self.email, self.phone)


def find_customers(email: str, *, limit: int = 5) -> list[KnownCustomer]:
    """Distinct contact details booked under ``email``, most recent first (API key only).

    Raises ``BookingError`` (``owner_needs_api_key``, ``temporarily_unavailable`` …).
    """
    require_api_key()
    with wix_errors():
        found = get_client().extended_bookings.query(email=email.strip(), limit=20)
    people: list[KnownCustomer] = []
    seen: set[tuple[str, str, str, str]] = set()
    for item in found:
        contact = item.booking.contact
        key = (
            contact.first_name,
            contact.last_name or "",
            contact.email or "",
            contact.phone or "",
        )
        if not key[2] or key in seen:
            continue
        seen.add(key)
        people.append(KnownCustomer(*key, last_booking=item.booking.title))
    return people[:limit]
