"""Settling a booking the member's pricing plan pays for (docs/wix-contract.md §28.3-28.4).

The booking was created with the member's token and ``selectedPaymentOption: MEMBERSHIP``;
here its Cart V2 cart is made once with the line's ``membershipPayment`` (the plan order),
and Calculate Cart is the judge of the plan: a blocking ``INVALID_MEMBERSHIP_STATUS`` violation
names the reason (too few sessions left, the plan doesn't cover the service, the plan is
gone), told to the customer in plain words; the caller (``settlement``) then cancels the
booking so it doesn't hold the time. With nothing left to pay the order is placed (Wix
redeems the plan and confirms the booking itself: never Confirm); with something left (add-ons,
a remainder) the customer pays it on the hosted checkout, as any booking.
"""

from __future__ import annotations

from booking_site.errors import BookingError
from booking_site.models import Submission
from booking_site.services import cart, confirmation
from booking_site.services import submission as guard
from booking_site.services.submit_plan import BookingPlan, PlanPayment, SubmitOutcome
from booking_site.wix import VisitorScope

State = Submission.State

# Calculate Cart's ``invalidMembershipStatusData.reason`` → the customer's error code.
_REASONS = {
    "INSUFFICIENT_FUNDS": "plan_insufficient",
    "NOT_APPLICABLE_TO_LINE_ITEMS": "plan_not_applicable",
    "MEMBERSHIP_NOT_FOUND": "plan_unavailable",
    "LINE_ITEM_NOT_FOUND": "plan_unavailable",
}
# Every refusal of a plan, for good: the booking can't be paid this way.
REFUSALS = frozenset({"plan_insufficient", "plan_not_applicable", "plan_unavailable"})


def settle_with_plan(
    plan: BookingPlan, how: PlanPayment, record: Submission, scope: VisitorScope
) -> SubmitOutcome:
    """Pay the booking under ``plan.ref`` with the plan ``how.membership_id``; raises
    ``BookingError`` (a plan refusal, or Wix's translated error as ``WixError``)."""
    cart_id = record.ecom_id
    if not cart_id:
        made = scope.ecom.create(booking_id=record.booking_id, membership_id=how.membership_id)
        guard.record(plan.ref, ecom_id=made.id, ecom_kind=made.kind)
        cart_id = made.id
    basket = scope.ecom.calculate(cart_id)
    if basket.membership_problems:
        reason = basket.membership_problems[0]
        raise BookingError(_REASONS.get(reason, "plan_unavailable"))
    if basket.pay_now is None or basket.pay_now.amount == 0:
        order_id = confirmation.place_order(scope.ecom, cart_id, price_token=basket.price_token)
        guard.record(plan.ref, state=State.DONE, order_id=order_id)
        return SubmitOutcome("done")
    fresh = guard.find(plan.ref) or record
    session = cart.checkout_session(
        fresh,
        scope,
        email=plan.contact.email or None,
        return_url=how.return_url,
        thank_you_url=how.thank_you_url,
    )
    guard.record(plan.ref, state=State.CHECKOUT)
    return SubmitOutcome("checkout", session.full_url)
