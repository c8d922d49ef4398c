"""The details step: limits, variants and payment choices for the draft's service, and the quote.

Everything here is derived from Wix (cached) for each request; the browser only sends counts
and contact fields, which are validated against these limits.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from booking_site.errors import BookingError
from booking_site.member_session import SignedIn
from booking_site.services import (
    booking_form,
    catalogue,
    chosen_slot,
    courses,
    member_plans,
    variant_choices,
)
from booking_site.services.member_plans import MemberPlan, NoPlanReason
from booking_site.services.pricing import Quote, payment_options, quote
from booking_site.session import BookingDraft, Contact
from booking_site.validators import ANSWER_PREFIX
from booking_site.wix import (
    BookingForm,
    FormAnswer,
    FormField,
    Service,
    ServiceVariants,
    Variant,
    VisitorTokens,
)


@dataclass(frozen=True)
class DetailsSetup:
    """The service's rules for the details form of one draft.

    ``variants`` are participant categories (a count each, ``CUSTOM`` options only);
    ``unit`` is the variant pricing every participant (the chosen duration or staff member).
    """

    service: Service
    variants: ServiceVariants | None
    max_participants: int
    capacity_left: int | None
    initial: dict[str, Any]
    payment_codes: tuple[str, ...]
    # A course's sessions (§22), for the summary; empty for other services or when unreadable.
    sessions: tuple[courses.CourseSession, ...] = ()
    # The service's custom booking form (None: the default form, the contact fields only).
    form: BookingForm | None = None
    unit: Variant | None = None
    # An "anyone available" time of a staff-priced service: each staff member's variant,
    # cheapest first (``variant_choices.any_staff_units``); the price is one of theirs.
    staff_units: tuple[Variant, ...] = ()

    @property
    def questions(self) -> tuple[FormField, ...]:
        """The booking form's extra questions the customer answers."""
        return self.form.questions if self.form else ()

    # For a signed-in member: the plans that may pay (``plan:<order id>`` choices), or why none.
    plans: tuple[MemberPlan, ...] = ()
    plan_reason: NoPlanReason | None = None
    member_tokens: VisitorTokens | None = None

    def plan(self, order_id: str | None) -> MemberPlan | None:
        return next((p for p in self.plans if p.order_id == order_id), None)

    def plan_short_of(self, draft: BookingDraft) -> MemberPlan | None:
        """The plan ``draft`` pays with, when it is known to hold fewer sessions than the
        draft's participants (one session each). Wix's cart still judges at submit (a stale
        count, another tab); this only spares the customer a refusal the site can foresee."""
        if draft.payment_option != "MEMBERSHIP":
            return None
        chosen = self.plan(draft.plan_order_id)
        if chosen is None or chosen.left is None or chosen.left >= (draft.participants or 1):
            return None
        return chosen

    @property
    def variant_names(self) -> tuple[str, ...]:
        return tuple(v.choice for v in self.variants.variants) if self.variants else ()

    def quote_for(self, participants: int | None, counts: dict[str, int] | None) -> Quote:
        return quote(
            self.service,
            participants=participants,
            variants=self.variants,
            variant_counts=counts if self.variants else None,
            capacity_left=self.capacity_left,
            unit_variant=self.unit,
        )

    def preview_quote(
        self, participants: int | None, counts: dict[str, int] | None
    ) -> Quote | None:
        """The price for the counts typed so far (None while they break the limits)."""
        try:
            return self.quote_for(participants, counts)
        except BookingError:
            return None

    def price_range(self, participants: int | None) -> tuple[Quote, Quote] | None:
        """The cheapest and dearest price an anyone-available booking of ``participants`` may
        come to; None when the person does not change the price (or the count breaks the
        limits). Staff-priced services have no participant categories, so no counts."""
        if not self.staff_units:
            return None
        try:
            low, high = (
                dataclasses.replace(self, unit=unit).quote_for(participants, None)
                for unit in (self.staff_units[0], self.staff_units[-1])
            )
        except BookingError:
            return None
        if low.total is None or high.total is None or low.total == high.total:
            return None
        return low, high

    @property
    def initial_quote(self) -> Quote:
        """The price for the draft's counts, as the details form first shows them."""
        return self.quote_for(self.initial.get("participants"), self.initial.get("variant_counts"))


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


def details_setup(draft: BookingDraft, member: SignedIn | None = None) -> DetailsSetup:
    """Limits and choices for the draft's service and slot (and ``member``'s plans).

    Raises ``BookingError`` when the service is gone or Wix is unavailable.
    """
    assert draft.service_id is not None
    service = catalogue.get_service_by_id(draft.service_id)
    options = catalogue.get_variants(service)
    variants = options if options is not None and options.is_custom else None
    unit = variant_choices.unit_variant(
        options,
        minutes=draft.duration_minutes,
        staff_id=draft.slot.staff_id if draft.slot else None,
    )
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
    form = booking_form.booking_form(service)
    if form is not None and form.unanswerable:
        raise BookingError("form_not_askable")
    initial |= {ANSWER_PREFIX + target: value for target, value in draft.answers.items()}
    sessions = courses.course_sessions(service) if service.type == "COURSE" else ()
    setup = DetailsSetup(
        service,
        variants,
        max_participants,
        capacity_left,
        initial,
        codes,
        sessions,
        form,
        unit,
        staff_units=variant_choices.any_staff_units(
            options, any_staff=draft.slot is not None and draft.slot.any_staff
        ),
    )
    return _with_plans(setup, draft, member) if member is not None else setup


def _with_plans(setup: DetailsSetup, draft: BookingDraft, member: SignedIn) -> DetailsSetup:
    """``setup`` with the member's plans for the service (none while Wix can't list them)."""
    try:
        offer = member_plans.plan_offer(member, setup.service)
    except BookingError as error:
        if error.code == "sign_in_expired":
            raise  # signed out visibly (views), never a member's page with a visitor's token
        return setup  # paying per session still works; the plans come back with Wix
    initial = dict(setup.initial)
    if draft.contact is None:  # a member's own details, until they type others
        initial.setdefault("first_name", member.name)
        initial.setdefault("email", member.email)
    if draft.payment_option == "MEMBERSHIP" and any(
        p.order_id == draft.plan_order_id for p in offer.plans
    ):
        initial["payment_option"] = f"plan:{draft.plan_order_id}"
    return dataclasses.replace(
        setup,
        initial=initial,
        plans=offer.plans,
        plan_reason=offer.reason,
        member_tokens=offer.tokens,
    )


def _capacity_left(service: Service, draft: BookingDraft) -> int | None:
    if service.type == "COURSE":
        return courses.course_places_left(service)
    if draft.slot and draft.slot.event_id:
        return chosen_slot.spots_left_for(service, draft.slot)
    return None


def details_from_input(
    draft: BookingDraft,
    setup: DetailsSetup,
    *,
    participants: int | None,
    counts: dict[str, int] | None,
    contact: Contact,
    payment_option: str | None,
    answers: Mapping[str, FormAnswer] | None = None,
) -> BookingDraft:
    """The draft with the customer's participants, contact and payment choice.

    ``counts`` is ignored for a service without variants; a payment option the service does
    not offer for this quote falls back to its first. Raises ``BookingError`` when the counts
    break the service's limits.
    """
    counts = counts if setup.variants else None
    the_quote = setup.quote_for(participants, counts)
    codes = payment_options(setup.service, the_quote)
    option = payment_option if payment_option in codes else codes[0]
    chosen_plan = setup.plan((payment_option or "").removeprefix("plan:"))
    asked = {q.target for q in setup.questions}
    return draft.with_changes(
        participants=the_quote.participants,
        variant_counts=counts,
        payment_option="MEMBERSHIP" if chosen_plan else option,
        plan_order_id=chosen_plan.order_id if chosen_plan else None,
        plan_name=chosen_plan.name if chosen_plan else None,
        contact=contact,
        # Only answers to this service's questions; Wix's refusals are answered anew.
        answers={t: v for t, v in (answers or {}).items() if t in asked},
        rejected_fields={},
    )
