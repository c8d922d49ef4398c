"""Deposits (docs/wix-contract.md §19): what is paid now, what at the venue, and what Wix is sent.

A service with ``payment.options.deposit`` is paid online: the deposit now, the rest at the
venue. Where Wix allows paying in full upfront (``fullUpfrontPaymentAllowed``) the customer
chooses. The site's own payment codes say which: ``DEPOSIT`` (the deposit now) and ``ONLINE``
(everything now); both are Wix's ``selectedPaymentOption: ONLINE``, with ``depositSelected``
true or false (§19.2). Wix's hosted checkout then charges the line's ``depositAmount`` now
(``payNow``) and leaves the balance for later (``payLater``, §19.3).

The deposit is taken per participant, capped at the price: our reading of the service's
deposit next to its per-participant price (Wix does not spell out the multiplication; the
checkout's own figures are what the customer pays).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from booking_site.errors import BookingError
from booking_site.services.pricing import Quote, quote
from booking_site.wix import Money, RateType, Service

# The site's payment codes that go through Wix's hosted checkout.
PAID_ONLINE = frozenset({"ONLINE", "DEPOSIT"})


@dataclass(frozen=True)
class PaymentSplit:
    """A deposit booking's amounts: ``due_now`` online, ``due_later`` at the venue."""

    deposit_each: Money
    participants: int
    due_now: Money
    due_later: Money
    total: Money
    full_upfront_allowed: bool


def split(service: Service, the_quote: Quote) -> PaymentSplit | None:
    """The deposit and the balance for ``the_quote``; None without a deposit or a price."""
    deposit = service.payment.deposit
    total = the_quote.total
    if deposit is None or total is None or the_quote.free:
        return None
    now = min(deposit.amount * the_quote.participants, total.amount)
    return PaymentSplit(
        deposit_each=deposit,
        participants=the_quote.participants,
        due_now=_money(now, total),
        due_later=_money(total.amount - now, total),
        total=total,
        full_upfront_allowed=service.payment.full_upfront_allowed,
    )


def service_split(service: Service) -> PaymentSplit | None:
    """The deposit and balance of one participant at the service's fixed price, if both."""
    if service.payment.rate_type != RateType.FIXED:
        return None
    try:
        return split(service, quote(service, participants=1))
    except BookingError:
        return None


def wix_payment(service: Service, code: str) -> tuple[str, bool | None]:
    """``selectedPaymentOption`` and ``depositSelected`` for one of the site's payment codes.

    ``depositSelected`` is sent only for a deposit service (None otherwise, §19.2): true for
    DEPOSIT, false for paying everything now where Wix allows it.
    """
    if code == "DEPOSIT":
        return "ONLINE", True
    if code == "ONLINE" and service.payment.deposit is not None:
        return "ONLINE", False
    return code, None


def due_now(service: Service, the_quote: Quote, code: str | None) -> Money | None:
    """What the hosted checkout charges now for ``code``: the deposit, or the whole price."""
    if code == "DEPOSIT":
        found = split(service, the_quote)
        return found.due_now if found else the_quote.total
    if code == "ONLINE":
        return the_quote.total
    return None


def _money(amount: Decimal, like: Money) -> Money:
    return Money(amount=amount, currency=like.currency, formatted=None)
