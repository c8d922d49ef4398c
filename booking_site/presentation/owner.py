"""The staff booking pages' labels for the typed values ``owner.services.rules`` returns."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

PAYMENT_LABELS: dict[str, Promise] = {
    "link": gettext_lazy("Send the customer a payment link (Wix checkout)"),
    "link_full": gettext_lazy("Send the customer a payment link for the full price"),
    "paid": gettext_lazy("Paid now, outside Wix (cash, card terminal, own provider)"),
    "venue": gettext_lazy("Pay later at the venue"),
    "free": gettext_lazy("Free of charge"),
}


DEPOSIT_LINK_LABELS: dict[str, Promise] = {
    "link": gettext_lazy("Send the customer a payment link for the deposit (Wix checkout)"),
    "link_full": gettext_lazy("Send the customer a payment link for the full price"),
}


def payment_choices(methods: Iterable[str], *, deposit: bool = False) -> list[tuple[str, str]]:
    """The payment radios: (method, label) for each of ``payment_methods``' methods.

    ``deposit``: the service takes a deposit, so a payment link charges the deposit.
    """
    labels = {**PAYMENT_LABELS, **(DEPOSIT_LINK_LABELS if deposit else {})}
    return [(method, str(labels[method])) for method in methods]


def payment_label(method: str | None) -> str:
    """A stored payment method's label ("" for none or one no longer offered)."""
    return str(PAYMENT_LABELS.get(method or "", ""))


# The result page's words for Wix's booking and payment statuses (docs/wix-contract.md §6.3).
BOOKING_STATUS_WORDS: dict[str, Promise] = {
    "CONFIRMED": gettext_lazy("Confirmed"),
    "PENDING": gettext_lazy("Waiting for your approval in Wix"),
    "CREATED": gettext_lazy("Made, waiting for the customer to pay"),
    "DECLINED": gettext_lazy("Declined"),
    "CANCELED": gettext_lazy("Cancelled"),
    "WAITING_LIST": gettext_lazy("On the waiting list"),
}
PAYMENT_STATUS_WORDS: dict[str, Promise] = {
    "NOT_PAID": gettext_lazy("Not paid"),
    "PAID": gettext_lazy("Paid"),
    "PARTIALLY_PAID": gettext_lazy("Partly paid"),
    "REFUNDED": gettext_lazy("Refunded"),
    "EXEMPT": gettext_lazy("Nothing to pay"),
    "PENDING": gettext_lazy("Payment in progress"),
}


def booking_status_words(status: str) -> str:
    """Wix's booking status in words; a status this site does not know yet says so."""
    return str(BOOKING_STATUS_WORDS.get(status, gettext_lazy("Not known: see the Wix dashboard")))


def payment_status_words(status: str) -> str:
    """Wix's payment status in words (``UNDEFINED`` and new ones: "Not known yet")."""
    return str(PAYMENT_STATUS_WORDS.get(status, gettext_lazy("Not known yet")))
