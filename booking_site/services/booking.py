"""Submitting a booking to Wix, paying for it, and finding out what became of it.

The paths follow wix-api.md §15: Create Booking (CREATED) with the customer's own visitor token;
then either Wix's hosted checkout (cart or checkout → redirect session → ``fullUrl``), or, for
free and pay-in-person bookings, straight confirmation (Confirm-or-Decline with the API key, or
placing the order without payment as the visitor). On return, the status is read from Wix.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Literal

from booking_site.errors import BookingError
from booking_site.models import Submission
from booking_site.services import cart, confirmation, recovery
from booking_site.services import submission as guard
from booking_site.services.availability import business_zone, forget_service_slots
from booking_site.services.catalogue import get_service_by_id, get_variants
from booking_site.services.chosen_slot import time_slot_of
from booking_site.services.courses import check_course_open
from booking_site.services.outcome import start_over
from booking_site.services.pricing import Quote, quote
from booking_site.services.wix_errors import once_booked, translate, wix_errors
from booking_site.session import BookingDraft
from booking_site.wix import (
    Booking,
    ContactDetails,
    Service,
    TimeSlot,
    VisitorTokens,
    WixError,
    get_client,
)

logger = logging.getLogger(__name__)

State = Submission.State


@dataclass(frozen=True)
class SubmitOutcome:
    """Where the customer goes next: Wix's checkout, our status page, or a wait page."""

    kind: Literal["checkout", "done", "processing"]
    checkout_url: str | None = None
    visitor_tokens: dict[str, Any] | None = None


def draft_quote(draft: BookingDraft, service: Service) -> Quote:
    """The server-side price of the draft's participants."""
    variants = get_variants(service) if draft.variant_counts else None
    return quote(
        service,
        participants=draft.participants,
        variants=variants,
        variant_counts=draft.variant_counts if variants else None,
    )


def submit_booking(*, draft: BookingDraft, return_url: str, thank_you_url: str) -> SubmitOutcome:
    """Create the Wix booking for a complete draft (once) and start its payment.

    Raises ``BookingError`` with ``slot_taken``, ``class_full``, ``course_full``,
    ``policy_violation``, ``temporarily_unavailable`` … The draft may be submitted again after
    any error: a booking that already exists in Wix is never created twice.
    """
    assert draft.service_id is not None, "guarded by requires_step('review')"
    service = get_service_by_id(draft.service_id)
    if not guard.claim_when_free(draft.ref):
        return SubmitOutcome("processing")
    try:
        record = guard.find(draft.ref)
        assert record is not None
        if record.state == State.DONE:
            return SubmitOutcome("done")
        scope = get_client().for_visitor(_tokens(draft))
        record = guard.find(draft.ref) or record
        if not record.booking_id:
            _create(draft, service, draft_quote(draft, service), scope)
        outcome = _pay(draft, record, scope, return_url, thank_you_url)
    finally:
        guard.release(draft.ref)
    tokens = scope.tokens
    return SubmitOutcome(
        outcome.kind, outcome.checkout_url, tokens.to_dict() if tokens is not None else None
    )


def ensure_visitor(draft: BookingDraft) -> dict[str, Any]:
    """The customer's Wix visitor token set, minted once before submit.

    Minting it ahead keeps the submit to three sequential Wix calls, and makes every tab and
    parallel request of this customer act as the same Wix visitor, which owns the cart.
    """
    if _tokens(draft) is not None:
        assert draft.visitor_tokens is not None
        return draft.visitor_tokens
    with wix_errors():
        return get_client().auth.anonymous().to_dict()


def _tokens(draft: BookingDraft) -> VisitorTokens | None:
    if not draft.visitor_tokens:
        return None
    try:
        return VisitorTokens.from_dict(draft.visitor_tokens)
    except ValueError:
        return None


def _create(draft: BookingDraft, service: Service, the_quote: Quote, scope: Any) -> None:
    """Create Booking, recording the outcome in the guard row; never retried blindly."""
    assert draft.contact is not None
    contact = draft.contact

    def create() -> Booking:
        if service.type == "COURSE":
            check_course_open(service, participants=the_quote.participants)
        variants = get_variants(service) if draft.variant_counts else None
        choices = None
        if variants is not None and draft.variant_counts:
            by_choice = {v.choice: v for v in variants.variants}
            choices = [(by_choice[name], n) for name, n in draft.variant_counts.items() if n]
        return scope.bookings.create(
            slot=_slot_of(draft) if service.type != "COURSE" else None,
            course=service if service.type == "COURSE" else None,
            time_zone=str(business_zone(service).key) if service.type == "COURSE" else None,
            contact=ContactDetails(
                first_name=contact.first_name,
                last_name=contact.last_name,
                email=contact.email,
                phone=contact.phone or None,
                contact_id=None,
            ),
            total_participants=None if choices else the_quote.participants,
            participant_choices=choices,
            payment_option=draft.payment_option,
            external_user_id=draft.ref,
            staff_id=draft.slot.staff_id if draft.slot else None,
        )

    booking = recovery.create_once(draft.ref, create)
    guard.record(
        draft.ref,
        state=State.CREATED,
        booking_id=booking.id,
        booking_revision=booking.revision,
        summary=_summary(draft, service, the_quote),
    )
    forget_service_slots(service.id)
    logger.info("booking created", extra={"ref": draft.ref, "booking_id": booking.id})


def _slot_of(draft: BookingDraft) -> TimeSlot:
    assert draft.slot is not None
    return time_slot_of(draft.slot)


def _pay(
    draft: BookingDraft, record: Submission, scope: Any, return_url: str, thank_you_url: str
) -> SubmitOutcome:
    """Send a created booking to payment, or confirm it when nothing is paid online.

    The booking exists from here on, so a failure never says "Nothing was booked": a passing
    one (Wix down, throttling) keeps it for the retry, which carries on where this stopped;
    a refusal for good (payment not possible) cancels it rather than leave it holding the slot.
    """
    record = guard.find(draft.ref) or record
    if not record.booking_id:
        raise BookingError("unknown")
    email = draft.contact.email if draft.contact else None
    try:
        if record.ecom_id and not cart.awaits_payment(record, scope):
            return SubmitOutcome("done")  # paid already: a new checkout link couldn't be paid
        if draft.payment_option == "ONLINE":
            session = cart.checkout_session(
                record, scope, email=email, return_url=return_url, thank_you_url=thank_you_url
            )
            guard.record(draft.ref, state=State.CHECKOUT)
            return SubmitOutcome("checkout", session.full_url)
        _confirm_without_payment(draft, record, scope)
    except WixError as exc:
        raise _booking_kept(draft.ref, translate(exc)) from exc
    except BookingError as exc:
        raise _booking_kept(draft.ref, exc) from exc
    return SubmitOutcome("done")


def _booking_kept(ref: str, error: BookingError) -> BookingError:
    """What to tell the customer when a step after Create Booking failed with ``error``."""
    if error.code == "payment_unavailable":
        start_over(ref)  # cancelled in Wix (API key), so it doesn't hold the time for nobody
    return once_booked(error)


def _confirm_without_payment(draft: BookingDraft, record: Submission, scope: Any) -> None:
    """Free and pay-in-person bookings: confirm (API key) or place the order (visitor).

    Confirm-or-Decline (not Confirm) so Wix re-checks availability and applies manual approval
    (PENDING), as wix-api.md §7.1 describes.
    """
    client = get_client()
    free = bool((record.summary or {}).get("free"))
    if client.has_api_key:
        booking = confirmation.confirm_or_decline(
            booking_id=record.booking_id, payment_status="EXEMPT" if free else "NOT_PAID"
        )
        revision = booking.revision if booking is not None else record.booking_revision
        guard.record(draft.ref, state=State.DONE, booking_revision=revision)
        return
    email = draft.contact.email if draft.contact else None
    order_id = confirmation.place_order(scope.ecom, cart.ensure_cart(record, scope, email=email))
    guard.record(draft.ref, state=State.DONE, order_id=order_id)


def _summary(draft: BookingDraft, service: Service, the_quote: Quote) -> dict[str, Any]:
    """A JSON snapshot of what was booked, for the confirmation page and calendar file."""
    slot = draft.slot
    return {
        "service_id": service.id,
        "service_name": service.name,
        "service_slug": service.slug,
        "service_type": str(service.type),
        "local_start": slot.local_start if slot else None,
        "local_end": slot.local_end if slot else None,
        "time_zone": slot.time_zone if slot else draft.display_time_zone,
        "course_start": service.first_session_start.isoformat()
        if service.first_session_start
        else None,
        "course_end": service.last_session_end.isoformat() if service.last_session_end else None,
        "staff_name": slot.staff_name if slot else None,
        "location_name": slot.location_name if slot else None,
        "location_address": slot.location_address if slot else None,
        "participants": the_quote.participants,
        "lines": [[line.label, line.count] for line in the_quote.lines],
        "total": str(the_quote.total.amount) if the_quote.total else None,
        "currency": the_quote.total.currency if the_quote.total else None,
        "free": the_quote.free,
        "payment_option": draft.payment_option,
        "first_name": draft.contact.first_name if draft.contact else "",
        "email": draft.contact.email if draft.contact else "",
        "utm": draft.utm,
    }
