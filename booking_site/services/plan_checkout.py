"""Buying a pricing plan on Wix's hosted plan checkout (docs/wix-contract.md §28.5).

Plan purchases are for members only, so the redirect session (``paidPlansCheckout``) is made
with the member's token; Wix sends the customer back to the thank-you URL with
``planOrderId`` (never trusted: the plans are read again from Wix afterwards).
"""

from __future__ import annotations

from dataclasses import dataclass

from booking_site.member_session import SignedIn
from booking_site.services.member_plans import find_public_plan
from booking_site.services.wix_errors import wix_errors
from booking_site.wix import VisitorTokens, get_client


@dataclass(frozen=True)
class PlanCheckout:
    """Where to send the member, and their tokens after any refresh."""

    url: str
    tokens: VisitorTokens | None


def plan_checkout(
    signed_in: SignedIn, *, plan_id: str, return_url: str, thank_you_url: str, plans_url: str
) -> PlanCheckout:
    """A one-time hosted checkout for a public, buyable plan; raises ``BookingError``
    (``plan_not_found``, or Wix's translated refusal)."""
    plan = find_public_plan(plan_id)
    scope = get_client().for_visitor(signed_in.member_tokens)
    with wix_errors():
        session = scope.redirects.create_for_plan_checkout(
            plan_id=plan.id,
            post_flow_url=return_url,
            thank_you_url=thank_you_url,
            plan_list_url=plans_url,
        )
    return PlanCheckout(session.full_url, scope.tokens)
