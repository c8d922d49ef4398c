"""The owner area's home: the tools a signed-in staff member can use."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from booking_site.owner.views.auth import owner_required

# Owner tools, each added by the feature that provides it: (URL name, label).
TOOLS: tuple[tuple[str, object], ...] = (
    ("booking:owner-links", _("Links, buttons and embed snippets for each service")),
    ("booking:owner-book", _("Book on behalf of a customer")),
)


@require_GET
@owner_required
def owner_home(request: HttpRequest) -> HttpResponse:
    """List the owner tools that exist in this build."""
    tools = []
    for name, label in TOOLS:
        try:
            tools.append({"url": reverse(name), "label": label})
        except NoReverseMatch:
            continue
    return render(request, "owner/home.html", {"tools": tools})
