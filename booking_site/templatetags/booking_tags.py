"""Template helpers: money, prices as Wix's rate type says, durations, policies in plain words."""

from __future__ import annotations

import functools
import html
from decimal import Decimal

from django import template
from django.utils.formats import date_format, number_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from booking_site.services.calendar_view import DayCell, DaySlot, MonthCalendar
from booking_site.wix import Money, RateType, Service
from booking_site.wix.models.services import BookingPolicy

register = template.Library()

_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€", "AUD": "A$", "CAD": "C$", "NZD": "NZ$"}


@register.filter
def money(value: Money | None) -> str:
    """``£60.00``; whole amounts without pence (``£60``)."""
    if value is None:
        return ""
    amount = value.amount
    places = 0 if amount == amount.to_integral_value() else 2
    text = number_format(
        amount.quantize(Decimal(1) if places == 0 else Decimal("0.01")),
        decimal_pos=places,
        use_l10n=True,
        force_grouping=True,
    )
    symbol = _SYMBOLS.get(value.currency)
    return f"{symbol}{text}" if symbol else f"{text} {value.currency}"


@register.filter
def amount_in(amount: str | None, currency: str | None) -> str:
    """Format a stored ``"36.00"`` + ``"GBP"`` pair like ``money`` (``£36``)."""
    if not amount or not currency:
        return ""
    try:
        return money(Money(amount=Decimal(amount), currency=currency, formatted=None))
    except ArithmeticError:
        return f"{amount} {currency}"


@register.filter
def service_price(service: Service) -> str:
    """The price as Wix's ``rateType`` says: fixed, "from" for varied, free, or custom text."""
    payment = service.payment
    if payment.rate_type == RateType.NO_FEE:
        return _("Free")
    if payment.rate_type == RateType.FIXED and payment.price:
        return money(payment.price)
    if payment.rate_type == RateType.VARIED and (payment.min_price or payment.default_price):
        return _("from %(price)s") % {"price": money(payment.min_price or payment.default_price)}
    return payment.custom_text or _("Price on request")


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
    if policy.cancellation_enabled:
        if policy.cancellation_limit_minutes:
            lines.append(
                _("Free cancellation until %(span)s before the start.")
                % {"span": _span(policy.cancellation_limit_minutes)}
            )
        else:
            lines.append(_("You can cancel at any time before the start."))
    else:
        lines.append(_("Bookings can't be cancelled online."))
    limit = policy.max_participants_per_booking
    if limit > 1:
        lines.append(_("Up to %(n)d participants per booking.") % {"n": limit})
    if policy.custom_description:
        lines.append(policy.custom_description)
    return lines


@register.filter
def zone_label(zone_name: str) -> str:
    """``Europe/London`` → ``Europe/London (London)`` is noise; show the name readably."""
    return zone_name.replace("_", " ")


# The calendar's cells and the time-zone options are rendered here, not with template tags:
# they are a few hundred nodes per view, and composing them in Python (escaping with the
# standard library's html.escape, which Django's lazy-aware escape wraps) took the calendar
# fragment from about 12 ms to about 5 ms of our own time (docs/benchmarks.md).
_CELL_LINK = (
    '<td class="{classes}"><a href="{query}" hx-get="{query}" hx-target="#calendar" '
    'hx-swap="outerHTML" hx-push-url="true"{current}><span aria-hidden="true">{day}</span>'
    '<span class="visually-hidden">{label}</span></a></td>'
)
_CELL_TEXT = (
    '<td class="{classes}"><span class="no-slots"><span aria-hidden="true">{day}</span>'
    '<span class="visually-hidden">{label}</span></span></td>'
)


def _cell(cell: DayCell) -> str:
    """One ``<td>`` of the month grid: a link for days with times, plain text otherwise."""
    if not cell.in_month:
        return '<td class="other-month"></td>'
    classes = " ".join(
        name for name, on in (("has-slots", cell.slot_count), ("selected", cell.selected)) if on
    )
    values = {"classes": classes, "day": cell.day.day, "label": html.escape(cell.label)}
    if cell.slot_count:
        current = ' aria-current="date"' if cell.selected else ""
        return _CELL_LINK.format(query=html.escape(cell.query), current=current, **values)
    return _CELL_TEXT.format(**values)


@register.simple_tag
def calendar_grid(calendar: MonthCalendar) -> str:
    """The month as a table: weekday column headers, one row per week, named day cells."""
    first_week = calendar.weeks[0]
    heads = "".join(
        f'<th scope="col" abbr="{html.escape(date_format(c.day, "l"))}">'
        f"{html.escape(date_format(c.day, 'D'))}</th>"
        for c in first_week
    )
    rows = "".join(
        "<tr>" + "".join(_cell(cell) for cell in week) + "</tr>" for week in calendar.weeks
    )
    return mark_safe(  # every interpolated text is escaped in _cell and above
        '<table class="month-grid" aria-labelledby="month-label">'
        f"<thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>"
    )


@register.simple_tag
def slot_buttons(day_slots: tuple[DaySlot, ...]) -> str:
    """The chosen day's times, each a submit button named "10:00 to 11:00 with Ana, …"."""
    items = []
    for slot in day_slots:
        detail = (
            f' <span class="slot-detail">{html.escape(slot.detail_text)}</span>'
            if slot.detail_text
            else ""
        )
        items.append(
            f'<li><button type="submit" name="slot" value="{html.escape(slot.key)}" '
            f'class="slot"><span class="slot-time">{html.escape(slot.time_text)}</span>'
            f"{detail}</button></li>"
        )
    return mark_safe(f'<ul class="slots">{"".join(items)}</ul>')  # escaped above


@register.simple_tag
def zone_options(choices: list[tuple[str, str]], current: str, business: str) -> str:
    """The ``<option>``s of the time-zone select, the business's zone marked as such."""
    return mark_safe(  # built from escaped values only
        _zone_options(get_language(), tuple(choices), current, business)
    )


@functools.lru_cache(maxsize=512)
def _zone_options(
    language: str, choices: tuple[tuple[str, str], ...], current: str, business: str
) -> str:
    del language  # part of the cache key only
    note = html.escape(str(_(" (business time)")))
    return "".join(
        f'<option value="{html.escape(value)}"{" selected" if value == current else ""}>'
        f"{html.escape(label)}{note if value == business else ''}</option>"
        for value, label in choices
    )
