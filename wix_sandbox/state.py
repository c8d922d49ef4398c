"""The sandbox's mutable state: everything one lock protects."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from .demo import Demo, ServiceSpec, demo_id
from .member_state import MemberBook

BLOCKING_STATUSES = frozenset({"CONFIRMED", "PENDING"})


@dataclass(frozen=True)
class Session:
    """One class or course session (a Wix calendar event)."""

    event_id: str
    service: ServiceSpec
    start: datetime
    end: datetime
    staff: str
    location: str


@dataclass
class BookingRecord:
    """A booking: the Wix-shaped ``doc`` plus the facts availability needs."""

    doc: dict[str, Any]
    service: ServiceSpec
    start: datetime
    end: datetime
    participants: int
    staff: str | None = None
    location: str | None = None
    event_id: str | None = None
    visitor_id: str | None = None
    skip_availability: bool = False
    skip_business_confirmation: bool = False
    # Set when the customer cancelled it themselves and the service charges a fee (§27.2).
    fee_applied: bool = False

    @property
    def id(self) -> str:
        return str(self.doc["id"])

    @property
    def status(self) -> str:
        return str(self.doc["status"])


@dataclass
class Token:
    visitor_id: str
    expires_at: datetime
    member_id: str | None = None  # a member token (docs/wix-contract.md §28.1)


@dataclass
class Basket:
    """A Checkout V1 checkout or a Cart V2 cart (``kind``), priced live from its bookings."""

    kind: str
    id: str
    booking_ids: list[str]
    owner: str | None
    created: datetime
    channel_type: str = "WEB"
    buyer: dict[str, Any] = field(default_factory=dict)
    override_url: str | None = None
    completed: bool = False
    order_id: str | None = None
    revision: int = 1
    frozen: dict[str, Any] | None = None
    # Cart V2 lines paid with a plan: booking id → plan order id; and the member who owns it.
    memberships: dict[str, str] = field(default_factory=dict)
    member_id: str | None = None


@dataclass
class RedirectRecord:
    """A hosted-checkout session; ``base`` is where its pages and assets are served."""

    id: str
    basket_id: str
    base: str
    post_flow_url: str | None
    thank_you_url: str | None
    used: str | None = None


@dataclass
class State:
    today: date
    tz: ZoneInfo
    demo: Demo
    created_blocks: bool
    # Old sandbox behaviour: an "any staff" booking is checked and assigned at creation. Wix
    # defers both to confirmation (docs/wix-contract.md §24).
    any_staff_checked: bool = False
    sessions: list[Session] = field(default_factory=list)
    bookings: dict[str, BookingRecord] = field(default_factory=dict)
    contacts: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, Token] = field(default_factory=dict)
    refresh_tokens: dict[str, str] = field(default_factory=dict)
    baskets: dict[str, Basket] = field(default_factory=dict)
    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    redirects: dict[str, RedirectRecord] = field(default_factory=dict)
    call_counts: Counter[str] = field(default_factory=Counter)
    misconfigurations: set[str] = field(default_factory=set)
    # Booking form answers by form submission id (``demo_forms.store_submission``).
    form_submissions: dict[str, dict[str, Any]] = field(default_factory=dict)
    # (form id, target) → required, as the business edited its form (``edit_form_field``).
    form_required: dict[tuple[str, str], bool] = field(default_factory=dict)
    # form id → questions the business added (``add_form_field``), after the form's own.
    form_added: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    next_order_number: int = 10001
    members: MemberBook = field(default_factory=MemberBook)

    def session(self, event_id: str) -> Session | None:
        return next((s for s in self.sessions if s.event_id == event_id), None)

    def blocks(self, record: BookingRecord) -> bool:
        """Whether a booking holds its slot or seats (CREATED only if configured)."""
        if record.status in BLOCKING_STATUSES:
            return True
        return self.created_blocks and record.status == "CREATED"

    def booked_participants(self, *, event_id: str | None = None, service_id: str = "") -> int:
        """Seats taken in a class session (``event_id``) or a whole course (``service_id``)."""
        total = 0
        for record in self.bookings.values():
            if not self.blocks(record):
                continue
            if (event_id is not None and record.event_id == event_id) or (
                event_id is None and record.service.id == service_id
            ):
                total += record.participants
        return total

    def contact_id(self, email: str | None) -> str:
        """The CRM contact for an email: the same email always maps to the same contact."""
        key = (email or "").strip().lower()
        if not key:
            return str(uuid.uuid4())
        if key not in self.contacts:
            self.contacts[key] = demo_id("contact", key)
        return self.contacts[key]

    def course_sessions(self, service: ServiceSpec) -> list[Session]:
        """The course's sessions in time order (the list is built once, then only read)."""
        return [s for s in self.sessions if s.service.key == service.key]
