"""eCommerce models: cart/checkout summary, placed order, redirect session, custom order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Self

from booking_site.wix.models._parse import EMPTY, obj, objs, opt_bool, opt_str, req_str
from booking_site.wix.models.common import Money

_UNAVAILABLE = frozenset({"NOT_FOUND", "NOT_AVAILABLE"})


@dataclass(frozen=True)
class EcomCheckout:
    """A Cart V2 cart or a Checkout V1 checkout holding booking line items, with its totals."""

    id: str
    kind: Literal["cart", "checkout"]
    total: Money | None
    subtotal: Money | None
    currency: str | None
    line_item_count: int
    unavailable: bool
    completed: bool = False  # Checkout V1 only: an order was made from it
    # Cart V2 calculation only (docs/wix-contract.md §28.3): what is due now, the token Place
    # Order checks, and why a plan can't pay (``invalidMembershipStatusData.reason`` of the
    # ERROR-severity MEMBERSHIP violations).
    pay_now: Money | None = None
    price_token: str | None = None
    membership_problems: tuple[str, ...] = ()

    @classmethod
    def from_api(
        cls,
        payload: Mapping[str, Any],
        *,
        kind: Literal["cart", "checkout"] = "checkout",
        summary: Mapping[str, Any] = EMPTY,
    ) -> Self:
        """Parse a ``checkout`` or ``cart`` object; a cart's totals come from its ``summary``."""
        currency = (
            opt_str(payload, "currency")
            or opt_str(payload, "paymentCurrency")
            or opt_str(payload, "conversionCurrency")
        )
        prices = obj(summary.get("priceSummary")) or obj(payload.get("priceSummary"))
        lines = objs(payload.get("lineItems")) + objs(summary.get("lineItems"))
        return cls(
            id=req_str(payload, "id", "EcomCheckout"),
            kind=kind,
            total=Money.maybe(prices.get("total"), currency=currency),
            subtotal=Money.maybe(prices.get("subtotal"), currency=currency),
            currency=currency,
            line_item_count=len(objs(payload.get("lineItems"))),
            unavailable=any(
                opt_str(obj(line.get("availability")), "status") in _UNAVAILABLE for line in lines
            ),
            completed=opt_bool(payload, "completed"),
            pay_now=Money.maybe(obj(summary.get("paymentSummary")).get("payNow"), currency=currency)
            or Money.maybe(obj(payload.get("payNow")).get("total"), currency=currency),
            price_token=opt_str(summary, "priceVerificationToken"),
            membership_problems=_membership_problems(objs(summary.get("violations"))),
        )


def _membership_problems(violations: list[Mapping[str, Any]]) -> tuple[str, ...]:
    """The reasons of blocking plan problems; ``UNKNOWN_INVALID_MEMBERSHIP_REASON`` if unnamed."""
    reasons = []
    for violation in violations:
        if opt_str(violation, "severity") != "ERROR":
            continue
        data = obj(violation.get("invalidMembershipStatusData"))
        if opt_str(violation, "code") == "INVALID_MEMBERSHIP_STATUS" or data:
            reasons.append(opt_str(data, "reason") or "UNKNOWN_INVALID_MEMBERSHIP_REASON")
    return tuple(reasons)


@dataclass(frozen=True)
class PlacedOrder:
    """The order created from a cart/checkout without payment (free or pay-in-person)."""

    order_id: str
    payment_gateway_order_id: str | None = None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse a place-order / create-order response."""
        return cls(
            order_id=req_str(payload, "orderId", "PlacedOrder"),
            payment_gateway_order_id=opt_str(payload, "paymentGatewayOrderId"),
        )


@dataclass(frozen=True)
class RedirectSession:
    """A Wix-hosted page to send the customer to; ``full_url`` is meant to be used once."""

    id: str
    full_url: str

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse ``{"redirectSession": {...}}`` (or the inner object)."""
        data = obj(payload.get("redirectSession")) or payload
        return cls(
            id=req_str(data, "id", "RedirectSession"),
            full_url=req_str(data, "fullUrl", "RedirectSession"),
        )


@dataclass(frozen=True)
class Order:
    """An eCom order recorded for a custom checkout."""

    id: str
    number: str | None
    status: str | None
    payment_status: str | None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        """Parse ``{"order": {...}}`` (or the inner object)."""
        data = obj(payload.get("order")) or payload
        number = data.get("number")
        return cls(
            id=req_str(data, "id", "Order"),
            number=str(number) if isinstance(number, str | int) and number != "" else None,
            status=opt_str(data, "status"),
            payment_status=opt_str(data, "paymentStatus"),
        )
