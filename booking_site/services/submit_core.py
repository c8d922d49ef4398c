"""The one submit, for customers and staff: claim → re-check → create once → settle.

1. **Claim** the ``Submission`` row for the plan's ``ref`` (``services/submission.py``): one
   request at a time works on a booking attempt, across processes and hosts.
2. **Re-check** what is about to be booked (``recheck_before_create``): a course must still
   be open.
3. **Create once** (``recovery.create_once``): Create Booking has no idempotency key
   (wix-api.md §14.4), so a lost answer is looked up by our ``ref`` (``externalUserId``)
   before anyone may create again; the booking and the plan's snapshot are recorded.
4. **Settle** as the plan's ``Settlement`` says (``services/settlement.py``): hosted checkout,
   payment link, Confirm-or-Decline, confirm + record an outside payment, or place the order.

Every step remembers its result in the row, so a retry after any failure carries on where the
last one stopped: never a second booking, cart or order.
"""

from __future__ import annotations

import dataclasses
import logging

from booking_site.models import Submission
from booking_site.services import recovery, settlement
from booking_site.services import submission as guard
from booking_site.services.availability import forget_service_slots
from booking_site.services.courses import check_course_open
from booking_site.services.submit_plan import BookingPlan, PaymentLink, SubmitOutcome
from booking_site.wix import Booking, VisitorScope, get_client

logger = logging.getLogger(__name__)

State = Submission.State


def submit(plan: BookingPlan) -> SubmitOutcome:
    """Create the plan's Wix booking (once) and settle it; where the submitter goes next.

    ``processing`` when another request holds the claim (after waiting, if the plan waits).
    Raises ``BookingError``: Wix's translated refusal before the booking exists (``slot_taken``,
    ``class_full``, ``course_full`` …, the row FAILED so a retry may create), ``outcome_unknown``
    / ``outcome_pending`` while a lost answer can't be checked, and ``booking_held`` or a
    refusal for good once it exists. Submitting the same ``ref`` again is always safe.
    """
    claimed = guard.claim_when_free(plan.ref) if plan.wait_for_claim else guard.claim(plan.ref)
    if not claimed:
        return SubmitOutcome("processing")
    scope = get_client().for_visitor(plan.visitor_tokens)
    try:
        record = guard.find(plan.ref)
        assert record is not None, "claim() made the row"
        if _settled(record, plan):
            outcome = SubmitOutcome("done")
        else:
            if not record.booking_id:
                _create(plan, scope)
            outcome = settlement.settle(plan, scope)
    finally:
        guard.release(plan.ref)
    return dataclasses.replace(outcome, visitor_tokens=scope.tokens)


def _settled(record: Submission, plan: BookingPlan) -> bool:
    """Whether an earlier submit finished: confirmed, or (payment link) the link was made.

    A customer's CHECKOUT is not finished: a checkout session URL works once, so a retry makes
    a fresh one for the same cart.
    """
    if record.state == State.DONE:
        return True
    return record.state == State.CHECKOUT and isinstance(plan.settlement, PaymentLink)


def recheck_before_create(plan: BookingPlan) -> None:
    """The last look before Create Booking; raises ``BookingError`` when it would fail.

    Courses: still open, with places for everyone (``courses.check_course_open``). Slots are
    not re-read yet: Create Booking itself refuses a taken one (``slot_taken``); a Get
    Availability Time Slot check belongs here when it is added, skipped like Wix's own
    check when ``plan.skip_availability``.
    """
    if plan.is_course:
        check_course_open(plan.service, participants=plan.snapshot.participants)


def _create(plan: BookingPlan, scope: VisitorScope) -> None:
    """Create Booking once (``recovery.create_once``) and record it with the plan's snapshot."""
    creator = scope if plan.creator == "visitor" else get_client()

    def create() -> Booking:
        recheck_before_create(plan)
        return creator.bookings.create(
            slot=plan.slot,
            course=plan.service if plan.is_course else None,
            time_zone=plan.time_zone,
            contact=plan.contact,
            total_participants=None if plan.participant_choices else plan.total_participants,
            participant_choices=plan.participant_choices,
            payment_option=plan.payment_option,
            external_user_id=plan.ref,
            staff_id=plan.staff_id,
            skip_availability_validation=plan.skip_availability,
        )

    booking = recovery.create_once(plan.ref, create)
    guard.record(
        plan.ref,
        state=State.CREATED,
        booking_id=booking.id,
        booking_revision=booking.revision,
        summary=plan.snapshot.to_json(),
    )
    forget_service_slots(plan.service.id)
    logger.info("booking created", extra={"ref": plan.ref, "booking_id": booking.id})
    if plan.audit is not None:
        plan.audit(
            "create_booking",
            booking_id=booking.id,
            ref=plan.ref,
            skip_availability=plan.skip_availability,
            participants=plan.snapshot.participants,
        )
