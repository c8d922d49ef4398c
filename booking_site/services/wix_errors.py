"""What Wix's failures mean to us, in one table: customer codes, "already done", lost answers.

Branch on Wix's application error code first and the HTTP status (exception class) second
(docs/architecture.md §4, docs/wix-contract.md §14.1). ``WIX_CODES`` (kept in ``wix_codes``)
says, per documented application code, which customer code (a key of
``booking_site.errors.MESSAGES``) it becomes and how it is logged, or that it reports work already
done (a repeated Confirm-or-Decline or Place Order); ``_BY_CLASS`` is the fallback by status.
``answer_lost`` says when a write may have run although no usable answer came back, and
``once_booked`` how a failure reads once the Wix booking exists. Every service translates through
here; the messages themselves stay in ``booking_site/errors.py``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

from booking_site.errors import BookingError
from booking_site.services.wix_codes import WIX_CODES, WixCode
from booking_site.wix import (
    FieldViolation,
    WixAPIError,
    WixBusy,
    WixConfigurationError,
    WixConnectionError,
    WixError,
    WixMemberSignInExpired,
    WixNotFound,
    WixRateLimited,
    WixResponseError,
    WixServerError,
)

logger = logging.getLogger(__name__)


# Without a known application code: by status, first match wins; anything else is "unknown".
_BY_CLASS: tuple[tuple[type[Exception] | tuple[type[Exception], ...], str], ...] = (
    (WixMemberSignInExpired, "sign_in_expired"),
    (WixRateLimited, "rate_limited"),
    ((WixServerError, WixConnectionError, WixBusy), "temporarily_unavailable"),
    (WixNotFound, "service_not_found"),
    (WixConfigurationError, "admin_required"),
)

# Once the booking exists these would say "Nothing was booked" or "service not found", both
# untrue: Wix was down or throttling, its answer was unreadable (``unknown``), or eCommerce or
# Redirects answered 404 about the cart (callers make a new cart before giving up).
_PASSING = frozenset({"temporarily_unavailable", "rate_limited", "unknown", "service_not_found"})


__all__ = ["WIX_CODES", "WixCode", "rejected_fields", "translate", "wix_errors"]

# The code the client gives a validation error without an application code (§14.1): it means
# what VALIDATION_FAILURE means.
_VALIDATION = WIX_CODES["VALIDATION_FAILURE"]


def _entry(exc: WixError) -> WixCode | None:
    if not isinstance(exc, WixAPIError):
        return None
    if exc.code == "VALIDATION_ERROR" and exc.field_violations:
        return _VALIDATION
    return WIX_CODES.get(exc.code or "")


def translate(exc: WixError) -> BookingError:
    """The ``BookingError`` a customer should see for ``exc``, logged once.

    A documented code is logged with its own line and level (``WIX_CODES``); a validation
    failure that names form or contact fields becomes ``details_rejected`` with those fields
    (``BookingError.fields``), so the details page can mark them. Anything else falls back on
    the status, and what is left is ``unknown`` (logged as unexpected).
    """
    request_id = getattr(exc, "request_id", None)
    entry = _entry(exc)
    if entry is not None and entry.customer is not None:
        assert isinstance(exc, WixAPIError)
        fields = rejected_fields(exc) if entry is _VALIDATION else {}
        customer = "details_rejected" if fields else entry.customer
        logger.log(
            entry.level,
            "Wix refused %s: %s",
            exc.code,
            entry.log,
            extra={
                "wix_status": exc.status,
                "wix_code": exc.code,
                "wix_request_id": request_id,
                "booking_error": customer,
            },
        )
        return BookingError(customer, wix_request_id=request_id, fields=fields)
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


# "first_name must have required property 'first_name'" ([S], docs/wix-contract.md §25).
_REQUIRED_PROPERTY = re.compile(r"required property '([A-Za-z0-9_.-]{1,100})'")
_CONTACT_TARGETS = {
    "firstName": "first_name",
    "lastName": "last_name",
    "email": "email",
    "phone": "phone",
}


def rejected_fields(exc: WixAPIError) -> dict[str, str]:
    """The form fields (``target`` names) a validation failure names: ``missing`` or ``invalid``.

    Read from ``fieldViolations`` (the field path, or the property a "required property"
    message names) and from an application error's ``data.fields`` paths. Paths of the booking
    itself (slot fields: our request, not the customer's answers) are left out.
    """
    found: dict[str, str] = {}
    for violation in exc.field_violations:
        named = _REQUIRED_PROPERTY.search(violation.description)
        target = named.group(1) if named else _target(violation.field)
        if target:
            found[target] = _kind(violation)
    app_error = exc.details.get("applicationError")
    data = app_error.get("data") if isinstance(app_error, dict) else None
    paths = data.get("fields") if isinstance(data, dict) else None
    for path in paths if isinstance(paths, list) else ():
        target = _target(str(path))
        if target:
            found.setdefault(target, "missing")
    return found


def _kind(violation: FieldViolation) -> str:
    return "missing" if "required" in violation.description.lower() else "invalid"


def _target(path: str) -> str | None:
    """The form target a violation's field path names, if it names one."""
    for prefix in ("formSubmission.", "booking.formSubmission."):
        if path.startswith(prefix):
            return path.removeprefix(prefix) or None
    if path.startswith("booking.contactDetails."):
        return _CONTACT_TARGETS.get(path.removeprefix("booking.contactDetails."))
    if path and "." not in path and path not in ("booking", "formSubmission"):
        return _CONTACT_TARGETS.get(path, path)
    return None


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
