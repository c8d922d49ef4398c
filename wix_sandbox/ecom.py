"""eCommerce Checkout V1 and Cart V2 documents and endpoints (docs/wix-contract.md §9)."""

from __future__ import annotations

import uuid
from typing import Any

from . import demo as d
from . import plans
from .auth import check_owner
from .catalog import SITE_URL
from .context import Ctx
from .errors import app_error, invalid, not_found
from .pricing import price_summary, totals
from .state import Basket, State
from .timeutil import utc_text


def checkout_doc(state: State, basket: Basket) -> dict[str, Any]:
    """A Checkout V1 object (or the body of a Cart V2 cart, see ``cart_doc``)."""
    t = totals(state, basket)
    stamp = utc_text(basket.created)
    return {
        "id": basket.id,
        "lineItems": t["lines"],
        "buyerInfo": {"visitorId": basket.owner, **basket.buyer},
        "priceSummary": price_summary(t["total"]),
        "payNow": price_summary(t["pay_now"]),
        "payLater": price_summary(t["total"] - t["pay_now"]),
        "calculationErrors": {"orderValidationErrors": t["errors"]} if t["errors"] else {},
        "currency": d.CURRENCY,
        "conversionCurrency": d.CURRENCY,
        "paymentCurrency": d.CURRENCY,
        "channelType": basket.channel_type,
        "completed": basket.completed,
        "taxIncludedInPrice": False,
        "purchaseFlowId": d.demo_id("flow", basket.id),
        "appliedDiscounts": [],
        "additionalFees": [],
        "customFields": [],
        "siteLanguage": "en",
        "buyerLanguage": "en",
        "weightUnit": "KG",
        "createdDate": stamp,
        "updatedDate": stamp,
    }


def cart_doc(state: State, basket: Basket) -> dict[str, Any]:
    doc = checkout_doc(state, basket)
    doc["source"] = {"channelType": doc.pop("channelType")}
    doc["revision"] = str(basket.revision)
    doc["subtotal"] = doc["priceSummary"]["subtotal"]
    for key in ("payNow", "payLater", "calculationErrors", "completed", "paymentCurrency"):
        doc.pop(key)
    for line in doc["lineItems"]:
        # Cart V2 names the payment option and deposit under ``paymentConfig`` (§32).
        config = {"paymentOption": line.get("paymentOption")}
        if line.get("depositAmount"):
            config["depositAmount"] = _converted(line["depositAmount"]["amount"])
        line["paymentConfig"] = config
    return doc


def _converted(value: Any) -> dict[str, str]:
    """Cart V2 money (``ConvertedMoney``, §32)."""
    text = f"{value:.2f}" if not isinstance(value, str) else value
    return {"amount": text, "convertedAmount": text}


def _booking_ids(items: Any, field: str) -> list[str]:
    if not isinstance(items, list) or not items:
        raise invalid(field, "must contain at least one item")
    ids = []
    for item in items:
        ref = (item or {}).get("catalogReference") or {}
        if ref.get("appId") != d.BOOKINGS_APP_ID or not ref.get("catalogItemId"):
            raise invalid(f"{field}.catalogReference", "must reference a Wix Bookings catalog item")
        quantity = item.get("quantity", 1)
        if not isinstance(quantity, int) or not 1 <= quantity <= 100000:
            raise invalid(f"{field}.quantity", "must be between 1 and 100000")
        ids.append(str(ref["catalogItemId"]))
    return ids


def _accepting_payments(ctx: Ctx) -> None:
    if "site_not_accepting_payments" in ctx.state.misconfigurations:
        raise app_error(
            428, "SITE_MUST_ACCEPT_PAYMENTS", "the site must be set up to accept payments"
        )


def create_checkout(ctx: Ctx) -> dict[str, Any]:
    """POST /ecom/v1/checkouts: ``channelType`` and ≥1 booking line item required."""
    body = ctx.request.json
    if not body.get("channelType"):
        raise invalid("channelType", "is required")
    ids = _booking_ids(body.get("lineItems"), "lineItems")
    _accepting_payments(ctx)
    info = body.get("checkoutInfo") or {}
    buyer = {k: v for k, v in (info.get("buyerInfo") or {}).items() if k in ("email", "contactId")}
    basket = Basket(
        "checkout",
        str(uuid.uuid4()),
        ids,
        ctx.visitor_id,
        ctx.now,
        str(body["channelType"]),
        buyer,
        body.get("overrideCheckoutUrl"),
    )
    ctx.state.baskets[basket.id] = basket
    return {"checkout": checkout_doc(ctx.state, basket)}


def create_cart(ctx: Ctx) -> dict[str, Any]:
    """POST /ecom/v2/carts with ``catalogItems`` (``lineItems`` also accepted)."""
    body = ctx.request.json
    cart = body.get("cart") if isinstance(body.get("cart"), dict) else {}
    items = (
        body.get("catalogItems")
        or body.get("lineItems")
        or cart.get("catalogItems")
        or cart.get("lineItems")
    )
    ids = _booking_ids(items, "catalogItems")
    _accepting_payments(ctx)
    channel = (cart.get("source") or {}).get("channelType") or body.get("channelType") or "WEB"
    buyer = {k: v for k, v in (cart.get("buyerInfo") or {}).items() if k in ("email", "contactId")}
    basket = Basket("cart", str(uuid.uuid4()), ids, ctx.visitor_id, ctx.now, str(channel), buyer)
    basket.memberships = plans.memberships_of(items, ids)
    basket.member_id = ctx.member_id
    plans.check_memberships(ctx.state, basket)
    ctx.state.baskets[basket.id] = basket
    return {"cart": cart_doc(ctx.state, basket)}


def find_basket(ctx: Ctx, kind: str, basket_id: str) -> Basket:
    basket = ctx.state.baskets.get(basket_id)
    if basket is None or basket.kind != kind:
        raise not_found(f"{kind.upper()}_NOT_FOUND", f"{kind} {basket_id} not found")
    check_owner(ctx, basket.owner, kind)
    return basket


def get_checkout(ctx: Ctx) -> dict[str, Any]:
    return {"checkout": checkout_doc(ctx.state, find_basket(ctx, "checkout", ctx.params["id"]))}


def get_cart(ctx: Ctx) -> dict[str, Any]:
    return {"cart": cart_doc(ctx.state, find_basket(ctx, "cart", ctx.params["id"]))}


def checkout_url(ctx: Ctx) -> dict[str, Any]:
    """GET /ecom/v1/checkouts/{id}/checkout-url (honours ``overrideCheckoutUrl``)."""
    basket = find_basket(ctx, "checkout", ctx.params["id"])
    return {"checkoutUrl": basket.override_url or f"{SITE_URL}/checkout?checkoutId={basket.id}"}


def cart_checkout_url(ctx: Ctx) -> dict[str, Any]:
    """POST /ecom/v2/carts/{id}/get-checkout-url."""
    basket = find_basket(ctx, "cart", ctx.params["id"])
    return {"checkoutUrl": f"{SITE_URL}/checkout?cartId={basket.id}"}


def raise_calculation_errors(t: dict[str, Any]) -> None:
    if t["errors"]:
        first = t["errors"][0]
        raise app_error(428, "INSUFFICIENT_INVENTORY", first["description"], first["data"])


def calculate_cart(ctx: Ctx) -> dict[str, Any]:
    """POST /ecom/v2/carts/{id}/calculate → ``{cart, summary}``."""
    basket = find_basket(ctx, "cart", ctx.params["id"])
    if basket.completed:
        # Calculate's one application error (docs/wix-contract.md §31.2): the cart became an order.
        raise app_error(
            428,
            "CART_ALREADY_ORDERED",
            "cart already turned into an order",
            {"cartId": basket.id, "orderId": basket.order_id},
        )
    t = totals(ctx.state, basket)
    raise_calculation_errors(t)
    return {
        "cart": cart_doc(ctx.state, basket),
        "summary": {
            "cartId": basket.id,
            "cartRevision": str(basket.revision),
            "calculationId": str(uuid.uuid4()),
            "lineItems": t["lines"],
            "discounts": [],
            "priceSummary": price_summary(t["total"]),
            # ``payNow`` is what the hosted checkout charges (the deposit, for a deposit
            # line), ``payLater`` the balance (§19.3); the total stays the full price.
            "paymentSummary": {
                "payNow": _converted(t["pay_now"]),
                "payLater": _converted(t["total"] - t["pay_now"]),
                "totalAfterGiftCards": _converted(t["total"]),
                "memberships": plans.membership_summary(basket),
            },
            "priceVerificationToken": d.demo_id("price", f"{basket.id}:{t['total']}"),
            "calculationErrors": None,
            "violations": plans.violations(ctx.state, basket, ctx.now),
        },
    }
