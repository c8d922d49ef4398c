"""Settling a created booking as the plan's ``Settlement`` says
(docs/wix-contract.md §7.1, §11, §15).

- ``HostedCheckout`` / ``PaymentLink``: the booking's cart (made once, kept in the row) and a
  one-time redirect session, as the visitor (``services/cart.py``); the customer is sent to
  it, or staff are shown it;
- ``Confirm``: Confirm-or-Decline with ``EXEMPT`` or ``NOT_PAID`` (API key), which applies
  manual approval (PENDING) and never declines a booking that skipped availability;
- ``ConfirmPaidOutside``: Confirm-or-Decline ``PAID``, then eCommerce Create Order recording
  our quote and how it was paid (the custom-checkout recipe, §15.1);
- ``PlaceOrder``: the visitor places the cart's order without payment (no API key);
- ``PlanPayment``: the member's pricing plan pays (``services/plan_payment.py``).

Each step records its result in the ``Submission`` row (cart id, confirmed, order id), so a
retry continues where the last one stopped.
"""

from __future__ import annotations

from booking_site.errors import BookingError
from booking_site.models import Submission
from booking_site.services import cart, confirmation, plan_payment
from booking_site.services import submission as guard
from booking_site.services.outcome import start_over
from booking_site.services.snapshot import BookingSnapshot
from booking_site.services.submit_plan import (
    BookingPlan,
    Confirm,
    ConfirmPaidOutside,
    HostedCheckout,
    PaymentLink,
    PlaceOrder,
    PlanPayment,
    SubmitOutcome,
)
from booking_site.services.wix_errors import once_booked, translate
from booking_site.wix import VisitorScope, WixError, get_client

State = Submission.State


def settle(plan: BookingPlan, scope: VisitorScope) -> SubmitOutcome:
    """Pay for, or confirm, the booking recorded under ``plan.ref``; the caller holds the claim.

    The booking exists from here on, so a failure never says "Nothing was booked": a passing
    one (Wix down, throttling) keeps it for the retry (``booking_held``); a refusal for good
    (payment not possible) cancels it when ``plan.cancel_unpayable``, rather than leave it
    holding the slot.
    """
    record = guard.find(plan.ref)
    if record is None or not record.booking_id:
        raise BookingError("unknown")
    try:
        if record.ecom_id and not cart.awaits_payment(record, scope):
            return SubmitOutcome("done")  # paid already: a new checkout link couldn't be paid
        return _settle(plan, record, scope)
    except WixError as exc:
        raise _booking_kept(plan, translate(exc)) from exc
    except BookingError as exc:
        raise _booking_kept(plan, exc) from exc


def _settle(plan: BookingPlan, record: Submission, scope: VisitorScope) -> SubmitOutcome:
    how = plan.settlement
    email = plan.contact.email or None
    match how:
        case HostedCheckout(return_url=return_url, thank_you_url=thank_you_url):
            session = cart.checkout_session(
                record, scope, email=email, return_url=return_url, thank_you_url=thank_you_url
            )
            guard.record(plan.ref, state=State.CHECKOUT)
            return SubmitOutcome("checkout", session.full_url)
        case PaymentLink(return_url=return_url):
            session = cart.checkout_session(
                record, scope, email=email, return_url=return_url, thank_you_url=return_url
            )
            snapshot = _snapshot(plan.ref).with_changes(payment_link=session.full_url)
            guard.record(plan.ref, state=State.CHECKOUT, summary=snapshot.to_json())
            _audit(plan, "payment_link", record)
        case Confirm(payment_status=payment_status):
            _confirm(plan, record, payment_status)
            guard.record(plan.ref, state=State.DONE)
        case ConfirmPaidOutside():
            _confirm(plan, record, "PAID")
            if not record.order_id:
                _record_outside_payment(plan, how, record)
            guard.record(plan.ref, state=State.DONE)
        case PlaceOrder():
            ecom_id = cart.ensure_cart(record, scope, email=email)
            order_id = confirmation.place_order(scope.ecom, ecom_id)
            guard.record(plan.ref, state=State.DONE, order_id=order_id)
        case PlanPayment():
            return plan_payment.settle_with_plan(plan, how, record, scope)
    return SubmitOutcome("done")


def _snapshot(ref: str) -> BookingSnapshot:
    record = guard.find(ref)
    return BookingSnapshot.from_json(record.summary if record is not None else None)


def _confirm(plan: BookingPlan, record: Submission, payment_status: str) -> None:
    """Confirm-or-Decline once (``confirmed`` in the snapshot); the revision and contact kept."""
    snapshot = _snapshot(plan.ref)
    if snapshot.confirmed:
        return
    booking = confirmation.confirm_or_decline(
        booking_id=record.booking_id, payment_status=payment_status
    )
    # None: Wix says it is already settled, but it could not be read back just now.
    contact_id = booking.contact.contact_id if booking is not None else None
    snapshot = snapshot.with_changes(confirmed=True, contact_id=contact_id)
    revision = booking.revision if booking is not None else record.booking_revision
    guard.record(plan.ref, booking_revision=revision, summary=snapshot.to_json())
    _audit(
        plan,
        "confirm_or_decline",
        record,
        payment_status=payment_status,
        status=str(booking.status) if booking is not None else "ALREADY_SET",
        double_booked=booking.double_booked if booking is not None else None,
    )


def _record_outside_payment(plan: BookingPlan, how: ConfirmPaidOutside, record: Submission) -> None:
    """eCommerce Create Order for a payment taken outside Wix (API key)."""
    if how.total is None:
        # The price became "on request" since it was chosen: there is no amount to record.
        raise BookingError("payment_unavailable")
    order = get_client().orders.create(
        booking_id=record.booking_id,
        product_name=plan.service.name,
        amount=how.total.amount,
        currency=how.total.currency,
        buyer_email=plan.contact.email or "",
        contact_id=_snapshot(plan.ref).contact_id,
        payment_status="PAID",
        # How it was paid travels with the order, next to our reference.
        external_order_id=f"{how.paid_with or 'other_provider'}:{plan.ref}",
    )
    guard.record(plan.ref, order_id=order.id)
    _audit(
        plan,
        "create_order",
        record,
        order_id=order.id,
        amount=str(how.total.amount),
        paid_with=how.paid_with,
    )


def _audit(plan: BookingPlan, action: str, record: Submission, **details: object) -> None:
    if plan.audit is not None:
        plan.audit(action, booking_id=record.booking_id, ref=plan.ref, **details)


def _booking_kept(plan: BookingPlan, error: BookingError) -> BookingError:
    """What to tell the submitter when a step after Create Booking failed with ``error``."""
    if error.unpayable and plan.cancel_unpayable:
        start_over(plan.ref)  # cancelled in Wix (API key), so it doesn't hold the time for nobody
    return once_booked(error)
