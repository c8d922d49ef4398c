"""The service page: details, policy, the slot calendar (or a course's dates), and choosing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from booking_site.flow import navigate
from booking_site.forms import CalendarForm, SlotForm, parse_zone, prefill, zone_choices
from booking_site.services import availability, catalogue, courses, outcome
from booking_site.services.calendar_view import month_calendar
from booking_site.session import BookingDraft, load_draft, save_draft
from booking_site.views.common import HtmxHttpRequest, shows_booking_errors

if TYPE_CHECKING:
    from booking_site.wix import Service

_PARTIALS = {"calendar"}
_UTM_MAX = 200


def _draft_for(request: HtmxHttpRequest, service: Service) -> BookingDraft:
    """The customer's draft moved onto ``service``, with any deep-link prefill and UTM tags."""
    draft = load_draft(request).draft.for_service(
        service_id=service.id, slug=service.slug, service_type=str(service.type)
    )
    changes: dict[str, object] = {}
    if filled := prefill(request.GET):
        changes["prefill"] = {**draft.prefill, **filled}
    utm = {k: v[:_UTM_MAX] for k, v in request.GET.items() if k.startswith("utm_") and len(k) < 40}
    if utm:
        changes["utm"] = {**draft.utm, **utm}
    participants = request.GET.get("participants", "")
    if participants.isdigit() and 0 < int(participants) <= 100:
        changes["participants"] = int(participants)
    return draft.with_changes(**changes) if changes else draft


def _fresh_attempt(draft: BookingDraft) -> BookingDraft:
    """A new attempt once the old one made a booking; an unpaid one is cancelled (API key)."""
    if not outcome.attempt_used(draft.ref):
        return draft
    outcome.start_over(draft.ref)
    return draft.new_attempt()


@require_GET
@vary_on_headers("HX-Request")
@shows_booking_errors
def service_page(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Service details with the month calendar (appointments, classes) or course dates."""
    service = catalogue.get_service(slug)
    params = CalendarForm(request.GET).valid_values()
    draft = _draft_for(request, service)
    zone = (
        params.get("tz")
        or parse_zone(draft.display_time_zone)
        or availability.business_zone(service)
    )
    draft = draft.with_changes(display_time_zone=str(zone.key))
    save_draft(request, draft)
    context: dict[str, object] = {
        "service": service,
        "variants": catalogue.get_variants(service),
        "filters": params,
        "zone_choices": zone_choices(str(zone.key), availability.business_zone(service).key),
    }
    if service.type == "COURSE":
        context |= {
            "sessions": courses.course_sessions(service),
            "places_left": courses.course_places_left(service),
            "bookable": courses.course_bookable(service),
        }
    else:
        context["calendar"] = month_calendar(
            service,
            month=params.get("month"),
            selected=params.get("date"),
            display_zone=zone,
            filters=availability.SlotFilter(
                staff_id=params.get("staff"), location_id=params.get("location")
            ),
        )
    template = "booking/service.html"
    if request.htmx and request.htmx.target in _PARTIALS:
        template += f"#{request.htmx.target}"
    return render(request, template, context)


@require_POST
@shows_booking_errors
def choose_slot(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Keep the chosen slot (re-derived from Wix by its key) and go on to the details step."""
    service = catalogue.get_service(slug)
    form = SlotForm(request.POST)
    draft = _draft_for(request, service)
    if not form.is_valid():
        return navigate(request, reverse("booking:service", args=[slug]))
    zone = parse_zone(draft.display_time_zone) or availability.business_zone(service)
    choice = availability.find_choice(service, form.cleaned_data["slot"], display_zone=zone)
    draft = _fresh_attempt(draft)
    save_draft(request, draft.with_changes(slot=availability.chosen_from(choice)))
    return navigate(request, reverse("booking:details"))


@require_POST
@shows_booking_errors
def choose_course(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Book the whole course: check it is still open, then go on to the details step."""
    service = catalogue.get_service(slug)
    courses.check_course_open(service, participants=1)
    draft = _fresh_attempt(_draft_for(request, service))
    save_draft(request, draft.with_changes(slot=None))
    return navigate(request, reverse("booking:details"))
