"""What Wix's failures mean to us, in one table: customer codes, "already done", lost answers.

Branch on Wix's application error code first and the HTTP status (exception class) second
(docs/architecture.md §4, docs/wix-contract.md §14.1). ``WIX_CODES`` says, per application code,
which customer code (a key of ``booking_site.errors.MESSAGES``) it becomes, or that it reports work
already done (a repeated Confirm-or-Decline or Place Order); ``_BY_CLASS`` is the fallback by
status. ``answer_lost`` says when a write may have run although no usable answer came back, and
``once_booked`` how a failure reads once the Wix booking exists. Every service translates through
here; the messages themselves stay in ``booking_site/errors.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from booking_site.errors import BookingError
from booking_site.wix import (
    WixAPIError,
    WixBusy,
    WixConfigurationError,
    WixConnectionError,
    WixError,
    WixNotFound,
    WixRateLimited,
    WixResponseError,
    WixServerError,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WixCode:
    """One application code: the customer code it becomes, or the work it says was done.

    ``done`` codes are no failure to the caller that repeated the write: ``status_set``
    (Confirm-or-Decline on a settled booking, §14.4) and ``ordered`` (the cart or checkout was
    ordered already; its error data names the order, §31.2).
    """

    customer: str | None
    done: Literal["status_set", "ordered"] | None = None


WIX_CODES: Mapping[str, WixCode] = {
    "SLOT_NOT_AVAILABLE": WixCode("slot_taken"),
    # §31.1: the slot could not be held for this booking; re-list times, as for a taken slot.
    "SLOT_HOLD_UNAVAILABLE": WixCode("slot_taken"),
    "SLOT_NOT_FOUND": WixCode("slot_taken"),
    "SESSION_CAPACITY_EXCEEDED": WixCode("class_full"),
    "SCHEDULE_CAPACITY_EXCEEDED": WixCode("course_full"),
    "BOOKING_POLICY_VIOLATION": WixCode("policy_violation"),
    "INVALID_CHOICES": WixCode("invalid_choices"),
    "INVALID_SERVICE_CHOICES": WixCode("invalid_choices"),
    "FAILED_RESOLVING_CUSTOM_CHOICES": WixCode("invalid_choices"),
    "SESSION_NOT_FOUND": WixCode("slot_not_found"),
    "SCHEDULE_NOT_FOUND": WixCode("service_not_found"),
    "SERVICE_NOT_FOUND": WixCode("service_not_found"),
    "BOOKING_NOT_FOUND": WixCode("booking_not_found"),
    "SITE_MUST_ACCEPT_PAYMENTS": WixCode("payment_unavailable"),
    "SITE_NOT_ACCEPTING_PAYMENTS": WixCode("payment_unavailable"),
    "INSUFFICIENT_INVENTORY": WixCode("payment_unavailable"),
    # Paying with a plan (§28.3): Create Cart refuses a plan for the line; Place Order a plan
    # that stopped being valid.
    "INVALID_MEMBERSHIP_PAYMENT_OPTION": WixCode("plan_not_applicable"),
    "INVALID_MEMBERSHIP": WixCode("plan_unavailable"),
    # eCommerce and Redirects name the cart: never "service not found". Callers that can make a
    # new cart do so first; if Wix still says not found, the booking stays and a retry resumes.
    "CART_NOT_FOUND": WixCode("booking_held"),
    "CHECKOUT_NOT_FOUND": WixCode("booking_held"),
    "BOOKING_STATUS_ALREADY_SET": WixCode(None, done="status_set"),
    # A cart or checkout is ordered once (§31.2; the sandbox and Checkout V1 use the other two
    # codes for the same refusal).
    "CART_ALREADY_ORDERED": WixCode(None, done="ordered"),
    "CART_ALREADY_CHECKED_OUT": WixCode(None, done="ordered"),
    "CHECKOUT_ALREADY_PAID": WixCode(None, done="ordered"),
}

# Without a known application code: by status, first match wins; anything else is "unknown".
_BY_CLASS: tuple[tuple[type[Exception] | tuple[type[Exception], ...], str], ...] = (
    (WixRateLimited, "rate_limited"),
    ((WixServerError, WixConnectionError, WixBusy), "temporarily_unavailable"),
    (WixNotFound, "service_not_found"),
    (WixConfigurationError, "admin_required"),
)

# Once the booking exists these would say "Nothing was booked" or "service not found", both
# untrue: Wix was down or throttling, its answer was unreadable (``unknown``), or eCommerce or
# Redirects answered 404 about the cart (callers make a new cart before giving up).
_PASSING = frozenset({"temporarily_unavailable", "rate_limited", "unknown", "service_not_found"})


def _entry(exc: WixError) -> WixCode | None:
    return WIX_CODES.get(exc.code or "") if isinstance(exc, WixAPIError) else None


def translate(exc: WixError) -> BookingError:
    """The ``BookingError`` a customer should see for ``exc``; unexpected ones are logged."""
    request_id = getattr(exc, "request_id", None)
    entry = _entry(exc)
    if entry is not None and entry.customer is not None:
        return BookingError(entry.customer, wix_request_id=request_id)
    for kinds, code in _BY_CLASS:
        if isinstance(exc, kinds):
            # A missing API key is our configuration, not a Wix answer: no request id.
            wix_id = None if isinstance(exc, WixConfigurationError) else request_id
            return BookingError(code, wix_request_id=wix_id)
    logger.error(
        "unexpected Wix error",
        extra={
            "wix_status": getattr(exc, "status", None),
            "wix_code": getattr(exc, "code", None),
            "wix_request_id": request_id,
        },
    )
    return BookingError("unknown", wix_request_id=request_id)


def already_set(exc: WixError) -> bool:
    """Whether ``exc`` says the booking's status was already set (the confirm ran before)."""
    entry = _entry(exc)
    return entry is not None and entry.done == "status_set"


def already_ordered(exc: WixError) -> str | None:
    """The order id when ``exc`` says the cart or checkout was already ordered ("" if unnamed)."""
    entry = _entry(exc)
    if entry is None or entry.done != "ordered":
        return None
    assert isinstance(exc, WixAPIError)
    app_error = exc.details.get("applicationError")
    data = app_error.get("data") if isinstance(app_error, dict) else None
    order_id = data.get("orderId") if isinstance(data, dict) else None
    return str(order_id) if isinstance(order_id, str) else ""


def answer_lost(exc: WixError) -> bool:
    """Whether a write may have run although no usable answer came back.

    A timeout or broken connection, Wix's own gateway timing out (504), or a 2xx whose body
    can't be read. Other 5xx and throttling mean the request was refused before it ran.
    """
    if isinstance(exc, WixConnectionError | WixResponseError):
        return True
    return isinstance(exc, WixServerError) and exc.status == 504


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
