"""Services V2 models: Service and its category, locations, staff, payment and policy."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Self

from booking_site.wix.constants import DEFAULT_MEDIA_BASE_URL
from booking_site.wix.errors import WixResponseError
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
from booking_site.wix.models.common import Image
from booking_site.wix.models.payment import ServicePayment
from booking_site.wix.models.policy import BookingPolicy


class ServiceType(StrEnum):
    """How a service is booked; an unknown future type is kept as a plain string."""

    APPOINTMENT = "APPOINTMENT"
    CLASS = "CLASS"
    COURSE = "COURSE"


@dataclass(frozen=True)
class Category:
    """A service category."""

    id: str
    name: str
    sort_order: int = 0

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse a category object; the id is required."""
        return cls(
            id=req_str(payload, "id", "Category"),
            name=opt_str(payload, "name") or "",
            sort_order=opt_int(payload, "sortOrder") or 0,
        )


@dataclass(frozen=True)
class ServiceLocation:
    """Where a service takes place: a business location, a custom address or the customer's."""

    id: str | None
    type: str
    name: str | None
    address: str | None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse one entry of ``service.locations``."""
        business, custom = obj(payload.get("business")), obj(payload.get("custom"))
        address = (
            opt_str(obj(payload.get("calculatedAddress")), "formattedAddress")
            or opt_str(obj(business.get("address")), "formattedAddress")
            or opt_str(obj(custom.get("address")), "formattedAddress")
        )
        return cls(
            id=opt_str(payload, "id") or opt_str(business, "id") or opt_str(custom, "id"),
            type=opt_str(payload, "type") or "BUSINESS",
            name=opt_str(business, "name"),
            address=address,
        )


@dataclass(frozen=True)
class StaffMember:
    """A staff member as listed on a service; ``id`` is the staff *resource* id."""

    id: str
    name: str
    image: Image | None = None

    @classmethod
    def from_api(
        cls, payload: Mapping[str, Any], *, media_base_url: str = DEFAULT_MEDIA_BASE_URL
    ) -> Self:
        """Parse one ``staffMemberDetails.staffMembers`` entry."""
        return cls(
            id=req_str(payload, "staffMemberId", "StaffMember"),
            name=opt_str(payload, "name") or "",
            image=Image.maybe(
                obj(payload.get("mainMedia")).get("image"), media_base_url=media_base_url
            ),
        )


@dataclass(frozen=True)
class Service:
    """A bookable service (appointment, class or course) as the booking site needs it."""

    id: str
    app_id: str | None
    type: ServiceType | str
    name: str
    slug: str
    supported_slugs: tuple[str, ...]
    tagline: str | None
    description: str | None
    hidden: bool
    sort_order: int
    category: Category | None
    image: Image | None
    payment: ServicePayment
    locations: tuple[ServiceLocation, ...]
    policy: BookingPolicy
    schedule_id: str | None
    first_session_start: datetime | None
    last_session_end: datetime | None
    durations_minutes: tuple[int, ...]
    default_capacity: int
    staff_member_ids: tuple[str, ...]
    staff: tuple[StaffMember, ...]
    online_booking_enabled: bool
    requires_manual_approval: bool
    form_id: str | None
    # ``conferencing.enabled``: Wix makes a video link for each session (the service is online).
    online: bool = False

    @property
    def has_known_type(self) -> bool:
        """False when Wix sent a service type this client does not know (callers skip those)."""
        return isinstance(self.type, ServiceType)

    @classmethod
    def from_api(
        cls, payload: Mapping[str, Any], *, media_base_url: str = DEFAULT_MEDIA_BASE_URL
    ) -> Self:
        """Parse a Services V2 ``service`` object; the id is required."""
        service_id = req_str(payload, "id", "Service")
        schedule = obj(payload.get("schedule"))
        online = obj(payload.get("onlineBooking"))
        slugs = tuple(
            s for s in (opt_str(i, "name") for i in objs(payload.get("supportedSlugs"))) if s
        )
        category = obj(payload.get("category"))
        return cls(
            id=service_id,
            app_id=opt_str(payload, "appId"),
            type=parse_enum(ServiceType, payload.get("type"), "UNKNOWN"),
            name=opt_str(payload, "name") or "",
            slug=opt_str(obj(payload.get("mainSlug")), "name") or service_id,
            supported_slugs=slugs,
            tagline=opt_str(payload, "tagLine"),
            description=opt_str(payload, "description"),
            hidden=opt_bool(payload, "hidden"),
            sort_order=opt_int(payload, "sortOrder") or 0,
            category=Category.from_api(category) if opt_str(category, "id") else None,
            image=_main_image(obj(payload.get("media")), media_base_url),
            payment=ServicePayment.from_api(obj(payload.get("payment"))),
            locations=tuple(ServiceLocation.from_api(i) for i in objs(payload.get("locations"))),
            policy=BookingPolicy.from_api(obj(payload.get("bookingPolicy"))),
            schedule_id=opt_str(schedule, "id"),
            first_session_start=opt_datetime(schedule, "firstSessionStart"),
            last_session_end=opt_datetime(schedule, "lastSessionEnd"),
            durations_minutes=_durations(obj(schedule.get("availabilityConstraints"))),
            default_capacity=opt_int(payload, "defaultCapacity") or 1,
            staff_member_ids=strs(payload.get("staffMemberIds")),
            staff=_staff(obj(payload.get("staffMemberDetails")), media_base_url),
            online_booking_enabled=opt_bool(online, "enabled", default=True),
            requires_manual_approval=opt_bool(online, "requireManualApproval"),
            form_id=opt_str(obj(payload.get("form")), "id"),
            online=opt_bool(obj(payload.get("conferencing")), "enabled"),
        )


def _main_image(media: Mapping[str, Any], media_base_url: str) -> Image | None:
    candidates = [obj(media.get("mainMedia")), obj(media.get("coverMedia"))]
    candidates += objs(media.get("items"))
    for candidate in candidates:
        image = Image.maybe(candidate.get("image"), media_base_url=media_base_url)
        if image is not None:
            return image
    return None


def _durations(constraints: Mapping[str, Any]) -> tuple[int, ...]:
    minutes = [opt_int(d, "minutes") for d in objs(constraints.get("durations"))]
    if not any(minutes):
        raw = constraints.get("sessionDurations")
        minutes = [opt_int({"m": m}, "m") for m in raw] if isinstance(raw, list) else []
    return tuple(m for m in minutes if m)


def _staff(details: Mapping[str, Any], media_base_url: str) -> tuple[StaffMember, ...]:
    members = []
    for item in objs(details.get("staffMembers")):
        try:
            members.append(StaffMember.from_api(item, media_base_url=media_base_url))
        except WixResponseError:
            continue  # a nameless ghost entry should not hide the whole service
    return tuple(members)
