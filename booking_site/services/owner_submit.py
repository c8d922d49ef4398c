"""Owner mode, submitting: create the booking for the customer and settle it as staff chose.

The paths (wix-api.md §15.1, §7.1, §11):

- payment link: Create Booking (ONLINE) → Cart → Redirect Session, all as a fresh visitor, so
  the hosted checkout behaves exactly as for a customer (whether an API-key checkout works for
  the shopper is UNCONFIRMED, §18.3). When an override is needed the booking itself is created
  with the API key (``flowControlSettings`` needs it) and the visitor only builds the cart;
- paid outside Wix: Confirm-or-Decline with ``PAID``, then eCommerce Create Order recording the
  amount (our server-side quote) and how it was paid (the custom-checkout recipe, §15.1);
- pay later at the venue: Confirm-or-Decline with ``NOT_PAID``;
- free of charge: Confirm-or-Decline with ``EXEMPT``.

Confirm-or-Decline rather than Confirm: it applies manual approval (PENDING) and reports
``doubleBooked``; a booking created with ``skipAvailabilityValidation`` is never declined
(§7.1), so the staff member's override holds. The ``Submission`` row (keyed by the draft's
``ref``) makes a double click or a retry after an error continue where it stopped instead of
booking twice: Create Booking has no idempotency key (§14.4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from booking_site.errors import BookingError
from booking_site.models import Submission
from booking_site.owner_session import OwnerDraft
from booking_site.services import confirmation, recovery
from booking_site.services import submission as guard
from booking_site.services.availability import forget_service_slots
from booking_site.services.catalogue import get_service_by_id
from booking_site.services.chosen_slot import time_slot_of
from booking_site.services.owner_booking import (
    log_action,
    overrides,
    owner_quote,
    payment_option_for,
    require_api_key,
    skips_availability,
)
from booking_site.services.pricing import Quote
from booking_site.services.wix_errors import once_booked, translate, wix_errors
from booking_site.wix import ContactDetails, Service, TimeSlot, WixError, get_client

State = Submission.State
_CONFIRM_PAYMENT = {"paid": "PAID", "venue": "NOT_PAID", "free": "EXEMPT"}


def submit_owner_booking(*, draft: OwnerDraft, staff: str, link_return_url: str) -> str:
    """Create and settle the draft's booking in Wix; returns the ``ref`` of its result page.

    Raises ``BookingError``: ``owner_needs_api_key``, ``owner_in_progress`` (another request is
    submitting this draft), ``slot_taken`` / ``class_full`` (no override and the time went),
    ``temporarily_unavailable`` … Submitting again after an error resumes, never doubles.
    """
    require_api_key()
    if not (draft.service_id and draft.contact and draft.payment and draft.slot):
        raise BookingError("booking_not_found")
    service = get_service_by_id(draft.service_id)
    the_quote = owner_quote(service, draft.participants or 1)
    if not guard.claim(draft.ref):
        raise BookingError("owner_in_progress")
    try:
        record = guard.find(draft.ref)
        assert record is not None
        if record.state in (State.DONE, State.CHECKOUT):
            return draft.ref
        scope = get_client().for_visitor(None) if draft.payment == "link" else None
        if not record.booking_id:
            _create(draft, service, the_quote, staff, scope)
        record = guard.find(draft.ref) or record
        try:
            if draft.payment == "link":
                _send_link(draft, record, staff, scope, link_return_url)
            else:
                _confirm(draft, service, the_quote, record, staff)
        except WixError as exc:
            raise once_booked(translate(exc)) from exc
    finally:
        guard.release(draft.ref)
    return draft.ref


def _create(draft: OwnerDraft, service: Service, the_quote: Quote, staff: str, scope: Any) -> None:
    """Create Booking once, as the API key (overrides) or the link's visitor (no override)."""
    skip = skips_availability(draft, service)
    creator = scope if scope is not None and not skip else get_client()
    contact, slot, payment = draft.contact, draft.slot, draft.payment
    assert contact is not None, "checked by submit_owner_booking"
    assert slot is not None, "checked by submit_owner_booking"
    assert payment is not None, "checked by submit_owner_booking"
    booking = recovery.create_once(
        draft.ref,
        lambda: creator.bookings.create(
            slot=_time_slot(draft),
            contact=ContactDetails(
                first_name=contact.first_name,
                last_name=contact.last_name or None,
                email=contact.email,
                phone=contact.phone or None,
            ),
            total_participants=the_quote.participants,
            payment_option=payment_option_for(payment, service),
            external_user_id=draft.ref,
            staff_id=slot.staff_id,
            skip_availability_validation=skip,
        ),
    )
    guard.record(
        draft.ref,
        state=State.CREATED,
        booking_id=booking.id,
        booking_revision=booking.revision,
        summary=_summary(draft, service, the_quote, staff, skip),
    )
    forget_service_slots(service.id)
    log_action(
        "create_booking",
        staff=staff,
        booking_id=booking.id,
        ref=draft.ref,
        skip_availability=skip,
        participants=the_quote.participants,
    )


def _send_link(
    draft: OwnerDraft, record: Submission, staff: str, scope: Any, return_url: str
) -> None:
    """A cart and a one-time hosted-checkout link for the customer, made by a fresh visitor."""
    assert draft.contact is not None
    cart = scope.ecom.create(booking_id=record.booking_id, buyer_email=draft.contact.email)
    session = scope.redirects.create_for_checkout(
        checkout_id=cart.id, post_flow_url=return_url, thank_you_url=return_url
    )
    summary = {**(record.summary or {}), "payment_link": session.full_url}
    guard.record(
        draft.ref, state=State.CHECKOUT, ecom_id=cart.id, ecom_kind=cart.kind, summary=summary
    )
    log_action("payment_link", staff=staff, booking_id=record.booking_id, ref=draft.ref)


def _confirm(
    draft: OwnerDraft, service: Service, the_quote: Quote, record: Submission, staff: str
) -> None:
    """Confirm-or-Decline with the chosen payment status, then record an outside payment."""
    client = get_client()
    payment_status = _CONFIRM_PAYMENT[draft.payment or "venue"]
    summary = dict(record.summary or {})
    if not summary.get("confirmed"):
        booking = confirmation.confirm_or_decline(
            booking_id=record.booking_id, payment_status=payment_status
        )
        # None: Wix says it is already settled, but could not be read back just now.
        contact_id = booking.contact.contact_id if booking is not None else None
        summary |= {"confirmed": True, "contact_id": contact_id}
        revision = booking.revision if booking is not None else record.booking_revision
        guard.record(draft.ref, booking_revision=revision, summary=summary)
        log_action(
            "confirm_or_decline",
            staff=staff,
            booking_id=record.booking_id,
            ref=draft.ref,
            payment_status=payment_status,
            status=str(booking.status) if booking is not None else "ALREADY_SET",
            double_booked=booking.double_booked if booking is not None else None,
        )
    if draft.payment == "paid" and not record.order_id:
        if the_quote.total is None or draft.contact is None:
            # The price became "on request" since staff chose: there is no amount to record.
            raise BookingError("payment_unavailable")
        order = client.orders.create(
            booking_id=record.booking_id,
            product_name=service.name,
            amount=the_quote.total.amount,
            currency=the_quote.total.currency,
            buyer_email=draft.contact.email,
            contact_id=summary.get("contact_id"),
            payment_status="PAID",
            # How it was paid travels with the order, next to our reference.
            external_order_id=f"{draft.paid_with or 'other_provider'}:{draft.ref}",
        )
        guard.record(draft.ref, order_id=order.id)
        log_action(
            "create_order",
            staff=staff,
            booking_id=record.booking_id,
            ref=draft.ref,
            order_id=order.id,
            amount=str(the_quote.total.amount),
            paid_with=draft.paid_with,
        )
    guard.record(draft.ref, state=State.DONE)


def _time_slot(draft: OwnerDraft) -> TimeSlot:
    assert draft.slot is not None
    return time_slot_of(draft.slot)


def _summary(
    draft: OwnerDraft, service: Service, the_quote: Quote, staff: str, skip: bool
) -> dict[str, Any]:
    """What was booked and how, for the result page (JSON-safe)."""
    slot, contact = draft.slot, draft.contact
    assert slot is not None, "checked by submit_owner_booking"
    assert contact is not None, "checked by submit_owner_booking"
    return {
        "owner": True,
        "staff": staff,
        "service_name": service.name,
        "local_start": slot.local_start,
        "local_end": slot.local_end,
        "time_zone": slot.time_zone,
        "staff_name": slot.staff_name,
        "location_name": slot.location_name,
        "participants": the_quote.participants,
        "total": str(the_quote.total.amount) if the_quote.total else None,
        "currency": the_quote.total.currency if the_quote.total else None,
        "payment": draft.payment,
        "paid_with": draft.paid_with,
        "skip_availability": skip,
        "overrides": overrides(draft, service),
        "customer": f"{contact.first_name} {contact.last_name}".strip(),
        "email": contact.email,
    }


@dataclass(frozen=True)
class OwnerOutcome:
    """What Wix now says about an owner booking, with what staff chose."""

    ref: str
    booking_id: str
    status: str
    payment_status: str
    double_booked: bool
    order_id: str | None
    summary: dict[str, Any]

    @property
    def start(self) -> datetime | None:
        """When the booking starts, in the business's zone."""
        try:
            zone = ZoneInfo(str(self.summary.get("time_zone") or "UTC"))
            return datetime.fromisoformat(str(self.summary["local_start"])).replace(tzinfo=zone)
        except (KeyError, ValueError, ZoneInfoNotFoundError):
            return None

    @property
    def payment_link(self) -> str | None:
        link = self.summary.get("payment_link")
        return str(link) if link and self.status == "CREATED" else None


def owner_outcome(ref: str) -> OwnerOutcome:
    """The booking made under ``ref``, read live from Wix (API key).

    Raises ``BookingError("booking_not_found")`` for a ref that is not an owner booking.
    """
    require_api_key()
    record = guard.find(ref)
    if record is None or not record.booking_id or not (record.summary or {}).get("owner"):
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
        summary=dict(record.summary or {}),
    )
