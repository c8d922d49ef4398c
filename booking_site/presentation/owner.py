"""The staff booking pages' labels for the typed values ``owner.services.rules`` returns."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

PAYMENT_LABELS: dict[str, Promise] = {
    "link": gettext_lazy("Send the customer a payment link (Wix checkout)"),
    "paid": gettext_lazy("Paid now, outside Wix (cash, card terminal, own provider)"),
    "venue": gettext_lazy("Pay later at the venue"),
    "free": gettext_lazy("Free of charge"),
}


def payment_choices(methods: Iterable[str]) -> list[tuple[str, str]]:
    """The payment radios: (method, label) for each of ``payment_methods``' methods."""
    return [(method, str(PAYMENT_LABELS[method])) for method in methods]


def payment_label(method: str | None) -> str:
    """A stored payment method's label ("" for none or one no longer offered)."""
    return str(PAYMENT_LABELS.get(method or "", ""))
