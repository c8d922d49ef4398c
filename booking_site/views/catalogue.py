"""The services list, with a type filter that HTMX swaps in place."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from booking_site.services import catalogue
from booking_site.views.common import HtmxHttpRequest, browsing, shows_booking_errors

TYPE_FILTERS = {"appointment": "APPOINTMENT", "class": "CLASS", "course": "COURSE"}


@require_GET
@vary_on_headers("HX-Request")
@browsing
@shows_booking_errors
def service_list(request: HtmxHttpRequest) -> HttpResponse:
    """Services grouped by category; ``?type=`` narrows them (unknown values show all)."""
    chosen = request.GET.get("type", "")
    groups = catalogue.list_services(service_type=TYPE_FILTERS.get(chosen))
    context = {
        "groups": groups,
        "type_filter": chosen if chosen in TYPE_FILTERS else "",
        "site": catalogue.site_info(),
    }
    template = "booking/services.html"
    if request.htmx and request.htmx.target == "service-list":
        template += "#service-list"
    return render(request, template, context)
