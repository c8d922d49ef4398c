"""The details and review pages' contexts and labels, from the service's ``DetailsSetup``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from booking_site.presentation.booking_answers import answer_rows
from booking_site.presentation.course import course_view
from booking_site.presentation.payment import deposit_payment_labels, split_rows
from booking_site.services import deposits
from booking_site.services.details import DetailsSetup, slot_times
from booking_site.services.pricing import Quote
from booking_site.session import BookingDraft
from booking_site.templatetags.booking_tags import duration

PAYMENT_LABELS = {
    "ONLINE": _("Pay online now"),
    "DEPOSIT": _("Pay a deposit online now, the rest at the venue"),
    "OFFLINE": _("Pay at the venue"),
}


def payment_choices(setup: DetailsSetup) -> list[tuple[str, str]]:
    """The details form's payment radios: (payment code, label), in the service's order.

    A deposit service's radios name the amounts of the draft's first quote (the price
    summary beside them follows the participants as they change).
    """
    amounts = deposit_payment_labels(deposits.split(setup.service, setup.initial_quote))
    return [
        (code, amounts.get(code) or str(PAYMENT_LABELS.get(code, code)))
        for code in setup.payment_codes
    ]


def slot_context(setup: DetailsSetup, draft: BookingDraft) -> dict[str, Any]:
    """The chosen time, for the summary the details and review pages both show."""
    start, end = slot_times(draft)
    return {
        "course": course_view(setup.sessions, draft.display_time_zone),
        "service": setup.service,
        "slot": draft.slot,
        "slot_start": start,
        "slot_end": end,
        "slot_zone": draft.display_time_zone or (draft.slot.time_zone if draft.slot else ""),
        "length": duration(draft.duration_minutes) if draft.duration_minutes else "",
    }


def price_context(setup: DetailsSetup, quote: Quote | None, option: str | None) -> dict[str, Any]:
    """The price summary: the quote and, for a deposit, what is due now and at the venue."""
    found = deposits.split(setup.service, quote) if quote is not None else None
    show_split = found is not None and option in (None, "DEPOSIT")
    return {"quote": quote, "deposit_rows": split_rows(found) if found and show_split else []}


def details_context(setup: DetailsSetup, draft: BookingDraft) -> dict[str, Any]:
    """What the details page shows besides its form: limits, the price and the chosen time."""
    return {
        **slot_context(setup, draft),
        "max_participants": setup.max_participants,
        "capacity_left": setup.capacity_left,
        **price_context(setup, setup.initial_quote, draft.payment_option),
    }


def review_context(setup: DetailsSetup, draft: BookingDraft) -> dict[str, Any]:
    """What the review page shows: the booking, and what is paid now and later."""
    quote = setup.quote_for(draft.participants, draft.variant_counts)
    return {
        **slot_context(setup, draft),
        "draft": draft,
        **price_context(setup, quote, draft.payment_option or "OFFLINE"),
        "payment_label": PAYMENT_LABELS.get(draft.payment_option or "", ""),
        "answers": answer_rows(setup.questions, draft.answers),
    }
