"""The one submit, for customers and staff: claim → re-check → create once → settle.

1. **Claim** the ``Submission`` row for the plan's ``ref`` (``services/submission.py``): one
   request at a time works on a booking attempt, across processes and hosts.
2. **Re-check** what is about to be booked (``recheck_before_create``): a course must still
   be open; a slot is re-validated with Wix (``slot_recheck``), which also names the staff
   member an "anyone available" booking is made with.
3. **Create once** (``create_once``): Create Booking has no idempotency key (docs/wix-contract.md
   §14.4). Our ``ref`` travels as the booking's ``externalUserId``, so with the API key we can
   ask Wix whether a request whose answer never arrived (a timeout, a dropped connection, an
   empty or unreadable 2xx) made a booking, adopt it if so, and only otherwise create again.
   The booking and the plan's snapshot are recorded.
4. **Settle** as the plan's ``Settlement`` says (``services/settlement.py``): hosted checkout,
   payment link, Confirm-or-Decline, confirm + record an outside payment, or place the order.

Every step remembers its result in the row, so a retry after any failure carries on where the
last one stopped: never a second booking, cart or order.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from booking_site.errors import BookingError
from booking_site.models import Submission
from booking_site.services import progress, settlement
from booking_site.services import submission as guard
from booking_site.services.availability import forget_service_slots
from booking_site.services.courses import check_course_open
from booking_site.services.slot_recheck import Rechecked, booked_snapshot, recheck_slot
from booking_site.services.submit_plan import (
    BookingPlan,
    Confirm,
    ConfirmPaidOutside,
    HostedCheckout,
    PaymentLink,
    PlaceOrder,
    SubmitOutcome,
)
from booking_site.services.wix_errors import answer_lost, translate, wix_errors
from booking_site.wix import Booking, VisitorScope, WixError, get_client

logger = logging.getLogger(__name__)

State = Submission.State
# The settle step's name by how the plan settles (the progress page words each one).
_SETTLE_STEPS: dict[type, str] = {
    HostedCheckout: "checkout",
    PaymentLink: "payment-link",
    Confirm: "confirm",
    ConfirmPaidOutside: "confirm",
    PlaceOrder: "order",
}


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
            with progress.step(_SETTLE_STEPS.get(type(plan.settlement), "settle")):
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


def recheck_before_create(plan: BookingPlan) -> Rechecked:
    """The last look before Create Booking; raises ``BookingError`` when it would fail.

    Courses: still open, with places for everyone (``courses.check_course_open``). Slots:
    re-validated with Wix (``slot_recheck``), which also picks the concrete staff member an
    "anyone available" booking is made with. Skipped, like Wix's own check, when
    ``plan.skip_availability``.
    """
    if plan.is_course:
        check_course_open(plan.service, participants=plan.snapshot.participants)
        return Rechecked(None)
    if plan.skip_availability or plan.slot is None:
        return Rechecked(plan.staff_id)
    return recheck_slot(
        plan.slot,
        staff_id=plan.staff_id,
        participants=plan.snapshot.participants,
        any_staff=plan.snapshot.any_staff,
    )


def _create(plan: BookingPlan, scope: VisitorScope) -> None:
    """Create Booking once (``create_once``) and record it with the plan's snapshot."""
    creator = scope if plan.creator == "visitor" else get_client()

    rechecked = Rechecked(plan.staff_id)

    def create() -> Booking:
        nonlocal rechecked
        with progress.step("recheck"):
            rechecked = recheck_before_create(plan)
        with progress.step("create"):
            return creator.bookings.create(
                slot=plan.slot,
                course=plan.service if plan.is_course else None,
                time_zone=plan.time_zone,
                contact=plan.contact,
                total_participants=None if plan.participant_choices else plan.total_participants,
                participant_choices=plan.participant_choices,
                payment_option=plan.payment_option,
                deposit_selected=plan.deposit_selected,
                external_user_id=plan.ref,
                staff_id=rechecked.staff_id,
                skip_availability_validation=plan.skip_availability,
                form_submission=plan.form_submission,
            )

    booking = create_once(plan.ref, create)
    guard.record(
        plan.ref,
        state=State.CREATED,
        booking_id=booking.id,
        booking_revision=booking.revision,
        summary=booked_snapshot(
            plan.snapshot_for(booking.resource.id if booking.resource else rechecked.staff_id),
            booking,
            rechecked,
        ).to_json(),
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


def create_once(ref: str, create: Callable[[], Booking]) -> Booking:
    """The booking for ``ref``: adopted from Wix after an earlier lost answer, or ``create()``d.

    The caller holds the submit claim on ``ref`` and records the booking it gets back. Raises
    ``BookingError``: the translated refusal (row FAILED, a retry may create), or
    ``outcome_unknown`` (no API key to ask) / ``outcome_pending`` (the look-up failed too)
    while Wix can't tell; the row then stays UNKNOWN, so the next try asks Wix first again.
    """
    record = guard.find(ref)
    if record is not None and record.state == State.UNKNOWN:
        found = _look_up(ref, cause=None)
        if found is not None:
            return found
    try:
        return create()
    except BookingError:
        guard.record(ref, state=State.FAILED)
        raise
    except WixError as exc:
        if not answer_lost(exc):
            guard.record(ref, state=State.FAILED)
            raise translate(exc) from exc
        # Wix may or may not have created it: find out before anyone may try again.
        guard.record(ref, state=State.UNKNOWN)
        found = _look_up(ref, cause=exc)
        if found is None:
            # Not there (yet): the row stays UNKNOWN, so the next try asks again first, in
            # case Wix finishes the lost request late.
            raise translate(exc) from exc
        return found


def lookup_by_ref(ref: str) -> Booking | None:
    """The Wix booking made under our reference (``externalUserId``), via the API key."""
    client = get_client()
    if not client.has_api_key:
        return None
    with wix_errors():
        found = client.extended_bookings.query(external_user_id=ref)
    return found[0].booking if found else None


def _look_up(ref: str, *, cause: WixError | None) -> Booking | None:
    """Ask Wix whether ``ref`` made a booking; raise while that can't be known."""
    if not get_client().has_api_key:
        # Creating again could double the booking, and Wix can't be asked.
        raise BookingError("outcome_unknown") from cause
    try:
        with progress.step("lookup"):
            return lookup_by_ref(ref)
    except BookingError as lookup_failed:
        # Still can't tell: never create again blindly; the customer may simply retry later.
        raise BookingError("outcome_pending", wix_request_id=lookup_failed.wix_request_id) from (
            cause or lookup_failed
        )
