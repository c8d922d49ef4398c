"""The member's plans and what is left on them; the site's plans; which plan may pay a service.

docs/wix-contract.md §28.2: the member's plan orders come from Pricing Plans (member token),
the sessions left from Benefit Programs balances (API key; the pool is linked to the order by
its external program id, else to the plan by its external program definition id — inferred,
so a plan without a matching pool shows no count rather than a wrong one). Which plans pay
for a service is on the service (``payment.pricingPlanIds``); Wix never lets plans pay for
courses or services that need the business's approval, so neither does the site.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from booking_site.errors import BookingError
from booking_site.member_session import SignedIn
from booking_site.services import catalogue
from booking_site.services.caching import cached_read
from booking_site.services.wix_errors import wix_errors
from booking_site.wix import Balance, Plan, PlanOrder, Service, VisitorTokens, WixError, get_client

logger = logging.getLogger(__name__)
PLANS_TTL = 300.0

# Why a signed-in member is offered no plan for a service (the page words each one).
NoPlanReason = Literal["course", "approval", "not_offered", "none_cover", "none_left"]


@dataclass(frozen=True)
class MemberPlan:
    """One plan the member holds now: how many sessions are left of how many, until when."""

    order_id: str
    plan_id: str
    name: str
    left: int | None
    total: int | None
    until: datetime | None
    # Every service it pays for is a class (the page then counts classes, not sessions).
    classes_only: bool = False


@dataclass(frozen=True)
class MemberPlans:
    """The member's usable plans, and their tokens after any refresh (to keep)."""

    plans: tuple[MemberPlan, ...]
    tokens: VisitorTokens | None


@dataclass(frozen=True)
class PlanListing:
    """A plan on the plans page: the plan and the names of the services it pays for."""

    plan: Plan
    services: tuple[Service, ...]


@dataclass(frozen=True)
class PlanOffer:
    """The plans the member may pay ``service`` with; when none, why (``reason``)."""

    plans: tuple[MemberPlan, ...]
    reason: NoPlanReason | None
    tokens: VisitorTokens | None


def _as_int(balance_value: object) -> int | None:
    try:
        return int(str(balance_value).split(".")[0])
    except ValueError:
        return None


def member_plans(signed_in: SignedIn, *, now: datetime | None = None) -> MemberPlans:
    """The member's plans usable now, with sessions left where Wix says; raises
    ``BookingError`` when Wix can't list them."""
    now = now or datetime.now(UTC)
    scope = get_client().for_visitor(signed_in.member_tokens)
    with wix_errors():
        orders = [o for o in scope.plans.member_orders() if o.usable_at(now)]
    balances = _balances(signed_in.member_id) if orders else ()
    plans = tuple(_with_balance(order, balances, _classes_only(order)) for order in orders)
    return MemberPlans(plans, scope.tokens)


def _classes_only(order: PlanOrder) -> bool:
    try:
        services = [s for group in catalogue.list_services() for s in group.services]
    except BookingError:
        return False
    covered = [s for s in services if order.plan_id in s.payment.pricing_plan_ids]
    return bool(covered) and all(s.type == "CLASS" for s in covered)


def _balances(member_id: str) -> tuple[Balance, ...]:
    client = get_client()
    if not client.has_api_key:
        return ()  # balances need the API key: plans are shown without a count
    try:
        return client.balances.query_for_member(member_id)
    except WixError as exc:
        logger.warning("plan balances unavailable", extra={"error": type(exc).__name__})
        return ()


def _with_balance(
    order: PlanOrder, balances: tuple[Balance, ...], classes_only: bool
) -> MemberPlan:
    pool = next((b for b in balances if b.program_id == order.id), None) or next(
        (b for b in balances if b.plan_id == order.plan_id and b.program_id is None), None
    )
    left = _as_int(pool.available) if pool else None
    total = _as_int(pool.credit_amount) if pool and pool.credit_amount is not None else None
    return MemberPlan(
        order.id, order.plan_id, order.plan_name, left, total, order.end, classes_only
    )


def plans_allowed_for(service: Service) -> NoPlanReason | None:
    """Why plans can never pay for ``service`` (Wix's rule and the service's options), or None."""
    if service.type == "COURSE":
        return "course"
    if service.requires_manual_approval:
        return "approval"
    if not service.payment.pricing_plan or not service.payment.pricing_plan_ids:
        return "not_offered"
    return None


def plan_offer(signed_in: SignedIn, service: Service, *, participants: int = 1) -> PlanOffer:
    """The member's plans that pay for ``service`` and have sessions for ``participants``.

    A plan with no known count is offered: Cart V2's calculation is the judge at submit.
    Raises ``BookingError`` when Wix can't list the member's plans.
    """
    reason = plans_allowed_for(service)
    if reason is not None:
        return PlanOffer((), reason, None)
    held = member_plans(signed_in)
    covering = [p for p in held.plans if p.plan_id in service.payment.pricing_plan_ids]
    if not covering:
        return PlanOffer((), "none_cover", held.tokens)
    enough = tuple(p for p in covering if p.left is None or p.left >= participants)
    return PlanOffer(enough, None if enough else "none_left", held.tokens)


def public_plans() -> tuple[PlanListing, ...]:
    """The site's public plans with the services each pays for (cached); raises
    ``BookingError`` when Wix is down and nothing is cached."""
    with wix_errors():
        plans = cached_read(
            "plans:public", lambda: get_client().plans.query_public(), ttl=PLANS_TTL
        )
    services = [s for group in catalogue.list_services() for s in group.services]
    return tuple(
        PlanListing(
            plan,
            tuple(
                s
                for s in services
                if plan.id in s.payment.pricing_plan_ids and not plans_allowed_for(s)
            ),
        )
        for plan in plans
    )


def find_public_plan(plan_id: str) -> Plan:
    """A public, buyable plan by id; ``BookingError("plan_not_found")`` otherwise."""
    for listing in public_plans():
        if listing.plan.id == plan_id and listing.plan.buyable:
            return listing.plan
    raise BookingError("plan_not_found")
