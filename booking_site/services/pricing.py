"""Prices and participant limits, always recomputed on the server from Wix's catalogue.

Wix computes the final amount at checkout; this is the quote we show before it. It never takes
a price from the browser: only counts, which are checked against the service's limits here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from booking_site.errors import BookingError
from booking_site.wix import Money, RateType, Service, ServiceVariants, Variant


@dataclass(frozen=True)
class QuoteLine:
    """One priced line, e.g. "2 Adult"."""

    label: str
    count: int
    unit_price: Money | None
    total: Money | None


@dataclass(frozen=True)
class Quote:
    """What the booking will cost; ``total`` is None when the price is on request (CUSTOM)."""

    participants: int
    lines: tuple[QuoteLine, ...]
    total: Money | None
    free: bool
    custom_text: str | None = None


def participant_limit(service: Service, capacity_left: int | None) -> int:
    """How many participants one booking may have: the policy, bounded by places left."""
    limit = max(1, service.policy.max_participants_per_booking)
    if capacity_left is not None:
        limit = min(limit, capacity_left)
    return max(limit, 0)


def _money(amount: Decimal, like: Money) -> Money:
    return Money(amount=amount, currency=like.currency, formatted=None)


def quote(
    service: Service,
    *,
    participants: int | None = None,
    variants: ServiceVariants | None = None,
    variant_counts: Mapping[str, int] | None = None,
    capacity_left: int | None = None,
    unit_variant: Variant | None = None,
) -> Quote:
    """Price ``participants`` (or per-variant counts) for ``service``.

    ``unit_variant`` prices each participant by one variant: the chosen duration or staff
    member (``variant_choices.unit_variant``).

    Raises ``BookingError("too_many_participants")`` over the limit and
    ``BookingError("invalid_choices")`` for counts that name no variant of the service.
    """
    limit = participant_limit(service, capacity_left)
    payment = service.payment
    if variants is not None and variant_counts is not None:
        by_choice = {v.choice: v for v in variants.variants}
        if any(name not in by_choice or count < 0 for name, count in variant_counts.items()):
            raise BookingError("invalid_choices")
        total_people = sum(variant_counts.values())
        if total_people < 1:
            raise BookingError("invalid_choices")
        if total_people > limit:
            raise BookingError("too_many_participants")
        lines = tuple(
            _variant_line(by_choice[name], count) for name, count in variant_counts.items() if count
        )
        currency_like = lines[0].unit_price
        total = (
            _money(
                sum((line.total.amount for line in lines if line.total), Decimal(0)), currency_like
            )
            if currency_like
            else None
        )
        return Quote(total_people, lines, total, free=total is not None and total.amount == 0)
    count = participants or 1
    if count < 1:
        raise BookingError("invalid_choices")
    if count > limit:
        raise BookingError("too_many_participants")
    if unit_variant is not None:
        each = unit_variant.price
        total = _money(each.amount * count, each)
        line = QuoteLine(service.name, count, each, total)
        return Quote(count, (line,), total, free=total.amount == 0)
    if payment.rate_type == RateType.NO_FEE:
        return Quote(count, (), None, free=True)
    if payment.rate_type == RateType.CUSTOM:
        return Quote(count, (), None, free=False, custom_text=payment.custom_text)
    unit = (
        payment.price
        if payment.rate_type == RateType.FIXED
        else (payment.default_price or payment.min_price)
    )
    if unit is None:
        return Quote(count, (), None, free=False, custom_text=payment.custom_text)
    total = _money(unit.amount * count, unit)
    line = QuoteLine(service.name, count, unit, total)
    return Quote(count, (line,), total, free=total.amount == 0)


def _variant_line(variant: Variant, count: int) -> QuoteLine:
    return QuoteLine(
        variant.choice, count, variant.price, _money(variant.price.amount * count, variant.price)
    )


def payment_options(service: Service, the_quote: Quote) -> tuple[str, ...]:
    """The ``selectedPaymentOption`` values the customer may choose, preferred first.

    Follows docs/wix-contract.md §6.2: online only → ONLINE; in person only → OFFLINE; free services
    are never sent to checkout as ONLINE (Wix then fails the cart with INSUFFICIENT_INVENTORY).
    A deposit service offers DEPOSIT (the deposit now, the rest at the venue), and ONLINE (all
    now) only where Wix allows paying in full upfront (§19).
    """
    payment = service.payment
    if the_quote.free or the_quote.total is None:
        return ("OFFLINE",)
    if payment.deposit is not None:
        # A deposit is paid online; DEPOSIT = ONLINE with ``depositSelected`` (§19.2).
        return ("DEPOSIT", "ONLINE") if payment.full_upfront_allowed else ("DEPOSIT",)
    options = []
    if payment.online:
        options.append("ONLINE")
    if payment.in_person:
        options.append("OFFLINE")
    return tuple(options) or ("OFFLINE",)
