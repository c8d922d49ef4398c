"""What one submit books and how it settles: ``BookingPlan`` and the ``Settlement`` choice.

The customer's submit (``services/booking.py``) and the staff submit
(``owner/services/submit.py``) only build a plan; ``submit_core.submit`` carries it out. The
differences between the two front ends are all here, as data: who creates the booking (the
visitor or the API key), whether availability is skipped, whether a busy claim is waited for,
and how the booking is settled.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from booking_site.services.snapshot import BookingSnapshot
from booking_site.wix import (
    ContactDetails,
    FormAnswer,
    Money,
    Service,
    TimeSlot,
    Variant,
    VisitorTokens,
)


@dataclass(frozen=True)
class HostedCheckout:
    """The customer pays on Wix's hosted checkout: cart → redirect session → ``fullUrl``."""

    return_url: str
    thank_you_url: str


@dataclass(frozen=True)
class PaymentLink:
    """Staff send the customer a hosted-checkout link; the link is kept in the snapshot."""

    return_url: str


@dataclass(frozen=True)
class Confirm:
    """Confirm-or-Decline (API key) with ``payment_status``: ``EXEMPT`` or ``NOT_PAID``."""

    payment_status: Literal["EXEMPT", "NOT_PAID"]


@dataclass(frozen=True)
class ConfirmPaidOutside:
    """Paid outside Wix: Confirm-or-Decline ``PAID``, then eCommerce Create Order (§15.1).

    ``total`` is our server-side quote (None when the price is on request: nothing to record,
    so the order is refused); ``paid_with`` says how (cash, card terminal …).
    """

    total: Money | None
    paid_with: str | None


@dataclass(frozen=True)
class PlaceOrder:
    """No API key and nothing to pay online: the visitor places the cart's order unpaid."""


@dataclass(frozen=True)
class PlanPayment:
    """The member's plan pays (``services/plan_payment.py``): the order is placed when nothing
    is left to pay, else the rest goes to the hosted checkout. Never Confirm (§28.4)."""

    membership_id: str
    return_url: str
    thank_you_url: str


Settlement = HostedCheckout | PaymentLink | Confirm | ConfirmPaidOutside | PlaceOrder | PlanPayment

# An audit hook: ``audit(action, booking_id=…, ref=…, **details)`` (owner mode's log lines).
Audit = Callable[..., None]


@dataclass(frozen=True)
class BookingPlan:
    """Everything Create Booking sends and what to do once the booking exists.

    Exactly one of ``slot`` (appointments, classes) and a course ``service`` without slot is
    booked; ``time_zone`` goes with a course. ``participant_choices`` (variant, count) replaces
    ``total_participants`` for varied prices. ``creator`` is whose identity creates the booking:
    the ``visitor`` (``visitor_tokens``, or a fresh visitor when None) or the ``api_key``
    (needed for ``skip_availability``). The cart, when there is one, is always the visitor's.
    ``wait_for_claim``: wait (bounded) for another request working on ``ref`` rather than
    answer ``processing`` straight away. ``cancel_unpayable``: cancel the booking when Wix
    refuses its payment for good, so it doesn't hold the time for nobody.
    """

    ref: str
    service: Service
    contact: ContactDetails
    payment_option: str
    snapshot: BookingSnapshot
    settlement: Settlement
    slot: TimeSlot | None = None
    time_zone: str | None = None
    total_participants: int | None = None
    participant_choices: Sequence[tuple[Variant, int]] | None = None
    staff_id: str | None = None
    # ``depositSelected`` for a deposit service (services/deposits.py); None: not sent.
    deposit_selected: bool | None = None
    skip_availability: bool = False
    creator: Literal["visitor", "api_key"] = "visitor"
    visitor_tokens: VisitorTokens | None = None
    wait_for_claim: bool = True
    cancel_unpayable: bool = True
    audit: Audit | None = None
    # The booking form's answers with the contact, by ``target``, for a custom-form service
    # (Create Booking's ``formSubmission``, §25); None sends ``contactDetails`` as before.
    form_submission: Mapping[str, FormAnswer] | None = None
    # A staff-priced service booked with "anyone available": the snapshot (its price) for
    # each staff member the re-check may book; ``snapshot`` stands for anyone else.
    snapshot_by_staff: Mapping[str, BookingSnapshot] = field(default_factory=dict)

    def snapshot_for(self, staff_id: str | None) -> BookingSnapshot:
        """What was booked, priced for the person booked (``staff_id``) where that matters."""
        return self.snapshot_by_staff.get(staff_id or "", self.snapshot)

    @property
    def is_course(self) -> bool:
        return self.slot is None


@dataclass(frozen=True)
class SubmitOutcome:
    """Where the submitter goes next: Wix's checkout, the status page, or a wait page.

    ``visitor_tokens`` are the visitor's (possibly refreshed) tokens, to keep in the draft.
    """

    kind: Literal["checkout", "done", "processing"]
    checkout_url: str | None = None
    visitor_tokens: VisitorTokens | None = None
