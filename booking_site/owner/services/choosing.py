"""Owner mode, choosing: which service and time a staff member books for a customer.

Staff may pick an offered slot, or type any start time on a day (Create Booking then skips
Wix's availability check: ``rules``). Everything here is recomputed on the server from Wix's
catalogue; the browser only sends keys, times and counts.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone as dj_timezone

from booking_site.errors import BookingError
from booking_site.services import variant_choices
from booking_site.services.availability import (
    SlotChoice,
    SlotFilter,
    business_zone,
    choices,
    find_choice,
    month_slots,
)
from booking_site.services.catalogue import list_services
from booking_site.services.chosen_slot import chosen_from
from booking_site.session import ChosenSlot
from booking_site.wix import Service, Variant

OWNER_SERVICE_TYPES = ("APPOINTMENT", "CLASS")
DEFAULT_DURATION_MINUTES = 60


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
    # The service's duration variants as (minutes, price text) and the one chosen (§21.3).
    duration_choices: tuple[Variant, ...] = ()

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


def owner_day(service: Service, day: date | None, minutes: int | None = None) -> OwnerDay:
    """The offered slots of ``service`` on ``day`` (default today), in the business's zone.

    ``minutes``: the chosen duration variant (``variant_choices.chosen_duration``).
    """
    variant_choices.check_bookable(service)
    zone = business_zone(service)
    day = day or dj_timezone.now().astimezone(zone).date()
    wanted = SlotFilter(duration_minutes=minutes)
    offered = [
        choice
        for choice in choices(month_slots(service, day, minutes), display_zone=zone, filters=wanted)
        if choice.day == day
    ]
    options = variant_choices.duration_options(service)
    return OwnerDay(service, day, zone, offered, minutes or duration_of(service), options)


def offered_slot(service: Service, key: str, minutes: int | None = None) -> ChosenSlot:
    """The offered slot behind a submitted key, re-derived from Wix (``slot_not_found``).

    An "any staff" appointment slot is pinned to its first free staff member: skipping the
    availability check (for a participant override) needs a specific resource (§6.4).
    """
    choice = find_choice(service, key, display_zone=business_zone(service), minutes=minutes)
    chosen = chosen_from(choice)
    if not chosen.event_id and chosen.staff_id is None and choice.slot.resources:
        first = choice.slot.resources[0]
        chosen = dataclasses.replace(chosen, staff_id=first.id, staff_name=first.name)
    return chosen


def custom_slot(
    service: Service,
    *,
    day: date,
    start: time,
    staff_id: str,
    location_id: str | None,
    minutes: int | None = None,
) -> ChosenSlot:
    """A staff-typed time: ``start`` on ``day`` in the business's zone, for the service's length.

    Raises ``BookingError("slot_not_found")`` for a staff member or location the service does
    not have (Wix needs a specific staff member to skip availability: docs/wix-contract.md §6.4
    ``CAN_NOT_SKIP_AVAILABILITY_VALIDATION_IF_RESOURCE_NOT_PROVIDED``).
    """
    staff = next((s for s in service.staff if s.id == staff_id), None)
    locations = [loc for loc in service.locations if loc.id == location_id] or (
        list(service.locations[:1]) if location_id is None else []
    )
    if staff is None or (service.locations and not locations):
        raise BookingError("slot_not_found")
    begin = datetime.combine(day, start.replace(second=0, microsecond=0))
    end = begin + timedelta(minutes=minutes or duration_of(service))
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
