"""Owner tool: for each service a copyable deep link, a "Book now" button and an iframe snippet."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from booking_site import snippets
from booking_site.embed import embed_origins
from booking_site.owner.views.auth import owner_required
from booking_site.services import catalogue
from booking_site.services.deeplinks import read_utm
from booking_site.views.common import absolute_url, shows_booking_errors

CAMPAIGN_FIELDS = ("utm_source", "utm_medium", "utm_campaign")


@require_GET
@owner_required
@shows_booking_errors
def owner_links(request: HttpRequest) -> HttpResponse:
    """Every listed service's snippets, with optional campaign tags added to each link."""
    utm = read_utm({k: request.GET.get(k, "") for k in CAMPAIGN_FIELDS})
    origin = absolute_url(request, "/").rstrip("/")
    services = [s for group in catalogue.list_services() for s in group.services]
    rows = [
        snippets.for_service(
            name=service.name,
            link=snippets.deep_link(origin, reverse("booking:service", args=[service.slug]), utm),
            origin=origin,
        )
        for service in services
    ]
    context = {
        "rows": rows,
        "utm": utm,
        "campaign_fields": [(name, utm.get(name, "")) for name in CAMPAIGN_FIELDS],
        "embed_origins": embed_origins(),
        "preview": rows[0] if rows else None,
    }
    return render(request, "owner/links.html", context)
