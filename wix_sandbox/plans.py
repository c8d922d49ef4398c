"""Pricing plans: Plans V3 query, a member's orders, balances, and paying a cart line with a plan.

docs/wix-contract.md §28.2-28.4. A cart line carries ``membershipPayment.existingMembership``
(the plan order id); Calculate Cart then reports a blocking ``INVALID_MEMBERSHIP_STATUS``
violation when the plan can't pay (``MEMBERSHIP_NOT_FOUND``: not the member's or not active;
``NOT_APPLICABLE_TO_LINE_ITEMS``: the plan doesn't cover the service; ``INSUFFICIENT_FUNDS``:
fewer sessions left than participants). Placing the order redeems one session per
participant, and cancelling a plan-paid booking gives them back (Wix's rule, §28.4).
"""

from __future__ import annotations

from typing import Any

from . import demo as d
from . import demo_plans
from .auth import require_admin
from .context import Ctx
from .errors import app_error
from .member_state import PlanOrderRecord
from .members import require_member
from .state import Basket, State
from .timeutil import utc_text

PRICING_PLANS_APP_ID = "1522827f-c56c-a5c9-2ac9-00f9e6ae12d3"


def plan_doc(plan: demo_plans.PlanSpec) -> dict[str, Any]:
    """A Plans V3 ``plan``."""
    return {
        "id": plan.id,
        "revision": "1",
        "name": plan.name,
        "description": plan.description,
        "slug": plan.key.replace("_", "-"),
        "visibility": "PUBLIC" if plan.public else "HIDDEN",
        "buyable": True,
        "currency": d.CURRENCY,
        "maxPurchasesPerBuyer": 0,
        "buyerCanCancel": True,
        "perks": [{"id": d.demo_id("perk", p), "description": p} for p in plan.perks],
        "pricingVariants": [
            {
                "id": d.demo_id("variant", plan.key),
                "name": plan.name,
                "freeTrialDays": 0,
                "fees": [],
                "billingTerms": {
                    "billingCycle": {"period": "MONTH", "count": str(plan.months)},
                    "startType": "ON_PURCHASE",
                    "endType": "CYCLES_COMPLETED",
                    "cyclesCompletedDetails": {"billingCycleCount": 1},
                },
                "pricingStrategies": [{"flatRate": {"amount": f"{plan.price:.2f}"}}],
            }
        ],
    }


def query_plans(ctx: Ctx) -> dict[str, Any]:
    """GET /pricing-plans/v3/plans/query: visitors see the PUBLIC plans."""
    plans = [p for p in demo_plans.PLANS if p.public or ctx.admin]
    return {
        "plans": [plan_doc(p) for p in plans],
        "pagingMetadata": {"count": len(plans), "cursors": {}, "hasNext": False},
    }


def order_doc(state: State, order: PlanOrderRecord, now: Any) -> dict[str, Any]:
    plan = demo_plans.plan(order.plan_id)
    member = state.members.accounts.get(order.member_id)
    return {
        "id": order.id,
        "planId": order.plan_id,
        "subscriptionId": d.demo_id("subscription", order.id),
        "buyer": {"memberId": order.member_id, "contactId": member.contact_id if member else None},
        "type": "ONLINE",
        "status": order.status if order.end > now else "ENDED",
        "lastPaymentStatus": "PAID",
        "autoRenewCanceled": False,
        "startDate": utc_text(order.start),
        "endDate": utc_text(order.end),
        "planName": plan.name if plan else "",
        "planDescription": plan.description if plan else "",
        "planPrice": f"{plan.price:.2f}" if plan else "0",
        "createdDate": utc_text(order.start),
        "updatedDate": utc_text(order.start),
    }


def member_list_orders(ctx: Ctx) -> dict[str, Any]:
    """GET /pricing-plans/v2/member/orders (member token only)."""
    member = require_member(ctx)
    orders = [o for o in ctx.state.members.orders.values() if o.member_id == member.id]
    docs = [order_doc(ctx.state, o, ctx.now) for o in orders]
    return {"orders": docs, "pagingMetadata": {"count": len(docs), "offset": 0, "total": len(docs)}}


def query_balances(ctx: Ctx) -> dict[str, Any]:
    """POST /benefit-programs/v1/balances/query (API key): one pool per plan order."""
    require_admin(ctx)
    query = ctx.request.json.get("query") or {}
    wanted = ((query.get("filter") or {}).get("beneficiary.memberId") or {}).get("$eq")
    balances = [
        {
            "id": d.demo_id("pool", o.id),
            "revision": "1",
            "beneficiary": {"memberId": o.member_id},
            "amount": {"available": str(o.available), "reserved": "0"},
            "poolInfo": {
                "id": d.demo_id("pool", o.id),
                "creditAmount": str(o.credits),
                "namespace": "@wix/pricing-plans",
                "externalProgramDefinitionId": o.plan_id,
                "externalProgramId": o.id,
                "status": "ACTIVE",
            },
        }
        for o in ctx.state.members.orders.values()
        if wanted is None or o.member_id == wanted
    ]
    return {"balances": balances, "pagingMetadata": {"count": len(balances), "cursors": {}}}


def memberships_of(items: list[Any], booking_ids: list[str]) -> dict[str, str]:
    """Create Cart's ``membershipPayment.existingMembership`` per booking line."""
    chosen: dict[str, str] = {}
    for item, booking_id in zip(items, booking_ids, strict=True):
        payment = (item or {}).get("membershipPayment") or {}
        existing = payment.get("existingMembership") or {}
        if existing.get("membershipId"):
            if existing.get("appId") != PRICING_PLANS_APP_ID:
                raise app_error(400, "INVALID_MEMBERSHIP_PAYMENT_OPTION", "unknown membership app")
            chosen[booking_id] = str(existing["membershipId"])
    return chosen


def check_memberships(state: State, basket: Basket) -> None:
    """Create Cart's refusal: a plan on a line whose booking isn't paid with one."""
    for booking_id in basket.memberships:
        record = state.bookings.get(booking_id)
        option = record.doc.get("selectedPaymentOption") if record else None
        if option not in ("MEMBERSHIP", "MEMBERSHIP_OFFLINE"):
            raise app_error(
                400,
                "INVALID_MEMBERSHIP_PAYMENT_OPTION",
                "membershipPayment needs a booking made with selectedPaymentOption MEMBERSHIP",
                {"invalidItems": [{"invalidItemId": booking_id}]},
            )


def violations(state: State, basket: Basket, now: Any) -> list[dict[str, Any]]:
    """Calculate Cart's MEMBERSHIP violations for the basket's plan-paid lines."""
    found = []
    for booking_id, order_id in basket.memberships.items():
        record = state.bookings.get(booking_id)
        order = state.members.orders.get(order_id)
        if record is None:
            reason = "LINE_ITEM_NOT_FOUND"
        elif order is None or order.member_id != basket.member_id or not now < order.end:
            reason = "MEMBERSHIP_NOT_FOUND"
        elif record.service.key not in _services(order):
            reason = "NOT_APPLICABLE_TO_LINE_ITEMS"
        elif order.available < record.participants:
            reason = "INSUFFICIENT_FUNDS"
        else:
            continue
        found.append(
            {
                "severity": "ERROR",
                "scope": "MEMBERSHIP",
                "code": "INVALID_MEMBERSHIP_STATUS",
                "description": f"the membership can't pay for this line ({reason})",
                "invalidMembershipStatusData": {"membershipId": order_id, "reason": reason},
            }
        )
    return found


def _services(order: PlanOrderRecord) -> tuple[str, ...]:
    plan = demo_plans.plan(order.plan_id)
    return plan.services if plan else ()


def redeem(state: State, basket: Basket, now: Any) -> None:
    """Place Order: one session per participant from each line's plan."""
    if violations(state, basket, now):
        raise app_error(428, "INVALID_MEMBERSHIP", "a membership can no longer pay for this cart")
    for booking_id, order_id in basket.memberships.items():
        state.members.orders[order_id].available -= state.bookings[booking_id].participants


def give_back(state: State, booking_id: str) -> None:
    """A cancelled plan-paid booking's sessions go back into the plan (§28.4)."""
    for basket in state.baskets.values():
        order_id = basket.memberships.get(booking_id)
        if basket.completed and order_id in state.members.orders:
            state.members.orders[order_id].available += state.bookings[booking_id].participants
            basket.memberships.pop(booking_id)
            return


def membership_summary(basket: Basket) -> list[dict[str, Any]]:
    return [
        {
            "id": order_id,
            "appId": PRICING_PLANS_APP_ID,
            "lineItemIds": [d.demo_id("line", f"{basket.id}:{b}")],
        }
        for b, order_id in basket.memberships.items()
    ]
