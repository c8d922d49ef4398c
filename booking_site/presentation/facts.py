"""Facts customers (and staff) read on the summaries: Wix's statuses in words, a booking
reference short enough to read out, the business's time beside the customer's, and what
happens next. Pure functions: no Wix calls, so template tags may use them too."""

from __future__ import annotations

import hashlib
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Wix's booking payment statuses (docs/wix-contract.md §5) in words; ``UNDEFINED`` (and any
# future one) says nothing and so shows no row.
PAYMENT_WORDS = {
    "PAID": gettext_lazy("Paid"),
    "EXEMPT": gettext_lazy("Nothing to pay"),
    "NOT_PAID": gettext_lazy("Not paid yet"),
    "PARTIALLY_PAID": gettext_lazy("Partly paid"),
    "REFUNDED": gettext_lazy("Refunded"),
    "FAILED": gettext_lazy("Payment failed"),
}


def payment_words(status: str | None) -> str:
    """A payment status in words; "" for none, ``UNDEFINED`` or one we don't know."""
    return str(PAYMENT_WORDS.get(status or "", ""))


def short_reference(ref: str) -> str:
    """Our booking reference, short enough to read on a phone or over the phone: ``4827-1935``.

    Derived from the ``Submission``'s ``ref`` (a random hex id), so it is stable and needs no
    storage; digits only, so it reads the same in any language and never looks like a code word.
    Wix's own booking id stays available to the business (summaries' details, owner pages).
    """
    number = int(hashlib.sha256(ref.encode()).hexdigest()[:12], 16) % 100_000_000
    text = f"{number:08d}"
    return f"{text[:4]}-{text[4:]}"


def zone_city(zone_name: str) -> str:
    """``Europe/London`` → ``London``, ``America/Argentina/Buenos_Aires`` → ``Buenos Aires``."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def _zone(name: str | None) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def business_time(
    start: datetime | None,
    end: datetime | None,
    *,
    shown_zone: str | None,
    business_zone: str | None,
) -> str:
    """ "14:00 to 15:00 in London" when the business's zone differs from the one shown; else "".

    The day is added when it differs too ("Tue 8 Dec, 01:00 to 02:00 in Sydney").
    """
    shown, business = _zone(shown_zone), _zone(business_zone)
    if start is None or shown is None or business is None or shown_zone == business_zone:
        return ""
    here, there = start.astimezone(shown), start.astimezone(business)
    if here.utcoffset() == there.utcoffset():
        return ""
    text = time_format(there, "TIME_FORMAT")
    if end is not None:
        text = _("%(start)s to %(end)s") % {
            "start": text,
            "end": time_format(end.astimezone(business), "TIME_FORMAT"),
        }
    if there.date() != here.date():
        text = f"{date_format(there, 'D j M')}, {text}"
    return _("%(times)s in %(city)s") % {"times": text, "city": zone_city(business_zone or "")}


def next_steps(
    *, free: bool, price_text: str | None, policy_text: str | None, business: str, email: str
) -> list[str]:
    """What happens after a free or price-on-request booking, in the owner's own words first.

    ``price_text`` is Wix's custom price description (``payment.custom.description``) and
    ``policy_text`` the policy's custom description, both written by the business; then the
    site's own sentence (naming the business, never "Wix", where it acts).
    """
    lines = [text for text in (price_text, policy_text) if text]
    if free:
        lines.append(_("There is nothing to pay: just come at the time booked."))
    else:
        lines.append(
            _("%(business)s will contact you at %(email)s about the price before your booking.")
            % {"business": business, "email": email}
        )
    return lines
