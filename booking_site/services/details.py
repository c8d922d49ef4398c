"""The details step: limits, variants and payment choices for the draft's service, and the quote.

Everything here is derived from Wix (cached) for each request; the browser only sends counts
and contact fields, which are validated against these limits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.forms import Form
from django.utils.translation import gettext_lazy as _

from booking_site.errors import BookingError
from booking_site.services import catalogue, chosen_slot, courses
from booking_site.services.pricing import Quote, payment_options, quote
from booking_site.session import BookingDraft, Contact
from booking_site.wix import Service, ServiceVariants

PAYMENT_LABELS = {"ONLINE": _("Pay online now"), "OFFLINE": _("Pay at the venue")}


@dataclass(frozen=True)
class DetailsSetup:
    """The service's rules for the details form of one draft."""

    service: Service
    variants: ServiceVariants | None
    max_participants: int
    capacity_left: int | None
    initial: dict[str, Any]
    payment_codes: tuple[str, ...]

    @property
    def variant_names(self) -> tuple[str, ...]:
        return tuple(v.choice for v in self.variants.variants) if self.variants else ()

    @property
    def payment_choices(self) -> list[tuple[str, str]]:
        return [(code, str(PAYMENT_LABELS.get(code, code))) for code in self.payment_codes]

    def quote_for(self, participants: int | None, counts: dict[str, int] | None) -> Quote:
        return quote(
            self.service,
            participants=participants,
            variants=self.variants,
            variant_counts=counts if self.variants else None,
            capacity_left=self.capacity_left,
        )

    def preview_quote(self, form: Form) -> Quote | None:
        """The price for the counts typed so far (None while they are invalid)."""
        form.is_valid()
        data = getattr(form, "cleaned_data", {})
        counts = form.variant_counts() if self.variants else None  # type: ignore[attr-defined]
        try:
            return self.quote_for(data.get("participants"), counts)
        except BookingError:
            return None

    def as_context(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "max_participants": self.max_participants,
            "capacity_left": self.capacity_left,
            "quote": self.quote_for(
                self.initial.get("participants"), self.initial.get("variant_counts")
            ),
        }

    def slot_context(self, draft: BookingDraft) -> dict[str, Any]:
        """The chosen time, for the summary the details and review pages both show."""
        start, end = slot_times(draft)
        return {
            "service": self.service,
            "slot": draft.slot,
            "slot_start": start,
            "slot_end": end,
            "slot_zone": draft.display_time_zone or (draft.slot.time_zone if draft.slot else ""),
        }

    def review_context(self, draft: BookingDraft) -> dict[str, Any]:
        """What the review page shows."""
        return {
            **self.slot_context(draft),
            "draft": draft,
            "quote": self.quote_for(draft.participants, draft.variant_counts),
            "payment_label": PAYMENT_LABELS.get(draft.payment_option or "", ""),
        }


def slot_times(draft: BookingDraft) -> tuple[datetime | None, datetime | None]:
    """The chosen slot's start and end in the customer's display zone."""
    slot = draft.slot
    if slot is None:
        return None, None
    zone = ZoneInfo(draft.display_time_zone or slot.time_zone)
    source = ZoneInfo(slot.time_zone)
    start = datetime.fromisoformat(slot.local_start).replace(tzinfo=source).astimezone(zone)
    end = datetime.fromisoformat(slot.local_end).replace(tzinfo=source).astimezone(zone)
    return start, end


def details_context(draft: BookingDraft) -> DetailsSetup:
    """Limits and choices for the draft's service and slot.

    Raises ``BookingError`` when the service is gone or Wix is unavailable.
    """
    assert draft.service_id is not None
    service = catalogue.get_service_by_id(draft.service_id)
    variants = catalogue.get_variants(service)
    capacity_left = _capacity_left(service, draft)
    max_participants = max(
        1, min(service.policy.max_participants_per_booking, capacity_left or 1000)
    )
    initial: dict[str, Any] = {**draft.prefill}
    if draft.contact:
        initial |= {
            "first_name": draft.contact.first_name,
            "last_name": draft.contact.last_name,
            "email": draft.contact.email,
            "phone": draft.contact.phone,
        }
    initial["participants"] = min(draft.participants or 1, max_participants)
    if variants is not None:
        counts = draft.variant_counts or {}
        initial["variant_counts"] = {v.choice: counts.get(v.choice, 0) for v in variants.variants}
        if not any(initial["variant_counts"].values()):
            initial["variant_counts"][variants.variants[0].choice] = 1
        for index, variant in enumerate(variants.variants):
            initial[f"variant_{index}"] = initial["variant_counts"][variant.choice]
    first_quote = quote(service, participants=1)
    codes = payment_options(service, first_quote)
    if draft.payment_option in codes:
        initial["payment_option"] = draft.payment_option
    return DetailsSetup(service, variants, max_participants, capacity_left, initial, codes)


def _capacity_left(service: Service, draft: BookingDraft) -> int | None:
    if service.type == "COURSE":
        return courses.course_places_left(service)
    if draft.slot and draft.slot.event_id:
        return chosen_slot.spots_left_for(service, draft.slot)
    return None


def details_from_form(draft: BookingDraft, setup: DetailsSetup, form: Form) -> BookingDraft:
    """The draft with the form's participants, contact and payment choice.

    Raises ``BookingError`` when the counts break the service's limits.
    """
    data = form.cleaned_data
    counts = form.variant_counts() if setup.variants else None  # type: ignore[attr-defined]
    the_quote = setup.quote_for(data.get("participants"), counts)
    codes = payment_options(setup.service, the_quote)
    option = data.get("payment_option") if data.get("payment_option") in codes else codes[0]
    return draft.with_changes(
        participants=the_quote.participants,
        variant_counts=counts,
        payment_option=option,
        contact=Contact(
            first_name=data["first_name"].strip(),
            last_name=data["last_name"].strip(),
            email=data["email"].strip(),
            phone=(data.get("phone") or "").strip(),
        ),
    )
