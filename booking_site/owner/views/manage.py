"""Owner mode's manage pages: the customer's manage page for a booking staff made on their
behalf, with the policy overridden (API key) and every change logged with the staff user."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_http_methods

from booking_site.owner.views.guards import staff_view
from booking_site.views import manage as pages
from booking_site.views.common import HtmxHttpRequest


def _access(request: HtmxHttpRequest, ref: str) -> pages.Access:
    return pages.Access.of(request, ref[:64], staff=request.user.get_username())


@require_http_methods(["GET"])
@staff_view
def owner_manage_page(request: HtmxHttpRequest, ref: str) -> HttpResponse:
    """``/owner/manage/<ref>/``: the booking, with staff's overrides."""
    return pages.show(request, _access(request, ref))


@require_http_methods(["GET", "POST"])
@staff_view
def owner_manage_cancel(request: HtmxHttpRequest, ref: str) -> HttpResponse:
    """Confirm (GET) and cancel (POST) whatever the policy."""
    return pages.cancel(request, _access(request, ref))


@require_http_methods(["GET", "POST"])
@staff_view
def owner_manage_reschedule(request: HtmxHttpRequest, ref: str) -> HttpResponse:
    """The calendar (GET) and the move (POST) whatever the policy."""
    return pages.reschedule(request, _access(request, ref))


@require_http_methods(["GET"])
@staff_view
def owner_manage_ics(request: HtmxHttpRequest, ref: str) -> HttpResponse:
    """The booking's .ics, as the customer's manage page offers it."""
    return pages.calendar_file(request, _access(request, ref))
