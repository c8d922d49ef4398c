"""The details and review pages' contexts and labels, from the service's ``DetailsSetup``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from booking_site.draft_fingerprint import fingerprint
from booking_site.presentation import facts
from booking_site.presentation.booking_answers import answer_rows
from booking_site.presentation.course import course_view
from booking_site.presentation.payment import deposit_payment_labels, split_rows
from booking_site.presentation.plans import (
    plan_choice_label,
    plan_paid_label,
    plan_price_rows,
    plan_reason_text,
    too_few_sessions_text,
)
from booking_site.presentation.staff import price_depends_on_staff
from booking_site.services import deposits
from booking_site.services.details import DetailsSetup, slot_times
from booking_site.services.member_plans import plans_allowed_for
from booking_site.services.pricing import Quote
from booking_site.session import BookingDraft
from booking_site.templatetags.booking_tags import duration

# A form from an older tab, sent after the draft changed in another: said, never applied blindly.
CHANGED_ELSEWHERE_REVIEW = _(
    "This booking was changed in another tab or window. Below is what would be booked now: "
    "check it and confirm again."
)
CHANGED_ELSEWHERE_DETAILS = _(
    "You changed this booking in another tab or window. Below is the booking as it is now: "
    "check it, then continue."
)
PAYMENT_LABELS = {
    "ONLINE": _("Pay online now"),
    "DEPOSIT": _("Pay a deposit online now, the rest at the venue"),
    "OFFLINE": _("Pay at the venue"),
}


def payment_choices(setup: DetailsSetup) -> list[tuple[str, str]]:
    """The details form's payment radios: (payment code, label), in the service's order.

    A signed-in member's plans come first (``plan:<order id>``; a plan pays the whole session,
    so no deposit), then paying per session. A deposit service's radios name the amounts of
    the draft's first quote (the price summary beside them follows the participants).
    """
    plans = [(f"plan:{p.order_id}", plan_choice_label(p)) for p in setup.plans]
    amounts = deposit_payment_labels(deposits.split(setup.service, setup.initial_quote))
    return plans + [
        (code, amounts.get(code) or str(PAYMENT_LABELS.get(code, code)))
        for code in setup.payment_codes
    ]


def change_time_url(setup: DetailsSetup, draft: BookingDraft) -> str:
    """The service's calendar on the chosen day, in the zone the customer chose the time in."""
    start, _end = slot_times(draft)
    query = {"date": start.date().isoformat()} if start else {}
    if draft.display_time_zone:
        query["tz"] = draft.display_time_zone
    if draft.duration_minutes:
        query["duration"] = str(draft.duration_minutes)
    url = reverse("booking:service", args=[setup.service.slug])
    return f"{url}?{urlencode(query)}" if query else url


def slot_context(setup: DetailsSetup, draft: BookingDraft) -> dict[str, Any]:
    """The chosen time, for the summary the details and review pages both show."""
    start, end = slot_times(draft)
    zone = draft.display_time_zone or (draft.slot.time_zone if draft.slot else "")
    return {
        "draft_version": fingerprint(draft),
        "business_time": facts.business_time(
            start, end, shown_zone=zone, business_zone=draft.slot.time_zone if draft.slot else None
        ),
        "change_time_url": change_time_url(setup, draft),
        "course": course_view(setup.sessions, draft.display_time_zone),
        "service": setup.service,
        "slot": draft.slot,
        "slot_start": start,
        "slot_end": end,
        "slot_zone": zone,
        "length": duration(draft.duration_minutes) if draft.duration_minutes else "",
    }


def price_context(
    setup: DetailsSetup, quote: Quote | None, option: str | None, plan_name: str | None = None
) -> dict[str, Any]:
    """The price summary: the quote and, for a deposit, what is due now and at the venue.

    ``plan_name`` (the payment is a plan): ``plan_rows`` say what the plan covers and that
    nothing is due now, in place of the total.
    """
    if plan_name and quote is not None and not quote.free:
        currency = quote.total.currency if quote.total else None
        rows = plan_price_rows(plan_name, quote.participants, currency)
        return {"quote": quote, "deposit_rows": [], "plan_rows": rows, "price_range": None}
    found = deposits.split(setup.service, quote) if quote is not None else None
    show_split = found is not None and option in (None, "DEPOSIT")
    low_high = setup.price_range(quote.participants) if quote is not None else None
    return {
        "quote": quote,
        "deposit_rows": split_rows(found) if found and show_split else [],
        # "£55 to £70": who is free decides the price (an anyone-available time).
        "price_range": (low_high[0].total, low_high[1].total) if low_high else None,
        "price_range_note": price_depends_on_staff() if low_high else "",
        "plan_rows": [],
    }


def chosen_plan_name(setup: DetailsSetup, option: str | None, order_id: str | None) -> str | None:
    """The name of the plan that pays, when ``option`` is MEMBERSHIP (or a ``plan:`` radio)."""
    if option and option.startswith("plan:"):
        order_id, option = option.removeprefix("plan:"), "MEMBERSHIP"
    chosen = setup.plan(order_id) if option == "MEMBERSHIP" else None
    return chosen.name if chosen else None


def details_context(setup: DetailsSetup, draft: BookingDraft) -> dict[str, Any]:
    """What the details page shows besides its form: limits, the price and the chosen time."""
    return {
        **slot_context(setup, draft),
        "max_participants": setup.max_participants,
        "capacity_left": setup.capacity_left,
        **price_context(
            setup,
            setup.initial_quote,
            draft.payment_option,
            _shown_plan_name(setup, draft),
        ),
        "plan_note": plan_reason_text(setup.plan_reason) if setup.plan_reason else "",
        "plans_accepted": plans_allowed_for(setup.service) is None,
    }


def _shown_plan_name(setup: DetailsSetup, draft: BookingDraft) -> str | None:
    """The plan the details form shows chosen: the draft's, else the first (checked at first)."""
    if draft.payment_option is None and setup.plans:
        return setup.plans[0].name
    return chosen_plan_name(setup, draft.payment_option, draft.plan_order_id)


def review_context(setup: DetailsSetup, draft: BookingDraft) -> dict[str, Any]:
    """What the review page shows: the booking, and what is paid now and later."""
    quote = setup.quote_for(draft.participants, draft.variant_counts)
    return {
        **slot_context(setup, draft),
        "draft": draft,
        **price_context(
            setup,
            quote,
            draft.payment_option or "OFFLINE",
            chosen_plan_name(setup, draft.payment_option, draft.plan_order_id),
        ),
        "payment_label": _payment_label(setup, draft),
        "answers": answer_rows(setup.questions, draft.answers),
    }


def _payment_label(setup: DetailsSetup, draft: BookingDraft) -> str:
    if draft.payment_option == "MEMBERSHIP":
        chosen = setup.plan(draft.plan_order_id)
        return plan_paid_label(chosen) if chosen else ""
    return str(PAYMENT_LABELS.get(draft.payment_option or "", ""))


def plan_fits(form: forms.Form, setup: DetailsSetup, changed: BookingDraft) -> bool:
    """Whether the plan ``changed`` pays with has a session per participant; if not, the
    form's payment field says why (and the customer stays on the details step)."""
    short = setup.plan_short_of(changed)
    if short is not None:
        form.add_error("payment_option", too_few_sessions_text(short))
    return short is None
