"""Owner mode, submitting: create the booking for the customer and settle it as staff chose.

The paths (docs/wix-contract.md §15.1, §7.1, §11):

- payment link: Create Booking (ONLINE) → Cart → Redirect Session, all as the link's own
  visitor (minted at the details step and kept in the draft, so a retry reuses its cart), so
  the hosted checkout behaves exactly as for a customer (whether an API-key checkout works for
  the shopper is UNCONFIRMED, §18.3). When an override is needed the booking itself is created
  with the API key (``flowControlSettings`` needs it) and the visitor only builds the cart;
- paid outside Wix: Confirm-or-Decline with ``PAID``, then eCommerce Create Order recording the
  amount (our server-side quote) and how it was paid (the custom-checkout recipe, §15.1);
- pay later at the venue: Confirm-or-Decline with ``NOT_PAID``;
- free of charge: Confirm-or-Decline with ``EXEMPT``.

Confirm-or-Decline rather than Confirm: it applies manual approval (PENDING) and reports
``doubleBooked``; a booking created with ``skipAvailabilityValidation`` is never declined
(§7.1), so the staff member's override holds. All of it runs in the one submit core
(``submit_core.submit``), the customer's too: this module builds the plan and picks the
settlement, and a double click or a retry after an error continues where it stopped instead of
booking twice (Create Booking has no idempotency key, §14.4).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime

from booking_site.errors import BookingError
from booking_site.owner.services.rules import (
    deposit_selected_for,
    log_action,
    overrides,
    owner_quote,
    payment_option_for,
    require_api_key,
    skips_availability,
)
from booking_site.owner.session import LINK_METHODS, OwnerDraft
from booking_site.services import deposits, variant_choices
from booking_site.services import submission as guard
from booking_site.services.booking_form import form_submission
from booking_site.services.catalogue import get_service_by_id, get_variants
from booking_site.services.chosen_slot import time_slot_of
from booking_site.services.pricing import Quote
from booking_site.services.snapshot import BookingSnapshot
from booking_site.services.submit_core import submit
from booking_site.services.submit_plan import (
    BookingPlan,
    Confirm,
    ConfirmPaidOutside,
    PaymentLink,
    Settlement,
)
from booking_site.services.wix_errors import wix_errors
from booking_site.wix import ContactDetails, Service, VisitorTokens, get_client


def submit_owner_booking(*, draft: OwnerDraft, staff: str, link_return_url: str) -> str:
    """Create and settle the draft's booking in Wix; returns the ``ref`` of its result page.

    Raises ``BookingError``: ``owner_needs_api_key``, ``owner_in_progress`` (another request is
    submitting this draft), ``slot_taken`` / ``class_full`` (no override and the time went),
    ``temporarily_unavailable`` … Submitting again after an error resumes, never doubles.
    """
    require_api_key()
    contact, slot, payment = draft.contact, draft.slot, draft.payment
    if not (draft.service_id and contact and payment and slot):
        raise BookingError("booking_not_found")
    service = get_service_by_id(draft.service_id)
    variant_choices.check_bookable(service)
    the_quote = owner_quote(service, draft.participants or 1, draft)
    skip = skips_availability(draft, service)
    link = payment in LINK_METHODS
    option = payment_option_for(payment, service)
    outcome = submit(
        BookingPlan(
            ref=draft.ref,
            service=service,
            contact=ContactDetails(
                first_name=contact.first_name,
                last_name=contact.last_name or None,
                email=contact.email,
                phone=contact.phone or None,
            ),
            payment_option=option,
            deposit_selected=deposit_selected_for(payment, service, option),
            snapshot=_snapshot(draft, service, the_quote, staff, skip),
            settlement=_settlement(draft, the_quote, link_return_url),
            slot=time_slot_of(slot),
            total_participants=the_quote.participants,
            participant_choices=variant_choices.booking_choices(
                get_variants(service),
                counts=None,
                minutes=draft.duration_minutes,
                participants=the_quote.participants,
            ),
            staff_id=slot.staff_id,
            skip_availability=skip,
            # Without an override a payment link's booking is the visitor's, as a customer's
            # would be; overrides need the API key (``flowControlSettings``).
            creator="visitor" if link and not skip else "api_key",
            visitor_tokens=draft.tokens if link else None,
            wait_for_claim=False,
            cancel_unpayable=False,
            audit=functools.partial(log_action, staff=staff),
            form_submission=form_submission(service, contact, draft.answers) or None,
        )
    )
    if outcome.kind == "processing":
        raise BookingError("owner_in_progress")
    return draft.ref


def with_link_visitor(draft: OwnerDraft) -> OwnerDraft:
    """``draft`` with the Wix visitor its payment link is made by, minted once.

    Kept in the draft so a retry after a failed link uses the same visitor, who owns the
    cart already made. Unchanged for the other payment methods. Raises ``BookingError``.
    """
    if draft.payment not in LINK_METHODS or draft.tokens is not None:
        return draft
    with wix_errors():
        tokens: VisitorTokens = get_client().auth.anonymous()
    return draft.with_tokens(tokens)


def _settlement(draft: OwnerDraft, the_quote: Quote, link_return_url: str) -> Settlement:
    """The staff member's payment choice as a settlement (docs/wix-contract.md §7.1, §11, §15.1)."""
    if draft.payment in LINK_METHODS:
        return PaymentLink(return_url=link_return_url)
    if draft.payment == "paid":
        return ConfirmPaidOutside(total=the_quote.total, paid_with=draft.paid_with)
    return Confirm("EXEMPT" if draft.payment == "free" else "NOT_PAID")


def _snapshot(
    draft: OwnerDraft, service: Service, the_quote: Quote, staff: str, skip: bool
) -> BookingSnapshot:
    """What was booked and how, for the result page."""
    slot, contact = draft.slot, draft.contact
    deposit = deposits.split(service, the_quote)
    assert slot is not None, "checked by submit_owner_booking"
    assert contact is not None, "checked by submit_owner_booking"
    return BookingSnapshot(
        owner=True,
        staff=staff,
        service_id=service.id,
        service_name=service.name,
        local_start=slot.local_start,
        local_end=slot.local_end,
        time_zone=slot.time_zone,
        staff_name=slot.staff_name,
        location_name=slot.location_name,
        participants=the_quote.participants,
        total=str(the_quote.total.amount) if the_quote.total else None,
        currency=the_quote.total.currency if the_quote.total else None,
        payment=draft.payment,
        payment_option="DEPOSIT" if draft.payment == "link" and deposit else None,
        due_now=str(deposit.due_now.amount) if draft.payment == "link" and deposit else None,
        paid_with=draft.paid_with,
        skip_availability=skip,
        overrides=tuple(overrides(draft, service)),
        customer=f"{contact.first_name} {contact.last_name}".strip(),
        email=contact.email,
    )


@dataclass(frozen=True)
class OwnerOutcome:
    """What Wix now says about an owner booking, with what staff chose."""

    ref: str
    booking_id: str
    status: str
    payment_status: str
    double_booked: bool
    order_id: str | None
    summary: BookingSnapshot

    @property
    def start(self) -> datetime | None:
        """When the booking starts, in the business's zone."""
        return self.summary.start

    @property
    def payment_link(self) -> str | None:
        link = self.summary.payment_link
        return link if link and self.status == "CREATED" else None


def owner_outcome(ref: str) -> OwnerOutcome:
    """The booking made under ``ref``, read live from Wix (API key).

    Raises ``BookingError("booking_not_found")`` for a ref that is not an owner booking.
    """
    require_api_key()
    record = guard.find(ref)
    snapshot = BookingSnapshot.from_json(record.summary if record is not None else None)
    if record is None or not record.booking_id or not snapshot.owner:
        raise BookingError("booking_not_found")
    with wix_errors():
        booking = get_client().extended_bookings.get(record.booking_id)
    return OwnerOutcome(
        ref=ref,
        booking_id=booking.id,
        status=str(booking.status),
        payment_status=str(booking.payment_status),
        double_booked=booking.double_booked,
        order_id=record.order_id or None,
        summary=snapshot,
    )
