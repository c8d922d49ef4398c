"""Translate Wix client exceptions into customer-facing ``BookingError`` codes, in one place.

Branch on Wix's application error code first and the HTTP status second (DESIGN.md §4).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from booking_site.errors import BookingError
from booking_site.wix import (
    WixAPIError,
    WixBusy,
    WixConfigurationError,
    WixConnectionError,
    WixError,
    WixNotFound,
    WixRateLimited,
    WixServerError,
)

logger = logging.getLogger(__name__)

_BY_CODE = {
    "SLOT_NOT_AVAILABLE": "slot_taken",
    "SLOT_NOT_FOUND": "slot_taken",
    "SESSION_CAPACITY_EXCEEDED": "class_full",
    "SCHEDULE_CAPACITY_EXCEEDED": "course_full",
    "BOOKING_POLICY_VIOLATION": "policy_violation",
    "INVALID_CHOICES": "invalid_choices",
    "INVALID_SERVICE_CHOICES": "invalid_choices",
    "FAILED_RESOLVING_CUSTOM_CHOICES": "invalid_choices",
    "SESSION_NOT_FOUND": "slot_not_found",
    "SCHEDULE_NOT_FOUND": "service_not_found",
    "SERVICE_NOT_FOUND": "service_not_found",
    "BOOKING_NOT_FOUND": "booking_not_found",
    "SITE_MUST_ACCEPT_PAYMENTS": "payment_unavailable",
    "SITE_NOT_ACCEPTING_PAYMENTS": "payment_unavailable",
    "INSUFFICIENT_INVENTORY": "payment_unavailable",
    # eCommerce and Redirects name the cart: never "service not found". Callers that can make a
    # new cart do so first; if Wix still says not found, the booking stays and a retry resumes.
    "CART_NOT_FOUND": "booking_held",
    "CHECKOUT_NOT_FOUND": "booking_held",
}


def translate(exc: WixError) -> BookingError:
    """The ``BookingError`` a customer should see for ``exc``; unexpected ones are logged."""
    request_id = getattr(exc, "request_id", None)
    if isinstance(exc, WixAPIError) and exc.code in _BY_CODE:
        return BookingError(_BY_CODE[exc.code], wix_request_id=request_id)
    if isinstance(exc, WixRateLimited):
        return BookingError("rate_limited", wix_request_id=request_id)
    if isinstance(exc, WixServerError | WixConnectionError | WixBusy):
        return BookingError("temporarily_unavailable", wix_request_id=request_id)
    if isinstance(exc, WixNotFound):
        return BookingError("service_not_found", wix_request_id=request_id)
    if isinstance(exc, WixConfigurationError):
        return BookingError("admin_required")
    logger.error(
        "unexpected Wix error",
        extra={
            "wix_status": getattr(exc, "status", None),
            "wix_code": getattr(exc, "code", None),
            "wix_request_id": request_id,
        },
    )
    return BookingError("unknown", wix_request_id=request_id)


# Once the booking exists these would say "Nothing was booked" or "service not found", both
# untrue: Wix was down or throttling, its answer was unreadable (``unknown``), or eCommerce or
# Redirects answered 404 about the cart (callers make a new cart before giving up).
_PASSING = frozenset({"temporarily_unavailable", "rate_limited", "unknown", "service_not_found"})


def once_booked(error: BookingError) -> BookingError:
    """``error`` as told once the Wix booking exists: a passing failure keeps it for the retry.

    The retry carries on with the same booking, never a second one.
    """
    if error.code in _PASSING:
        return BookingError("booking_held", wix_request_id=error.wix_request_id)
    return error


@contextmanager
def wix_errors() -> Iterator[None]:
    """Re-raise any ``WixError`` inside the block as the matching ``BookingError``."""
    try:
        yield
    except WixError as exc:
        raise translate(exc) from exc
