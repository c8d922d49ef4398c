"""Deposits, balances and variant choices in the site's own words (docs/wix-contract.md §19, §21).

Sentences only: the amounts come typed from ``services.deposits`` and the snapshot, and are
formatted like every other price (``booking_tags.money``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from booking_site.templatetags.booking_tags import amount_in, duration, money

if TYPE_CHECKING:
    from booking_site.services.deposits import PaymentSplit
    from booking_site.services.manage import BusinessContact
    from booking_site.services.snapshot import BookingSnapshot
    from booking_site.wix import Service, ServiceVariants, StaffMember, Variant


def service_deposit_note(service: Service, split: PaymentSplit | None) -> str | None:
    """The service page's deposit line, e.g. "Deposit £50 now, £130 at the venue.".

    ``split`` is one participant's at the fixed price (``deposits.service_split``); without
    it (varied prices) the balance is "the rest".
    """
    deposit = service.payment.deposit
    if deposit is None:
        return None
    each = service.policy.max_participants_per_booking > 1
    if split is not None and split.due_later.amount > 0:
        text = (
            _("Deposit %(now)s now, %(rest)s at the venue, per participant.")
            if each
            else _("Deposit %(now)s now, %(rest)s at the venue.")
        ) % {"now": money(split.due_now), "rest": money(split.due_later)}
    else:
        text = (
            _("Deposit %(now)s per participant now, the rest at the venue.")
            if each
            else _("Deposit %(now)s now, the rest at the venue.")
        ) % {"now": money(deposit)}
    if service.payment.full_upfront_allowed:
        text += " " + _("You may also pay the full price now.")
    return text


def split_rows(split: PaymentSplit) -> list[tuple[str, str]]:
    """The review page's "due now" and "at the venue" rows for a deposit."""
    now = money(split.due_now)
    if split.participants > 1:
        now = _("%(total)s (%(each)s deposit for each of %(n)d participants)") % {
            "total": now,
            "each": money(split.deposit_each),
            "n": split.participants,
        }
    rows = [(_("Deposit now"), now)]
    if split.due_later.amount > 0:
        rows.append((_("At the venue"), money(split.due_later)))
    return rows


def deposit_payment_labels(split: PaymentSplit | None) -> dict[str, str]:
    """The details form's radio labels for a deposit service, with the amounts."""
    if split is None:
        return {}
    return {
        "DEPOSIT": _("Pay the deposit now (%(now)s), the rest (%(rest)s) at the venue")
        % {"now": money(split.due_now), "rest": money(split.due_later)},
        "ONLINE": _("Pay the full price now (%(total)s)") % {"total": money(split.total)},
    }


def paid_sentence(summary: BookingSnapshot, payment_status: str | None) -> str | None:
    """What was paid of a deposit booking, e.g. "Deposit paid: £50. £130 is due at the venue.".

    ``payment_status`` is Wix's booking payment status when it could be read (the API key):
    PARTIALLY_PAID says the deposit was taken. Without it, the booking's order (the status
    page's "received") means the hosted checkout took the deposit.
    """
    if summary.payment_option != "DEPOSIT" or not summary.due_now:
        return None
    if payment_status not in (None, "PARTIALLY_PAID"):
        return None
    later = _later(summary)
    now = amount_in(summary.due_now, summary.currency)
    if later:
        return _("Deposit paid: %(now)s. %(later)s is due at the venue.") % {
            "now": now,
            "later": later,
        }
    return _("Deposit paid: %(now)s.") % {"now": now}


def _later(summary: BookingSnapshot) -> str | None:
    try:
        rest = Decimal(summary.total or "0") - Decimal(summary.due_now or "0")
    except InvalidOperation:
        return None
    return amount_in(str(rest), summary.currency) if rest > 0 else None


# Wix's default duration names ("1 hr 30 min", §21.1): shown in the site's own format instead.
_DEFAULT_NAME = re.compile(r"\d+|\d+ hrs?( \d+ min)?|\d+ min")


def duration_label(variant: Variant) -> str:
    """A duration choice: the name the business gave it, else "1 h 30 min" like other lengths."""
    if _DEFAULT_NAME.fullmatch(variant.choice):
        return duration(variant.minutes)
    return variant.choice


def staff_price_lines(variants: tuple[Variant, ...], staff: tuple[StaffMember, ...]) -> str:
    """Staff-member prices on the service page: "Maya Okafor £70, Tom Reilly £60"."""
    names = {person.id: person.name for person in staff}
    return ", ".join(
        f"{names.get(v.staff_id or '', '') or _('Staff member')} {money(v.price)}" for v in variants
    )


def service_options_context(
    service: Service,
    variants: ServiceVariants | None,
    *,
    minutes: int | None,
    split: PaymentSplit | None,
    cannot_book: bool,
    contact: BusinessContact | None,
) -> dict[str, Any]:
    """The service page's deposit line, duration choice, staff prices and "contact us" note.

    ``minutes`` is the chosen duration (``variant_choices.chosen_duration``); the duration
    radios say each length and its price, the chosen one checked.
    """
    durations = variants.durations if variants is not None else ()
    return {
        "deposit_note": service_deposit_note(service, split),
        "duration": minutes,
        "duration_choices": [
            {
                "minutes": v.minutes,
                "label": duration_label(v),
                "price": money(v.price),
                "checked": v.minutes == minutes,
            }
            for v in durations
        ],
        "staff_prices": staff_price_lines(
            tuple(v for v in variants.variants if v.staff_id), service.staff
        )
        if variants is not None and variants.option_type == "STAFF_MEMBER"
        else "",
        "custom_prices": variants is not None and variants.is_custom,
        "cannot_book": cannot_book,
        "business_contact": contact,
    }


def outcome_payment(
    summary: BookingSnapshot, status: str, payment_status: str | None
) -> dict[str, str]:
    """The status page's payment line: a deposit's amounts in words, else Wix's status.

    A deposit sentence only once the booking is paid for as far as Wix says: PARTIALLY_PAID
    read with the API key, or (without it) an order made from the cart ("received").
    """
    deposit = None
    if payment_status == "PARTIALLY_PAID" or (payment_status is None and status == "received"):
        deposit = paid_sentence(summary, payment_status)
    return {
        "deposit_sentence": deposit or "",
        "length": duration(summary.duration_minutes) if summary.duration_minutes else "",
    }
