"""Template helpers: money, prices as Wix's rate type says, durations, policies in plain words."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from booking_site.presentation import facts, staff

if TYPE_CHECKING:  # types only: a template tag never imports the Wix client at run time
    from booking_site.wix import Money, Service
    from booking_site.wix.models.policy import BookingPolicy, CancellationWindow

register = template.Library()
# Wix's statuses in words (presentation.facts: pure, no Wix code).
register.filter("short_reference", facts.short_reference)
register.filter("staff_text", staff.staff_text)

_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€", "AUD": "A$", "CAD": "C$", "NZD": "NZ$"}


@register.filter
def money(value: Money | None) -> str:
    """``£60.00``; whole amounts without pence (``£60``)."""
    if value is None:
        return ""
    return _format(value.amount, value.currency)


def _format(amount: Decimal, currency: str) -> str:
    places = 0 if amount == amount.to_integral_value() else 2
    text = number_format(
        amount.quantize(Decimal(1) if places == 0 else Decimal("0.01")),
        decimal_pos=places,
        use_l10n=True,
        force_grouping=True,
    )
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


@register.filter
def amount_in(amount: str | None, currency: str | None) -> str:
    """Format a stored ``"36.00"`` + ``"GBP"`` pair like ``money`` (``£36``)."""
    if not amount or not currency:
        return ""
    try:
        return _format(Decimal(amount), currency)
    except ArithmeticError:
        return f"{amount} {currency}"


@register.filter
def service_price(service: Service) -> str:
    """The price as Wix's ``rateType`` says: fixed, "from" for varied, free, or custom text.

    (``RateType`` is a ``StrEnum``: its members equal their names.)
    """
    payment = service.payment
    if payment.rate_type == "NO_FEE":
        return _("Free")
    if payment.rate_type == "FIXED" and payment.price:
        return money(payment.price)
    if payment.rate_type == "VARIED" and (payment.min_price or payment.default_price):
        return _("from %(price)s") % {"price": money(payment.min_price or payment.default_price)}
    return payment.custom_text or _("Price on request")


@register.filter
def whole_course(price: str, sessions: int) -> str:
    """``£180 for all 6 sessions``: a course's price is for all of its sessions."""
    if not price:
        return ""
    if sessions < 1:
        return _("%(price)s for the whole course") % {"price": price}
    text = ngettext(
        "%(price)s for the one session", "%(price)s for all %(count)s sessions", sessions
    )
    return text % {"price": price, "count": sessions}


@register.filter
def duration(minutes: int | None) -> str:
    """``45 min``, ``1 hour``, ``1 h 30 min``."""
    if not minutes:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return ngettext("%(n)d minute", "%(n)d minutes", rest) % {"n": rest}
    if not rest:
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    return _("%(h)d h %(m)d min") % {"h": hours, "m": rest}


def _span(minutes: int) -> str:
    days, rest = divmod(minutes, 1440)
    if days and not rest:
        return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
    hours = minutes // 60
    if hours and minutes % 60 == 0:
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


@register.filter
def policy_lines(policy: BookingPolicy) -> list[str]:
    """The booking policy in plain words, one sentence each."""
    lines = []
    if policy.early_limit_minutes:
        lines.append(
            _("You can book up to %(span)s ahead.") % {"span": _span(policy.early_limit_minutes)}
        )
    if policy.late_limit_minutes:
        lines.append(
            _("Online booking closes %(span)s before the start.")
            % {"span": _span(policy.late_limit_minutes)}
        )
    lines += _cancellation_lines(policy)
    limit = policy.max_participants_per_booking
    if limit > 1:
        lines.append(_("Up to %(n)d participants per booking.") % {"n": limit})
    if policy.custom_description:
        lines.append(policy.custom_description)
    return lines


def _cancellation_lines(policy: BookingPolicy) -> list[str]:
    """Whether and until when one can cancel, and what a late cancellation costs (Wix's fees)."""
    if not policy.cancellation_enabled:
        return [_("Bookings can't be cancelled online.")]
    limit = policy.cancellation_limit_minutes
    fees = policy.cancellation_fees
    if not fees:
        if limit:
            return [
                _("Free cancellation until %(span)s before the start.") % {"span": _span(limit)}
            ]
        return [_("You can cancel at any time before the start.")]
    lines = []
    widest = fees[0].start_in_minutes
    if widest:
        lines.append(
            _("Free cancellation until %(span)s before the start.") % {"span": _span(widest)}
        )
    for window in fees:
        fee = _fee(window)
        if window.start_in_minutes:
            lines.append(
                _("Cancelling less than %(span)s before the start costs %(fee)s.")
                % {"span": _span(window.start_in_minutes), "fee": fee}
            )
        else:
            lines.append(_("Cancelling costs %(fee)s.") % {"fee": fee})
    if limit:
        lines.append(
            _("Online cancellation closes %(span)s before the start.") % {"span": _span(limit)}
        )
    return lines


def _fee(window: CancellationWindow) -> str:
    if window.amount is not None:
        return money(window.amount)
    percent = number_format((window.percentage or Decimal(0)).normalize(), use_l10n=True)
    return _("%(percent)s%% of the price") % {"percent": percent}


@register.filter
def zone_label(zone_name: str) -> str:
    """``Europe/London`` → ``Europe/London (London)`` is noise; show the name readably."""
    return zone_name.replace("_", " ")
