"""Time Slots V2 models: appointment and class slots with verbatim local times."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Self
from zoneinfo import ZoneInfo

from booking_site.wix.constants import STAFF_RESOURCE_TYPE_ID
from booking_site.wix.errors import WixResponseError
from booking_site.wix.models._parse import (
    obj,
    objs,
    opt_bool,
    opt_datetime,
    opt_int,
    opt_str,
    req_str,
)

# Time slots use BUSINESS/CUSTOM/CUSTOMER; Create Booking wants its own enum
# (docs/wix-contract.md §4.6). CUSTOMER has no documented mapping; Wix's own skills code maps it to
# CUSTOM.
_BOOKING_LOCATION_TYPES = {
    "BUSINESS": "OWNER_BUSINESS",
    "CUSTOM": "OWNER_CUSTOM",
    "CUSTOMER": "CUSTOM",
}


@dataclass(frozen=True)
class SlotLocation:
    """Where a slot takes place, in the time-slot location enum."""

    id: str | None
    name: str | None
    address: str | None
    type: str = "BUSINESS"

    @property
    def booking_location_type(self) -> str:
        """The Create Booking enum value for this location type."""
        return _BOOKING_LOCATION_TYPES.get(self.type, self.type)

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse a slot ``location`` object."""
        return cls(
            id=opt_str(payload, "id"),
            name=opt_str(payload, "name"),
            address=opt_str(payload, "formattedAddress"),
            type=opt_str(payload, "locationType") or "BUSINESS",
        )


@dataclass(frozen=True)
class SlotResource:
    """A resource (usually a staff member) available for, or booked in, a slot."""

    id: str
    name: str | None = None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse ``{id, name}``; the id is required."""
        return cls(id=req_str(payload, "id", "SlotResource"), name=opt_str(payload, "name"))


@dataclass(frozen=True)
class TimeSlot:
    """One bookable (or not) time slot; ``local_start``/``local_end`` are Wix's strings verbatim."""

    service_id: str
    local_start: str
    local_end: str
    time_zone: str
    bookable: bool
    location: SlotLocation | None = None
    schedule_id: str | None = None
    event_id: str | None = None
    event_title: str | None = None
    total_capacity: int | None = None
    remaining_capacity: int | None = None
    bookable_capacity: int | None = None
    too_early: bool = False
    too_late: bool = False
    book_online_disabled: bool = False
    earliest_booking_date: datetime | None = None
    resources: tuple[SlotResource, ...] = ()
    has_more_resources: bool = False

    @property
    def start(self) -> datetime:
        """Aware start in ``time_zone`` (zoneinfo, so DST change days come out right)."""
        return _aware(self.local_start, self.time_zone)

    @property
    def end(self) -> datetime:
        """Aware end in ``time_zone``."""
        return _aware(self.local_end, self.time_zone)

    @property
    def duration(self) -> timedelta:
        """Elapsed time, computed in UTC: subtracting same-zone datetimes ignores a DST shift."""
        return self.end.astimezone(UTC) - self.start.astimezone(UTC)

    @classmethod
    def from_api(cls, payload: Mapping[str, Any], *, time_zone: str) -> Self:
        """Parse a TimeSlot; ``time_zone`` is the response's ``timeZone`` the local times use."""
        violations = obj(payload.get("bookingPolicyViolations"))
        event = obj(payload.get("eventInfo"))
        location = payload.get("location")
        resources, has_more = _staff_resources(payload.get("availableResources"))
        local_start = _local(payload, "localStartDate")
        local_end = _local(payload, "localEndDate")
        return cls(
            service_id=req_str(payload, "serviceId", "TimeSlot"),
            local_start=local_start,
            local_end=local_end,
            time_zone=time_zone,
            bookable=opt_bool(payload, "bookable"),
            location=SlotLocation.from_api(location) if isinstance(location, Mapping) else None,
            schedule_id=opt_str(payload, "scheduleId"),
            event_id=opt_str(event, "eventId"),
            event_title=opt_str(event, "eventTitle"),
            total_capacity=opt_int(payload, "totalCapacity"),
            remaining_capacity=opt_int(payload, "remainingCapacity"),
            bookable_capacity=opt_int(payload, "bookableCapacity"),
            too_early=opt_bool(violations, "tooEarlyToBook"),
            too_late=opt_bool(violations, "tooLateToBook"),
            book_online_disabled=opt_bool(violations, "bookOnlineDisabled"),
            earliest_booking_date=opt_datetime(violations, "earliestBookingDate"),
            resources=resources,
            has_more_resources=has_more,
        )


@dataclass(frozen=True)
class SlotList:
    """Slots of one listing, all in the same ``time_zone`` (as Wix echoed it)."""

    slots: tuple[TimeSlot, ...]
    time_zone: str


def _local(payload: Mapping[str, Any], key: str) -> str:
    value = req_str(payload, key, "TimeSlot")
    try:
        datetime.fromisoformat(value)
    except ValueError as exc:
        raise WixResponseError(f"TimeSlot {key} {value!r} is not a local datetime") from exc
    return value


def _aware(local: str, time_zone: str) -> datetime:
    moment = datetime.fromisoformat(local)
    zone = ZoneInfo(time_zone)
    return moment.astimezone(zone) if moment.tzinfo else moment.replace(tzinfo=zone)


def _staff_resources(raw: Any) -> tuple[tuple[SlotResource, ...], bool]:
    resources: list[SlotResource] = []
    has_more = False
    for group in objs(raw):
        if opt_str(group, "resourceTypeId") not in (STAFF_RESOURCE_TYPE_ID, None):
            continue  # rooms and equipment are not shown to customers
        resources += [SlotResource.from_api(r) for r in objs(group.get("resources")) if r.get("id")]
        has_more = has_more or opt_bool(group, "hasMoreAvailableResources")
    return tuple(resources), has_more
