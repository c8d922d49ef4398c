"""Manage my booking: see it, cancel it (behind a confirmation), reschedule it, get its .ics.

The same pages serve customers (``/manage/<token>/``, Wix's anonymous actions) and staff
(``/owner/manage/<ref>/``, the API key with the policy overridden). A GET never changes a
booking: a link scanner following any of these URLs cancels nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from booking_site.calendar_query import calendar_query
from booking_site.errors import BookingError
from booking_site.forms import ManageActionForm, ManageSlotForm, parse_zone
from booking_site.models import Submission
from booking_site.presentation import manage as page
from booking_site.ratelimit import rate_limited
from booking_site.services import courses, manage, manage_changes
from booking_site.services.availability import SlotChoice, SlotFilter
from booking_site.services.calendar_file import ics_for_booking
from booking_site.views.common import HtmxHttpRequest, absolute_url
from booking_site.views.common import shows_booking_errors as shows_errors

CHANGE_LIMIT_PER_MINUTE = 10
View = Callable[..., HttpResponseBase]


@dataclass(frozen=True)
class Access:
    """Who manages which booking: a customer's token, or staff (``staff``) by our ref.

    ``zone`` is the customer's display zone when the link carries one (``?tz=``, as the
    confirmation's link does): times are shown there too, and every link keeps it.
    """

    key: str
    staff: str | None = None
    zone: str | None = None

    @classmethod
    def of(cls, request: HtmxHttpRequest, key: str, staff: str | None = None) -> Access:
        zone = parse_zone(request.POST.get("tz") or request.GET.get("tz"))
        return cls(key, staff, str(zone.key) if zone else None)

    @property
    def prefix(self) -> str:
        return "booking:owner-manage" if self.staff is not None else "booking:manage"

    def url(self, name: str = "", **query: str) -> str:
        path = reverse(self.prefix + (f"-{name}" if name else ""), args=[self.key])
        params = {**({"tz": self.zone} if self.zone else {}), **query}
        return f"{path}?{urlencode(params)}" if params else path

    def row(self) -> Submission:
        if self.staff is not None:
            return manage_changes.owner_row(self.key)
        return manage.row_for(self.key)

    def read(self, row: Submission, now: datetime) -> manage.ManagedBooking:
        managed = manage.read_row(row, now=now, owner=self.staff is not None)
        return replace(managed, customer_zone=self.zone) if self.zone else managed


def _context(access: Access, managed: manage.ManagedBooking) -> dict[str, object]:
    urls = {name: access.url(name) for name in ("cancel", "reschedule")}
    # The .ics names its times in UTC: no zone to carry.
    urls["ics"] = reverse(access.prefix + "-ics", args=[access.key])
    return {**page.manage_context(managed), "urls": {"page": access.url(), **urls}}


def show(request: HtmxHttpRequest, access: Access) -> HttpResponse:
    """The booking now, what may be done, and any fee; ``?done=`` says what just happened."""
    managed = access.read(access.row(), timezone.now())
    context = {**_context(access, managed), "done": request.GET.get("done", "")[:16]}
    return render(request, "manage/manage.html", context)


def cancel(request: HtmxHttpRequest, access: Access) -> HttpResponse:
    """GET: the confirmation step (with the fee). POST: cancel once, then show the booking."""
    row, now = access.row(), timezone.now()
    if request.method == "GET":
        managed = access.read(row, now)
        return render(request, "manage/cancel.html", _context(access, managed))
    form = ManageActionForm(request.POST)
    if not form.is_valid():
        return redirect(access.url("cancel"))
    revision = form.cleaned_data["revision"]
    try:
        if access.staff is not None:
            managed = manage_changes.owner_cancel(
                row, revision=revision, staff=access.staff, now=now
            )
        else:
            managed = manage.cancel(access.key, revision=revision, now=now)
    except BookingError as error:
        if error.code != "manage_changed":
            raise
        managed = access.read(row, now)
        context = {**_context(access, managed), "changed": error.message}
        return render(request, "manage/cancel.html", context, status=409)
    if not managed.cancelled:  # refused by the policy: the confirmation page says why
        return render(request, "manage/cancel.html", _context(access, managed), status=409)
    return redirect(access.url(done="cancelled"))


def reschedule(request: HtmxHttpRequest, access: Access) -> HttpResponse:
    """GET: the service page's calendar for this service. POST: move to the chosen time."""
    row, now = access.row(), timezone.now()
    if request.method == "POST":
        form = ManageSlotForm(request.POST)
        if not form.is_valid():
            return redirect(access.url("reschedule"))
        zone = form.cleaned_data["tz"] or parse_zone("UTC")
        assert zone is not None  # the form sends the zone the times were shown in
        try:
            result = manage_changes.reschedule(
                row,
                key=form.cleaned_data["slot"],
                revision=form.cleaned_data["revision"],
                display_zone=zone,
                now=now,
                staff=access.staff,
            )
        except BookingError as error:
            if error.code != "manage_changed":
                raise
            return _calendar_page(request, access, row, now, notice=error.message, status=409)
        if result.moved:
            return redirect(access.url(done="rescheduled"))
        if result.error is None:  # not allowed (any more): the page says why
            return _calendar_page(request, access, row, now, status=409)
        return _calendar_page(
            request,
            access,
            row,
            now,
            notice=result.error.message,
            alternatives=result.alternatives,
            status=409,
        )
    return _calendar_page(request, access, row, now)


def urls_page(access: Access) -> str:
    """The manage page's own URL, without a zone (for files shared beyond this browser)."""
    return reverse(access.prefix, args=[access.key])


def _calendar_page(
    request: HtmxHttpRequest,
    access: Access,
    row: Submission,
    now: datetime,
    *,
    notice: str = "",
    alternatives: tuple[SlotChoice, ...] = (),
    status: int = 200,
) -> HttpResponse:
    managed = access.read(row, now)
    context = {**_context(access, managed), "notice": notice, "alternatives": alternatives}
    if managed.reschedule_block is None:
        params = calendar_query(request.GET)
        zone = params.get("tz") or parse_zone(managed.customer_zone) or parse_zone("UTC")
        assert zone is not None
        calendar = manage_changes.calendar_for(
            managed,
            month=params.get("month"),
            selected=params.get("date"),
            display_zone=zone,
            filters=SlotFilter(staff_id=params.get("staff"), location_id=params.get("location")),
        )
        context |= page.calendar_context(calendar, managed)
    template = "manage/reschedule.html"
    if request.htmx and request.htmx.target == "calendar" and "calendar" in context:
        template += "#calendar"
    return render(request, template, context, status=status)


def calendar_file(request: HtmxHttpRequest, access: Access) -> HttpResponse:
    """The booking's .ics as Wix has it now (after a reschedule: the new time)."""
    managed = access.read(access.row(), timezone.now())
    if managed.cancel_block in ("cancelled", "not_open"):
        raise BookingError("booking_not_found")
    body = ics_for_booking(
        managed.booking,
        service_name=managed.service.name,
        manage_url=absolute_url(request, urls_page(access)),
        uid_host=request.get_host(),
        sessions=courses.course_sessions(managed.service) if managed.is_course else (),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="booking.ics"'
    return response


_GET_ONLY = require_http_methods(["GET"])
_GET_OR_POST = require_http_methods(["GET", "POST"])


def _guarded(view: Callable[..., HttpResponse]) -> View:
    # Per client: enough for a customer's clicks, not for someone trying tokens.
    limited = rate_limited("manage", limit=CHANGE_LIMIT_PER_MINUTE * 3, window=60, strict=False)
    return never_cache(limited(shows_errors(view)))


@_GET_ONLY
@_guarded
def manage_page(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """``/manage/<token>/``: the customer's booking."""
    return show(request, Access.of(request, token))


@_GET_OR_POST
@_guarded
def manage_cancel(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """``/manage/<token>/cancel/``: confirm (GET), cancel (POST)."""
    return cancel(request, Access.of(request, token))


@_GET_OR_POST
@_guarded
def manage_reschedule(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """``/manage/<token>/reschedule/``: the calendar (GET), move (POST)."""
    return reschedule(request, Access.of(request, token))


@_GET_ONLY
@_guarded
def manage_ics(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """``/manage/<token>/booking.ics``."""
    return calendar_file(request, Access.of(request, token))
