"""Prices and eCom line items derived from bookings (docs/wix-contract.md §9)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import demo as d
from .catalog import image
from .state import Basket, BookingRecord, State
from .timeutil import utc_text

ZERO = Decimal("0.00")


PAYMENT_OPTIONS = {
    "ONLINE": "FULL_PAYMENT_ONLINE",
    "OFFLINE": "FULL_PAYMENT_OFFLINE",
    "MEMBERSHIP": "MEMBERSHIP",
    "MEMBERSHIP_OFFLINE": "MEMBERSHIP_OFFLINE",
}


def amount(value: Decimal) -> dict[str, str]:
    """An eCom price object."""
    text, shown = f"{value:.2f}", f"£{value:,.2f}"
    return {
        "amount": text,
        "convertedAmount": text,
        "formattedAmount": shown,
        "formattedConvertedAmount": shown,
    }


def booking_price(record: BookingRecord) -> Decimal:
    """FIXED price x participants, Σ variant price x count, or 0 (free, custom price).

    A variant is found by its option type's choice (§21.2): the custom name, the duration's
    minutes, a date-time rule's name; a staff member variant by the booked staff member.
    """
    spec = record.service
    if spec.rate_type == "FIXED" and spec.price is not None:
        return spec.price * record.participants
    if spec.rate_type == "VARIED":
        prices = dict(spec.variants)
        if spec.option_type == "STAFF_MEMBER" and record.staff in prices:
            return prices[record.staff] * record.participants
        choices = (record.doc.get("participantsChoices") or {}).get("serviceChoices")
        if not choices:
            return max(prices.values()) * record.participants
        return sum(
            (
                prices[choice_key(item["choices"][0])] * int(item["numberOfParticipants"])
                for item in choices
            ),
            ZERO,
        )
    return ZERO


def choice_key(choice: dict[str, Any]) -> str:
    """A booking-side choice as the demo's variant key (custom name, minutes or rule name)."""
    if isinstance(choice.get("duration"), dict):
        return str(choice["duration"].get("minutes"))
    if isinstance(choice.get("dateTime"), dict):
        return str(choice["dateTime"].get("name"))
    return str(choice.get("custom"))


def deposit_due(record: BookingRecord, price: Decimal) -> Decimal | None:
    """The deposit charged now for a DEPOSIT_ONLINE line: per participant, capped at the price."""
    if payment_option(record) != "DEPOSIT_ONLINE" or record.service.deposit is None:
        return None
    return min(record.service.deposit * record.participants, price)


def payment_option(record: BookingRecord) -> str:
    """The line's ``paymentOption``, driven by the booking's ``selectedPaymentOption``.

    ONLINE with ``depositSelected`` on a deposit service is ``DEPOSIT_ONLINE``: the line's
    ``depositAmount`` is charged now and the rest later (docs/wix-contract.md §19.3).
    """
    chosen = str(record.doc.get("selectedPaymentOption") or "UNDEFINED")
    if (
        chosen == "ONLINE"
        and record.service.deposit is not None
        and record.doc.get("depositSelected")
    ):
        return "DEPOSIT_ONLINE"
    if chosen in PAYMENT_OPTIONS:
        return PAYMENT_OPTIONS[chosen]
    return "FULL_PAYMENT_ONLINE" if record.service.pays_online else "FULL_PAYMENT_OFFLINE"


def line_status(record: BookingRecord | None) -> str:
    if record is None:
        return "NOT_FOUND"
    if record.status != "CREATED":
        return "NOT_AVAILABLE"
    if payment_option(record) == "FULL_PAYMENT_ONLINE" and not record.service.pays_online:
        # A free or pay-in-person service booked ONLINE cannot be sold (docs/wix-contract.md §6.2
        # [S]).
        return "NOT_AVAILABLE"
    return "AVAILABLE"


def line_item(state: State, basket: Basket, booking_id: str) -> dict[str, Any]:
    record = state.bookings.get(booking_id)
    status = line_status(record)
    price = booking_price(record) if record else ZERO
    if record is not None and payment_option(record).startswith("MEMBERSHIP"):
        # The plan pays the session (docs/wix-contract.md §28.4); an add-on charged online
        # stays to pay (§28.3 step 5: "add-ons charged online per payment.addOnOption").
        price = Decimal(state.members.online_addons.get(record.service.key, ZERO))
    line: dict[str, Any] = {
        "id": d.demo_id("line", f"{basket.id}:{booking_id}"),
        "quantity": 1,
        "catalogReference": {"appId": d.BOOKINGS_APP_ID, "catalogItemId": booking_id},
        "availability": {"status": status, "quantityAvailable": 1 if status == "AVAILABLE" else 0},
    }
    if record is None:
        return line
    spec = record.service
    line |= {
        "rootCatalogItemId": spec.id,
        "productName": {"original": spec.name, "translated": spec.name},
        "price": amount(price),
        "fullPrice": amount(price),
        "priceBeforeDiscounts": amount(price),
        "lineItemPrice": amount(price),
        "totalPriceAfterTax": amount(price),
        "totalPriceBeforeTax": amount(price),
        "totalDiscount": amount(ZERO),
        "itemType": {"preset": "SERVICE"},
        "paymentOption": payment_option(record),
        "serviceProperties": {
            "scheduledDate": utc_text(record.start),
            "numberOfParticipants": record.participants,
        },
        "image": image(spec.image, spec.name),
        "descriptionLines": [],
        "depositAmount": None,
    }
    deposit = deposit_due(record, price)
    if deposit is not None:
        line["depositAmount"] = amount(deposit)
    return line


def totals(state: State, basket: Basket) -> dict[str, Any]:
    """Lines, total, what is due now (online) and later (offline), and calculation errors.

    A completed basket keeps the figures it was sold at (``frozen``).
    """
    if basket.frozen is not None:
        return basket.frozen
    lines = [line_item(state, basket, b) for b in basket.booking_ids]
    total = pay_now = ZERO
    errors = []
    for line in lines:
        price = Decimal(line.get("price", {}).get("amount", "0"))
        total += price
        if line.get("paymentOption") == "FULL_PAYMENT_ONLINE":
            pay_now += price
        elif line.get("paymentOption") == "MEMBERSHIP":
            pay_now += price  # an online add-on beside the plan (zero without one)
        elif line.get("paymentOption") == "DEPOSIT_ONLINE":
            pay_now += Decimal(line["depositAmount"]["amount"])
        if line["availability"]["status"] != "AVAILABLE":
            errors.append(
                {
                    "code": "INSUFFICIENT_INVENTORY",
                    "description": "the booking can no longer be purchased",
                    "data": {
                        "available_quantity": 0,
                        "catalogItemId": line["catalogReference"]["catalogItemId"],
                    },
                }
            )
    return {"lines": lines, "total": total, "pay_now": pay_now, "errors": errors}


def price_summary(total: Decimal) -> dict[str, Any]:
    zero = amount(ZERO)
    return {
        "subtotal": amount(total),
        "shipping": zero,
        "tax": zero,
        "discount": zero,
        "total": amount(total),
        "additionalFees": zero,
    }
