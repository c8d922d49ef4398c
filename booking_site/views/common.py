"""What every view shares: the typed HTMX request, error pages, and absolute URLs for Wix."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails

from booking_site.errors import BookingError
from booking_site.member_expiry import SIGN_IN_EXPIRED, signed_out_after_expiry
from booking_site.ratelimit import rate_limited

logger = logging.getLogger(__name__)


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


_STATUS_BY_CODE = {
    "sign_in_refused": 400,
    "sign_in_failed": 502,
    "plan_not_found": 404,
    "service_not_found": 404,
    # The service exists, but in another Wix app: nothing here for this URL (404, not 410,
    # since the service is not gone and this site never offered it).
    "service_not_bookable_here": 404,
    "booking_not_found": 404,
    "manage_link_invalid": 404,
    "manage_try_later": 503,
    "admin_required": 503,
    "temporarily_unavailable": 503,
    "rate_limited": 503,
    "outcome_pending": 503,
    "booking_held": 503,
    "unknown": 502,
}


def error_page(
    request: HttpRequest, error: BookingError, *, retry_url: str | None = None
) -> HttpResponse:
    """A kind page for ``error``: 503 with a retry link when trying again can help.

    The link repeats a GET; after a POST the caller names the page to go back to.
    """
    if error.code == SIGN_IN_EXPIRED:
        return signed_out_after_expiry(request)
    status = _STATUS_BY_CODE.get(error.code, 409)
    if retry_url is None and request.method == "GET":
        retry_url = request.get_full_path()
    logger.info(
        "booking error shown", extra={"code": error.code, "wix_request_id": error.wix_request_id}
    )
    response = render(
        request,
        "booking/error.html",
        {"error": error, "retry_url": retry_url},
        status=status,
    )
    if status == 503:
        response["Retry-After"] = "30"
    if getattr(request, "htmx", False):
        # htmx 2 does not swap error responses: retarget the whole page body instead.
        response["HX-Retarget"] = "body"
        response["HX-Reswap"] = "innerHTML"
    return response


def shows_booking_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Render any ``BookingError`` the view lets through as ``error_page``."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except BookingError as error:
            return error_page(request, error)

    return wrapper


def absolute_url(request: HttpRequest, path: str) -> str:
    """``path`` on the public origin (``SITE_URL``, else the request's), for Wix callbacks."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


# Per client and minute, for requests that may cost a Wix call (the site shares about 200 a
# minute): browsing (pages, calendar swaps, choosing, details), and reading a booking's status.
BROWSE_LIMIT_PER_MINUTE = int(settings.RATE_LIMIT_BROWSE_PER_MINUTE)
STATUS_LIMIT_PER_MINUTE = 30
browsing = rate_limited("browse", limit=BROWSE_LIMIT_PER_MINUTE, window=60, strict=False)
reading_status = rate_limited("status", limit=STATUS_LIMIT_PER_MINUTE, window=60, strict=False)
