"""What every owner-booking view sits behind: staff only, the API key, no caching."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from booking_site.errors import BookingError
from booking_site.owner.services.rules import owner_mode_ready
from booking_site.owner.views.auth import owner_required
from booking_site.views.common import shows_booking_errors

logger = logging.getLogger("booking_site.owner")

View = Callable[..., HttpResponse]


def needs_api_key(view: View) -> View:
    """Refuse with a clear 503 page, before any Wix call, when no API key is configured."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not owner_mode_ready():
            logger.warning(
                "owner action refused: no API key",
                extra={"action": "refused", "staff": request.user.get_username()},
            )
            error = BookingError("owner_needs_api_key")
            return render(request, "owner/no_api_key.html", {"error": error}, status=503)
        return view(request, *args, **kwargs)

    return wrapper


def staff_view(view: View) -> View:
    """Staff only, API key required, never cached, booking errors shown as a page."""
    return owner_required(needs_api_key(never_cache(shows_booking_errors(view))))
