"""The customer's submit: build the booking plan from the draft and hand it to the core.

The paths follow docs/wix-contract.md §15: Create Booking (CREATED) with the customer's own visitor
token; then either Wix's hosted checkout (cart or checkout → redirect session → ``fullUrl``), or,
for free and pay-in-person bookings, straight confirmation (Confirm-or-Decline with the API key, or
placing the order without payment as the visitor). ``submit_core.submit`` does all of it; this
module only says what is booked and how it is settled.
"""

from __future__ import annotations

import dataclasses

from booking_site.services import deposits, variant_choices
from booking_site.services.availability import business_zone
from booking_site.services.booking_form import form_submission
from booking_site.services.catalogue import get_service_by_id, get_variants
from booking_site.services.chosen_slot import time_slot_of
from booking_site.services.courses import course_sessions
from booking_site.services.pricing import Quote, quote
from booking_site.services.snapshot import BookingSnapshot
from booking_site.services.submit_core import submit
from booking_site.services.submit_plan import (
    BookingPlan,
    Confirm,
    HostedCheckout,
    PlaceOrder,
    PlanPayment,
    Settlement,
    SubmitOutcome,
)
from booking_site.services.wix_errors import wix_errors
from booking_site.session import BookingDraft
from booking_site.wix import ContactDetails, Money, Service, VisitorTokens, get_client

__all__ = ["SubmitOutcome", "draft_quote", "ensure_visitor", "submit_booking"]


def draft_quote(draft: BookingDraft, service: Service) -> Quote:
    """The server-side price of the draft's participants (and chosen duration or staff)."""
    options = get_variants(service)
    custom = options if options is not None and options.is_custom else None
    return quote(
        service,
        participants=draft.participants,
        variants=custom if draft.variant_counts else None,
        variant_counts=draft.variant_counts if custom and draft.variant_counts else None,
        unit_variant=variant_choices.unit_variant(
            options,
            minutes=draft.duration_minutes,
            staff_id=draft.slot.staff_id if draft.slot else None,
        ),
    )


def submit_booking(*, draft: BookingDraft, return_url: str, thank_you_url: str) -> SubmitOutcome:
    """Create the Wix booking for a complete draft (once) and start its payment.

    Raises ``BookingError`` with ``slot_taken``, ``class_full``, ``course_full``,
    ``policy_violation``, ``temporarily_unavailable`` … The draft may be submitted again after
    any error: a booking that already exists in Wix is never created twice.
    """
    assert draft.service_id is not None, "guarded by requires_step('review')"
    assert draft.contact is not None, "guarded by requires_step('review')"
    assert draft.payment_option is not None, "guarded by requires_step('review')"
    service = get_service_by_id(draft.service_id)
    variant_choices.check_bookable(service)
    the_quote = draft_quote(draft, service)
    contact = draft.contact
    course = service.type == "COURSE"
    payment_option, deposit_selected = deposits.wix_payment(service, draft.payment_option)
    return submit(
        BookingPlan(
            ref=draft.ref,
            service=service,
            contact=ContactDetails(
                first_name=contact.first_name,
                last_name=contact.last_name,
                email=contact.email,
                phone=contact.phone or None,
                contact_id=None,
            ),
            payment_option=payment_option,
            deposit_selected=deposit_selected,
            snapshot=_snapshot(draft, service, the_quote),
            settlement=_settlement(draft, the_quote, return_url, thank_you_url),
            slot=None if course or draft.slot is None else time_slot_of(draft.slot),
            time_zone=str(business_zone(service).key) if course else None,
            total_participants=the_quote.participants,
            participant_choices=variant_choices.booking_choices(
                get_variants(service),
                counts=draft.variant_counts,
                minutes=draft.duration_minutes,
                participants=the_quote.participants,
            ),
            staff_id=draft.slot.staff_id if draft.slot else None,
            visitor_tokens=draft.tokens,
            form_submission=form_submission(service, contact, draft.answers) or None,
            snapshot_by_staff=_snapshot_by_staff(draft, service),
        )
    )


def _snapshot_by_staff(draft: BookingDraft, service: Service) -> dict[str, BookingSnapshot]:
    """For "anyone available" on a staff-priced service: the snapshot priced for each person.

    The re-check picks who is booked, and the cart is priced for them; the confirmation page
    must say that price, not the service's base price.
    """
    units = variant_choices.any_staff_units(
        get_variants(service), any_staff=draft.slot is not None and draft.slot.any_staff
    )
    snapshots: dict[str, BookingSnapshot] = {}
    for unit in units:
        assert unit.staff_id is not None, "any_staff_units keeps staff member variants"
        assert draft.slot is not None, "an anyone-available draft has a slot"
        slot = dataclasses.replace(draft.slot, staff_id=unit.staff_id)
        priced = draft_quote(dataclasses.replace(draft, slot=slot), service)
        snapshots[unit.staff_id] = _snapshot(draft, service, priced)
    return snapshots


def _settlement(
    draft: BookingDraft, the_quote: Quote, return_url: str, thank_you_url: str
) -> Settlement:
    """Hosted checkout for online payment; otherwise confirm (API key) or place the order.

    Free and pay-in-person bookings are confirmed with Confirm-or-Decline (not Confirm) so Wix
    re-checks availability and applies manual approval (PENDING), as docs/wix-contract.md §7.1
    describes.
    """
    if draft.payment_option in deposits.PAID_ONLINE:
        return HostedCheckout(return_url=return_url, thank_you_url=thank_you_url)
    if draft.payment_option == "MEMBERSHIP" and draft.plan_order_id:
        # The member's plan pays; the booking is the member's (the draft holds their tokens).
        return PlanPayment(draft.plan_order_id, return_url, thank_you_url)
    if get_client().has_api_key:
        return Confirm("EXEMPT" if the_quote.free else "NOT_PAID")
    return PlaceOrder()


def ensure_visitor(draft: BookingDraft) -> VisitorTokens:
    """The customer's Wix visitor token set, minted once before submit.

    Minting it ahead keeps the submit to four sequential Wix calls, and makes every tab and
    parallel request of this customer act as the same Wix visitor, which owns the cart.
    """
    tokens = draft.tokens
    if tokens is not None:
        return tokens
    with wix_errors():
        return get_client().auth.anonymous()


def _snapshot(draft: BookingDraft, service: Service, the_quote: Quote) -> BookingSnapshot:
    """What was booked, for the confirmation page and calendar file."""
    slot = draft.slot
    return BookingSnapshot(
        service_id=service.id,
        service_name=service.name,
        service_slug=service.slug,
        service_type=str(service.type),
        local_start=slot.local_start if slot else None,
        local_end=slot.local_end if slot else None,
        time_zone=slot.time_zone if slot else draft.display_time_zone,
        course_start=service.first_session_start.isoformat()
        if service.first_session_start
        else None,
        course_end=service.last_session_end.isoformat() if service.last_session_end else None,
        sessions=_stored_sessions(service) if slot is None else (),
        staff_name=slot.staff_name if slot else None,
        any_staff=slot.any_staff if slot else False,
        location_name=slot.location_name if slot else None,
        location_address=slot.location_address if slot else None,
        event_id=slot.event_id if slot else None,
        staff_id=slot.staff_id if slot else None,
        location_id=slot.location_id if slot else None,
        location_type=slot.location_type if slot else None,
        participants=the_quote.participants,
        lines=tuple((line.label, line.count) for line in the_quote.lines),
        total=str(the_quote.total.amount) if the_quote.total else None,
        currency=the_quote.total.currency if the_quote.total else None,
        free=the_quote.free,
        payment_option=draft.payment_option,
        due_now=_amount(deposits.due_now(service, the_quote, draft.payment_option)),
        plan_name=draft.plan_name if draft.payment_option == "MEMBERSHIP" else None,
        duration_minutes=draft.duration_minutes,
        first_name=draft.contact.first_name if draft.contact else "",
        email=draft.contact.email if draft.contact else "",
        utm=dict(draft.utm),
    )


def _amount(money: Money | None) -> str | None:
    return str(money.amount) if money is not None else None


def _stored_sessions(
    service: Service,
) -> tuple[tuple[str, str, str | None, str | None, str | None], ...]:
    """A course's sessions for the snapshot (read moments ago by the review page, cached)."""
    if service.type != "COURSE":
        return ()
    return tuple(
        (s.start.isoformat(), s.end.isoformat(), s.location_name, s.location_address, s.staff_name)
        for s in course_sessions(service)
    )
