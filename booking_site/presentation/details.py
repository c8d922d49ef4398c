"""The details and review pages' contexts and labels, from the service's ``DetailsSetup``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from booking_site.draft_fingerprint import fingerprint
from booking_site.presentation import facts
from booking_site.presentation.booking_answers import answer_rows
from booking_site.presentation.course import course_view
from booking_site.presentation.plans import plan_choice_label, plan_paid_label, plan_reason_text
from booking_site.services.details import DetailsSetup, slot_times
from booking_site.services.member_plans import plans_allowed_for
from booking_site.session import BookingDraft

# A form from an older tab, sent after the draft changed in another: said, never applied blindly.
CHANGED_ELSEWHERE_REVIEW = _(
    "This booking was changed in another tab or window. Below is what would be booked now: "
    "check it and confirm again."
)
CHANGED_ELSEWHERE_DETAILS = _(
    "You changed this booking in another tab or window. Below is the booking as it is now: "
    "check it, then continue."
)
PAYMENT_LABELS = {"ONLINE": _("Pay online now"), "OFFLINE": _("Pay at the venue")}


def payment_choices(setup: DetailsSetup) -> list[tuple[str, str]]:
    """The details form's payment radios: (Wix payment option, label), in the service's order.

    A signed-in member's plans come first (``plan:<order id>``), then paying per session.
    """
    plans = [(f"plan:{p.order_id}", plan_choice_label(p)) for p in setup.plans]
    return plans + [(code, str(PAYMENT_LABELS.get(code, code))) for code in setup.payment_codes]


def change_time_url(setup: DetailsSetup, draft: BookingDraft) -> str:
    """The service's calendar on the chosen day, in the zone the customer chose the time in."""
    start, _end = slot_times(draft)
    query = {"date": start.date().isoformat()} if start else {}
    if draft.display_time_zone:
        query["tz"] = draft.display_time_zone
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
    }


def details_context(setup: DetailsSetup, draft: BookingDraft) -> dict[str, Any]:
    """What the details page shows besides its form: limits, the price and the chosen time."""
    return {
        **slot_context(setup, draft),
        "max_participants": setup.max_participants,
        "capacity_left": setup.capacity_left,
        "quote": setup.initial_quote,
        "plan_note": plan_reason_text(setup.plan_reason) if setup.plan_reason else "",
        "plans_accepted": plans_allowed_for(setup.service) is None,
    }


def review_context(setup: DetailsSetup, draft: BookingDraft) -> dict[str, Any]:
    """What the review page shows."""
    return {
        **slot_context(setup, draft),
        "draft": draft,
        "quote": setup.quote_for(draft.participants, draft.variant_counts),
        "payment_label": _payment_label(setup, draft),
        "answers": answer_rows(setup.questions, draft.answers),
    }


def _payment_label(setup: DetailsSetup, draft: BookingDraft) -> str:
    if draft.payment_option == "MEMBERSHIP":
        chosen = setup.plan(draft.plan_order_id)
        return plan_paid_label(chosen) if chosen else ""
    return str(PAYMENT_LABELS.get(draft.payment_option or "", ""))
