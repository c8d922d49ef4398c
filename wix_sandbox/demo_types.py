"""Types and constants of the demo business (the data itself is in ``demo_data``)."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

TIME_ZONE = "Europe/London"
CURRENCY = "GBP"
BUSINESS_NAME = "Fernleigh Wellbeing Studio"
BOOKINGS_APP_ID = "13d21c63-b5ec-5912-8397-c3a5ddb27a97"
# Another Wix scheduling app (docs/wix-contract.md §20): its services live in the same Services V2
# catalogue but are not shown or booked by Wix Bookings.
WIX_SERVICES_APP_ID = "cc552162-24a4-45e0-9695-230c4931ef40"
STAFF_RESOURCE_TYPE_ID = "1cd44cf8-756f-41c3-bd90-3e2ffcaf1155"
DEFAULT_FORM_ID = "00000000-0000-0000-0000-000000000000"
SPLIT_INTERVAL_MINUTES = 30

_NAMESPACE = uuid.UUID("6f1c9a52-3b7e-4c1d-9a8e-5d2b7c4e1f00")


@functools.cache  # asked for on every ``spec.id``: seeding a large course would hash thousands
def demo_id(kind: str, key: str) -> str:
    """A stable GUID for a demo object, so ids survive resets and restarts."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


@dataclass(frozen=True)
class Location:
    key: str
    name: str
    street_number: str
    street_name: str
    city: str
    postal_code: str
    phone: str
    email: str
    latitude: float
    longitude: float
    default: bool = False

    @property
    def id(self) -> str:
        return demo_id("location", self.key)

    @property
    def formatted_address(self) -> str:
        return f"{self.street_number} {self.street_name}, {self.city} {self.postal_code}, UK"


@dataclass(frozen=True)
class WorkingHours:
    """One weekly working period; weekday 0 is Monday, times are business-local."""

    weekday: int
    start: str
    end: str
    location: str


@dataclass(frozen=True)
class Staff:
    key: str
    name: str
    email: str
    description: str
    image: str
    hours: tuple[WorkingHours, ...] = ()

    @property
    def id(self) -> str:
        """The staff member's *resource* id (what services and slots reference)."""
        return demo_id("resource", self.key)

    @property
    def staff_member_id(self) -> str:
        return demo_id("staff-member", self.key)


@dataclass(frozen=True)
class Recurrence:
    """A weekly class session: weekday (0 = Monday), local start time, teacher, room."""

    weekday: int
    start: str
    staff: str
    location: str


@dataclass(frozen=True)
class Category:
    key: str
    name: str
    sort_order: int

    @property
    def id(self) -> str:
        return demo_id("category", self.key)


@dataclass(frozen=True)
class ActionPolicy:
    """A service's cancellation or reschedule policy (docs/wix-contract.md §27.2).

    ``latest_minutes`` None means no "latest" limit; ``allow_anonymous`` None counts as true,
    as Wix documents, and only matters when ``enabled``.
    """

    enabled: bool = True
    latest_minutes: int | None = 1440
    allow_anonymous: bool | None = None


@dataclass(frozen=True)
class ServiceSpec:
    key: str
    name: str
    type: str
    tag_line: str
    description: str
    image: str
    category: str | None
    duration: int
    rate_type: str
    price: Decimal | None = None
    custom_price_text: str | None = None
    online: bool = True
    in_person: bool = False
    # Wix's ``conferencing.enabled``: sessions get a video link (an online service).
    conferencing: bool = False
    staff: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    capacity: int = 1
    max_participants: int = 1
    manual_approval: bool = False
    hidden: bool = False
    online_booking: bool = True
    early_limit_minutes: int | None = None
    late_limit_minutes: int | None = None
    recurrences: tuple[Recurrence, ...] = ()
    course_start_in_days: int = 0
    course_sessions: int = 0
    variant_option: str | None = None
    variants: tuple[tuple[str, Decimal], ...] = field(default_factory=tuple)
    # The option's type (docs/wix-contract.md §21.1). Each variant's first item is its choice:
    # the custom name (CUSTOM), the minutes as text (DURATION, "90"), the staff key
    # (STAFF_MEMBER), or the rule's name (DATE_TIME, its rule from ``demo_payments``).
    option_type: str = "CUSTOM"
    # ``payment.options.deposit`` with the deposit amount; ``fullUpfrontPaymentAllowed`` (§19).
    deposit: Decimal | None = None
    full_upfront_allowed: bool = False
    # ``Service.appId``: Wix Bookings by default; None for a service without one (still shown
    # by Wix Bookings), another app's id for a service Wix Bookings does not show (§20).
    app_id: str | None = BOOKINGS_APP_ID
    cancellation: ActionPolicy = ActionPolicy()
    reschedule: ActionPolicy = ActionPolicy()
    # The fee a customer owes when cancelling it themselves (§27.2) within this many minutes
    # of the start; earlier cancellations are free.
    cancellation_fee: Decimal | None = None
    fee_window_minutes: int = 48 * 60

    @property
    def id(self) -> str:
        return demo_id("service", self.key)

    @property
    def pays_online(self) -> bool:
        """Whether the service can be paid online (free and custom-priced ones cannot)."""
        return self.online and self.rate_type not in ("NO_FEE", "CUSTOM")

    @property
    def schedule_id(self) -> str:
        return demo_id("schedule", self.key)

    @property
    def option_id(self) -> str:
        return demo_id("option", self.key)
