"""Orders: placing a cart, creating an order from a checkout, and custom-checkout orders."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from . import demo as d
from . import plans
from .auth import require_admin
from .booking_actions import confirm_or_decline
from .context import Ctx
from .ecom import find_basket, raise_calculation_errors
from .errors import FieldViolation, app_error, invalid_fields
from .pricing import ZERO, amount, price_summary, totals
from .state import Basket, State
from .timeutil import utc_text

ORDER_PAYMENT_STATUSES = (
    "UNSPECIFIED",
    "NOT_PAID",
    "PAID",
    "PARTIALLY_REFUNDED",
    "FULLY_REFUNDED",
    "PENDING",
    "PARTIALLY_PAID",
    "PENDING_MERCHANT",
    "CANCELED",
    "DECLINED",
)


def _new_order(state: State, now: Any, body: dict[str, Any]) -> dict[str, Any]:
    stamp = utc_text(now)
    order = {
        "id": str(uuid.uuid4()),
        "number": str(state.next_order_number),
        "createdDate": stamp,
        "updatedDate": stamp,
        "currency": d.CURRENCY,
        "status": "APPROVED",
        "fulfillmentStatus": "NOT_FULFILLED",
        "archived": False,
        "taxIncludedInPrices": False,
        "seenByAHuman": False,
    } | body
    state.next_order_number += 1
    state.orders[order["id"]] = order
    return order


def complete_basket(state: State, basket: Basket, now: Any, *, paid_online: bool) -> str:
    """Create the order for a basket and move its bookings on, as Wix does after checkout.

    Each booking goes through Confirm-or-Decline with the payment status Wix would give
    it: PAID when paid online, PARTIALLY_PAID when only the deposit was, NOT_PAID when paying
    in person, EXEMPT when free.
    """
    t = totals(state, basket)
    basket.frozen = t
    for line in t["lines"]:
        record = state.bookings[line["catalogReference"]["catalogItemId"]]
        price = Decimal(line["price"]["amount"])
        if line["paymentOption"] == "MEMBERSHIP":
            payment = "PAID"  # redeemed from the member's plan (§28.4)
        elif price == ZERO:
            payment = "EXEMPT"
        elif line["paymentOption"] == "FULL_PAYMENT_ONLINE" and paid_online:
            payment = "PAID"
        elif line["paymentOption"] == "DEPOSIT_ONLINE" and paid_online:
            payment = "PARTIALLY_PAID"  # the deposit now, the rest at the venue (§19.4)
        else:
            payment = "NOT_PAID"
        confirm_or_decline(state, record, payment, now)
    due = t["total"] - (t["pay_now"] if paid_online else ZERO)
    if due == ZERO:
        status = "PAID"
    elif due == t["total"]:
        status = "NOT_PAID"
    else:
        status = "PARTIALLY_PAID"
    order = _new_order(
        state,
        now,
        {
            "lineItems": [_order_line(line) for line in t["lines"]],
            "buyerInfo": {"visitorId": basket.owner, **basket.buyer},
            "paymentStatus": status,
            "priceSummary": price_summary(t["total"]),
            "balanceSummary": {"balance": amount(due), "paid": amount(t["total"] - due)},
            "channelInfo": {"type": basket.channel_type},
            "checkoutId": basket.id,
            "purchaseFlowId": d.demo_id("flow", basket.id),
        },
    )
    basket.completed, basket.order_id = True, str(order["id"])
    basket.revision += 1
    return str(order["id"])


def _order_line(line: dict[str, Any]) -> dict[str, Any]:
    keep = (
        "id",
        "productName",
        "catalogReference",
        "quantity",
        "price",
        "fullPrice",
        "priceBeforeDiscounts",
        "totalPriceAfterTax",
        "totalPriceBeforeTax",
        "itemType",
        "paymentOption",
        "image",
        "descriptionLines",
        "rootCatalogItemId",
    )
    return {k: line[k] for k in keep if k in line}


def _check_payable(t: dict[str, Any], paid_code: str, basket: Basket) -> None:
    if basket.completed:
        raise app_error(
            428, paid_code, "an order was already created for it", {"orderId": basket.order_id}
        )
    raise_calculation_errors(t)
    if t["pay_now"] > ZERO:
        # Paying online happens on the hosted checkout (redirect session), not here.
        raise app_error(
            428,
            "PAYMENT_ERROR",
            "the total must be paid online through the hosted checkout",
            {"reason": "ONLINE_PAYMENT_REQUIRED", "payNow": f"{t['pay_now']:.2f}"},
        )


def place_cart_order(ctx: Ctx) -> dict[str, Any]:
    """POST /ecom/v2/carts/{id}/place-order: free or pay-in-person carts only."""
    basket = find_basket(ctx, "cart", ctx.params["id"])
    _check_payable(totals(ctx.state, basket), "CART_ALREADY_CHECKED_OUT", basket)
    plans.redeem(ctx.state, basket, ctx.now)
    order_id = complete_basket(ctx.state, basket, ctx.now, paid_online=False)
    return {"orderId": order_id, "paymentGatewayOrderId": None, "completed": True}


def create_checkout_order(ctx: Ctx) -> dict[str, Any]:
    """POST /ecom/v1/checkouts/{id}/create-order: free or pay-in-person checkouts only."""
    basket = find_basket(ctx, "checkout", ctx.params["id"])
    _check_payable(totals(ctx.state, basket), "CHECKOUT_ALREADY_PAID", basket)
    order_id = complete_basket(ctx.state, basket, ctx.now, paid_online=False)
    return {"orderId": order_id, "subscriptionId": None, "paymentGatewayOrderId": None}


def create_order(ctx: Ctx) -> dict[str, Any]:
    """POST /ecom/v1/orders (API key): record a custom-checkout sale; bookings untouched."""
    require_admin(ctx)
    order = ctx.request.json.get("order")
    order = order if isinstance(order, dict) else {}
    problems = [
        FieldViolation(f"order.{f}", "is required")
        for f in ("channelInfo", "lineItems", "priceSummary")
        if not order.get(f)
    ]
    for n, line in enumerate(order.get("lineItems") or []):
        for path in (
            "catalogReference.appId",
            "catalogReference.catalogItemId",
            "itemType",
            "price",
            "productName.original",
            "quantity",
        ):
            value: Any = line
            for part in path.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            if value in (None, ""):
                problems.append(FieldViolation(f"order.lineItems[{n}].{path}", "is required"))
    if problems:
        raise invalid_fields(problems)
    payment = order.get("paymentStatus") or "NOT_PAID"
    if payment not in ORDER_PAYMENT_STATUSES:
        raise invalid_fields([FieldViolation("order.paymentStatus", "is not a valid status")])
    total = Decimal(str((order["priceSummary"].get("total") or {}).get("amount") or "0"))
    approved = payment == "PAID" or total == ZERO
    allowed = ("lineItems", "priceSummary", "buyerInfo", "channelInfo", "billingInfo", "currency")
    fields = {k: order[k] for k in allowed if k in order}
    created = _new_order(
        ctx.state,
        ctx.now,
        fields
        | {
            "paymentStatus": payment,
            "status": "APPROVED" if approved else "INITIALIZED",
        },
    )
    return {"order": created}
