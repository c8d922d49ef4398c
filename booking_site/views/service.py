"""The service page: details, policy, the slot calendar (or a course's dates), and choosing."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from django.contrib import messages
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from booking_site import page_cache
from booking_site.calendar_query import calendar_query
from booking_site.flow import navigate
from booking_site.forms import SlotForm, parse_zone, zone_choices
from booking_site.presentation.calendar import CalendarView
from booking_site.presentation.course import course_view
from booking_site.presentation.payment import service_options_context
from booking_site.services import (
    attempts,
    availability,
    catalogue,
    chosen_slot,
    courses,
    deeplinks,
    deposits,
    manage,
    team,
    variant_choices,
)
from booking_site.services.calendar_view import month_calendar
from booking_site.session import BookingDraft, has_draft, load_draft, save_draft
from booking_site.views.common import HtmxHttpRequest, browsing, shows_booking_errors

if TYPE_CHECKING:
    from booking_site.wix import Service

_PARTIALS = {"calendar"}


def _draft_for(
    request: HtmxHttpRequest, service: Service, link: deeplinks.DeepLink | None = None
) -> BookingDraft:
    """The customer's draft moved onto ``service``, with any deep-link prefill and UTM tags."""
    draft = load_draft(request).draft.for_service(
        service_id=service.id, slug=service.slug, service_type=str(service.type)
    )
    return (link or _read_link(request, service)).apply_to(draft)


def _read_link(request: HtmxHttpRequest, service: Service) -> deeplinks.DeepLink:
    """The page's query string, parsed by the form and vetted against ``service``."""
    parsed = calendar_query(request.GET)
    return deeplinks.read_deep_link(service, request.GET, parsed)


def _say_what_was_ignored(
    request: HtmxHttpRequest, link: deeplinks.DeepLink, calendar: object
) -> int:
    """One short note per deep-link value the page could not use (never an error page);
    returns how many notes were queued (a page with notes is this visitor's own)."""
    shown = getattr(calendar, "selected_day", None)
    missed = link.missed_date_note(shown) if calendar is not None else None
    notes = [note for note in (*link.notes, missed) if note]
    for note in notes:
        messages.info(request, note)
    return len(notes)


# Not ``tz``: the display zone is a preference every calendar link and the slot form carry, so
# a visitor who only looks (month, day, staff, zone) costs no session row and no cookie.
_STATE_PARAMS = frozenset({"participants", "first_name", "last_name", "email", "phone"})


def _carries_state(request: HtmxHttpRequest) -> bool:
    """Whether the query string holds something the draft must keep (a deep link's prefill)."""
    return any(k in _STATE_PARAMS or k.startswith("utm_") for k in request.GET)


@require_GET
@vary_on_headers("HX-Request")
@browsing
@shows_booking_errors
def service_page(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Service details with the month calendar (appointments, classes) or course dates."""
    service = catalogue.get_service(slug)
    link = _read_link(request, service)  # stale link values dropped, with notes
    params = link.calendar
    draft = _draft_for(request, service, link)
    zone = (
        params.get("tz")
        or parse_zone(draft.display_time_zone)
        or availability.business_zone(service)
    )
    draft = draft.with_changes(display_time_zone=str(zone.key))
    keeps_draft = has_draft(request) or _carries_state(request)
    if keeps_draft:
        # A visitor who is only looking gets no session (and no session write) yet.
        save_draft(request, draft)
    variants = catalogue.get_variants(service)
    minutes = variant_choices.chosen_duration(service, params.get("duration"))
    cannot_book = variant_choices.cannot_book(service)
    context: dict[str, object] = {
        "service": service,
        "variants": variants,
        "filters": params,
        "zone_choices": zone_choices(str(zone.key), availability.business_zone(service).key),
        **service_options_context(
            service,
            variants,
            minutes=minutes,
            split=deposits.service_split(service),
            cannot_book=cannot_book,
            contact=manage.business_contact() if cannot_book else None,
        ),
        # Called by the template only when its cached "about" block is rebuilt.
        "team": partial(team.service_team, service),
    }
    if service.type == "COURSE" and not cannot_book:
        context |= {
            "course": course_view(courses.course_sessions(service), str(zone.key)),
            "places_left": courses.course_places_left(service),
            "bookable": courses.course_bookable(service),
        }
    elif not cannot_book:  # an option type the site can't book: the page says whom to ask
        month = month_calendar(
            service,
            month=params.get("month"),
            selected=params.get("date"),
            display_zone=zone,
            filters=availability.SlotFilter(
                staff_id=params.get("staff"),
                location_id=params.get("location"),
                duration_minutes=minutes,
            ),
        )
        context["calendar"] = CalendarView(month, service_id=service.id)
    notes = 0 if request.htmx else _say_what_was_ignored(request, link, context.get("calendar"))
    template = "booking/service.html"
    if request.htmx and request.htmx.target in _PARTIALS and "calendar" in context:
        template += f"#{request.htmx.target}"
    # A month's calendar for someone only looking is the same page for everyone who asks it.
    shareable = "calendar" in context and not keeps_draft and not notes
    return page_cache.render_shared(request, template, context, shareable=shareable)


@require_POST
@browsing
@shows_booking_errors
def choose_slot(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Keep the chosen slot (re-derived from Wix by its key) and go on to the details step."""
    service = catalogue.get_service(slug)
    variant_choices.check_bookable(service)
    form = SlotForm(request.POST)
    draft = _draft_for(request, service)
    if not form.is_valid():
        return navigate(request, reverse("booking:service", args=[slug]))
    if form.cleaned_data["tz"]:  # the zone the times were shown in, sent with the choice
        draft = draft.with_changes(display_time_zone=str(form.cleaned_data["tz"].key))
    zone = parse_zone(draft.display_time_zone) or availability.business_zone(service)
    key = form.cleaned_data["slot"]
    asked = form.cleaned_data["duration"] or variant_choices.slot_key_minutes(key)
    minutes = variant_choices.chosen_duration(service, asked)
    choice = chosen_slot.find_bookable(service, key, display_zone=zone, minutes=minutes)
    draft = attempts.fresh_attempt(draft)
    chosen = chosen_slot.chosen_from(choice)
    save_draft(request, draft.with_changes(slot=chosen, duration_minutes=minutes))
    return navigate(request, reverse("booking:details"))


@require_POST
@browsing
@shows_booking_errors
def choose_course(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Book the whole course: check it is still open, then go on to the details step."""
    service = catalogue.get_service(slug)
    variant_choices.check_bookable(service)
    courses.check_course_open(service, participants=1)
    draft = attempts.fresh_attempt(_draft_for(request, service))
    # The sessions are shown in this zone on every later page (the business's unless chosen).
    zone = draft.display_time_zone or str(availability.business_zone(service).key)
    save_draft(request, draft.with_changes(slot=None, display_time_zone=zone))
    return navigate(request, reverse("booking:details"))
