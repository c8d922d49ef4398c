"""The services list."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def service_list(request: HttpRequest) -> HttpResponse:
    """Services grouped by category."""
    return render(request, "booking/services.html", {"groups": []})
