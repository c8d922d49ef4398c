"""Owner mode, the first two steps: which service, and which time (offered or typed).

Every view is staff-only and needs the API key (``guards.staff_view``). Choosing a time starts
a fresh owner draft (``owner.session``) for that service, keeping the customer already entered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from booking_site.owner.forms import CustomTimeForm, OwnerDayForm, OwnerSlotForm
from booking_site.owner.services import choosing
from booking_site.owner.session import STORE, OwnerDraft
from booking_site.owner.views.guards import staff_view
from booking_site.services import variant_choices

if TYPE_CHECKING:
    from booking_site.wix import Service


@require_GET
@staff_view
def choose_service(request: HttpRequest) -> HttpResponse:
    """Which service the customer wants."""
    context = {"services": choosing.bookable_services()}
    return render(request, "owner/book_services.html", context)


def _day_context(
    request: HttpRequest, slug: str, custom_form: CustomTimeForm | None
) -> dict[str, object]:
    service = choosing.owner_service(slug)
    query = OwnerDayForm(request.GET)
    day = query.cleaned_data.get("date") if query.is_valid() else None
    asked = query.cleaned_data.get("duration") if query.is_valid() else None
    if custom_form is not None and custom_form.is_bound and custom_form.is_valid():
        day = custom_form.cleaned_data["date"]
    view = choosing.owner_day(service, day, variant_choices.chosen_duration(service, asked))
    form = custom_form or _custom_form(service, initial={"date": view.day.isoformat()})
    return {"day": view, "service": service, "custom_form": form}


def _custom_form(service: Service, data: object = None, **kwargs: object) -> CustomTimeForm:
    return CustomTimeForm(
        data,
        staff_choices=[(s.id, s.name) for s in service.staff],
        location_choices=[(loc.id or "", loc.name or loc.type) for loc in service.locations],
        **kwargs,
    )


@require_GET
@staff_view
def day(request: HttpRequest, slug: str) -> HttpResponse:
    """One day of the service: the offered slots, and a form for any other start time."""
    return render(request, "owner/book_day.html", _day_context(request, slug, None))


@require_POST
@staff_view
def choose_slot(request: HttpRequest, slug: str) -> HttpResponse:
    """Take an offered slot (Wix's availability rules apply)."""
    service = choosing.owner_service(slug)
    form = OwnerSlotForm(request.POST)
    if not form.is_valid():
        return redirect("booking:owner-book-day", slug=slug)
    key = form.cleaned_data["slot"]
    asked = form.cleaned_data["duration"] or variant_choices.slot_key_minutes(key)
    minutes = variant_choices.chosen_duration(service, asked)
    chosen = choosing.offered_slot(service, key, minutes)
    _start(request, service, slot=chosen, custom_time=False, duration_minutes=minutes)
    return redirect("booking:owner-book-details")


@require_POST
@staff_view
def choose_custom_time(request: HttpRequest, slug: str) -> HttpResponse:
    """Take a typed start time: Create Booking will skip Wix's availability check."""
    service = choosing.owner_service(slug)
    form = _custom_form(service, request.POST)
    if not form.is_valid():
        # Errors shown in place, next to their fields.
        return render(request, "owner/book_day.html", _day_context(request, slug, form))
    data = form.cleaned_data
    minutes = variant_choices.chosen_duration(service, OwnerDayForm(request.GET).chosen_duration())
    chosen = choosing.custom_slot(
        service,
        day=data["date"],
        start=data["start"],
        staff_id=data["staff"],
        location_id=data["location"] or None,
        minutes=minutes,
    )
    _start(request, service, slot=chosen, custom_time=True, duration_minutes=minutes)
    return redirect("booking:owner-book-details")


def _start(request: HttpRequest, service: Service, **changes: object) -> None:
    """A fresh owner draft for this service and time, keeping the customer already entered."""
    previous = STORE.load(request).draft
    draft = OwnerDraft(
        service_id=service.id,
        service_slug=service.slug,
        service_type=str(service.type),
        contact=previous.contact,
        participants=previous.participants if previous.service_id == service.id else None,
    )
    STORE.save(request, draft.with_changes(**changes))
